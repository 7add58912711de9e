import type { IDBPDatabase } from 'idb';
import { taxonomyBrowserPath } from '../browse-path';
import type { CatalogIndexApi, LookupResult } from '../catalog/types';
import type { PaperText, Prediction } from '../classifier/model';
import type { PaperRecord } from '../dataset/schema';
import { getCatalogMeta } from '../db/catalog';
import {
  bulkRemoveLibrary,
  bulkUpdateLibrary,
  clearLibrary,
  type ImportOptions,
  importLibraryItems,
  listLibraryItems,
  type MergeLibrariesFn,
  removeLibraryItem,
  restoreLibrarySnapshot,
  type SaveLibraryInput,
  savedStates,
  saveLibraryItem,
  updateLibraryItem,
} from '../db/library';
import { type CatalogSchema, type LibrarySchema, libraryKeyFor, OpenReviewIdSchema } from '../db/schema';
import { listSnapshots } from '../db/snapshots';
import { mergeLibraries, planImport } from '../import';
import type { LibraryChange, MessageHandlers } from '../messages';
import type { Settings } from '../settings-schema';
import type { SyncStatus } from '../sync/status';
import { normalizeTitle } from '../text/title';
import { announceChanges } from './announce';
import { listIndex, lookupMany } from './lookup-many';

/** What the handlers need from the background; startBackground supplies the real ones, tests the same. */
export interface HandlerDeps {
  /** The in-memory index over the catalog rows (seeding first if needed). */
  index(): Promise<CatalogIndexApi>;
  catalogDb(): Promise<IDBPDatabase<CatalogSchema>>;
  libraryDb(): Promise<IDBPDatabase<LibrarySchema>>;
  /** Ensure the catalog is seeded; resolves even when seeding failed (the old catalog keeps serving). */
  seeded(): Promise<unknown>;
  /** The bundled dataset's identity, reported when the catalog has never been seeded. */
  bundledVersion: string;
  /** Announce a library change to every tab (browser.storage.local). */
  announce(change: LibraryChange): Promise<void>;
  /** Open an extension page (path from the extension root, e.g. "/browse.html#/node/quantization") in a tab. */
  openPage(path: string): Promise<void>;
  now(): number;
  /** Library sync (lib/sync/engine.ts), or a stand-in that explains why there is none. */
  sync: {
    status(): Promise<SyncStatus>;
    setEnabled(enabled: boolean): Promise<SyncStatus>;
  };
  /** Test seam of importLibrary's transaction (e.g. a simulated failure before the commit). */
  importOptions?: ImportOptions;
  /**
   * The classifier's guess for a paper outside the survey (lib/classifier), or null when the model cannot be
   * loaded. Absent: lookups carry no prediction.
   */
  predict?(paper: PaperText): Promise<Prediction | null>;
  /** The user's settings (kept in memory by the service). Absent: every site on. */
  settings?(): Promise<Settings>;
}

const DEFAULT_RELATED = 8;

/** The fields of a message that identify a paper. */
export interface PaperIdentity {
  arxivId?: string | undefined;
  openreviewId?: string | undefined;
  title?: string | undefined;
}

/**
 * Find the catalog record for what a page shows: arXiv id first, then the OpenReview id (with its arXiv id
 * and title as fallbacks), then the title. lookupPaper and savePaper share it so both agree on the record.
 */
export function resolvePaper(index: CatalogIndexApi, query: PaperIdentity): LookupResult | undefined {
  if (query.arxivId) {
    const byArxiv = index.lookup({ kind: 'arxiv', id: query.arxivId });
    if (byArxiv) return byArxiv;
  }
  if (query.openreviewId) {
    const byOpenReview = index.lookup({
      kind: 'openreview',
      id: query.openreviewId,
      title: query.title,
      arxivId: query.arxivId,
    });
    if (byOpenReview) return byOpenReview;
  }
  if (query.title && normalizeTitle(query.title)) return index.lookup({ kind: 'title', title: query.title });
  return undefined;
}

/**
 * The library key of what a page shows: the page's own ids win over the matched record's (the user saves
 * the paper in front of them), the record fills in ids the page lacks (an OpenReview page of a paper with
 * an arXiv id gets the same key as its arXiv page).
 */
export function paperKey(query: PaperIdentity, record: PaperRecord | undefined): string {
  const key = libraryKeyFor({
    arxivId: query.arxivId ?? record?.arxivId,
    openreviewId: query.openreviewId ?? record?.openreviewId,
    title: record?.title ?? query.title,
  });
  // Unreachable through the message schemas (they require an id or a title with letters or digits).
  if (!key) throw new Error('the paper has no arXiv id, no OpenReview id and no usable title');
  return key;
}

/** The handler of every declared message, over the given dependencies. */
export function createHandlers(deps: HandlerDeps): MessageHandlers {
  return {
    async lookupPaper(input) {
      const index = await deps.index();
      const found = resolvePaper(index, input);
      const limit = input.relatedLimit ?? DEFAULT_RELATED;
      // A paper outside the survey gets the classifier's guess, shown as a prediction (never as membership).
      const hasTitle = !!input.title && normalizeTitle(input.title) !== '';
      const prediction =
        !found && hasTitle && deps.predict
          ? await deps.predict({ title: input.title!, abstract: input.abstract })
          : null;
      let related: ReturnType<CatalogIndexApi['related']> = [];
      if (limit > 0) {
        if (found) related = index.related(found.record.id, { limit });
        else if (input.title) {
          // The catalog's own related-work ranking, with the predicted leaf in the place of a record's leaves:
          // candidates from that leaf (then its area) first, ordered by title similarity.
          const leaves = prediction?.kind === 'leaf' ? [prediction.leaf] : undefined;
          related = index.relatedToTitle(input.title, { limit, leaves });
        }
      }
      const libraryKey = paperKey(input, found?.record);
      const saved = (await savedStates(await deps.libraryDb(), [libraryKey]))[libraryKey] ?? false;
      return {
        paper: found?.record ?? null,
        matchedBy: found?.matchedBy ?? null,
        score: found?.score ?? null,
        related,
        saved,
        libraryKey,
        prediction,
      };
    },

    lookupMany(input) {
      return lookupMany(deps, input);
    },

    listIndex(input) {
      return listIndex(deps, input);
    },

    async relatedWorks({ recordId, limit, offset }) {
      const index = await deps.index();
      if (!index.get(recordId)) throw new Error(`no catalog record ${recordId.slice(0, 80)}`);
      return index.related(recordId, { limit: offset + limit }).slice(offset, offset + limit);
    },

    async searchCatalog({ query, leaf, limit }) {
      return (await deps.index()).search(query, { limit, leaf });
    },

    async listNode({ nodeId, sort }) {
      return (await deps.index()).byLeaf(nodeId, sort ? { sort } : undefined);
    },

    async taxonomyCounts() {
      return (await deps.index()).counts();
    },

    async getSavedState({ keys }) {
      return savedStates(await deps.libraryDb(), keys);
    },

    async savePaper(input) {
      const found = resolvePaper(await deps.index(), input);
      const record = found?.record;
      const key = input.key ?? paperKey(input, record);
      const recordOpenReviewId = OpenReviewIdSchema.safeParse(record?.openreviewId);
      const item: SaveLibraryInput = {
        key,
        title: input.title,
        url: input.url,
        arxivId: input.arxivId ?? record?.arxivId ?? null,
        openreviewId: input.openreviewId ?? (recordOpenReviewId.success ? recordOpenReviewId.data : null),
        // Left undefined (keep what is stored) when this save found nothing in the catalog.
        catalogId: record?.id,
        year: record?.year ?? undefined,
        authors: input.authors,
        leaves: input.leaves ?? record?.leaves,
      };
      const now = deps.now();
      const saved = await saveLibraryItem(await deps.libraryDb(), item, now);
      await deps.announce({ key: saved.key, saved: true, at: now });
      return saved;
    },

    async unsavePaper({ key }) {
      const removed = await removeLibraryItem(await deps.libraryDb(), key, deps.now());
      // Announced even when nothing was removed: a tab showing "saved" for it is stale and must learn so.
      await deps.announce({ key, saved: false, at: deps.now() });
      return { removed };
    },

    async listLibrary() {
      return listLibraryItems(await deps.libraryDb());
    },

    async updateLibraryItem(edit) {
      const now = deps.now();
      const item = await updateLibraryItem(await deps.libraryDb(), edit, now);
      await deps.announce({ key: item.key, saved: true, at: now });
      return item;
    },

    async bulkUpdateLibrary(edit) {
      const now = deps.now();
      const changed = await bulkUpdateLibrary(await deps.libraryDb(), edit, now);
      await announceChanges(
        deps.announce,
        changed.map((key) => ({ key, saved: true })),
        now,
      );
      return { updated: changed.length };
    },

    async bulkRemoveLibrary({ keys }) {
      const now = deps.now();
      const { removed } = await bulkRemoveLibrary(await deps.libraryDb(), keys, now);
      await announceChanges(
        deps.announce,
        removed.map((key) => ({ key, saved: false })),
        now,
      );
      return { removed: removed.length };
    },

    async importLibrary({ format, text, dryRun }) {
      const now = deps.now();
      // Parsing and validation happen before any transaction (lib/import is pure and never throws).
      const plan = planImport(text, { now, format });
      if (plan.error) throw new Error(plan.error);
      const mergeRejections: { index: number; reason: string }[] = [];
      const merge: MergeLibrariesFn = (existing, incoming) => {
        const merged = mergeLibraries(existing, incoming, { policy: plan.mergePolicy });
        mergeRejections.splice(0, mergeRejections.length, ...merged.report.rejections);
        return merged;
      };
      const db = await deps.libraryDb();
      const rejectedWith = () => [
        ...plan.rejected,
        // Indexes of merge-time rejections count the file's valid items (plan.items), not its entries.
        ...mergeRejections.map(({ index, reason }) => ({ index, reason: `not merged: ${reason}` })),
      ];
      if (dryRun) {
        const { report } = merge(await listLibraryItems(db), plan.items);
        const { added, merged, unchanged } = report;
        return { added, merged, unchanged, rejected: rejectedWith(), snapshotId: null };
      }
      const outcome = await importLibraryItems(db, plan.items, now, merge, deps.importOptions);
      await announceChanges(
        deps.announce,
        outcome.written.map((key) => ({ key, saved: true })),
        now,
      );
      return { ...outcome.report, rejected: rejectedWith(), snapshotId: outcome.snapshotId };
    },

    async listSnapshots() {
      return listSnapshots(await deps.libraryDb());
    },

    async restoreSnapshot({ id }) {
      const now = deps.now();
      const outcome = await restoreLibrarySnapshot(await deps.libraryDb(), id, now);
      await announceChanges(
        deps.announce,
        [
          ...outcome.upserted.map((key) => ({ key, saved: true })),
          ...outcome.removed.map((key) => ({ key, saved: false })),
        ],
        now,
      );
      return { restored: outcome.restored };
    },

    async clearLibrary() {
      const now = deps.now();
      const { removed } = await clearLibrary(await deps.libraryDb(), now);
      await announceChanges(
        deps.announce,
        removed.map((key) => ({ key, saved: false })),
        now,
      );
      return { removed: removed.length };
    },

    async getSyncStatus() {
      return deps.sync.status();
    },

    async setSyncEnabled({ enabled }) {
      return deps.sync.setEnabled(enabled);
    },

    async openTaxonomyBrowser({ nodeId }) {
      await deps.openPage(taxonomyBrowserPath(nodeId));
      return { opened: true };
    },

    async datasetInfo() {
      await deps.seeded();
      const meta = await getCatalogMeta(await deps.catalogDb());
      return meta
        ? { version: meta.version, records: meta.records, seededAt: meta.seededAt }
        : { version: deps.bundledVersion, records: 0, seededAt: null };
    },
  };
}
