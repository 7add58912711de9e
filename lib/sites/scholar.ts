/**
 * Google Scholar result pages (`https://scholar.google.com/scholar?q=…`, also `?cites=…` and `?cluster=…`):
 * a 'results' list. Scholar has no page about one paper, so this adapter has no paper pages.
 *
 * Hosts: scholar.google.com, plus the country domains Scholar serves users who reach it from a country
 * Google site (scholar.google.de, .co.uk, …). Match patterns cannot wildcard a TLD, so the common ones are
 * listed; each is one exact host with the one `/scholar?` path, nothing else on Google's domains.
 *
 * Markup (Scholar's result template, stable for years and used by every Scholar scraper): each result is
 * `div.gs_r.gs_or.gs_scl`; its title is `h3.gs_rt`, a link to the paper (`h3.gs_rt > a`) or plain text for a
 * [CITATION] entry; the type badges [PDF], [HTML], [BOOK], [CITATION] sit in `span.gs_ctc`/`span.gs_ctu` inside
 * the h3; the full-text link beside the result is `div.gs_ggs a` (often arxiv.org/pdf/<id>). Long titles are
 * cut with "…" by Scholar itself; matchTitles matches those by prefix.
 */

import { type PaperRef, parsePaperUrl } from '../paper-id';
import { onHost, pathSegments } from './gate';
import { resolveUrl } from './meta';
import { cleanText, elementText } from './text';
import type { LayoutHints, ListedPaper, ListSite, PaperSite, SiteAdapter } from './types';
import { wholeAdapter } from './types';

/** scholar.google.com and the country domains Scholar redirects to most often. */
export const SCHOLAR_HOSTS: readonly string[] = [
  'scholar.google.com',
  'scholar.google.co.uk',
  'scholar.google.de',
  'scholar.google.fr',
  'scholar.google.ca',
  'scholar.google.com.au',
  'scholar.google.co.jp',
  'scholar.google.co.in',
  'scholar.google.es',
  'scholar.google.it',
  'scholar.google.nl',
  'scholar.google.ch',
  'scholar.google.com.br',
  'scholar.google.com.hk',
  'scholar.google.co.kr',
];
const HOSTS: ReadonlySet<string> = new Set(SCHOLAR_HOSTS);
/** Query parameters that make /scholar a results page (a search, "Cited by", "All versions"). */
const RESULT_PARAMS = ['q', 'cites', 'cluster'];

function isResults(url: URL): boolean {
  if (!onHost(url, HOSTS)) return false;
  const segments = pathSegments(url);
  if (segments.length !== 1 || segments[0] !== 'scholar') return false;
  return RESULT_PARAMS.some((p) => (url.searchParams.get(p) ?? '').trim() !== '');
}

/** One result. */
const RESULT = 'div.gs_r.gs_or.gs_scl';
/** Its title heading. */
const TITLE = 'h3.gs_rt';
/** Type badges inside the title: [PDF], [HTML], [BOOK], [CITATION] (and their short [C] twins). */
const BADGES = '.gs_ctc, .gs_ctu, .gs_ct1, .gs_ct2';
/** A badge left in the text (markup variants we have not seen): "[PDF] Title". */
const BADGE_TEXT = /^(?:\s*\[(?:PDF|HTML|BOOK|B|CITATION|C|DOC|PS)\]\s*)+/i;
/**
 * Links that name the result's own paper: the title link and the full-text link beside the result (not the
 * footer's Cited by / versions links, nor links inside the snippet).
 */
const OWN_LINKS = 'h3.gs_rt a[href], div.gs_ggs a[href]';

/** The paper a link names (arXiv abs/pdf, arXiv DOI, OpenReview forum), or null. */
function paperRefOf(href: string | null, base: URL): PaperRef | null {
  const u = resolveUrl(href, base);
  return u ? parsePaperUrl(u) : null;
}

function detectEntries(doc: Document, url: URL): ListedPaper[] {
  if (!isResults(url)) return [];
  const out: ListedPaper[] = [];
  for (const result of doc.querySelectorAll(RESULT)) {
    const heading = result.querySelector(TITLE);
    if (!heading) continue;
    const title = cleanText(elementText(heading, { skip: BADGES })?.replace(BADGE_TEXT, ''));
    const arxivIds = new Set<string>();
    const openreviewIds = new Set<string>();
    for (const a of result.querySelectorAll(OWN_LINKS)) {
      const ref = paperRefOf(a.getAttribute('href'), url);
      if (ref?.kind === 'arxiv') arxivIds.add(ref.id);
      else if (ref?.kind === 'openreview') openreviewIds.add(ref.id);
    }
    // Two different ids for one result: neither can be trusted to be the result's own.
    out.push({
      arxivId: arxivIds.size === 1 ? [...arxivIds][0]! : null,
      openreviewId: openreviewIds.size === 1 ? [...openreviewIds][0]! : null,
      title,
      anchor: heading,
      entry: result,
    });
  }
  return out;
}

/** The Google Scholar adapter's paper-page half: empty (Scholar has result lists only, no paper pages). */
export const scholarPaper: PaperSite = {
  id: 'scholar',

  /** Scholar has no page about one paper: the paper gate never opens. */
  matches(): boolean {
    return false;
  },

  pageKind(): null {
    return null;
  },

  detectPaper(): null {
    return null;
  },

  layoutHints(): LayoutHints {
    return { protect: [], sideColumn: null };
  },

  paperMatches: [],
};

/** The scholar adapter's list-page half (what the lists content script bundles). */
export const scholarLists: ListSite = {
  id: 'scholar',
  // Two forms of one page: Chrome compares the path pattern with path + query ("/scholar?q=…" needs
  // "/scholar?*"), WXT's matcher and the pathname-only reading with the bare path ("/scholar").
  listMatches: SCHOLAR_HOSTS.flatMap((host) => [`https://${host}/scholar`, `https://${host}/scholar?*`]),

  listKind(url: URL): 'results' | null {
    return isResults(url) ? 'results' : null;
  },

  detectEntries,
};

/** The whole scholar adapter (tests and the registry in ./index.ts). */
export const scholar: SiteAdapter = /* @__PURE__ */ wholeAdapter(scholarPaper, scholarLists);
