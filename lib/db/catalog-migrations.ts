import type { IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import { assertExtensionOrigin } from '../extension-context';
import type { CatalogSchema } from './schema';

/**
 * Schema migrations of `efficiency-lens-catalog`, idb style: cumulative `if (oldVersion < N) stepN(db, tx)`
 * blocks, one named function per step, each with its own test (catalog-migrations.test.ts). Released steps
 * are never edited; a schema change adds a step and bumps CATALOG_DB_VERSION.
 *
 * The catalog's *content* is versioned separately (DatasetMeta.version, see catalog.ts): a new dataset
 * reseeds rows and needs no step here. A step is only for a new store or index.
 */

/** Current schema version of the catalog database. */
export const CATALOG_DB_VERSION = 1;

/** The upgrade transaction idb hands to `upgrade()`. */
export type CatalogUpgradeTx = IDBPTransaction<CatalogSchema, StoreNames<CatalogSchema>[], 'versionchange'>;

/** v0 → v1: `papers` (keyPath id) with its lookup indexes, and the `meta` store. */
export function catalogStep1CreateStores(db: IDBPDatabase<CatalogSchema>, _tx: CatalogUpgradeTx): void {
  assertExtensionOrigin();
  const papers = db.createObjectStore('papers', { keyPath: 'id' });
  papers.createIndex('arxivId', 'arxivId', { unique: false });
  papers.createIndex('openreviewId', 'openreviewId', { unique: false });
  papers.createIndex('normTitle', 'normTitle', { unique: false });
  // multiEntry: one index entry per leaf, so a paper filed under two leaves is found under both.
  papers.createIndex('leaves', 'leaves', { unique: false, multiEntry: true });
  papers.createIndex('year', 'year', { unique: false });
  db.createObjectStore('meta');
}

/** Steps by the version they upgrade to; catalog-migrations.test.ts checks that this matches the chain below. */
export const CATALOG_STEPS = { 1: catalogStep1CreateStores } as const;

/**
 * Run every step between `oldVersion` and `newVersion` (normally CATALOG_DB_VERSION; lower in tests that build
 * a database as an earlier release left it).
 */
export function upgradeCatalogDb(
  db: IDBPDatabase<CatalogSchema>,
  oldVersion: number,
  newVersion: number,
  tx: CatalogUpgradeTx,
): void {
  assertExtensionOrigin();
  if (oldVersion < 1 && newVersion >= 1) catalogStep1CreateStores(db, tx);
}
