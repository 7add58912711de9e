import type { PaperRecord } from '../dataset/schema';
import { normalizeTitle } from '../text/title';
import type { BatchTitleMatch } from './title-match';

/**
 * The evaluation set of the batch title matcher (matchTitles): catalog titles perturbed the ways list pages
 * show them (positives) and titles of other papers (negatives), all generated deterministically from a seed.
 * Used by lib/catalog/match-titles.test.ts (bounds) and scripts/bench-titles.ts (the table in
 * bench/titles.md). Test and benchmark support only; not imported by extension code.
 */

/** How a positive title was changed from the catalog's. */
export type PositiveKind = 'case' | 'punctuation' | 'latex' | 'unicode' | 'truncated' | 'venue' | 'typo';

/** How a negative title was made: a paper outside the catalog, as is or cut short, or a near miss. */
export type NegativeKind =
  | 'other-paper'
  | 'other-paper-truncated'
  | 'near-miss-sequel'
  | 'near-miss-word'
  | 'near-miss-extended'
  | 'near-miss-survey'
  | 'near-miss-head'
  | 'near-miss-truncated';

/** One query of the evaluation. `expected` is the catalog record id, or null for a negative. */
export interface EvalCase {
  title: string;
  expected: string | null;
  kind: PositiveKind | NegativeKind;
}

/** Deterministic PRNG (mulberry32): the same seed gives the same evaluation set on every machine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rng = () => number;
const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;

const words = (title: string) => title.split(/\s+/).filter(Boolean);

/** Cut a title the way Google Scholar does: at a word boundary before `limit` characters, plus an ellipsis. */
export function truncateTitle(title: string, limit: number, ellipsis = '…'): string | null {
  if (title.length <= limit + 8) return null;
  const cut = title.slice(0, limit);
  const space = cut.lastIndexOf(' ');
  if (space < limit / 2) return null;
  return `${cut.slice(0, space).replace(/[\s:,;-]+$/, '')} ${ellipsis}`.replace(/ (…|\.\.\.)$/, ' $1');
}

function changeCase(title: string, rng: Rng): string {
  const mode = Math.floor(rng() * 3);
  if (mode === 0) return title.toLowerCase();
  if (mode === 1) return title.toUpperCase();
  // Sentence case, as Scholar and Semantic Scholar often print titles.
  return title.charAt(0).toUpperCase() + title.slice(1).toLowerCase();
}

function changePunctuation(title: string, rng: Rng): string {
  const mode = Math.floor(rng() * 4);
  if (mode === 0) return title.replace(/[:\-,?!.]/g, ' ');
  if (mode === 1) return `${title}.`;
  if (mode === 2) return title.replace(/: /, ' - ').replace(/-/g, ' - ');
  return title.replace(/ /g, '  ').replace(/:/g, ' :');
}

function addLatex(title: string, rng: Rng): string {
  const ws = words(title);
  const i = Math.floor(rng() * ws.length);
  const w = ws[i]!;
  const mode = Math.floor(rng() * 4);
  if (mode === 0) ws[i] = `\\textbf{${w}}`;
  else if (mode === 1) ws[i] = `{${w}}`;
  else if (mode === 2) ws[i] = `\\emph{${w}}`;
  else ws[i] = `$\\mathrm{${w}}$`;
  return ws.join(' ');
}

const CURLY: Record<string, string> = { "'": '\u2019', '"': '\u201c', '-': '\u2013' };

function addUnicode(title: string, rng: Rng): string {
  const mode = Math.floor(rng() * 4);
  if (mode === 0) return title.replace(/['"-]/g, (c) => CURLY[c] ?? c);
  // A ligature, as PDF-extracted titles have: "ﬁne-tuning", "efﬁcient".
  if (mode === 1) return title.replace(/fi/g, '\ufb01').replace(/fl/g, '\ufb02');
  // Decomposed accents on vowels (what some sites store), or full-width letters (NFKC folds both).
  if (mode === 2) return title.replace(/e/g, 'e\u0301');
  return title.replace(/[A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
}

function truncate(title: string, rng: Rng): string | null {
  return truncateTitle(title, 50 + Math.floor(rng() * 50), rng() < 0.5 ? '…' : '...');
}

const SUBTITLE = /\s*:\s+/;

function venueVersion(title: string, rng: Rng): string | null {
  const m = SUBTITLE.exec(title);
  if (!m) {
    // No subtitle: the venue version renames "LLMs" or drops a small word.
    const swapped = title.replace(/Large Language Models/i, 'LLMs');
    if (swapped !== title) return swapped;
    return title.replace(/\b(?:the|a|an|via|with) /i, '') !== title
      ? title.replace(/\b(?:the|a|an|via|with) /i, '')
      : null;
  }
  const head = title.slice(0, m.index);
  const tail = title.slice(m.index + m[0].length);
  const mode = Math.floor(rng() * 3);
  // The list dropped the acronym head ("LoRA: ...") and kept the descriptive subtitle.
  if (mode === 0 && words(tail).length >= 4) return tail;
  // The venue kept a long head and dropped the subtitle.
  if (mode === 1 && words(head).length >= 5) return head;
  // The subtitle reworded: a qualifier added or a word dropped (never inside "Large Language Models"), and
  // "Large Language Models" ↔ "LLMs".
  const tw = words(tail);
  if (tw.length < 4) return null;
  if (rng() < 0.5) tw.splice(1 + Math.floor(rng() * (tw.length - 1)), 0, pick(rng, QUALIFIERS));
  else {
    const droppable = tw
      .map((_w, i) => i)
      .filter((i) => i > 0 && !/^(?:large|language|models?)$/i.test(tw[i]!));
    if (droppable.length === 0) return null;
    tw.splice(pick(rng, droppable), 1);
  }
  const joined = tw.join(' ');
  const reworded = /Large Language Models/i.test(joined)
    ? joined.replace(/Large Language Models/i, 'LLMs')
    : joined.replace(/\bLLMs\b/, 'Large Language Models');
  return `${head}: ${reworded}`;
}

/** Words venue versions add to a subtitle. */
const QUALIFIERS = ['Efficient', 'Accurate', 'Scalable', 'Practical', 'Fast'];

function typo(title: string, rng: Rng): string | null {
  const ws = words(title);
  const long = ws.map((w, i) => [w, i] as const).filter(([w]) => /^[a-z]{8,}$/i.test(w));
  if (long.length === 0) return null;
  const [w, i] = pick(rng, long);
  const k = 1 + Math.floor(rng() * (w.length - 2));
  // A dropped or doubled letter, the commonest typos.
  ws[i] = rng() < 0.5 ? w.slice(0, k) + w.slice(k + 1) : w.slice(0, k) + w[k] + w.slice(k);
  return ws.join(' ');
}

const PERTURB: Record<PositiveKind, (title: string, rng: Rng) => string | null> = {
  case: changeCase,
  punctuation: changePunctuation,
  latex: addLatex,
  unicode: addUnicode,
  truncated: truncate,
  venue: venueVersion,
  typo,
};

/** Words used to make near misses: topical words a title might have instead of its own. */
const SWAP_WORDS = [
  'Vision',
  'Speech',
  'Graph',
  'Multimodal',
  'Recommendation',
  'Retrieval',
  'Diffusion',
  'Robotics',
  'Federated',
  'Medical',
];

type NearMissKind =
  | 'near-miss-sequel'
  | 'near-miss-word'
  | 'near-miss-extended'
  | 'near-miss-survey'
  | 'near-miss-head';
// 'near-miss-head' came last (issue #5, venue versions): appended so that the cases of the other kinds, drawn
// from the same seeded sequence before it, stay the same and the figures stay comparable.
const NEAR_MISS_KINDS: readonly NearMissKind[] = [
  'near-miss-sequel',
  'near-miss-word',
  'near-miss-extended',
  'near-miss-survey',
  'near-miss-head',
];

/**
 * A catalog title made into another paper's: a sequel ("X-2: ..."), its most specific word replaced by
 * another topic, the same title extended to another domain ("... for Speech Tasks"), a survey of it, or its
 * subtitle under another method's name (`heads`: short heads of catalog titles, "AlphaPruning", "H2O").
 */
function nearMiss(title: string, kind: NearMissKind, rng: Rng, heads: readonly string[]): string | null {
  const ws = words(title);
  if (kind === 'near-miss-head') {
    const m = SUBTITLE.exec(title);
    if (!m || m.index === 0 || heads.length === 0) return null;
    const head = pick(rng, heads);
    const own = title.slice(0, m.index);
    return head.toLowerCase() === own.toLowerCase() ? null : `${head}${title.slice(m.index)}`;
  }
  if (kind === 'near-miss-sequel') {
    const m = SUBTITLE.exec(title);
    if (!m) return null;
    return `${title.slice(0, m.index)}-2${title.slice(m.index)}`;
  }
  if (kind === 'near-miss-word') {
    // Replace the longest word (usually the most specific) with another topic.
    let best = 0;
    for (let i = 1; i < ws.length; i++) if (ws[i]!.length > ws[best]!.length) best = i;
    ws[best] = pick(rng, SWAP_WORDS);
    return ws.join(' ');
  }
  if (kind === 'near-miss-survey') return `A Survey of ${title.replace(/^(?:A|An|The) /, '')}`;
  return `${title.replace(/[.?!]$/, '')} for ${pick(rng, SWAP_WORDS)} Tasks`;
}

/** Options of buildEvalSet. */
export interface EvalSetOptions {
  seed?: number;
  /** Catalog titles perturbed per kind (each title gets one perturbation of each kind that applies). */
  positivesPerKind?: number;
  /** Negatives.json titles used as is, and as many cut short. */
  otherPapers?: number;
  /** Near misses per kind (and those cut short that are still not a catalog title's prefix). */
  nearMisses?: number;
}

/**
 * The evaluation set: for each positive kind, `positivesPerKind` catalog titles (sampled with the seed)
 * perturbed that way; negatives.json titles (papers the catalog does not hold) as is and truncated; near
 * misses of catalog titles. Titles whose perturbation leaves them unchanged or inapplicable are skipped.
 * Negatives whose normal form equals a catalog title's are dropped (they would be the same title).
 */
export function buildEvalSet(
  papers: readonly PaperRecord[],
  negatives: readonly PaperRecord[],
  options: EvalSetOptions = {},
): EvalCase[] {
  const rng = seededRandom(options.seed ?? 20261128);
  const perKind = options.positivesPerKind ?? 300;
  const cases: EvalCase[] = [];
  const catalogNorms = new Set<string>();
  for (const p of papers) {
    catalogNorms.add(p.normTitle);
    for (const v of p.titleVariants) catalogNorms.add(normalizeTitle(v));
  }
  for (const kind of Object.keys(PERTURB) as PositiveKind[]) {
    let made = 0;
    for (let attempt = 0; attempt < perKind * 6 && made < perKind; attempt++) {
      const record = pick(rng, papers);
      const out = PERTURB[kind](record.title, rng);
      if (out === null || out === record.title) continue;
      cases.push({ title: out, expected: record.id, kind });
      made++;
    }
  }
  const others = negatives.filter((r) => !catalogNorms.has(r.normTitle));
  const otherCount = Math.min(options.otherPapers ?? others.length, others.length);
  for (let i = 0; i < otherCount; i++) {
    const r = others[i]!;
    cases.push({ title: r.title, expected: null, kind: 'other-paper' });
    const cut = truncate(r.title, rng);
    if (cut) cases.push({ title: cut, expected: null, kind: 'other-paper-truncated' });
  }
  const nearCount = options.nearMisses ?? 150;
  // Method names: heads of catalog titles of at most two words ("LoRA", "Hyena Hierarchy").
  const heads = [
    ...new Set(
      papers.flatMap((p) => {
        const m = SUBTITLE.exec(p.title);
        const head = m && m.index > 0 ? p.title.slice(0, m.index) : '';
        return head && words(head).length <= 2 ? [head] : [];
      }),
    ),
  ];
  for (const kind of NEAR_MISS_KINDS) {
    for (let made = 0, attempt = 0; made < nearCount && attempt < nearCount * 6; attempt++) {
      const original = pick(rng, papers);
      const out = nearMiss(original.title, kind, rng, heads);
      if (out === null || catalogNorms.has(normalizeTitle(out))) continue;
      cases.push({ title: out, expected: null, kind });
      made++;
      // Another head cut short is no harder (a prefix must start with the catalog title's first word), and
      // leaving it out keeps the near-miss-truncated cases those of the earlier kinds.
      if (kind === 'near-miss-head') continue;
      const cut = truncate(out, rng);
      // A near miss cut before its change is the catalog title's own prefix: not a negative any more.
      const cutNorm = cut ? normalizeTitle(cut.replace(/\s*(?:…|\.\.\.)$/, '')) : '';
      if (cut && !original.normTitle.startsWith(cutNorm)) {
        cases.push({ title: cut, expected: null, kind: 'near-miss-truncated' });
      }
    }
  }
  return cases;
}

/** Counts of one kind (or of everything). */
export interface EvalCounts {
  cases: number;
  /** Positives matched to their record. */
  correct: number;
  /** Positives matched to another record, and negatives matched at all. */
  wrong: number;
  /** Positives not matched. */
  missed: number;
}

/** Per-kind and total counts, with precision, recall and the false-match rate on negatives. */
export interface EvalReport {
  byKind: Record<string, EvalCounts>;
  positives: EvalCounts;
  negatives: EvalCounts;
  /** correct / (correct + wrong) over all cases. */
  precision: number;
  /** correct / positives. */
  recall: number;
  /** Negatives matched / negatives. */
  falseMatchRate: number;
  /** A few wrong matches, for the report. */
  examples: { title: string; kind: string; expected: string | null; got: string; score: number }[];
}

/** Scores matcher results against the evaluation set (results[i] answers cases[i]). */
export function scoreEval(
  cases: readonly EvalCase[],
  results: readonly (BatchTitleMatch | null)[],
): EvalReport {
  const empty = (): EvalCounts => ({ cases: 0, correct: 0, wrong: 0, missed: 0 });
  const byKind: Record<string, EvalCounts> = {};
  const positives = empty();
  const negatives = empty();
  const examples: EvalReport['examples'] = [];
  cases.forEach((c, i) => {
    const r = results[i] ?? null;
    byKind[c.kind] ??= empty();
    const k = byKind[c.kind]!;
    const total = c.expected === null ? negatives : positives;
    for (const counts of [k, total]) {
      counts.cases++;
      if (r === null) {
        if (c.expected !== null) counts.missed++;
      } else if (r.record.id === c.expected) counts.correct++;
      else counts.wrong++;
    }
    if (r !== null && r.record.id !== c.expected && examples.length < 40) {
      examples.push({
        title: c.title,
        kind: c.kind,
        expected: c.expected,
        got: r.record.title,
        score: r.score,
      });
    }
  });
  const matched = positives.correct + positives.wrong + negatives.wrong;
  return {
    byKind,
    positives,
    negatives,
    precision: matched === 0 ? 1 : positives.correct / matched,
    recall: positives.cases === 0 ? 0 : positives.correct / positives.cases,
    falseMatchRate: negatives.cases === 0 ? 0 : negatives.wrong / negatives.cases,
    examples,
  };
}

/**
 * 500 titles as Google Scholar result pages show them (the speed benchmark's input): 60% papers outside the
 * catalog (a third of them cut short with "…"), 20% catalog titles as printed, 10% catalog titles cut short,
 * 10% catalog titles reworded (typos, venue versions, sentence case). Deterministic.
 */
export function scholarStyleTitles(
  papers: readonly PaperRecord[],
  negatives: readonly PaperRecord[],
  count = 500,
  seed = 5,
): string[] {
  const rng = seededRandom(seed);
  const out: string[] = [];
  while (out.length < count) {
    const roll = rng();
    if (roll < 0.6) {
      const title = pick(rng, negatives).title;
      out.push(rng() < 1 / 3 ? (truncateTitle(title, 80) ?? title) : title);
    } else if (roll < 0.8) out.push(pick(rng, papers).title);
    else if (roll < 0.9) {
      const title = pick(rng, papers).title;
      out.push(truncateTitle(title, 80) ?? title);
    } else {
      const title = pick(rng, papers).title;
      const kind = pick(rng, ['typo', 'venue', 'case'] as const);
      out.push(PERTURB[kind](title, rng) ?? title);
    }
  }
  return out;
}
