import { LIBRARY_CHANGE_ALL_KEYS, LIBRARY_CHANGE_ANNOUNCE_CAP, type LibraryChange } from '../messages';

/** A changed key and whether it is saved now. */
export interface KeyChange {
  key: string;
  saved: boolean;
}

/**
 * Announce a bulk change: one {key, saved, at} per changed key, at most LIBRARY_CHANGE_ANNOUNCE_CAP of them
 * (each is a storage.local write and a storage.onChanged event in every tab), then {key: '*', saved: false, at}
 * so that a tab showing a key beyond the cap asks again. Nothing changed, nothing announced.
 */
export async function announceChanges(
  announce: (change: LibraryChange) => Promise<void>,
  changes: readonly KeyChange[],
  at: number,
): Promise<void> {
  if (changes.length === 0) return;
  for (const { key, saved } of changes.slice(0, LIBRARY_CHANGE_ANNOUNCE_CAP))
    await announce({ key, saved, at });
  await announce({ key: LIBRARY_CHANGE_ALL_KEYS, saved: false, at });
}
