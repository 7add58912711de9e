import { afterAll, describe, expect, it } from 'vitest';
import { MatchPattern } from 'wxt/utils/match-patterns';
import { ar5iv } from './ar5iv';
import { findAdapter, findListAdapter } from './index';
import { closeDocuments, loadDocument, loadFixture, readManifest } from './test-helpers';

afterAll(closeDocuments);

const inPatterns = (patterns: readonly string[], url: URL) =>
  patterns.some((p) => new MatchPattern(p).includes(url.href));

/** [url, arXiv id, version] */
const POSITIVE: [string, string, number | null][] = [
  ['https://ar5iv.labs.arxiv.org/html/2106.09685', '2106.09685', null],
  ['https://ar5iv.labs.arxiv.org/html/2106.09685v2', '2106.09685', 2],
  ['https://ar5iv.labs.arxiv.org/html/2106.09685/', '2106.09685', null],
  ['https://ar5iv.labs.arxiv.org/html/2106.09685#S2', '2106.09685', null],
  ['https://ar5iv.labs.arxiv.org/html/hep-th/9711200', 'hep-th/9711200', null],
  ['https://ar5iv.labs.arxiv.org/html/1706.03762', '1706.03762', null],
  ['https://ar5iv.org/abs/2106.09685', '2106.09685', null],
  ['https://ar5iv.org/html/2106.09685', '2106.09685', null],
  ['https://AR5IV.ORG/abs/2106.09685v1', '2106.09685', 1],
];

/** [url, why, whether the patterns must exclude it] */
const NEGATIVE: [string, string, boolean][] = [
  ['http://ar5iv.labs.arxiv.org/html/2106.09685', 'plain http', true],
  ['https://ar5iv.labs.arxiv.org.evil.example/html/2106.09685', 'lookalike host (suffix)', true],
  ['https://evil-ar5iv.org/abs/2106.09685', 'lookalike host (prefix)', true],
  [
    'https://ar5iv.labs.arxiv.org@evil.example/html/2106.09685',
    'userinfo trick: the host is evil.example',
    true,
  ],
  ['https://user@ar5iv.org/abs/2106.09685', 'userinfo', false],
  ['https://ar5iv.org:8443/abs/2106.09685', 'non-default port', false],
  ['https://ar5iv.labs.arxiv.org/abs/2106.09685', 'ar5iv.labs serves /html only', true],
  ['https://www.ar5iv.org/abs/2106.09685', 'www host', true],
  ['https://ar5iv.labs.arxiv.org/', 'home', true],
  ['https://ar5iv.labs.arxiv.org/log/2106.09685', 'conversion report', true],
  ['https://ar5iv.labs.arxiv.org/feeling_lucky', 'random paper redirect', true],
  ['https://ar5iv.labs.arxiv.org/html/', 'no id', false],
  ['https://ar5iv.labs.arxiv.org/html/2113.00001', 'not an arXiv id (month 13)', false],
  ['https://ar5iv.labs.arxiv.org/html/2106.09685/assets/x1.png', 'an asset of the paper', false],
  ['https://arxiv.org/html/2106.09685v2', 'arXiv HTML (the arxiv adapter)', true],
];

describe('ar5iv URL gate', () => {
  it.each(POSITIVE)('%s -> %s v%s', (href, id, version) => {
    const url = new URL(href);
    expect(ar5iv.matches(url)).toBe(true);
    expect(ar5iv.pageKind(url)).toBe('html');
    expect(ar5iv.listKind(url)).toBe('references');
    expect(findAdapter(url)?.id).toBe('ar5iv');
    expect(findListAdapter(url)?.id).toBe('ar5iv');
    expect(inPatterns(ar5iv.paperMatches, url)).toBe(true);
    expect(inPatterns(ar5iv.listMatches, url)).toBe(true);
    expect(ar5iv.detectPaper(loadDocument('', href), url)?.ref).toEqual({ kind: 'arxiv', id, version });
  });

  it.each(NEGATIVE)('%s is not an ar5iv paper (%s)', (href, _why, outside) => {
    const url = new URL(href);
    expect(ar5iv.matches(url)).toBe(false);
    expect(ar5iv.listKind(url)).toBeNull();
    expect(ar5iv.detectPaper(loadDocument('<h1 class="ltx_title_document">x</h1>', href), url)).toBeNull();
    expect(
      ar5iv.detectEntries(
        loadDocument(
          '<section class="ltx_bibliography"><ul><li class="ltx_bibitem">x</li></ul></section>',
          href,
        ),
        url,
      ),
    ).toEqual([]);
    if (outside) {
      expect(inPatterns(ar5iv.paperMatches, url)).toBe(false);
      expect(inPatterns(ar5iv.listMatches, url)).toBe(false);
    }
  });
});

interface ListExpectation {
  entry_count: number;
  entries: { arxiv_id: string | null; title: string }[];
}

describe('MANIFEST ar5iv paper (ar5iv_2106.09685.html)', () => {
  const e = readManifest().find((m) => m.kind === 'ar5iv_html') as
    | (ReturnType<typeof readManifest>[number] & { expected: ListExpectation })
    | undefined;
  if (!e) throw new Error('test premise: no ar5iv_html page in MANIFEST.json');
  const url = new URL(e.url_it_stands_for);
  const doc = loadFixture(e.file, e.url_it_stands_for);

  it('detects the paper: URL id, LaTeXML title and author names (affiliations and marks left out)', () => {
    const detected = ar5iv.detectPaper(doc, url);
    expect(detected?.arxivId).toBe(e.expected.arxiv_id);
    expect(detected?.title).toBe(e.expected.title);
    expect(detected?.anchor?.localName).toBe('h1');
    expect(detected?.authors).toEqual(['Edward Hu', 'Yelong Shen', 'Phillip Wallis', 'Weizhu Chen']);
  });

  it('lists the bibliography as references, with ids and titles', () => {
    const found = ar5iv.detectEntries(doc, url);
    expect(found).toHaveLength(e.expected.entry_count);
    expect(found.map((f) => ({ arxiv_id: f.arxivId, title: f.title }))).toEqual(e.expected.entries);
    for (const f of found) {
      expect(f.entry.matches('li.ltx_bibitem')).toBe(true);
      expect(f.entry.contains(f.anchor)).toBe(true);
    }
  });

  it('protects the article column', () => {
    const { protect } = ar5iv.layoutHints(doc, url);
    expect(protect.some((el) => el.matches('article.ltx_document'))).toBe(true);
  });
});

describe('local ar5iv page (one-block references, no h1)', () => {
  const url = new URL('https://ar5iv.labs.arxiv.org/html/2401.00004');
  const doc = loadFixture('pages/local_ar5iv_single_block.html', url.href);

  it('takes the title from <title> minus "[id] ", markup as text', () => {
    const detected = ar5iv.detectPaper(doc, url);
    expect(detected?.title).toBe('A Paper With <b>Markup</b> in Its Title');
    expect(detected?.anchor).toBeNull();
    expect(detected?.authors).toEqual([]);
  });

  it('reads ids from reference text and titles from the second sentence', () => {
    const found = ar5iv.detectEntries(doc, url);
    expect(found.map((f) => f.arxivId)).toEqual(['2106.09685', null]);
    expect(found[0]?.title).toBe('LoRA: Low-rank adaptation of large language models');
    expect(found[1]?.title).toBe('<img src=x onerror=alert(1)> A hostile reference title');
  });
});
