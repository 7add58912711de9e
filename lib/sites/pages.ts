/**
 * The paper-page halves of the site adapters: what the paper content script and the background's PDF badge
 * need, and nothing of the list code (the content script has a 30 KB gzipped budget; each site's list parsing
 * would otherwise ride along). Keep in step with ./index.ts, which adapters.test.ts checks.
 */

import { alphaxivPaper } from './alphaxiv';
import { ar5ivPaper } from './ar5iv';
import { arxivPaper } from './arxiv';
import { huggingfacePaper } from './huggingface';
import { openreviewPaper } from './openreview';
import { scholarPaper } from './scholar';
import { semanticscholarPaper } from './semanticscholar';
import type { PaperSite } from './types';

/** Every site's paper half, in lookup order. */
export const paperSites: readonly PaperSite[] = [
  arxivPaper,
  openreviewPaper,
  huggingfacePaper,
  alphaxivPaper,
  ar5ivPaper,
  semanticscholarPaper,
  scholarPaper,
];

/** The adapter whose URL gate accepts `url`, or null. Never throws. */
export function findAdapter(url: URL): PaperSite | null {
  for (const adapter of paperSites) {
    try {
      if (adapter.matches(url)) return adapter;
    } catch {
      // A gate must not take the content script down; a throwing gate simply does not match.
    }
  }
  return null;
}

/**
 * Match patterns for the paper content script: pages about one paper (arXiv abstract and HTML pages on
 * arxiv.org and its two mirrors, OpenReview forums, …; Chrome matches the path pattern against path + query,
 * so `/forum*` covers `/forum?id=...`). Each adapter declares its own; nothing broader. PDFs open in the
 * browser's viewer where content scripts do not run (the toolbar badge covers them).
 */
export const CONTENT_SCRIPT_MATCHES: string[] = [...new Set(paperSites.flatMap((a) => a.paperMatches))];
