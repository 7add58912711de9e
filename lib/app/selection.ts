/**
 * Multi-selection in "My library", as immutable sets of library keys. Selection survives filtering (a selected
 * item hidden by a filter stays selected, and the bulk bar says how many are hidden) but not removal: keys that
 * are no longer in the library are pruned.
 */

export type Selection = ReadonlySet<string>;

export const EMPTY_SELECTION: Selection = new Set<string>();

/** Add or remove one key. */
export function toggleKey(selection: Selection, key: string): Selection {
  const next = new Set(selection);
  if (next.has(key)) next.delete(key);
  else next.add(key);
  return next;
}

/**
 * Shift-click: select every key between `anchor` and `key` in the shown order (inclusive). Without a usable
 * anchor (none yet, or filtered away) it behaves like a toggle of `key`.
 */
export function selectRange(
  selection: Selection,
  orderedKeys: readonly string[],
  anchor: string | null,
  key: string,
): Selection {
  const from = anchor === null ? -1 : orderedKeys.indexOf(anchor);
  const to = orderedKeys.indexOf(key);
  if (from < 0 || to < 0) return toggleKey(selection, key);
  const next = new Set(selection);
  for (let i = Math.min(from, to); i <= Math.max(from, to); i++) next.add(orderedKeys[i]!);
  return next;
}

/** Add all `keys` (the shown items) to the selection. */
export function selectAll(selection: Selection, keys: readonly string[]): Selection {
  return new Set([...selection, ...keys]);
}

/** Remove all `keys` (the shown items) from the selection. */
export function deselectAll(selection: Selection, keys: readonly string[]): Selection {
  const drop = new Set(keys);
  return new Set([...selection].filter((key) => !drop.has(key)));
}

/** Drop keys that are not in the library any more; returns the same object when nothing changed. */
export function pruneSelection(selection: Selection, existing: ReadonlySet<string>): Selection {
  for (const key of selection) {
    if (!existing.has(key)) return new Set([...selection].filter((k) => existing.has(k)));
  }
  return selection;
}

/** How much of the shown list is selected (for the tri-state "select all" checkbox). */
export function selectionState(selection: Selection, shownKeys: readonly string[]): 'none' | 'some' | 'all' {
  let count = 0;
  for (const key of shownKeys) if (selection.has(key)) count++;
  if (count === 0) return 'none';
  return count === shownKeys.length ? 'all' : 'some';
}
