/**
 * arXiv adapter: abstract pages (`/abs/<id>[vN]`), LaTeXML HTML papers (`/html/<id>vN`) and PDF URLs
 * (`/pdf/<id>[vN]`) on arxiv.org, www.arxiv.org and export.arxiv.org.
 *
 * Order of trust (house rule 3, metadata before markup): the URL names the paper (it is where the browser
 * is, and arXiv serves every page from the server, so the body always matches it); `citation_*` metadata
 * and the canonical link cross-check it; layout selectors come last and are listed with the template they
 * come from (arxiv-browse `browse/templates/abs/abs.html`, `browse/services/html_processing/scaffold.py`;
 * see test/fixtures/README.md). Pages that list papers (listings, catch-up, search results, an HTML paper's
 * bibliography) are read by ./arxiv-lists.ts; ar5iv is its own adapter.
 */

import { type PaperRef, parseArxivId, parsePaperUrl } from '../paper-id';
import { detectListing, detectReferences, detectSearch, LIST_MATCHES, listKindOf } from './arxiv-lists';
import { canonicalUrl, documentTitle, metaContent, metaContents, metaProperty, resolveUrl } from './meta';
import { cleanAuthors, cleanText, elementText, MAX_ABSTRACT_LENGTH } from './text';
import {
  type DetectedPaper,
  type LayoutHints,
  type ListedPaper,
  type ListKind,
  type ListSite,
  type PaperSite,
  presentElements,
  type SiteAdapter,
  wholeAdapter,
} from './types';

type ArxivRef = Extract<PaperRef, { kind: 'arxiv' }>;
/** URL kinds of arXiv paper pages. */
export type ArxivPageKind = 'abs' | 'html' | 'pdf';

/** Hosts that serve the same abstract pages (www. and export. are mirrors of arxiv.org). */
const HOSTS: ReadonlySet<string> = new Set(['arxiv.org', 'www.arxiv.org', 'export.arxiv.org']);
/** Paper page sections we detect; /format/ and /src/ are downloads, /list/, /search/, /a/ are not papers. */
const SECTION = /^\/(abs|html|pdf)\//;

/** URL → page kind and the paper named by the URL; null for anything that is not a paper page we handle. */
function parseUrl(url: URL): { kind: ArxivPageKind; ref: ArxivRef } | null {
  // https only: content scripts are registered for https, and arXiv redirects http anyway. No port, no
  // userinfo: "https://arxiv.org@evil.com/" has hostname evil.com and fails the host check, and
  // "https://user@arxiv.org/" is not a URL arXiv ever links.
  if (url.protocol !== 'https:' || !HOSTS.has(url.hostname) || url.port !== '') return null;
  if (url.username !== '' || url.password !== '') return null;
  const section = SECTION.exec(url.pathname)?.[1] as ArxivPageKind | undefined;
  if (!section) return null;
  // parsePaperUrl validates the id (new and old style, vN, ".pdf", trailing slash) for every section.
  const ref = parsePaperUrl(url);
  return ref?.kind === 'arxiv' ? { kind: section, ref } : null;
}

/** Versionless id and version of an arXiv URL (any section), when it names the same paper as `id`. */
function versionFromUrl(href: URL | null, id: string): number | null {
  const ref = href ? parsePaperUrl(href) : null;
  return ref?.kind === 'arxiv' && ref.id === id ? ref.version : null;
}

// ---------------------------------------------------------------------------------------------------------
// Abstract page

/**
 * The abstract page's title element. Each variant holds `<span class="descriptor">Title:</span>` then the
 * TeX-converted title (which may contain `<a>` links to ids it mentions).
 */
const ABS_TITLE_SELECTORS = [
  // abs.html: #abs-outer .leftcolumn #abs > h1.title.mathjax (both header chromes, legacy and spinout).
  '#abs h1.title',
  // The same h1 if the #abs wrapper is ever renamed; `.mathjax` keeps it off other pages' h1.title.
  'h1.title.mathjax',
];
/** Descriptor labels inside the title/authors blocks ("Title:", "Authors:"): labels, not content. */
const DESCRIPTOR = '.descriptor';
/**
 * Author links on the abstract page (author_links.html): one `a[href*="searchtype=author"]` per author in
 * `div.authors`, including the ones folded into the hidden `#long-author-list`; the "et al." toggle is a
 * javascript: link without searchtype and is left out.
 */
const ABS_AUTHOR_SELECTORS = ['#abs div.authors a[href*="searchtype=author"]'];
// `<title>` is "[<requested id>] <title>"; the bracket is dropped only when it holds an arXiv id.
const TITLE_ID_PREFIX = /^\s*\[([^\]]{1,64})\]\s*/;

function firstMatch(root: ParentNode, selectors: readonly string[]): Element | null {
  for (const selector of selectors) {
    const el = root.querySelector(selector);
    if (el) return el;
  }
  return null;
}

/**
 * `citation_author` is "Last, First" (metatags.py); every other source we show (the abs page's links,
 * OpenReview) says "First Last". One comma is swapped; other forms ("Collaboration" alone, several commas)
 * are kept as they are.
 */
function displayAuthor(metaAuthor: string): string {
  const parts = metaAuthor.split(',');
  if (parts.length !== 2) return metaAuthor;
  const last = cleanText(parts[0]) ?? '';
  const first = cleanText(parts[1]) ?? '';
  return first === '' || last === '' ? metaAuthor : `${first} ${last}`;
}

/** `<title>` minus its "[id] " prefix; null when the bracketed id names another paper than `id`. */
function absDocumentTitle(doc: Document, id: string): string | null {
  const raw = documentTitle(doc);
  if (raw === null) return null;
  const m = TITLE_ID_PREFIX.exec(raw);
  if (!m) return raw;
  const bracketed = parseArxivId(m[1]!.trim());
  if (!bracketed) return raw;
  return bracketed.id === id ? raw.slice(m[0].length) : null;
}

function detectAbs(doc: Document, url: URL, ref: ArxivRef): DetectedPaper {
  const id = ref.id;
  // Cross-check the head against the URL. citation_arxiv_id is always versionless (metatags.py); the
  // canonical link is /abs/<id>. If either names another paper the head metadata is not about this page
  // (a stale or tampered head), so only the body and the URL are used: the URL wins.
  const metaId = parseArxivId(metaContent(doc, 'citation_arxiv_id')?.trim() ?? '')?.id ?? null;
  const canonical = canonicalUrl(doc, url);
  const canonicalRef = canonical ? parsePaperUrl(canonical) : null;
  const headAgrees =
    (metaId === null || metaId === id) &&
    (canonicalRef === null || (canonicalRef.kind === 'arxiv' && canonicalRef.id === id));

  // Version: the URL's when it has one (the user asked for that version); else og:url, which carries the
  // version shown (".../abs/<id>v2"), when the head agrees with the URL.
  const version =
    ref.version ?? (headAgrees ? versionFromUrl(resolveUrl(metaProperty(doc, 'og:url'), url), id) : null);

  const titleEl = firstMatch(doc, ABS_TITLE_SELECTORS);
  // The body's h1 first: it is converted from TeX ($\alpha$ -> α), while citation_title is the raw record.
  // Then og:title (also converted), <title> minus "[id] ", and the raw citation_title last.
  const title =
    elementText(titleEl, { skip: DESCRIPTOR }) ??
    (headAgrees ? cleanText(metaProperty(doc, 'og:title')) : null) ??
    cleanText(absDocumentTitle(doc, id)) ??
    (headAgrees ? cleanText(metaContent(doc, 'citation_title')) : null);

  // Authors: citation_author holds the full list (the body folds long lists), converted to "First Last";
  // the body's author links when the head is missing or disagrees.
  const metaAuthors = headAgrees ? cleanAuthors(metaContents(doc, 'citation_author').map(displayAuthor)) : [];
  const authors =
    metaAuthors.length > 0
      ? metaAuthors
      : cleanAuthors(
          Array.from(doc.querySelectorAll(ABS_AUTHOR_SELECTORS.join(', ')), (a) =>
            elementText(a, { skip: DESCRIPTOR }),
          ),
        );

  // citation_abstract (metatags.py) first; the abstract blockquote (abs.html) without its "Abstract:" label.
  const abstract =
    cleanText(metaContent(doc, 'citation_abstract'), MAX_ABSTRACT_LENGTH) ??
    elementText(doc.querySelector('#abs blockquote.abstract'), {
      skip: DESCRIPTOR,
      max: MAX_ABSTRACT_LENGTH,
    });

  return {
    ref: { kind: 'arxiv', id, version },
    arxivId: id,
    openreviewId: null,
    title,
    authors,
    abstract,
    anchor: titleEl,
  };
}

// ---------------------------------------------------------------------------------------------------------
// HTML (LaTeXML) paper

/** The paper title in LaTeXML output: article.ltx_document > h1.ltx_title.ltx_title_document. */
const HTML_TITLE_SELECTORS = ['h1.ltx_title_document'];
/**
 * Parts of the title/author markup that are not title/name text: footnotes and their marks (`.ltx_note`,
 * `sup`), author contact/affiliation blocks, and LaTeXML's hidden tags.
 */
const HTML_TITLE_SKIP = '.ltx_note, .ltx_note_mark, .ltx_tag';
const HTML_AUTHOR_SKIP =
  'sup, .ltx_note, .ltx_contact, .ltx_role_affiliation, .ltx_role_email, .ltx_role_address';
/** Author names: div.ltx_authors > span.ltx_creator.ltx_role_author > span.ltx_personname. */
const HTML_AUTHOR_SELECTORS = ['.ltx_authors .ltx_creator.ltx_role_author .ltx_personname'];
/**
 * Where else the page names its own id (scaffold.py), used to fill a version missing from the URL:
 * `<base href="/html/<id>vN/">`, the `#watermark-tr` stamp "arXiv:<id>vN [cat] <date>", and the header's
 * "Back to Abstract" link `a[href="/abs/<id>vN"]`.
 */
const HTML_BACK_LINK_SELECTORS = ['header.arxiv-html-header a[href^="/abs/"]'];
const WATERMARK_ID = /arXiv:(\S+)/;

function detectHtml(doc: Document, url: URL, ref: ArxivRef): DetectedPaper {
  const id = ref.id;
  let version = ref.version;
  if (version === null) {
    const base = doc.querySelector('base[href]')?.getAttribute('href');
    const watermark = doc.getElementById('watermark-tr')?.textContent ?? '';
    const watermarkRef = parseArxivId(WATERMARK_ID.exec(watermark.slice(0, 200))?.[1] ?? '');
    const back = firstMatch(doc, HTML_BACK_LINK_SELECTORS)?.getAttribute('href');
    version =
      versionFromUrl(resolveUrl(base, url), id) ??
      (watermarkRef?.id === id ? watermarkRef.version : null) ??
      versionFromUrl(resolveUrl(back, url), id);
  }
  const titleEl = firstMatch(doc, HTML_TITLE_SELECTORS);
  // LaTeXML copies the plain title into <title>; it is the fallback when the h1 is missing.
  const title = elementText(titleEl, { skip: HTML_TITLE_SKIP }) ?? cleanText(documentTitle(doc));
  const authors = cleanAuthors(
    Array.from(doc.querySelectorAll(HTML_AUTHOR_SELECTORS.join(', ')), (el) =>
      // A person's name ends at the first line break; affiliations follow it.
      elementText(el, { skip: HTML_AUTHOR_SKIP, stopAt: 'br' }),
    ),
  );
  // LaTeXML's abstract: div.ltx_abstract holds an h6.ltx_title "Abstract" and the paragraphs.
  const abstract = elementText(doc.querySelector('div.ltx_abstract'), {
    skip: 'h6.ltx_title, .ltx_title_abstract',
    max: MAX_ABSTRACT_LENGTH,
  });
  return {
    ref: { kind: 'arxiv', id, version },
    arxivId: id,
    openreviewId: null,
    title,
    authors,
    abstract,
    anchor: titleEl,
  };
}

// ---------------------------------------------------------------------------------------------------------

/** What the overlay must not cover on an abstract page (arxiv-browse abs.html). */
const ABS_PROTECT = [
  '#abs h1.title', // the title
  '#abs div.authors', // the author list
  '#abs blockquote.abstract', // the abstract
  '#abs div.dateline', // submission dates
  '#abs div.metatable', // comments, subjects, cite-as
  'div.extra-services', // "Access Paper", browse context, references & citations, bookmarks
];
/** The right-hand column of controls; below it the page is empty on the real two-column layout. */
const ABS_SIDE_COLUMN = 'div.extra-services';
/** What the overlay must not cover on a LaTeXML HTML paper (the whole article column and arXiv's header). */
const HTML_PROTECT = ['header.arxiv-html-header', 'article.ltx_document', 'div.ltx_page_main'];

/** The arxiv adapter's paper-page half (what the paper content script bundles). */
export const arxivPaper: PaperSite = {
  id: 'arxiv',

  matches(url: URL): boolean {
    return parseUrl(url) !== null;
  },

  pageKind(url: URL): ArxivPageKind | null {
    return parseUrl(url)?.kind ?? null;
  },

  detectPaper(doc: Document, url: URL): DetectedPaper | null {
    const parsed = parseUrl(url);
    if (!parsed) return null;
    const { kind, ref } = parsed;
    if (kind === 'abs') return detectAbs(doc, url, ref);
    if (kind === 'html') return detectHtml(doc, url, ref);
    // PDF: content scripts do not run in the browser's PDF viewer, so the URL is all there is.
    return { ref, arxivId: ref.id, openreviewId: null, title: null, authors: [], anchor: null };
  },

  layoutHints(doc: Document, url: URL): LayoutHints {
    const kind = parseUrl(url)?.kind;
    if (kind === 'abs') {
      return { protect: presentElements(doc, ABS_PROTECT), sideColumn: doc.querySelector(ABS_SIDE_COLUMN) };
    }
    if (kind === 'html') return { protect: presentElements(doc, HTML_PROTECT), sideColumn: null };
    return { protect: [], sideColumn: null };
  },

  paperMatches: [
    'https://arxiv.org/abs/*',
    'https://arxiv.org/html/*',
    'https://www.arxiv.org/abs/*',
    'https://www.arxiv.org/html/*',
    'https://export.arxiv.org/abs/*',
    'https://export.arxiv.org/html/*',
  ],
};

/** The arxiv adapter's list-page half (what the lists content script bundles). */
export const arxivLists: ListSite = {
  id: 'arxiv',
  listMatches: LIST_MATCHES,

  listKind(url: URL): ListKind | null {
    return listKindOf(url);
  },

  detectEntries(doc: Document, url: URL): ListedPaper[] {
    const kind = listKindOf(url);
    if (kind === 'listing') return detectListing(doc);
    if (kind === 'search') return detectSearch(doc);
    if (kind === 'references') return detectReferences(doc);
    return [];
  },
};

/** The whole arxiv adapter (tests and the registry in ./index.ts). */
export const arxiv: SiteAdapter = /* @__PURE__ */ wholeAdapter(arxivPaper, arxivLists);
