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
  /**
   * The abstract as plain text (at most MAX_ABSTRACT_LENGTH characters) when the page shows one; the classifier
   * reads it for papers outside the survey. Absent or null when the page has none.
   */
  abstract?: string | null;
  /** Where the overlay may anchor (e.g. the abstract page's title element); never used for text. */
  anchor: Element | null;
}

/** Every site an adapter exists (or is planned) for; an adapter file is `lib/sites/<id>.ts`. */
export type SiteId =
  | 'arxiv'
  | 'openreview'
  | 'huggingface'
  | 'alphaxiv'
  | 'ar5iv'
  | 'semanticscholar'
  | 'scholar';

/**
 * One paper entry on a page that lists papers (an arXiv listing or search result, a bibliography entry of an
 * arXiv HTML paper, a Scholar/Semantic Scholar result, a Hugging Face daily-papers card). Plain text only.
 */
export interface ListedPaper {
  /** Versionless arXiv id when the entry names one (link or text); null otherwise. */
  arxivId: string | null;
  /** OpenReview forum id when the entry links one. */
  openreviewId: string | null;
  /** Plain text title, whitespace-collapsed, at most MAX_TITLE_LENGTH characters; may end with an ellipsis. */
  title: string | null;
  /** The element the chip is inserted after (inside the entry, next to its title or id). */
  anchor: Element;
  /** The whole entry (used to hide/highlight it); contains `anchor`. */
  entry: Element;
  /**
   * Sibling elements that belong to the same entry and are hidden/highlighted with it, when the site splits
   * one entry over several elements (arXiv listings: a `<dt>` with the id, then a `<dd>` with the title).
   */
  parts?: readonly Element[];
}

/** Kinds of list pages, used for wording ("12 of 48 references …") and for the list controller's behaviour. */
export type ListKind = 'listing' | 'search' | 'references' | 'results' | 'daily';

/** One supported site: a cheap URL gate, then detection on the page (Zotero translator shape). */
export interface SiteAdapter {
  readonly id: SiteId;
  /** Cheap URL gate, no DOM. */
  matches(url: URL): boolean;
  /** The paper this page is about, or null (listing pages and non-paper pages give null here). */
  detectPaper(doc: Document, url: URL): DetectedPaper | null;
  /** Paper pages only: URL kinds, e.g. 'abs' | 'html' | 'pdf' | 'forum'. */
  pageKind(url: URL): string | null;
  /** Where the overlay must not go, and a side column it may sit under (see lib/overlay/placement.ts). */
  layoutHints(doc: Document, url: URL): LayoutHints;
  /** Match patterns of pages about one paper (the paper content script, entrypoints/papers.content). */
  readonly paperMatches: readonly string[];
  /** Match patterns of pages listing papers (the lists content script, entrypoints/lists.content). */
  readonly listMatches: readonly string[];
  /** The kind of list this URL shows, or null when it is not a list page this adapter annotates. No DOM. */
  listKind(url: URL): ListKind | null;
  /** The entries of a list page in document order ([] on other pages). Must stay fast on 2,000 entries. */
  detectEntries(doc: Document, url: URL): ListedPaper[];
}

/** The paper-page half of an adapter: all the paper content script needs (it bundles nothing else). */
export type PaperSite = Pick<
  SiteAdapter,
  'id' | 'matches' | 'pageKind' | 'detectPaper' | 'layoutHints' | 'paperMatches'
>;

/** The list-page half of an adapter: all the lists content script needs. */
export type ListSite = Pick<SiteAdapter, 'id' | 'listMatches' | 'listKind' | 'detectEntries'>;

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

/**
 * One adapter from its two halves. Called with a `@__PURE__` mark in each site module, so a bundle that uses
 * only one half (a content script) drops the other half's code with the unused whole.
 */
export function wholeAdapter(paper: PaperSite, lists: ListSite): SiteAdapter {
  return { ...paper, ...lists };
}
