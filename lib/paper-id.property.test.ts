import { describe, expect, it } from 'vitest';
import { randomTools } from './export/test-random';
import {
  arxivAbsUrl,
  arxivIdDate,
  arxivPdfUrl,
  isArxivId,
  isOpenReviewId,
  OLD_STYLE_ARCHIVES,
  openReviewForumUrl,
  type PaperRef,
  parseArxivId,
  parsePaperRef,
  parsePaperUrl,
  parseRefKey,
  refKey,
  refUrl,
} from './paper-id';

/**
 * Property tests of the id parser over seeded random and adversarial strings (issue #6): it never throws,
 * accepts exactly what a separately written strict oracle accepts, is idempotent on canonical ids, round-trips
 * through every link builder, and stays fast on 100 kB inputs. The table tests in paper-id.test.ts pin the
 * documented cases; these look for the ones nobody thought of.
 */

const SEED = 0x1d_5eed;
const CASES = 20_000;

// ---------------------------------------------------------------------------------------------------------
// The oracle: arXiv's identifier scheme (https://info.arxiv.org/help/arxiv_identifier.html) written as plain
// regular expressions with the month/sequence ranges spelt out, independent of paper-id.ts's code checks.

const MONTH = '(?:0[1-9]|1[0-2])';
// YYMM.NNNN from 0704 through 1412; YYMM.NNNNN from 1501 on. Sequence numbers start at 1.
const NEW4 = `(?:07(?:0[4-9]|1[0-2])|(?:0[89]|1[0-4])${MONTH})\\.(?!0000)\\d{4}`;
const NEW5 = `(?:1[5-9]|[2-9]\\d)${MONTH}\\.(?!00000)\\d{5}`;
// archive[.Subject]/YYMMNNN from 9107 through 0703.
const OLD_YYMM = `(?:91(?:0[7-9]|1[0-2])|9[2-9]${MONTH}|0[0-6]${MONTH}|070[1-3])`;
const ARCHIVES = OLD_STYLE_ARCHIVES.map((a) => a.replace(/-/g, '\\-')).join('|');
const OLD = `(?:${ARCHIVES})(?:\\.[A-Za-z][A-Za-z-]{1,19})?\\/${OLD_YYMM}(?!000)\\d{3}`;
const STRICT = new RegExp(`^(?:${NEW4}|${NEW5}|${OLD})(?:v([1-9]\\d*))?$`);
const CANONICAL = new RegExp(`^(?:${NEW4}|${NEW5}|(?:${ARCHIVES})\\/${OLD_YYMM}\\d{3})$`);

/** What parseArxivId should accept: at most 64 characters, an optional "arXiv:" prefix, a strict id. */
function oracleAccepts(input: string): boolean {
  if (input.length > 64) return false;
  const m = STRICT.exec(input.replace(/^arxiv:\s*/i, ''));
  return m !== null && (m[1] === undefined || Number.isSafeInteger(Number(m[1])));
}

// ---------------------------------------------------------------------------------------------------------
// Generators

type Tools = ReturnType<typeof randomTools>;

const VALID_IDS = [
  '2106.09685',
  '0704.0001',
  '1412.9999',
  '1501.00001',
  '2312.00678',
  '9912.99999',
  'hep-th/9711200',
  'math/0309136',
  'cond-mat/0703999',
  'astro-ph/9107001',
  'cs/0101001',
];
const INVISIBLE = ['\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF'];
const ADVERSARIAL_CHARS = [
  ...INVISIBLE,
  '\u202E', // right-to-left override
  '\u202D',
  '\u200F',
  '\u0301', // combining acute
  '\u0338',
  '\uD800', // lone surrogates
  '\uDC00',
  '\u00A0',
  '\u2028',
  '\u3000',
  '\uFF0E', // fullwidth full stop
  '\u2024', // one dot leader
  '\uFF12', // fullwidth digit 2
  '\u0662', // Arabic-Indic digit 2
  '\u{1D7D0}', // mathematical bold digit 2
  '\u{10FFFF}',
  '\u0000',
  '%2E',
  '%00',
  '\\',
  '/',
  '..',
  '@',
  '#',
  '?',
  ':',
  ' ',
  '\t',
  '\n',
];
const ALPHABET = '0123456789.v/:-abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

function randomChar(t: Tools): string {
  switch (t.int(6)) {
    case 0:
      return t.pick(ADVERSARIAL_CHARS);
    case 1:
      return String.fromCodePoint(t.int(0x110000));
    case 2:
      return String.fromCharCode(t.int(0x10000));
    default:
      return ALPHABET[t.int(ALPHABET.length)]!;
  }
}

/** An id-like string: a valid id with one or two edits, or a fresh one from id-ish pieces. */
function idLike(t: Tools): string {
  if (t.int(4) === 0) {
    // Built from pieces, so the oracle's range boundaries are hit often (months 00/13, 0703/0704, 1412/1501).
    const yy = t.pick(['00', '06', '07', '08', '14', '15', '23', '91', '92', '99']);
    const mm = t.pick(['00', '01', '03', '04', '06', '12', '13']);
    const seq = t.pick(['0', '000', '0000', '00000', '0001', '00001', '1234', '12345', '123456']);
    const version = t.pick(['', '', 'v1', 'v0', 'v01', 'v12', 'v', `v${'9'.repeat(t.int(20) + 1)}`]);
    const prefix = t.pick(['', '', 'arXiv:', 'arxiv: ', 'ARXIV:\u00A0', 'arxiv:\u2003', 'arxiv']);
    if (t.int(2) === 0) return `${prefix}${yy}${mm}.${seq}${version}`;
    const archive = t.pick([...OLD_STYLE_ARCHIVES, 'stat', 'eess', 'HEP-TH', 'hep', 'math-', 'bogus']);
    const subject = t.pick(['', '', '.GT', '.mes-hall', '.X', '.1A', `.${'A'.repeat(21)}`, '.']);
    return `${prefix}${archive}${subject}/${yy}${mm}${seq.slice(0, 3).padStart(3, '1')}${version}`;
  }
  let text = t.pick(VALID_IDS) + t.pick(['', '', 'v1', 'v2', 'v10']);
  if (t.int(3) === 0) text = t.pick(['arXiv:', 'arxiv:', 'ArXiv: ']) + text;
  for (let edits = t.int(3); edits > 0; edits--) {
    const at = t.int(text.length + 1);
    switch (t.int(3)) {
      case 0:
        text = text.slice(0, at) + randomChar(t) + text.slice(at);
        break;
      case 1:
        text = text.slice(0, at) + text.slice(at + 1);
        break;
      default:
        text = text.slice(0, at) + randomChar(t) + text.slice(at + 1);
    }
  }
  return text;
}

function randomString(t: Tools): string {
  return Array.from({ length: t.int(40) }, () => randomChar(t)).join('');
}

const HOSTS = [
  'arxiv.org',
  'www.arxiv.org',
  'export.arxiv.org',
  'browse.arxiv.org',
  'ar5iv.labs.arxiv.org',
  'ar5iv.org',
  'alphaxiv.org',
  'www.alphaxiv.org',
  'huggingface.co',
  'openreview.net',
  'www.openreview.net',
  'doi.org',
  'dx.doi.org',
];
const TRICK_HOSTS = [
  'arxiv.org.evil.example',
  'evil.example',
  'arxiv.org@evil.example',
  'evil.example@arxiv.org',
  'arxiv.org:8443',
  'аrxiv.org', // Cyrillic а
  'xn--rxiv-6ve.org',
  'ARXIV.ORG',
  'arxiv.org.',
  '127.0.0.1',
  '[::1]',
  'arxiv%2Eorg',
];
const PATHS = [
  '/abs/',
  '/pdf/',
  '/html/',
  '/format/',
  '/src/',
  '/papers/',
  '/overview/',
  '/forum?id=',
  '/pdf?id=',
  '/10.48550/arXiv.',
  '/list/',
  '/abs//',
  '/ABS/',
  '/abs/../abs/',
  '/abs%2F',
  '\\abs\\',
];

/** A URL-ish string: a scheme, a host (often a lookalike), a path and an id-ish tail. */
function urlLike(t: Tools): string {
  const scheme = t.pick([
    'https://',
    'https://',
    'http://',
    'javascript://',
    'file://',
    'ftp://',
    '//',
    '',
    'https:\\\\',
  ]);
  const host = t.int(3) === 0 ? t.pick(TRICK_HOSTS) : t.pick(HOSTS);
  const tail = t.int(3) === 0 ? t.pick(['nZeVKeeFYf9', 'rJl-b3RcF7', 'x', 'a'.repeat(41)]) : idLike(t);
  const suffix = t.pick(['', '', '.pdf', '/', '#frag', '?x=1', '&id=other', '%20', '\u202E']);
  return `${scheme}${host}${t.pick(PATHS)}${tail}${suffix}`;
}

function anyInput(t: Tools): string {
  switch (t.int(4)) {
    case 0:
      return randomString(t);
    case 1:
      return urlLike(t);
    default:
      return idLike(t);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Checks

/** A ref is well formed: canonical arXiv id (valid year/month) and a safe version, or an OpenReview id. */
function expectWellFormed(ref: PaperRef, input: string): void {
  const label = JSON.stringify(input);
  if (ref.kind === 'arxiv') {
    expect(ref.id, label).toMatch(CANONICAL);
    expect(isArxivId(ref.id), label).toBe(true);
    expect(ref.version === null || (Number.isSafeInteger(ref.version) && ref.version >= 1), label).toBe(true);
    const date = arxivIdDate(ref.id);
    expect(date, label).not.toBeNull();
    expect(date!.year * 100 + date!.month, label).toBeGreaterThanOrEqual(199107);
  } else {
    expect(ref.id, label).toMatch(/^[A-Za-z0-9_-]{6,40}$/);
    expect(isOpenReviewId(ref.id), label).toBe(true);
  }
}

/** Canonical forms parse back to the same ref through every builder and parser. */
function expectRoundTrips(ref: PaperRef, input: string): void {
  const label = JSON.stringify(input);
  expect(parseRefKey(refKey(ref)), label).toEqual(
    ref.kind === 'arxiv' ? { kind: 'arxiv', id: ref.id, version: null } : ref,
  );
  expect(parsePaperUrl(refUrl(ref)), label).toEqual(ref);
  expect(parsePaperRef(refUrl(ref)), label).toEqual(ref);
  if (ref.kind === 'arxiv') {
    // The canonical id parses to itself (idempotence), with and without its version.
    expect(parseArxivId(ref.id), label).toEqual({ id: ref.id, version: null });
    expect(parsePaperRef(ref.id), label).toEqual({ kind: 'arxiv', id: ref.id, version: null });
    expect(parsePaperUrl(arxivAbsUrl(ref.id)), label).toEqual({ kind: 'arxiv', id: ref.id, version: null });
    expect(parsePaperUrl(arxivPdfUrl(ref.id, 3)), label).toEqual({ kind: 'arxiv', id: ref.id, version: 3 });
    expect(parsePaperRef(`arXiv:${ref.id}v7`), label).toEqual({ kind: 'arxiv', id: ref.id, version: 7 });
  } else {
    expect(parsePaperUrl(openReviewForumUrl(ref.id)), label).toEqual(ref);
  }
}

describe('parseArxivId against the strict oracle', () => {
  it('control: the oracle accepts every documented valid id and rejects the documented near misses', () => {
    for (const id of [...VALID_IDS, 'arXiv:2106.09685v2', 'math.GT/0309136', 'cond-mat.mes-hall/0703999v1']) {
      expect(oracleAccepts(id), id).toBe(true);
    }
    for (const id of [
      '2113.00001',
      '0703.0001',
      '1501.0001',
      '1412.00001',
      '2106.00000',
      '2106.09685v0',
      '2106.09685v01',
      'bogus/9711200',
      'stat/0101001',
      'hep-th/9106001',
      'hep-th/0704001',
      'hep-th/9711000',
    ]) {
      expect(oracleAccepts(id), id).toBe(false);
    }
  });

  it(`agrees with the oracle on ${CASES} id-like and random strings, and never throws`, () => {
    const t = randomTools(SEED);
    let accepted = 0;
    const disagreements: string[] = [];
    for (let i = 0; i < CASES; i++) {
      const input = t.int(5) === 0 ? randomString(t) : idLike(t);
      const parsed = parseArxivId(input);
      if ((parsed !== null) !== oracleAccepts(input)) disagreements.push(JSON.stringify(input));
      if (parsed) {
        accepted++;
        expectWellFormed({ kind: 'arxiv', ...parsed }, input);
        expectRoundTrips({ kind: 'arxiv', ...parsed }, input);
      }
    }
    expect(disagreements.slice(0, 20)).toEqual([]);
    // Both sides of the boundary are exercised, not just the rejections.
    expect(accepted).toBeGreaterThan(CASES * 0.15);
    expect(accepted).toBeLessThan(CASES * 0.85);
  });
});

describe('parsePaperRef and parsePaperUrl on random, adversarial and URL-trick strings', () => {
  it(`never throw, return only well-formed refs, and those round-trip (${CASES} cases)`, () => {
    const t = randomTools(SEED + 1);
    let refs = 0;
    for (let i = 0; i < CASES; i++) {
      const input = anyInput(t);
      for (const ref of [parsePaperRef(input), parsePaperUrl(input)]) {
        if (ref === null) continue;
        refs++;
        expectWellFormed(ref, input);
        expectRoundTrips(ref, input);
      }
    }
    expect(refs).toBeGreaterThan(CASES * 0.1);
  });

  it('accept a URL only when the URL parser itself says its host is one we know, over http(s), default port', () => {
    const t = randomTools(SEED + 2);
    const known = new Set(HOSTS);
    for (let i = 0; i < CASES; i++) {
      const input = urlLike(t);
      const ref = parsePaperUrl(input);
      if (ref === null) continue;
      const url = new URL(input);
      expect(known.has(url.hostname.replace(/\.$/, '')), input).toBe(true);
      expect(['https:', 'http:'], input).toContain(url.protocol);
      expect(url.port, input).toBe('');
    }
  });

  it('refuse the classic URL tricks', () => {
    const tricks = [
      'https://arxiv.org.evil.example/abs/2106.09685',
      'https://arxiv.org@evil.example/abs/2106.09685',
      'https://evil.example/arxiv.org/abs/2106.09685',
      'https://evil.example/?u=https://arxiv.org/abs/2106.09685',
      'https://arxiv.org:8443/abs/2106.09685',
      'https://аrxiv.org/abs/2106.09685',
      'javascript://arxiv.org/abs/2106.09685',
      'file:///arxiv.org/abs/2106.09685',
      'https://arxiv.org/abs/2106.09685@evil.example',
      'https://arxiv.org/abs/%32106.09685',
      'https://arxiv.org/abs/2106%2E09685',
      'https://arxiv.org/abs/2106.09685\u202E',
      'https://arxiv.org/list/2106.09685',
      'https://openreview.net/forum?id=../../x',
      'https://openreview.net/group?id=ICLR.cc/2024/Conference',
      'https://doi.org/10.48550/arXiv.2113.00001',
    ];
    for (const url of tricks) {
      expect(parsePaperUrl(url), url).toBeNull();
      expect(parsePaperRef(url), url).toBeNull();
    }
  });

  it('strip the documented invisibles (zero-width, BOM) from pasted ids, and nothing else', () => {
    const t = randomTools(SEED + 3);
    for (let i = 0; i < 2_000; i++) {
      const id = t.pick(VALID_IDS);
      const at = t.int(id.length + 1);
      const invisible = t.pick(INVISIBLE);
      expect(parsePaperRef(id.slice(0, at) + invisible + id.slice(at))?.id, id).toBe(id);
      // A direction override, a combining mark or a lone surrogate is not invisible noise: the id is refused.
      const visible = t.pick(['\u202E', '\u0301', '\uD800', '\u00AD\u0338']);
      if (at > 0 && at < id.length)
        expect(parsePaperRef(id.slice(0, at) + visible + id.slice(at)), id).toBeNull();
    }
  });

  it('never throw on non-strings and URL-likes with throwing getters', () => {
    const hostile: unknown[] = [
      null,
      undefined,
      42,
      Symbol('x'),
      {},
      [],
      { href: 42 },
      {
        get href(): string {
          throw new Error('boom');
        },
      },
      new Proxy(
        {},
        {
          get() {
            throw new Error('boom');
          },
        },
      ),
    ];
    for (const value of hostile) {
      expect(parsePaperRef(value as string)).toBeNull();
      expect(parsePaperUrl(value as string)).toBeNull();
      expect(parseArxivId(value as string)).toBeNull();
      expect(isArxivId(value as string)).toBe(false);
      expect(parseRefKey(value as string)).toBeNull();
    }
  });
});

describe('bounded time on 100 kB inputs', () => {
  const big = 100 * 1024;
  const inputs: Record<string, string> = {
    digits: '1'.repeat(big),
    'id then junk': `2106.09685${'v'.repeat(big)}`,
    'arxiv: then spaces': `arxiv:${' '.repeat(big)}2106.09685`,
    'url, long path': `https://arxiv.org/abs/${'2106.09685/'.repeat(big / 11)}`,
    'url, long host': `https://${'a.'.repeat(big / 2)}arxiv.org/abs/2106.09685`,
    'doi, long': `10.48550/arXiv.${'%2'.repeat(big / 3)}`,
    'openreview query': `https://openreview.net/forum?id=${'A'.repeat(big)}`,
    'stamp-like': `arXiv:2106.09685v1 [${'a'.repeat(big)}] 1 Jun 2007`,
    'zero-width': '\u200B'.repeat(big),
    'astral junk': '\u{1F600}'.repeat(big / 2),
  };
  for (const [name, input] of Object.entries(inputs)) {
    it(`${name}: every parser answers within 250 ms`, () => {
      const start = performance.now();
      parsePaperRef(input);
      parsePaperUrl(input);
      parseArxivId(input);
      isArxivId(input);
      parseRefKey(input);
      expect(performance.now() - start).toBeLessThan(250);
    });
  }
});
