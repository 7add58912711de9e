import type { IDBPDatabase } from 'idb';
import type { z } from 'zod';
import { assertExtensionOrigin } from '../extension-context';
import { LibraryItem, type LibrarySchema } from './schema';

/**
 * The user's saved papers (efficiency-lens-library). Every write is a single readwrite transaction that reads
 * the current row and writes the merged one, so concurrent saves (many tabs, the popup) never lose updates:
 * IndexedDB runs overlapping readwrite transactions one after another.
 */

type LibraryDb = IDBPDatabase<LibrarySchema>;

/** What a caller supplies to save: identity, title and url; everything else keeps its stored value or default. */
export type SaveLibraryInput = Pick<LibraryItem, 'key' | 'title' | 'url'> &
  Partial<Omit<LibraryItem, 'key' | 'title' | 'url' | 'savedAt' | 'updatedAt'>>;

function issuesOf(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || '(item)'}: ${issue.message}`).join('; ');
}

/** The saved item with this key, if any. */
export async function getLibraryItem(db: LibraryDb, key: string): Promise<LibraryItem | undefined> {
  assertExtensionOrigin();
  return db.get('items', key);
}

/** The saved items for these keys, aligned with `keys` (undefined where not saved), in one transaction. */
export async function getLibraryItems(
  db: LibraryDb,
  keys: readonly string[],
): Promise<(LibraryItem | undefined)[]> {
  assertExtensionOrigin();
  const store = db.transaction('items').store;
  return Promise.all(keys.map((key) => store.get(key)));
}

// Above this many keys one getAllKeys() beats a request per key (a listing page asks for ~25–2,000).
const PER_KEY_LOOKUP_LIMIT = 32;

/** For each key, whether it is saved. One transaction; cost bounded by max(keys, library size). */
export async function savedStates(db: LibraryDb, keys: readonly string[]): Promise<Record<string, boolean>> {
  assertExtensionOrigin();
  const store = db.transaction('items').store;
  let isSaved: (key: string) => boolean;
  if (keys.length <= PER_KEY_LOOKUP_LIMIT) {
    const found = await Promise.all(keys.map((key) => store.getKey(key)));
    const saved = new Set(found.filter((key): key is string => key !== undefined));
    isSaved = (key) => saved.has(key);
  } else {
    const saved = new Set(await store.getAllKeys());
    isSaved = (key) => saved.has(key);
  }
  return Object.fromEntries(keys.map((key) => [key, isSaved(key)]));
}

/**
 * Insert or update a saved paper. A new item gets savedAt = updatedAt = now; an existing one keeps savedAt
 * (and any field the input leaves out, such as the user's tags, note and status) and gets updatedAt = now.
 * Throws (writing nothing) when the merged item is not a valid LibraryItem.
 */
export async function saveLibraryItem(
  db: LibraryDb,
  input: SaveLibraryInput,
  now: number,
): Promise<LibraryItem> {
  assertExtensionOrigin();
  const tx = db.transaction('items', 'readwrite');
  try {
    const existing = await tx.store.get(input.key);
    const defined = Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined));
    const merged = {
      arxivId: null,
      openreviewId: null,
      catalogId: null,
      authors: [],
      year: null,
      leaves: [],
      tags: [],
      note: '',
      status: 'to-read',
      ...existing,
      ...defined,
      savedAt: existing?.savedAt ?? now,
      updatedAt: now,
    };
    // Synchronous validation inside the transaction is fine: only awaiting non-IDB work would end it.
    const parsed = LibraryItem.safeParse(merged);
    if (!parsed.success) throw new Error(`Cannot save ${input.key}: ${issuesOf(parsed.error)}`);
    await tx.store.put(parsed.data);
    await tx.done;
    return parsed.data;
  } catch (error) {
    try {
      tx.abort();
    } catch {
      // Already finished or aborted.
    }
    await tx.done.catch(() => undefined);
    throw error;
  }
}

/** Remove a saved paper; resolves true when it was there. */
export async function removeLibraryItem(db: LibraryDb, key: string): Promise<boolean> {
  assertExtensionOrigin();
  const tx = db.transaction('items', 'readwrite');
  const existed = (await tx.store.getKey(key)) !== undefined;
  if (existed) await tx.store.delete(key);
  await tx.done;
  return existed;
}

/** All saved papers, most recently saved first (ties: key descending). */
export async function listLibraryItems(db: LibraryDb): Promise<LibraryItem[]> {
  assertExtensionOrigin();
  return (await db.getAllFromIndex('items', 'savedAt')).reverse();
}

/** Number of saved papers. */
export async function countLibraryItems(db: LibraryDb): Promise<number> {
  assertExtensionOrigin();
  return db.count('items');
}
