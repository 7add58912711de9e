import { type LibraryItem, libraryKeyFor } from '../db/schema';
import { LEAF_IDS } from '../taxonomy';

/**
 * Seeded randomness for the export/import property and fuzz tests: the same seed gives the same cases, so a
 * failure names its seed and can be replayed.
 */

/** mulberry32: a tiny, good-enough 32-bit PRNG returning floats in [0, 1). */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Helpers over one PRNG. */
export function randomTools(seed: number) {
  const next = prng(seed);
  const int = (max: number) => Math.floor(next() * max);
  const pick = <T>(values: readonly T[]): T => values[int(values.length)]!;
  return { next, int, pick };
}

// Characters that stress every format: LaTeX specials, ligature halves, Markdown/RIS specials, accents,
// non-Latin scripts, emoji (astral plane), whitespace and a few control characters.
const PIECES = [
  ...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789',
  ...'&%$#_{}~^\\-`\'"@,;:!?()[]<>*|/.=+',
  ' ',
  ' ',
  ' ',
  '\t',
  '\n',
  '\u00A0',
  ...'éüßøłŁÅçñ',
  ...'中文标题Ελληνικάעבריתкириллица',
  '😀',
  '🚀',
  '\u0301',
  '\u0000',
  '\u001B',
  ' and ',
  'LoRA',
  'GPT-3',
  '$x^2$',
  '\\"o',
  '--',
  '``',
  "''",
];

/** A random string of up to `maxPieces` pieces drawn from PIECES. */
export function randomText(tools: ReturnType<typeof randomTools>, maxPieces = 30): string {
  let out = '';
  const n = tools.int(maxPieces + 1);
  for (let i = 0; i < n; i++) out += tools.pick(PIECES);
  return out;
}

const ARXIV_IDS = ['2106.09685', '2307.01234', 'hep-th/9711200', '1706.03762', 'cs/0101001', '2401.00001'];
const OPENREVIEW_IDS = ['nZeVKeeFYf', 'Bkg6RiCqY7', 'rJl-b3RcF7', 'a_b-c_d-E1'];

/** A random valid LibraryItem (title with letters so it always has a key). */
export function randomItem(tools: ReturnType<typeof randomTools>, now = 1_700_000_000_000): LibraryItem {
  const kind = tools.int(3);
  const arxivId = kind === 0 ? tools.pick(ARXIV_IDS) : null;
  const openreviewId = kind === 1 || (kind === 0 && tools.int(4) === 0) ? tools.pick(OPENREVIEW_IDS) : null;
  const title = `${tools.pick(['LoRA', 'Attention', 'Q', 'Ω', '中文', 'On'])} ${randomText(tools, 20)}`.slice(
    0,
    900,
  );
  const savedAt = now - tools.int(1_000_000);
  const authors = Array.from({ length: tools.int(5) }, () => randomText(tools, 6).slice(0, 200));
  const tags = Array.from({ length: tools.int(4) }, () => randomText(tools, 5).slice(0, 90) || 't');
  const item = {
    arxivId,
    openreviewId,
    catalogId: null,
    title,
    authors,
    year: tools.int(3) === 0 ? null : 1990 + tools.int(40),
    leaves: tools.int(2) === 0 ? [] : [tools.pick(LEAF_IDS)],
    // Only arXiv items link to arXiv: a title-only item with an arXiv link would gain that id on a BibTeX import.
    url: arxivId
      ? `https://arxiv.org/abs/${arxivId}`
      : tools.pick([
          'https://example.org/a?b=c&d=(e)',
          'http://x.test/%7Bpath%7D',
          'https://x.test/{a}\\b c',
        ]),
    savedAt,
    updatedAt: savedAt + tools.int(1_000_000),
    tags,
    note: randomText(tools, 40),
    status: tools.pick(['to-read', 'reading', 'read'] as const),
  };
  const key = libraryKeyFor(item)!;
  return { key, ...item };
}
