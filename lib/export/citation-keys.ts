import type { LibraryItem } from '../db/schema';
import { asciiFold } from './ascii';
import { itemYear } from './item';
import { parseAuthorName, sortingFamily } from './names';

/**
 * Citation keys in Google Scholar's familiar shape: first author's family name + year + first significant
 * title word, ASCII-folded and lower-case ("hu2021lora"). The key depends only on the item, so the same paper
 * gets the same key in every export; only papers whose keys collide within one export get suffixes.
 */

// Words Google Scholar also skips when it picks the title word.
const STOPWORDS: ReadonlySet<string> = new Set([
  'a',
  'an',
  'the',
  'on',
  'of',
  'in',
  'for',
  'to',
  'and',
  'at',
  'by',
  'from',
  'with',
  'is',
  'are',
  'towards',
  'toward',
]);
// Long German compounds and run-together names stay readable at this length.
const MAX_PART = 24;

/** The key before disambiguation: "hu2021lora"; "anon" without a usable author name, "nd" without a year. */
export function baseCitationKey(item: Pick<LibraryItem, 'authors' | 'year' | 'arxivId' | 'title'>): string {
  let author = '';
  for (const name of item.authors) {
    author = asciiFold(sortingFamily(parseAuthorName(name)));
    // A first author whose name does not fold (中文, עברית) gives way to the next one that does.
    if (author) break;
  }
  const year = itemYear(item);
  let word = '';
  for (const token of item.title.split(/\s+/)) {
    const folded = asciiFold(token);
    if (folded && !STOPWORDS.has(folded)) {
      word = folded;
      break;
    }
  }
  return `${(author || 'anon').slice(0, MAX_PART)}${year ?? 'nd'}${word.slice(0, MAX_PART)}`;
}

/** a, b, …, z, aa, ab, … (bijective base 26). */
function suffix(n: number): string {
  let out = '';
  for (let k = n + 1; k > 0; k = Math.floor((k - 1) / 26))
    out = String.fromCharCode(97 + ((k - 1) % 26)) + out;
  return out;
}

/**
 * Unique keys for a list of items, aligned with it. Items sharing a base key all get a suffix (a, b, c…),
 * handed out in order of savedAt then library key, so the result does not depend on the order of `items`.
 * A suffixed key never takes a key that another item has as its own base key.
 */
export function citationKeys(
  items: readonly Pick<LibraryItem, 'key' | 'authors' | 'year' | 'arxivId' | 'title' | 'savedAt'>[],
): string[] {
  const bases = items.map(baseCitationKey);
  const groups = new Map<string, number[]>();
  bases.forEach((base, index) => {
    const group = groups.get(base);
    if (group) group.push(index);
    else groups.set(base, [index]);
  });
  const keys: string[] = new Array(items.length);
  const taken = new Set<string>();
  for (const [base, group] of groups) {
    if (group.length === 1) {
      keys[group[0]!] = base;
      taken.add(base);
    }
  }
  // Groups in order of their base key, members by savedAt then library key: independent of input order.
  const colliding = [...groups].filter(([, group]) => group.length > 1).sort(([a], [b]) => (a < b ? -1 : 1));
  for (const [base, group] of colliding) {
    group.sort((a, b) => {
      const x = items[a]!;
      const y = items[b]!;
      if (x.savedAt !== y.savedAt) return x.savedAt - y.savedAt;
      if (x.key !== y.key) return x.key < y.key ? -1 : 1;
      return a - b;
    });
    let n = 0;
    for (const index of group) {
      while (taken.has(base + suffix(n))) n++;
      keys[index] = base + suffix(n);
      taken.add(keys[index]!);
      n++;
    }
  }
  return keys;
}
