import { LIBRARY_LIMITS, type LibraryItem, LibraryItem as LibraryItemSchema } from '../db/schema';
import { clip, describeIssues, type ImportRejection, type MergePolicy } from './types';

/**
 * Merging imported items into the library, by key, as a pure function: the store applies `changed` in one
 * transaction. Policies (see MergePolicy):
 *
 * - 'newer-wins' (backups): note, status, title, authors, url, leaves (and year and catalogId, when the newer
 *   copy has them) come from whichever copy has the later updatedAt; on a tie the library's copy stays.
 * - 'fill-missing' (BibTeX): the library's values stay; only empty ones (no note, no authors, no year, no
 *   leaves) are filled from the import.
 *
 * Under both, tags are unioned (case-insensitively, keeping the first spelling seen, library first; added
 * items get their own tags deduplicated the same way), savedAt
 * is the earlier of the two and updatedAt the later. Items are compared field by field, so re-importing a
 * backup of the same library reports everything unchanged.
 */

/** Options of mergeLibraries. */
export interface MergeOptions {
  /** Default 'newer-wins'; use the ImportPlan's mergePolicy. */
  policy?: MergePolicy;
}

/** Counts of what a merge did, and why incoming items were refused. */
export interface MergeReport {
  added: number;
  merged: number;
  unchanged: number;
  rejected: number;
  rejections: ImportRejection[];
}

/** The merged library and what changed. */
export interface MergeResult {
  /** The whole library after the merge: existing items in their order (merged in place), then added ones. */
  result: LibraryItem[];
  /** Only the added and merged items: what the store has to write. */
  changed: LibraryItem[];
  report: MergeReport;
}

/** Union of two tag lists, deduplicated case-insensitively, first spelling kept, capped at the schema limit. */
export function unionTags(first: readonly string[], second: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const tag of [...first, ...second]) {
    const folded = tag.toLowerCase();
    if (seen.has(folded)) continue;
    seen.add(folded);
    out.push(tag);
  }
  return out.slice(0, LIBRARY_LIMITS.tags);
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}

/** Field-by-field equality of two items. */
export function sameItem(a: LibraryItem, b: LibraryItem): boolean {
  return (
    a.key === b.key &&
    a.arxivId === b.arxivId &&
    a.openreviewId === b.openreviewId &&
    a.catalogId === b.catalogId &&
    a.title === b.title &&
    sameList(a.authors, b.authors) &&
    a.year === b.year &&
    sameList(a.leaves, b.leaves) &&
    a.url === b.url &&
    a.savedAt === b.savedAt &&
    a.updatedAt === b.updatedAt &&
    sameList(a.tags, b.tags) &&
    a.note === b.note &&
    a.status === b.status
  );
}

/** Merge one incoming item into the existing one with the same key. */
export function mergeItem(existing: LibraryItem, incoming: LibraryItem, policy: MergePolicy): LibraryItem {
  const shared = {
    key: existing.key,
    arxivId: existing.arxivId ?? incoming.arxivId,
    openreviewId: existing.openreviewId ?? incoming.openreviewId,
    tags: unionTags(existing.tags, incoming.tags),
    savedAt: Math.min(existing.savedAt, incoming.savedAt),
  };
  let merged: LibraryItem;
  if (policy === 'fill-missing') {
    merged = {
      ...existing,
      ...shared,
      catalogId: existing.catalogId ?? incoming.catalogId,
      authors: existing.authors.length > 0 ? existing.authors : incoming.authors,
      year: existing.year ?? incoming.year,
      leaves: existing.leaves.length > 0 ? existing.leaves : incoming.leaves,
      note: existing.note !== '' ? existing.note : incoming.note,
      updatedAt: existing.updatedAt,
    };
  } else {
    const incomingNewer = incoming.updatedAt > existing.updatedAt;
    const newer = incomingNewer ? incoming : existing;
    const older = incomingNewer ? existing : incoming;
    merged = {
      ...existing,
      ...shared,
      catalogId: newer.catalogId ?? older.catalogId,
      title: newer.title,
      authors: newer.authors,
      year: newer.year ?? older.year,
      leaves: newer.leaves,
      url: newer.url,
      note: newer.note,
      status: newer.status,
      updatedAt: newer.updatedAt,
    };
  }
  // A merge that only filled or unioned something is still an update of the library's copy.
  if (policy === 'fill-missing' && !sameItem(merged, existing)) {
    merged.updatedAt = Math.max(existing.updatedAt, incoming.updatedAt);
  }
  return merged;
}

/**
 * Merge `incoming` (an ImportPlan's items) into `existing` (the library), by key. Incoming items that are not
 * valid LibraryItems, or repeat an earlier incoming key, are rejected with reasons; `existing` is trusted.
 */
export function mergeLibraries(
  existing: readonly LibraryItem[],
  incoming: readonly LibraryItem[],
  options: MergeOptions = {},
): MergeResult {
  const policy = options.policy ?? 'newer-wins';
  const result = [...existing];
  const positions = new Map<string, number>();
  result.forEach((item, i) => {
    positions.set(item.key, i);
  });
  const changed = new Map<string, LibraryItem>();
  const report: MergeReport = { added: 0, merged: 0, unchanged: 0, rejected: 0, rejections: [] };
  const seen = new Set<string>();
  for (const [index, raw] of incoming.entries()) {
    const reject = (reason: string) => {
      report.rejected++;
      report.rejections.push({ index, reason: clip(reason) });
    };
    const parsed = LibraryItemSchema.safeParse(raw);
    if (!parsed.success) {
      reject(describeIssues(parsed.error));
      continue;
    }
    const item = parsed.data;
    if (seen.has(item.key)) {
      reject(`duplicate key "${item.key}" (an earlier incoming item has it)`);
      continue;
    }
    seen.add(item.key);
    const at = positions.get(item.key);
    if (at === undefined) {
      // Tags are deduplicated on the way in too, so merging the same items again changes nothing.
      const added = { ...item, tags: unionTags(item.tags, []) };
      positions.set(item.key, result.length);
      result.push(added);
      changed.set(item.key, added);
      report.added++;
      continue;
    }
    const current = result[at]!;
    const valid = LibraryItemSchema.safeParse(mergeItem(current, item, policy));
    if (!valid.success) {
      reject(`cannot merge into "${item.key}": ${describeIssues(valid.error)}`);
      continue;
    }
    if (sameItem(valid.data, current)) {
      report.unchanged++;
      continue;
    }
    result[at] = valid.data;
    changed.set(item.key, valid.data);
    report.merged++;
  }
  return { result, changed: [...changed.values()], report };
}
