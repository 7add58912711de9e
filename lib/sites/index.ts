/**
 * The site adapters, one per supported site (house rule 2). Add a site by writing lib/sites/<site>.ts with
 * its test table and fixtures, exporting its paper half, list half and whole adapter, and listing them here,
 * in ./pages.ts and in ./lists.ts; adapters.test.ts checks that every listed adapter has its tests and
 * fixtures and that the three lists agree. Content scripts import ./pages or ./lists, never this module, so
 * each bundles only the half it runs.
 */

import { alphaxiv } from './alphaxiv';
import { ar5iv } from './ar5iv';
import { arxiv } from './arxiv';
import { huggingface } from './huggingface';
import { openreview } from './openreview';
import { scholar } from './scholar';
import { semanticscholar } from './semanticscholar';

export { findListAdapter, LIST_SCRIPT_MATCHES, listSites } from './lists';
export { CONTENT_SCRIPT_MATCHES, findAdapter, paperSites } from './pages';
export type { DetectedPaper, ListedPaper, ListKind, ListSite, PaperSite, SiteAdapter, SiteId } from './types';

/** Every supported site, whole, in lookup order. */
export const adapters = [arxiv, openreview, huggingface, alphaxiv, ar5iv, semanticscholar, scholar] as const;
