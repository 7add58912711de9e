import { afterAll, describe, expect, it } from 'vitest';
import { MatchPattern } from 'wxt/utils/match-patterns';
import { huggingface } from './huggingface';
import { findAdapter, findListAdapter } from './index';
import { closeDocuments, loadDocument, loadFixture, readManifest } from './test-helpers';

afterAll(closeDocuments);

const inPatterns = (patterns: readonly string[], url: URL) =>
  patterns.some((p) => new MatchPattern(p).includes(url.href));

// ---------------------------------------------------------------------------------------------------------
// URL table

/** [paper page url, arXiv id] */
const PAPER: [string, string][] = [
  ['https://huggingface.co/papers/2306.00978', '2306.00978'],
  ['https://huggingface.co/papers/2306.00978/', '2306.00978'],
  ['https://huggingface.co/papers/2306.00978#community', '2306.00978'],
  ['https://huggingface.co/papers/2306.00978?utm_source=digest', '2306.00978'],
  ['https://huggingface.co/papers/2501.12948', '2501.12948'],
  ['https://huggingface.co/papers/1706.03762', '1706.03762'],
  ['https://huggingface.co/papers/0704.0001', '0704.0001'],
  ['https://HUGGINGFACE.CO/papers/2106.09685', '2106.09685'],
];

const DAILY: string[] = [
  'https://huggingface.co/papers',
  'https://huggingface.co/papers/',
  'https://huggingface.co/papers?date=2024-01-02',
  'https://huggingface.co/papers/date/2024-01-02',
  'https://huggingface.co/papers/week/2024-W01',
  'https://huggingface.co/papers/month/2023-06',
];

/** [url, why, whether the paper patterns must exclude it] */
const NEGATIVE: [string, string, boolean][] = [
  ['http://huggingface.co/papers/2306.00978', 'plain http', true],
  ['https://huggingface.co.evil.example/papers/2306.00978', 'lookalike host (suffix)', true],
  ['https://evil-huggingface.co/papers/2306.00978', 'lookalike host (prefix)', true],
  ['https://huggingface.co@evil.example/papers/2306.00978', 'userinfo trick: the host is evil.example', true],
  ['https://user@huggingface.co/papers/2306.00978', 'userinfo', false],
  ['https://huggingface.co:8443/papers/2306.00978', 'non-default port (patterns ignore ports)', false],
  ['https://www.huggingface.co/papers/2306.00978', 'www host (redirects)', true],
  ['https://hf.co/papers/2306.00978', 'short host (redirects)', true],
  ['https://huggingface.co/papers/trending', 'trending tab', true],
  ['https://huggingface.co/papers/2113.00001', 'not an arXiv id (month 13)', false],
  ['https://huggingface.co/papers/2306.00978/discussion', 'sub-page', false],
  ['https://huggingface.co/papers/date/2024-01-02', 'a daily list, not a paper', true],
  ['https://huggingface.co/models', 'models', true],
  ['https://huggingface.co/mit-han-lab/awq', 'a model repo', true],
  ['https://huggingface.co/', 'home', true],
  ['https://arxiv.org/abs/2306.00978', 'arXiv (another adapter)', true],
];

const NOT_DAILY: string[] = [
  'https://huggingface.co/papers/2306.00978',
  'https://huggingface.co/papers/trending',
  'https://huggingface.co/papers/date/2024-1-2',
  'https://huggingface.co/papers/date/today',
  'https://huggingface.co/papers/week/2024-01',
  'https://huggingface.co/papers/month/2023',
  'https://huggingface.co/papers/date/2024-01-02/extra',
  'https://huggingface.co/papers/date',
  'http://huggingface.co/papers',
  'https://huggingface.co.evil.example/papers',
  'https://user@huggingface.co/papers',
];

describe('huggingface URL gate', () => {
  it.each(PAPER)('paper page: %s', (href, id) => {
    const url = new URL(href);
    expect(huggingface.matches(url)).toBe(true);
    expect(huggingface.pageKind(url)).toBe('paper');
    expect(findAdapter(url)?.id).toBe('huggingface');
    expect(huggingface.listKind(url)).toBeNull();
    expect(inPatterns(huggingface.paperMatches, url)).toBe(true);
    const doc = loadDocument('<main></main>', href);
    expect(huggingface.detectPaper(doc, url)?.arxivId).toBe(id);
  });

  it.each(DAILY)('daily list: %s', (href) => {
    const url = new URL(href);
    expect(huggingface.listKind(url)).toBe('daily');
    expect(findListAdapter(url)?.id).toBe('huggingface');
    expect(huggingface.matches(url)).toBe(false);
    expect(inPatterns(huggingface.listMatches, url)).toBe(true);
    expect(inPatterns(huggingface.paperMatches, url)).toBe(false);
  });

  it.each(NEGATIVE)('not a paper page: %s (%s)', (href, _why, outside) => {
    const url = new URL(href);
    expect(huggingface.matches(url)).toBe(false);
    expect(huggingface.pageKind(url)).toBeNull();
    expect(huggingface.detectPaper(loadDocument('<h1>x</h1>', href), url)).toBeNull();
    if (outside) expect(inPatterns(huggingface.paperMatches, url)).toBe(false);
  });

  it.each(NOT_DAILY)('not a daily list: %s', (href) => {
    expect(huggingface.listKind(new URL(href))).toBeNull();
    expect(
      huggingface.detectEntries(
        loadDocument('<article><h3><a href="/papers/2306.00978">x</a></h3></article>', href),
        new URL(href),
      ),
    ).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Fixtures

const manifest = readManifest();

describe('MANIFEST paper page (hf_papers_2306.00978.html)', () => {
  const e = manifest.find((m) => m.kind === 'huggingface_paper')!;
  const url = new URL(e.url_it_stands_for);
  const detected = huggingface.detectPaper(loadFixture(e.file, e.url_it_stands_for), url);

  it('detects the paper by its URL id, with the title and authors the page shows', () => {
    expect(detected?.ref).toEqual({ kind: 'arxiv', id: e.expected.arxiv_id, version: null });
    expect(detected?.arxivId).toBe(e.expected.arxiv_id);
    expect(detected?.openreviewId).toBeNull();
    expect(detected?.title).toBe(e.expected.title);
    expect(detected?.anchor?.localName).toBe('h1');
    expect(detected?.authors).toHaveLength(10);
    expect(detected?.authors[0]).toBe('Ji Lin');
  });

  it('protects the paper header', () => {
    const doc = loadFixture(e.file, e.url_it_stands_for);
    const { protect } = huggingface.layoutHints(doc, url);
    expect(protect.some((el) => el.contains(doc.querySelector('h1')))).toBe(true);
  });

  it('falls back to og:title without "Paper page - " when there is no h1, unless the head names another paper', () => {
    const head = (ogUrl: string) =>
      `<head><meta property="og:title" content="Paper page - AWQ: Activation-aware Weight Quantization"><meta property="og:url" content="${ogUrl}"></head><body></body>`;
    expect(huggingface.detectPaper(loadDocument(head(url.href), url.href), url)?.title).toBe(
      'AWQ: Activation-aware Weight Quantization',
    );
    const stale = huggingface.detectPaper(
      loadDocument(head('https://huggingface.co/papers/2106.09685'), url.href),
      url,
    );
    expect(stale?.arxivId).toBe('2306.00978');
    expect(stale?.title).toBeNull();
  });
});

interface ListExpectation {
  entry_count: number;
  entries: { arxiv_id: string | null; title: string }[];
}

describe('MANIFEST daily list (hf_daily_2023-06.html)', () => {
  const e = manifest.find((m) => m.kind === 'huggingface_daily') as
    | (ReturnType<typeof readManifest>[number] & { expected: ListExpectation })
    | undefined;
  if (!e) throw new Error('test premise: no huggingface_daily page in MANIFEST.json');
  const url = new URL(e.url_it_stands_for);
  const found = huggingface.detectEntries(loadFixture(e.file, e.url_it_stands_for), url);

  it('finds one entry per card, in order, with id and title (the footer link is not a second entry)', () => {
    expect(huggingface.listKind(url)).toBe('daily');
    expect(found.map((f) => ({ arxiv_id: f.arxivId, title: f.title }))).toEqual(e.expected.entries);
  });

  it('anchors at the card heading and takes the card as the entry', () => {
    for (const f of found) {
      expect(f.anchor.localName).toBe('h3');
      expect(f.entry.localName).toBe('article');
      expect(f.entry.contains(f.anchor)).toBe(true);
    }
  });
});

describe('local fixtures', () => {
  it('daily list variants: thumbnail-first cards, untitled cards, non-paper and look-alike links', () => {
    const url = new URL('https://huggingface.co/papers/date/2023-12-04');
    const found = huggingface.detectEntries(
      loadFixture('pages/local_huggingface_daily_variants.html', url.href),
      url,
    );
    expect(found.map((f) => [f.arxivId, f.title])).toEqual([
      ['2312.00752', 'Mamba: Linear-Time Sequence Modeling with Selective State Spaces'],
      ['2106.09685', 'LoRA: Low-Rank Adaptation of Large Language Models'],
      ['2305.14314', null],
      ['2401.00003', 'A paper in a list row, not an article'],
    ]);
    expect(found[1]?.anchor.localName).toBe('h3');
    expect(found[2]?.anchor.localName).toBe('a');
    expect(found[3]?.entry.localName).toBe('li');
  });

  it('hostile paper page: markup stays text, nothing runs', () => {
    const url = new URL('https://huggingface.co/papers/2401.00001');
    const detected = huggingface.detectPaper(
      loadFixture('pages/local_huggingface_hostile.html', url.href),
      url,
    );
    expect(detected?.title).toBe('<img src=x onerror=alert(1)> Robust &amp; Safe');
    expect(detected?.authors).toEqual(['<script>alert(1)</script>Eve', 'Mallory "><svg onload=alert(1)>']);
    expect((globalThis as { __pwned?: boolean }).__pwned).toBeUndefined();
  });

  it('an empty page still names the paper by its URL', () => {
    const url = new URL('https://huggingface.co/papers/2306.00978');
    const detected = huggingface.detectPaper(loadDocument('', url.href), url);
    expect(detected).toMatchObject({ arxivId: '2306.00978', title: null, authors: [], anchor: null });
  });
});
