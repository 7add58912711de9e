import { type PaperRef, parsePaperUrl, refUrl } from '../paper-id';

/**
 * "This paper": which paper the active tab shows, from its URL (abs, html, PDF and OpenReview pages alike; the
 * PDF viewer runs no content script, so the URL is all there is) and a title hint from the tab's title.
 */

export interface ActivePaper {
  ref: PaperRef;
  /** The paper's canonical page (versionless arXiv abstract, or OpenReview forum). */
  url: string;
  /** A title from the tab, when it looks like one (used to save papers that are not in the dataset). */
  titleHint: string | null;
}

/** Site decorations around a paper's title in tab titles; each tested in active-paper.test.ts. */
const TITLE_DECORATIONS: readonly RegExp[] = [
  // arXiv abstract pages: "[2106.09685] LoRA: Low-Rank Adaptation of Large Language Models"
  /^\[[^\]]{4,40}\]\s*/,
  // OpenReview: "LoRA: Low-Rank Adaptation of Large Language Models | OpenReview"
  /\s*\|\s*OpenReview\s*$/i,
  // arXiv HTML (ar5iv-style) pages: "… - arXiv" / "… – arXiv"
  /\s*[-–—]\s*arXiv(?:\.org)?\s*$/i,
];

/** A paper title from a tab title, or null when it is only a file name or an id (PDF tabs). */
export function titleFromTabTitle(tabTitle: string | null | undefined): string | null {
  if (!tabTitle) return null;
  let title = tabTitle.replace(/\s+/g, ' ').trim();
  for (const decoration of TITLE_DECORATIONS) title = title.replace(decoration, '');
  title = title.trim();
  // "2106.09685v2.pdf", "2106.09685", "arXiv", "forum": nothing a person would call a title.
  if (!/\p{L}{2,}/u.test(title) || /\.pdf$/i.test(title) || /^(?:arxiv|openreview|forum|pdf)$/i.test(title)) {
    return null;
  }
  return title.slice(0, 1000);
}

/** The paper an active tab shows, or null when the tab is not a paper page (or its URL is hidden from us). */
export function activePaperFromTab(
  tab: { url?: string | null; title?: string | null } | null,
): ActivePaper | null {
  if (!tab?.url) return null;
  const ref = parsePaperUrl(tab.url);
  if (!ref) return null;
  return {
    ref,
    url: refUrl(ref.kind === 'arxiv' ? { ...ref, version: null } : ref),
    titleHint: titleFromTabTitle(tab.title),
  };
}
