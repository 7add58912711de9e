import { type BatchTitleMatch, matchTitles, type TitleCatalog } from '../catalog/title-match';
import type { CatalogIndexApi } from '../catalog/types';
import type { PaperRecord } from '../dataset/schema';
import { savedKeysWithPrefix, savedStates } from '../db/library';
import { encodeListIndex, type ListIndexWire } from '../lists/list-index';
import type { HandlerOutput, ParsedInput } from '../messages';
import type { Settings } from '../settings-schema';
import type { SiteId } from '../sites/types';
import { normalizeTitle } from '../text/title';
import { type PaperIdentity, paperKey } from './handlers';

/**
 * lookupMany: the catalog verdict for every entry of a list page in one message (issue #5). Ids first (a map
 * lookup each), then titles in one batch through lib/catalog/title-match.ts's matchTitles, then the saved
 * state of every hit in one library read.
 *
 * Which titles are matched against what:
 * - an entry with no id (most references of an HTML paper) against the whole catalog;
 * - an entry whose arXiv id is not in the catalog (most entries of a listing) only against the records that
 *   have no arXiv id, and only by the exact normalised title: a record with another arXiv id is another paper
 *   (ids are exact, titles are not), and an entry that names its own id is a distinct arXiv paper, so a title
 *   that is merely similar is not enough. The lists content script applies the same rule by itself
 *   (lib/lists/list-index.ts), before the page's first frame;
 * - an entry whose OpenReview id is not in the catalog, likewise against records without an OpenReview id.
 */

type Hit = NonNullable<HandlerOutput<'lookupMany'>[number]>;
type Entry = ParsedInput<'lookupMany'>['entries'][number];
type MatchedBy = Hit['matchedBy'];

interface Found {
  record: PaperRecord;
  matchedBy: MatchedBy;
  score: number;
}

/**
 * The index itself when it can list its records (CatalogIndex has all(); the API type does not promise it).
 * The same object every time: matchTitles caches its tables per catalog object, so a wrapper made per call
 * would rebuild them (~200 ms) on every message.
 */
function titleCatalog(index: CatalogIndexApi): TitleCatalog | null {
  return typeof (index as Partial<TitleCatalog>).all === 'function'
    ? (index as CatalogIndexApi & TitleCatalog)
    : null;
}

/** Sub-catalogs (records without an arXiv id / an OpenReview id), built once per index object. */
const subsets = new WeakMap<CatalogIndexApi, { noArxiv: TitleCatalog; noOpenReview: TitleCatalog }>();

function subsetsOf(index: CatalogIndexApi, catalog: TitleCatalog) {
  let found = subsets.get(index);
  if (!found) {
    const records = catalog.all();
    const noArxiv = records.filter((r) => !r.arxivId);
    const noOpenReview = records.filter((r) => !r.openreviewId);
    // Fixed objects: matchTitles caches its tables per catalog object.
    found = { noArxiv: { all: () => noArxiv }, noOpenReview: { all: () => noOpenReview } };
    subsets.set(index, found);
  }
  return found;
}

/** Title matches of `titles` against `catalog`, or byTitle one by one when the index cannot list records. */
function matchBatch(
  index: CatalogIndexApi,
  catalog: TitleCatalog | null,
  titles: string[],
  accept: (record: PaperRecord, matchedBy: MatchedBy) => boolean,
): (Found | null)[] {
  if (titles.length === 0) return [];
  if (catalog) {
    return matchTitles(catalog, titles).map((m: BatchTitleMatch | null) =>
      m && accept(m.record, m.matchedBy)
        ? { record: m.record, matchedBy: m.matchedBy, score: m.score }
        : null,
    );
  }
  return titles.map((title) => {
    const m = index.byTitle(title);
    const matchedBy: MatchedBy = m?.exact ? 'title-exact' : 'title-fuzzy';
    return m && accept(m.record, matchedBy) ? { record: m.record, matchedBy, score: m.score } : null;
  });
}

/** The verdict for each entry (null: not in the catalog), aligned with `entries`. Pure over the index. */
export function resolveMany(index: CatalogIndexApi, entries: readonly PaperIdentity[]): (Found | null)[] {
  const out: (Found | null)[] = entries.map((entry) => {
    if (entry.arxivId) {
      const record = index.byArxivId(entry.arxivId);
      if (record) return { record, matchedBy: 'arxiv-id', score: 1 };
    }
    if (entry.openreviewId) {
      const record = index.byOpenReviewId(entry.openreviewId);
      if (record) return { record, matchedBy: 'openreview-id', score: 1 };
    }
    return null;
  });

  // Title fallbacks, grouped by the catalog they are matched against (one matchTitles call per group).
  const groups = { all: [] as number[], noArxiv: [] as number[], noOpenReview: [] as number[] };
  entries.forEach((entry, i) => {
    if (out[i] || !entry.title || normalizeTitle(entry.title) === '') return;
    if (entry.arxivId) groups.noArxiv.push(i);
    else if (entry.openreviewId) groups.noOpenReview.push(i);
    else groups.all.push(i);
  });
  const catalog = titleCatalog(index);
  const subset = catalog ? subsetsOf(index, catalog) : null;
  const run = (
    positions: number[],
    target: TitleCatalog | null,
    accept: (record: PaperRecord, matchedBy: MatchedBy) => boolean,
  ) => {
    const found = matchBatch(
      index,
      target,
      positions.map((i) => entries[i]!.title!),
      accept,
    );
    positions.forEach((i, k) => {
      out[i] = found[k] ?? null;
    });
  };
  run(groups.all, catalog, () => true);
  // Without a listable catalog, byTitle searches everything; the id rule is then applied to its answer.
  const exact = (by: MatchedBy) => by === 'title-exact';
  run(groups.noArxiv, subset?.noArxiv ?? null, (r, by) => !r.arxivId && exact(by));
  run(groups.noOpenReview, subset?.noOpenReview ?? null, (r, by) => !r.openreviewId && exact(by));
  return out;
}

/** The lookupMany handler: verdicts, library keys and saved states (one library read). */
export async function lookupMany(
  deps: { index(): Promise<CatalogIndexApi>; libraryDb(): Promise<Parameters<typeof savedStates>[0]> },
  input: { entries: readonly Entry[] },
): Promise<HandlerOutput<'lookupMany'>> {
  const index = await deps.index();
  const found = resolveMany(index, input.entries);
  const keys = found.map((f, i) => (f ? paperKey(input.entries[i]!, f.record) : null));
  const wanted = [...new Set(keys.filter((k): k is string => k !== null))];
  const saved = wanted.length > 0 ? await savedStates(await deps.libraryDb(), wanted) : {};
  return found.map((f, i) => {
    if (!f) return null;
    const libraryKey = keys[i]!;
    return {
      recordId: f.record.id,
      title: f.record.title,
      year: f.record.year,
      leaves: f.record.leaves,
      libraryKey,
      saved: saved[libraryKey] ?? false,
      matchedBy: f.matchedBy,
      score: f.score,
    };
  });
}

/** The encoded catalog per index object (the same until the catalog is reseeded, which makes a new index). */
const encoded = new WeakMap<CatalogIndexApi, Pick<ListIndexWire, 'arxiv' | 'titles'>>();

/**
 * The listIndex handler: the catalog part (built once per index, ~2 ms) and the saved arXiv keys (one key
 * range read; every key an entry with an arXiv id can be saved under starts with "arxiv:").
 */
export async function listIndex(
  deps: {
    index(): Promise<CatalogIndexApi>;
    libraryDb(): Promise<Parameters<typeof savedStates>[0]>;
    /** The user's settings (absent: every site on). */
    settings?(): Promise<Settings>;
  },
  input: { site: string },
): Promise<Required<ListIndexWire>> {
  const settings = deps.settings ? await deps.settings() : null;
  // A switched-off site gets nothing: no catalog, no saved keys.
  if (settings && settings.sites[input.site as SiteId] !== true) {
    return { enabled: false, arxiv: '', titles: '', saved: [] };
  }
  const index = await deps.index();
  let catalog = encoded.get(index);
  if (!catalog) {
    const listable = titleCatalog(index);
    if (!listable) throw new Error('the catalog index cannot list its records');
    catalog = encodeListIndex(listable.all());
    encoded.set(index, catalog);
  }
  const saved = await savedKeysWithPrefix(await deps.libraryDb(), 'arxiv:');
  return { enabled: true, ...catalog, saved };
}
