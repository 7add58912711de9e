/**
 * The list-page halves of the site adapters: what the lists content script needs, and nothing of the paper
 * pages' detection (see ./pages.ts for why the halves are bundled apart). Keep in step with ./index.ts.
 */

import { alphaxivLists } from './alphaxiv';
import { ar5ivLists } from './ar5iv';
import { arxivLists } from './arxiv';
import { huggingfaceLists } from './huggingface';
import { openreviewLists } from './openreview';
import { scholarLists } from './scholar';
import { semanticscholarLists } from './semanticscholar';
import type { ListSite } from './types';

/** Every site's list half, in lookup order. */
export const listSites: readonly ListSite[] = [
  arxivLists,
  openreviewLists,
  huggingfaceLists,
  alphaxivLists,
  ar5ivLists,
  semanticscholarLists,
  scholarLists,
];

/** The adapter whose list gate accepts `url` (listKind non-null), or null. Never throws. */
export function findListAdapter(url: URL): ListSite | null {
  for (const adapter of listSites) {
    try {
      if (adapter.listKind(url) !== null) return adapter;
    } catch {
      // As findAdapter: a throwing gate does not match.
    }
  }
  return null;
}

/** Match patterns for the lists content script (listings, search results, reference lists). */
export const LIST_SCRIPT_MATCHES: string[] = [...new Set(listSites.flatMap((a) => a.listMatches))];
