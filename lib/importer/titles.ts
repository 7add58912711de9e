/**
 * Title clean-up and the choice of a canonical title when sources disagree.
 *
 * Policy (DATASET.md repeats it): the curated supplement's title wins (it was checked against current arXiv
 * titles); otherwise the title written by the most sources, compared after normalizeTitle; ties go to the source
 * priority of data/sources.json. Among spellings of the winning title, the one most sources wrote wins, again
 * with priority breaking ties. Other titles are kept as titleVariants.
 */
import type { SourceId } from '../dataset/schema';
import { normalizeTitle } from '../text/title';

/**
 * Fix obvious slips of a source without changing the title: collapse whitespace, drop stray markdown and
 * trailing punctuation (Xnhyacinth ends every title with "."), and undo a repeated acronym
 * ("OmniQuant: OmniQuant: Omnidirectionally …", AIoT).
 */
export function cleanTitle(raw: string): string {
  let t = raw.replace(/\s+/gu, ' ').trim();
  // Stray emphasis/code markers and brackets left around the title.
  t = t.replace(/^[*_`[\s]+|[*_`\]\s]+$/g, '');
  // Trailing separators; one final period (but not an ellipsis).
  t = t.replace(/[\s,，;:]+$/u, '').replace(/(?<!\.)\.$/, '');
  const repeated = /^([^:]{1,60}):\s*\1:\s*/u.exec(t);
  if (repeated?.[1]) t = `${repeated[1]}: ${t.slice(repeated[0].length)}`;
  return t.trim();
}

/** One title as written, with who wrote it. */
export interface TitleVote {
  source: SourceId;
  /** Cleaned title. */
  title: string;
}

function rank(priority: readonly SourceId[], source: SourceId): number {
  const i = priority.indexOf(source);
  return i < 0 ? priority.length : i;
}

/** Best of a set of strings by (distinct sources desc, best source priority asc, string asc). */
function pickBest<T extends string>(
  votes: readonly { key: T; source: SourceId }[],
  priority: readonly SourceId[],
): T[] {
  const bySource = new Map<T, Set<SourceId>>();
  for (const v of votes) {
    const set = bySource.get(v.key) ?? new Set<SourceId>();
    set.add(v.source);
    bySource.set(v.key, set);
  }
  const score = (key: T) => {
    const sources = [...(bySource.get(key) ?? [])];
    return { n: sources.length, best: Math.min(...sources.map((s) => rank(priority, s))) };
  };
  return [...bySource.keys()].sort((a, b) => {
    const sa = score(a);
    const sb = score(b);
    return sb.n - sa.n || sa.best - sb.best || (a < b ? -1 : a > b ? 1 : 0);
  });
}

/**
 * Comparison key of a title: normalizeTitle without spaces. Titles that differ only in spacing are one title: PDF-extracted titles lose spaces ("posttraining",
 * "ContextWindow", "Recipefor"), so they are compared with spaces removed, and the spelling with the most words
 * is preferred.
 */
export function titleKey(title: string): string {
  return normalizeTitle(title).replace(/ /g, '');
}

/**
 * The canonical title among the votes, and the other titles (one spelling per distinct title), most-supported
 * first. Throws on an empty list: every record has at least one entry.
 */
export function chooseTitle(
  votes: readonly TitleVote[],
  priority: readonly SourceId[],
): { title: string; variants: string[] } {
  const usable = votes.filter((v) => titleKey(v.title) !== '');
  if (usable.length === 0) throw new Error('chooseTitle: no usable title');
  const spelling = (key: string): string => {
    const same = usable.filter((v) => titleKey(v.title) === key);
    const curated = same.filter((v) => v.source === 'curated');
    let pool = curated.length > 0 ? curated : same;
    const words = (t: string) => normalizeTitle(t).split(' ').length;
    const most = Math.max(...pool.map((v) => words(v.title)));
    pool = pool.filter((v) => words(v.title) === most);
    return pickBest(
      pool.map((v) => ({ key: v.title, source: v.source })),
      priority,
    )[0] as string;
  };
  const curated = usable.filter((v) => v.source === 'curated');
  const keys = pickBest(
    usable.map((v) => ({ key: titleKey(v.title), source: v.source })),
    priority,
  );
  const winner = curated.length > 0 ? titleKey((curated[0] as TitleVote).title) : (keys[0] as string);
  return {
    title: spelling(winner),
    variants: keys.filter((k) => k !== winner).map(spelling),
  };
}

/**
 * The most supported value among votes (curated first, then distinct sources, then priority), or null when there
 * are no votes. Used for venues and, for papers without an arXiv id, years.
 */
export function chooseValue<T extends string | number>(
  votes: readonly { value: T; source: SourceId }[],
  priority: readonly SourceId[],
): T | null {
  if (votes.length === 0) return null;
  const curated = votes.filter((v) => v.source === 'curated');
  const pool = curated.length > 0 ? curated : votes;
  const keyed = pool.map((v) => ({ key: JSON.stringify(v.value), source: v.source }));
  const best = pickBest(keyed, priority)[0];
  return best === undefined ? null : (JSON.parse(best) as T);
}
