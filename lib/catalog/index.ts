import type { PaperRecord } from '../dataset/schema';
import { arxivKey } from '../paper-id';
import {
  getNode,
  getPath,
  isLeafId,
  type LeafId,
  leavesUnder,
  sortLeaves,
  TAXONOMY_NODES,
} from '../taxonomy';
import { normalizeTitle } from '../text/title';
import { Bm25Index } from './bm25';
import { FuzzyTitleIndex } from './fuzzy-index';
import { TermStats, topicalTerms } from './term-stats';
import { normTerms, STOP_WORDS, searchTerms } from './text';
import { FUZZY_TITLE_THRESHOLD, PreparedTitle, titleSimilarity } from './title-match';
import type { CatalogIndexApi, LookupResult, PaperQuery, RelatedWork, SearchHit, TitleMatch } from './types';

/**
 * The in-memory catalog index: built once from the catalog's records (background service worker, CLI,
 * benchmarks), then answers every lookup synchronously.
 *
 * Records are sorted by id on the way in, and every ranking breaks ties by id, so results never depend on
 * the order the records arrived in (IndexedDB cursor order, JSON order).
 *
 * The fuzzy-title index, the full-text index and the related-work term statistics are separate parts:
 * fromRecords builds them all, unless asked to be lazy, when each is built on its first use (a page visit
 * needs one or two of them, the popup's search another). `warm()` builds whatever is still missing.
 */

export { FUZZY_TITLE_THRESHOLD } from './title-match';

/** Default number of related works. */
export const DEFAULT_RELATED_LIMIT = 8;
/** Default number of search hits. */
export const DEFAULT_SEARCH_LIMIT = 20;

// Related-work text score: title similarity, a mild boost for newer papers, and a little for papers that
// many source lists cite (our only proxy for how central a paper is; there are no citation counts offline).
const W_SIMILARITY = 0.75;
const W_RECENCY = 0.15;
const W_CENTRALITY = 0.1;
/** Recency rises linearly over this many years up to the newest paper in the catalog. */
const RECENCY_SPAN = 8;
/** Source count at which centrality saturates. */
const CENTRALITY_CAP = 4;
/** A word contained in another ("lora" in "qlora", "attention" in "flashattention") counts this much. */
const PARTIAL_TERM_CREDIT = 0.5;
/** At most this many shared terms are named in a reason. */
const REASON_TERMS = 3;
/** How much a candidate's similarity to an already picked related work lowers its text score. */
const DIVERSITY = 0.5;
/** Related works are picked from at least this many best candidates. */
const DIVERSITY_POOL = 40;
/** Below this term similarity two titles cannot be the same paper's, so the title comparison is skipped. */
const DUPLICATE_CHECK_SIMILARITY = 0.4;

/** Each shared leaf is a tier of its own: the text score (< 1) never lifts a paper past one more shared leaf. */
function tierScore(tier: number, text: number): number {
  return tier + 0.99 * text;
}

/** Sort orders of byLeaf. */
export type LeafSort = 'year-desc' | 'year-asc' | 'title';

/** A query for related works: weighted terms, leaves, and records to leave out. */
interface RelatedQuery {
  title: string;
  terms: Map<string, number>;
  norm: number;
  leaves: LeafId[];
  exclude: ReadonlySet<number>;
}

/** A related-work candidate with its scores. */
interface Candidate {
  record: number;
  /** Number of shared leaves (0 for a paper from the same area, or when the query has no leaves). */
  tier: number;
  /** Title similarity to the query (IDF cosine), in [0, 1]. */
  similarity: number;
  /** Similarity, recency and centrality blended, in [0, 1]. */
  text: number;
  score: number;
}

/** Versionless, lower-case arXiv key (lib/paper-id.ts; re-exported here, where the catalog keys its id map). */
export { arxivKey };

// A typed arXiv id inside a search query (new or old style, optional prefix and version).
const ARXIV_IN_TEXT = /(?:arxiv:\s*)?(\d{4}\.\d{4,5}|[a-z]+(?:-[a-z]+)?(?:\.[a-z-]+)?\/\d{7})(?:v\d+)?/gi;

function compareYearDesc(a: number | null, b: number | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return b - a;
}

/** In-memory index over the catalog's paper records. */
export class CatalogIndex implements CatalogIndexApi {
  private readonly records: PaperRecord[];
  private readonly byIdMap = new Map<string, number>();
  private readonly arxivMap = new Map<string, number>();
  private readonly openreviewMap = new Map<string, number>();
  /** Normalised title (main or variant) → records, preferred first. */
  private readonly titleMap = new Map<string, number[]>();
  /** Variant titles with their normal forms: [record, title, norm]. */
  private readonly variants: [number, string, string][] = [];
  /** Leaf → non-survey records in it (ascending). */
  private readonly leafMembers = new Map<LeafId, number[]>();
  private readonly recency: Float64Array;
  private readonly centrality: Float64Array;
  private readonly sourceCounts: Int32Array;
  private readonly termsCache: (string[] | undefined)[];
  private fuzzyCache: FuzzyTitleIndex | undefined;
  private bm25Cache: Bm25Index | undefined;
  private statsCache: TermStats | undefined;
  private readonly sortCache = new Map<string, number[]>();
  private countsCache: Record<string, number> | undefined;

  /**
   * Build the index (records are copied and sorted by id; a duplicate id keeps its first occurrence).
   * `lazy: true` builds only the id and exact-title maps now and each other part on its first use.
   */
  static fromRecords(records: readonly PaperRecord[], options: { lazy?: boolean } = {}): CatalogIndex {
    const index = new CatalogIndex(records);
    return options.lazy ? index : index.warm();
  }

  private constructor(input: readonly PaperRecord[]) {
    const seen = new Set<string>();
    const unique: PaperRecord[] = [];
    for (const r of input) {
      if (seen.has(r.id)) continue;
      seen.add(r.id);
      unique.push(r);
    }
    // data/papers.json is already sorted by id; checking is cheaper than sorting again.
    let sorted = true;
    for (let i = 1; i < unique.length && sorted; i++) sorted = unique[i - 1]!.id < unique[i]!.id;
    this.records = sorted ? unique : unique.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

    const n = this.records.length;
    this.recency = new Float64Array(n);
    this.centrality = new Float64Array(n);
    this.sourceCounts = new Int32Array(n);
    this.termsCache = new Array(n);
    let maxYear = Number.NEGATIVE_INFINITY;
    for (const r of this.records) if (r.year !== null && r.year > maxYear) maxYear = r.year;

    for (let i = 0; i < n; i++) {
      const r = this.records[i]!;
      this.byIdMap.set(r.id, i);
      if (r.arxivId) {
        const key = arxivKey(r.arxivId);
        if (!this.arxivMap.has(key)) this.arxivMap.set(key, i);
      }
      if (r.openreviewId) {
        const key = r.openreviewId.trim();
        if (!this.openreviewMap.has(key)) this.openreviewMap.set(key, i);
      }
      this.addTitle(this.normOf(i), i);
      for (const variant of r.titleVariants) {
        const norm = normalizeTitle(variant);
        if (!norm || norm === this.normOf(i)) continue;
        this.addTitle(norm, i);
        this.variants.push([i, variant, norm]);
      }
      if (!r.isSurvey) {
        for (const leaf of r.leaves) {
          const list = this.leafMembers.get(leaf);
          if (!list) this.leafMembers.set(leaf, [i]);
          else if (list[list.length - 1] !== i) list.push(i);
        }
      }
      this.recency[i] =
        r.year === null ? 0 : Math.min(1, Math.max(0, (r.year - (maxYear - RECENCY_SPAN)) / RECENCY_SPAN));
      const sources: string[] = [];
      for (const p of r.provenance) if (!sources.includes(p.source)) sources.push(p.source);
      this.sourceCounts[i] = sources.length;
      this.centrality[i] = Math.min(sources.length, CENTRALITY_CAP) / CENTRALITY_CAP;
    }
    // Exact-title collisions: a record's own title beats another's variant; then non-survey, then id order.
    for (const [norm, list] of this.titleMap) {
      if (list.length > 1) list.sort((a, b) => this.titleRank(norm, a, b));
    }
  }

  /** normTitle is normalizeTitle(title) by the schema's contract; trusting it saves a regex pass per record. */
  private normOf(i: number): string {
    const r = this.records[i]!;
    return r.normTitle || normalizeTitle(r.title);
  }

  private addTitle(norm: string, record: number): void {
    const list = this.titleMap.get(norm);
    if (!list) this.titleMap.set(norm, [record]);
    else if (!list.includes(record)) list.push(record);
  }

  private titleRank(norm: string, a: number, b: number): number {
    const ra = this.records[a]!;
    const rb = this.records[b]!;
    const mainA = this.normOf(a) === norm;
    const mainB = this.normOf(b) === norm;
    if (mainA !== mainB) return mainA ? -1 : 1;
    if (ra.isSurvey !== rb.isSurvey) return ra.isSurvey ? 1 : -1;
    return a - b;
  }

  /** Canonical terms of record i's main title. */
  private termsOf(i: number): string[] {
    let terms = this.termsCache[i];
    if (!terms) {
      terms = normTerms(this.normOf(i));
      this.termsCache[i] = terms;
    }
    return terms;
  }

  /** The fuzzy index; its first `size` entries are the records' main titles, in record order. */
  private get fuzzy(): FuzzyTitleIndex {
    if (!this.fuzzyCache) {
      const entries = this.records.map((r, i) => ({
        record: i,
        title: new PreparedTitle(r.title, this.normOf(i), this.termsOf(i)),
        main: true,
      }));
      for (const [record, title, norm] of this.variants) {
        entries.push({ record, title: new PreparedTitle(title, norm), main: false });
      }
      this.fuzzyCache = new FuzzyTitleIndex(entries);
    }
    return this.fuzzyCache;
  }

  private get bm25(): Bm25Index {
    if (!this.bm25Cache) {
      const docs = this.records.map((_, i) => searchTerms(this.termsOf(i)));
      // Variant words are searchable too, but a word counts once however many titles repeat it.
      for (const [record, , norm] of this.variants) {
        const doc = docs[record]!;
        for (const t of searchTerms(normTerms(norm))) if (!doc.includes(t)) doc.push(t);
      }
      this.bm25Cache = new Bm25Index(docs);
    }
    return this.bm25Cache;
  }

  private get stats(): TermStats {
    this.statsCache ??= new TermStats(this.records.map((_, i) => topicalTerms(this.termsOf(i))));
    return this.statsCache;
  }

  /** Build the lazily built parts now (fuzzy titles, full text, related-work statistics). */
  warm(): this {
    void this.fuzzy;
    void this.bm25;
    void this.stats;
    return this;
  }

  /** Number of records. */
  get size(): number {
    return this.records.length;
  }

  /** All records, sorted by id (a copy). */
  all(): PaperRecord[] {
    return [...this.records];
  }

  /** The record with this catalog id ("arxiv:2106.09685"). */
  get(id: string): PaperRecord | undefined {
    const i = typeof id === 'string' ? this.byIdMap.get(id.trim()) : undefined;
    return i === undefined ? undefined : this.records[i];
  }

  /** The record with this arXiv id; versions, an "arXiv:" prefix and case are ignored. */
  byArxivId(arxivId: string): PaperRecord | undefined {
    if (typeof arxivId !== 'string' || !arxivId.trim()) return undefined;
    const i = this.arxivMap.get(arxivKey(arxivId));
    return i === undefined ? undefined : this.records[i];
  }

  /** The record with this OpenReview forum id (case-sensitive, as OpenReview ids are). */
  byOpenReviewId(openreviewId: string): PaperRecord | undefined {
    if (typeof openreviewId !== 'string') return undefined;
    const i = this.openreviewMap.get(openreviewId.trim());
    return i === undefined ? undefined : this.records[i];
  }

  /**
   * Exact normalised title (main title or a known variant), else the most similar title if it reaches
   * FUZZY_TITLE_THRESHOLD (see title-match.ts for the similarity and why the threshold is where it is).
   */
  byTitle(title: string): TitleMatch | undefined {
    if (typeof title !== 'string') return undefined;
    const norm = normalizeTitle(title);
    if (!norm) return undefined;
    const exact = this.titleMap.get(norm);
    if (exact) return { record: this.records[exact[0]!]!, score: 1, exact: true };
    const best = this.fuzzy.match(new PreparedTitle(title, norm))[0];
    if (!best || best.score < FUZZY_TITLE_THRESHOLD) return undefined;
    // A fuzzy match is never reported as certain as an exact one.
    return { record: this.records[best.record]!, score: Math.min(best.score, 0.999), exact: false };
  }

  /** The most similar titles and their similarity, below the threshold too (for diagnostics and calibration). */
  titleCandidates(title: string, limit = 5): { record: PaperRecord; score: number }[] {
    const norm = typeof title === 'string' ? normalizeTitle(title) : '';
    if (!norm) return [];
    return this.fuzzy
      .match(new PreparedTitle(title, norm))
      .slice(0, limit)
      .map(({ record, score }) => ({ record: this.records[record]!, score }));
  }

  /** Resolve a query: by id, then (for OpenReview) its arXiv id, then its title. */
  lookup(query: PaperQuery): LookupResult | undefined {
    if (!query || typeof query !== 'object') return undefined;
    if (query.kind === 'arxiv') {
      const record = this.byArxivId(query.id);
      return record && { record, matchedBy: 'arxiv-id', score: 1 };
    }
    if (query.kind === 'openreview') {
      const byId = this.byOpenReviewId(query.id);
      if (byId) return { record: byId, matchedBy: 'openreview-id', score: 1 };
      const byArxiv = query.arxivId ? this.byArxivId(query.arxivId) : undefined;
      if (byArxiv) return { record: byArxiv, matchedBy: 'arxiv-id', score: 1 };
      return query.title ? this.titleResult(query.title) : undefined;
    }
    if (query.kind === 'title') return this.titleResult(query.title);
    return undefined;
  }

  private titleResult(title: string): LookupResult | undefined {
    const m = this.byTitle(title);
    return m && { record: m.record, matchedBy: m.exact ? 'title-exact' : 'title-fuzzy', score: m.score };
  }

  /** Papers under a leaf, group or area id (the survey record excluded); [] for an unknown id. */
  byLeaf(nodeId: string, options: { sort?: LeafSort } = {}): PaperRecord[] {
    const sort = options.sort ?? 'year-desc';
    const key = `${sort}|${nodeId}`;
    let ids = this.sortCache.get(key);
    if (!ids) {
      const set = new Set<number>();
      for (const leaf of typeof nodeId === 'string' ? leavesUnder(nodeId) : []) {
        for (const i of this.leafMembers.get(leaf) ?? []) set.add(i);
      }
      ids = [...set].sort((a, b) => this.compareForSort(a, b, sort));
      this.sortCache.set(key, ids);
    }
    return ids.map((i) => this.records[i]!);
  }

  private compareForSort(a: number, b: number, sort: LeafSort): number {
    const ra = this.records[a]!;
    const rb = this.records[b]!;
    let c = 0;
    if (sort === 'year-desc') c = compareYearDesc(ra.year, rb.year);
    else if (sort === 'year-asc') {
      // Oldest first, but papers without a year still go last.
      c = ra.year === rb.year ? 0 : ra.year === null ? 1 : rb.year === null ? -1 : ra.year - rb.year;
    }
    if (c !== 0) return c;
    const ta = this.normOf(a);
    const tb = this.normOf(b);
    if (ta !== tb) return ta < tb ? -1 : 1;
    return a - b;
  }

  /**
   * BM25 over titles (and their variants). The last word is a prefix unless followed by a space; an arXiv id,
   * catalog id or OpenReview id in the query puts that paper first. Ties: year desc, then id.
   */
  search(query: string, options: { limit?: number; leaf?: string } = {}): SearchHit[] {
    if (typeof query !== 'string') return [];
    const limit = options.limit ?? DEFAULT_SEARCH_LIMIT;
    if (!(limit > 0)) return [];
    let allowed: Set<LeafId> | null = null;
    if (options.leaf !== undefined) {
      allowed = new Set(leavesUnder(options.leaf));
      if (allowed.size === 0) return [];
    }
    const passes = (i: number) => !allowed || this.records[i]!.leaves.some((l) => allowed.has(l));

    const pinned: number[] = [];
    const pin = (r: PaperRecord | undefined) => {
      const i = r && this.byIdMap.get(r.id);
      if (i !== undefined && !pinned.includes(i) && passes(i)) pinned.push(i);
    };
    const trimmed = query.trim();
    pin(this.get(trimmed));
    if (/^[A-Za-z0-9_-]{6,40}$/.test(trimmed)) pin(this.byOpenReviewId(trimmed));
    for (const m of trimmed.matchAll(ARXIV_IN_TEXT)) pin(this.byArxivId(m[1]!));

    const hits = [...this.textScores(query)]
      .filter(([i]) => !pinned.includes(i) && passes(i))
      .sort((a, b) => b[1] - a[1] || this.compareForSort(a[0], b[0], 'year-desc'));
    // Pinned papers rank above every text hit, in the order they were typed.
    const top = hits.length > 0 ? hits[0]![1] : 0;
    const out: SearchHit[] = pinned.map((i, k) => ({
      record: this.records[i]!,
      score: top + pinned.length - k,
    }));
    for (const [i, score] of hits) {
      if (out.length >= limit) break;
      out.push({ record: this.records[i]!, score });
    }
    return out.slice(0, limit);
  }

  private textScores(query: string): Map<number, number> {
    const words = normalizeTitle(query).split(' ').filter(Boolean);
    if (words.length === 0) return new Map();
    // The last word is still being typed unless the query ends in whitespace.
    const typing = !/\s$/.test(query);
    const complete = typing ? words.slice(0, -1) : words;
    let terms = searchTerms(normTerms(complete.join(' '))).filter((t) => !STOP_WORDS.has(t));
    let alternatives: string[] = [];
    let exact: string | undefined;
    const last = typing ? words[words.length - 1]! : undefined;
    if (last !== undefined) {
      exact = normTerms(last)[0]!;
      if (last.length < 2) terms.push(exact);
      else {
        // Completions of the word as typed and of its singular ("models" → "model", "modeling").
        const found = new Set([
          ...this.bm25.expandPrefix(last, STOP_WORDS),
          ...this.bm25.expandPrefix(exact, STOP_WORDS),
        ]);
        if (!STOP_WORDS.has(exact)) found.add(exact);
        alternatives = [...found].sort();
      }
    }
    if (terms.length === 0 && alternatives.length === 0) {
      // Only function words ("the", "of the "): search for them rather than for nothing.
      terms = searchTerms(normTerms(words.join(' ')));
    }
    return this.bm25.score(terms, alternatives, exact);
  }

  /** Related works of a catalog paper (self and the survey excluded), best first, each with a reason. */
  related(recordId: string, options: { limit?: number } = {}): RelatedWork[] {
    const limit = options.limit ?? DEFAULT_RELATED_LIMIT;
    const i = typeof recordId === 'string' ? this.byIdMap.get(recordId) : undefined;
    if (i === undefined || !(limit > 0)) return [];
    const record = this.records[i]!;
    if (record.isSurvey) return this.centralPapers(limit, record.leaves);
    const query = this.relatedQuery(record.title, this.termsOf(i), sortLeaves(record.leaves), new Set([i]));
    return this.rankRelated(query, limit);
  }

  /** Related works for a paper outside the catalog, from its title (and leaves, if known). */
  relatedToTitle(title: string, options: { limit?: number; leaves?: LeafId[] } = {}): RelatedWork[] {
    const limit = options.limit ?? DEFAULT_RELATED_LIMIT;
    if (typeof title !== 'string' || !(limit > 0)) return [];
    const norm = normalizeTitle(title);
    const leaves = sortLeaves(
      (Array.isArray(options.leaves) ? options.leaves : []).filter(
        (l) => typeof l === 'string' && isLeafId(l),
      ),
    );
    if (!norm && leaves.length === 0) return [];
    // If the title is in fact a catalog paper's, that paper is not its own related work.
    const exclude = new Set(this.titleMap.get(norm) ?? []);
    return this.rankRelated(this.relatedQuery(title, normTerms(norm), leaves, exclude), limit);
  }

  private relatedQuery(title: string, terms: string[], leaves: LeafId[], exclude: Set<number>): RelatedQuery {
    const weights = new Map<string, number>();
    let sum = 0;
    for (const t of topicalTerms(terms)) {
      const w = this.stats.idf(t);
      weights.set(t, w);
      sum += w * w;
    }
    return { title, terms: weights, norm: Math.sqrt(sum), leaves, exclude };
  }

  private rankRelated(q: RelatedQuery, limit: number): RelatedWork[] {
    const stats = this.stats;
    // Catalog word → the query word it (partially) matches, and the credit.
    const match = new Map<string, { queryTerm: string; credit: number }>();
    for (const t of q.terms.keys()) match.set(t, { queryTerm: t, credit: 1 });
    for (const t of q.terms.keys()) {
      for (const other of stats.partialMatches(t)) {
        if (!match.has(other)) match.set(other, { queryTerm: t, credit: PARTIAL_TERM_CREDIT });
      }
    }

    // Candidates: papers in the query's leaves, then the rest of those leaves' areas; with no leaves, every
    // paper sharing a word with the title.
    const n = this.records.length;
    const tiers = new Uint8Array(n);
    const areaOf = new Map<number, string>();
    const candidates: number[] = [];
    for (const leaf of q.leaves) {
      for (const i of this.leafMembers.get(leaf) ?? []) {
        if (q.exclude.has(i)) continue;
        if (tiers[i] === 0) candidates.push(i);
        tiers[i] = tiers[i]! + 1;
      }
    }
    const queryLeaves = new Set(q.leaves);
    for (const area of new Set(q.leaves.map((l) => getPath(l)[0]!.id))) {
      for (const leaf of leavesUnder(area)) {
        if (queryLeaves.has(leaf)) continue;
        for (const i of this.leafMembers.get(leaf) ?? []) {
          if (q.exclude.has(i) || tiers[i] !== 0 || areaOf.has(i)) continue;
          areaOf.set(i, area);
          candidates.push(i);
        }
      }
    }
    if (q.leaves.length === 0) {
      for (let i = 0; i < n; i++) {
        if (q.exclude.has(i) || this.records[i]!.isSurvey) continue;
        if (stats.terms[i]!.some((t) => match.has(t))) candidates.push(i);
      }
    }

    const scored: Candidate[] = candidates.map((i) => {
      let dot = 0;
      for (const t of stats.terms[i]!) {
        const m = match.get(t);
        if (m) dot += m.credit * q.terms.get(m.queryTerm)! * stats.idf(t);
      }
      const denominator = q.norm * stats.norm(i);
      const similarity = denominator > 0 ? Math.min(1, dot / denominator) : 0;
      const text =
        W_SIMILARITY * similarity + W_RECENCY * this.recency[i]! + W_CENTRALITY * this.centrality[i]!;
      return { record: i, tier: tiers[i]!, text, similarity, score: tierScore(tiers[i]!, text) };
    });
    scored.sort((a, b) => b.score - a.score || a.record - b.record);

    return this.diversify(scored, q, limit).map(({ c, score }) => {
      const record = this.records[c.record]!;
      const sharedLeaves = q.leaves.filter((l) => record.leaves.includes(l));
      // The query's words this paper shares, most informative first (only computed for the chosen few).
      const hits = new Map<string, number>();
      for (const t of stats.terms[c.record]!) {
        const m = match.get(t);
        if (!m) continue;
        const contribution = m.credit * q.terms.get(m.queryTerm)! * stats.idf(t);
        hits.set(m.queryTerm, Math.max(hits.get(m.queryTerm) ?? 0, contribution));
      }
      const shared = [...hits].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([t]) => t);
      return {
        record,
        score,
        reason: relatedReason(sharedLeaves, areaOf.get(c.record) ?? null, shared, q.title),
        sharedLeaves,
      };
    });
  }

  /**
   * Picks the final list from the best candidates, greedily (maximal marginal relevance): a candidate's text
   * score is lowered by its similarity to the papers already picked, so eight "X-LoRA: Low-Rank Adaptation"
   * variants do not crowd out QLoRA or adapters. The tier (shared leaves) is never crossed. A candidate
   * whose title is a fuzzy match of the query's or of a picked paper's is the same paper under another
   * record (an OpenReview copy of an arXiv paper) and is skipped.
   */
  private diversify(ranked: Candidate[], q: RelatedQuery, limit: number): { c: Candidate; score: number }[] {
    const pool = ranked.slice(0, Math.max(DIVERSITY_POOL, limit * 4));
    const stats = this.stats;
    const weight = (t: string) => this.fuzzy.weight(t);
    let queryTitle: PreparedTitle | undefined;
    const picked: { c: Candidate; score: number }[] = [];
    const penalty = new Float64Array(pool.length);
    const done = new Uint8Array(pool.length);
    while (picked.length < limit) {
      let best = -1;
      let bestScore = Number.NEGATIVE_INFINITY;
      for (let k = 0; k < pool.length; k++) {
        if (done[k]) continue;
        const c = pool[k]!;
        const adjusted = tierScore(c.tier, Math.max(0, c.text - DIVERSITY * penalty[k]!));
        if (adjusted > bestScore) {
          bestScore = adjusted;
          best = k;
        }
      }
      if (best === -1) break;
      done[best] = 1;
      const chosen = pool[best]!;
      // Same-paper titles share nearly all their words, so only close candidates need the title comparison.
      if (chosen.similarity >= DUPLICATE_CHECK_SIMILARITY && q.title) {
        queryTitle ??= new PreparedTitle(q.title, normalizeTitle(q.title));
        if (titleSimilarity(queryTitle, this.prepared(chosen.record), weight) >= FUZZY_TITLE_THRESHOLD)
          continue;
      }
      const twin = picked.some(
        (p) =>
          stats.cosine(p.c.record, chosen.record) >= DUPLICATE_CHECK_SIMILARITY &&
          titleSimilarity(this.prepared(p.c.record), this.prepared(chosen.record), weight) >=
            FUZZY_TITLE_THRESHOLD,
      );
      if (twin) continue;
      picked.push({ c: chosen, score: bestScore });
      for (let k = 0; k < pool.length; k++) {
        if (!done[k]) penalty[k] = Math.max(penalty[k]!, stats.cosine(chosen.record, pool[k]!.record));
      }
    }
    return picked;
  }

  /** Record i's main title, prepared for comparison (shared with the fuzzy index, so computed once). */
  private prepared(i: number): PreparedTitle {
    return this.fuzzy.entry(i).title;
  }

  /**
   * For the survey itself: the most central papers (listed by the most source lists), taken round-robin
   * across areas in survey order so every area is represented.
   */
  private centralPapers(limit: number, surveyLeaves: readonly LeafId[]): RelatedWork[] {
    const surveySet = new Set(surveyLeaves);
    const perArea = TAXONOMY_NODES.filter((n) => n.kind === 'area').map((area) => {
      const set = new Set<number>();
      for (const leaf of leavesUnder(area.id)) for (const i of this.leafMembers.get(leaf) ?? []) set.add(i);
      // Most sources first; then the older paper (the one the others build on); then id.
      const ranked = [...set].sort(
        (a, b) =>
          this.sourceCounts[b]! - this.sourceCounts[a]! ||
          compareYearDesc(this.records[b]!.year, this.records[a]!.year) ||
          a - b,
      );
      return { area, ranked };
    });
    const out: RelatedWork[] = [];
    const taken = new Set<number>();
    let progressed = true;
    while (out.length < limit && progressed) {
      progressed = false;
      for (const { area, ranked } of perArea) {
        if (out.length >= limit) break;
        const i = ranked.find((x) => !taken.has(x));
        if (i === undefined) continue;
        progressed = true;
        taken.add(i);
        const record = this.records[i]!;
        const n = this.sourceCounts[i]!;
        out.push({
          record,
          // Round-robin order is the ranking; the score only mirrors it (1 for the first, falling evenly).
          score: 1 - out.length / limit,
          reason: `central in ${area.name} · listed by ${n} source${n === 1 ? '' : 's'}`,
          sharedLeaves: sortLeaves(record.leaves.filter((l) => surveySet.has(l))),
        });
      }
    }
    return out;
  }

  /** Papers per taxonomy node (every leaf, group and area, zero included); the survey is not counted. */
  counts(): Record<string, number> {
    if (!this.countsCache) {
      const counts: Record<string, number> = {};
      for (const node of TAXONOMY_NODES) counts[node.id] = 0;
      const pathIds = new Map<LeafId, string[]>();
      for (const r of this.records) {
        if (r.isSurvey) continue;
        const nodes = new Set<string>();
        for (const leaf of r.leaves) {
          let ids = pathIds.get(leaf);
          if (!ids) {
            ids = getPath(leaf).map((node) => node.id);
            pathIds.set(leaf, ids);
          }
          for (const id of ids) nodes.add(id);
        }
        for (const id of nodes) counts[id] = (counts[id] ?? 0) + 1;
      }
      this.countsCache = counts;
    }
    return { ...this.countsCache };
  }
}

/** "same leaf: Quantization · shares terms: low-rank, adaptation" */
function relatedReason(
  sharedLeaves: readonly LeafId[],
  area: string | null,
  shared: readonly string[],
  queryTitle: string,
): string {
  const parts: string[] = [];
  if (sharedLeaves.length > 0) {
    const names = sharedLeaves.map((l) => getNode(l)?.name ?? l);
    parts.push(`${names.length > 1 ? 'same leaves' : 'same leaf'}: ${names.join(', ')}`);
  } else if (area) {
    parts.push(`same area: ${getNode(area)?.name ?? area}`);
  }
  if (shared.length > 0) {
    parts.push(`shares terms: ${displayTerms(queryTitle, shared.slice(0, REASON_TERMS), shared).join(', ')}`);
  }
  return parts.join(' · ');
}

/**
 * Shared terms as the query title spells them, in title order: a hyphenated word is shown whole
 * ("low-rank") when all its parts are shared (`shared`, defaulting to `terms`), other terms as the title's
 * word ("adaptation").
 */
export function displayTerms(
  title: string,
  terms: readonly string[],
  shared: readonly string[] = terms,
): string[] {
  const wanted = new Set(terms);
  const sharedSet = new Set(shared);
  const out: string[] = [];
  const used = new Set<string>();
  for (const chunk of title.split(/\s+/)) {
    const words = normalizeTitle(chunk).split(' ').filter(Boolean);
    const canon = words.map((w) => normTerms(w));
    const hitWords = words.filter((_, k) => canon[k]!.some((t) => wanted.has(t) && !used.has(t)));
    if (hitWords.length === 0) continue;
    const bare = chunk.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
    const hyphenated = /^[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)+$/u.test(bare);
    if (hyphenated && words.length > 1 && canon.every((c) => c.every((t) => sharedSet.has(t)))) {
      out.push(words.join('-'));
    } else out.push(...hitWords);
    for (const c of canon) for (const t of c) if (wanted.has(t)) used.add(t);
  }
  // Terms the title does not spell as such (cannot happen for terms taken from the title; stay total).
  for (const t of terms) if (!used.has(t)) out.push(t);
  return out;
}
