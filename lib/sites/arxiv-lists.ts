/**
 * arXiv pages that list papers, for the lists content script (issue #5): listings (`/list/<archive or
 * category>/<new|recent|pastweek|YYMM|YYYY|YYYY-MM>`), catch-up pages (`/catchup/<category>/<YYYY-MM-DD>`, and
 * the legacy `/catchup?…` form), search results (`/search/?query=…`, `/search/<archive>?…`,
 * `/search/advanced?…`), and the bibliography of a LaTeXML HTML paper (`/html/<id>[vN]`).
 *
 * Selectors come from arxiv-browse's list templates (`browse/templates/list/list_macros.html`: one
 * `<dl id='articles'>` per section, each entry a `<dt>` with the id links and a `<dd>` with `div.list-title`),
 * arxiv-search's results template (`search/templates/search/base.html`: `ol.breathe-horizontal >
 * li.arxiv-result`, `p.list-title > a` then `p.title`) and LaTeXML's bibliography output
 * (`section.ltx_bibliography > ul.ltx_biblist > li.ltx_bibitem > span.ltx_bibblock`).
 *
 * Speed matters here: a listing can hold 2,000 entries (`?show=2000`) and the whole page is read before the
 * first chip is drawn, so each kind is one querySelectorAll pass plus a few scoped queries per entry, and
 * nothing reads layout.
 */

import { parseArxivId, parsePaperUrl } from '../paper-id';
import { cleanText, elementText } from './text';
import type { ListedPaper, ListKind } from './types';

/** Hosts that serve the same pages (www. and export. are mirrors of arxiv.org). */
const HOSTS: ReadonlySet<string> = new Set(['arxiv.org', 'www.arxiv.org', 'export.arxiv.org']);

/**
 * Match patterns of the lists content script. Chrome matches the path pattern against path + query, so
 * `/catchup*` covers both `/catchup/cs.CL/2023-12-04` and the legacy `/catchup?…`. `/html/*` is also a paper
 * page (the overlay runs there too); this script only marks its bibliography.
 */
export const LIST_MATCHES: readonly string[] = [...HOSTS].flatMap((host) => [
  `https://${host}/list/*`,
  `https://${host}/catchup*`,
  `https://${host}/search/*`,
  `https://${host}/html/*`,
]);

// An archive ("cs", "hep-th", "q-bio") with an optional subject class ("cs.CL", "astro-ph.CO",
// "physics.acc-ph"); arXiv's own ids are short, so the length is capped too.
const CATEGORY = /^[a-z]{1,8}(?:-[a-z]{2,6})?(?:\.[A-Za-z]{2,6}(?:-[a-z]{2,6})?)?$/;
// new | recent | pastweek | YYMM (or YYYY) | YYYY-MM.
const PERIOD = /^(?:new|recent|pastweek|\d{4}|\d{4}-\d{2})$/;
const CATCHUP_DATE = /^\d{4}-\d{2}-\d{2}$/;
// Query parameters that make /search/ a results page rather than the empty form.
const SEARCH_PARAMS = ['query', 'terms-0-term'];

/** The kind of arXiv list page `url` shows, or null. URL only, no DOM. */
export function listKindOf(url: URL): ListKind | null {
  // Same gate as the paper pages: https on an arXiv host, default port, no userinfo.
  if (url.protocol !== 'https:' || !HOSTS.has(url.hostname) || url.port !== '') return null;
  if (url.username !== '' || url.password !== '') return null;
  const segments = url.pathname.split('/').slice(1);
  // A trailing slash ("/list/cs.CL/new/") leaves an empty last segment.
  if (segments.length > 1 && segments[segments.length - 1] === '') segments.pop();
  const [section, a, b] = segments;
  if (section === 'list') {
    return segments.length === 3 && CATEGORY.test(a ?? '') && PERIOD.test(b ?? '') ? 'listing' : null;
  }
  if (section === 'catchup') {
    if (segments.length === 1) return url.search.length > 1 ? 'listing' : null;
    return segments.length === 3 && CATEGORY.test(a ?? '') && CATCHUP_DATE.test(b ?? '') ? 'listing' : null;
  }
  if (section === 'search') {
    // "/search/" (segments ['search', '']), "/search/cs", "/search/advanced"; never deeper.
    if (segments.length > 2) return null;
    if (a !== undefined && a !== '' && a !== 'advanced' && !CATEGORY.test(a)) return null;
    return SEARCH_PARAMS.some((p) => (url.searchParams.get(p) ?? '').trim() !== '') ? 'search' : null;
  }
  if (section === 'html') {
    const ref = parsePaperUrl(url);
    return ref?.kind === 'arxiv' ? 'references' : null;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------------
// Ids in links

// "/abs/<id>", "https://arxiv.org/abs/<id>", "//www.arxiv.org/pdf/<id>v2.pdf"; the id runs to the query,
// fragment or end. Links to other hosts are not ids of this site's papers.
const ID_HREF = /^(?:(?:https?:)?\/\/(?:www\.|export\.)?arxiv\.org)?\/(?:abs|pdf)\/([^?#]+)/i;

const FAST_ID_HREF = /^\/abs\/(\d{4}\.\d{4,5}(?:v\d+)?)$/;

/** The versionless arXiv id an href points to (relative or on an arXiv host), or null. */
export function arxivIdFromHref(href: string | null): string | null {
  if (!href || href.length > 300) return null;
  // Fast path for the listing's own links ("/abs/2312.00030"): on a 2,000-entry page, running before the
  // page's first frame, the general pattern and decoding below cost ~4x more.
  const fast = FAST_ID_HREF.exec(href);
  if (fast) return parseArxivId(fast[1]!)?.id ?? null;
  const m = ID_HREF.exec(href.trim());
  if (!m) return null;
  let raw = m[1]!.replace(/\/$/, '').replace(/\.pdf$/i, '');
  try {
    raw = decodeURIComponent(raw);
  } catch {
    return null;
  }
  return parseArxivId(raw)?.id ?? null;
}

// ---------------------------------------------------------------------------------------------------------
// Listings and catch-up pages

/**
 * Entry rows, as one selector list (one pass, document order, no duplicates):
 * - `dl#articles > dt`: the current template, one `dl#articles` per section (new, cross-lists, replacements;
 *   the id is repeated on the live site, so this is a selector, never getElementById);
 * - `#dlpage dl > dt`: the legacy (pre-2024) template and mirrors of it, a `dl` without an id in `div#dlpage`.
 */
const LISTING_ROWS = 'dl#articles > dt, #dlpage dl > dt';
/**
 * The abstract link in a `<dt>`: `a[title="Abstract"]` (both the 2024 template, where it is a direct child,
 * and the older one, where it sits in `span.list-identifier`), else any `/abs/` link.
 */
const LISTING_ID_LINK = 'a[title="Abstract"], a[href^="/abs/"]';
/** The title in the `<dd>`: `div.list-title` with a `span.descriptor` "Title:" label. */
const LISTING_TITLE = '.list-title';
const DESCRIPTOR = '.descriptor';

/** Elements whose text is not visible content (as in ./text.ts). */
const NOT_TEXT = 'script, style, noscript, template, annotation, annotation-xml';

/**
 * The text of a title element without its "Title:" label. textContent is native and ~10x faster than
 * elementText's walk, which matters at 2,000 entries (it runs before the page's first frame); elementText is
 * kept for the rare title that holds a script-like element (whose text is not visible content).
 */
function fastTitle(el: Element | null | undefined, descriptor: string | null): string | null {
  if (!el) return null;
  if (el.querySelector(NOT_TEXT)) return elementText(el, descriptor ? { skip: descriptor } : {});
  let text = el.textContent ?? '';
  const label = descriptor ? el.querySelector(descriptor)?.textContent : null;
  if (label) text = text.replace(label, '');
  return cleanText(text);
}
/**
 * A listing entry whose title is read from the page the first time it is asked for. A listing entry has an
 * arXiv id, and the lists script needs the title only when the id is not in the catalog (the exact-title
 * rule) or when the user opens a card: on a 2,000-entry page read at DOMContentLoaded, before the page's
 * first frame, titles nobody asks for are time taken from that frame. A class, so that 2,000 of them share
 * one shape (a getter defined per object made each one a slow dictionary object).
 */
class ListingEntry implements ListedPaper {
  readonly openreviewId = null;
  readonly parts?: readonly Element[];
  private read: Element | null | undefined;
  private titleText: string | null | undefined;

  constructor(
    readonly arxivId: string | null,
    readonly anchor: Element,
    readonly entry: Element,
    dd: Element | null,
  ) {
    if (dd) this.parts = [dd];
    this.read = dd;
  }

  get title(): string | null {
    if (this.titleText === undefined) {
      this.titleText = fastTitle(this.read?.querySelector(LISTING_TITLE), DESCRIPTOR);
      this.read = undefined;
    }
    return this.titleText;
  }
}

/** Entries of a listing or catch-up page, in page order. */
export function detectListing(doc: Document): ListedPaper[] {
  const out: ListedPaper[] = [];
  for (const dt of doc.querySelectorAll(LISTING_ROWS)) {
    const link = dt.querySelector(LISTING_ID_LINK);
    if (!link) continue;
    const next = dt.nextElementSibling;
    const dd = next && next.localName === 'dd' ? next : null;
    const id =
      arxivIdFromHref(link.getAttribute('href')) ?? parseArxivId(cleanText(link.textContent) ?? '')?.id;
    out.push(new ListingEntry(id ?? null, link, dt, dd));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Search results

/** One result: `ol.breathe-horizontal > li.arxiv-result` (the class alone is specific to arxiv-search). */
const SEARCH_ROWS = 'li.arxiv-result';
/** The id link ("arXiv:2306.00978") opens `p.list-title`, before the [pdf, other] links. */
const SEARCH_ID_LINK = 'p.list-title a[href*="/abs/"]';
/** The title paragraph (search hits are `span.search-hit` inside it: text, kept). */
const SEARCH_TITLE = 'p.title';

/** Entries of a search results page, in page order. */
export function detectSearch(doc: Document): ListedPaper[] {
  const out: ListedPaper[] = [];
  for (const li of doc.querySelectorAll(SEARCH_ROWS)) {
    const link = li.querySelector(SEARCH_ID_LINK);
    if (!link) continue;
    out.push({
      arxivId: arxivIdFromHref(link.getAttribute('href')),
      openreviewId: null,
      title: fastTitle(li.querySelector(SEARCH_TITLE), null),
      anchor: link,
      entry: li,
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Bibliography of an HTML paper

/** Bibliography entries: LaTeXML's `section.ltx_bibliography li.ltx_bibitem` (also ar5iv's markup). */
const BIB_ROWS = 'section.ltx_bibliography li.ltx_bibitem';
/** The reference label ("[12]", "Hu et al. (2021)"): a tag, not part of the reference text. */
const BIB_TAG = '.ltx_tag_bibitem, .ltx_tag';
/** The parts of a reference (natbib styles: authors, title, venue, URL; one block for other styles). */
const BIB_BLOCK = '.ltx_bibblock';
/** Links that may name the paper: arXiv abstract/PDF links, arXiv DOIs, OpenReview forums. */
const BIB_LINKS = 'a[href*="arxiv.org/"], a[href*="10.48550/"], a[href*="openreview.net/"]';

// "arXiv:2106.09685", "arXiv preprint arXiv:2106.09685", "ArXiv, abs/2106.09685", "CoRR abs/2106.09685",
// "arXiv 2106.09685v2": the id within 40 non-digit characters after the marker, so a year or page number in
// between stops the match rather than pairing the marker with an unrelated number further on.
const TEXT_NEW_ID = /(?:arxiv|corr|abs\/)[^0-9]{0,40}?(\d{4}\.\d{4,5}(?:v\d+)?)(?!\d)/i;
// The DOI arXiv mints for every paper: 10.48550/arXiv.2106.09685.
const DOI_ID = /10\.48550\/arxiv\.(\d{4}\.\d{4,5})(?!\d)/i;
// Old-style ids: "arXiv:hep-th/9711200", "arXiv preprint math.GT/0309136".
const TEXT_OLD_ID =
  /arxiv[^0-9a-z]{0,20}(?:preprint\s+)?(?:arxiv:\s*)?([a-z-]+(?:\.[a-z]{2})?\/\d{7}(?:v\d+)?)/i;
// A quoted title (IEEE, ACM and other styles that put the whole reference in one block).
const QUOTED = /[“"]([^”"]{12,400}?)[,.]?[”"]/;
// Sentence ends between reference parts: a period and space, except after an initial ("J. Smith").
const PART_END = /(?<!\b\p{Lu})\.\s+/u;
const TRAILING_PUNCT = /[\s.,;:]+$/;
// natbib puts the year after the title when a reference has no venue: "Adam: A method for …, 2017."
const TRAILING_YEAR = /,\s*(?:1[89]|20)\d{2}[a-z]?$/;
/** Most characters of a reference read for ids and titles (a reference is rarely over 600). */
const BIB_TEXT_MAX = 2_000;

/** The ids a reference names: links first (they are exact), then the text. */
function idsFromReference(
  li: Element,
  text: string,
): { arxivId: string | null; openreviewId: string | null } {
  let openreviewId: string | null = null;
  for (const a of li.querySelectorAll(BIB_LINKS)) {
    const href = a.getAttribute('href') ?? '';
    let arxivId: string | null = null;
    try {
      const ref = parsePaperUrl(new URL(href));
      if (ref?.kind === 'arxiv') arxivId = ref.id;
      else if (ref?.kind === 'openreview') openreviewId ??= ref.id;
    } catch {
      // Not an absolute URL: no paper link either.
    }
    arxivId ??= parseArxivId(DOI_ID.exec(href)?.[1] ?? '')?.id ?? null;
    if (arxivId) return { arxivId, openreviewId };
  }
  for (const pattern of [TEXT_NEW_ID, DOI_ID, TEXT_OLD_ID]) {
    const arxivId = parseArxivId(pattern.exec(text)?.[1] ?? '')?.id;
    if (arxivId) return { arxivId, openreviewId };
  }
  return { arxivId: null, openreviewId };
}

/** Trim the punctuation that ends a reference part; null when no words are left. */
function titleOf(raw: string | null | undefined): string | null {
  const text = cleanText(raw?.replace(TRAILING_PUNCT, '').replace(TRAILING_YEAR, ''));
  // A title has at least two words and is not a bare URL.
  if (!text || !/\s/.test(text) || /^(?:url\s+)?https?:/i.test(text)) return null;
  return text;
}

function titleFromReference(li: Element, text: string): string | null {
  const quoted = QUOTED.exec(text)?.[1];
  if (quoted) return titleOf(quoted);
  const blocks = li.querySelectorAll(BIB_BLOCK);
  // natbib (LaTeXML's usual output): authors, then the title, then the venue.
  if (blocks.length >= 2) return titleOf(elementText(blocks[1], { max: BIB_TEXT_MAX }));
  // One block: "Authors. Title. Venue, year." The second sentence is the title.
  const parts = text.split(PART_END);
  return parts.length >= 2 ? titleOf(parts[1]) : null;
}

/** Entries of an HTML paper's bibliography, in page order. */
export function detectReferences(doc: Document): ListedPaper[] {
  const out: ListedPaper[] = [];
  for (const li of doc.querySelectorAll(BIB_ROWS)) {
    const text = elementText(li, { skip: BIB_TAG, max: BIB_TEXT_MAX }) ?? '';
    const tag = li.querySelector(BIB_TAG);
    out.push({
      ...idsFromReference(li, text),
      title: titleFromReference(li, text),
      // The chip goes after the label ("[12]"), or first in the entry when there is none.
      anchor: tag ?? li,
      entry: li,
    });
  }
  return out;
}
