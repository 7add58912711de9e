import type { PaperRecord } from '../dataset/schema';
import { LIBRARY_EDIT_LIMITS, type LibraryItem, type ReadingStatus } from '../db/schema';
import type { Result } from '../messages';
import type { AppMessages, Send } from './api';
import { t } from './i18n';
import { dedupeTags, describeTagProblem, tagProblem } from './tags';

/**
 * Library changes the pages make, each one message (or a few, for very large selections) through `send`. Bad
 * input (no keys, no tags) is refused here with a reason, before anything is sent.
 */

/**
 * Keys per bulk message: the most the background accepts. A bulk message is all or nothing (and a bulk delete
 * takes one backup), so a selection is split only when it is larger than that.
 */
export const BULK_CHUNK = LIBRARY_EDIT_LIMITS.keys;

/** Split `keys` into chunks of at most `size`. */
export function chunk<T>(items: readonly T[], size: number = BULK_CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const fail = (error: string) => ({ ok: false as const, error });

type BulkChange = Omit<AppMessages['bulkUpdateLibrary']['input'], 'keys'>;

/** bulkUpdateLibrary over every chunk; reports how many items changed (also on a partial failure). */
export async function bulkUpdate(
  send: Send,
  keys: readonly string[],
  change: BulkChange,
): Promise<Result<{ updated: number }>> {
  if (keys.length === 0) return fail(t('error_nothingSelected'));
  const addTags = change.addTags ? dedupeTags(change.addTags) : undefined;
  const removeTags = change.removeTags ? dedupeTags(change.removeTags) : undefined;
  if (!addTags?.length && !removeTags?.length && change.status === undefined) {
    return fail(t('error_noChange'));
  }
  const problem = tagProblem(addTags ?? []);
  if (problem) return fail(describeTagProblem(problem));
  let updated = 0;
  for (const part of chunk([...new Set(keys)])) {
    const reply = await send('bulkUpdateLibrary', {
      keys: part,
      ...(addTags?.length ? { addTags } : {}),
      ...(removeTags?.length ? { removeTags } : {}),
      ...(change.status !== undefined ? { status: change.status } : {}),
    });
    if (!reply.ok) return updated ? fail(t('error_partialUpdate', [reply.error, updated])) : reply;
    updated += reply.value.updated;
  }
  return { ok: true, value: { updated } };
}

/** Add tags to every selected item. */
export function bulkAddTags(send: Send, keys: readonly string[], tags: readonly string[]) {
  return bulkUpdate(send, keys, { addTags: [...tags] });
}

/** Remove tags from every selected item. */
export function bulkRemoveTags(send: Send, keys: readonly string[], tags: readonly string[]) {
  return bulkUpdate(send, keys, { removeTags: [...tags] });
}

/** Set the reading status of every selected item. */
export function bulkSetStatus(send: Send, keys: readonly string[], status: ReadingStatus) {
  return bulkUpdate(send, keys, { status });
}

/** Remove every selected item from the library. */
export async function bulkRemove(send: Send, keys: readonly string[]): Promise<Result<{ removed: number }>> {
  if (keys.length === 0) return fail(t('error_nothingSelected'));
  let removed = 0;
  for (const part of chunk([...new Set(keys)])) {
    const reply = await send('bulkRemoveLibrary', { keys: part });
    if (!reply.ok) return removed ? fail(t('error_partialRemove', [reply.error, removed])) : reply;
    removed += reply.value.removed;
  }
  return { ok: true, value: { removed } };
}

/** Change one item's tags, note or status; the reply is the stored item. */
export async function updateItem(
  send: Send,
  key: string,
  change: { tags?: string[]; note?: string; status?: ReadingStatus },
): Promise<Result<LibraryItem>> {
  if (change.tags) {
    const tags = dedupeTags(change.tags);
    const problem = tagProblem(tags);
    if (problem) return fail(describeTagProblem(problem));
    return send('updateLibraryItem', { key, ...change, tags });
  }
  return send('updateLibraryItem', { key, ...change });
}

/** The library key a catalog record is saved under (lib/library-key.ts). */
export { recordKey } from '../library-key';

/**
 * Save a catalog record (from Browse or Search) under `url`, its page (components/shared/links.ts paperUrl).
 * Fails with a reason when there is no link to keep.
 */
export async function saveRecord(
  send: Send,
  record: PaperRecord,
  url: string | null,
): Promise<Result<LibraryItem>> {
  if (!url) return fail(t('error_noLink'));
  return send('savePaper', {
    ...(record.arxivId ? { arxivId: record.arxivId } : {}),
    ...(record.openreviewId ? { openreviewId: record.openreviewId } : {}),
    title: record.title,
    url,
    leaves: record.leaves,
  });
}
