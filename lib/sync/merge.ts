import type { LibraryDelta } from '../db/library';
import { sameLibraryItem } from '../db/library-values';
import { LibraryItem, type Tombstone } from '../db/schema';
import { type DecodedSync, encodeRecord, type OmittedField, type RemoteItem } from './codec';

/**
 * mergeSync: this browser's library and tombstones + what storage.sync holds → the merged library and the
 * local changes that get there (pure).
 *
 * Per key: the newer updatedAt wins (a remote record overlays the local item, keeping the fields it left out
 * or cut short); then a tombstone at least as new as the winner deletes it, and an edit newer than the
 * tombstone brings the item back. Ties on updatedAt are broken by comparing the records' JSON, so that both
 * browsers pick the same winner.
 */

/** Options of mergeSync. */
export interface MergeSyncOptions {
  /**
   * Values for fields that a remote record left out (authors, year, leaves) or cut (title), for an item this
   * browser does not have yet: the background answers from the catalog. Invalid answers are ignored.
   */
  recover?: (item: LibraryItem, omitted: ReadonlySet<OmittedField>) => Partial<LibraryItem> | undefined;
}

/** What mergeSync decided. */
export interface MergeSyncResult {
  /** The library after the merge. */
  items: LibraryItem[];
  /** Deletions to remember (no key of `items` among them). */
  tombstones: Tombstone[];
  /** The local changes (upserts, deletions, tombstones to store or drop). */
  delta: LibraryDelta;
  /** Remote records that could not be applied. */
  errors: string[];
}

const isPrefix = (short: readonly string[], long: readonly string[]) =>
  short.length <= long.length && short.every((value, i) => long[i] === value);

/** The remote record over the local item: what the record carries wins, the rest stays. */
function overlay(
  local: LibraryItem | undefined,
  remote: RemoteItem,
  recover: MergeSyncOptions['recover'],
): LibraryItem {
  const next: LibraryItem = { ...remote.item };
  if (local) {
    for (const field of remote.omitted) (next as Record<string, unknown>)[field] = local[field];
    if (remote.truncated.title && local.title.startsWith(next.title)) next.title = local.title;
    if (remote.truncated.note && local.note.startsWith(next.note)) next.note = local.note;
    if (remote.truncated.tags && isPrefix(next.tags, local.tags)) next.tags = local.tags;
    return next;
  }
  if (!recover || (remote.omitted.size === 0 && !remote.truncated.title)) return next;
  const found = recover(next, remote.omitted) ?? {};
  const filled: Partial<LibraryItem> = {};
  if (remote.omitted.has('authors') && found.authors) filled.authors = found.authors;
  if (remote.omitted.has('year') && found.year !== undefined) filled.year = found.year;
  if (remote.omitted.has('leaves') && found.leaves) filled.leaves = found.leaves;
  if (remote.truncated.title && found.title?.startsWith(next.title)) filled.title = found.title;
  const parsed = LibraryItem.safeParse({ ...next, ...filled });
  return parsed.success ? parsed.data : next;
}

/** The item that wins between the local one and the remote record (either may be absent). */
function winner(
  local: LibraryItem | undefined,
  remote: RemoteItem | undefined,
  recover: MergeSyncOptions['recover'],
): LibraryItem | undefined {
  if (!remote) return local;
  if (!local || remote.updatedAt > local.updatedAt) return overlay(local, remote, recover);
  if (remote.updatedAt < local.updatedAt) return local;
  const candidate = overlay(local, remote, recover);
  if (sameLibraryItem(candidate, local)) return local;
  return remote.canonical > JSON.stringify(encodeRecord(local)) ? candidate : local;
}

/**
 * Merge the remote state into the local one. `local` and `tombstones` are this browser's rows;
 * `remote` is decodeFromSync's reading of storage.sync.
 */
export function mergeSync(
  local: readonly LibraryItem[],
  remote: Pick<DecodedSync, 'items' | 'tombstones'>,
  tombstones: readonly Tombstone[],
  options: MergeSyncOptions = {},
): MergeSyncResult {
  const localItems = new Map(local.map((item) => [item.key, item]));
  const remoteItems = new Map(remote.items.map((item) => [item.key, item]));
  const localDead = new Map(tombstones.map((t) => [t.key, t.deletedAt]));
  const remoteDead = new Map(remote.tombstones.map((t) => [t.key, t.deletedAt]));
  const keys = new Set([
    ...localItems.keys(),
    ...remoteItems.keys(),
    ...localDead.keys(),
    ...remoteDead.keys(),
  ]);

  const result: MergeSyncResult = {
    items: [],
    tombstones: [],
    delta: { upserts: [], deletions: [], tombstones: [], clearedTombstones: [] },
    errors: [],
  };
  for (const key of [...keys].sort()) {
    const mine = localItems.get(key);
    const theirs = remoteItems.get(key);
    const item = winner(mine, theirs, options.recover);
    const mineDead = localDead.get(key);
    const theirsDead = remoteDead.get(key);
    const deletedAt = Math.max(mineDead ?? -Infinity, theirsDead ?? -Infinity);
    if (item && !(deletedAt >= item.updatedAt)) {
      result.items.push(item);
      if (!mine || !sameLibraryItem(mine, item)) result.delta.upserts.push(item);
      if (mineDead !== undefined) result.delta.clearedTombstones.push(key);
      continue;
    }
    if (!Number.isFinite(deletedAt)) continue;
    result.tombstones.push({ key, deletedAt });
    if (mine) result.delta.deletions.push(key);
    if (mineDead !== deletedAt) result.delta.tombstones.push({ key, deletedAt });
  }
  return result;
}

/**
 * True when storage.sync lacks something this browser would write: an item or a deletion in `ours` (the
 * decoding of our own encoding) newer than what `remote` holds for that key. Equal timestamps never count,
 * so two browsers cannot keep rewriting the same data back and forth.
 */
export function remoteIsBehind(
  ours: Pick<DecodedSync, 'items' | 'tombstones'>,
  remote: DecodedSync,
): boolean {
  if (remote.newerFormat) return false;
  const remoteItems = new Map(remote.items.map((item) => [item.key, item.updatedAt]));
  const remoteDead = new Map(remote.tombstones.map((t) => [t.key, t.deletedAt]));
  return (
    ours.items.some((item) => !((remoteItems.get(item.key) ?? -Infinity) >= item.updatedAt)) ||
    ours.tombstones.some((t) => !((remoteDead.get(t.key) ?? -Infinity) >= t.deletedAt))
  );
}
