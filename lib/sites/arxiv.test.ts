import { afterAll, describe, expect, it } from 'vitest';
import { MatchPattern } from 'wxt/utils/match-patterns';
import { arxiv, arxivPaper } from './arxiv';
import { CONTENT_SCRIPT_MATCHES, findAdapter } from './index';
import { closeDocuments, loadDocument, loadFixture, readManifest } from './test-helpers';
import { MAX_TITLE_LENGTH } from './text';

afterAll(closeDocuments);

const PATTERNS = CONTENT_SCRIPT_MATCHES.map((p) => new MatchPattern(p));
// MatchPattern (WXT's matcher) compares the pathname like the browser does; a string avoids its `Location` check.
const inContentScript = (url: URL) => PATTERNS.some((p) => p.includes(url.href));

const LORA = 'pages/abs_2106.09685.html';
const LORA_URL = 'https://arxiv.org/abs/2106.09685';
const LORA_TITLE = 'LoRA: Low-Rank Adaptation of Large Language Models';
const LORA_AUTHORS = [
  'Edward J. Hu',
  'Yelong Shen',
  'Phillip Wallis',
  'Zeyuan Allen-Zhu',
  'Yuanzhi Li',
  'Shean Wang',
  'Lu Wang',
  'Weizhu Chen',
];

// ---------------------------------------------------------------------------------------------------------
// URL table

/** [url, page kind, versionless id, version] */
const POSITIVE: [string, 'abs' | 'html' | 'pdf', string, number | null][] = [
  ['https://arxiv.org/abs/2106.09685', 'abs', '2106.09685', null],
  ['https://arxiv.org/abs/2106.09685v2', 'abs', '2106.09685', 2],
  ['https://arxiv.org/abs/2106.09685v1?context=cs', 'abs', '2106.09685', 1],
  ['https://arxiv.org/abs/2106.09685#comments', 'abs', '2106.09685', null],
  ['https://arxiv.org/abs/2106.09685/', 'abs', '2106.09685', null],
  ['https://ARXIV.org/abs/2205.14135', 'abs', '2205.14135', null],
  ['https://www.arxiv.org/abs/2205.14135', 'abs', '2205.14135', null],
  ['https://export.arxiv.org/abs/2210.17323v2', 'abs', '2210.17323', 2],
  ['https://arxiv.org/abs/hep-th/9711200', 'abs', 'hep-th/9711200', null],
  ['https://arxiv.org/abs/hep-th/9711200v3', 'abs', 'hep-th/9711200', 3],
  ['https://arxiv.org/abs/math.GT/0309136', 'abs', 'math/0309136', null],
  ['https://arxiv.org/abs/0704.0001', 'abs', '0704.0001', null],
  ['https://arxiv.org/abs/1501.00001v12', 'abs', '1501.00001', 12],
  ['https://arxiv.org/html/2106.09685v2', 'html', '2106.09685', 2],
  ['https://arxiv.org/html/2312.00678v2/', 'html', '2312.00678', 2],
  ['https://arxiv.org/html/2312.00678', 'html', '2312.00678', null],
  ['https://www.arxiv.org/html/2312.00678v1#S3', 'html', '2312.00678', 1],
  ['https://export.arxiv.org/html/2312.00678v1', 'html', '2312.00678', 1],
  ['https://arxiv.org/pdf/2106.09685', 'pdf', '2106.09685', null],
  ['https://arxiv.org/pdf/2106.09685v2.pdf', 'pdf', '2106.09685', 2],
  ['https://export.arxiv.org/pdf/hep-th/9711200v3', 'pdf', 'hep-th/9711200', 3],
  ['https://www.arxiv.org/pdf/2312.00678v1', 'pdf', '2312.00678', 1],
];

/** [url, why it is not an arXiv paper page, whether the content-script patterns must exclude it too] */
const NEGATIVE: [string, string, boolean][] = [
  ['http://arxiv.org/abs/2106.09685', 'plain http', true],
  ['https://arxiv.org.evil.com/abs/2106.09685', 'lookalike host (suffix)', true],
  ['https://evilarxiv.org/abs/2106.09685', 'lookalike host (prefix)', true],
  ['https://arxiv.org@evil.com/abs/2106.09685', 'userinfo trick: the host is evil.com', true],
  ['https://user:pw@arxiv.org/abs/2106.09685', 'userinfo', false],
  ['https://arxiv.org:8443/abs/2106.09685', 'non-default port (match patterns ignore ports)', false],
  ['https://browse.arxiv.org/abs/2106.09685', 'host outside the content-script patterns', true],
  ['https://arxiv.org/list/cs.CL/new', 'listing page', true],
  ['https://arxiv.org/list/cs.CL/recent', 'listing page', true],
  ['https://arxiv.org/list/cs.LG/2023-12', 'monthly listing', true],
  ['https://arxiv.org/catchup/cs.CL/2023-12-04', 'catchup listing', true],
  ['https://arxiv.org/search/?query=lora&searchtype=all', 'search results', true],
  ['https://arxiv.org/a/hu_e_1', 'author page', true],
  ['https://arxiv.org/help', 'help page', true],
  ['https://info.arxiv.org/help/arxiv_identifier.html', 'help site', true],
  ['https://arxiv.org/', 'home page', true],
  ['https://arxiv.org/abs/', 'no id', false],
  ['https://arxiv.org/abs/2113.00001', 'month 13 is not an id', false],
  ['https://arxiv.org/abs/2106.09685v0', 'version 0 is not a version', false],
  ['https://arxiv.org/abs/bogus/9711200', 'unknown archive', false],
  ['https://arxiv.org/abs2106.09685', 'no section separator', true],
  ['https://arxiv.org/format/2106.09685', 'format chooser, not a paper page', true],
  ['https://arxiv.org/src/2106.09685', 'source download', true],
  ['https://arxiv.org/html/2106.09685v2/x1.png', 'HTML paper asset', false],
  ['https://ar5iv.labs.arxiv.org/html/2106.09685', 'ar5iv (its own adapter, in the patterns)', false],
  ['https://ar5iv.org/abs/2106.09685', 'ar5iv (its own adapter, in the patterns)', false],
  ['https://www.alphaxiv.org/abs/2312.00678', 'another site (its own adapter, in the patterns)', false],
  ['https://huggingface.co/papers/2306.00978', 'another site (its own adapter, in the patterns)', false],
  ['https://openreview.net/forum?id=OUIFPHEgJU', 'OpenReview', false],
];

describe('arxiv URL gate', () => {
  it('has at least 15 positive and 15 negative URLs', () => {
    expect(POSITIVE.length).toBeGreaterThanOrEqual(15);
    expect(NEGATIVE.length).toBeGreaterThanOrEqual(15);
  });

  const lora = loadFixture(LORA, LORA_URL);
  const empty = loadDocument('<!DOCTYPE html><html><head></head><body></body></html>', 'https://arxiv.org/');

  it.each(POSITIVE)('%s is a %s page of %s (version %s)', (href, kind, id, version) => {
    const url = new URL(href);
    expect(arxiv.matches(url)).toBe(true);
    expect(arxiv.pageKind(url)).toBe(kind);
    expect(findAdapter(url)).toBe(arxivPaper);
    // The content script runs on abs and HTML pages; PDFs open in the viewer, where it cannot run.
    expect(inContentScript(url)).toBe(kind !== 'pdf');
    if (kind === 'pdf') {
      expect(arxiv.detectPaper(empty, url)).toEqual({
        ref: { kind: 'arxiv', id, version },
        arxivId: id,
        openreviewId: null,
        title: null,
        authors: [],
        anchor: null,
      });
    } else {
      // The id and version come from the URL even on a page without any metadata.
      const detected = arxiv.detectPaper(empty, url);
      expect(detected?.ref).toEqual({ kind: 'arxiv', id, version });
      expect(detected?.arxivId).toBe(id);
      expect(detected?.title).toBeNull();
    }
  });

  it.each(NEGATIVE)('%s is not an arXiv paper page (%s)', (href, _why, outsideScript) => {
    const url = new URL(href);
    expect(arxiv.matches(url)).toBe(false);
    expect(arxiv.pageKind(url)).toBeNull();
    // Even with a complete abstract page in the document, a non-paper URL detects nothing.
    expect(arxiv.detectPaper(lora, url)).toBeNull();
    if (outsideScript) expect(inContentScript(url)).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Shared fixtures (test/fixtures/MANIFEST.json)

const manifest = readManifest();
const PAPER_KINDS = new Set(['arxiv_abs', 'arxiv_abs_versioned', 'arxiv_html_latexml']);
const paperPages = manifest.filter((e) => PAPER_KINDS.has(e.kind));
const otherPages = manifest.filter((e) => !PAPER_KINDS.has(e.kind));

describe('arxiv fixtures from the manifest', () => {
  it('covers abstract, versioned abstract and HTML pages', () => {
    expect(new Set(paperPages.map((e) => e.kind))).toEqual(PAPER_KINDS);
  });

  it.each(paperPages.map((e) => [e.file, e] as const))('%s', (_file, entry) => {
    const url = new URL(entry.url_it_stands_for);
    const doc = loadFixture(entry.file, entry.url_it_stands_for);
    const detected = arxiv.detectPaper(doc, url);
    expect(detected).not.toBeNull();
    expect(detected!.arxivId).toBe(entry.expected.arxiv_id);
    expect(detected!.title).toBe(entry.expected.title);
    expect(detected!.openreviewId).toBeNull();
    // The version asked for in the URL, else the one the page shows (og:url / <base href>).
    const urlVersion = /v(\d+)\/?$/.exec(url.pathname)?.[1];
    const version =
      entry.expected.requested_version ??
      (urlVersion ? Number(urlVersion) : undefined) ??
      entry.expected.version_shown;
    expect(detected!.ref).toEqual({ kind: 'arxiv', id: entry.expected.arxiv_id, version });
    // The overlay anchors at the title element, which holds the title text.
    expect(detected!.anchor?.localName).toBe('h1');
    expect(detected!.anchor?.textContent).toContain(entry.expected.title);
    expect(detected!.authors.length).toBeGreaterThan(0);
    // The abstract, as text, without the "Abstract:" label (the classifier reads it for papers outside the survey).
    if (entry.kind === 'arxiv_abs') {
      const meta = doc.querySelector('meta[name="citation_abstract"]')?.getAttribute('content') ?? '';
      expect(detected!.abstract).toBe(meta.replace(/\s+/g, ' ').trim());
      expect(detected!.abstract).not.toMatch(/^Abstract:/);
      expect(detected!.abstract!.length).toBeGreaterThan(100);
    } else {
      expect(detected!.abstract ?? '').not.toMatch(/^Abstract\b/);
    }
  });

  it('reads the abstract from the page when citation_abstract is missing, capped in length', () => {
    const entry = paperPages.find((e) => e.kind === 'arxiv_abs')!;
    const doc = loadFixture(entry.file, entry.url_it_stands_for);
    const meta = doc.querySelector('meta[name="citation_abstract"]')!;
    const fromMeta = arxiv.detectPaper(doc, new URL(entry.url_it_stands_for))!.abstract;
    meta.remove();
    const fromPage = arxiv.detectPaper(doc, new URL(entry.url_it_stands_for))!.abstract;
    expect(fromPage).toBeTruthy();
    expect(fromPage).not.toMatch(/^Abstract:/);
    // The same words as the metadata (the page's text may differ only in TeX markup and whitespace).
    expect(fromPage!.slice(0, 40)).toBe(fromMeta!.slice(0, 40));
    doc.querySelector('#abs blockquote.abstract')!.append(doc.createTextNode(' x'.repeat(10_000)));
    expect(arxiv.detectPaper(doc, new URL(entry.url_it_stands_for))!.abstract!.length).toBeLessThanOrEqual(
      5000,
    );
  });

  it.each(paperPages.filter((e) => e.kind !== 'arxiv_html_latexml').map((e) => [e.file, e] as const))(
    '%s: citation_author names, turned to "First Last", are the names the page shows',
    (_file, entry) => {
      const doc = loadFixture(entry.file, entry.url_it_stands_for);
      const shown = Array.from(doc.querySelectorAll('#abs div.authors a[href*="searchtype=author"]'), (a) =>
        (a.textContent ?? '').trim(),
      );
      const detected = arxiv.detectPaper(doc, new URL(entry.url_it_stands_for))!;
      for (const author of detected.authors) expect(shown).toContain(author);
    },
  );

  it('reads the LoRA authors in page order', () => {
    expect(arxiv.detectPaper(loadFixture(LORA, LORA_URL), new URL(LORA_URL))?.authors).toEqual(LORA_AUTHORS);
  });

  it('reads the HTML paper authors without footnote marks', () => {
    const url = 'https://arxiv.org/html/2106.09685v2';
    const detected = arxiv.detectPaper(loadFixture('pages/html_2106.09685v2.html', url), new URL(url));
    expect(detected?.authors).toEqual(LORA_AUTHORS);
  });

  it.each(otherPages.map((e) => [e.file, e] as const))('%s is not an arXiv paper page', (_file, entry) => {
    const url = new URL(entry.url_it_stands_for);
    expect(arxiv.matches(url)).toBe(false);
    expect(arxiv.detectPaper(loadFixture(entry.file, entry.url_it_stands_for), url)).toBeNull();
  });
});

// ---------------------------------------------------------------------------------------------------------
// Abstract page: the order of sources

describe('arxiv abstract page title sources', () => {
  const url = new URL('https://arxiv.org/abs/2401.00001v1');
  const load = () => loadFixture('pages/local_arxiv_abs_hostile.html', url.href);

  it('prefers the converted h1 title, then og:title, then <title> minus "[id] ", then citation_title', () => {
    const doc = load();
    expect(arxiv.detectPaper(doc, url)?.title).toBe('<script>alert(1)</script> Fast &amp; Bold Tokens');
    doc.querySelector('#abs h1.title')!.remove();
    expect(arxiv.detectPaper(doc, url)?.title).toBe('<img src=x onerror=alert(1)> OG Fast &amp; Bold');
    expect(arxiv.detectPaper(doc, url)?.anchor).toBeNull();
    doc.querySelector('meta[property="og:title"]')!.remove();
    expect(arxiv.detectPaper(doc, url)?.title).toBe('<script>alert(1)</script> Fast &amp; Bold Tokens');
    doc.querySelector('title')!.remove();
    // citation_title is the raw record: TeX stays as it is.
    expect(arxiv.detectPaper(doc, url)?.title).toBe('<b onclick="alert(1)">Raw</b> $\\alpha$-Tokens &lt;3');
    doc.querySelector('meta[name="citation_title"]')!.remove();
    expect(arxiv.detectPaper(doc, url)?.title).toBeNull();
    // The id still comes from the URL.
    expect(arxiv.detectPaper(doc, url)?.arxivId).toBe('2401.00001');
  });

  it('falls back to the body author links when there is no citation_author', () => {
    const doc = load();
    for (const meta of doc.querySelectorAll('meta[name="citation_author"]')) meta.remove();
    expect(arxiv.detectPaper(doc, url)?.authors).toEqual([
      '<script>alert(1)</script> Mallory',
      'Bobby Tables',
    ]);
  });

  it('keeps the "[id]" of <title> when it is not an arXiv id, and drops the title when it names another paper', () => {
    const doc = load();
    doc.querySelector('#abs h1.title')!.remove();
    doc.querySelector('meta[property="og:title"]')!.remove();
    doc.querySelector('title')!.textContent = '[draft] Some title';
    expect(arxiv.detectPaper(doc, url)?.title).toBe('[draft] Some title');
    doc.querySelector('title')!.textContent = '[2305.14314] Another paper';
    // Falls through to citation_title (head agrees with the URL here).
    expect(arxiv.detectPaper(doc, url)?.title).toBe('<b onclick="alert(1)">Raw</b> $\\alpha$-Tokens &lt;3');
  });

  it('never takes an id from the abstract links to other papers', () => {
    const doc = load();
    for (const meta of doc.querySelectorAll('meta[name="citation_arxiv_id"], link[rel="canonical"]'))
      meta.remove();
    const detected = arxiv.detectPaper(doc, url);
    expect(detected?.arxivId).toBe('2401.00001');
    expect(detected?.ref).toEqual({ kind: 'arxiv', id: '2401.00001', version: 1 });
  });
});

// ---------------------------------------------------------------------------------------------------------
// Hostile and edge-case pages written for these tests

describe('arxiv hostile pages', () => {
  it('reads markup, entities, scripts and handlers as literal text and runs nothing', () => {
    const url = new URL('https://arxiv.org/abs/2401.00001v1');
    const doc = loadFixture('pages/local_arxiv_abs_hostile.html', url.href);
    const detected = arxiv.detectPaper(doc, url);
    expect(detected).toMatchObject({
      ref: { kind: 'arxiv', id: '2401.00001', version: 1 },
      arxivId: '2401.00001',
      title: '<script>alert(1)</script> Fast &amp; Bold Tokens',
      authors: ['Mallory <script>alert(1)</script>', 'Bobby "); DROP Tables'],
    });
    expect((globalThis as { __pwned?: unknown }).__pwned).toBeUndefined();
    expect((doc.defaultView as unknown as { __pwned?: unknown }).__pwned).toBeUndefined();
  });

  it('caps a 100 kB title', () => {
    const url = new URL('https://arxiv.org/abs/2401.00009');
    const long = 'Efficient '.repeat(10_000); // 100,000 characters
    const html = `<!DOCTYPE html><html><head><title>[2401.00009] ${long}</title>
      <meta name="citation_title" content="${long}"><meta name="citation_arxiv_id" content="2401.00009"></head>
      <body><div id="abs"><h1 class="title mathjax"><span class="descriptor">Title:</span>${long}</h1></div></body></html>`;
    expect(html.length).toBeGreaterThan(300_000);
    const doc = loadDocument(html, url.href);
    const title = arxiv.detectPaper(doc, url)?.title;
    expect(title?.length).toBeLessThanOrEqual(MAX_TITLE_LENGTH);
    expect(title?.length).toBeGreaterThan(MAX_TITLE_LENGTH - 20);
    expect(title?.startsWith('Efficient Efficient')).toBe(true);
    expect(title?.endsWith(' ')).toBe(false);
    doc.querySelector('h1')!.remove();
    doc.querySelector('title')!.remove();
    expect(arxiv.detectPaper(doc, url)?.title?.length).toBeLessThanOrEqual(MAX_TITLE_LENGTH);
  });

  it('keeps RTL overrides, isolates and zero-width joiners as text, trimming only the edges', () => {
    const url = new URL('https://arxiv.org/abs/2402.00002');
    const doc = loadFixture('pages/local_arxiv_abs_rtl.html', url.href);
    const expected = 'Attention \u202Etxet desrever\u202C Is All\u200DYou Need \u2067עברית\u2069';
    const detected = arxiv.detectPaper(doc, url);
    expect(detected?.title).toBe(expected);
    expect(detected?.authors).toEqual(['Dana Cohen', 'Noa Levi']);
    // The raw citation_title has zero-width characters at its edges: trimmed the same way.
    doc.querySelector('#abs h1.title')!.remove();
    doc.querySelector('meta[property="og:title"]')!.remove();
    doc.querySelector('title')!.remove();
    expect(arxiv.detectPaper(doc, url)?.title).toBe(expected);
  });

  it('trusts the URL and the body when citation_arxiv_id names another paper', () => {
    const url = new URL('https://arxiv.org/abs/2106.09685v2');
    const doc = loadFixture('pages/local_arxiv_abs_meta_mismatch.html', url.href);
    expect(arxiv.detectPaper(doc, url)).toMatchObject({
      ref: { kind: 'arxiv', id: '2106.09685', version: 2 },
      arxivId: '2106.09685',
      title: LORA_TITLE,
      authors: ['Edward J. Hu', 'Yelong Shen', 'Phillip Wallis'],
    });
    // Without the h1: <title> names this paper ("[2106.09685v2] ..."), og:title/citation_title do not count.
    doc.querySelector('#abs h1.title')!.remove();
    expect(arxiv.detectPaper(doc, url)?.title).toBe(LORA_TITLE);
    doc.querySelector('title')!.remove();
    expect(arxiv.detectPaper(doc, url)?.title).toBeNull();
  });

  it('does not take the version from a disagreeing og:url', () => {
    const url = new URL('https://arxiv.org/abs/2106.09685');
    const doc = loadFixture('pages/local_arxiv_abs_meta_mismatch.html', url.href);
    expect(arxiv.detectPaper(doc, url)?.ref).toEqual({ kind: 'arxiv', id: '2106.09685', version: null });
  });

  it('distrusts the head when only the canonical link names another paper', () => {
    const url = new URL('https://arxiv.org/abs/2106.09685');
    const doc = loadFixture(LORA, url.href);
    doc.querySelector('link[rel="canonical"]')!.setAttribute('href', 'https://arxiv.org/abs/2305.14314');
    doc.querySelector('#abs h1.title')!.remove();
    const detected = arxiv.detectPaper(doc, url);
    expect(detected?.arxivId).toBe('2106.09685');
    expect(detected?.ref).toEqual({ kind: 'arxiv', id: '2106.09685', version: null });
    // og:title is skipped; <title> "[2106.09685] ..." still names this paper.
    expect(detected?.title).toBe(LORA_TITLE);
    expect(detected?.authors).toEqual(LORA_AUTHORS); // from the body links
  });

  it('still detects a withdrawn paper', () => {
    const url = new URL('https://arxiv.org/abs/2403.00003v2');
    const doc = loadFixture('pages/local_arxiv_abs_withdrawn.html', url.href);
    expect(arxiv.detectPaper(doc, url)).toMatchObject({
      ref: { kind: 'arxiv', id: '2403.00003', version: 2 },
      arxivId: '2403.00003',
      title: 'Synthetic Withdrawn Paper on Low-Bit Inference',
      authors: ['Jane Doe'],
    });
  });
});

describe('arxiv HTML papers', () => {
  it('reads a title with inline math and a footnote, and names without marks or affiliations', () => {
    const url = new URL('https://arxiv.org/html/2404.00004v1');
    const doc = loadFixture('pages/local_arxiv_html_math.html', url.href);
    const detected = arxiv.detectPaper(doc, url);
    expect(detected).toMatchObject({
      ref: { kind: 'arxiv', id: '2404.00004', version: 1 },
      arxivId: '2404.00004',
      title: 'Scaling α-Experts for Sparse Models',
      authors: ['Ada Example', 'Bo Sample'],
    });
    expect(detected?.anchor?.classList.contains('ltx_title_document')).toBe(true);
    // Without the h1, LaTeXML's <title> is the title.
    doc.querySelector('h1.ltx_title_document')!.remove();
    expect(arxiv.detectPaper(doc, url)?.title).toBe('Scaling α-Experts for Sparse Models');
  });

  it('fills a version missing from the URL from <base href>, then the watermark, then the back link', () => {
    const url = new URL('https://arxiv.org/html/2106.09685');
    const doc = loadFixture('pages/html_2106.09685v2.html', url.href);
    expect(arxiv.detectPaper(doc, url)?.ref).toEqual({ kind: 'arxiv', id: '2106.09685', version: 2 });
    doc.querySelector('base')!.setAttribute('href', '/html/2106.09685v7/');
    expect(arxiv.detectPaper(doc, url)?.ref).toEqual({ kind: 'arxiv', id: '2106.09685', version: 7 });
    doc.querySelector('base')!.remove();
    doc.getElementById('watermark-tr')!.textContent = 'arXiv:2106.09685v5 [cs.CL] 16 Oct 2021';
    expect(arxiv.detectPaper(doc, url)?.ref).toEqual({ kind: 'arxiv', id: '2106.09685', version: 5 });
    doc.getElementById('watermark-tr')!.remove();
    expect(arxiv.detectPaper(doc, url)?.ref).toEqual({ kind: 'arxiv', id: '2106.09685', version: 2 });
    doc.querySelector('a[href="/abs/2106.09685v2"]')!.setAttribute('href', '/abs/2305.14314v2');
    // A back link to another paper gives no version; the id stays the URL's.
    expect(arxiv.detectPaper(doc, url)?.ref).toEqual({ kind: 'arxiv', id: '2106.09685', version: null });
  });

  it('keeps the URL version over the page markers', () => {
    const url = new URL('https://arxiv.org/html/2106.09685v1');
    const doc = loadFixture('pages/html_2106.09685v2.html', url.href);
    expect(arxiv.detectPaper(doc, url)?.ref).toEqual({ kind: 'arxiv', id: '2106.09685', version: 1 });
  });
});
