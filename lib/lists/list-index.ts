import { libraryKeyFor } from '../library-key';
import { arxivKey } from '../paper-id';
import { isLeafId, type LeafId } from '../taxonomy';
import { normalizeTitle } from '../text/title';

/**
 * The catalog as the lists content script needs it to annotate id-bearing entries by itself (issue #5: a
 * 2,000-entry arXiv listing annotated within 100 ms of DOMContentLoaded). The script asks for it with one
 * `listIndex` message at document_start, while the page still parses; at DOMContentLoaded it has every verdict
 * at hand and puts the chips in before the page's first frame, where waiting for a lookupMany reply put them
 * one frame (150+ ms on that page) later.
 *
 * The rule is lookupMany's (lib/background/lookup-many.ts) for an entry that carries an arXiv id: the record
 * with that id, else the record WITHOUT an arXiv id whose normalised title equals the entry's (a record with
 * another arXiv id is another paper; ids are exact, titles are not). Entries without an arXiv id still go to
 * lookupMany, whose fuzzy title matcher is too large for a content script.
 *
 * Both ends share this file (zod-free, so the content script stays small): the background encodes, the
 * content script decodes. The encoding is plain text: ~1,500 records in ~30 KB, cheaper to send and to read
 * than as many small objects.
 */

/** The `listIndex` reply. */
export interface ListIndexWire {
  /** The user has the lists on for this site (when false, the rest is empty). */
  enabled?: boolean;
  /** `<arXiv key> <leaf>,<leaf>` per line (lib/paper-id.ts arxivKey): every catalog record with an arXiv id. */
  arxiv: string;
  /** `<normalised title>\t<leaf>,<leaf>` per line: catalog records without an arXiv id. */
  titles: string;
  /** Library keys of the user's saved arXiv papers (`arxiv:<id>`): every key an id-bearing entry can have. */
  saved: string[];
}

/** The record fields the index is built from (PaperRecord has them all). */
export interface IndexedRecord {
  arxivId?: string | null | undefined;
  normTitle: string;
  leaves: readonly string[];
}

/** The catalog part of the reply (the same for every page until the catalog changes: the background caches it). */
export function encodeListIndex(records: readonly IndexedRecord[]): Pick<ListIndexWire, 'arxiv' | 'titles'> {
  const arxiv: string[] = [];
  const titles: string[] = [];
  const seenTitles = new Set<string>();
  for (const r of records) {
    // Leaves may be empty (the survey itself is in the catalog, in no leaf): lookupMany answers it too.
    const leaves = r.leaves.join(',');
    if (r.arxivId) arxiv.push(`${arxivKey(r.arxivId)} ${leaves}`);
    // First record of a title wins, as in the catalog's own title map. Tabs and newlines are separators here;
    // a normalised title holds neither (normalizeTitle collapses whitespace to single spaces).
    else if (r.normTitle && !seenTitles.has(r.normTitle) && !/[\t\n]/.test(r.normTitle)) {
      seenTitles.add(r.normTitle);
      titles.push(`${r.normTitle}\t${leaves}`);
    }
  }
  return { arxiv: arxiv.join('\n'), titles: titles.join('\n') };
}

/** What the lists script shows for one entry: lookupMany's hit, minus what only the card needs. */
export interface LocalHit {
  leaves: LeafId[];
  libraryKey: string;
  saved: boolean;
  matchedBy: 'arxiv-id' | 'title-exact';
}

/** The decoded index: lookups by arXiv id and by normalised title, and the saved keys. */
export class ListIndex {
  private readonly arxiv = new Map<string, string>();
  private readonly titles = new Map<string, string>();
  private readonly saved: Set<string>;

  constructor(wire: ListIndexWire) {
    for (const line of wire.arxiv.split('\n')) {
      const space = line.indexOf(' ');
      if (space > 0) this.arxiv.set(line.slice(0, space), line.slice(space + 1));
    }
    for (const line of wire.titles.split('\n')) {
      const tab = line.indexOf('\t');
      if (tab > 0) this.titles.set(line.slice(0, tab), line.slice(tab + 1));
    }
    this.saved = new Set(wire.saved);
  }

  /** Records with an arXiv id in the index. */
  get size(): number {
    return this.arxiv.size;
  }

  /**
   * The verdict for an entry with an arXiv id (null: not in the catalog), by lookupMany's rule for such
   * entries. `undefined` for an entry without one: only lookupMany can answer it.
   */
  resolve(entry: { arxivId: string | null; title: string | null }): LocalHit | null | undefined {
    const id = entry.arxivId;
    if (!id) return undefined;
    let leaves = this.arxiv.get(arxivKey(id));
    let matchedBy: LocalHit['matchedBy'] = 'arxiv-id';
    if (leaves === undefined && entry.title && this.titles.size > 0) {
      const norm = normalizeTitle(entry.title);
      leaves = norm ? this.titles.get(norm) : undefined;
      matchedBy = 'title-exact';
    }
    if (leaves === undefined) return null;
    // An entry with an arXiv id is saved under it (lib/background/handlers.ts paperKey: the query's id first).
    const libraryKey = libraryKeyFor({ arxivId: id }) as string;
    // Leaf ids this build does not know (an index from a newer catalog) are left out, as the schema would.
    return {
      leaves: leaves === '' ? [] : leaves.split(',').filter(isLeafId),
      libraryKey,
      saved: this.saved.has(libraryKey),
      matchedBy,
    };
  }
}
