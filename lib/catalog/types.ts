import type { PaperRecord } from '../dataset/schema';
import type { LeafId } from '../taxonomy';

/**
 * The contract of the in-memory catalog index (implemented in lib/catalog/index.ts, used by the background,
 * the CLI and the benchmarks). It is built from PaperRecord[] (the bundled dataset, or the rows of the
 * IndexedDB catalog) and answers every lookup synchronously.
 */

/** How a paper was asked for: an arXiv id (versionless), an OpenReview forum id, or a title. */
export type PaperQuery =
  | { kind: 'arxiv'; id: string }
  | { kind: 'openreview'; id: string; title?: string; arxivId?: string }
  | { kind: 'title'; title: string };

export interface TitleMatch {
  record: PaperRecord;
  /** 1 for an exact normalised-title match, else the fuzzy similarity in (0, 1). */
  score: number;
  exact: boolean;
}

export interface LookupResult {
  record: PaperRecord;
  /** How the record was found: by id, by exact normalised title, or by fuzzy title (with its score). */
  matchedBy: 'arxiv-id' | 'openreview-id' | 'title-exact' | 'title-fuzzy';
  score: number;
}

export interface RelatedWork {
  record: PaperRecord;
  score: number;
  /** Short human reason, e.g. "same leaf: Quantization" or "shares terms: low-rank, adaptation". */
  reason: string;
  /** Leaves shared with the query paper, in survey order. */
  sharedLeaves: LeafId[];
}

export interface SearchHit {
  record: PaperRecord;
  score: number;
}

export interface CatalogIndexApi {
  readonly size: number;
  get(id: string): PaperRecord | undefined;
  byArxivId(arxivId: string): PaperRecord | undefined;
  byOpenReviewId(openreviewId: string): PaperRecord | undefined;
  /** Exact normalised title first, then fuzzy (case, punctuation, LaTeX, dashes, accents, small edits). */
  byTitle(title: string): TitleMatch | undefined;
  /** Resolve a query: id first, then (for OpenReview) its arXiv id and title. */
  lookup(query: PaperQuery): LookupResult | undefined;
  /** Papers in a leaf (or under an area/group id), newest first by default. */
  byLeaf(nodeId: string, options?: { sort?: 'year-desc' | 'year-asc' | 'title' }): PaperRecord[];
  /** Full-text search over titles (ranked, prefix-matching the last word). */
  search(query: string, options?: { limit?: number; leaf?: string }): SearchHit[];
  /** Related works for a paper in the catalog, self excluded, deterministic. */
  related(recordId: string, options?: { limit?: number }): RelatedWork[];
  /** Related works for a paper that is not in the catalog, from its title (and leaves if known). */
  relatedToTitle(title: string, options?: { limit?: number; leaves?: LeafId[] }): RelatedWork[];
  /** Number of papers per taxonomy node id (leaves, groups and areas; a paper counts once per node). */
  counts(): Record<string, number>;
}
