import type { IDBPDatabase } from 'idb';
import { CatalogIndex } from '../catalog/index';
import type { CatalogIndexApi } from '../catalog/types';
import { bundledClassifier } from '../classifier/load';
import { type ClassifierModel, type PaperText, type Prediction, predict } from '../classifier/model';
import { ensureCatalogSeeded, getCatalogMeta, loadAllRecords, type SeedResult } from '../db/catalog';
import type { ImportOptions } from '../db/library';
import { openCatalogDb, openLibraryDb } from '../db/open';
import type { BundledDataset, CatalogSchema, LibrarySchema } from '../db/schema';
import { describeStorageError } from '../db/storage-errors';
import {
  createMessageHandler,
  LIBRARY_CHANGE_STORAGE_KEY,
  type LibraryChange,
  type MessageHandlers,
  type MessageListener,
} from '../messages';
import { DEFAULT_SETTINGS, repairSettings, SETTINGS_KEY, type Settings } from '../settings-schema';
import { createSyncEngine, type SyncArea, type SyncEngine } from '../sync/engine';
import { CHROME_SYNC_LIMITS, type SyncLimits } from '../sync/format';
import type { SyncStatus } from '../sync/status';
import { announceChanges } from './announce';
import type { BUNDLED_RECORDS_PATH } from './bundled';
import { createHandlers } from './handlers';

/** After a failed seed, requests within this many ms reuse the failure instead of loading the dataset again. */
export const SEED_RETRY_MS = 30_000;

/** The parts of the browser API the background uses (fakeBrowser and the real `browser` both fit). */
export interface BackgroundBrowser {
  runtime: {
    id: string;
    /** '/' for the sender check, BUNDLED_RECORDS_PATH for the dataset file. */
    getURL(path: '/' | typeof BUNDLED_RECORDS_PATH): string;
    onMessage: { addListener(listener: MessageListener): void };
    onInstalled: { addListener(callback: (details: { reason: string }) => void): void };
  };
  storage: {
    local: {
      set(items: Record<string, unknown>): Promise<void>;
      /** Needed by sync (its setting and status live in storage.local). */
      get?(keys: string | string[]): Promise<Record<string, unknown>>;
    };
    /** browser.storage.sync; without it (or without local.get) sync reports itself unavailable. */
    sync?: SyncArea;
    /** Where other browsers' sync writes arrive. */
    onChanged?: {
      addListener(callback: (changes: Record<string, { newValue?: unknown }>, area: string) => void): void;
    };
  };
  /** Absent in some test doubles; opening pages then fails with a clear error. */
  tabs?: { create(properties: { url: string }): Promise<unknown> };
}

/** Options of createBackgroundService. */
export interface BackgroundServiceOptions {
  browser: BackgroundBrowser;
  bundled: BundledDataset;
  now?: () => number;
  /** Database names (tests use unique ones). */
  catalogDbName?: string;
  libraryDbName?: string;
  /** Where warnings go (default console). */
  logger?: Pick<Console, 'warn'>;
  /** Delay between a library change and the sync push (default SYNC_DEBOUNCE_MS). */
  syncDebounceMs?: number;
  /** storage.sync quotas (default Chrome's). */
  syncLimits?: SyncLimits;
  /** Test seam of importLibrary's transaction. */
  importOptions?: ImportOptions;
  /** After a failed seed, the delay before a request tries again (default SEED_RETRY_MS). */
  seedRetryMs?: number;
  /** The classifier model loader (default: data/classifier.json from the extension, lib/classifier/load.ts). */
  classifier?: () => Promise<ClassifierModel>;
}

/** The running background: its listener and lazily built state. */
export interface BackgroundService {
  /** The runtime.onMessage listener (already registered by startBackground). */
  listener: MessageListener;
  handlers: MessageHandlers;
  /**
   * Seed the catalog if its version differs from the bundled one. A success is memoised for this service
   * worker's life; a failure for seedRetryMs, after which the next call tries again.
   */
  ensureSeeded(): Promise<SeedResult>;
  /** ensureSeeded for event listeners: never rejects; logs each failed attempt once. */
  seed(): Promise<void>;
  /** The CatalogIndex over the IndexedDB rows (memoised; rebuilt after a reseed). */
  index(): Promise<CatalogIndexApi>;
  /** Library sync, or null when this browser has no storage.sync. */
  sync: SyncEngine | null;
  /** Close the databases (tests). */
  close(): Promise<void>;
}

/** A memoised async value that forgets a failure, so the next call retries (e.g. a blocked open). */
function retryingOnce<T>(make: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | null = null;
  return () => {
    if (!pending) {
      const attempt = make();
      pending = attempt;
      attempt.catch(() => {
        if (pending === attempt) pending = null;
      });
    }
    return pending;
  };
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The handlers, with IndexedDB quota and availability failures rewritten into a message a user understands
 * (lib/db/storage-errors.ts); the reply stays {ok: false}, so no UI shows a save that did not happen.
 */
export function withStorageErrors(handlers: MessageHandlers): MessageHandlers {
  type AnyHandler = (...args: never[]) => Promise<unknown>;
  const wrapped: Record<string, AnyHandler> = {};
  for (const [name, handler] of Object.entries(handlers) as [string, AnyHandler][]) {
    wrapped[name] = async (...args) => {
      try {
        return await handler(...args);
      } catch (error) {
        const clear = describeStorageError(error, `the request (${name})`);
        throw clear ? new Error(clear, { cause: error }) : error;
      }
    };
  }
  return wrapped as unknown as MessageHandlers;
}

/**
 * Everything the background does, without registering anything: opens the databases on first use, seeds
 * the catalog once per service-worker life, and builds the CatalogIndex from the IndexedDB rows once.
 */
export function createBackgroundService(options: BackgroundServiceOptions): BackgroundService {
  const { browser, bundled } = options;
  const now = options.now ?? Date.now;
  const logger = options.logger ?? console;

  const opened: { close(): void }[] = [];
  const track = <T extends { close(): void }>(db: T): T => {
    opened.push(db);
    return db;
  };
  // Opened on first use: a worker woken for a lookup never opens the library until it needs saved state.
  const catalogDb = retryingOnce<IDBPDatabase<CatalogSchema>>(async () =>
    track(await openCatalogDb({ name: options.catalogDbName })),
  );
  const libraryDb = retryingOnce<IDBPDatabase<LibrarySchema>>(async () =>
    track(await openLibraryDb({ name: options.libraryDbName })),
  );

  // Bumped whenever a seed rewrites the rows, so an index built from older rows is rebuilt.
  let generation = 0;

  // A successful seed (or finding the catalog current) is final for this worker's life: the bundled dataset
  // cannot change while it lives. A failure (the records file missing or broken, a write aborted) is kept for
  // seedRetryMs and then retried by the next request: the previous catalog keeps serving meanwhile, and a
  // page's burst of messages does not fetch and validate the whole dataset once per message. A new worker
  // (MV3 stops idle ones after ~30 s) starts with no memory of it and tries again too.
  const retryMs = options.seedRetryMs ?? SEED_RETRY_MS;
  interface SeedAttempt {
    promise: Promise<SeedResult>;
    failedAt: number | null;
    warned: boolean;
  }
  let seeding: SeedAttempt | null = null;
  const currentAttempt = (): SeedAttempt => {
    if (seeding && (seeding.failedAt === null || now() - seeding.failedAt < retryMs)) return seeding;
    const attempt: SeedAttempt = {
      promise: (async () => {
        const result = await ensureCatalogSeeded(await catalogDb(), bundled, { now: now() });
        if (result.seeded) generation++;
        return result;
      })(),
      failedAt: null,
      warned: false,
    };
    attempt.promise.catch(() => {
      attempt.failedAt = now();
    });
    seeding = attempt;
    return attempt;
  };
  const ensureSeeded = (): Promise<SeedResult> => currentAttempt().promise;

  /** ensureSeeded that resolves with the failure (undefined on success) and logs it once per attempt. */
  const trySeed = async (): Promise<unknown> => {
    const attempt = currentAttempt();
    try {
      await attempt.promise;
      return undefined;
    } catch (error) {
      if (!attempt.warned) {
        attempt.warned = true;
        logger.warn(
          `Efficiency Lens: catalog seeding failed, keeping the previous catalog (retried after ${retryMs} ms or at the next start): ${errorMessage(error)}`,
        );
      }
      return error ?? new Error('unknown seeding failure');
    }
  };
  const seededOrWarn = async (): Promise<void> => {
    await trySeed();
  };

  let built: { generation: number; index: Promise<CatalogIndexApi> } | null = null;
  const index = async (): Promise<CatalogIndexApi> => {
    const failure = await trySeed();
    if (!built || built.generation !== generation) {
      const attempt = (async () => {
        const db = await catalogDb();
        if (!(await getCatalogMeta(db))) {
          const reason = failure === undefined ? 'no rows were written' : errorMessage(failure);
          throw new Error(`the catalog has never been seeded (${reason})`);
        }
        return CatalogIndex.fromRecords(await loadAllRecords(db), { lazy: true }) as CatalogIndexApi;
      })();
      const entry = { generation, index: attempt };
      built = entry;
      attempt.catch(() => {
        if (built === entry) built = null;
      });
    }
    return built.index;
  };

  const tellTabs = async (change: LibraryChange): Promise<void> => {
    try {
      await browser.storage.local.set({ [LIBRARY_CHANGE_STORAGE_KEY]: change });
    } catch (error) {
      // The change itself is stored; only the cross-tab notification is lost.
      logger.warn(`Efficiency Lens: could not announce a library change: ${errorMessage(error)}`);
    }
  };

  const { get: localGet } = browser.storage.local;
  const syncArea = browser.storage.sync;
  const sync: SyncEngine | null =
    syncArea && localGet
      ? createSyncEngine({
          sync: syncArea,
          local: {
            get: (keys) => localGet.call(browser.storage.local, keys),
            set: (items) => browser.storage.local.set(items),
          },
          libraryDb,
          now,
          // What a sync run changed is announced like a bulk change (it is one), without scheduling another run.
          announce: (changes, at) => announceChanges(tellTabs, changes, at),
          // Fields a compact record left out (leaves, year, a cut title) come back from the catalog.
          async recoverer() {
            const catalog = await index();
            return (item) => {
              const record = item.catalogId ? catalog.get(item.catalogId) : undefined;
              return record ? { leaves: record.leaves, year: record.year, title: record.title } : undefined;
            };
          },
          debounceMs: options.syncDebounceMs,
          limits: options.syncLimits,
          logger,
        })
      : null;
  const unavailable = async (): Promise<SyncStatus> => ({
    enabled: false,
    lastSyncedAt: null,
    bytesUsed: 0,
    quotaBytes: (options.syncLimits ?? CHROME_SYNC_LIMITS).quotaBytes,
    itemsSynced: 0,
    overQuota: false,
    error: 'This browser offers no storage.sync: the library cannot be synced here.',
  });

  // Every library change is announced to the tabs and, when sync is on, pushed after the debounce.
  const announce = async (change: LibraryChange): Promise<void> => {
    await tellTabs(change);
    sync?.schedule();
  };

  // The classifier is a nice-to-have: a lookup still answers (prediction null) when its model is missing or
  // broken, and the failure is logged once per worker life rather than once per page.
  // The path is cast like openPage's: WXT types getURL by the files it knows to ship (wxt.config.ts
  // prepare:publicPaths), and data/classifier.json is not listed there yet.
  const loadClassifier =
    options.classifier ??
    bundledClassifier({ runtime: { getURL: (path) => browser.runtime.getURL(path as '/') } });
  let classifierWarned = false;
  const predictPaper = async (paper: PaperText): Promise<Prediction | null> => {
    try {
      return predict(await loadClassifier(), paper);
    } catch (error) {
      if (!classifierWarned) {
        classifierWarned = true;
        logger.warn(`Efficiency Lens: no predictions for papers outside the survey: ${errorMessage(error)}`);
      }
      return null;
    }
  };

  // The settings in memory, kept current from storage.onChanged: the lists content script asks for them (with
  // its list index) at document_start, where a storage read of its own was the slowest step.
  let settingsCache: Promise<Settings> | null = null;
  const settings = (): Promise<Settings> => {
    const get = browser.storage.local.get;
    if (!get) return Promise.resolve(DEFAULT_SETTINGS);
    if (!settingsCache) {
      const read = get
        .call(browser.storage.local, SETTINGS_KEY)
        .then((items) => repairSettings(items[SETTINGS_KEY]));
      settingsCache = read;
      // A failed read is not kept: the next request reads again.
      read.catch(() => {
        if (settingsCache === read) settingsCache = null;
      });
    }
    return settingsCache;
  };
  browser.storage.onChanged?.addListener((changes, area) => {
    if (area === 'local' && SETTINGS_KEY in changes) {
      settingsCache = Promise.resolve(repairSettings(changes[SETTINGS_KEY]?.newValue));
    }
  });

  const handlers = createHandlers({
    index,
    catalogDb,
    libraryDb,
    seeded: seededOrWarn,
    bundledVersion: bundled.meta.version,
    announce,
    async openPage(path) {
      if (!browser.tabs) throw new Error('this context cannot open tabs');
      await browser.tabs.create({ url: browser.runtime.getURL(path as '/') });
    },
    now,
    sync: sync
      ? { status: () => sync.status(), setEnabled: (enabled) => sync.setEnabled(enabled) }
      : { status: unavailable, setEnabled: unavailable },
    importOptions: options.importOptions,
    predict: predictPaper,
    settings,
  });
  const listener = createMessageHandler(withStorageErrors(handlers), {
    extensionOrigin: browser.runtime.getURL('/'),
    extensionId: browser.runtime.id,
  });

  return {
    listener,
    handlers,
    ensureSeeded,
    seed: seededOrWarn,
    index,
    sync,
    async close() {
      sync?.dispose();
      await sync?.idle();
      for (const db of opened.splice(0)) db.close();
    },
  };
}
