import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { MatchPattern } from 'wxt/utils/match-patterns';
import { normalizeTitle } from '../text/title';
import { arxiv } from './arxiv';
import { arxivIdFromHref, LIST_MATCHES } from './arxiv-lists';
import { findAdapter, findListAdapter, LIST_SCRIPT_MATCHES } from './index';
import { closeDocuments, FIXTURES_DIR, loadDocument, loadFixture, readManifest } from './test-helpers';
import type { ListKind } from './types';

afterAll(closeDocuments);

/**
 * The arXiv list pages (issue #5): URL table (positive and negative), then detection on the saved pages of
 * MANIFEST.json (expectations from the manifest) and on the hand-written local_arxiv_* pages.
 */

const PATTERNS = LIST_SCRIPT_MATCHES.map((p) => new MatchPattern(p));
const inListScript = (url: string) => PATTERNS.some((p) => p.includes(url));

// ---------------------------------------------------------------------------------------------------------
// URL table

const POSITIVE: [string, ListKind][] = [
  ['https://arxiv.org/list/cs.CL/new', 'listing'],
  ['https://arxiv.org/list/cs.CL/recent', 'listing'],
  ['https://arxiv.org/list/cs.LG/pastweek', 'listing'],
  ['https://arxiv.org/list/cs.LG/pastweek?skip=0&show=2000', 'listing'],
  ['https://arxiv.org/list/cs.CL/2312', 'listing'],
  ['https://arxiv.org/list/cs.CL/2023-12', 'listing'],
  ['https://arxiv.org/list/cs.CL/2023', 'listing'],
  ['https://arxiv.org/list/cs.CL/new/', 'listing'],
  ['https://arxiv.org/list/hep-th/new', 'listing'],
  ['https://arxiv.org/list/astro-ph.CO/recent', 'listing'],
  ['https://arxiv.org/list/physics.acc-ph/new', 'listing'],
  ['https://arxiv.org/list/q-bio.NC/pastweek', 'listing'],
  ['https://arxiv.org/list/math/2312', 'listing'],
  ['https://www.arxiv.org/list/stat.ML/new', 'listing'],
  ['https://export.arxiv.org/list/cs.AI/recent', 'listing'],
  ['https://arxiv.org/catchup/cs.CL/2023-12-04', 'listing'],
  ['https://arxiv.org/catchup/cs.CL/2023-12-04?abs=True', 'listing'],
  [
    'https://arxiv.org/catchup?smonth=12&group=grp_&sday=4&num=50&archive=cs&method=with&syear=2023',
    'listing',
  ],
  ['https://arxiv.org/search/?query=quantization&searchtype=all&source=header', 'search'],
  ['https://arxiv.org/search/?query=lora', 'search'],
  ['https://arxiv.org/search/cs?query=Hu%2C+E&searchtype=author', 'search'],
  ['https://arxiv.org/search/advanced?advanced=1&terms-0-term=pruning&terms-0-field=title', 'search'],
  ['https://export.arxiv.org/search/?query=distillation', 'search'],
  ['https://arxiv.org/html/2106.09685v2', 'references'],
  ['https://arxiv.org/html/2312.00678', 'references'],
  ['https://arxiv.org/html/2312.00678v1/#bib', 'references'],
  ['https://www.arxiv.org/html/2401.00001v1', 'references'],
];

/** [url, why it is not a list page we annotate, whether the list script's patterns must exclude it too] */
const NEGATIVE: [string, string, boolean][] = [
  ['http://arxiv.org/list/cs.CL/new', 'plain http', true],
  ['https://arxiv.org.evil.com/list/cs.CL/new', 'lookalike host', true],
  ['https://arxiv.org@evil.com/list/cs.CL/new', 'userinfo trick: the host is evil.com', true],
  ['https://user@arxiv.org/list/cs.CL/new', 'userinfo', false],
  ['https://arxiv.org:8443/list/cs.CL/new', 'non-default port', false],
  ['https://browse.arxiv.org/list/cs.CL/new', 'host outside the patterns', true],
  ['https://arxiv.org/list/cs.CL', 'no period', false],
  ['https://arxiv.org/list/cs.CL/yesterday', 'unknown period', false],
  ['https://arxiv.org/list/cs.CL/23121', 'five digits', false],
  ['https://arxiv.org/list/cs.CL/new/extra', 'too deep', false],
  ['https://arxiv.org/list/<script>/new', 'not a category', false],
  ['https://arxiv.org/list/', 'bare list section', false],
  ['https://arxiv.org/catchup', 'catch-up form without a query', false],
  ['https://arxiv.org/catchup/cs.CL/yesterday', 'catch-up without a date', false],
  ['https://arxiv.org/search/', 'search form, no query', false],
  ['https://arxiv.org/search/?query=&searchtype=all', 'empty query', false],
  ['https://arxiv.org/search/advanced', 'advanced form, no terms', false],
  ['https://arxiv.org/search/cs/deeper?query=x', 'too deep', false],
  ['https://arxiv.org/abs/2106.09685', 'abstract page (the overlay)', true],
  ['https://arxiv.org/pdf/2106.09685', 'PDF', true],
  ['https://arxiv.org/html/', 'HTML section without an id', false],
  ['https://arxiv.org/html/2113.00001', 'not an id', false],
  ['https://arxiv.org/a/hu_e_1', 'author page', true],
  ['https://arxiv.org/', 'home page', true],
  ['https://arxiv.org/listing/cs.CL/new', 'lookalike section', true],
  ['https://info.arxiv.org/help/api/index.html', 'help site', true],
  ['https://ar5iv.labs.arxiv.org/html/2106.09685', 'ar5iv (its own adapter, in the patterns)', false],
  ['https://openreview.net/group?id=ICLR.cc/2024/Conference', 'another site', true],
];

describe('listKind: positive URLs', () => {
  it.each(POSITIVE)('%s -> %s', (href, kind) => {
    const url = new URL(href);
    expect(arxiv.listKind(url)).toBe(kind);
    expect(findListAdapter(url)?.id).toBe('arxiv');
    // The list content script is injected there.
    expect(inListScript(url.href)).toBe(true);
  });
});

describe('listKind: negative URLs', () => {
  it.each(NEGATIVE)('%s (%s)', (href, _why, excludedByPatterns) => {
    const url = new URL(href);
    expect(arxiv.listKind(url)).toBeNull();
    if (excludedByPatterns) expect(inListScript(url.href)).toBe(false);
  });

  it('gives [] on pages it does not annotate, without reading the DOM', () => {
    const doc = loadFixture('pages/list_cs.CL_new.html', 'https://arxiv.org/list/cs.CL/new');
    expect(arxiv.detectEntries(doc, new URL('https://arxiv.org/abs/2106.09685'))).toEqual([]);
    expect(arxiv.detectEntries(doc, new URL('https://arxiv.org/list/cs.CL'))).toEqual([]);
  });
});

describe('list match patterns', () => {
  it('are exactly the list/catchup/search/html sections of the three arXiv hosts', () => {
    expect([...arxiv.listMatches].sort()).toEqual([...LIST_MATCHES].sort());
    for (const pattern of arxiv.listMatches) {
      expect(pattern).toMatch(
        /^https:\/\/(?:www\.|export\.)?arxiv\.org\/(?:list\/\*|catchup\*|search\/\*|html\/\*)$/,
      );
    }
    expect(arxiv.listMatches).toHaveLength(12);
  });

  it('leave the paper pages to the paper adapter (html is both)', () => {
    expect(findAdapter(new URL('https://arxiv.org/html/2106.09685v2'))?.id).toBe('arxiv');
    expect(findAdapter(new URL('https://arxiv.org/list/cs.CL/new'))).toBeNull();
  });
});

describe('arxivIdFromHref', () => {
  it.each([
    ['/abs/2312.00030', '2312.00030'],
    ['/abs/2312.00030v3', '2312.00030'],
    ['https://arxiv.org/abs/2306.00978', '2306.00978'],
    ['https://export.arxiv.org/pdf/2306.00978v2.pdf', '2306.00978'],
    ['//www.arxiv.org/abs/hep-th/9711200', 'hep-th/9711200'],
    ['/abs/math.GT/0309136', 'math/0309136'],
    ['/abs/2306.00978?context=cs', '2306.00978'],
    ['https://evil.example/abs/2306.00978', null],
    ['/abs/not-an-id', null],
    ['/format/2306.00978', null],
    ['/abs/%E0%A4%A', null],
    ['', null],
    [null, null],
  ])('%s -> %s', (href, id) => {
    expect(arxivIdFromHref(href)).toBe(id);
  });
});

// ---------------------------------------------------------------------------------------------------------
// MANIFEST pages (expectations from MANIFEST.json)

const manifest = readManifest();
const entryOf = (file: string) => {
  const e = manifest.find((m) => m.file === file);
  if (!e) throw new Error(`test premise: ${file} is not in MANIFEST.json`);
  return e as typeof e & {
    expected: {
      entry_count?: number;
      entries?: { arxiv_id: string; title: string }[];
      cited_entries?: { arxiv_id: string | null; title: string }[];
    };
  };
};
const norm = (t: string | null) => (t === null ? null : normalizeTitle(t));

describe('MANIFEST listing page (list_cs.CL_new.html)', () => {
  const e = entryOf('pages/list_cs.CL_new.html');
  const url = new URL(e.url_it_stands_for);
  const doc = loadFixture(e.file, e.url_it_stands_for);
  const found = arxiv.detectEntries(doc, url);

  it('finds every entry in page order, with its id and title', () => {
    expect(arxiv.listKind(url)).toBe('listing');
    expect(found).toHaveLength(e.expected.entry_count!);
    expect(found.map((f) => f.arxivId)).toEqual(e.expected.entries!.map((x) => x.arxiv_id));
    expect(found.map((f) => norm(f.title))).toEqual(e.expected.entries!.map((x) => normalizeTitle(x.title)));
  });

  it('anchors each chip at the abstract link of its <dt>, and the <dd> is part of the entry', () => {
    for (const f of found) {
      expect(f.entry.localName).toBe('dt');
      expect(f.entry.contains(f.anchor)).toBe(true);
      expect(f.anchor.getAttribute('href')).toBe(`/abs/${f.arxivId}`);
      expect(f.parts?.map((p) => p.localName)).toEqual(['dd']);
      expect(f.parts?.[0]?.previousElementSibling).toBe(f.entry);
    }
  });

  it('drops the "Title:" descriptor', () => {
    expect(found.some((f) => f.title?.startsWith('Title'))).toBe(false);
  });
});

describe('MANIFEST search page (search_quantization_llm.html)', () => {
  const e = entryOf('pages/search_quantization_llm.html');
  const url = new URL(e.url_it_stands_for);
  const found = arxiv.detectEntries(loadFixture(e.file, e.url_it_stands_for), url);

  it('finds every result with its id and title (search-hit spans are text)', () => {
    expect(arxiv.listKind(url)).toBe('search');
    expect(found).toHaveLength(e.expected.entry_count!);
    expect(found.map((f) => f.arxivId)).toEqual(e.expected.entries!.map((x) => x.arxiv_id));
    expect(found.map((f) => norm(f.title))).toEqual(e.expected.entries!.map((x) => normalizeTitle(x.title)));
    for (const f of found) {
      expect(f.entry.localName).toBe('li');
      expect(f.anchor.textContent).toContain(f.arxivId!);
    }
  });
});

describe('MANIFEST HTML paper (html_2106.09685v2.html): bibliography', () => {
  const e = entryOf('pages/html_2106.09685v2.html');
  const url = new URL(e.url_it_stands_for);
  const found = arxiv.detectEntries(loadFixture(e.file, e.url_it_stands_for), url);
  const cited = e.expected.cited_entries!;

  it('finds every reference, with the arXiv id where the reference names one', () => {
    expect(arxiv.listKind(url)).toBe('references');
    expect(found).toHaveLength(cited.length);
    expect(found.map((f) => f.arxivId)).toEqual(cited.map((c) => c.arxiv_id));
  });

  it('reads each reference title (second natbib block)', () => {
    expect(found.map((f) => norm(f.title))).toEqual(cited.map((c) => normalizeTitle(c.title)));
  });

  it('anchors the chip after the reference label', () => {
    for (const f of found) {
      expect(f.anchor.classList.contains('ltx_tag_bibitem')).toBe(true);
      expect(f.entry.contains(f.anchor)).toBe(true);
    }
  });
});

// ---------------------------------------------------------------------------------------------------------
// Hand-written pages

const ids = (file: string, href: string) =>
  arxiv.detectEntries(loadFixture(`pages/${file}`, href), new URL(href)).map((f) => f.arxivId);

describe('local listing pages', () => {
  it('pastweek: two day sections (two dl#articles), 14 entries in order', () => {
    const href = 'https://arxiv.org/list/cs.LG/pastweek?skip=0&show=25';
    const found = arxiv.detectEntries(
      loadFixture('pages/local_arxiv_list_pastweek.html', href),
      new URL(href),
    );
    expect(found).toHaveLength(14);
    expect(found[0]).toMatchObject({ arxivId: '2106.09685' });
    expect(norm(found[0]!.title)).toBe(normalizeTitle('LoRA: Low-Rank Adaptation of Large Language Models'));
    expect(found.filter((f) => f.arxivId !== null)).toHaveLength(14);
    expect(new Set(found.map((f) => f.entry)).size).toBe(14);
  });

  it('catch-up: new, cross-list and replacement sections', () => {
    const found = ids('local_arxiv_catchup.html', 'https://arxiv.org/catchup/cs.CL/2023-12-04');
    expect(found).toHaveLength(7);
    expect(found).toContain('2306.00978');
    expect(found).toContain('2208.07339');
    expect(found).toContain('2203.15556');
  });

  it('legacy template: a dl without an id in div#dlpage, the link inside span.list-identifier', () => {
    const found = ids('local_arxiv_list_legacy.html', 'https://arxiv.org/list/cs.CL/2312');
    expect(found).toHaveLength(4);
    expect(found[0]).toBe('2104.08691');
    expect(found[2]).toBe('1902.00751');
  });

  it('search with 40 results', () => {
    const found = ids(
      'local_arxiv_search_many.html',
      'https://arxiv.org/search/?query=efficient+language+models',
    );
    expect(found).toHaveLength(40);
    expect(found.every((id) => id !== null)).toBe(true);
  });

  it('an entry without an id link is skipped, one without a <dd> keeps its id', () => {
    const doc = loadDocument(
      `<dl id='articles'><dt><a name="item1">[1]</a></dt><dd><div class="list-title">No link</div></dd>
       <dt><a href="/abs/2312.00001" title="Abstract">arXiv:2312.00001</a></dt>
       <dt><a href="/abs/2312.00002" title="Abstract">arXiv:2312.00002</a></dt><dd><div class="list-title">Two</div></dd></dl>`,
      'https://arxiv.org/list/cs.CL/new',
    );
    const found = arxiv.detectEntries(doc, new URL('https://arxiv.org/list/cs.CL/new'));
    expect(found.map((f) => [f.arxivId, f.title, f.parts?.length ?? 0])).toEqual([
      ['2312.00001', null, 0],
      ['2312.00002', 'Two', 1],
    ]);
  });
});

describe('titles are text', () => {
  it.each([
    ['plain', '<span class="descriptor">Title:</span> A  Plain\n Title', 'A Plain Title'],
    [
      'a script inside is not text',
      '<span class="descriptor">Title:</span> Safe <script>alert(1)</script>Title',
      'Safe Title',
    ],
    [
      'MathJax TeX annotation is not text',
      'Sparse <math><annotation>\\alpha</annotation></math>Attention',
      'Sparse Attention',
    ],
    [
      'markup written as text stays text',
      '<span class="descriptor">Title:</span> &lt;b&gt;Bold&lt;/b&gt;',
      '<b>Bold</b>',
    ],
    ['a label only', '<span class="descriptor">Title:</span>', null],
  ])('%s', (_what, inner, want) => {
    const doc = loadDocument(
      `<dl id='articles'><dt><a href="/abs/2312.00001" title="Abstract">arXiv:2312.00001</a></dt><dd><div class="list-title">${inner}</div></dd></dl>`,
      'https://arxiv.org/list/cs.CL/new',
    );
    expect(arxiv.detectEntries(doc, new URL('https://arxiv.org/list/cs.CL/new'))[0]?.title).toBe(want);
  });
});

describe('local HTML paper with a 40-entry bibliography', () => {
  const href = 'https://arxiv.org/html/2401.00001v1';
  const found = arxiv.detectEntries(
    loadFixture('pages/local_arxiv_html_references.html', href),
    new URL(href),
  );

  // [entry number, arXiv id, OpenReview id, title (normalised compare), what it covers]
  const TABLE: [number, string | null, string | null, string | null, string][] = [
    [1, '2106.09685', null, 'LoRA: Low-Rank Adaptation of Large Language Models', 'arxiv.org/abs link'],
    [
      2,
      '2210.17323',
      null,
      'GPTQ: Accurate Post-Training Quantization for Generative Pre-trained Transformers',
      '"arXiv preprint arXiv:"',
    ],
    [
      3,
      '2205.14135',
      null,
      'FlashAttention: Fast and Memory-Efficient Exact Attention with IO-Awareness',
      'CoRR abs/',
    ],
    [4, '2305.14314', null, 'QLoRA: Efficient Finetuning of Quantized LLMs', 'arXiv DOI link'],
    [5, '2005.14165', null, 'Language Models are Few-Shot Learners', 'link, not a survey paper'],
    [6, null, null, 'ETC: Encoding long and structured inputs in transformers', 'no id: natbib title block'],
    [7, null, null, 'Parameter-efficient transfer learning for NLP', 'no id, survey paper with an id'],
    [8, null, null, 'Prefix-tuning: Optimizing continuous prompts for generation', 'IEEE quoted title'],
    [9, null, null, 'The power of scale for parameter-efficient prompt tuning', 'one block: second sentence'],
    [
      10,
      null,
      null,
      'BERT: Pre-training of deep bidirectional transformers for language understanding',
      'one block, initials with hyphen',
    ],
    [
      11,
      'hep-th/9711200',
      null,
      'The large N limit of superconformal field theories and supergravity',
      'old-style id',
    ],
    [
      12,
      null,
      '-r6-WNKfyhW',
      'Fine-Tuning Pre-Trained Language Models Effectively by Optimizing Subnetworks Adaptively',
      'OpenReview link',
    ],
    [13, null, null, '<img src=x onerror=alert(1)> A title with markup in it', 'markup as text'],
    [14, null, null, null, 'no title'],
    [15, null, null, 'An unrelated note on sparse kernels', 'a page number is not an id'],
  ];

  it('finds all 40 references', () => {
    expect(found).toHaveLength(40);
  });

  it.each(TABLE)('entry %i: id %s / %s, title %s (%s)', (n, arxivId, openreviewId, title) => {
    const f = found[n - 1]!;
    expect(f.arxivId).toBe(arxivId);
    expect(f.openreviewId).toBe(openreviewId);
    expect(norm(f.title)).toBe(title === null ? null : normalizeTitle(title));
  });

  it('keeps markup in a title as text', () => {
    expect(found[12]!.title).toContain('<img src=x onerror=alert(1)>');
    expect(found[12]!.entry.querySelector('img')).toBeNull();
  });
});

describe('speed', () => {
  // Correctness at size; the time is measured in real Chromium (scripts/bench-lists.ts, bench/lists.md), since
  // happy-dom's selector engine is orders of magnitude slower than the browser's.
  it('reads a 2,000-entry listing completely and in order', { timeout: 120_000 }, () => {
    const html = readFileSync(`${FIXTURES_DIR}pages/list_cs.CL_new.html`, 'utf8');
    const start = html.indexOf('<dt>');
    const end = html.lastIndexOf('</dd>') + '</dd>'.length;
    const rows = html.slice(start, end);
    const big = `${html.slice(0, start)}${rows.repeat(Math.ceil(2000 / 60))}${html.slice(end)}`;
    const url = 'https://arxiv.org/list/cs.CL/pastweek?show=2000';
    const doc = loadDocument(big, url);
    const found = arxiv.detectEntries(doc, new URL(url));
    const copies = Math.ceil(2000 / 60);
    expect(found).toHaveLength(60 * copies);
    const one = found.slice(0, 60).map((f) => f.arxivId);
    expect(found.map((f) => f.arxivId)).toEqual(Array.from({ length: copies }, () => one).flat());
  });
});
