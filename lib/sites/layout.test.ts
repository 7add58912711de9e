import { afterAll, describe, expect, it } from 'vitest';
import { findAdapter } from './index';
import { closeDocuments, loadFixture } from './test-helpers';

afterAll(closeDocuments);

/** Layout hints feed the overlay's placement: what it must not cover, and where it may sit. */
describe('layoutHints', () => {
  it('arXiv abstract page: protects title, authors, abstract and the controls column, and offers that column', () => {
    const url = new URL('https://arxiv.org/abs/2106.09685');
    const doc = loadFixture('pages/abs_2106.09685.html', url.href);
    const hints = findAdapter(url)!.layoutHints(doc, url);
    const tags = hints.protect.map((el) => `${el.tagName.toLowerCase()}.${el.classList[0]}`);
    expect(tags).toEqual(
      expect.arrayContaining([
        'h1.title',
        'div.authors',
        'blockquote.abstract',
        'div.metatable',
        'div.extra-services',
      ]),
    );
    expect(hints.sideColumn?.classList.contains('extra-services')).toBe(true);
  });

  it('arXiv HTML paper: protects the article column, no side column', () => {
    const url = new URL('https://arxiv.org/html/2106.09685v2');
    const doc = loadFixture('pages/html_2106.09685v2.html', url.href);
    const hints = findAdapter(url)!.layoutHints(doc, url);
    expect(hints.protect.some((el) => el.matches('article.ltx_document'))).toBe(true);
    expect(hints.sideColumn).toBeNull();
  });

  it('OpenReview forum: protects the forum column', () => {
    const url = new URL('https://openreview.net/forum?id=OUIFPHEgJU');
    const doc = loadFixture('pages/openreview_OUIFPHEgJU.html', url.href);
    const hints = findAdapter(url)!.layoutHints(doc, url);
    expect(hints.protect.some((el) => el.matches('div.forum-container'))).toBe(true);
    expect(hints.sideColumn).toBeNull();
  });

  it('a page without the expected regions gives empty hints, not an error', () => {
    const url = new URL('https://arxiv.org/abs/2106.09685');
    const doc = loadFixture('pages/abs_1807.06209.html', 'https://arxiv.org/abs/1807.06209');
    doc.body.replaceChildren();
    expect(findAdapter(url)!.layoutHints(doc, url)).toEqual({ protect: [], sideColumn: null });
  });
});
