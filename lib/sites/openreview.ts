/**
 * OpenReview adapter: forum pages (`https://openreview.net/forum?id=<id>`) and their PDF URLs
 * (`/pdf?id=<id>`).
 *
 * OpenReview is a client-rendered Next.js app, which shapes everything here:
 * - The forum id comes from the CURRENT URL's query on every call: in-app navigation changes the URL
 *   without a reload, so nothing may be cached from an earlier page.
 * - While the new note has not rendered, or the DOM still shows the previous forum, detection returns null
 *   (never a wrong paper). The rendered main note is checked against the URL's id through the links that
 *   carry its id (`/pdf?id=`, `/revisions?id=`, attachments, the BibTeX `url=`).
 * - `citation_*` meta may be left over from the previous forum. They are used only when they are shown to
 *   be current: `citation_pdf_url` names this forum's id, or `citation_title` agrees with the rendered title,
 *   or nothing else is there to read.
 *
 * Markers come from openreview-web (`app/forum/page.js` generateMetadata, `components/forum/ForumNote.js`
 * for API-v2 notes, `LegacyForum.js` for API-v1 notes, `components/NoteContent.js`); see
 * test/fixtures/README.md.
 */

import { isOpenReviewId, parseArxivId, parsePaperUrl } from '../paper-id';
import { normalizeTitle } from '../text/title';
import { documentTitle, metaContent, metaContents, metaProperty, resolveUrl } from './meta';
import { cleanAuthors, cleanText, elementText, MAX_ABSTRACT_LENGTH } from './text';
import {
  type DetectedPaper,
  type LayoutHints,
  type ListSite,
  type PaperSite,
  presentElements,
  type SiteAdapter,
  wholeAdapter,
} from './types';

/** URL kinds of OpenReview paper pages. */
export type OpenReviewPageKind = 'forum' | 'pdf';

const HOST = 'openreview.net';

/** URL → page kind and forum id; null for anything else (/group, /profile, /revisions, other hosts...). */
function parseUrl(url: URL): { kind: OpenReviewPageKind; id: string } | null {
  // https only (openreview.net is HSTS-preloaded, http never loads), exact host, no port or userinfo.
  if (url.protocol !== 'https:' || url.hostname !== HOST || url.port !== '') return null;
  if (url.username !== '' || url.password !== '') return null;
  const ref = parsePaperUrl(url); // /forum or /pdf (trailing slash tolerated) with a valid ?id=
  if (ref?.kind !== 'openreview') return null;
  const kind: OpenReviewPageKind = url.pathname.startsWith('/pdf') ? 'pdf' : 'forum';
  return { kind, id: ref.id };
}

// ---------------------------------------------------------------------------------------------------------
// Selectors (each one with the component it comes from)

/** The forum's main note (the paper), never a reply. */
const MAIN_NOTE_SELECTORS = [
  // API-v2 notes (ForumNote.js): main#content div.forum-container > div.forum-note. Replies live in
  // #forum-replies, outside .forum-container's direct children.
  '.forum-container > .forum-note',
  // API-v1 notes (LegacyForum.js): div.forum-container > div.note; replies are under #note_children.
  '.forum-container > .note',
];

/** The paper title inside the main note. */
const TITLE_SELECTORS = [
  // API-v2: div.forum-title > h2.citation_title (the PDF link is a sibling, in div.forum-content-link).
  '.forum-title > h2.citation_title',
  // API-v1: div.title_pdf_row > h2.note_content_title.citation_title; the PDF/HTML <a>s are INSIDE the h2.
  '.title_pdf_row > h2.note_content_title',
];
/** Inside the v1 h2, the PDF/website links (icons) are not title text. */
const TITLE_SKIP = 'a';

/** Author containers inside the main note. */
const AUTHOR_CONTAINER_SELECTORS = [
  // API-v2: div.forum-authors > h3 (NoteAuthorsV2).
  '.forum-authors h3',
  // API-v1: div.meta_row > h3.signatures.author (NoteAuthors).
  'h3.signatures.author',
];
/** Profile links, one per author with an OpenReview profile (NoteAuthors renders `/profile?id=~Name1`). */
const AUTHOR_LINK = 'a[href*="/profile?"]';
/** Per-author spans when no profile links are rendered (NoteAuthorsV2 without profile ids). */
const AUTHOR_SPAN = ':scope > span > span';
/** Institution/affiliation annotations sometimes rendered beside names (showAuthorInstitutions). */
const AUTHOR_SKIP = '.institution, .author-institutions, sup';

/** Note content rows: `.note-content > div` (v2, current v1) or `li` (older v1) with a field label. */
const CONTENT_ROWS = '.note-content > div, .note-content > li';
const CONTENT_FIELD = 'strong.note-content-field';
const CONTENT_VALUE = '.note-content-value';
/** Attachment links carry the main note's id (DownloadLink in NoteContent.js); other value links do not. */
const ATTACHMENT_LINK = 'a.attachment-download-link';

/** Paths whose `?id=` is the note's own id when linked from the note's header/meta rows. */
const ID_MARKER_PATHS: ReadonlySet<string> = new Set(['/pdf', '/revisions', '/attachment']);
const PDF_PATH: ReadonlySet<string> = new Set(['/pdf']);
/** The BibTeX button's data-bibtex (URI-encoded) holds `url={https://openreview.net/forum?id=<id>}`. */
const BIBTEX_FORUM_ID = /openreview\.net\/forum\?id=([A-Za-z0-9_-]{6,40})/;

const ARXIV_HOSTS: ReadonlySet<string> = new Set(['arxiv.org', 'www.arxiv.org', 'export.arxiv.org']);
/** Free-text fields whose links are citations of other work, not the paper's own preprint. */
const PROSE_LABEL = /^\s*(?:abstract|tl;?\s*dr|summary|keywords)\b/i;
const EXTERNAL_IDS_LABEL = /^\s*external\s*ids?\s*:?\s*$/i;
const ARXIV_EXTERNAL_ID = /arxiv\s*:\s*([^\s,;]+)/gi;
const ARXIV_URL_TEXT = /arxiv\.org\/(?:abs|pdf)\/([^\s,;()"'<>]+)/gi;
const TITLE_SUFFIX = / \| OpenReview\s*$/;

function firstMatch(root: ParentNode, selectors: readonly string[]): Element | null {
  for (const selector of selectors) {
    const el = root.querySelector(selector);
    if (el) return el;
  }
  return null;
}

/** The id in an OpenReview `?id=` URL on openreview.net (relative hrefs resolved against the page). */
function openReviewIdOf(href: string | null, base: URL, paths: ReadonlySet<string>): string | null {
  const u = resolveUrl(href, base);
  if (!u || u.hostname !== HOST || !paths.has(u.pathname.replace(/\/+$/, ''))) return null;
  const id = u.searchParams.get('id');
  return id !== null && isOpenReviewId(id) ? id : null;
}

/**
 * The forum ids the rendered main note names for itself: its PDF, revisions and attachment links and its
 * BibTeX `url=`. Links inside content values are skipped (the autolinker turns any pasted openreview.net
 * URL in an abstract into `/pdf?id=<other>`), except attachment links, which only DownloadLink renders.
 */
function noteIdMarkers(note: Element, base: URL): Set<string> {
  const ids = new Set<string>();
  for (const a of note.querySelectorAll('a[href]')) {
    if (a.closest(CONTENT_VALUE) && !a.matches(ATTACHMENT_LINK)) continue;
    const id = openReviewIdOf(a.getAttribute('href'), base, ID_MARKER_PATHS);
    if (id) ids.add(id);
  }
  for (const el of note.querySelectorAll('[data-bibtex]')) {
    let bibtex = (el.getAttribute('data-bibtex') ?? '').slice(0, 20_000);
    try {
      bibtex = decodeURIComponent(bibtex);
    } catch {
      // Malformed percent-encoding: search the raw value.
    }
    const id = BIBTEX_FORUM_ID.exec(bibtex)?.[1];
    if (id) ids.add(id);
  }
  return ids;
}

/** Versionless arXiv ids from arxiv.org links and "arxiv.org/abs/..." text in an element. */
function arxivIdsInLinks(el: Element, base: URL, into: Set<string>): void {
  for (const a of el.querySelectorAll('a[href]')) {
    const u = resolveUrl(a.getAttribute('href'), base);
    if (!u || !ARXIV_HOSTS.has(u.hostname)) continue;
    const ref = parsePaperUrl(u);
    if (ref?.kind === 'arxiv') into.add(ref.id);
  }
  // Before the client autolinks values (NoteContentValue's effect), URLs are plain text.
  const text = (el.textContent ?? '').slice(0, 100_000);
  for (const m of text.matchAll(ARXIV_URL_TEXT)) {
    const parsed = parseArxivId(m[1]!.replace(/\.pdf$/, ''));
    if (parsed) into.add(parsed.id);
  }
}

/**
 * The arXiv id the main note links, or null. In order of trust:
 * 1. an "External IDs" row (`arxiv:<id>`);
 * 2. arxiv.org links (or URL text) in the other content rows, e.g. "arXiv", "Code and preprint": a link
 *    there names the paper's own preprint. Prose rows (Abstract, TL;DR, Summary, Keywords) are skipped:
 *    an abstract may cite other papers.
 * Each tier counts only when all its ids name ONE paper. Replies are outside the main note, never read.
 */
function linkedArxivId(note: Element, base: URL): string | null {
  const external = new Set<string>();
  const linked = new Set<string>();
  for (const row of note.querySelectorAll(CONTENT_ROWS)) {
    const label = row.querySelector(CONTENT_FIELD)?.textContent ?? '';
    const value = row.querySelector(CONTENT_VALUE);
    if (!value) continue;
    if (EXTERNAL_IDS_LABEL.test(label)) {
      for (const m of (value.textContent ?? '').slice(0, 10_000).matchAll(ARXIV_EXTERNAL_ID)) {
        const parsed = parseArxivId(m[1]!);
        if (parsed) external.add(parsed.id);
      }
    }
    if (!PROSE_LABEL.test(label)) arxivIdsInLinks(value, base, linked);
  }
  const pick = external.size > 0 ? external : linked;
  return pick.size === 1 ? [...pick][0]! : null;
}

/** The author names rendered in the main note (profile links, else per-author spans, else split text). */
function domAuthors(note: Element): string[] {
  const container = firstMatch(note, AUTHOR_CONTAINER_SELECTORS);
  if (!container) return [];
  const links = container.querySelectorAll(AUTHOR_LINK);
  if (links.length > 0) return cleanAuthors(Array.from(links, (a) => elementText(a, { skip: AUTHOR_SKIP })));
  const spans = container.querySelectorAll(AUTHOR_SPAN);
  if (spans.length > 0) return cleanAuthors(Array.from(spans, (s) => elementText(s, { skip: AUTHOR_SKIP })));
  const text = elementText(container, { skip: AUTHOR_SKIP, max: 20_000 }) ?? '';
  return cleanAuthors(text.split(','));
}

/** og:title, unless it is the site's generic one. */
function ogTitle(doc: Document): string | null {
  const title = cleanText(metaProperty(doc, 'og:title'));
  return title !== null && title.toLowerCase() !== 'openreview' ? title : null;
}

/** Two titles name the same paper (case, accents, punctuation, TeX markup ignored). */
function sameTitle(a: string | null, b: string | null): boolean {
  if (a === null || b === null) return false;
  const ka = normalizeTitle(a);
  return ka !== '' && ka === normalizeTitle(b);
}

// ---------------------------------------------------------------------------------------------------------

function detectForum(doc: Document, url: URL, id: string): DetectedPaper | null {
  const note = firstMatch(doc, MAIN_NOTE_SELECTORS);
  // Not rendered yet (first paint, loading state of an in-app navigation): nothing to report.
  if (!note) return null;
  const markers = noteIdMarkers(note, url);
  // The DOM still shows another forum (the URL changed first): report nothing rather than a wrong paper.
  if (markers.size > 0 && !markers.has(id)) return null;

  const titleEl = firstMatch(note, TITLE_SELECTORS);
  const domTitle = elementText(titleEl, { skip: TITLE_SKIP });

  // Is the head about this forum? citation_pdf_url ("https://openreview.net/pdf?id=<id>") says which
  // forum the meta tags were generated for.
  const pdfMetaId = openReviewIdOf(metaContent(doc, 'citation_pdf_url'), url, PDF_PATH);
  const headState = pdfMetaId === null ? 'unknown' : pdfMetaId === id ? 'current' : 'stale';
  const metaTitle = headState === 'stale' ? null : cleanText(metaContent(doc, 'citation_title'));
  // generateMetadata titles forum pages "<title> | OpenReview"; without the suffix <title> is the app's
  // generic one (e.g. "OpenReview" while loading), not a paper title.
  const rawDocTitle = headState === 'stale' ? null : documentTitle(doc);
  const docTitle =
    rawDocTitle !== null && TITLE_SUFFIX.test(rawDocTitle)
      ? cleanText(rawDocTitle.replace(TITLE_SUFFIX, ''))
      : null;

  // citation_title is the clean value (no MathJax, no link icons), so it comes first when it is shown to
  // describe this forum: its pdf URL names this id, or it agrees with the rendered title, or there is no
  // rendered title and it agrees with <title> (or there is no <title> either: nothing else to go on).
  const metaTrusted =
    metaTitle !== null &&
    (headState === 'current' ||
      sameTitle(metaTitle, domTitle) ||
      (domTitle === null && (docTitle === null || sameTitle(metaTitle, docTitle))));

  // og:title is cut at 70 characters by generateMetadata, so it is the last resort.
  const title =
    (metaTrusted ? metaTitle : null) ?? domTitle ?? docTitle ?? (headState === 'stale' ? null : ogTitle(doc));

  const metaAuthors = metaTrusted ? cleanAuthors(metaContents(doc, 'citation_author')) : [];
  const authors = metaAuthors.length > 0 ? metaAuthors : domAuthors(note);

  // Only from metadata that belongs to this forum (a stale head after in-app navigation names another note).
  const abstract = metaTrusted ? cleanText(metaContent(doc, 'citation_abstract'), MAX_ABSTRACT_LENGTH) : null;

  return {
    ref: { kind: 'openreview', id },
    arxivId: linkedArxivId(note, url),
    openreviewId: id,
    title,
    authors,
    abstract,
    anchor: titleEl ?? note,
  };
}

/**
 * What the overlay must not cover on a forum page: the venue banner and the forum column (title, authors,
 * PDF link, note content and the reply controls below it).
 */
const FORUM_PROTECT = ['#or-banner', 'div.forum-container'];

/** The openreview adapter's paper-page half (what the paper content script bundles). */
export const openreviewPaper: PaperSite = {
  id: 'openreview',

  matches(url: URL): boolean {
    return parseUrl(url) !== null;
  },

  pageKind(url: URL): OpenReviewPageKind | null {
    return parseUrl(url)?.kind ?? null;
  },

  detectPaper(doc: Document, url: URL): DetectedPaper | null {
    const parsed = parseUrl(url);
    if (!parsed) return null;
    if (parsed.kind === 'pdf') {
      // The PDF opens in the browser's viewer, where content scripts do not run: the URL is all there is.
      return {
        ref: { kind: 'openreview', id: parsed.id },
        arxivId: null,
        openreviewId: parsed.id,
        title: null,
        authors: [],
        anchor: null,
      };
    }
    return detectForum(doc, url, parsed.id);
  },

  layoutHints(doc: Document): LayoutHints {
    return { protect: presentElements(doc, FORUM_PROTECT), sideColumn: null };
  },

  // Chrome matches the path pattern against path + query, so `/forum*` covers `/forum?id=...`.
  paperMatches: ['https://openreview.net/forum*'],
};

/** The openreview adapter's list-page half (what the lists content script bundles). */
export const openreviewLists: ListSite = {
  id: 'openreview',
  // OpenReview venue/group lists are not annotated (yet): the forum is where a paper is read.
  listMatches: [],

  listKind(): null {
    return null;
  },

  detectEntries(): [] {
    return [];
  },
};

/** The whole openreview adapter (tests and the registry in ./index.ts). */
export const openreview: SiteAdapter = /* @__PURE__ */ wholeAdapter(openreviewPaper, openreviewLists);
