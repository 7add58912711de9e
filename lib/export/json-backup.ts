import type { LibraryItem } from '../db/schema';
import { toDate } from './types';

/**
 * The full-fidelity backup: every field of every item, as stored, in a versioned envelope. It is the only
 * format that keeps reading status, taxonomy leaves and timestamps; lib/import/json-backup.ts reads it back
 * to exactly the same items.
 */

/** The `format` marker of a backup file. */
export const BACKUP_FORMAT = 'efficiency-lens-library';
/** The backup envelope version this build writes and reads. Bump it (and teach the importer) on any change. */
export const BACKUP_VERSION = 1;

/** The backup file's shape. */
export interface LibraryBackup {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  /** ISO 8601 time of the export. */
  exportedAt: string;
  items: LibraryItem[];
}

/** Options of buildJsonBackup. */
export interface JsonBackupOptions {
  now: number | Date;
}

/** The backup file (pretty-printed JSON, items in the given order). */
export function buildJsonBackup(items: readonly LibraryItem[], options: JsonBackupOptions): string {
  const backup: LibraryBackup = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: toDate(options.now).toISOString(),
    items: [...items],
  };
  return `${JSON.stringify(backup, null, 2)}\n`;
}
