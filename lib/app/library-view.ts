import type { LibraryItem, ReadingStatus } from '../db/schema';
import { leavesUnder } from '../taxonomy';

/**
 * What "My library" shows: the saved items filtered (text, leaf, tag, status, year) and sorted. Pure and fast
 * enough to run on every keystroke for thousands of items (library-view.bench.test.ts logs the timings): the
 * searchable text of an item is built once per item object and cached.
 */

export const LIBRARY_SORTS = ['saved-desc', 'saved-asc', 'year-desc', 'year-asc', 'title-asc'] as const;
export type LibrarySort = (typeof LIBRARY_SORTS)[number];

export interface LibraryFilter {
  /** Words that must all occur in the title, a tag or the note (case- and accent-insensitive). */
  text: string;
  /** A taxonomy node id: items with a leaf under it. */
  leaf: string | null;
  /** A tag (case-insensitive). */
  tag: string | null;
  status: ReadingStatus | null;
  /** A year, or 'none' for items without one. */
  year: number | 'none' | null;
  sort: LibrarySort;
}

export const EMPTY_FILTER: LibraryFilter = {
  text: '',
  leaf: null,
  tag: null,
  status: null,
  year: null,
  sort: 'saved-desc',
};

/** Lower-case, without accents, whitespace collapsed: the form both the query and the items are compared in. */
export function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

const haystacks = new WeakMap<LibraryItem, string>();

/** The folded searchable text of an item (title, tags, note), cached per item object. */
export function searchableText(item: LibraryItem): string {
  let text = haystacks.get(item);
  if (text === undefined) {
    text = foldText(`${item.title}\n${item.tags.join('\n')}\n${item.note}`);
    haystacks.set(item, text);
  }
  return text;
}

/** The query's words, folded; empty for a blank query. */
export function queryTokens(text: string): string[] {
  const folded = foldText(text);
  return folded ? [...new Set(folded.split(' '))] : [];
}

/** True when every token occurs in the item's searchable text. */
export function matchesTokens(item: LibraryItem, tokens: readonly string[]): boolean {
  if (tokens.length === 0) return true;
  const text = searchableText(item);
  return tokens.every((token) => text.includes(token));
}

const collators = new Map<string, Intl.Collator>();
function collator(locale: string): Intl.Collator {
  let c = collators.get(locale);
  if (!c) {
    c = new Intl.Collator(locale, { sensitivity: 'base', numeric: true });
    collators.set(locale, c);
  }
  return c;
}

/** Ties break on the most recent save, then on the key, so the order never depends on the input order. */
function tieBreak(a: LibraryItem, b: LibraryItem): number {
  return b.savedAt - a.savedAt || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

/** Items without a year come last in both year orders. */
function byYear(direction: 1 | -1) {
  return (a: LibraryItem, b: LibraryItem) => {
    if (a.year === b.year) return tieBreak(a, b);
    if (a.year === null) return 1;
    if (b.year === null) return -1;
    return (a.year - b.year) * direction || tieBreak(a, b);
  };
}

/** A sorted copy of `items`. */
export function sortLibrary(items: readonly LibraryItem[], sort: LibrarySort, locale = 'en'): LibraryItem[] {
  const out = [...items];
  switch (sort) {
    case 'saved-desc':
      return out.sort(tieBreak);
    case 'saved-asc':
      return out.sort((a, b) => a.savedAt - b.savedAt || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    case 'year-desc':
      return out.sort(byYear(-1));
    case 'year-asc':
      return out.sort(byYear(1));
    case 'title-asc': {
      const c = collator(locale);
      return out.sort((a, b) => c.compare(a.title, b.title) || tieBreak(a, b));
    }
    default:
      return out;
  }
}

/** The items that pass every filter, sorted. */
export function filterLibrary(
  items: readonly LibraryItem[],
  filter: LibraryFilter,
  locale = 'en',
): LibraryItem[] {
  const tokens = queryTokens(filter.text);
  const leaves = filter.leaf ? new Set<string>(leavesUnder(filter.leaf)) : null;
  const tag = filter.tag ? filter.tag.toLowerCase() : null;
  const kept = items.filter(
    (item) =>
      (filter.status === null || item.status === filter.status) &&
      (filter.year === null || (filter.year === 'none' ? item.year === null : item.year === filter.year)) &&
      (leaves === null || item.leaves.some((leaf) => leaves.has(leaf))) &&
      (tag === null || item.tags.some((t) => t.toLowerCase() === tag)) &&
      matchesTokens(item, tokens),
  );
  return sortLibrary(kept, filter.sort, locale);
}

/** True when any filter (not the sort) is set. */
export function isFiltered(filter: LibraryFilter): boolean {
  return (
    queryTokens(filter.text).length > 0 ||
    filter.leaf !== null ||
    filter.tag !== null ||
    filter.status !== null ||
    filter.year !== null
  );
}

/** What the filter menus offer: the tags (most used first), years (newest first) and whether any item lacks one. */
export interface LibraryFacets {
  tags: { tag: string; count: number }[];
  years: number[];
  hasUnknownYear: boolean;
  statusCounts: Record<ReadingStatus, number>;
}

/** Facets of the whole library. Tags differing only in case are one tag (shown as first written). */
export function libraryFacets(items: readonly LibraryItem[]): LibraryFacets {
  const tags = new Map<string, { tag: string; count: number }>();
  const years = new Set<number>();
  let hasUnknownYear = false;
  const statusCounts: Record<ReadingStatus, number> = { 'to-read': 0, reading: 0, read: 0 };
  for (const item of items) {
    statusCounts[item.status] += 1;
    if (item.year === null) hasUnknownYear = true;
    else years.add(item.year);
    const seen = new Set<string>();
    for (const tag of item.tags) {
      const folded = tag.toLowerCase();
      if (seen.has(folded)) continue;
      seen.add(folded);
      const entry = tags.get(folded);
      if (entry) entry.count += 1;
      else tags.set(folded, { tag, count: 1 });
    }
  }
  return {
    tags: [...tags.values()].sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag)),
    years: [...years].sort((a, b) => b - a),
    hasUnknownYear,
    statusCounts,
  };
}
