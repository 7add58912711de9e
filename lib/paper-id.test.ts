import { describe, expect, it } from 'vitest';
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

const ax = (id: string, version: number | null = null): PaperRef => ({ kind: 'arxiv', id, version });
const or = (id: string): PaperRef => ({ kind: 'openreview', id });

// ---------------------------------------------------------------------------------------------------------
// Tables

/** Bare ids: input -> [canonical id, version]. */
const ID_POSITIVES: [string, string, number | null][] = [
  ['2106.09685', '2106.09685', null],
  ['2106.09685v2', '2106.09685', 2],
  ['arXiv:2106.09685', '2106.09685', null],
  ['arxiv:2106.09685v1', '2106.09685', 1],
  ['ARXIV:2106.09685', '2106.09685', null],
  ['arXiv: 2106.09685', '2106.09685', null],
  ['2312.00678', '2312.00678', null],
  ['0704.0001', '0704.0001', null], // first new-style id
  ['1412.9999v3', '1412.9999', 3], // last month of 4-digit numbers
  ['1501.00001', '1501.00001', null], // first 5-digit id
  ['0706.0001v12', '0706.0001', 12],
  ['9912.99999', '9912.99999', null],
  ['hep-th/9711200', 'hep-th/9711200', null],
  ['hep-th/9711200v3', 'hep-th/9711200', 3],
  ['arXiv:hep-th/9711200v1', 'hep-th/9711200', 1],
  ['hep-th/9108001', 'hep-th/9108001', null], // arXiv's first paper
  ['hep-ph/0703999', 'hep-ph/0703999', null], // last old-style month
  ['math.GT/0309136', 'math/0309136', null], // subject class dropped, as arXiv's redirect does
  ['math.GT/0309136v2', 'math/0309136', 2],
  ['cs.CL/0102001', 'cs/0102001', null],
  ['cond-mat.mes-hall/0501001', 'cond-mat/0501001', null],
  ['solv-int/9901001', 'solv-int/9901001', null],
  ['q-bio/0401001', 'q-bio/0401001', null],
  ['physics/0703001', 'physics/0703001', null],
  ['cmp-lg/9404001', 'cmp-lg/9404001', null],
];

/** Strings parseArxivId must reject, with the reason. */
const ID_NEGATIVES: [string, string][] = [
  ['2113.00001', 'month 13'],
  ['2100.00001', 'month 00'],
  ['1412.12345', '5 digits before 1501'],
  ['1501.1234', '4 digits from 1501 on'],
  ['2106.0968', '4 digits from 1501 on'],
  ['0612.1234', 'new style before 0704'],
  ['0703.1234', 'new style before 0704'],
  ['2106.00000', 'sequence numbers start at 1'],
  ['2106.096850', '6 digits'],
  ['2106.09685v0', 'versions start at 1'],
  ['2106.09685v01', 'leading zero in version'],
  ['2106.09685v', 'empty version'],
  ['2106.09685V2', 'upper-case V'],
  ['2106.09685v99999999999999999999', 'version beyond safe integers'],
  ['2106.09685.pdf', 'file name, not an id'],
  ['2106,09685', 'comma'],
  ['210609685', 'no dot'],
  ['bogus-archive/9711200', 'unknown archive'],
  ['stat/0601001', 'stat never had old-style ids'],
  ['HEP-TH/9711200', 'archives are lower-case'],
  ['hep-th/9713200', 'month 13'],
  ['hep-th/9700200', 'month 00'],
  ['hep-th/9106001', 'before arXiv existed'],
  ['hep-th/0704001', 'old style after 0703'],
  ['hep-th/1204001', 'old style in 2012'],
  ['hep-th/9711000', 'numbers start at 001'],
  ['hep-th/971120', '6 digits'],
  ['hep-th/97112000', '8 digits'],
  ['hep-th9711200', 'no slash'],
  ['math.G/0309136', 'one-letter subject class'],
  ['math./0309136', 'empty subject class'],
  ['/9711200', 'no archive'],
  [' 2106.09685', 'parseArxivId does not trim (parsePaperRef does)'],
  ['2106.09685 ', 'trailing space'],
  ['\uFF12\uFF11\uFF10\uFF16.\uFF10\uFF19\uFF16\uFF18\uFF15', 'full-width digits'],
  ['arXiv:', 'prefix only'],
  ['arXiv:arXiv:2106.09685', 'double prefix'],
  ['', 'empty'],
];

/** URLs -> ref. */
const URL_POSITIVES: [string, PaperRef][] = [
  ['https://arxiv.org/abs/2106.09685', ax('2106.09685')],
  ['https://arxiv.org/abs/2106.09685v2', ax('2106.09685', 2)],
  ['http://arxiv.org/abs/2106.09685', ax('2106.09685')],
  ['https://www.arxiv.org/abs/2106.09685', ax('2106.09685')],
  ['https://export.arxiv.org/abs/2106.09685v1', ax('2106.09685', 1)],
  ['https://browse.arxiv.org/abs/2106.09685', ax('2106.09685')],
  ['https://arxiv.org/abs/2106.09685/', ax('2106.09685')],
  ['https://arxiv.org/abs/2106.09685?context=cs.CL', ax('2106.09685')],
  ['https://arxiv.org/abs/2106.09685#comments', ax('2106.09685')],
  ['https://ARXIV.ORG/abs/2106.09685', ax('2106.09685')],
  ['https://arxiv.org:443/abs/2106.09685', ax('2106.09685')],
  ['https://arxiv.org./abs/2106.09685', ax('2106.09685')],
  ['https://arxiv.org/pdf/2106.09685', ax('2106.09685')],
  ['https://arxiv.org/pdf/2106.09685v2', ax('2106.09685', 2)],
  ['https://arxiv.org/pdf/2106.09685.pdf', ax('2106.09685')],
  ['https://arxiv.org/pdf/2106.09685v2.pdf#page=3', ax('2106.09685', 2)],
  ['https://arxiv.org/html/2106.09685v2', ax('2106.09685', 2)],
  ['https://arxiv.org/html/2106.09685v2/', ax('2106.09685', 2)],
  ['https://arxiv.org/html/2106.09685v2#S3', ax('2106.09685', 2)],
  ['https://arxiv.org/format/2106.09685', ax('2106.09685')],
  ['https://arxiv.org/src/2106.09685v1', ax('2106.09685', 1)],
  ['https://arxiv.org/abs/1501.00001', ax('1501.00001')],
  ['https://arxiv.org/abs/0706.0001', ax('0706.0001')],
  ['https://arxiv.org/abs/hep-th/9711200', ax('hep-th/9711200')],
  ['https://arxiv.org/abs/hep-th/9711200v3', ax('hep-th/9711200', 3)],
  ['https://arxiv.org/pdf/hep-th/9711200v1.pdf', ax('hep-th/9711200', 1)],
  ['https://arxiv.org/abs/math.GT/0309136', ax('math/0309136')],
  ['https://ar5iv.labs.arxiv.org/html/2106.09685', ax('2106.09685')],
  ['https://ar5iv.org/abs/2106.09685', ax('2106.09685')],
  ['https://ar5iv.org/html/hep-th/9711200', ax('hep-th/9711200')],
  ['https://alphaxiv.org/abs/2106.09685', ax('2106.09685')],
  ['https://www.alphaxiv.org/abs/2106.09685v2', ax('2106.09685', 2)],
  ['https://www.alphaxiv.org/overview/2106.09685', ax('2106.09685')],
  ['https://alphaxiv.org/overview/2312.00678v1/', ax('2312.00678', 1)],
  ['https://huggingface.co/papers/2106.09685', ax('2106.09685')],
  ['https://huggingface.co/papers/2312.00678#community', ax('2312.00678')],
  ['https://openreview.net/forum?id=rJl-b3RcF7', or('rJl-b3RcF7')],
  ['https://openreview.net/forum?id=nZeVKeeFYf9&noteId=aBcD123456', or('nZeVKeeFYf9')],
  ['https://openreview.net/forum?noteId=aBcD123456&id=nZeVKeeFYf9', or('nZeVKeeFYf9')],
  ['https://openreview.net/pdf?id=nZeVKeeFYf9', or('nZeVKeeFYf9')],
  ['https://www.openreview.net/forum?id=Bkg_6RNYDH', or('Bkg_6RNYDH')],
  ['https://doi.org/10.48550/arXiv.2106.09685', ax('2106.09685')],
  ['https://dx.doi.org/10.48550/arXiv.2106.09685', ax('2106.09685')],
  ['https://doi.org/10.48550/ARXIV.2106.09685', ax('2106.09685')],
  ['https://doi.org/10.48550/arXiv.hep-th/9711200', ax('hep-th/9711200')],
  ['https://doi.org/10.48550/arXiv.hep-th%2F9711200', ax('hep-th/9711200')],
];

/** URLs (and non-URLs) parsePaperUrl must reject. */
const URL_NEGATIVES: string[] = [
  'https://arxiv.org/',
  'https://arxiv.org',
  'https://arxiv.org/list/cs.CL/new',
  'https://arxiv.org/list/cs.CL/recent',
  'https://arxiv.org/list/cs.CL/2106',
  'https://arxiv.org/search/?query=lora&searchtype=all',
  'https://arxiv.org/a/hu_e_1',
  'https://arxiv.org/abs/',
  'https://arxiv.org/abs',
  'https://arxiv.org/pdf/',
  'https://arxiv.org/abs/2113.00001',
  'https://arxiv.org/abs/1412.12345',
  'https://arxiv.org/abs/2106.09685v0',
  'https://arxiv.org/abs/2106.09685/extra',
  'https://arxiv.org/abs/arXiv:2106.09685',
  'https://arxiv.org/abs/bogus-archive/9711200',
  'https://arxiv.org/ABS/2106.09685',
  'https://arxiv.org/help/2106.09685',
  'https://arxiv.org.evil.com/abs/2106.09685',
  'https://evil.com/arxiv.org/abs/2106.09685',
  'https://evilarxiv.org/abs/2106.09685',
  'https://evil.com/?u=https://arxiv.org/abs/2106.09685',
  'https://arxiv.org:8080/abs/2106.09685',
  'ftp://arxiv.org/abs/2106.09685',
  'file:///arxiv.org/abs/2106.09685',
  'javascript:alert(1)//arxiv.org/abs/2106.09685',
  'https://constructor/abs/2106.09685',
  'http://__proto__/abs/2106.09685',
  'https://ar5iv.labs.arxiv.org/',
  'https://alphaxiv.org/explore',
  'https://huggingface.co/papers',
  'https://huggingface.co/models/2106.09685',
  'https://openreview.net/',
  'https://openreview.net/group?id=ICLR.cc/2024/Conference',
  'https://openreview.net/profile?id=~Edward_Hu1',
  'https://openreview.net/forum',
  'https://openreview.net/forum?id=',
  'https://openreview.net/forum?id=abc',
  'https://openreview.net/forum?id=rJl-b3RcF7%3Cscript%3E',
  'https://openreview.net/forum?id=a.b%2F..%2Fx1234',
  `https://openreview.net/forum?id=${'a'.repeat(41)}`,
  'https://openreview.net/forum?noteId=rJl-b3RcF7',
  'https://doi.org/10.1145/3442188.3445922',
  'https://doi.org/10.48550/arXiv.2113.00001',
  'https://doi.org/10.48550/arXiv.%E0%A4%A',
  'https://scholar.google.com/scholar?q=2106.09685',
  'arxiv.org/abs/2106.09685', // parsePaperUrl needs a scheme; parsePaperRef adds one
  '2106.09685',
  'not a url',
  '',
];

/** Free-text inputs for parsePaperRef beyond the bare ids and URLs above. */
const REF_POSITIVES: [string, PaperRef][] = [
  ['  2106.09685\n', ax('2106.09685')],
  ['\t arXiv:2106.09685v3 ', ax('2106.09685', 3)],
  ['\u200B2106.09685', ax('2106.09685')],
  ['10.48550/arXiv.2106.09685', ax('2106.09685')],
  ['10.48550/ARXIV.2106.09685', ax('2106.09685')],
  ['doi:10.48550/arxiv.2106.09685', ax('2106.09685')],
  ['DOI: 10.48550/arXiv.hep-th/9711200', ax('hep-th/9711200')],
  ['arxiv.org/abs/2106.09685', ax('2106.09685')],
  ['www.arxiv.org/pdf/2106.09685v3.pdf', ax('2106.09685', 3)],
  ['//arxiv.org/abs/2106.09685', ax('2106.09685')],
  ['openreview.net/forum?id=rJl-b3RcF7', or('rJl-b3RcF7')],
  ['huggingface.co/papers/2106.09685', ax('2106.09685')],
  [' https://arxiv.org/abs/2106.09685 ', ax('2106.09685')],
  ['arXiv:0706.0001v1 [q-bio.CB] 1 Jun 2007', ax('0706.0001', 1)],
  ['2106.09685 [cs.CL]', ax('2106.09685')],
  ['openreview:rJl-b3RcF7', or('rJl-b3RcF7')],
  ['arxiv:hep-th/9711200', ax('hep-th/9711200')],
];

const REF_NEGATIVES: string[] = [
  'LoRA: Low-Rank Adaptation of Large Language Models',
  'see arXiv:2106.09685 for details', // prose: the whole input must be a reference
  'arxiv.org/abs/2106.09685 arxiv.org/abs/2106.09686',
  '10.1145/3442188.3445922',
  '10.48550/arXiv.',
  '10.48550/arXiv.2113.00001',
  'openreview:abc',
  'openreview:',
  'rJl-b3RcF7', // a bare OpenReview id is indistinguishable from a word
  'arxiv.org/list/cs.CL/new',
  'arxiv.org',
  'mailto:someone@arxiv.org',
  'javascript:alert(1)',
  '2113.00001',
  'hep-th/9713200',
  '   ',
  '',
];

// ---------------------------------------------------------------------------------------------------------
// Table tests

describe('parseArxivId', () => {
  it.each(ID_POSITIVES)('%s -> %s v%s', (input, id, version) => {
    expect(parseArxivId(input)).toEqual({ id, version });
  });

  it.each(ID_NEGATIVES)('rejects %j (%s)', (input) => {
    expect(parseArxivId(input)).toBeNull();
  });

  it('accepts an id in every old-style archive and rejects later archives', () => {
    for (const archive of OLD_STYLE_ARCHIVES) {
      expect(parseArxivId(`${archive}/0101001`), archive).toEqual({
        id: `${archive}/0101001`,
        version: null,
      });
    }
    for (const archive of ['stat', 'q-fin', 'eess', 'econ', 'hep', 'th', 'hepth', 'hep-thx']) {
      expect(parseArxivId(`${archive}/0101001`), archive).toBeNull();
    }
    // The brief's list, typed independently of the module's.
    for (const archive of [
      'hep-th',
      'gr-qc',
      'nlin',
      'chao-dyn',
      'patt-sol',
      'adap-org',
      'bayes-an',
      'cmp-lg',
    ]) {
      expect(OLD_STYLE_ARCHIVES).toContain(archive);
    }
  });
});

describe('isArxivId', () => {
  it.each(['2106.09685', '0704.0001', '1501.00001', 'hep-th/9711200', 'math/0309136'])(
    '%s is canonical',
    (id) => {
      expect(isArxivId(id)).toBe(true);
    },
  );

  it.each([
    '2106.09685v2',
    'arXiv:2106.09685',
    'math.GT/0309136',
    ' 2106.09685',
    '2113.00001',
    'hep-th/9711200v1',
    '',
  ])('%j is not', (id) => {
    expect(isArxivId(id)).toBe(false);
  });
});

describe('parsePaperUrl', () => {
  it.each(URL_POSITIVES)('%s', (url, ref) => {
    expect(parsePaperUrl(url)).toEqual(ref);
    expect(parsePaperUrl(new URL(url))).toEqual(ref);
    // What a page reports as `location` parses the same way.
    expect(parsePaperUrl({ href: url } as unknown as URL)).toEqual(ref);
  });

  it.each(URL_NEGATIVES)('rejects %j', (url) => {
    expect(parsePaperUrl(url)).toBeNull();
  });
});

describe('parsePaperRef', () => {
  it.each(REF_POSITIVES)('%j', (input, ref) => {
    expect(parsePaperRef(input)).toEqual(ref);
  });

  it('accepts every bare id and every paper URL', () => {
    for (const [input, id, version] of ID_POSITIVES)
      expect(parsePaperRef(input), input).toEqual(ax(id, version));
    for (const [url, ref] of URL_POSITIVES) {
      expect(parsePaperRef(url), url).toEqual(ref);
      expect(parsePaperRef(`  ${url.replace(/^https?:\/\//, '')}\n`), url).toEqual(ref);
    }
  });

  it.each(REF_NEGATIVES)('rejects %j', (input) => {
    expect(parsePaperRef(input)).toBeNull();
  });

  it('rejects every invalid bare id', () => {
    // Except the whitespace cases, which it trims into valid ids.
    for (const [input] of ID_NEGATIVES.filter(([s]) => s.trim() === s))
      expect(parsePaperRef(input), input).toBeNull();
  });
});

describe('arxivIdDate', () => {
  it.each([
    ['2106.09685', 2021, 6],
    ['2106.09685v3', 2021, 6],
    ['0704.0001', 2007, 4],
    ['1412.9999', 2014, 12],
    ['9912.99999', 2099, 12],
    ['hep-th/9711200', 1997, 11],
    ['hep-th/9108001', 1991, 8],
    ['math.GT/0309136', 2003, 9],
    ['cs/0001001', 2000, 1],
    ['physics/0703001', 2007, 3],
  ])('%s -> %i-%i', (id, year, month) => {
    expect(arxivIdDate(id)).toEqual({ year, month });
  });

  it.each(['2113.00001', 'hep-th/9713200', 'nope', ''])('%j -> null', (id) => {
    expect(arxivIdDate(id)).toBeNull();
  });
});

describe('links and keys', () => {
  it('builds canonical links', () => {
    expect(arxivAbsUrl('2106.09685')).toBe('https://arxiv.org/abs/2106.09685');
    expect(arxivAbsUrl('2106.09685', 2)).toBe('https://arxiv.org/abs/2106.09685v2');
    expect(arxivAbsUrl('2106.09685', null)).toBe('https://arxiv.org/abs/2106.09685');
    expect(arxivAbsUrl('arXiv:2106.09685v3')).toBe('https://arxiv.org/abs/2106.09685v3');
    expect(arxivAbsUrl('2106.09685v3', 1)).toBe('https://arxiv.org/abs/2106.09685v1');
    expect(arxivAbsUrl('math.GT/0309136')).toBe('https://arxiv.org/abs/math/0309136');
    expect(arxivPdfUrl('2106.09685')).toBe('https://arxiv.org/pdf/2106.09685');
    expect(arxivPdfUrl('hep-th/9711200v2')).toBe('https://arxiv.org/pdf/hep-th/9711200v2');
    expect(openReviewForumUrl('rJl-b3RcF7')).toBe('https://openreview.net/forum?id=rJl-b3RcF7');
    expect(refUrl(ax('2106.09685', 2))).toBe('https://arxiv.org/abs/2106.09685v2');
    expect(refUrl(or('rJl-b3RcF7'))).toBe('https://openreview.net/forum?id=rJl-b3RcF7');
  });

  it('refuses to build links from bad ids with a clear TypeError', () => {
    expect(() => arxivAbsUrl('2113.00001')).toThrow(/Not an arXiv id: "2113.00001"/);
    expect(() => arxivAbsUrl('2106.09685', 0)).toThrow(TypeError);
    expect(() => arxivAbsUrl('2106.09685', 1.5)).toThrow(TypeError);
    expect(() => arxivPdfUrl(undefined as unknown as string)).toThrow(/Not an arXiv id: undefined/);
    expect(() => openReviewForumUrl('a&b=c')).toThrow(/Not an OpenReview forum id/);
    expect(() => openReviewForumUrl('')).toThrow(TypeError);
  });

  it('keys refs and parses keys back', () => {
    expect(refKey(ax('2106.09685', 2))).toBe('arxiv:2106.09685');
    expect(refKey(ax('hep-th/9711200'))).toBe('arxiv:hep-th/9711200');
    expect(refKey(or('rJl-b3RcF7'))).toBe('openreview:rJl-b3RcF7');
    expect(parseRefKey('arxiv:2106.09685')).toEqual(ax('2106.09685'));
    expect(parseRefKey('openreview:rJl-b3RcF7')).toEqual(or('rJl-b3RcF7'));
    for (const bad of [
      'arxiv:2106.09685v2',
      'arxiv:math.GT/0309136',
      'ARXIV:2106.09685',
      'openreview:x',
      'title:x',
    ]) {
      expect(parseRefKey(bad), bad).toBeNull();
    }
  });

  it('validates OpenReview ids', () => {
    for (const id of ['rJl-b3RcF7', 'nZeVKeeFYf9', 'Bkg_6RNYDH', 'abcdef', 'a'.repeat(40)])
      expect(isOpenReviewId(id)).toBe(true);
    for (const id of ['abcde', 'a'.repeat(41), 'abc def', 'abc.def', 'abc/def1', 'é'.repeat(10), '']) {
      expect(isOpenReviewId(id), id).toBe(false);
    }
  });
});

describe('hostile input', () => {
  const throwingHref = {
    get href(): string {
      throw new Error('boom');
    },
  };
  const weird: unknown[] = [
    undefined,
    null,
    42,
    Number.NaN,
    true,
    {},
    [],
    ['2106.09685'],
    Symbol('x'),
    () => '2106.09685',
    { href: 42 },
    throwingHref,
    new Proxy(
      {},
      {
        get: () => {
          throw new Error('trap');
        },
      },
    ),
    Object.create(null),
  ];

  it('returns null, never throws, for non-strings', () => {
    for (const value of weird) {
      expect(parseArxivId(value as string)).toBeNull();
      expect(parsePaperUrl(value as string)).toBeNull();
      expect(parsePaperRef(value as string)).toBeNull();
      expect(isArxivId(value as string)).toBe(false);
      expect(isOpenReviewId(value as string)).toBe(false);
      expect(arxivIdDate(value as string)).toBeNull();
      expect(parseRefKey(value as string)).toBeNull();
    }
  });

  it('handles megabyte strings quickly', () => {
    const mb = 1 << 20;
    const inputs = [
      '2'.repeat(mb),
      ' '.repeat(mb),
      `${' '.repeat(mb)}2106.09685${' '.repeat(mb)}`,
      `https://arxiv.org/abs/${'1'.repeat(mb)}`,
      `https://arxiv.org/abs/2106.09685?q=${'x'.repeat(mb)}`,
      `https://openreview.net/forum?id=${'a'.repeat(mb)}`,
      `10.48550/arXiv.${'9'.repeat(mb)}`,
      `arXiv:${' '.repeat(mb)}2106.09685`,
      'hep-th/'.repeat(mb / 8),
      '\u{1F600}'.repeat(mb / 2),
    ];
    const start = performance.now();
    for (const s of inputs) {
      expect(parseArxivId(s)).toBeNull();
      expect(isArxivId(s)).toBe(false);
      expect(arxivIdDate(s)).toBeNull();
      parsePaperUrl(s);
      parsePaperRef(s);
    }
    // Surrounding whitespace is not the input's fault: the id inside is still found.
    expect(parsePaperRef(inputs[2]!)).toEqual(ax('2106.09685'));
    expect(parsePaperUrl(inputs[4]!)).toEqual(ax('2106.09685'));
    expect(performance.now() - start).toBeLessThan(5000);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Property / fuzz tests (seeded, so failures reproduce)

/** mulberry32: a tiny seeded PRNG returning floats in [0, 1). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function makeGen(seed: number) {
  const rand = prng(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[int(0, xs.length - 1)]!;
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  const URLISH = [...'0123456789.v/:?#&=%-_ abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'];
  const SPECIAL = [
    '\u0000',
    '\uFFFD',
    '\u200B',
    '\u00A0',
    '\u2028',
    '\uD800',
    '\uDFFF',
    'é',
    'ß',
    '\u0301',
    '🙂',
    '\\',
  ];
  /** One random "character": URL-ish ASCII, a special, any BMP code unit (lone surrogates too), or astral. */
  const char = (): string => {
    const r = rand();
    if (r < 0.55) return pick(URLISH);
    if (r < 0.7) return pick(SPECIAL);
    if (r < 0.9) return String.fromCharCode(int(0, 0xffff));
    return String.fromCodePoint(int(0x10000, 0x10ffff));
  };
  const chars = (n: number) => Array.from({ length: n }, char).join('');
  /** 1-4 random edits: delete a range, insert junk, replace a char, duplicate a slice, flip a char's case. */
  const mutate = (s: string): string => {
    let out = s;
    for (let k = int(1, 4); k > 0; k--) {
      const i = int(0, out.length);
      const j = int(i, Math.min(out.length, i + 6));
      switch (int(0, 4)) {
        case 0:
          out = out.slice(0, i) + out.slice(j);
          break;
        case 1:
          out = out.slice(0, i) + chars(int(1, 3)) + out.slice(i);
          break;
        case 2:
          out = out.slice(0, i) + char() + out.slice(i + 1);
          break;
        case 3:
          out = out.slice(0, j) + out.slice(i, j) + out.slice(j);
          break;
        default: {
          const c = out.charAt(i);
          out =
            out.slice(0, i) + (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase()) + out.slice(i + 1);
        }
      }
    }
    return out;
  };
  /** A random valid new-style id, with the year and month it encodes. */
  const newStyleId = () => {
    const fourDigits = rand() < 0.3;
    const yy = fourDigits ? int(7, 14) : int(15, 99);
    const mm = fourDigits && yy === 7 ? int(4, 12) : int(1, 12);
    const seq = fourDigits ? int(1, 9999) : int(1, 99999);
    return { id: `${pad(yy, 2)}${pad(mm, 2)}.${pad(seq, fourDigits ? 4 : 5)}`, year: 2000 + yy, month: mm };
  };
  /** A random valid old-style id (1991-07 to 2007-03, any archive), with an optional subject class form. */
  const oldStyleId = () => {
    const year = int(1991, 2007);
    const month = year === 1991 ? int(7, 12) : year === 2007 ? int(1, 3) : int(1, 12);
    const archive = pick(OLD_STYLE_ARCHIVES);
    const id = `${archive}/${pad(year % 100, 2)}${pad(month, 2)}${pad(int(1, 999), 3)}`;
    const subject = pick(['GT', 'CL', 'LG', 'mes-hall', 'AP']);
    return { id, year, month, withSubject: id.replace('/', `.${subject}/`) };
  };
  return { rand, int, pick, chars, mutate, newStyleId, oldStyleId };
}

/** A result any parser may return: null, or a ref in canonical form. */
function expectWellFormed(ref: PaperRef | null, input: string): void {
  if (ref === null) return;
  if (ref.kind === 'arxiv') {
    expect(isArxivId(ref.id), input).toBe(true);
    expect(ref.version === null || (Number.isSafeInteger(ref.version) && ref.version >= 1), input).toBe(true);
    // Canonical links of a parsed ref lead back to it.
    expect(parsePaperUrl(arxivAbsUrl(ref.id, ref.version)), input).toEqual(ref);
  } else {
    expect(isOpenReviewId(ref.id), input).toBe(true);
    expect(parsePaperUrl(openReviewForumUrl(ref.id)), input).toEqual(ref);
  }
}

// Test oracle: the validity rules re-stated by string slicing, independent of the module's regexes.
const ORACLE_ARCHIVES = new Set(
  'acc-phys adap-org alg-geom ao-sci astro-ph atom-ph bayes-an chao-dyn chem-ph cmp-lg comp-gas cond-mat cs dg-ga funct-an gr-qc hep-ex hep-lat hep-ph hep-th math math-ph mtrl-th nlin nucl-ex nucl-th patt-sol physics plasm-ph q-alg q-bio quant-ph solv-int supr-con'.split(
    ' ',
  ),
);
const isDigits = (s: string) => s.length > 0 && [...s].every((c) => c >= '0' && c <= '9');
function oracleValid(input: string): boolean {
  let s = input.toLowerCase().startsWith('arxiv:') ? input.slice(6).trimStart() : input;
  const v = s.lastIndexOf('v');
  if (v > 0 && isDigits(s.slice(v + 1))) {
    const version = s.slice(v + 1);
    if (version.startsWith('0') || !Number.isSafeInteger(Number(version))) return false;
    s = s.slice(0, v);
  }
  const slash = s.indexOf('/');
  if (slash === -1) {
    if (s.length !== 9 && s.length !== 10) return false;
    if (s[4] !== '.' || !isDigits(s.slice(0, 4)) || !isDigits(s.slice(5))) return false;
    const yymm = Number(s.slice(0, 4));
    const month = yymm % 100;
    if (month < 1 || month > 12 || Number(s.slice(5)) === 0) return false;
    return s.length === 9 ? yymm >= 704 && yymm <= 1412 : yymm >= 1501;
  }
  const head = s.slice(0, slash);
  const tail = s.slice(slash + 1);
  const dot = head.indexOf('.');
  const archive = dot === -1 ? head : head.slice(0, dot);
  if (dot !== -1) {
    const subject = head.slice(dot + 1);
    const letters = [...subject].every((c) => /[A-Za-z-]/.test(c));
    if (subject.length < 2 || subject.length > 20 || !/[A-Za-z]/.test(subject[0]!) || !letters) return false;
  }
  if (!ORACLE_ARCHIVES.has(archive) || tail.length !== 7 || !isDigits(tail)) return false;
  const yy = Number(tail.slice(0, 2));
  const month = Number(tail.slice(2, 4));
  const ym = (yy >= 91 ? 1900 + yy : 2000 + yy) * 100 + month;
  return month >= 1 && month <= 12 && ym >= 199107 && ym <= 200703 && tail.slice(4) !== '000';
}

describe('fuzz', () => {
  it('random strings never throw and only ever yield canonical refs', () => {
    const g = makeGen(0xc0ffee);
    for (let n = 0; n < 4000; n++) {
      const s = g.chars(g.int(0, 40));
      expect(parseArxivId(s) === null || isArxivId(parseArxivId(s)!.id), s).toBe(true);
      expectWellFormed(parsePaperRef(s), s);
      expectWellFormed(parsePaperUrl(s), s);
      expectWellFormed(parsePaperUrl(`https://arxiv.org/abs/${s}`), s);
      expect(typeof isArxivId(s)).toBe('boolean');
      const date = arxivIdDate(s);
      expect(date === null || (date.month >= 1 && date.month <= 12), s).toBe(true);
      parseRefKey(s);
    }
  });

  it('mutated paper URLs never throw and only ever yield canonical refs', () => {
    const g = makeGen(42);
    const seeds = [...URL_POSITIVES.map(([u]) => u), ...URL_NEGATIVES, ...REF_POSITIVES.map(([s]) => s)];
    for (let n = 0; n < 6000; n++) {
      const s = g.mutate(g.pick(seeds));
      expectWellFormed(parsePaperUrl(s), s);
      expectWellFormed(parsePaperRef(s), s);
    }
  });

  it('accepts exactly the ids the oracle accepts, on mutated ids', () => {
    const g = makeGen(7);
    let accepted = 0;
    for (let n = 0; n < 6000; n++) {
      const base = g.rand() < 0.5 ? g.newStyleId().id : g.oldStyleId().withSubject;
      const s = g.mutate(g.rand() < 0.3 ? `${base}v${g.int(1, 30)}` : base);
      const parsed = parseArxivId(s);
      expect(parsed !== null, s).toBe(oracleValid(s));
      if (parsed) accepted++;
    }
    // The mutations must leave enough valid ids for the comparison to mean something, both ways.
    expect(accepted).toBeGreaterThan(300);
    expect(accepted).toBeLessThan(5700);
  });

  it('accepts exactly the ids the oracle accepts, on id-shaped random strings', () => {
    // Every part drawn independently across and beyond its valid range, so each boundary gets crossed.
    const g = makeGen(1991);
    const archives = [...OLD_STYLE_ARCHIVES, 'stat', 'q-fin', 'hep', 'HEP-TH', 'bogus-archive', 'cs-x', ''];
    const digits = (n: number) => Array.from({ length: n }, () => g.int(0, 9)).join('');
    const yymm = () => `${String(g.int(0, 99)).padStart(2, '0')}${String(g.int(0, 13)).padStart(2, '0')}`;
    const version = () => g.pick(['', '', `v${g.int(0, 20)}`, 'v01', 'V2', 'v']);
    let accepted = 0;
    for (let n = 0; n < 20000; n++) {
      const s =
        g.rand() < 0.5
          ? `${yymm()}.${digits(g.int(3, 6))}${version()}`
          : `${g.pick(archives)}${g.pick(['', '', '.GT', '.mes-hall', '.X', '.'])}/${yymm()}${digits(g.int(2, 4))}${version()}`;
      const parsed = parseArxivId(s);
      expect(parsed !== null, s).toBe(oracleValid(s));
      if (parsed) accepted++;
    }
    expect(accepted).toBeGreaterThan(1000);
  });

  it('valid generated ids round-trip through every form', () => {
    const g = makeGen(2312_00678);
    for (let n = 0; n < 3000; n++) {
      const old = g.rand() < 0.6 ? null : g.oldStyleId();
      const { id, year, month } = old ?? g.newStyleId();
      const k = g.int(1, 40);
      expect(parseArxivId(id), id).toEqual({ id, version: null });
      expect(isArxivId(id), id).toBe(true);
      expect(parseArxivId(`${id}v${k}`), id).toEqual({ id, version: k });
      expect(parseArxivId(`arXiv:${id}v${k}`), id).toEqual({ id, version: k });
      expect(arxivIdDate(id), id).toEqual({ year, month });
      expect(parsePaperUrl(arxivAbsUrl(id, k)), id).toEqual(ax(id, k));
      expect(parsePaperUrl(arxivAbsUrl(id)), id).toEqual(ax(id));
      expect(parsePaperUrl(`${arxivPdfUrl(id, k)}.pdf`), id).toEqual(ax(id, k));
      expect(parsePaperRef(`  https://doi.org/10.48550/arXiv.${id} `), id).toEqual(ax(id));
      expect(parsePaperRef(`10.48550/arXiv.${id}`), id).toEqual(ax(id));
      expect(parseRefKey(refKey(ax(id, k))), id).toEqual(ax(id));
      if (old) {
        expect(parseArxivId(old.withSubject), old.withSubject).toEqual({ id, version: null });
        expect(parsePaperUrl(`https://arxiv.org/abs/${old.withSubject}v${k}`)).toEqual(ax(id, k));
      }
    }
  });

  it('random OpenReview ids round-trip through forum and pdf links', () => {
    const g = makeGen(99);
    const alphabet = [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-'];
    for (let n = 0; n < 1000; n++) {
      const id = Array.from({ length: g.int(6, 40) }, () => g.pick(alphabet)).join('');
      expect(parsePaperUrl(openReviewForumUrl(id)), id).toEqual(or(id));
      expect(parsePaperUrl(`https://openreview.net/pdf?id=${id}`), id).toEqual(or(id));
      expect(parsePaperRef(refKey(or(id))), id).toEqual(or(id));
      expect(parseRefKey(refKey(or(id))), id).toEqual(or(id));
    }
  });
});
