/**
 * ar5iv: arXiv papers rendered to HTML by LaTeXML, at `https://ar5iv.labs.arxiv.org/html/<id>` (and
 * `https://ar5iv.org/abs/<id>` / `/html/<id>`, which redirect there). A paper page, whose bibliography is
 * also a 'references' list (the same LaTeXML markup as arXiv's own HTML papers, read by
 * lib/sites/arxiv-lists.ts `detectReferences`).
 *
 * The URL names the paper; the title and authors come from LaTeXML's `h1.ltx_title_document` and
 * `.ltx_personname` (as on arXiv HTML pages), then `<title>`.
 */

import { parsePaperUrl } from '../paper-id';
import { detectReferences } from './arxiv-lists';
import { onHost, pathSegments } from './gate';
import { documentTitle } from './meta';
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

/** Host → the sections that show a paper there. */
const SECTIONS: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['ar5iv.labs.arxiv.org', new Set(['html'])],
  ['ar5iv.org', new Set(['abs', 'html'])],
]);
const HOSTS: ReadonlySet<string> = new Set(SECTIONS.keys());

/** The paper an ar5iv URL shows, or null. */
function parseUrl(url: URL): { id: string; version: number | null } | null {
  if (!onHost(url, HOSTS)) return null;
  const segments = pathSegments(url);
  // /html/<id>, or /html/<archive>/<number> for old-style ids (parsePaperUrl validates either).
  if (segments.length < 2 || segments.length > 3 || !SECTIONS.get(url.hostname)?.has(segments[0]!))
    return null;
  const ref = parsePaperUrl(url);
  return ref?.kind === 'arxiv' ? { id: ref.id, version: ref.version } : null;
}

/** LaTeXML: article.ltx_document > h1.ltx_title.ltx_title_document. */
const TITLE_SELECTORS = ['h1.ltx_title_document'];
/** Footnotes and their marks, and LaTeXML's hidden tags, are not title text. */
const TITLE_SKIP = '.ltx_note, .ltx_note_mark, .ltx_tag';
/** div.ltx_authors > span.ltx_creator.ltx_role_author > span.ltx_personname; affiliations follow a <br>. */
const AUTHOR_SELECTORS = ['.ltx_authors .ltx_creator.ltx_role_author .ltx_personname'];
const AUTHOR_SKIP = 'sup, .ltx_note, .ltx_contact, .ltx_role_affiliation, .ltx_role_email, .ltx_role_address';
/** ar5iv's `<title>` is "[<id>] <title>". */
const TITLE_ID_PREFIX = /^\s*\[[^\]]{1,64}\]\s*/;
/** The article column: the overlay never covers it. */
const PROTECT = ['article.ltx_document', 'div.ltx_page_main'];

function detectPaper(doc: Document, url: URL): DetectedPaper | null {
  const parsed = parseUrl(url);
  if (!parsed) return null;
  const titleEl = doc.querySelector(TITLE_SELECTORS.join(', '));
  const title =
    elementText(titleEl, { skip: TITLE_SKIP }) ?? cleanText(documentTitle(doc)?.replace(TITLE_ID_PREFIX, ''));
  const authors = cleanAuthors(
    Array.from(doc.querySelectorAll(AUTHOR_SELECTORS.join(', ')), (el) =>
      elementText(el, { skip: AUTHOR_SKIP, stopAt: 'br' }),
    ),
  );
  return {
    ref: { kind: 'arxiv', id: parsed.id, version: parsed.version },
    arxivId: parsed.id,
    openreviewId: null,
    title,
    authors,
    anchor: titleEl,
  };
}

/** ar5iv's paper pages, which are also its list pages (their bibliography). */
const PAGE_MATCHES = [
  'https://ar5iv.labs.arxiv.org/html/*',
  'https://ar5iv.org/abs/*',
  'https://ar5iv.org/html/*',
];

/** The ar5iv adapter's paper-page half (what the paper content script bundles). */
export const ar5ivPaper: PaperSite = {
  id: 'ar5iv',

  matches(url: URL): boolean {
    return parseUrl(url) !== null;
  },

  pageKind(url: URL): 'html' | null {
    return parseUrl(url) ? 'html' : null;
  },

  detectPaper,

  layoutHints(doc: Document): LayoutHints {
    return { protect: presentElements(doc, PROTECT), sideColumn: null };
  },

  paperMatches: PAGE_MATCHES,
};

/** The ar5iv adapter's list-page half (what the lists content script bundles). */
export const ar5ivLists: ListSite = {
  id: 'ar5iv',
  // The bibliography of the paper page.
  listMatches: PAGE_MATCHES,

  listKind(url: URL): 'references' | null {
    return parseUrl(url) ? 'references' : null;
  },

  detectEntries(doc: Document, url: URL): ListedPaper[] {
    return parseUrl(url) ? detectReferences(doc) : [];
  },
};

/** The whole ar5iv adapter (tests and the registry in ./index.ts). */
export const ar5iv: SiteAdapter = /* @__PURE__ */ wholeAdapter(ar5ivPaper, ar5ivLists);
