import { afterAll, describe, expect, it } from 'vitest';
import { MatchPattern } from 'wxt/utils/match-patterns';
import { alphaxiv } from './alphaxiv';
import { findAdapter, findListAdapter } from './index';
import { closeDocuments, loadDocument, loadFixture, readManifest } from './test-helpers';

afterAll(closeDocuments);

const inPaperPatterns = (url: URL) =>
  alphaxiv.paperMatches.some((p) => new MatchPattern(p).includes(url.href));

/** [url, page kind, arXiv id, version] */
const POSITIVE: [string, 'abs' | 'overview', string, number | null][] = [
  ['https://www.alphaxiv.org/abs/2312.00678', 'abs', '2312.00678', null],
  ['https://www.alphaxiv.org/abs/2312.00678v2', 'abs', '2312.00678', 2],
  ['https://www.alphaxiv.org/abs/2312.00678/', 'abs', '2312.00678', null],
  ['https://www.alphaxiv.org/abs/2312.00678?tab=comments', 'abs', '2312.00678', null],
  ['https://www.alphaxiv.org/overview/2312.00678', 'overview', '2312.00678', null],
  ['https://www.alphaxiv.org/overview/2106.09685v1', 'overview', '2106.09685', 1],
  ['https://alphaxiv.org/abs/2106.09685', 'abs', '2106.09685', null],
  ['https://alphaxiv.org/overview/2106.09685', 'overview', '2106.09685', null],
  ['https://WWW.ALPHAXIV.ORG/abs/2106.09685', 'abs', '2106.09685', null],
  ['https://www.alphaxiv.org/abs/hep-th/9711200', 'abs', 'hep-th/9711200', null],
];

/** [url, why, whether the paper patterns must exclude it] */
const NEGATIVE: [string, string, boolean][] = [
  ['http://www.alphaxiv.org/abs/2312.00678', 'plain http', true],
  ['https://www.alphaxiv.org.evil.example/abs/2312.00678', 'lookalike host (suffix)', true],
  ['https://evil-alphaxiv.org/abs/2312.00678', 'lookalike host (prefix)', true],
  ['https://www.alphaxiv.org@evil.example/abs/2312.00678', 'userinfo trick: the host is evil.example', true],
  ['https://user@www.alphaxiv.org/abs/2312.00678', 'userinfo', false],
  ['https://www.alphaxiv.org:8443/abs/2312.00678', 'non-default port', false],
  ['https://api.alphaxiv.org/abs/2312.00678', 'API host', true],
  ['https://www.alphaxiv.org/', 'home / feed', true],
  ['https://www.alphaxiv.org/explore', 'explore feed', true],
  ['https://www.alphaxiv.org/abs/', 'no id', false],
  ['https://www.alphaxiv.org/abs/2113.00001', 'not an arXiv id (month 13)', false],
  ['https://www.alphaxiv.org/abs/2312.00678/comments', 'sub-page', false],
  ['https://www.alphaxiv.org/pdf/2312.00678', 'other section', true],
  ['https://www.alphaxiv.org/profile/abc', 'profile', true],
  ['https://arxiv.org/abs/2312.00678', 'arXiv (another adapter)', true],
];

describe('alphaxiv URL gate', () => {
  it.each(POSITIVE)('%s -> %s %s v%s', (href, kind, id, version) => {
    const url = new URL(href);
    expect(alphaxiv.matches(url)).toBe(true);
    expect(alphaxiv.pageKind(url)).toBe(kind);
    expect(findAdapter(url)?.id).toBe('alphaxiv');
    expect(inPaperPatterns(url)).toBe(true);
    const detected = alphaxiv.detectPaper(loadDocument('', href), url);
    expect(detected?.ref).toEqual({ kind: 'arxiv', id, version });
    expect(detected?.arxivId).toBe(id);
  });

  it.each(NEGATIVE)('%s is not a paper page (%s)', (href, _why, outside) => {
    const url = new URL(href);
    expect(alphaxiv.matches(url)).toBe(false);
    expect(alphaxiv.pageKind(url)).toBeNull();
    expect(alphaxiv.detectPaper(loadDocument('<h1>x</h1>', href), url)).toBeNull();
    if (outside) expect(inPaperPatterns(url)).toBe(false);
  });

  it('annotates no lists', () => {
    const url = new URL('https://www.alphaxiv.org/explore');
    expect(alphaxiv.listMatches).toEqual([]);
    expect(alphaxiv.listKind(url)).toBeNull();
    expect(findListAdapter(url)).toBeNull();
    expect(alphaxiv.detectEntries(loadDocument('<a href="/abs/2312.00678">x</a>', url.href), url)).toEqual(
      [],
    );
  });
});

describe('alphaxiv pages', () => {
  it('MANIFEST loading shell: the URL names the paper, the head gives its title', () => {
    const e = readManifest().find((m) => m.kind === 'alphaxiv_paper_shell')!;
    const url = new URL(e.url_it_stands_for);
    const detected = alphaxiv.detectPaper(loadFixture(e.file, e.url_it_stands_for), url);
    expect(detected?.arxivId).toBe(e.expected.arxiv_id);
    expect(detected?.title).toBe(e.expected.title);
    expect(detected?.anchor).toBeNull();
  });

  it('a rendered page: the h1 wins (inline markup read as text)', () => {
    const url = new URL('https://www.alphaxiv.org/abs/2106.09685');
    const doc = loadFixture('pages/local_alphaxiv_rendered.html', url.href);
    const detected = alphaxiv.detectPaper(doc, url);
    expect(detected?.title).toBe('LoRA: Low-Rank Adaptation of Large Language Models');
    expect(detected?.anchor?.localName).toBe('h1');
    expect(alphaxiv.layoutHints(doc, url).protect.length).toBeGreaterThan(0);
  });

  it('after in-app navigation, a head naming another paper is not used', () => {
    const url = new URL('https://www.alphaxiv.org/overview/2305.14314');
    const head =
      '<head><title>LoRA: Low-Rank Adaptation of Large Language Models | alphaXiv</title>' +
      '<link rel="canonical" href="https://www.alphaxiv.org/abs/2106.09685"></head><body></body>';
    const detected = alphaxiv.detectPaper(loadDocument(head, url.href), url);
    expect(detected?.arxivId).toBe('2305.14314');
    expect(detected?.title).toBeNull();
  });

  it('a generic app title is not a paper title; markup in the head stays text', () => {
    const url = new URL('https://www.alphaxiv.org/abs/2106.09685');
    expect(alphaxiv.detectPaper(loadDocument('<title>alphaXiv</title>', url.href), url)?.title).toBeNull();
    const hostile = loadDocument('<title>&lt;img src=x onerror=alert(1)&gt; | alphaXiv</title>', url.href);
    expect(alphaxiv.detectPaper(hostile, url)?.title).toBe('<img src=x onerror=alert(1)>');
  });
});
