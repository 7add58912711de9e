import type { PaperRef } from '../paper-id';

/** What a site adapter found on a paper page. All text is plain (read through textContent), never markup. */
export interface DetectedPaper {
  /** From lib/paper-id.ts; null when only a title is known. */
  ref: PaperRef | null;
  /** Versionless arXiv id; also set for OpenReview forums whose note links an arXiv id (External IDs, etc.). */
  arxivId: string | null;
  openreviewId: string | null;
  /** Plain text, whitespace-collapsed, "Title:" descriptor dropped, at most MAX_TITLE_LENGTH characters. */
  title: string | null;
  /** Plain text, at most MAX_AUTHORS kept, in page order. */
  authors: string[];
  /** Where the overlay may anchor (e.g. the abstract page's title element); never used for text. */
  anchor: Element | null;
}

/** One supported site: a cheap URL gate, then detection on the page (Zotero translator shape). */
export interface SiteAdapter {
  readonly id: 'arxiv' | 'openreview';
  /** Cheap URL gate, no DOM. */
  matches(url: URL): boolean;
  /** The paper this page is about, or null (listing pages and non-paper pages give null here). */
  detectPaper(doc: Document, url: URL): DetectedPaper | null;
  /** Paper pages only: URL kinds, e.g. 'abs' | 'html' | 'pdf' | 'forum'. */
  pageKind(url: URL): string | null;
  /** Where the overlay must not go, and a side column it may sit under (see lib/overlay/placement.ts). */
  layoutHints(doc: Document, url: URL): LayoutHints;
}

/** Page regions for placing the overlay; elements that are missing on the page are simply left out. */
export interface LayoutHints {
  /** The title, authors, abstract and the page's own controls: the overlay never covers these. */
  protect: Element[];
  /** A narrow column of page controls with free space below it (arXiv's "Access Paper" box), if any. */
  sideColumn: Element | null;
}

/** The elements matching any of the selectors, in document order, without duplicates. */
export function presentElements(root: ParentNode, selectors: readonly string[]): Element[] {
  const seen = new Set<Element>();
  for (const selector of selectors) for (const el of root.querySelectorAll(selector)) seen.add(el);
  return [...seen];
}
