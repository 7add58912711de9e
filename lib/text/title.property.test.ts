import { describe, expect, it } from 'vitest';
import { randomText, randomTools } from '../export/test-random';
import { normalizeFull, normalizeTitle, titleTokens } from './title';

/**
 * Property tests of normalizeTitle over seeded random and adversarial strings (issue #6): it never throws,
 * is idempotent, emits only lower-case letters and digits separated by single spaces, gives the same answer
 * for the same text in any Unicode normal form and with invisible format characters sprinkled in, and stays
 * fast on 100 kB inputs. title.test.ts holds the hand-picked tables; these search for what they miss.
 */

const SEED = 0x7171e;
const CASES = 20_000;

type Tools = ReturnType<typeof randomTools>;

// Format characters (\p{Cf}) that ride along when titles are copied from PDFs and web pages: invisible, so a
// reader sees the same title with or without them.
const FORMAT_CHARS = [
  '\u00AD',
  '\u200B',
  '\u200C',
  '\u200D',
  '\u2060',
  '\uFEFF',
  '\u200E',
  '\u200F',
  '\u202A',
  '\u202E',
  '\u2066',
  '\u2069',
];
const ADVERSARIAL = [
  ...FORMAT_CHARS,
  '\u0301', // combining marks, also stacked
  '\u0301\u0302\u0303\u0304',
  '\u20DD',
  '\uD800', // lone surrogates
  '\uDFFF',
  '\u{1F600}',
  '\u{10FFFF}',
  '\u{1D400}', // mathematical bold A
  'ﬁ',
  'ẞ',
  'ß',
  'İ',
  'ı',
  'Σ',
  'ς',
  'ǅ',
  'ᾳ',
  'ℌ',
  'Å',
  '①',
  '½',
  '\u0000',
  '\u0085',
  '\u2028',
  '\u3000',
  '\\',
  '\\ss',
  '\\o ',
  '\\"',
  '\\emph{',
  '{}',
  '$',
  '\\LaTeX{}',
  'ا', // Arabic, RTL
  'עברית',
  '中文',
  'Ελληνικά',
];

function adversarialText(t: Tools, pieces = 30): string {
  let out = '';
  for (let n = t.int(pieces + 1); n > 0; n--) {
    switch (t.int(4)) {
      case 0:
        out += t.pick(ADVERSARIAL);
        break;
      case 1:
        out += String.fromCodePoint(t.int(0x110000));
        break;
      default:
        out += randomText(t, 3);
    }
  }
  return out;
}

/** What the normaliser may emit: words of lower-case letters and digits (no marks), single spaces, trimmed. */
function expectAllowedAlphabet(out: string, input: string): void {
  const label = JSON.stringify(input.slice(0, 200));
  expect(out, label).toMatch(/^(?:[\p{L}\p{N}]+(?: [\p{L}\p{N}]+)*)?$/u);
  expect(/\p{M}/u.test(out), label).toBe(false);
  expect(out, label).toBe(out.toLowerCase());
  expect(out, label).toBe(out.normalize('NFKD'));
}

describe('normalizeTitle properties', () => {
  it(`is idempotent, emits only the allowed alphabet and never throws (${CASES} cases)`, () => {
    const t = randomTools(SEED);
    const failures: string[] = [];
    for (let i = 0; i < CASES; i++) {
      const input = adversarialText(t);
      const out = normalizeTitle(input);
      expectAllowedAlphabet(out, input);
      if (normalizeTitle(out) !== out) failures.push(JSON.stringify(input));
      expect(titleTokens(input)).toEqual(out === '' ? [] : out.split(' '));
    }
    expect(failures.slice(0, 10)).toEqual([]);
  });

  it('does not depend on the Unicode normal form of its input', () => {
    const t = randomTools(SEED + 1);
    for (let i = 0; i < CASES / 4; i++) {
      const input = adversarialText(t).replace(/[\uD800-\uDFFF]/g, ''); // lone surrogates have no normal form
      const out = normalizeTitle(input);
      for (const form of ['NFC', 'NFD', 'NFKC', 'NFKD'] as const) {
        expect(normalizeTitle(input.normalize(form)), `${form} ${JSON.stringify(input)}`).toBe(out);
      }
    }
  });

  it('ignores invisible format characters (soft hyphen, zero-width, direction marks), even inside a word', () => {
    const t = randomTools(SEED + 2);
    for (let i = 0; i < CASES / 4; i++) {
      const input = randomText(t, 20);
      const at = t.int(input.length + 1);
      const noisy = input.slice(0, at) + t.pick(FORMAT_CHARS) + input.slice(at);
      expect(normalizeTitle(noisy), JSON.stringify(noisy)).toBe(normalizeTitle(input));
    }
    expect(normalizeTitle('Lo\u00ADRA: Low-Rank Ad\u200Baptation')).toBe('lora low rank adaptation');
  });

  it('is case-insensitive on ASCII text without LaTeX commands', () => {
    const t = randomTools(SEED + 3);
    for (let i = 0; i < CASES / 4; i++) {
      const input = Array.from({ length: t.int(60) }, () => String.fromCharCode(32 + t.int(95)))
        .join('')
        .replace(/\\/g, '');
      expect(normalizeTitle(input.toUpperCase()), input).toBe(normalizeTitle(input.toLowerCase()));
    }
  });

  it("gives the full pipeline's result on every input its plain-ASCII shortcut takes, and on the rest", () => {
    const t = randomTools(SEED + 4);
    const mismatches: string[] = [];
    const check = (input: string) => {
      if (normalizeTitle(input) !== normalizeFull(input)) mismatches.push(JSON.stringify(input));
    };
    // Every ASCII character alone and after a letter (the shortcut takes all but \\ { } $).
    for (let c = 0; c < 128; c++) {
      check(String.fromCharCode(c));
      check(`a${String.fromCharCode(c)}B`);
    }
    for (let i = 0; i < CASES; i++) {
      // Mostly ASCII of every kind (controls, punctuation, LaTeX-like commands), sometimes with a non-ASCII piece.
      const ascii = Array.from({ length: t.int(80) }, () => String.fromCharCode(t.int(128))).join('');
      check(ascii);
      check(`${ascii}${adversarialText(t, 2)}`);
    }
    for (const title of [
      'LoRA: Low-Rank Adaptation of Large Language Models',
      'Q-Sparse_v2 (tech. report)',
    ]) {
      check(title);
    }
    expect(mismatches.slice(0, 10)).toEqual([]);
  });

  it('returns "" for non-strings instead of throwing', () => {
    for (const value of [null, undefined, 42, {}, [], Symbol('x'), { toString: () => 'x' }]) {
      expect(normalizeTitle(value as string)).toBe('');
      expect(titleTokens(value as string)).toEqual([]);
    }
  });
});

describe('normalizeTitle on 100 kB inputs', () => {
  const big = 100 * 1024;
  const inputs: Record<string, string> = {
    letters: 'a'.repeat(big),
    'one LaTeX command name': `\\${'a'.repeat(big)}`,
    'LaTeX commands': '\\a'.repeat(big / 2),
    'commands before braces': '\\emph {'.repeat(big / 7),
    'letter commands and spaces': `\\ss${' '.repeat(big)}x`,
    'letter commands, repeated': '\\o \\ss{}'.repeat(big / 8),
    'accent commands': '\\"'.repeat(big / 2),
    'combining marks': `e${'\u0301'.repeat(big)}`,
    'format characters': '\u200B\u00AD'.repeat(big / 2),
    punctuation: '-'.repeat(big),
    'astral letters': '\u{1D400}'.repeat(big / 2),
    'lone surrogates': '\uD800'.repeat(big),
    'final sigma': 'Σ'.repeat(big),
  };
  for (const [name, input] of Object.entries(inputs)) {
    it(`${name}: within 250 ms, and idempotent`, () => {
      const start = performance.now();
      const out = normalizeTitle(input);
      expect(performance.now() - start).toBeLessThan(250);
      expect(normalizeTitle(out)).toBe(out);
    });
  }
});
