import type { PaperRecord } from '../dataset/schema';
import { normalizeTitle } from '../text/title';
import { editDistance, normTerms, setDice, trigrams, versionSignature } from './text';

/**
 * Fuzzy title similarity: is this the same paper under a slightly different title? Used by
 * CatalogIndex.byTitle after the exact normalised-title lookup fails.
 *
 * The score blends four views of the two titles, each in [0, 1]:
 * - term Dice: shared canonical terms ("LLMs" = "large language models", plurals stripped), where a word split
 *   in two ("fine tuning" / "finetuning") counts as shared and a one- or two-letter typo counts 0.8;
 * - IDF-weighted term Dice: the same, but rare words weigh more, so two titles that share only
 *   "… for Large Language Models" stay apart, and a missing rare word costs more than a missing "the";
 * - word-bigram Dice over the aligned terms: word order, so "A Survey on Curriculum Learning" is not
 *   "Curriculum Learning: A Survey" (two different papers);
 * - character-trigram Dice of the titles with spaces removed: robust to typos and word splits.
 * Titles whose version marks differ (digits, "II", "LoRA+") never match. A title may also match the other's
 * main title or subtitle alone ("DistilBERT, a distilled version of BERT"), if nearly identical to it.
 */

/**
 * A title prepared once for repeated comparison. Only the terms are computed up front (the index needs them
 * for every title); the rest is computed on first comparison, since most titles are never compared.
 */
export class PreparedTitle {
  /** Canonical terms, in order. */
  readonly terms: string[];
  private marksCache: string | undefined;
  private gramsCache: Set<string> | undefined;
  private partsCache: PreparedTitle[] | undefined;
  private splitCache: SplitTitle | null | undefined;
  private bigramsCache: Set<string> | undefined;

  constructor(
    /** The title as written. */
    readonly raw: string,
    /** normalizeTitle(raw). */
    readonly norm: string,
    terms?: string[],
  ) {
    this.terms = terms ?? normTerms(norm);
  }

  /** Digits, sequel numerals and "+" marks; titles with different marks are different papers. */
  get marks(): string {
    this.marksCache ??= versionSignature(this.raw, this.norm);
    return this.marksCache;
  }

  /** Character trigrams of the normalised title without spaces. */
  get grams(): Set<string> {
    this.gramsCache ??= trigrams(this.norm.replace(/ /g, ''));
    return this.gramsCache;
  }

  /** Word bigrams of the terms. */
  get bigrams(): Set<string> {
    this.bigramsCache ??= wordBigrams(this.terms);
    return this.bigramsCache;
  }

  /** Main title and subtitle (around the first ": " or " - "), when each has enough words to stand alone. */
  get parts(): PreparedTitle[] {
    this.partsCache ??= this.split
      ? [this.split.head, this.split.tail].filter((part) => part.terms.length >= MIN_PART_TERMS)
      : [];
    return this.partsCache;
  }

  /** The title split at its first ": " or " - " (head: the main title, often a method name), or null. */
  get split(): SplitTitle | null {
    if (this.splitCache === undefined) {
      const m = SUBTITLE.exec(this.raw);
      this.splitCache = m && m.index > 0 ? new SplitTitle(this, m.index, m.index + m[0].length) : null;
    }
    return this.splitCache;
  }
}

/** A title's main title (head) and subtitle (tail), each prepared on first use. */
export class SplitTitle {
  private headCache: PreparedTitle | undefined;
  private tailCache: PreparedTitle | undefined;

  constructor(
    private readonly title: PreparedTitle,
    private readonly headEnd: number,
    private readonly tailStart: number,
  ) {}

  /** The main title, before the separator. */
  get head(): PreparedTitle {
    const raw = this.title.raw.slice(0, this.headEnd);
    this.headCache ??= new PreparedTitle(raw, normalizeTitle(raw));
    return this.headCache;
  }

  /** The subtitle, after the separator. */
  get tail(): PreparedTitle {
    if (!this.tailCache) {
      const raw = this.title.raw.slice(this.tailStart);
      // The subtitle's normal form is the rest of the title's (normalising is the costly step), unless the
      // separator sat inside something normalisation rewrites.
      const head = this.head.norm;
      const whole = this.title.norm;
      const norm =
        head && whole.startsWith(head) && whole.charCodeAt(head.length) === 32
          ? whole.slice(head.length + 1)
          : normalizeTitle(raw);
      this.tailCache = new PreparedTitle(raw, norm);
    }
    return this.tailCache;
  }
}

/** Weight of a canonical term (an IDF); unknown terms should get the maximum weight. */
export type TermWeight = (term: string) => number;

/**
 * Minimum similarity for a fuzzy title match: 0.86.
 *
 * Calibrated by leave-one-out on two title sets: the ~2,700 distinct arXiv titles of the survey's source
 * lists (shared/survey-sources) and the 1,588 records of data/papers.json. Negatives: each title against the
 * most similar *other* title, i.e. a query for a paper outside the catalog whose title resembles a catalog
 * paper's. Positives: each title perturbed (a transposition, a deleted letter, two typos, a dropped or added
 * word, "LLMs" <-> "Large Language Models", a dropped "Acronym:" head) against the original.
 * - Different papers reach 0.862 at most ("A Survey on [Symbolic] Knowledge Distillation of LLMs"), then 0.854
 *   ("Scaling Laws for [Multilingual] Neural Machine Translation"), 0.84 ("Competence-based" / "Norm-Based
 *   Curriculum Learning for NMT"), 0.81 ("A Survey on Curriculum Learning" / "Curriculum Learning: A Survey").
 *   At 0.86, one pair in ~4,300 queries matches wrongly; at 0.85 two; at 0.80 five.
 * - Perturbed titles are found at 0.86 in 93.8% of cases (0.85: 94.9%, 0.87: 92.2%); the misses are mostly
 *   short titles and typos in acronyms. Real venue/arXiv renames score 0.87-0.95 (AWQ "…for On-Device LLM…"
 *   0.88, GPTQ's OpenReview title 0.87) unless rewritten wholesale, which titleVariants covers exactly.
 * Erring towards misses is deliberate: a missed fuzzy match costs the user a search; a false one shows another
 * paper's category as if it were this paper's. The tables in title-match.test.ts pin both sides.
 */
export const FUZZY_TITLE_THRESHOLD = 0.86;

// Blend of the four views. The IDF view carries the most: it is what tells a shared technique name from
// shared boilerplate.
const W_TERMS = 0.2;
const W_IDF = 0.35;
const W_BIGRAMS = 0.2;
const W_GRAMS = 0.25;
/** A main title or subtitle alone must be this similar to the other title to count (then at a discount). */
const PART_MIN = 0.92;
const PART_FACTOR = 0.95;
const PART_LENGTH_RATIO = 0.7;
/** A part must have this many terms to be compared on its own ("A Survey" is not a title). */
const MIN_PART_TERMS = 4;
/** Credit for a pair of words that differ by a typo. */
const TYPO_CREDIT = 0.8;

// The first subtitle separator: "Title: Subtitle", "Title - Subtitle", "Title — Subtitle".
const SUBTITLE = /\s*:\s+|\s+[-–—]{1,2}\s+/;

/** Prepare a title (the raw title; its normal form may be passed when already known). */
export function prepareTitle(title: string, norm: string = normalizeTitle(title)): PreparedTitle {
  return new PreparedTitle(title, norm);
}

/** Similarity in [0, 1] of two prepared titles, considering main titles and subtitles on their own. */
export function titleSimilarity(a: PreparedTitle, b: PreparedTitle, weight: TermWeight): number {
  // Checked on the whole titles first, so that "Mamba-2: <Mamba's title>" cannot match Mamba by its subtitle.
  if (a.marks !== b.marks) return 0;
  let best = wholeSimilarity(a, b, weight);
  // A part can at best score PART_FACTOR, so it cannot improve on a whole-title score that high.
  if (best >= PART_FACTOR) return best;
  const viaPart = (x: PreparedTitle, y: PreparedTitle) => {
    // Titles this different in length cannot reach PART_MIN (term Dice alone would be below 0.8).
    const [short, long] = x.terms.length < y.terms.length ? [x, y] : [y, x];
    if (short.terms.length < PART_LENGTH_RATIO * long.terms.length) return;
    const s = wholeSimilarity(x, y, weight);
    if (s >= PART_MIN) best = Math.max(best, PART_FACTOR * s);
  };
  for (const part of b.parts) viaPart(a, part);
  for (const part of a.parts) viaPart(part, b);
  return best;
}

/** Similarity of two whole titles (no subtitle handling). */
export function wholeSimilarity(a: PreparedTitle, b: PreparedTitle, weight: TermWeight): number {
  if (a.norm === b.norm) return a.norm ? 1 : 0;
  if (a.marks !== b.marks || a.terms.length === 0 || b.terms.length === 0) return 0;
  const { creditA, creditB, alignedB } = alignTerms(a.terms, b.terms);
  let shared = 0;
  let wShared = 0;
  let wTotal = 0;
  for (let i = 0; i < a.terms.length; i++) {
    const w = weight(a.terms[i]!);
    shared += creditA[i]!;
    wShared += creditA[i]! * w;
    wTotal += w;
  }
  for (let j = 0; j < b.terms.length; j++) {
    const w = weight(b.terms[j]!);
    shared += creditB[j]!;
    wShared += creditB[j]! * w;
    wTotal += w;
  }
  const dice = shared / (a.terms.length + b.terms.length);
  const wDice = wTotal > 0 ? wShared / wTotal : dice;
  const bigrams = setDice(a.bigrams, wordBigrams(alignedB));
  const grams = setDice(a.grams, b.grams);
  return W_TERMS * dice + W_IDF * wDice + W_BIGRAMS * bigrams + W_GRAMS * grams;
}

function wordBigrams(terms: readonly string[]): Set<string> {
  const out = new Set<string>();
  // A one-word title still has an order-free "bigram" of itself, so that the view is defined.
  if (terms.length === 1) out.add(terms[0]!);
  for (let i = 0; i + 1 < terms.length; i++) out.add(`${terms[i]} ${terms[i + 1]}`);
  return out;
}

/** `word` is `left` + `right` (checked without building the joined string). */
function isJoin(word: string, left: string, right: string): boolean {
  return word.length === left.length + right.length && word.startsWith(left) && word.endsWith(right);
}

/** Words one or two letters apart (long enough for that to be a typo), or "language model" vs "LLM". */
function isNearMiss(x: string, y: string): boolean {
  if ((x === 'lm' && y === 'llm') || (x === 'llm' && y === 'lm')) return true;
  if (x.length < 4 || y.length < 4) return false;
  const max = Math.min(x.length, y.length) >= 8 ? 2 : 1;
  // One edit cannot change both the first and the last letter of words this long.
  if (max === 1 && x[0] !== y[0] && x[x.length - 1] !== y[y.length - 1]) return false;
  return editDistance(x, y, max) <= max;
}

/**
 * Pairs the words of two titles: equal words first, then a word equal to two adjacent words of the other
 * title ("finetuning" / "fine tuning"), then words one or two edits apart (typos). Returns per-word credit,
 * and `b` rewritten in `a`'s words (typos and splits replaced by their partners) for the word-order view.
 */
export function alignTerms(
  a: readonly string[],
  b: readonly string[],
): { creditA: number[]; creditB: number[]; alignedB: string[] } {
  const creditA = new Array<number>(a.length).fill(0);
  const creditB = new Array<number>(b.length).fill(0);
  // What each word of b becomes in a's words: itself, its partner, or nothing (second half of a split).
  const rewrite: (string | null)[] = [...b];
  // Titles are short: a nested loop beats building a map.
  for (let i = 0; i < a.length; i++) {
    for (let j = 0; j < b.length; j++) {
      if (creditB[j] === 0 && a[i] === b[j]) {
        creditA[i] = 1;
        creditB[j] = 1;
        break;
      }
    }
  }
  // A word of a that is two adjacent words of b: b's pair becomes that word.
  for (let i = 0; i < a.length; i++) {
    if (creditA[i] !== 0) continue;
    for (let j = 0; j + 1 < b.length; j++) {
      if (creditB[j] !== 0 || creditB[j + 1] !== 0 || !isJoin(a[i]!, b[j]!, b[j + 1]!)) continue;
      creditA[i] = 1;
      creditB[j] = 1;
      creditB[j + 1] = 1;
      rewrite[j] = a[i]!;
      rewrite[j + 1] = null;
      break;
    }
  }
  // A word of b that is two adjacent words of a: it becomes both.
  for (let j = 0; j < b.length; j++) {
    if (creditB[j] !== 0) continue;
    for (let i = 0; i + 1 < a.length; i++) {
      if (creditA[i] !== 0 || creditA[i + 1] !== 0 || !isJoin(b[j]!, a[i]!, a[i + 1]!)) continue;
      creditB[j] = 1;
      creditA[i] = 1;
      creditA[i + 1] = 1;
      rewrite[j] = `${a[i]} ${a[i + 1]}`;
      break;
    }
  }
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    if (creditA[i] !== 0) continue;
    for (let j = 0; j < b.length; j++) {
      const y = b[j]!;
      if (creditB[j] !== 0) continue;
      if (isNearMiss(x, y)) {
        creditA[i] = TYPO_CREDIT;
        creditB[j] = TYPO_CREDIT;
        rewrite[j] = x;
        break;
      }
    }
  }
  const alignedB = rewrite.flatMap((w) => (w === null ? [] : w.split(' ')));
  return { creditA, creditB, alignedB };
}

// ---------------------------------------------------------------------------------------------------------
// Batch title matching (list pages: Google Scholar and Semantic Scholar results)

/** What matchTitles reads the catalog from: CatalogIndex (`all()` gives its records, sorted by id). */
export interface TitleCatalog {
  all(): PaperRecord[];
}

/** A title matched to a catalog record. */
export interface BatchTitleMatch {
  record: PaperRecord;
  /** 1 for an exact normalised-title match; else the similarity (truncated titles: of the shown prefix). */
  score: number;
  matchedBy: 'title-exact' | 'title-fuzzy';
}

/** Options of matchTitles (the defaults are the calibrated values; tests and the evaluation vary them). */
export interface MatchTitlesOptions {
  /** Minimum similarity of a fuzzy match (whole titles and truncated prefixes alike). */
  threshold?: number;
  /** A truncated title ("…", "...") must keep at least this many characters of normal form to be matched. */
  minPrefixChars?: number;
  /** … and at least this many canonical terms. */
  minPrefixTerms?: number;
}

/**
 * Minimum similarity of a batch (list-page) match: 0.90, stricter than byTitle's 0.86, because a list page
 * shows many titles at once and a wrong chip on one of them reads as the extension's claim.
 *
 * Chosen on the evaluation of lib/catalog/title-eval.ts (seeded; `npx tsx scripts/bench-titles.ts` prints the
 * sweep into bench/titles.md): 2,100 catalog titles changed the ways list pages change them, 2,920 titles of
 * other papers (data/negatives.json as is and cut short, and near misses of catalog titles). With the
 * venue-version rules (VenueRules, issue #5) and the head veto (headsDiffer):
 * - 0.86: precision 98.6%, recall 99.0%, false matches on negatives 1.03%;
 * - 0.88: precision 99.3%, recall 99.0%, false matches 0.48% (none on real papers outside the catalog; the
 *   rest are near misses that swap one word of a long title: "Krul: … for Multi-turn Diffusion with …");
 * - 0.90: precision 99.8%, recall 99.0%, false matches 0.14%: the rules now find the venue rewordings that
 *   used to score 0.88-0.90 (before them, 0.90 cost one venue version in four). On four other seeds 0.90
 *   loses 0.1-0.2 points of recall for 0.4-0.5 fewer points of false matches than 0.88.
 * 0.90 is chosen: on this seed it keeps every match 0.88 finds that is right and drops two thirds of the wrong
 * ones. Before the rules (same evaluation without the near-miss-head kind) 0.88 was chosen: precision 99.26%,
 * recall 96.4%, false matches 0.54%, 234 of 300 venue versions found (now 290).
 */
export const BATCH_TITLE_THRESHOLD = 0.9;
/**
 * A truncated title must keep 32 characters of normal form and 5 terms: shorter prefixes ("Efficient large
 * language models for…") are shared by too many papers outside the catalog. Google Scholar cuts titles at
 * ~90 characters, so this only gives up on titles that were short to begin with.
 */
export const MIN_PREFIX_CHARS = 32;
export const MIN_PREFIX_TERMS = 5;
/**
 * Titles with fewer canonical terms than this are matched exactly (normal form, or the same canonical terms)
 * or not at all: "Mixture of Experts", "Switch Transformers", "GPT-4 Technical Report" name many papers.
 */
export const MIN_FUZZY_TERMS = 4;

/** Score of a match on canonical terms alone ("Differential Transformers" = "Differential Transformer"). */
const TERMS_EXACT_SCORE = 0.99;
/** The full similarity is computed for this many best candidates (by weighted term Dice). */
const BATCH_CANDIDATES = 3;
/**
 * Candidates whose weighted term Dice (containment for prefixes) is below this are not compared: on the
 * evaluation, none below it reaches the threshold except a few venue rewordings (0.2% of recall), and the
 * comparisons would cost most of the time.
 */
const PREFILTER = 0.5;
/** Words in more than this share of titles ("for", "llm") only add weight to candidates others nominate. */
const COMMON_SHARE = 0.05;
/** Longest title read (a hostile page may put megabytes in a title). */
const MAX_QUERY_CHARS = 2000;
/** A title cut short by the page: ends in an ellipsis, "...", or ". . .", maybe bracketed (after trimming). */
const TRUNCATED = /(?:\[?…\]?|\.{3,}|(?:\.\s){2}\.)$/u;

/** One catalog title (main or variant) in the batch matcher. */
interface BatchEntry {
  record: number;
  title: PreparedTitle;
  main: boolean;
}

/**
 * Precomputed tables for matchTitles, built once per catalog (and cached per catalog object): exact and
 * canonical-term maps, an inverted index from term ids to entries with IDF weights, and the sorted normal
 * forms for prefix lookups of truncated titles.
 */
export class BatchTitleMatcher {
  private readonly records: PaperRecord[];
  private readonly entries: BatchEntry[] = [];
  private readonly exact = new Map<string, number>();
  /** Canonical terms joined → record, only when one record has them. */
  private readonly termsExact = new Map<string, number>();
  private readonly vocab = new Map<string, number>();
  private postings: Int32Array[] = [];
  private idf: Float64Array = new Float64Array(0);
  /** Per entry: sum of the IDF weights of its distinct terms. */
  private readonly entryWeight: Float64Array;
  private readonly maxWeight: number;
  /** Terms in more entries than this are common: they do not nominate candidates. */
  private readonly commonLimit: number;
  /** Entry indices sorted by normal form. */
  private readonly sorted: Int32Array;
  /** Scratch accumulator (one slot per entry) and the entries touched in it. */
  private readonly acc: Float64Array;
  /** Distinct term ids of entry e: termFlat[termStart[e] .. termStart[e + 1]). */
  private readonly termStart: Int32Array;
  private readonly termFlat: Int32Array;
  /** Entries (main title, variants) of each record. */
  private readonly entriesOf: number[][];
  /** Scratch flags, one per term id. */
  private readonly queryTerm: Uint8Array;
  private readonly weightFn: TermWeight;
  /** The venue-version rules, made on the first title the similarity does not match. */
  private venue: VenueRules | undefined;

  constructor(records: readonly PaperRecord[]) {
    this.records = [...records];
    const rank = (norm: string, a: number, b: number) => {
      // As CatalogIndex: a record's own title beats another's variant, then non-survey, then id order.
      const mainA = this.entries.some((e) => e.record === a && e.main && e.title.norm === norm);
      const mainB = this.entries.some((e) => e.record === b && e.main && e.title.norm === norm);
      if (mainA !== mainB) return mainA ? -1 : 1;
      const ra = this.records[a]!;
      const rb = this.records[b]!;
      if (ra.isSurvey !== rb.isSurvey) return ra.isSurvey ? 1 : -1;
      return ra.id < rb.id ? -1 : ra.id > rb.id ? 1 : 0;
    };
    const termsOwners = new Map<string, Set<number>>();
    const pending: { record: number; raw: string; norm: string; main: boolean }[] = [];
    this.records.forEach((r, i) => {
      const norm = r.normTitle || normalizeTitle(r.title);
      if (norm) pending.push({ record: i, raw: r.title, norm, main: true });
      for (const variant of r.titleVariants) {
        const vnorm = normalizeTitle(variant);
        if (vnorm && vnorm !== norm) pending.push({ record: i, raw: variant, norm: vnorm, main: false });
      }
    });
    const df: number[] = [];
    const termIdLists: number[][] = [];
    for (const p of pending) {
      const title = new PreparedTitle(p.raw, p.norm);
      const ids: number[] = [];
      for (const t of title.terms) {
        let id = this.vocab.get(t);
        if (id === undefined) {
          id = this.vocab.size;
          this.vocab.set(t, id);
          df.push(0);
        }
        if (!ids.includes(id)) {
          ids.push(id);
          df[id]! += 1;
        }
      }
      termIdLists.push(ids);
      this.entries.push({ record: p.record, title, main: p.main });
      const key = title.terms.join(' ');
      const owners = termsOwners.get(key) ?? new Set<number>();
      owners.add(p.record);
      termsOwners.set(key, owners);
    }
    const n = this.entries.length;
    // The same IDF as the fuzzy index (FuzzyTitleIndex.weight), so scores agree with byTitle's.
    this.maxWeight = Math.log(1 + 2 * Math.max(n, 1));
    this.commonLimit = Math.max(1, Math.floor(n * COMMON_SHARE));
    this.idf = Float64Array.from(df, (d) => Math.log(1 + n / d));
    const lists: number[][] = df.map(() => []);
    this.entryWeight = new Float64Array(n);
    termIdLists.forEach((ids, e) => {
      let w = 0;
      for (const id of ids) {
        lists[id]!.push(e);
        w += this.idf[id]!;
      }
      this.entryWeight[e] = w;
    });
    this.postings = lists.map((l) => Int32Array.from(l));
    this.termStart = new Int32Array(n + 1);
    termIdLists.forEach((ids, e) => {
      this.termStart[e + 1] = this.termStart[e]! + ids.length;
    });
    this.termFlat = Int32Array.from(termIdLists.flat());
    for (const e of this.entries) {
      const prev = this.exact.get(e.title.norm);
      if (prev === undefined || rank(e.title.norm, e.record, prev) < 0)
        this.exact.set(e.title.norm, e.record);
    }
    for (const [key, owners] of termsOwners) {
      if (owners.size === 1) this.termsExact.set(key, [...owners][0]!);
    }
    this.sorted = Int32Array.from(this.entries.keys()).sort((a, b) => {
      const x = this.entries[a]!.title.norm;
      const y = this.entries[b]!.title.norm;
      return x < y ? -1 : x > y ? 1 : a - b;
    });
    this.acc = new Float64Array(n);
    this.entriesOf = this.records.map(() => []);
    this.entries.forEach((e, k) => {
      this.entriesOf[e.record]!.push(k);
    });
    this.queryTerm = new Uint8Array(this.vocab.size);
    this.weightFn = (t) => {
      const id = this.vocab.get(t);
      return id === undefined ? this.maxWeight : this.idf[id]!;
    };
  }

  /** Match one title (see matchTitles). Never throws. */
  match(title: unknown, options: MatchTitlesOptions = {}): BatchTitleMatch | null {
    if (typeof title !== 'string') return null;
    const threshold = options.threshold ?? BATCH_TITLE_THRESHOLD;
    // Trimmed first, so the ellipsis test is anchored at one place (no scan back over trailing spaces).
    let text = (title.length > MAX_QUERY_CHARS ? title.slice(0, MAX_QUERY_CHARS) : title).trimEnd();
    const truncated = TRUNCATED.test(text);
    if (truncated) text = text.replace(TRUNCATED, '');
    const norm = normalizeTitle(text);
    if (!norm) return null;
    if (!truncated) {
      const exact = this.exact.get(norm);
      if (exact !== undefined) return { record: this.records[exact]!, score: 1, matchedBy: 'title-exact' };
    }
    const query = new PreparedTitle(text, norm);
    if (truncated) return this.matchPrefix(query, threshold, options);
    const byTerms = this.termsExact.get(query.terms.join(' '));
    if (byTerms !== undefined) {
      return { record: this.records[byTerms]!, score: TERMS_EXACT_SCORE, matchedBy: 'title-fuzzy' };
    }
    if (query.terms.length < MIN_FUZZY_TERMS) return this.venueMatch(query, threshold, []);
    let best: { entry: BatchEntry; score: number } | null = null;
    const candidates = this.candidates(query, false);
    for (const e of candidates) {
      const entry = this.entries[e]!;
      if (entry.title.terms.length < MIN_FUZZY_TERMS || headsDiffer(query, entry.title)) continue;
      const score = titleSimilarity(query, entry.title, this.weightFn);
      if (!best || score > best.score || (score === best.score && entry.main && !best.entry.main)) {
        best = { entry, score };
      }
    }
    if (!best || best.score < threshold) return this.venueMatch(query, threshold, candidates);
    if (this.derivativeOf(query, best.entry.record)) return null;
    return { record: this.records[best.entry.record]!, score: best.score, matchedBy: 'title-fuzzy' };
  }

  /** The query is a derivative (isDerivative) of one of the record's titles. */
  private derivativeOf(query: PreparedTitle, record: number): boolean {
    // Checked against each title of the record: a variant may match through its subtitle alone.
    for (const e of this.entriesOf[record]!) if (isDerivative(query, this.entries[e]!.title)) return true;
    return false;
  }

  /**
   * The venue-version rules (see VenueRules), tried when the similarity falls short: one record, found by
   * structure rather than by score, reported at VENUE_SCORE (so a threshold above it turns them off).
   */
  private venueMatch(
    query: PreparedTitle,
    threshold: number,
    candidates: readonly number[],
  ): BatchTitleMatch | null {
    if (VENUE_SCORE < threshold) return null;
    this.venue ??= new VenueRules({
      entries: this.entries,
      headOwners: (head) => this.headOwners(head),
      papersWith: (term, max) => this.papersWith(term, max),
      exact: (norm) => this.exact.get(norm),
    });
    const record = this.venue.match(query, candidates);
    if (record === null || this.derivativeOf(query, record)) return null;
    return { record: this.records[record]!, score: VENUE_SCORE, matchedBy: 'title-fuzzy' };
  }

  /**
   * Entries most likely to match, best first, at most BATCH_CANDIDATES records: ranked by weighted Dice of
   * the shared canonical terms (or, for a prefix, the share of the query's weight found in the entry).
   */
  private candidates(query: PreparedTitle, prefix: boolean): number[] {
    const acc = this.acc;
    const touched: number[] = [];
    let queryWeight = 0;
    const rare: number[] = [];
    const common: number[] = [];
    for (const t of query.terms) {
      const id = this.vocab.get(t);
      if (id === undefined) {
        // Each occurrence of an unknown word counts, as each is a word the catalog title lacks.
        queryWeight += this.maxWeight;
        continue;
      }
      if (rare.includes(id) || common.includes(id)) continue;
      queryWeight += this.idf[id]!;
      (this.postings[id]!.length > this.commonLimit ? common : rare).push(id);
    }
    // Rare words nominate the candidates ("for", "llm" would touch half the catalog); common words only add
    // their weight to those. A query of common words only has no title specific enough to be its match.
    for (const id of rare) {
      const w = this.idf[id]!;
      const list = this.postings[id]!;
      for (let k = 0; k < list.length; k++) {
        const e = list[k]!;
        if (acc[e] === 0) touched.push(e);
        acc[e] = acc[e]! + w;
      }
    }
    if (common.length > 0) {
      // A flag per term id, not includes(): the builtin call costs more than the whole loop on short arrays.
      const flag = this.queryTerm;
      for (const id of common) flag[id] = 1;
      const start = this.termStart;
      const flat = this.termFlat;
      for (const e of touched) {
        for (let k = start[e]!, end = start[e + 1]!; k < end; k++) {
          const id = flat[k]!;
          if (flag[id] === 1) acc[e] = acc[e]! + this.idf[id]!;
        }
      }
      for (const id of common) flag[id] = 0;
    }
    const ranked: [number, number][] = [];
    for (const e of touched) {
      const shared = acc[e]!;
      acc[e] = 0;
      const score = prefix ? shared / queryWeight : (2 * shared) / (queryWeight + this.entryWeight[e]!);
      if (score >= PREFILTER) ranked.push([e, score]);
    }
    ranked.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    const out: number[] = [];
    const records = new Set<number>();
    for (const [e] of ranked) {
      const r = this.entries[e]!.record;
      if (!records.has(r)) {
        if (records.size >= BATCH_CANDIDATES) break;
        records.add(r);
      }
      out.push(e);
    }
    return out;
  }

  /**
   * A title cut short by the page: the catalog title must start with it (exactly, or fuzzily when compared
   * with the same number of terms), it must be long enough to say which paper it is, and no other catalog
   * paper may start the same way.
   */
  private matchPrefix(
    query: PreparedTitle,
    threshold: number,
    options: MatchTitlesOptions,
  ): BatchTitleMatch | null {
    const minChars = options.minPrefixChars ?? MIN_PREFIX_CHARS;
    const minTerms = options.minPrefixTerms ?? MIN_PREFIX_TERMS;
    if (query.norm.length < minChars || query.terms.length < minTerms) return null;
    // Exact prefix: the sorted normal forms that start with the query's (the last word may be cut short).
    const owners = this.prefixOwners(query.norm);
    if (owners.size > 1) return null;
    if (owners.size === 1) {
      const record = [...owners][0]!;
      return { record: this.records[record]!, score: 1, matchedBy: 'title-fuzzy' };
    }
    const terms = query.terms;
    const n = terms.length;
    let best: { record: number; score: number } | null = null;
    let runnerUp = 0;
    for (const e of this.candidates(query, true)) {
      const entry = this.entries[e]!;
      const own = entry.title.terms;
      // A prefix starts where the title starts: "Efficient Long-range Language Modeling with …" is not a
      // prefix of "Long-range Language Modeling with Self-retrieval".
      if (own.length < n || own[0] !== terms[0]) continue;
      // The page may have cut the last word short ("Quantiz…"): it stands for the title's word it begins.
      const cutWord = own[n - 1]!;
      const q =
        cutWord !== terms[n - 1] && cutWord.startsWith(terms[n - 1]!)
          ? new PreparedTitle(query.raw, [...terms.slice(0, -1), cutWord].join(' '))
          : query;
      let score = 0;
      // Our canonical terms may line up one term earlier or later than the page's cut.
      for (const k of [n, n + 1, n - 1]) {
        if (k < minTerms - 1 || k > own.length) continue;
        const head = own.slice(0, k);
        const cut = new PreparedTitle(head.join(' '), head.join(' '), head);
        score = Math.max(score, wholeSimilarity(q, cut, this.weightFn));
      }
      if (!best || score > best.score) {
        if (best && best.record !== entry.record) runnerUp = Math.max(runnerUp, best.score);
        best = { record: entry.record, score };
      } else if (best.record !== entry.record) runnerUp = Math.max(runnerUp, score);
    }
    // Two catalog papers that both start like this: the prefix does not say which one it is.
    if (!best || best.score < threshold || runnerUp >= threshold) return null;
    return { record: this.records[best.record]!, score: best.score, matchedBy: 'title-fuzzy' };
  }

  /** Records having a title that contains the term, counted up to `max + 1`. */
  private papersWith(term: string, max: number): number {
    const id = this.vocab.get(term);
    if (id === undefined) return 0;
    const seen = new Set<number>();
    for (const e of this.postings[id]!) {
      seen.add(this.entries[e]!.record);
      if (seen.size > max) break;
    }
    return seen.size;
  }

  /** Records having a title with this head (normal form; stops counting at two). */
  private headOwners(head: string): Set<number> {
    const owners = new Set<number>();
    const prefix = `${head} `;
    // The titles that start with the head's words, found in the sorted normal forms; then their own heads.
    for (let k = this.lowerBound(prefix); k < this.sorted.length && owners.size < 2; k++) {
      const entry = this.entries[this.sorted[k]!]!;
      if (!entry.title.norm.startsWith(prefix)) break;
      if (entry.title.split?.head.norm === head) owners.add(entry.record);
    }
    return owners;
  }

  /** First index in `sorted` whose normal form is not below `norm`. */
  private lowerBound(norm: string): number {
    const sorted = this.sorted;
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.entries[sorted[mid]!]!.title.norm < norm) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Records having a title whose normal form starts with `prefix` (stops counting at two). */
  private prefixOwners(prefix: string): Set<number> {
    const sorted = this.sorted;
    const owners = new Set<number>();
    for (let k = this.lowerBound(prefix); k < sorted.length && owners.size < 2; k++) {
      const entry = this.entries[sorted[k]!]!;
      if (!entry.title.norm.startsWith(prefix)) break;
      owners.add(entry.record);
    }
    return owners;
  }
}

/**
 * Both titles have a head ("Name: subtitle") and the heads name different things: no term of the shorter
 * head is found in the longer (equal, split or joined, or a typo apart; see alignTerms). "DreamDDP: Memory
 * Optimizations Toward Training Trillion Parameter Models" is not ZeRO's paper, though the similarity of the
 * whole titles passes the threshold (bench/titles.md, near-miss-head). A head the page dropped, or a title
 * that never had one, decides nothing.
 */
export function headsDiffer(a: PreparedTitle, b: PreparedTitle): boolean {
  const x = a.split?.head.terms;
  const y = b.split?.head.terms;
  if (!x || !y || x.length === 0 || y.length === 0) return false;
  const [short, long] = x.length <= y.length ? [x, y] : [y, x];
  return alignTerms(short, long).creditA.some((c) => c === 0);
}

/** Index of `needle` as a contiguous run in `hay`, or -1. */
function indexOfRun(hay: readonly string[], needle: readonly string[]): number {
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    for (let k = 0; k < needle.length; k++) if (hay[i + k] !== needle[k]) continue outer;
    return i;
  }
  return -1;
}

/**
 * One title is the other's whole title with words around it that are not a "Head:" or ": subtitle" part of
 * the longer one: "A Survey of <X>", "<X> for Speech Tasks", "Revisiting <X>" (one word is enough in front,
 * two behind, since venue versions sometimes append a word). Such a title names a paper built on X, not X;
 * a venue version that only added an acronym head or a subtitle, or reworded inside the title, is not
 * caught here. The similarity alone cannot tell these apart: "<X> for Speech Tasks" scores as high as a
 * reworded subtitle (see bench/titles.md).
 */
export function isDerivative(a: PreparedTitle, b: PreparedTitle): boolean {
  // A leading article is not a word around the title: "The Foundation Model Transparency Index" and
  // "Foundation Model Transparency Index" are one title, while "A Survey of X" keeps "survey of" as extra words.
  const ta = withoutArticle(a.terms);
  const tb = withoutArticle(b.terms);
  const [short, long, longTitle] = ta.length <= tb.length ? [ta, tb, b] : [tb, ta, a];
  const extra = long.length - short.length;
  if (extra < 1 || short.length === 0) return false;
  const at = indexOfRun(long, short);
  if (at === -1 || (extra === 1 && at === 0)) return false;
  // The extra words are exactly the longer title's head or subtitle: a dropped part, not a new paper.
  return !longTitle.parts.some((part) => {
    const terms = withoutArticle(part.terms);
    return terms.length === short.length && indexOfRun(terms, short) === 0;
  });
}

const ARTICLES: ReadonlySet<string> = new Set(['a', 'an', 'the']);

/** The terms without a leading "a", "an" or "the". */
function withoutArticle(terms: readonly string[]): readonly string[] {
  return terms.length > 1 && ARTICLES.has(terms[0]!) ? terms.slice(1) : terms;
}

// ---------------------------------------------------------------------------------------------------------
// Venue versions: the same paper under another version's title (issue #5)

/**
 * Score of a venue-version match (VenueRules): above BATCH_TITLE_THRESHOLD and below a match on canonical
 * terms (TERMS_EXACT_SCORE). The rules are not a similarity, so this is their confidence on the evaluation
 * (bench/titles.md); a caller asking for a stricter threshold than this gets no venue-version matches.
 */
export const VENUE_SCORE = 0.9;

/**
 * Function words that venue versions drop or add without changing the title ("Finding Transformer Circuits
 * [with] Edge Pruning", "[An] Attention Free Transformer"). Not "not", "no", "without", "all": those change it.
 */
const SMALL_WORDS: ReadonlySet<string> = new Set(
  'a an the of for with via in on to and by from at as into'.split(' '),
);
/** At most this many small words added or dropped. */
const MAX_SMALL_WORDS = 2;
/** Under a shared method name, the subtitle may gain or lose one run of this many words ("Long-Context"). */
const MAX_RUN = 2;
/** … and the shorter of the two subtitles must keep this many terms. */
const MIN_SUBTITLE_TERMS = 3;
/** A head names a method when it is one word ("LLM-Rank", "BitNet"), or has at most this many terms … */
const MAX_HEAD_TERMS = 4;
/** … one of which is in the titles of at most this many catalog papers ("Hyena Hierarchy"). */
const NAME_MAX_PAPERS = 3;
/** A main title or subtitle alone must have this many terms to stand for its paper when the marks differ. */
const MIN_ALONE_TERMS = 5;

/** Canonical terms with the collapsed phrases spelled out, so "Large Language Accurate Models" lines up. */
function spelledOut(terms: readonly string[]): string[] {
  const out: string[] = [];
  for (const t of terms) {
    if (t === 'llm') out.push('large', 'language', 'model');
    else if (t === 'lm') out.push('language', 'model');
    else out.push(t);
  }
  return out;
}

function sameTerms(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((t, i) => t === b[i]);
}

/** `long` is `short` with at most MAX_SMALL_WORDS small words added anywhere. */
function addsSmallWords(short: readonly string[], long: readonly string[]): boolean {
  if (long.length - short.length > MAX_SMALL_WORDS) return false;
  let i = 0;
  for (const w of long) {
    if (i < short.length && short[i] === w) i++;
    else if (!SMALL_WORDS.has(w)) return false;
  }
  return i === short.length;
}

/** Words that turn a title into its opposite ("Attention Is [Not] All You Need"): never an added run. */
const NEGATIONS: ReadonlySet<string> = new Set(['not', 'no', 'nor', 'never', 'without', 'non']);

/** `long` is `short` with one run of adjacent words added (anywhere, also at either end), not a negation. */
function addsOneRun(short: readonly string[], long: readonly string[]): boolean {
  let p = 0;
  while (p < short.length && short[p] === long[p]) p++;
  let q = 0;
  while (q < short.length - p && short[short.length - 1 - q] === long[long.length - 1 - q]) q++;
  if (p + q !== short.length) return false;
  for (let i = p; i < long.length - q; i++) if (NEGATIONS.has(long[i]!)) return false;
  return true;
}

/**
 * The two word lists differ only as venue versions of one title do: up to MAX_SMALL_WORDS small words, or
 * one run of up to MAX_RUN words, added to one of them. A word replaced by another is never such a change.
 */
export function isVenueEdit(a: readonly string[], b: readonly string[]): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  const added = long.length - short.length;
  if (added === 0) return sameTerms(short, long);
  return (added <= MAX_RUN && addsOneRun(short, long)) || addsSmallWords(short, long);
}

/** What VenueRules reads from the batch matcher. */
interface VenueCatalog {
  readonly entries: readonly BatchEntry[];
  /** Records having a title with this head (normal form; stops counting at two). */
  headOwners(head: string): Set<number>;
  /** Records having a title that contains the term, counted up to `max + 1`. */
  papersWith(term: string, max: number): number;
  /** The record whose title has this normal form. */
  exact(norm: string): number | undefined;
}

/** What the venue-version rules know of one catalog title (computed when it is first a candidate). */
interface VenueInfo {
  /** Its main title and subtitle, when MIN_ALONE_TERMS terms or longer. */
  parts: PreparedTitle[];
  /** When its head is a method name no other catalog paper's title has as head: the subtitle, spelled out. */
  namedTail: string[] | null;
}

/**
 * Rules for venue versions whose similarity falls short of the threshold. They compare the title with the
 * candidates the similarity ranked (the records sharing the most weighted terms with it) and must hold for
 * exactly one record among them:
 * 1. small words: the titles differ only by up to MAX_SMALL_WORDS function words (SMALL_WORDS) added or
 *    dropped ("Understanding [the] Difficulty of Training Transformers"); a title of fewer than
 *    MIN_FUZZY_TERMS terms (which has no candidates) only by a leading article ("[A] Survey of RWKV");
 * 2. a part alone: the title is exactly a catalog title's main title or subtitle (MIN_ALONE_TERMS terms or
 *    more), with that part's own version marks: "Faster Attention with Better Parallelism and Work
 *    Partitioning" is FlashAttention-2's subtitle, which the similarity vetoes since "-2" left with the head;
 * 3. a named head: both titles start with the same method name (one word, or up to MAX_HEAD_TERMS terms with
 *    one in at most NAME_MAX_PAPERS catalog papers; the head of no other catalog paper's title) and the
 *    subtitles differ by one run of up to MAX_RUN words or by small words ("LongLoRA: Efficient Fine-tuning
 *    of [Long-Context] LLMs"), "LLMs" counting as "large language models" word for word.
 * Version marks must agree (in rule 2, the part's), and a replaced word is never accepted, so "AlphaPruning:
 * Using Heavy-Tailed Self Recommendation Theory …" and "OtherName: <AlphaPruning's subtitle>" stay unmatched.
 * Nothing is built up front: what a catalog title needs is computed when it is first a candidate.
 */
class VenueRules {
  private readonly info: (VenueInfo | undefined)[] = [];

  constructor(private readonly catalog: VenueCatalog) {}

  /** The record the query is a venue version of, among the candidate entries, or null. */
  match(query: PreparedTitle, candidates: readonly number[]): number | null {
    const articled = this.byArticle(query);
    if (articled !== null || query.terms.length < MIN_FUZZY_TERMS) return articled;
    let found: number | null = null;
    for (const k of candidates) {
      const entry = this.catalog.entries[k]!;
      if (entry.record === found || !this.accepts(query, k)) continue;
      if (found !== null) return null;
      found = entry.record;
    }
    return found;
  }

  /** The record whose title is the query with a leading article added or dropped. */
  private byArticle(query: PreparedTitle): number | null {
    const norm = query.norm;
    const space = norm.indexOf(' ');
    const forms =
      space > 0 && ARTICLES.has(norm.slice(0, space))
        ? [norm.slice(space + 1)]
        : [`a ${norm}`, `an ${norm}`, `the ${norm}`];
    let found: number | null = null;
    for (const form of forms) {
      const record = this.catalog.exact(form);
      if (record === undefined || record === found) continue;
      if (found !== null) return null;
      found = record;
    }
    return found;
  }

  /** One of rules 1 to 3 holds between the query and catalog entry k. */
  private accepts(query: PreparedTitle, k: number): boolean {
    const title = this.catalog.entries[k]!.title;
    const terms = query.terms;
    if (title.terms.length >= MIN_FUZZY_TERMS && title.marks === query.marks) {
      const [short, long] = terms.length <= title.terms.length ? [terms, title.terms] : [title.terms, terms];
      if (short.length < long.length && addsSmallWords(short, long)) return true;
    }
    const info = this.infoOf(k);
    for (const part of info.parts) {
      if (part.marks === query.marks && sameTerms(part.terms, terms)) return true;
    }
    if (!info.namedTail || title.marks !== query.marks) return false;
    const split = query.split;
    if (!split || !sameTerms(split.head.terms, title.split!.head.terms)) return false;
    const tail = spelledOut(split.tail.terms);
    return (
      Math.min(tail.length, info.namedTail.length) >= MIN_SUBTITLE_TERMS && isVenueEdit(tail, info.namedTail)
    );
  }

  private infoOf(k: number): VenueInfo {
    let info = this.info[k];
    if (!info) {
      const entry = this.catalog.entries[k]!;
      const split = entry.title.split;
      info = {
        parts: split ? [split.head, split.tail].filter((p) => p.terms.length >= MIN_ALONE_TERMS) : [],
        namedTail: null,
      };
      if (split?.head.norm && this.isName(split.head)) {
        const owners = this.catalog.headOwners(split.head.norm);
        if (owners.size === 1 && owners.has(entry.record)) info.namedTail = spelledOut(split.tail.terms);
      }
      this.info[k] = info;
    }
    return info;
  }

  private isName(head: PreparedTitle): boolean {
    if (!/\s/.test(head.raw.trim())) return true;
    return (
      head.terms.length <= MAX_HEAD_TERMS &&
      head.terms.some(
        (t) =>
          !SMALL_WORDS.has(t) &&
          !/^\d+$/.test(t) &&
          this.catalog.papersWith(t, NAME_MAX_PAPERS) <= NAME_MAX_PAPERS,
      )
    );
  }
}

const matchers = new WeakMap<TitleCatalog, BatchTitleMatcher>();

/** The batch matcher of a catalog, built on first use and kept as long as the catalog object lives. */
export function batchMatcher(index: TitleCatalog): BatchTitleMatcher {
  let matcher = matchers.get(index);
  if (!matcher) {
    matcher = new BatchTitleMatcher(index.all());
    matchers.set(index, matcher);
  }
  return matcher;
}

/**
 * Matches the titles of a list page (Google Scholar, Semantic Scholar results) against the catalog: per
 * title, null or the record with its score. Exact normal form first (case, punctuation, LaTeX, unicode),
 * then the same canonical terms, then fuzzy similarity at BATCH_TITLE_THRESHOLD (typos, "LLMs", venue
 * versions with another or no subtitle), then the venue-version rules at VENUE_SCORE (small words, a head or
 * subtitle alone, a subtitle reworded under the same method name); titles ending in an ellipsis are matched
 * by prefix. Short titles (fewer than MIN_FUZZY_TERMS terms) only ever match exactly, or with a leading
 * article added or dropped. Two titles with different heads ("DreamDDP: …" / "ZeRO: …") never match by
 * similarity. Never throws; non-strings give null.
 */
export function matchTitles(
  index: TitleCatalog,
  titles: readonly string[],
  opts: MatchTitlesOptions = {},
): (BatchTitleMatch | null)[] {
  const matcher = batchMatcher(index);
  if (!Array.isArray(titles)) return [];
  return titles.map((t) => matcher.match(t, opts));
}
