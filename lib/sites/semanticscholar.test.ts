import { afterAll, describe, expect, it } from 'vitest';
import { MatchPattern } from 'wxt/utils/match-patterns';
import { findAdapter, findListAdapter } from './index';
import { semanticscholar } from './semanticscholar';
import { closeDocuments, loadDocument, loadFixture, readManifest } from './test-helpers';

afterAll(closeDocuments);

const inPatterns = (patterns: readonly string[], url: URL) =>
  patterns.some((p) => new MatchPattern(p).includes(url.href));

const SHA = '6962af2ce217d906d7e907d7dab7369820befc17';
const LORA = 'a8ca46b171467ceb2d7652fbfb67fe701ad86092';

const PAPER: string[] = [
  `https://www.semanticscholar.org/paper/The-entropy-formula-for-the-Ricci-flow-and-its-Perelman/${SHA}`,
  `https://www.semanticscholar.org/paper/${SHA}`,
  `https://www.semanticscholar.org/paper/${SHA}/`,
  `https://www.semanticscholar.org/paper/LoRA%3A-Low-Rank-Adaptation-of-Large-Language-Models-Hu-Shen/${LORA}`,
  `https://www.semanticscholar.org/paper/LoRA-Hu-Shen/${LORA}?utm_source=api`,
  `https://www.semanticscholar.org/paper/LoRA-Hu-Shen/${LORA}#cited-papers`,
  `https://WWW.SEMANTICSCHOLAR.ORG/paper/LoRA/${LORA}`,
];

const SEARCH: string[] = [
  'https://www.semanticscholar.org/search?q=llm%20quantization',
  'https://www.semanticscholar.org/search?q=lora&sort=relevance',
  'https://www.semanticscholar.org/search?year%5B0%5D=2023&q=quantization&sort=relevance&page=2',
];

/** [url, why, whether the patterns must exclude it] */
const NEGATIVE: [string, string, boolean][] = [
  [`http://www.semanticscholar.org/paper/${SHA}`, 'plain http', true],
  [`https://www.semanticscholar.org.evil.example/paper/${SHA}`, 'lookalike host (suffix)', true],
  [`https://evil-semanticscholar.org/paper/${SHA}`, 'lookalike host (prefix)', true],
  [
    `https://www.semanticscholar.org@evil.example/paper/${SHA}`,
    'userinfo trick: the host is evil.example',
    true,
  ],
  [`https://user@www.semanticscholar.org/paper/${SHA}`, 'userinfo', false],
  [`https://www.semanticscholar.org:8443/paper/${SHA}`, 'non-default port', false],
  [`https://semanticscholar.org/paper/${SHA}`, 'bare host (redirects to www)', true],
  [`https://api.semanticscholar.org/graph/v1/paper/${SHA}`, 'API', true],
  [`https://www.semanticscholar.org/reader/${SHA}`, 'Semantic Reader', true],
  [`https://www.semanticscholar.org/paper/${SHA.slice(0, 39)}`, 'id too short', false],
  [
    `https://www.semanticscholar.org/paper/${SHA.toUpperCase()}`,
    'upper-case id (S2 ids are lower-case)',
    false,
  ],
  [`https://www.semanticscholar.org/paper/a/b/${SHA}`, 'extra segment', false],
  ['https://www.semanticscholar.org/paper/Some-Title-Only', 'no id', false],
  ['https://www.semanticscholar.org/author/Edward-J.-Hu/1', 'author page', true],
  ['https://www.semanticscholar.org/search', 'search without a query', true],
  ['https://www.semanticscholar.org/search?q=', 'empty query', true],
  ['https://www.semanticscholar.org/me/library', 'library', true],
  ['https://arxiv.org/abs/2106.09685', 'arXiv (another adapter)', true],
];

describe('semanticscholar URL gate', () => {
  it.each(PAPER)('paper page: %s', (href) => {
    const url = new URL(href);
    expect(semanticscholar.matches(url)).toBe(true);
    expect(semanticscholar.pageKind(url)).toBe('paper');
    expect(findAdapter(url)?.id).toBe('semanticscholar');
    expect(semanticscholar.listKind(url)).toBeNull();
    expect(inPatterns(semanticscholar.paperMatches, url)).toBe(true);
  });

  it.each(SEARCH)('search page: %s', (href) => {
    const url = new URL(href);
    expect(semanticscholar.listKind(url)).toBe('search');
    expect(findListAdapter(url)?.id).toBe('semanticscholar');
    expect(semanticscholar.matches(url)).toBe(false);
    expect(inPatterns(semanticscholar.listMatches, url)).toBe(true);
  });

  it.each(NEGATIVE)('%s is neither (%s)', (href, _why, outside) => {
    const url = new URL(href);
    expect(semanticscholar.matches(url)).toBe(false);
    expect(semanticscholar.pageKind(url)).toBeNull();
    if (!url.pathname.startsWith('/search')) expect(semanticscholar.listKind(url)).toBeNull();
    expect(semanticscholar.detectPaper(loadDocument('<h1>x</h1>', href), url)).toBeNull();
    if (outside) expect(inPatterns(semanticscholar.paperMatches, url)).toBe(false);
  });

  it.each(['https://www.semanticscholar.org/search', 'https://www.semanticscholar.org/search?q=%20'])(
    '%s lists nothing',
    (href) => {
      const url = new URL(href);
      expect(semanticscholar.listKind(url)).toBeNull();
      const doc = loadDocument('<div class="cl-paper-row"><h2 class="cl-paper-title">x y</h2></div>', href);
      expect(semanticscholar.detectEntries(doc, url)).toEqual([]);
    },
  );
});

describe('MANIFEST paper page (s2_6962….html)', () => {
  const e = readManifest().find((m) => m.kind === 'semantic_scholar_paper')!;
  const url = new URL(e.url_it_stands_for);
  const doc = loadFixture(e.file, e.url_it_stands_for);
  const detected = semanticscholar.detectPaper(doc, url);

  it('reads citation_title, the authors and the arXiv id the header links', () => {
    expect(detected?.title).toBe(e.expected.title);
    expect(detected?.authors).toEqual(['Grisha Perelman']);
    expect(detected?.arxivId).toBe(e.expected.arxiv_id);
    expect(detected?.ref).toEqual({ kind: 'arxiv', id: e.expected.arxiv_id, version: null });
    expect(detected?.anchor?.localName).toBe('h1');
  });

  it('without an arXiv link the paper is known by title only (ref null)', () => {
    for (const a of doc.querySelectorAll('a[data-test-id="paper-link"]')) a.remove();
    const bare = semanticscholar.detectPaper(doc, url);
    expect(bare?.ref).toBeNull();
    expect(bare?.arxivId).toBeNull();
    expect(bare?.title).toBe(e.expected.title);
  });

  it('og:title without "[PDF] " and " | Semantic Scholar" when nothing better is there', () => {
    const head = `<head><meta property="og:title" content="[PDF] The entropy formula for the Ricci flow | Semantic Scholar"><link rel="canonical" href="${url.href}"></head>`;
    expect(semanticscholar.detectPaper(loadDocument(head, url.href), url)?.title).toBe(
      'The entropy formula for the Ricci flow',
    );
  });
});

describe('stale head after in-app navigation (local_semanticscholar_stale_head.html)', () => {
  const url = new URL(`https://www.semanticscholar.org/paper/LoRA-Hu-Shen/${LORA}`);
  const detected = semanticscholar.detectPaper(
    loadFixture('pages/local_semanticscholar_stale_head.html', url.href),
    url,
  );

  it('ignores the head of the previous paper and the citation list; reads the body', () => {
    expect(detected?.title).toBe('LoRA: Low-Rank Adaptation of Large Language Models');
    expect(detected?.authors).toEqual(['J. Edward Hu', 'Yelong Shen']);
    expect(detected?.arxivId).toBe('2106.09685');
  });
});

interface ListExpectation {
  entry_count: number;
  entries: { arxiv_id: string | null; title: string }[];
}

describe('MANIFEST search page (s2_search_llm_quantization.html)', () => {
  const e = readManifest().find((m) => m.kind === 'semanticscholar_search') as
    | (ReturnType<typeof readManifest>[number] & { expected: ListExpectation })
    | undefined;
  if (!e) throw new Error('test premise: no semanticscholar_search page in MANIFEST.json');
  const url = new URL(e.url_it_stands_for);
  const found = semanticscholar.detectEntries(loadFixture(e.file, e.url_it_stands_for), url);

  it('finds each result with its title and the arXiv id its buttons link', () => {
    expect(found.map((f) => ({ arxiv_id: f.arxivId, title: f.title }))).toEqual(e.expected.entries);
    for (const f of found) {
      expect(f.anchor.matches('.cl-paper-title')).toBe(true);
      expect(f.entry.contains(f.anchor)).toBe(true);
    }
  });
});

describe('hostile search rows (local_semanticscholar_search_hostile.html)', () => {
  const url = new URL('https://www.semanticscholar.org/search?q=x');
  const found = semanticscholar.detectEntries(
    loadFixture('pages/local_semanticscholar_search_hostile.html', url.href),
    url,
  );

  it('keeps markup as text, trusts only real arXiv hosts and single ids, skips empty rows', () => {
    expect(found.map((f) => [f.arxivId, f.title])).toEqual([
      [null, '<img src=x onerror=alert(1)> Robust &amp; Safe'],
      ['2106.09685', 'Title link straight to arXiv'],
      [null, 'Two ids'],
    ]);
    expect((globalThis as { __pwned?: boolean }).__pwned).toBeUndefined();
  });
});
