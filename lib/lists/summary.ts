import { getNode, isLeafId, type LeafId, sortLeaves } from '../taxonomy';

/**
 * Pure helpers of the lists content script: the page summary ("12 of 48 references are in the survey, mostly
 * Quantization") and what is sent to lookupMany.
 */

/** The part of a lookupMany hit the summary reads. */
export interface HitLeaves {
  leaves: readonly string[];
}

/**
 * The leaf that clearly leads among the hits: at least two hits and more than any other leaf (a tie names
 * none, since "mostly A" would be as true of B). Null otherwise.
 */
export function mostlyLeaf(hits: readonly (HitLeaves | null)[]): LeafId | null {
  const counts = new Map<LeafId, number>();
  for (const hit of hits) {
    if (!hit) continue;
    for (const leaf of new Set(hit.leaves)) if (isLeafId(leaf)) counts.set(leaf, (counts.get(leaf) ?? 0) + 1);
  }
  let best: LeafId | null = null;
  let bestCount = 0;
  let tie = false;
  // Survey order, so the result does not depend on the order of the page.
  for (const leaf of sortLeaves(counts.keys())) {
    const n = counts.get(leaf)!;
    if (n > bestCount) {
      best = leaf;
      bestCount = n;
      tie = false;
    } else if (n === bestCount) tie = true;
  }
  return best && bestCount >= 2 && !tie ? best : null;
}

/** The leaf's display name for "mostly …", or null. */
export function mostlyName(hits: readonly (HitLeaves | null)[]): string | null {
  const leaf = mostlyLeaf(hits);
  return leaf ? (getNode(leaf)?.name ?? null) : null;
}

/** What lookupMany accepts per entry. */
export interface EntryIdentity {
  arxivId?: string;
  openreviewId?: string;
  title?: string;
}

/** Longest title sent (the message schema's cap is larger; a real title is under 300 characters). */
const MAX_SENT_TITLE = 1000;

/** An entry as lookupMany wants it: only the fields the page gave, titles capped. */
export function entryIdentity(entry: {
  arxivId: string | null;
  openreviewId: string | null;
  title: string | null;
}): EntryIdentity {
  const out: EntryIdentity = {};
  if (entry.arxivId) out.arxivId = entry.arxivId;
  if (entry.openreviewId) out.openreviewId = entry.openreviewId;
  if (entry.title) out.title = entry.title.slice(0, MAX_SENT_TITLE);
  return out;
}
