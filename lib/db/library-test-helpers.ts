import type { MergeLibrariesFn } from './library';
import type { LibraryItem } from './schema';

/**
 * Test helpers for the library's tests (db, background, sync): a valid item from a few fields, and a small
 * merge with the documented semantics of lib/import's mergeLibraries (newer updatedAt wins field by field,
 * tags unioned, savedAt the earlier), so the transaction tests do not depend on the importer's internals.
 */

/** A valid LibraryItem keyed `title:<slug>` unless `key` is given. */
export function libraryItem(slug: string, at: number, extra: Partial<LibraryItem> = {}): LibraryItem {
  return {
    key: `title:${slug}`,
    arxivId: null,
    openreviewId: null,
    catalogId: null,
    title: `Paper ${slug}`,
    authors: [],
    year: null,
    leaves: [],
    url: `https://example.org/${encodeURIComponent(slug)}`,
    savedAt: at,
    updatedAt: at,
    tags: [],
    note: '',
    status: 'to-read',
    ...extra,
  };
}

const USER_FIELDS = [
  'arxivId',
  'openreviewId',
  'catalogId',
  'title',
  'authors',
  'year',
  'leaves',
  'url',
  'note',
  'status',
] as const;

/** Newer updatedAt wins each field, tags are unioned (existing first), savedAt is the earlier. */
export const simpleMerge: MergeLibrariesFn = (existing, incoming) => {
  const byKey = new Map(existing.map((item) => [item.key, item]));
  const report = { added: 0, merged: 0, unchanged: 0 };
  for (const next of incoming) {
    const current = byKey.get(next.key);
    if (!current) {
      byKey.set(next.key, next);
      report.added++;
      continue;
    }
    const newer = next.updatedAt > current.updatedAt ? next : current;
    const merged: LibraryItem = { ...current };
    for (const field of USER_FIELDS) (merged as Record<string, unknown>)[field] = newer[field];
    merged.tags = [...current.tags, ...next.tags.filter((tag) => !current.tags.includes(tag))];
    merged.savedAt = Math.min(current.savedAt, next.savedAt);
    merged.updatedAt = Math.max(current.updatedAt, next.updatedAt);
    const same = JSON.stringify(merged) === JSON.stringify(current);
    if (same) report.unchanged++;
    else report.merged++;
    byKey.set(next.key, merged);
  }
  return { result: [...byKey.values()], report };
};
