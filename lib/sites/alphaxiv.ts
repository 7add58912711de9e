/**
 * alphaXiv: paper pages `https://www.alphaxiv.org/abs/<arXiv id>` and `/overview/<arXiv id>` (also on the bare
 * alphaxiv.org host), a discussion layer keyed by arXiv id.
 *
 * alphaXiv is a client-rendered app whose markup is not public (test/fixtures/pages/alphaxiv_2312.00678.html
 * is a loading shell). The URL names the paper, which is all detection needs; the title is read from the
 * head (`og:title` / `<title>`, "<title> | alphaXiv") when its canonical/og URL names the same paper, and from
 * a rendered `<h1>` when there is one. In-app navigation changes the URL without a reload, so nothing is
 * cached between calls.
 */

import { parsePaperUrl } from '../paper-id';
import { onHost, pathSegments } from './gate';
import { canonicalUrl, documentTitle, metaProperty, resolveUrl } from './meta';
import { cleanText, elementText } from './text';
import {
  type DetectedPaper,
  type LayoutHints,
  type ListSite,
  type PaperSite,
  presentElements,
  type SiteAdapter,
  wholeAdapter,
} from './types';

const HOSTS: ReadonlySet<string> = new Set(['www.alphaxiv.org', 'alphaxiv.org']);
const SECTIONS: ReadonlySet<string> = new Set(['abs', 'overview']);
/** "<title> | alphaXiv" (the app's <title> and og:title). */
const TITLE_SUFFIX = /\s*\|\s*alphaXiv\s*$/i;

/** Page kind and paper of an alphaXiv URL, or null. */
function parseUrl(url: URL): { kind: 'abs' | 'overview'; id: string; version: number | null } | null {
  if (!onHost(url, HOSTS)) return null;
  const segments = pathSegments(url);
  // /abs/<id>, or /abs/<archive>/<number> for old-style ids (parsePaperUrl validates either).
  if (segments.length < 2 || segments.length > 3 || !SECTIONS.has(segments[0]!)) return null;
  const ref = parsePaperUrl(url);
  return ref?.kind === 'arxiv'
    ? { kind: segments[0] as 'abs' | 'overview', id: ref.id, version: ref.version }
    : null;
}

/** The head describes this paper unless its canonical or og:url names another. */
function headAgrees(doc: Document, url: URL, id: string): boolean {
  for (const u of [canonicalUrl(doc, url), resolveUrl(metaProperty(doc, 'og:url'), url)]) {
    if (!u) continue;
    const ref = parsePaperUrl(u);
    if (ref?.kind !== 'arxiv' || ref.id !== id) return false;
  }
  return true;
}

/** A generic app title ("alphaXiv", "Loading…") is not a paper title. */
function headTitle(raw: string | null): string | null {
  if (raw === null || !TITLE_SUFFIX.test(raw)) return null;
  return cleanText(raw.replace(TITLE_SUFFIX, ''));
}

/** The rendered paper title, when the app has rendered one. */
const TITLE_SELECTORS = ['main h1', 'h1'];
/** The rendered paper view (title, abstract, PDF); the overlay stays off it. */
const PROTECT = ['main h1', 'main article'];

/** The alphaxiv adapter's paper-page half (what the paper content script bundles). */
export const alphaxivPaper: PaperSite = {
  id: 'alphaxiv',

  matches(url: URL): boolean {
    return parseUrl(url) !== null;
  },

  pageKind(url: URL): 'abs' | 'overview' | null {
    return parseUrl(url)?.kind ?? null;
  },

  detectPaper(doc: Document, url: URL): DetectedPaper | null {
    const parsed = parseUrl(url);
    if (!parsed) return null;
    const { id, version } = parsed;
    let titleEl: Element | null = null;
    for (const selector of TITLE_SELECTORS) {
      titleEl = doc.querySelector(selector);
      if (titleEl) break;
    }
    const trusted = headAgrees(doc, url, id);
    const title =
      elementText(titleEl) ??
      (trusted ? (headTitle(metaProperty(doc, 'og:title')) ?? headTitle(documentTitle(doc))) : null);
    return {
      ref: { kind: 'arxiv', id, version },
      arxivId: id,
      openreviewId: null,
      title,
      authors: [],
      anchor: titleEl,
    };
  },

  layoutHints(doc: Document): LayoutHints {
    return { protect: presentElements(doc, PROTECT), sideColumn: null };
  },

  paperMatches: [
    'https://www.alphaxiv.org/abs/*',
    'https://www.alphaxiv.org/overview/*',
    'https://alphaxiv.org/abs/*',
    'https://alphaxiv.org/overview/*',
  ],
};

/** The alphaxiv adapter's list-page half (what the lists content script bundles). */
export const alphaxivLists: ListSite = {
  id: 'alphaxiv',
  // alphaXiv's feeds are not annotated: its paper pages are where a paper is read.
  listMatches: [],

  listKind(): null {
    return null;
  },

  detectEntries(): [] {
    return [];
  },
};

/** The whole alphaxiv adapter (tests and the registry in ./index.ts). */
export const alphaxiv: SiteAdapter = /* @__PURE__ */ wholeAdapter(alphaxivPaper, alphaxivLists);
