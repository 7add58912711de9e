import type { PaperRecord } from '../../lib/dataset/schema';

/** The arXiv abstract page of a versionless arXiv id, e.g. https://arxiv.org/abs/2312.00678. */
export function arxivAbsUrl(arxivId: string): string {
  // Old-style ids contain a slash ("cs/0112017") that must stay a path separator, so encode per segment.
  return `https://arxiv.org/abs/${arxivId.split('/').map(encodeURIComponent).join('/')}`;
}

/** The OpenReview forum page of a forum id. */
export function openreviewForumUrl(forumId: string): string {
  return `https://openreview.net/forum?id=${encodeURIComponent(forumId)}`;
}

/**
 * Only http(s) links from the dataset become hrefs: the dataset is built from third-party markdown, and a
 * `javascript:` or `data:` URL in it must never turn into a clickable link inside the page.
 */
export function safeHttpUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
  } catch {
    return null;
  }
}

/**
 * The best page to open for a paper: its arXiv abstract, else its OpenReview forum (the stored link, else one
 * built from the forum id), else its first other link; null when it has no usable link.
 */
export function paperUrl(paper: Pick<PaperRecord, 'arxivId' | 'openreviewId' | 'links'>): string | null {
  if (paper.arxivId) return arxivAbsUrl(paper.arxivId);
  const openreview = safeHttpUrl(paper.links?.openreview);
  if (openreview) return openreview;
  if (paper.openreviewId) return openreviewForumUrl(paper.openreviewId);
  for (const other of paper.links?.other ?? []) {
    const url = safeHttpUrl(other);
    if (url) return url;
  }
  return null;
}
