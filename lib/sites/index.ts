/**
 * The site adapters, one per supported site (house rule 2). Add a site by writing lib/sites/<site>.ts with
 * its test table and fixtures and listing it here; adapters.test.ts checks that every listed adapter has
 * both.
 */

import { arxiv } from './arxiv';
import { openreview } from './openreview';
import type { SiteAdapter } from './types';

export type { DetectedPaper, SiteAdapter } from './types';

/** Every supported site, in lookup order. */
export const adapters = [arxiv, openreview] as const;

/** The adapter whose URL gate accepts `url`, or null. Never throws. */
export function findAdapter(url: URL): SiteAdapter | null {
  for (const adapter of adapters) {
    try {
      if (adapter.matches(url)) return adapter;
    } catch {
      // A gate must not take the content script down; a throwing gate simply does not match.
    }
  }
  return null;
}

/**
 * Match patterns for the paper content script: arXiv abstract and HTML pages on arxiv.org and its two
 * mirrors, and OpenReview forums (Chrome matches the path pattern against path + query, so `/forum*`
 * covers `/forum?id=...`). Nothing broader: listing and search pages come in a later issue, PDFs open in
 * the browser's viewer where content scripts do not run, and ar5iv is not handled yet.
 */
export const CONTENT_SCRIPT_MATCHES: string[] = [
  'https://arxiv.org/abs/*',
  'https://arxiv.org/html/*',
  'https://www.arxiv.org/abs/*',
  'https://www.arxiv.org/html/*',
  'https://export.arxiv.org/abs/*',
  'https://export.arxiv.org/html/*',
  'https://openreview.net/forum*',
];
