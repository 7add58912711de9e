/**
 * Title clean-up and the choice of a canonical title when sources disagree.
 *
 * Policy (DATASET.md repeats it): the curated supplement's title wins (it was checked against current arXiv
 * titles); otherwise the title written by the most sources, compared after normalizeTitle. Ties go, in order, to
 * the title with fewer likely typos (likelyTypos: "Languagze", a word no other title of the dataset uses, where
 * the other title has the common "Language"), to a title written beside the record's own arXiv link (rather
 * than a venue title merged in by similarity), and finally to the source priority of data/sources.json. Among spellings of the winning title,
 * the one most sources wrote wins, again with priority breaking ties. Other titles are kept as titleVariants.
 */
import { editDistance } from '../catalog/text';
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
  /**
   * True when the entry links the record's arXiv id (false for an OpenReview/ACL/publisher entry merged into an
   * arXiv record by its title). Undefined counts as false.
   */
  linked?: boolean;
}

/**
 * How often each normalised word occurs in the dataset's titles: the number of distinct titles (one per record
 * and title key) that use it. Built once per import by `titleVocabulary`.
 */
export type TitleVocabulary = ReadonlyMap<string, number>;

/** Count, for every normalised word, the distinct titles that use it (each title once, however often it is written). */
export function titleVocabulary(titlesPerRecord: Iterable<readonly string[]>): Map<string, number> {
  const vocab = new Map<string, number>();
  for (const titles of titlesPerRecord) {
    const keys = new Set<string>();
    for (const t of titles) {
      const key = titleKey(t);
      if (!key || keys.has(key)) continue;
      keys.add(key);
      for (const w of new Set(normalizeTitle(t).split(' '))) if (w) vocab.set(w, (vocab.get(w) ?? 0) + 1);
    }
  }
  return vocab;
}

// An ordinary word as written: lower case or Capitalised letters, at least three. Coined names ("QIGen",
// "IntactKV", "LLaMA") are unique by design, so only ordinary words can betray a typo.
const ORDINARY_WORD = /^(?=\p{L}{3})\p{Lu}?\p{Ll}+$/u;

/**
 * Ordinary words of `title` that no other title of the dataset uses ("Languagze" in "IntactKV: Improving Large
 * Languagze Model Quantization…"). `vocab` must count `title` itself once, so a count of 1 means "only here".
 */
export function unknownWords(title: string, vocab: TitleVocabulary): string[] {
  const out: string[] = [];
  for (const token of title.split(/[^\p{L}\p{N}]+/u)) {
    if (!ORDINARY_WORD.test(token)) continue;
    const word = normalizeTitle(token);
    if (word && (vocab.get(word) ?? 0) <= 1 && !out.includes(word)) out.push(word);
  }
  return out;
}

const wordsOf = (title: string) => new Set(normalizeTitle(title).split(' ').filter(Boolean));

/**
 * Likely typos of `title` against the other titles of the same paper: its unknown words (unknownWords) that are
 * one edit (two for words of eight letters or more) from a word that a competing title has, that `title` lacks,
 * and that other titles of the dataset use too ("languagze" / "language"). A rare but real word ("Junk",
 * "Irreversibly") has no such partner, so a legitimately unusual title is not penalised.
 */
export function likelyTypos(title: string, others: readonly string[], vocab: TitleVocabulary): string[] {
  const own = wordsOf(title);
  const partners = new Set<string>();
  for (const o of others)
    for (const w of wordsOf(o)) if (!own.has(w) && (vocab.get(w) ?? 0) >= 2) partners.add(w);
  return unknownWords(title, vocab).filter((u) =>
    [...partners].some((p) => {
      const max = Math.min(u.length, p.length) >= 8 ? 2 : 1;
      return editDistance(u, p, max) <= max;
    }),
  );
}

function rank(priority: readonly SourceId[], source: SourceId): number {
  const i = priority.indexOf(source);
  return i < 0 ? priority.length : i;
}

/**
 * Best of a set of strings by (distinct sources desc, `tieBreak`, best source priority asc, string asc).
 * `tieBreak` orders keys with the same number of sources (negative: a before b).
 */
function pickBest<T extends string>(
  votes: readonly { key: T; source: SourceId }[],
  priority: readonly SourceId[],
  tieBreak: (a: T, b: T) => number = () => 0,
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
    return sb.n - sa.n || tieBreak(a, b) || sa.best - sb.best || (a < b ? -1 : a > b ? 1 : 0);
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

/** Options of chooseTitle. */
export interface ChooseTitleOptions {
  /** The dataset's title vocabulary, for the typo tie-break; without it that tie-break is skipped. */
  vocabulary?: TitleVocabulary;
}

/**
 * The canonical title among the votes, and the other titles (one spelling per distinct title), most-supported
 * first. Throws on an empty list: every record has at least one entry.
 */
export function chooseTitle(
  votes: readonly TitleVote[],
  priority: readonly SourceId[],
  options: ChooseTitleOptions = {},
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
  const { vocabulary } = options;
  const typos = new Map<string, number>();
  const typosOf = (key: string): number => {
    let n = typos.get(key);
    if (n === undefined) {
      const others = usable.filter((v) => titleKey(v.title) !== key).map((v) => v.title);
      n = vocabulary ? likelyTypos(spelling(key), others, vocabulary).length : 0;
      typos.set(key, n);
    }
    return n;
  };
  const linked = (key: string) => usable.some((v) => v.linked === true && titleKey(v.title) === key);
  const keys = pickBest(
    usable.map((v) => ({ key: titleKey(v.title), source: v.source })),
    priority,
    (a, b) => typosOf(a) - typosOf(b) || Number(linked(b)) - Number(linked(a)),
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
