import { type PreparedTitle, titleSimilarity } from './title-match';

/**
 * Candidate generation and scoring for fuzzy title lookup: an inverted index from canonical terms to titles,
 * so a query is compared with a few dozen likely titles instead of every title in the catalog.
 */

/** One indexed title: a record's main title or one of its variants. */
export interface FuzzyEntry {
  /** Position of the record in the caller's array. */
  record: number;
  title: PreparedTitle;
  /** True for the record's main title (wins a tie with a variant). */
  main: boolean;
}

/** The query is compared with this many best candidates (on the survey's ~2,700 source titles, 5 already find every match 40 do). */
const CANDIDATES = 12;
/** Words in more than this share of titles ("for", "llm") do not nominate candidates on their own. */
const COMMON_TERM_SHARE = 0.1;

/** Inverted index over titles for fuzzy matching. */
export class FuzzyTitleIndex {
  private readonly entries: readonly FuzzyEntry[];
  private readonly postings = new Map<string, number[]>();
  /** Per entry: sum of the weights of its distinct terms (filled on demand). */
  private readonly weights: Float64Array;
  private readonly maxWeight: number;
  private readonly commonLimit: number;

  /** Index the titles (entries keep their order; ties are broken by entry order). */
  constructor(entries: readonly FuzzyEntry[]) {
    this.entries = entries;
    for (let e = 0; e < entries.length; e++) {
      for (const t of entries[e]!.title.terms) {
        const list = this.postings.get(t);
        if (!list) this.postings.set(t, [e]);
        // A word repeated within a title is still this entry's last posting: count it once.
        else if (list[list.length - 1] !== e) list.push(e);
      }
    }
    // An unseen word (a typo, or a word no catalog title uses) weighs as if it were in half a title.
    this.maxWeight = Math.log(1 + 2 * Math.max(entries.length, 1));
    this.commonLimit = Math.max(1, Math.floor(entries.length * COMMON_TERM_SHARE));
    // Entry weights are computed when an entry is first voted for (NaN until then).
    this.weights = new Float64Array(entries.length).fill(Number.NaN);
  }

  /** Sum of the weights of an entry's distinct terms. */
  private entryWeight(e: number): number {
    let w = this.weights[e]!;
    if (Number.isNaN(w)) {
      w = 0;
      const terms = this.entries[e]!.title.terms;
      for (let k = 0; k < terms.length; k++) {
        if (terms.indexOf(terms[k]!) === k) w += this.weight(terms[k]!);
      }
      this.weights[e] = w;
    }
    return w;
  }

  /** The entry at this position. */
  entry(e: number): FuzzyEntry {
    const entry = this.entries[e];
    if (!entry) throw new RangeError(`no fuzzy entry ${e}`);
    return entry;
  }

  /** IDF of a canonical term over the indexed titles; unknown words weigh the most. */
  weight(term: string): number {
    const df = this.postings.get(term)?.length ?? 0;
    return df === 0 ? this.maxWeight : Math.log(1 + this.entries.length / df);
  }

  /**
   * Records whose titles are most similar to the query, best first, each once with its best title's
   * similarity (whatever it is: the caller applies the threshold). Ties: main title first, then record order.
   */
  match(query: PreparedTitle): { record: number; score: number }[] {
    const terms: string[] = [];
    for (const t of query.terms) if (!terms.includes(t)) terms.push(t);
    const rare = terms.filter((t) => (this.postings.get(t)?.length ?? 0) <= this.commonLimit);
    // Common words nominate candidates only when the query has no rarer word that any title uses.
    const nominating = rare.some((t) => this.postings.has(t)) ? rare : terms;
    const votes = new Map<number, number>();
    for (const t of nominating) {
      const list = this.postings.get(t);
      if (!list) continue;
      const w = this.weight(t);
      for (const e of list) votes.set(e, (votes.get(e) ?? 0) + w);
    }
    // Rank by weighted Dice of the shared words (not their plain sum), so that a short title sharing all of
    // a short query's words beats a long title that happens to share more of them.
    let queryWeight = 0;
    for (const t of terms) queryWeight += this.weight(t);
    const ranked: [number, number][] = [];
    for (const [e, v] of votes) ranked.push([e, (2 * v) / (queryWeight + this.entryWeight(e))]);
    ranked.sort((a, b) => b[1] - a[1] || a[0] - b[0]);

    const weight = (t: string) => this.weight(t);
    const best = new Map<number, { score: number; main: boolean }>();
    for (const [e] of ranked.slice(0, CANDIDATES)) {
      const entry = this.entries[e]!;
      const score = titleSimilarity(query, entry.title, weight);
      const prev = best.get(entry.record);
      if (!prev || score > prev.score || (score === prev.score && entry.main && !prev.main)) {
        best.set(entry.record, { score, main: entry.main });
      }
    }
    return [...best]
      .sort((a, b) => b[1].score - a[1].score || Number(b[1].main) - Number(a[1].main) || a[0] - b[0])
      .map(([record, { score }]) => ({ record, score }));
  }
}
