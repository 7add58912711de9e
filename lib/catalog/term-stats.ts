import { GENERIC_WORDS, STOP_WORDS } from './text';

/**
 * Term statistics for related-work ranking: which topical words each main title has, how rare each word is
 * in the catalog, and which words contain one another ("lora" in "qlora", "adalora", "longlora").
 */

/** Containment only for words this long, and at most this many extra letters. */
const PARTIAL_MIN_LENGTH = 4;
const PARTIAL_MAX_EXTRA = 6;

/** Topical terms of a title: distinct canonical terms without stop words, generic words or bare numbers. */
export function topicalTerms(terms: readonly string[]): string[] {
  const out: string[] = [];
  for (const t of terms) {
    if (t.length < 2 || out.includes(t) || STOP_WORDS.has(t) || GENERIC_WORDS.has(t) || /^\d+$/.test(t)) {
      continue;
    }
    out.push(t);
  }
  return out;
}

/** Document frequencies and vector norms of the catalog's topical terms. */
export class TermStats {
  private readonly df = new Map<string, number>();
  private readonly norms: Float64Array;
  private readonly count: number;
  private vocabCache: string[] | undefined;
  private readonly partialCache = new Map<string, string[]>();

  /** `terms[i]` are the topical terms of record i. */
  constructor(readonly terms: readonly (readonly string[])[]) {
    this.count = terms.length;
    for (const list of terms) for (const t of list) this.df.set(t, (this.df.get(t) ?? 0) + 1);
    // Norms are computed when first needed (NaN until then): a ranking touches a few hundred records.
    this.norms = new Float64Array(terms.length).fill(Number.NaN);
  }

  /** Smoothed IDF; a word no title has gets the weight of a word in one title. */
  idf(term: string): number {
    return Math.log(1 + this.count / Math.max(this.df.get(term) ?? 0, 1));
  }

  /** Euclidean norm of record i's IDF vector. */
  norm(i: number): number {
    let norm = this.norms[i];
    if (norm === undefined) return 0;
    if (Number.isNaN(norm)) {
      let sum = 0;
      for (const t of this.terms[i]!) sum += this.idf(t) ** 2;
      norm = Math.sqrt(sum);
      this.norms[i] = norm;
    }
    return norm;
  }

  /** Cosine similarity of two records' IDF vectors (exact words only). */
  cosine(i: number, j: number): number {
    const a = this.terms[i];
    const b = this.terms[j];
    if (!a || !b || i === j) return i === j ? 1 : 0;
    let dot = 0;
    for (const t of a) if (b.includes(t)) dot += this.idf(t) ** 2;
    const d = this.norm(i) * this.norm(j);
    return d > 0 ? dot / d : 0;
  }

  /** Catalog words that contain `term` or that `term` contains, by a prefix or suffix of ≤ 6 letters. */
  partialMatches(term: string): string[] {
    let found = this.partialCache.get(term);
    if (found) return found;
    found = [];
    if (term.length >= PARTIAL_MIN_LENGTH) {
      this.vocabCache ??= [...this.df.keys()].sort();
      for (const other of this.vocabCache) {
        if (other === term || other.length < PARTIAL_MIN_LENGTH) continue;
        const [short, long] = other.length < term.length ? [other, term] : [term, other];
        if (long.length - short.length > PARTIAL_MAX_EXTRA) continue;
        if (long.startsWith(short) || long.endsWith(short)) found.push(other);
      }
    }
    this.partialCache.set(term, found);
    return found;
  }
}
