/**
 * Fuzzy title matching for the merge: a paper with no arXiv id in one list (an OpenReview, ACL or publisher
 * link) and an arXiv paper in another are the same paper when their titles are near-identical, even if a source
 * wrote the venue title ("AWQ: … for On-Device LLM Compression …") or an older arXiv title ("GPTQ: Accurate
 * Quantization …"). The similarity and its threshold are the catalog's (lib/catalog/title-match.ts,
 * FUZZY_TITLE_THRESHOLD), so the importer merges exactly what a catalog lookup of that title would resolve.
 *
 * Two records that both have arXiv ids are never merged however similar their titles: two ids are two arXiv
 * submissions, and one of them is probably a wrong id in a list. Such pairs are returned for DATASET.md.
 */
import { FuzzyTitleIndex } from '../catalog/fuzzy-index';
import { FUZZY_TITLE_THRESHOLD, PreparedTitle, titleSimilarity } from '../catalog/title-match';
import { normalizeTitle } from '../text/title';

/** A group of titles (one record to be) taking part in fuzzy matching. */
export interface TitledGroup {
  /** Record id to be ("arxiv:2210.17323", "openreview:tcbBPnfwxS"). */
  key: string;
  /** Cleaned titles as the sources wrote them (duplicates allowed). */
  titles: readonly string[];
}

/** How a record without an arXiv id was matched to an arXiv record. */
export type FuzzyHow = 'fuzzy' | 'head';

export interface FuzzyMatch {
  /** Key of the arXiv group. */
  target: string;
  how: FuzzyHow;
  score: number;
  /** The two titles that matched (query first). */
  title: string;
  targetTitle: string;
}

export interface NearDuplicate {
  /** Smaller key first. */
  a: string;
  b: string;
  titleA: string;
  titleB: string;
  score: number;
}

/**
 * Second, narrower criterion for a record without an arXiv id: both titles open with the same named head (the
 * text before the first ": ", e.g. "AdaMix"), no other record's title opens with it, and the whole titles are at
 * least this similar. A renamed paper keeps its method name but may reword the rest ("AdaMix: Mixture-of-Adapter
 * for Parameter-efficient Tuning of Large Language Models", arXiv v1, vs the EMNLP title "AdaMix:
 * Mixture-of-Adaptations for Parameter-efficient Model Tuning": 0.68). Different papers that share a head score
 * far lower: over the 24 same-head pairs of the dataset the highest is 0.49 ("LongRAG: Enhancing …" vs
 * "LongRAG: A Dual-Perspective …"), most are below 0.35.
 */
export const HEAD_MATCH_MIN = 0.6;

// A head is at most this long, so that a long first clause ("Less is More: …" is fine, a sentence is not).
const HEAD = /^([^:]{2,40}):\s/;

/** Normalised named head of a title ("adamix" for "AdaMix: Mixture-of-…"), or null. */
export function titleHead(title: string): string | null {
  const m = HEAD.exec(title);
  const head = m?.[1] ? normalizeTitle(m[1]) : '';
  return head ? head : null;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function distinctTitles(titles: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const t of titles) {
    const norm = normalizeTitle(t);
    if (!norm || seen.has(norm)) continue;
    seen.add(norm);
    out.push(t);
  }
  return out;
}

/**
 * Titles of the arXiv groups, indexed once: fuzzy matches of other groups' titles against them, and the pairs of
 * arXiv groups that match each other.
 */
export class ArxivTitleMatcher {
  private readonly groups: readonly TitledGroup[];
  private readonly index: FuzzyTitleIndex;
  private readonly prepared: { group: number; title: PreparedTitle }[] = [];
  /** Head → keys of every group (arXiv or not) whose titles open with it. */
  private readonly heads = new Map<string, Set<string>>();

  /**
   * `arxivGroups` are the candidates; `allGroups` (arXiv and not) only count heads, so that a head shared by a
   * third record is not used.
   */
  constructor(
    arxivGroups: readonly TitledGroup[],
    allGroups: readonly TitledGroup[],
    readonly threshold: number = FUZZY_TITLE_THRESHOLD,
  ) {
    this.groups = arxivGroups;
    arxivGroups.forEach((g, i) => {
      for (const t of distinctTitles(g.titles))
        this.prepared.push({ group: i, title: new PreparedTitle(t, normalizeTitle(t)) });
    });
    this.index = new FuzzyTitleIndex(
      this.prepared.map((p, e) => ({ record: e, title: p.title, main: true })),
    );
    for (const g of allGroups)
      for (const t of g.titles) {
        const h = titleHead(t);
        if (h) this.heads.set(h, (this.heads.get(h) ?? new Set()).add(g.key));
      }
  }

  private weight = (term: string) => this.index.weight(term);

  /** Best score per arXiv group for any of the titles, with the titles that gave it. */
  private scores(titles: readonly string[]): Map<number, { score: number; title: string; target: string }> {
    const best = new Map<number, { score: number; title: string; target: string }>();
    for (const t of distinctTitles(titles)) {
      const query = new PreparedTitle(t, normalizeTitle(t));
      for (const { record, score } of this.index.match(query)) {
        const p = this.prepared[record];
        if (!p) continue;
        const prev = best.get(p.group);
        if (!prev || score > prev.score) best.set(p.group, { score, title: t, target: p.title.raw });
      }
    }
    return best;
  }

  /**
   * The arXiv group a group without an arXiv id belongs to, or null. A fuzzy match must reach the threshold
   * and be unique (a title close to two arXiv papers says nothing about which one); otherwise the named-head
   * criterion (HEAD_MATCH_MIN) is tried.
   */
  match(group: TitledGroup): FuzzyMatch | null {
    const scores = this.scores(group.titles);
    const above = [...scores].filter(([, s]) => s.score >= this.threshold);
    if (above.length === 1) {
      const [i, s] = above[0] as [number, { score: number; title: string; target: string }];
      return { target: (this.groups[i] as TitledGroup).key, how: 'fuzzy', score: s.score, ...pick(s) };
    }
    if (above.length > 1) return null;
    return this.headMatch(group);
  }

  private headMatch(group: TitledGroup): FuzzyMatch | null {
    let found: FuzzyMatch | null = null;
    for (const t of distinctTitles(group.titles)) {
      const h = titleHead(t);
      const owners = h ? this.heads.get(h) : undefined;
      // The head must belong to this group and exactly one other.
      if (owners?.size !== 2 || !owners.has(group.key)) continue;
      const other = [...owners].find((k) => k !== group.key);
      const gi = this.groups.findIndex((g) => g.key === other);
      const target = this.groups[gi];
      if (!target) continue;
      const query = new PreparedTitle(t, normalizeTitle(t));
      for (const u of distinctTitles(target.titles)) {
        if (titleHead(u) !== h) continue;
        const score = titleSimilarity(query, new PreparedTitle(u, normalizeTitle(u)), this.weight);
        if (score >= HEAD_MATCH_MIN && (!found || score > found.score))
          found = { target: target.key, how: 'head', score, title: t, targetTitle: u };
      }
    }
    return found;
  }

  /** Pairs of arXiv groups whose titles match at the threshold, sorted by key. */
  nearDuplicates(): NearDuplicate[] {
    const pairs = new Map<string, NearDuplicate>();
    this.groups.forEach((g, i) => {
      for (const [j, s] of this.scores(g.titles)) {
        if (j === i || s.score < this.threshold) continue;
        const other = this.groups[j] as TitledGroup;
        const [a, b] = cmp(g.key, other.key) < 0 ? [g, other] : [other, g];
        const [titleA, titleB] = a === g ? [s.title, s.target] : [s.target, s.title];
        const id = `${a.key}\u0000${b.key}`;
        const prev = pairs.get(id);
        if (!prev || s.score > prev.score)
          pairs.set(id, { a: a.key, b: b.key, titleA, titleB, score: s.score });
      }
    });
    return [...pairs.values()].sort((x, y) => cmp(x.a, y.a) || cmp(x.b, y.b));
  }
}

function pick(s: { title: string; target: string }): { title: string; targetTitle: string } {
  return { title: s.title, targetTitle: s.target };
}
