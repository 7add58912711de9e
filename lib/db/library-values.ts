import { LibraryItem } from './schema';

/**
 * Pure helpers over library values, kept apart from lib/db/library.ts and lib/db/snapshots.ts so that they carry
 * no database access (guard.test.ts checks that every function of those modules refuses to run in a web page).
 */

const ITEM_FIELDS = Object.keys(LibraryItem.shape) as (keyof LibraryItem)[];

/** True when two rows hold the same values (field order does not matter). */
export function sameLibraryItem(a: LibraryItem, b: LibraryItem): boolean {
  return ITEM_FIELDS.every((field) => JSON.stringify(a[field]) === JSON.stringify(b[field]));
}

/** Trimmed, empty ones dropped, duplicates dropped (first occurrence kept, so the user's order stays). */
export function normalizeTags(tags: readonly string[]): string[] {
  return [...new Set(tags.map((tag) => tag.trim()).filter((tag) => tag !== ''))];
}

/** Midnight (local time) of the day that contains `now`: "daily" follows the user's calendar, not UTC. */
export function localDayStart(now: number): number {
  const day = new Date(now);
  day.setHours(0, 0, 0, 0);
  return day.getTime();
}

/** Midnight (local time) of the next day (23 or 25 hours after localDayStart across a DST change). */
export function nextLocalDayStart(now: number): number {
  const day = new Date(localDayStart(now));
  day.setDate(day.getDate() + 1);
  return day.getTime();
}
