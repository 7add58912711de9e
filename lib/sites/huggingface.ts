/**
 * Hugging Face papers: paper pages (`https://huggingface.co/papers/<arXiv id>`) and the daily-papers lists
 * (`/papers` for today, `/papers/date/YYYY-MM-DD`, `/papers/week/YYYY-Www`, `/papers/month/YYYY-MM`).
 *
 * The site's source is closed. The URL names the paper on a paper page (HF keys paper pages by arXiv id), so
 * it comes first; the head (`og:title` "Paper page - <title>", canonical link) is used only when its URL names
 * the same id; the `<h1>` and `span.author` come from the public page structure (see the fixture notes in
 * test/fixtures/pages/hf_papers_2306.00978.html). On list pages, each paper card links its paper page
 * (`/papers/<id>`) from a heading and from its thumbnail: one entry per id, titled by the heading link.
 */

import { parsePaperUrl } from '../paper-id';
import { onHost, pathSegments } from './gate';
import { canonicalUrl, documentTitle, metaProperty, resolveUrl } from './meta';
import { cleanAuthors, cleanText, elementText } from './text';
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

const HOSTS: ReadonlySet<string> = new Set(['huggingface.co']);
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const WEEK = /^\d{4}-W\d{2}$/;
const MONTH = /^\d{4}-\d{2}$/;
/** "Paper page - <title>" (og:title and <title>). */
const TITLE_PREFIX = /^\s*Paper page\s*[-–—]\s*/i;

/** The arXiv id of a paper page URL, or null (lists, /papers/trending, other hosts). */
function paperId(url: URL): string | null {
  if (!onHost(url, HOSTS)) return null;
  const segments = pathSegments(url);
  if (segments.length !== 2 || segments[0] !== 'papers') return null;
  const ref = parsePaperUrl(url);
  return ref?.kind === 'arxiv' ? ref.id : null;
}

/** 'daily' for the daily-papers lists (today, a date, a week, a month), else null. */
function dailyList(url: URL): ListKind | null {
  if (!onHost(url, HOSTS)) return null;
  const [section, sub, period, ...rest] = pathSegments(url);
  if (section !== 'papers' || rest.length > 0) return null;
  if (sub === undefined || sub === '') return 'daily';
  if (period === undefined) return null;
  if ((sub === 'date' && DATE.test(period)) || (sub === 'week' && WEEK.test(period))) return 'daily';
  return sub === 'month' && MONTH.test(period) ? 'daily' : null;
}

/** The paper title: `<h1>` of the paper header (the page has one h1). */
const TITLE_SELECTORS = ['main h1', 'h1'];
/** Author names: `span.author` in the header (each holds one name, maybe inside a profile link). */
const AUTHOR_SELECTOR = 'span.author';
/** What the overlay must not cover: the paper header (title, authors, links) and the abstract. */
const PROTECT = ['main section:first-of-type', 'main h1'];

function headAgrees(doc: Document, url: URL, id: string): boolean {
  for (const u of [canonicalUrl(doc, url), resolveUrl(metaProperty(doc, 'og:url'), url)]) {
    if (!u) continue;
    const ref = parsePaperUrl(u);
    if (ref?.kind !== 'arxiv' || ref.id !== id) return false;
  }
  return true;
}

function detectPaper(doc: Document, url: URL): DetectedPaper | null {
  const id = paperId(url);
  if (!id) return null;
  let titleEl: Element | null = null;
  for (const selector of TITLE_SELECTORS) {
    titleEl = doc.querySelector(selector);
    if (titleEl) break;
  }
  const trusted = headAgrees(doc, url, id);
  const headTitle = (raw: string | null) => (trusted ? cleanText(raw?.replace(TITLE_PREFIX, '')) : null);
  const title =
    elementText(titleEl) ?? headTitle(metaProperty(doc, 'og:title')) ?? headTitle(documentTitle(doc));
  return {
    ref: { kind: 'arxiv', id, version: null },
    arxivId: id,
    openreviewId: null,
    title,
    authors: cleanAuthors(Array.from(doc.querySelectorAll(AUTHOR_SELECTOR), (el) => elementText(el))),
    anchor: titleEl,
  };
}

/** Links to paper pages; the card is the nearest `article` (or list item) around them. */
const CARD_LINK = 'a[href*="/papers/"]';
const CARD = 'article, li';
/** A title link sits in a heading; the thumbnail link holds an image and no text. */
const HEADING = 'h1, h2, h3, h4';

function detectEntries(doc: Document, url: URL): ListedPaper[] {
  if (!dailyList(url)) return [];
  const byId = new Map<string, { entry: ListedPaper; titled: boolean }>();
  const order: string[] = [];
  for (const a of doc.querySelectorAll(CARD_LINK)) {
    const target = resolveUrl(a.getAttribute('href'), url);
    const id = target ? paperId(target) : null;
    if (!id) continue;
    const heading = a.closest(HEADING);
    const text = heading ? elementText(a) : null;
    const seen = byId.get(id);
    if (seen) {
      // A later heading link titles a card whose first link was its thumbnail.
      if (!seen.titled && text) {
        seen.entry.title = text;
        seen.entry.anchor = heading!;
        seen.titled = true;
      }
      continue;
    }
    const card = a.closest(CARD) ?? a.parentElement ?? a;
    byId.set(id, {
      entry: { arxivId: id, openreviewId: null, title: text, anchor: heading ?? a, entry: card },
      titled: text !== null,
    });
    order.push(id);
  }
  return order.map((id) => byId.get(id)!.entry);
}

/** The huggingface adapter's paper-page half (what the paper content script bundles). */
export const huggingfacePaper: PaperSite = {
  id: 'huggingface',

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

  // New-style arXiv ids start with 0, 1 or 2 (0704.0001 to 2xxx): these three patterns cover every paper page
  // and leave out /papers/date/…, /papers/trending and the rest of the section.
  paperMatches: [
    'https://huggingface.co/papers/0*',
    'https://huggingface.co/papers/1*',
    'https://huggingface.co/papers/2*',
  ],
};

/** The huggingface adapter's list-page half (what the lists content script bundles). */
export const huggingfaceLists: ListSite = {
  id: 'huggingface',
  // Chrome compares the path pattern with path + query: `/papers?*` is today's list with a query (`?date=`),
  // `/papers` the bare one (and the form WXT's pathname-only matcher compares).
  listMatches: [
    'https://huggingface.co/papers',
    'https://huggingface.co/papers/',
    'https://huggingface.co/papers?*',
    'https://huggingface.co/papers/date/*',
    'https://huggingface.co/papers/week/*',
    'https://huggingface.co/papers/month/*',
  ],

  listKind: dailyList,

  detectEntries,
};

/** The whole huggingface adapter (tests and the registry in ./index.ts). */
export const huggingface: SiteAdapter = /* @__PURE__ */ wholeAdapter(huggingfacePaper, huggingfaceLists);
