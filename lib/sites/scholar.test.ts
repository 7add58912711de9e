import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { MatchPattern } from 'wxt/utils/match-patterns';
import { CatalogIndex } from '../catalog/index';
import { matchTitles } from '../catalog/title-match';
import type { PaperRecord } from '../dataset/schema';
import { findAdapter, findListAdapter } from './index';
import { SCHOLAR_HOSTS, scholar } from './scholar';
import { closeDocuments, loadDocument, loadFixture, readManifest } from './test-helpers';

afterAll(closeDocuments);

const PATTERNS = scholar.listMatches.map((p) => new MatchPattern(p));
const inListScript = (url: URL) => PATTERNS.some((p) => p.includes(url.href));

// ---------------------------------------------------------------------------------------------------------
// URL table

const POSITIVE: string[] = [
  'https://scholar.google.com/scholar?q=llm+quantization',
  'https://scholar.google.com/scholar?hl=en&as_sdt=0%2C5&q=llm+quantization&btnG=',
  'https://scholar.google.com/scholar?start=10&q=llm+quantization&hl=en&as_sdt=0,5',
  'https://scholar.google.com/scholar?cites=1000000000000000001&as_sdt=2005&sciodt=0,5&hl=en',
  'https://scholar.google.com/scholar?cluster=1000000000000000001&hl=en&as_sdt=0,5',
  'https://scholar.google.com/scholar?as_ylo=2023&q=%22low-rank+adaptation%22',
  'https://scholar.google.com/scholar?q=lora#d=gs_cit',
  'https://SCHOLAR.GOOGLE.COM/scholar?q=lora',
  'https://scholar.google.de/scholar?hl=de&q=quantisierung',
  'https://scholar.google.co.uk/scholar?q=lora',
  'https://scholar.google.com.au/scholar?q=lora',
  'https://scholar.google.co.jp/scholar?q=lora',
  'https://scholar.google.com.br/scholar?q=lora',
  'https://scholar.google.fr/scholar?q=lora',
  'https://scholar.google.ca/scholar?q=lora',
];

/** [url, why it is not a results page, whether the list patterns must exclude it too] */
const NEGATIVE: [string, string, boolean][] = [
  ['http://scholar.google.com/scholar?q=lora', 'plain http', true],
  ['https://scholar.google.com.evil.example/scholar?q=lora', 'lookalike host (suffix)', true],
  ['https://evil-scholar.google.com/scholar?q=lora', 'lookalike host (prefix)', true],
  [
    'https://scholar.google.com@evil.example/scholar?q=lora',
    'userinfo trick: the host is evil.example',
    true,
  ],
  ['https://user@scholar.google.com/scholar?q=lora', 'userinfo', false],
  ['https://scholar.google.com:8443/scholar?q=lora', 'non-default port (match patterns ignore ports)', false],
  ['https://scholar.google.cn/scholar?q=lora', 'a country domain we do not list', true],
  ['https://scholar.googleusercontent.com/scholar?q=lora', 'Scholar’s cache/export host', true],
  ['https://www.google.com/search?q=lora', 'Google web search', true],
  ['https://google.com/scholar?q=lora', 'not the Scholar host', true],
  ['https://scholar.google.com/', 'home page', true],
  ['https://scholar.google.com/scholar', 'no query', false],
  ['https://scholar.google.com/scholar?q=', 'empty query', false],
  ['https://scholar.google.com/scholar?q=%20%20', 'blank query', false],
  ['https://scholar.google.com/scholar?hl=en&as_sdt=0,5', 'settings only, no search', false],
  ['https://scholar.google.com/citations?user=AbCdEfGhIjK&hl=en', 'author profile', true],
  ['https://scholar.google.com/scholar_lookup?title=LoRA', 'lookup redirect', true],
  ['https://scholar.google.com/scholar_settings?hl=en', 'settings page', true],
  ['https://scholar.google.com/scholar/extra?q=lora', 'other path', true],
  ['https://arxiv.org/abs/2106.09685', 'arXiv (another adapter)', true],
];

describe('scholar URL gate', () => {
  it('has at least 15 positive and 15 negative URLs', () => {
    expect(POSITIVE.length).toBeGreaterThanOrEqual(15);
    expect(NEGATIVE.length).toBeGreaterThanOrEqual(15);
  });

  it.each(POSITIVE)('results page: %s', (href) => {
    const url = new URL(href);
    expect(scholar.listKind(url)).toBe('results');
    expect(findListAdapter(url)?.id).toBe('scholar');
    expect(inListScript(url)).toBe(true);
    // Scholar has no page about one paper.
    expect(scholar.matches(url)).toBe(false);
    expect(scholar.pageKind(url)).toBeNull();
    expect(findAdapter(url)).toBeNull();
  });

  it.each(NEGATIVE)('not a results page: %s (%s)', (href, _why, outsidePatterns) => {
    const url = new URL(href);
    expect(scholar.listKind(url)).toBeNull();
    expect(scholar.matches(url)).toBe(false);
    if (outsidePatterns) expect(inListScript(url)).toBe(false);
  });

  it('lists one narrow https pattern per host, and no paper pages', () => {
    expect(scholar.paperMatches).toEqual([]);
    expect(scholar.listMatches).toEqual(
      SCHOLAR_HOSTS.flatMap((h) => [`https://${h}/scholar`, `https://${h}/scholar?*`]),
    );
    for (const p of scholar.listMatches) expect(() => new MatchPattern(p)).not.toThrow();
    for (const host of SCHOLAR_HOSTS) expect(host).toMatch(/^scholar\.google\.[a-z.]+$/);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Fixtures

interface ListExpectation {
  entry_count: number;
  entries: { arxiv_id: string | null; title: string }[];
}
const entryOf = (kind: string) => {
  const e = readManifest().find((m) => m.kind === kind);
  if (!e) throw new Error(`test premise: no ${kind} page in MANIFEST.json`);
  return e as typeof e & { expected: ListExpectation };
};

describe('MANIFEST results page', () => {
  const e = entryOf('scholar_results');
  const url = new URL(e.url_it_stands_for);
  const doc = loadFixture(e.file, e.url_it_stands_for);
  const found = scholar.detectEntries(doc, url);

  it('finds each result in page order, with its title (badges stripped) and arXiv id', () => {
    expect(found).toHaveLength(e.expected.entry_count);
    expect(found.map((f) => ({ arxiv_id: f.arxivId, title: f.title }))).toEqual(e.expected.entries);
  });

  it('anchors each chip at the title heading inside the result', () => {
    for (const f of found) {
      expect(f.anchor.matches('h3.gs_rt')).toBe(true);
      expect(f.entry.matches('div.gs_r.gs_or.gs_scl')).toBe(true);
      expect(f.entry.contains(f.anchor)).toBe(true);
    }
  });

  it('takes an OpenReview forum from the title link', () => {
    const lite = found.find((f) => f.arxivId === '2004.11886');
    expect(lite?.openreviewId).toBe('ByeMPlHKPH');
    expect(found.filter((f) => f.openreviewId !== null)).toHaveLength(1);
  });

  it('gives no entries on a page whose URL is not a results page', () => {
    expect(scholar.detectEntries(doc, new URL('https://scholar.google.com/citations?user=x'))).toEqual([]);
    expect(scholar.detectEntries(doc, new URL('https://example.org/scholar?q=llm'))).toEqual([]);
  });

  it('matches the results to the catalog by id and title (truncated and sentence-case titles too)', () => {
    const papers = JSON.parse(
      readFileSync(new URL('../../data/papers.json', import.meta.url), 'utf8'),
    ) as PaperRecord[];
    const index = CatalogIndex.fromRecords(papers, { lazy: true });
    const byTitle = matchTitles(
      index,
      found.map((f) => f.title ?? ''),
    ).map((m) => m?.record.arxivId ?? null);
    expect(byTitle).toEqual([
      '2306.00978', // AWQ under its venue title
      '2211.10438', // SmoothQuant
      '2210.17323', // GPTQ
      '2309.06180', // vLLM, cut short by Scholar
      null, // Lite Transformer is not in the catalog
      '2305.14314', // QLoRA, a [CITATION] entry
      null, // "Quantization" is too short to name a paper
    ]);
  });
});

describe('hostile results page (local_scholar_hostile.html)', () => {
  const url = new URL('https://scholar.google.com/scholar?q=%3Cscript%3E');
  const doc = loadFixture('pages/local_scholar_hostile.html', url.href);
  const found = scholar.detectEntries(doc, url);

  it('reads markup in titles as text, and runs nothing', () => {
    expect(found[0]?.title).toBe('<img src=x onerror=alert(1)> Robust &amp; Safe');
    expect((globalThis as { __pwned?: boolean }).__pwned).toBeUndefined();
  });

  it('takes ids only from real arXiv hosts, and none when a result names two', () => {
    expect(found.map((f) => f.arxivId)).toEqual([null, null, null, null, '2106.09685']);
  });

  it('strips badges left as text, skips results without a heading, collapses whitespace', () => {
    expect(found).toHaveLength(5);
    expect(found[3]?.title).toBe('Badges left as text');
    expect(found[4]?.title).toBe('Whitespace and a versioned id');
  });

  it('caps a huge title and survives an empty page', () => {
    const huge = loadDocument(
      `<div class="gs_r gs_or gs_scl"><h3 class="gs_rt"><a href="/x">${'a '.repeat(200_000)}</a></h3></div>`,
      url.href,
    );
    const [entry] = scholar.detectEntries(huge, url);
    expect(entry?.title?.length).toBeLessThanOrEqual(1000);
    expect(scholar.detectEntries(loadDocument('', url.href), url)).toEqual([]);
  });
});
