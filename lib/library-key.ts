import { normalizeTitle } from './text/title';

/**
 * The library key of a paper: its arXiv id when it has one, else its OpenReview forum id, else its normalised
 * title. Returns null when nothing identifies it (no id and a title without letters or digits).
 */
export function libraryKeyFor(paper: {
  arxivId?: string | null | undefined;
  openreviewId?: string | null | undefined;
  title?: string | null | undefined;
}): string | null {
  if (paper.arxivId) return `arxiv:${paper.arxivId}`;
  if (paper.openreviewId) return `openreview:${paper.openreviewId}`;
  const norm = paper.title ? normalizeTitle(paper.title) : '';
  return norm ? `title:${norm}` : null;
}

/**
 * The library key a catalog record is saved under: the same rule as libraryKeyFor (what the background
 * computes for the same record), falling back to the record id for a record with nothing else to go by.
 */
export function recordKey(record: {
  id: string;
  arxivId?: string | null | undefined;
  openreviewId?: string | null | undefined;
  title?: string | null | undefined;
}): string {
  return libraryKeyFor(record) ?? record.id;
}
