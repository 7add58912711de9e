import type { LibraryItem } from '../db/schema';
import { arxivAbsUrl, arxivIdDate, isArxivId, isOpenReviewId, openReviewForumUrl } from '../paper-id';

/**
 * Facts every export format derives the same way from a saved item, so BibTeX, CSL-JSON, RIS and Markdown
 * never disagree about a paper's kind, year or link.
 */

/** What an item is, for the entry type: an arXiv preprint, an OpenReview submission, or only a title and link. */
export type ItemKind = 'arxiv' | 'openreview' | 'other';

/** The item's kind; an id that is not valid (a hand-edited item) counts as absent. */
export function itemKind(item: Pick<LibraryItem, 'arxivId' | 'openreviewId'>): ItemKind {
  if (item.arxivId && isArxivId(item.arxivId)) return 'arxiv';
  if (item.openreviewId && isOpenReviewId(item.openreviewId)) return 'openreview';
  return 'other';
}

/** The stored year, else the year encoded in the arXiv id (the month of first submission), else null. */
export function itemYear(item: Pick<LibraryItem, 'year' | 'arxivId'>): number | null {
  if (item.year !== null) return item.year;
  return item.arxivId ? (arxivIdDate(item.arxivId)?.year ?? null) : null;
}

/** The canonical link: the arXiv abstract page, the OpenReview forum, else the stored URL. */
export function itemUrl(item: Pick<LibraryItem, 'arxivId' | 'openreviewId' | 'url'>): string {
  const kind = itemKind(item);
  if (kind === 'arxiv') return arxivAbsUrl(item.arxivId!);
  if (kind === 'openreview') return openReviewForumUrl(item.openreviewId!);
  return item.url;
}

/** The DataCite DOI arXiv assigns to every paper (https://info.arxiv.org/help/arxiv_doi.html). */
export function arxivDoi(arxivId: string): string {
  return `10.48550/arXiv.${arxivId}`;
}

/** The arXiv archive of an old-style id ("hep-th/9711200" -> "hep-th"); null for new-style ids. */
export function oldStyleArchive(arxivId: string): string | null {
  const slash = arxivId.indexOf('/');
  return slash === -1 ? null : arxivId.slice(0, slash);
}

/** Text on one line: control characters and runs of any whitespace (line breaks included) become one space. */
export function oneLine(text: string): string {
  return text
    .replace(/[\u0000-\u001F\u007F-\u009F\u2028\u2029]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
