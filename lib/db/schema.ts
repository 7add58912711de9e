import type { DBSchema } from 'idb';
import { z } from 'zod';
import { ArxivIdSchema, type DatasetMeta, LeafIdSchema, type PaperRecord } from '../dataset/schema';
import { isOpenReviewId } from '../paper-id';
import type { LeafId } from '../taxonomy';

/**
 * Types and record schemas of the two IndexedDB databases. This file is pure (no database access), so the
 * message layer and content scripts may import the schemas and `libraryKeyFor` without opening anything.
 *
 * Two databases, so that the disposable catalog can never touch user data (uBlock Origin's split between
 * derived caches and user settings): reseeding the catalog deletes and rewrites `papers`, and never opens
 * the library database at all.
 */

/** The bundled-dataset copy: regenerable, reseeded whenever data/dataset-meta.json's version changes. */
export const CATALOG_DB_NAME = 'efficiency-lens-catalog';
/** The user's saved papers: only ever changed by explicit user actions and numbered migrations. */
export const LIBRARY_DB_NAME = 'efficiency-lens-library';

/** The one row of the catalog's `meta` store (key 'dataset'). */
export const CatalogMetaRow = z.object({
  version: z.string(),
  records: z.number().int().nonnegative(),
  /** ms since epoch when this version finished seeding. */
  seededAt: z.number(),
});
export type CatalogMetaRow = z.infer<typeof CatalogMetaRow>;

/** Typed schema of `efficiency-lens-catalog` (idb DBSchema). */
export interface CatalogSchema extends DBSchema {
  papers: {
    key: string;
    value: PaperRecord;
    // Records whose indexed field is null are simply left out of that index (IndexedDB skips invalid keys).
    indexes: { arxivId: string; openreviewId: string; normTitle: string; leaves: LeafId; year: number };
  };
  meta: { key: 'dataset'; value: CatalogMetaRow };
}

/** Reading status of a saved paper. */
export const ReadingStatus = z.enum(['to-read', 'reading', 'read']);
export type ReadingStatus = z.infer<typeof ReadingStatus>;

/** Caps shared with lib/messages.ts so nothing stored can exceed what a message may carry. */
export const LIBRARY_LIMITS = {
  key: 1_100,
  title: 1_000,
  url: 2_048,
  authors: 1_000,
  author: 300,
  tags: 100,
  tag: 100,
  note: 20_000,
  id: 64,
} as const;

/**
 * Caps on what a user edit (updateLibraryItem, bulkUpdateLibrary) may set, stricter than what a stored row may
 * hold (LIBRARY_LIMITS) so that rows written by v1 or by an import, which may exceed them, stay valid.
 */
export const LIBRARY_EDIT_LIMITS = {
  /** Characters per tag (after trimming). */
  tag: 64,
  /** Tags per message. */
  tags: 50,
  /** Keys per bulk message. */
  keys: 10_000,
} as const;

/** "arxiv:<id>" | "openreview:<id>" | "title:<normTitle>". */
export const LibraryKey = z
  .string()
  .max(LIBRARY_LIMITS.key)
  .regex(/^(?:arxiv|openreview|title):\S.*$/s, 'not a library key ("arxiv:…", "openreview:…" or "title:…")');

/** Only http(s) URLs are kept: the library UI renders them as links, so javascript: and data: are refused. */
export const HttpUrl = z
  .string()
  .max(LIBRARY_LIMITS.url)
  .refine((value) => {
    try {
      const { protocol } = new URL(value);
      return protocol === 'https:' || protocol === 'http:';
    } catch {
      return false;
    }
  }, 'not an http(s) URL');

/** An OpenReview forum id (lib/paper-id.ts isOpenReviewId: 6–40 letters, digits, '_' or '-'). */
export const OpenReviewIdSchema = z
  .string()
  .max(LIBRARY_LIMITS.id)
  .refine(isOpenReviewId, 'not an OpenReview forum id');

/**
 * A saved paper, schema v1 of the library's `items` store. `leaves` are the leaves at the time of saving (the
 * catalog may later move the paper); `catalogId` links back to the catalog when the paper was found there.
 */
export const LibraryItem = z.strictObject({
  key: LibraryKey,
  arxivId: ArxivIdSchema.nullable(),
  openreviewId: OpenReviewIdSchema.nullable(),
  catalogId: z.string().max(LIBRARY_LIMITS.key).nullable(),
  title: z.string().min(1).max(LIBRARY_LIMITS.title),
  authors: z.array(z.string().max(LIBRARY_LIMITS.author)).max(LIBRARY_LIMITS.authors),
  year: z.number().int().min(1900).max(2100).nullable(),
  leaves: z.array(LeafIdSchema).max(32),
  url: HttpUrl,
  savedAt: z.number(),
  updatedAt: z.number(),
  tags: z.array(z.string().min(1).max(LIBRARY_LIMITS.tag)).max(LIBRARY_LIMITS.tags),
  note: z.string().max(LIBRARY_LIMITS.note),
  status: ReadingStatus,
});
export type LibraryItem = z.infer<typeof LibraryItem>;

/** Why a snapshot of the library was taken (automatic snapshots only; the user never names one). */
export const SnapshotReason = z.enum(['import', 'bulk-delete', 'clear', 'before-restore', 'daily']);
export type SnapshotReason = z.infer<typeof SnapshotReason>;

/**
 * A copy of the whole library taken before a risky change (library v2, store `snapshots`). `count` repeats
 * `items.length` so that it can sit in the covering index `info` and listing snapshots never reads the items.
 */
export interface LibrarySnapshot {
  /** Assigned by the store (autoIncrement), so ids grow with time. */
  id?: number;
  createdAt: number;
  reason: SnapshotReason;
  count: number;
  items: LibraryItem[];
}

/** What listSnapshots shows: a snapshot without its items. */
export const SnapshotInfo = z.object({
  id: z.number().int().positive(),
  createdAt: z.number(),
  reason: SnapshotReason,
  count: z.number().int().nonnegative(),
});
export type SnapshotInfo = z.infer<typeof SnapshotInfo>;

/** A deleted key, remembered so that sync can delete it on the user's other browsers (library v2). */
export interface Tombstone {
  key: string;
  deletedAt: number;
}

/** Typed schema of `efficiency-lens-library` (idb DBSchema). */
export interface LibrarySchema extends DBSchema {
  items: {
    key: string;
    value: LibraryItem;
    indexes: { savedAt: number; updatedAt: number; status: ReadingStatus; tags: string; leaves: LeafId };
  };
  /** Since v2. `info` is a covering index ([createdAt, reason, count]): a key cursor on it lists snapshots. */
  snapshots: {
    key: number;
    value: LibrarySnapshot;
    indexes: { info: [number, SnapshotReason, number] };
  };
  /** Since v2. Keyed by library key; one row per deleted key, the latest deletion. */
  tombstones: {
    key: string;
    value: Tombstone;
    indexes: { deletedAt: number };
  };
}

/**
 * What the background seeds from: the dataset's identity (data/dataset-meta.json, tiny, bundled in the script)
 * and a loader of its records (data/papers.json, shipped as a separate extension file). The records are only
 * loaded to seed, so a service-worker start that finds the catalog current never reads or parses them.
 */
export interface BundledDataset {
  meta: DatasetMeta;
  /** Load the records (unvalidated: ensureCatalogSeeded checks them); may reject (missing file, bad JSON…). */
  loadRecords: () => Promise<readonly PaperRecord[]>;
}

// Defined in a zod-free module so the content script can compute keys without bundling zod.
export { libraryKeyFor } from '../library-key';
