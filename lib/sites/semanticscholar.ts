/**
 * Semantic Scholar: paper pages (`https://www.semanticscholar.org/paper/<slug>/<40-hex id>`, also without the
 * slug) and search results (`/search?q=…`, a 'search' list).
 *
 * The site's source is closed; markers come from its public markup (the fixture notes in
 * test/fixtures/pages/s2_*.html): Highwire `citation_*` meta, `og:title` "[PDF] <title> | Semantic Scholar",
 * the canonical link, `h1[data-test-id="paper-detail-title"]`, and the header's "arXiv" button
 * (`a[data-test-id="paper-link"]` to arxiv.org). S2 pages are keyed by S2's own id, so a paper page names an
 * arXiv id only when it links one; without it the page is matched by title (ref null).
 *
 * S2 is a single-page app: the head is trusted only when its canonical/og URL names the URL's paper id.
 */

import { parsePaperUrl } from '../paper-id';
import { onHost, pathSegments } from './gate';
import { canonicalUrl, documentTitle, metaContent, metaContents, metaProperty, resolveUrl } from './meta';
import { cleanAuthors, cleanText, elementText } from './text';
import {
  type DetectedPaper,
  type LayoutHints,
  type ListedPaper,
  type ListSite,
  type PaperSite,
  presentElements,
  type SiteAdapter,
  wholeAdapter,
} from './types';

const HOSTS: ReadonlySet<string> = new Set(['www.semanticscholar.org']);
const PAPER_ID = /^[0-9a-f]{40}$/;
/** "[PDF] " in front of og:title/<title> when S2 has a PDF; " | Semantic Scholar" after. */
const TITLE_PREFIX = /^\s*\[(?:PDF|HTML)\]\s*/i;
const TITLE_SUFFIX = /\s*\|\s*Semantic Scholar\s*$/i;

/** The S2 paper id of a paper page URL, or null. */
function paperId(url: URL): string | null {
  if (!onHost(url, HOSTS)) return null;
  const segments = pathSegments(url);
  if (segments[0] !== 'paper') return null;
  // /paper/<id> or /paper/<slug>/<id>; the id is lower-case hex.
  const id = segments.length === 2 ? segments[1] : segments.length === 3 ? segments[2] : undefined;
  return id !== undefined && PAPER_ID.test(id) ? id : null;
}

function isSearch(url: URL): boolean {
  if (!onHost(url, HOSTS)) return false;
  const segments = pathSegments(url);
  return segments.length === 1 && segments[0] === 'search' && (url.searchParams.get('q') ?? '').trim() !== '';
}

/** The paper title on a paper page. */
const TITLE_SELECTORS = ['h1[data-test-id="paper-detail-title"]', 'h1'];
/** Author links in the header's author list. */
const AUTHOR_SELECTORS = ['[data-test-id="author-list"] a.author-list__link'];
/**
 * Where the page links the paper's own full text: the header's "arXiv"/PDF buttons. Links elsewhere
 * (citations, references, recommendations) are other papers.
 */
const OWN_LINKS = ['a[data-test-id="paper-link"]', '.fresh-paper-detail-page__header a[href*="arxiv.org/"]'];
/** Header, title, authors, abstract and actions; the overlay stays off them. */
const PROTECT = ['.fresh-paper-detail-page__header', 'h1[data-test-id="paper-detail-title"]'];

function headAgrees(doc: Document, url: URL, id: string): boolean {
  for (const u of [canonicalUrl(doc, url), resolveUrl(metaProperty(doc, 'og:url'), url)]) {
    if (u && paperId(u) !== id) return false;
  }
  return true;
}

/** The arXiv id of a link, when it is an arXiv (or arXiv DOI) URL. */
function arxivIdOf(href: string | null, base: URL): string | null {
  const u = resolveUrl(href, base);
  const ref = u ? parsePaperUrl(u) : null;
  return ref?.kind === 'arxiv' ? ref.id : null;
}

/** The arXiv id the page names for itself: `citation_pdf_url`, then its own buttons; only when unambiguous. */
function ownArxivId(doc: Document, url: URL, trusted: boolean): string | null {
  const ids = new Set<string>();
  if (trusted) {
    const fromMeta = arxivIdOf(metaContent(doc, 'citation_pdf_url'), url);
    if (fromMeta) return fromMeta;
  }
  for (const a of presentElements(doc, OWN_LINKS)) {
    // Rows of citation/reference/recommendation lists reuse the same buttons for other papers.
    if (a.closest(RESULT_ROW)) continue;
    const id = arxivIdOf(a.getAttribute('href'), url);
    if (id) ids.add(id);
  }
  return ids.size === 1 ? [...ids][0]! : null;
}

function cleanHeadTitle(raw: string | null): string | null {
  return cleanText(raw?.replace(TITLE_PREFIX, '').replace(TITLE_SUFFIX, ''));
}

function detectPaper(doc: Document, url: URL): DetectedPaper | null {
  const id = paperId(url);
  if (!id) return null;
  const trusted = headAgrees(doc, url, id);
  let titleEl: Element | null = null;
  for (const selector of TITLE_SELECTORS) {
    titleEl = doc.querySelector(selector);
    if (titleEl) break;
  }
  const title =
    (trusted ? cleanText(metaContent(doc, 'citation_title')) : null) ??
    elementText(titleEl) ??
    (trusted ? (cleanHeadTitle(metaProperty(doc, 'og:title')) ?? cleanHeadTitle(documentTitle(doc))) : null);
  const metaAuthors = trusted ? cleanAuthors(metaContents(doc, 'citation_author')) : [];
  const authors =
    metaAuthors.length > 0
      ? metaAuthors
      : cleanAuthors(Array.from(doc.querySelectorAll(AUTHOR_SELECTORS.join(', ')), (a) => elementText(a)));
  const arxivId = ownArxivId(doc, url, trusted);
  return {
    ref: arxivId ? { kind: 'arxiv', id: arxivId, version: null } : null,
    arxivId,
    openreviewId: null,
    title,
    authors,
    anchor: titleEl,
  };
}

/** One search result: `div.cl-paper-row` (S2's paper row component, also used by citation lists). */
const RESULT_ROW = 'div.cl-paper-row';
/** The result's title: the title link's heading, or the title link. */
const RESULT_TITLE = ['.cl-paper-title', 'a[data-test-id="title-link"]'];
/** The result's own links that may name its arXiv id: the title link and the row's full-text buttons. */
const RESULT_LINKS = 'a[data-test-id="title-link"], a[data-test-id="paper-link"], a.cl-paper-action__button';

function detectEntries(doc: Document, url: URL): ListedPaper[] {
  if (!isSearch(url)) return [];
  const out: ListedPaper[] = [];
  for (const row of doc.querySelectorAll(RESULT_ROW)) {
    let titleEl: Element | null = null;
    for (const selector of RESULT_TITLE) {
      titleEl = row.querySelector(selector);
      if (titleEl) break;
    }
    const ids = new Set<string>();
    for (const a of row.querySelectorAll(RESULT_LINKS)) {
      const id = arxivIdOf(a.getAttribute('href'), url);
      if (id) ids.add(id);
    }
    const title = elementText(titleEl);
    if (title === null && ids.size === 0) continue;
    out.push({
      arxivId: ids.size === 1 ? [...ids][0]! : null,
      openreviewId: null,
      title,
      anchor: titleEl ?? row,
      entry: row,
    });
  }
  return out;
}

/** The semanticscholar adapter's paper-page half (what the paper content script bundles). */
export const semanticscholarPaper: PaperSite = {
  id: 'semanticscholar',

  matches(url: URL): boolean {
    return paperId(url) !== null;
  },

  pageKind(url: URL): 'paper' | null {
    return paperId(url) ? 'paper' : null;
  },

  detectPaper,

  layoutHints(doc: Document): LayoutHints {
    return { protect: presentElements(doc, PROTECT), sideColumn: null };
  },

  paperMatches: ['https://www.semanticscholar.org/paper/*'],
};

/** The semanticscholar adapter's list-page half (what the lists content script bundles). */
export const semanticscholarLists: ListSite = {
  id: 'semanticscholar',
  // Two forms of one page: Chrome compares the path pattern with path + query ("/search?q=…" needs
  // "/search?*"), WXT's matcher and the pathname-only reading with the bare path ("/search").
  listMatches: ['https://www.semanticscholar.org/search', 'https://www.semanticscholar.org/search?*'],

  listKind(url: URL): 'search' | null {
    return isSearch(url) ? 'search' : null;
  },

  detectEntries,
};

/** The whole semanticscholar adapter (tests and the registry in ./index.ts). */
export const semanticscholar: SiteAdapter = /* @__PURE__ */ wholeAdapter(
  semanticscholarPaper,
  semanticscholarLists,
);
