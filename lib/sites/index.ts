/**
 * The site adapters, one per supported site (house rule 2). Add a site by writing lib/sites/<site>.ts with
 * its test table and fixtures and listing it here; adapters.test.ts checks that every listed adapter has
 * both.
 */

import { alphaxiv } from './alphaxiv';
import { ar5iv } from './ar5iv';
import { arxiv } from './arxiv';
import { huggingface } from './huggingface';
import { openreview } from './openreview';
import { scholar } from './scholar';
import { semanticscholar } from './semanticscholar';
import type { SiteAdapter } from './types';

export type { DetectedPaper, ListedPaper, ListKind, SiteAdapter, SiteId } from './types';

/** Every supported site, in lookup order. */
export const adapters = [arxiv, openreview, huggingface, alphaxiv, ar5iv, semanticscholar, scholar] as const;

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
 * Match patterns for the paper content script: pages about one paper (arXiv abstract and HTML pages on
 * arxiv.org and its two mirrors, OpenReview forums; Chrome matches the path pattern against path + query,
 * so `/forum*` covers `/forum?id=...`). Each adapter declares its own; nothing broader. PDFs open in the
 * browser's viewer where content scripts do not run (the toolbar badge covers them).
 */
export const CONTENT_SCRIPT_MATCHES: string[] = [...new Set(adapters.flatMap((a) => a.paperMatches))];

/** Match patterns for the lists content script (listings, search results, reference lists). */
export const LIST_SCRIPT_MATCHES: string[] = [...new Set(adapters.flatMap((a) => a.listMatches))];

/** The adapter whose list gate accepts `url` (listKind non-null), or null. Never throws. */
export function findListAdapter(url: URL): SiteAdapter | null {
  for (const adapter of adapters) {
    try {
      if (adapter.listKind(url) !== null) return adapter;
    } catch {
      // As findAdapter: a throwing gate does not match.
    }
  }
  return null;
}
