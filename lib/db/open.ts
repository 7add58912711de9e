import { type IDBPDatabase, openDB } from 'idb';
import { assertExtensionOrigin, type ExecutionEnv } from '../extension-context';
import { CATALOG_DB_VERSION, upgradeCatalogDb } from './catalog-migrations';
import { LIBRARY_DB_VERSION, upgradeLibraryDb } from './library-migrations';
import { CATALOG_DB_NAME, type CatalogSchema, LIBRARY_DB_NAME, type LibrarySchema } from './schema';

/** Options of the open functions; tests pass a unique `name`, migration tests an older `version`. */
export interface OpenDbOptions {
  name?: string;
  version?: number;
  /** The global scope to check (default globalThis); see lib/extension-context.ts. */
  env?: ExecutionEnv;
}

/** Open (creating or upgrading) the catalog database. Throws outside the extension origin. */
export async function openCatalogDb(options: OpenDbOptions = {}): Promise<IDBPDatabase<CatalogSchema>> {
  assertExtensionOrigin(options.env);
  const version = options.version ?? CATALOG_DB_VERSION;
  const db = await openDB<CatalogSchema>(options.name ?? CATALOG_DB_NAME, version, {
    upgrade: (database, oldVersion, newVersion, tx) =>
      upgradeCatalogDb(database, oldVersion, newVersion ?? version, tx),
    // A newer release (after an update) wants to upgrade: let go, or its open() would wait for us forever.
    blocking: () => db.close(),
  });
  return db;
}

/** Open (creating or upgrading) the library database. Throws outside the extension origin. */
export async function openLibraryDb(options: OpenDbOptions = {}): Promise<IDBPDatabase<LibrarySchema>> {
  assertExtensionOrigin(options.env);
  const version = options.version ?? LIBRARY_DB_VERSION;
  const db = await openDB<LibrarySchema>(options.name ?? LIBRARY_DB_NAME, version, {
    upgrade: (database, oldVersion, newVersion, tx) =>
      upgradeLibraryDb(database, oldVersion, newVersion ?? version, tx),
    blocking: () => db.close(),
  });
  return db;
}
