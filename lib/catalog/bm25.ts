/**
 * Okapi BM25 over short documents (paper titles), with prefix expansion for the word a user is still typing.
 * Documents are numbered 0..n-1 by the caller; everything here is deterministic given the same documents.
 */

/** BM25 term-frequency saturation (Robertson & Zaragoza's usual 1.2). */
export const BM25_K1 = 1.2;
/** BM25 length normalisation (the usual 0.75; titles vary from 2 to 30 words). */
export const BM25_B = 0.75;
/** A prefix ("q") can match thousands of words; keep the most frequent completions only. */
const MAX_PREFIX_EXPANSIONS = 50;
/** A completed word is worth a little more than a word that merely starts with what was typed. */
const PREFIX_DISCOUNT = 0.9;

/** Inverted index with BM25 scoring. */
export class Bm25Index {
  /** Number of documents. */
  readonly size: number;
  private readonly postings = new Map<string, { docs: number[]; tfs: number[] }>();
  private readonly lengths: Float64Array;
  private readonly avgLength: number;
  /** All terms, sorted, for prefix expansion by binary search (sorted on first use). */
  private vocabCache: string[] | undefined;

  /** Index documents given as term lists. */
  constructor(docs: readonly (readonly string[])[]) {
    this.size = docs.length;
    this.lengths = new Float64Array(docs.length);
    let total = 0;
    for (let doc = 0; doc < docs.length; doc++) {
      const terms = docs[doc]!;
      this.lengths[doc] = terms.length;
      total += terms.length;
      for (let k = 0; k < terms.length; k++) {
        const t = terms[k]!;
        let p = this.postings.get(t);
        if (!p) {
          p = { docs: [], tfs: [] };
          this.postings.set(t, p);
        }
        // Titles are short: a repeated word is still this document's last posting, so no per-document map.
        const last = p.docs.length - 1;
        if (last >= 0 && p.docs[last] === doc) p.tfs[last] = p.tfs[last]! + 1;
        else {
          p.docs.push(doc);
          p.tfs.push(1);
        }
      }
    }
    this.avgLength = docs.length > 0 ? total / docs.length : 0;
  }

  private get vocab(): string[] {
    this.vocabCache ??= [...this.postings.keys()].sort();
    return this.vocabCache;
  }

  /** Number of documents containing the term. */
  df(term: string): number {
    return this.postings.get(term)?.docs.length ?? 0;
  }

  /** BM25 inverse document frequency (the "+1" form, never negative). */
  idf(term: string): number {
    const df = this.df(term);
    return Math.log(1 + (this.size - df + 0.5) / (df + 0.5));
  }

  /** Documents containing the term (ascending). */
  docsWith(term: string): readonly number[] {
    return this.postings.get(term)?.docs ?? [];
  }

  /** Indexed terms starting with `prefix`, alphabetically; past a cap, only the most frequent (ties alphabetical). */
  expandPrefix(prefix: string, exclude?: ReadonlySet<string>): string[] {
    if (!prefix) return [];
    const vocab = this.vocab;
    let lo = 0;
    let hi = vocab.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (vocab[mid]! < prefix) lo = mid + 1;
      else hi = mid;
    }
    const found: string[] = [];
    for (let i = lo; i < vocab.length && vocab[i]!.startsWith(prefix); i++) {
      const term = vocab[i]!;
      if (!exclude?.has(term)) found.push(term);
    }
    if (found.length <= MAX_PREFIX_EXPANSIONS) return found;
    return found.sort((a, b) => this.df(b) - this.df(a) || (a < b ? -1 : 1)).slice(0, MAX_PREFIX_EXPANSIONS);
  }

  /**
   * Scores of the documents matching any term. `terms` are summed as usual. `alternatives` (the completions
   * of the word being typed) act as one virtual term: its idf comes from the number of documents containing
   * any completion, and each document adds its best completion, discounted unless it is `exact` (the word as
   * typed). So having typed "llm" the rare "llmcbench" cannot outscore "llm" on rarity, and "quantiz" ranks
   * "quantization" and "quantized" titles alike.
   */
  score(terms: readonly string[], alternatives: readonly string[] = [], exact?: string): Map<number, number> {
    const scores = new Map<number, number>();
    for (const term of new Set(terms)) {
      this.eachTermScore(term, this.idf(term), (doc, s) => scores.set(doc, (scores.get(doc) ?? 0) + s));
    }
    if (alternatives.length > 0) {
      const unique = [...new Set(alternatives)];
      const docs = new Set<number>();
      for (const term of unique) for (const doc of this.docsWith(term)) docs.add(doc);
      const idf = Math.log(1 + (this.size - docs.size + 0.5) / (docs.size + 0.5));
      const best = new Map<number, number>();
      for (const term of unique) {
        this.eachTermScore(term, term === exact ? idf : PREFIX_DISCOUNT * idf, (doc, s) => {
          if (s > (best.get(doc) ?? 0)) best.set(doc, s);
        });
      }
      // Sorted so that the float additions happen in one order whatever the Map's insertion history.
      for (const doc of [...best.keys()].sort((a, b) => a - b)) {
        scores.set(doc, (scores.get(doc) ?? 0) + best.get(doc)!);
      }
    }
    return scores;
  }

  private eachTermScore(term: string, idf: number, add: (doc: number, score: number) => void): void {
    const p = this.postings.get(term);
    if (!p) return;
    for (let i = 0; i < p.docs.length; i++) {
      const doc = p.docs[i]!;
      const tf = p.tfs[i]!;
      const norm = 1 - BM25_B + (BM25_B * this.lengths[doc]!) / (this.avgLength || 1);
      add(doc, (idf * tf * (BM25_K1 + 1)) / (tf + BM25_K1 * norm));
    }
  }
}
