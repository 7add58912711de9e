/**
 * Term handling shared by the catalog's title matcher, full-text search and related-work ranking. Everything
 * here works on normalised titles (lib/text/title.ts), so case, accents, LaTeX and punctuation are already gone.
 */

/** Crude plural strip ("models" → "model", "transformers" → "transformer"; "process" and digits kept). */
export function singular(word: string): string {
  const n = word.length;
  // charCode checks instead of regexes: this runs for every word of every title when the index is built.
  if (n <= 3 || word.charCodeAt(n - 1) !== 115 || word.charCodeAt(n - 2) === 115) return word;
  for (let i = 0; i < n; i++) {
    const c = word.charCodeAt(i);
    if (c >= 48 && c <= 57) return word;
  }
  return word.slice(0, -1);
}

/**
 * Canonical terms of a normalised title, in order: plurals stripped, and the phrases titles use
 * interchangeably collapsed into one term ("large language models" / "LLMs" → "llm", "language models" /
 * "LMs" → "lm"). Collapsing (rather than expanding "llm") keeps the boilerplate of a title from counting three
 * times when two titles are compared. Crude is fine: both sides of every comparison go through it.
 */
export function normTerms(norm: string): string[] {
  const out: string[] = [];
  if (!norm) return out;
  const words = norm.split(' ');
  for (let i = 0; i < words.length; i++) words[i] = singular(words[i]!);
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (isPhrase(words, i, PHRASE_LLM)) {
      out.push('llm');
      i += 2;
    } else if (isPhrase(words, i, PHRASE_LM)) {
      out.push('lm');
      i += 1;
    } else out.push(w === 'lms' ? 'lm' : w);
  }
  return out;
}

const PHRASE_LLM = ['large', 'language', 'model'] as const;
const PHRASE_LM = ['language', 'model'] as const;

/**
 * The phrase starts at words[i], allowing one typo in one of its words ("Large Langauge Models"): one typo
 * must not break the collapse, or it would cost the title three words instead of one letter.
 */
function isPhrase(words: readonly string[], i: number, phrase: readonly string[]): boolean {
  if (i + phrase.length > words.length) return false;
  let typo = -1;
  for (let k = 0; k < phrase.length; k++) {
    if (words[i + k] === phrase[k]) continue;
    if (typo !== -1) return false;
    typo = k;
  }
  return typo === -1 || near(words[i + typo]!, phrase[typo]!);
}

/** The word, or a one-edit typo of it. */
function near(word: string, target: string): boolean {
  if (word === target) return true;
  return word.length >= 4 && Math.abs(word.length - target.length) <= 1 && editDistance(word, target, 1) <= 1;
}

// The words each collapsed phrase stands for, so that search finds "LLM" titles by "language" too.
const PHRASE_WORDS: ReadonlyMap<string, readonly string[]> = new Map([
  ['llm', ['large', 'language', 'model']],
  ['lm', ['language', 'model']],
]);

/** Terms for full-text search: canonical terms plus the words of collapsed phrases. */
export function searchTerms(terms: readonly string[]): string[] {
  const out: string[] = [];
  for (const t of terms) {
    out.push(t);
    const words = PHRASE_WORDS.get(t);
    if (words) out.push(...words);
  }
  return out;
}

/** English function words: they carry no topic, so search ignores them and related-work ranking skips them. */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a an and are as at be been being but by can do does for from has have how i if in into is it its more ' +
    'no not of on or our over so than that the their them then there these they this through to under ' +
    'up us we what when where which while who why will with without you your all any both each few most ' +
    'other some such only own same too very just about against between during before after above below ' +
    'again further once here beyond via'
  ).split(' '),
);

/**
 * Words that appear in a large share of efficient-LLM titles and say nothing about which technique a paper is
 * about. Related-work ranking drops them so that "… for Large Language Models" does not make two unrelated
 * papers look alike (canonical forms: plurals already stripped, "llm"/"lm" collapsed).
 */
export const GENERIC_WORDS: ReadonlySet<string> = new Set(
  (
    'llm lm large language model transformer neural network deep learning efficient efficiency ' +
    'toward towards using use based approach method framework new novel improving improved improve ' +
    'better study analysis simple effective scalable fast faster make making'
  )
    .split(' ')
    .map(singular),
);

// Roman numerals that number sequels ("Speed Always Wins II"); "i", "v" and "x" are too often plain words.
const ROMAN: ReadonlyMap<string, string> = new Map([
  ['ii', '2'],
  ['iii', '3'],
  ['iv', '4'],
  ['vi', '6'],
  ['vii', '7'],
  ['viii', '8'],
  ['ix', '9'],
]);

/**
 * What makes two otherwise similar titles different papers: digit runs ("Qwen2" vs "Qwen2.5", "4-bit" vs
 * "3-bit"), sequel numerals ("II") and a name with a plus ("LoRA+", "Mamba++"), sorted into one string.
 */
export function versionSignature(raw: string, norm: string): string {
  const marks: string[] = [...(norm.match(/\d+/g) ?? [])];
  if (/\b(?:i[ivx]|vi)/.test(norm)) {
    for (const w of norm.split(' ')) {
      const n = ROMAN.get(w);
      if (n) marks.push(n);
    }
  }
  if (raw.includes('+')) {
    for (const m of raw.matchAll(/[\p{L}\p{N}](\++)(?![\p{L}\p{N}])/gu)) marks.push(m[1]!);
  }
  return marks.length === 0 ? '' : marks.sort().join(' ');
}

/** Character trigrams of a string (with spaces removed), as a set. */
export function trigrams(compact: string): Set<string> {
  const out = new Set<string>();
  const padded = ` ${compact} `;
  for (let i = 0; i + 3 <= padded.length; i++) out.add(padded.slice(i, i + 3));
  return out;
}

/** Dice coefficient of two sets. */
export function setDice(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const x of small) if (large.has(x)) shared++;
  return (2 * shared) / (a.size + b.size);
}

// Scratch rows for editDistance, reused across calls (it runs for many word pairs per fuzzy lookup).
let rowA = new Int32Array(64);
let rowB = new Int32Array(64);
let rowC = new Int32Array(64);

/**
 * Optimal-string-alignment distance (Levenshtein plus adjacent transposition), giving up early: returns
 * `max + 1` as soon as the distance must exceed `max`. Used for one- or two-letter typos in a word.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (a === b) return 0;
  const n = b.length;
  if (rowA.length <= n) {
    rowA = new Int32Array(2 * (n + 1));
    rowB = new Int32Array(2 * (n + 1));
    rowC = new Int32Array(2 * (n + 1));
  }
  let prev2 = rowA;
  let prev = rowB;
  let cur = rowC;
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[n]!;
}
