import type { IDBPDatabase } from 'idb';
import { applyLibraryDelta } from '../db/library';
import type { LibrarySchema } from '../db/schema';
import { decodeFromSync, encodeForSync } from './codec';
import { CHROME_SYNC_LIMITS, SYNC_KEY_PREFIX, type SyncLimits } from './format';
import { type MergeSyncOptions, mergeSync, remoteIsBehind } from './merge';
import type { SyncStatus } from './status';

/**
 * The background's sync loop over browser.storage.sync (optional, off by default).
 *
 * One run = pull, merge, push: read storage.sync, merge it into the library in one IndexedDB transaction
 * (mergeSync), encode the merged library (encodeForSync) and write it only if storage.sync lacks something
 * newer that this browser has. Runs never overlap; local changes schedule a run after a debounce
 * (SYNC_DEBOUNCE_MS), and so do changes written to storage.sync by the user's other browsers
 * (storage.onChanged), except the echo of our own writes.
 */

/** storage.local key of the on/off setting (a boolean; absent = off). */
export const SYNC_ENABLED_KEY = 'syncEnabled';
/** storage.local key of the last run's figures (SyncState). */
export const SYNC_STATE_KEY = 'syncState';
/**
 * Default delay between a local change and the push. Each push is one or two write operations, and Chrome
 * allows 1,800 an hour (MAX_WRITE_OPERATIONS_PER_HOUR): pushing at most every 5 s stays under it even while
 * the user edits without pause.
 */
export const SYNC_DEBOUNCE_MS = 5_000;

/** The parts of browser.storage.sync the engine uses. */
export interface SyncArea {
  get(keys?: null | string | string[]): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

/** The parts of browser.storage.local the engine uses. */
export interface LocalArea {
  get(keys: string | string[]): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

/** A change to the library made by a sync run, announced like any other. */
export interface SyncedChange {
  key: string;
  saved: boolean;
}

/** Options of createSyncEngine. */
export interface SyncEngineOptions {
  sync: SyncArea;
  local: LocalArea;
  libraryDb(): Promise<IDBPDatabase<LibrarySchema>>;
  now(): number;
  /** Tell the tabs what a run changed (the background writes storage.local `libraryChange`). */
  announce?(changes: SyncedChange[], at: number): Promise<void>;
  /** Resolves to mergeSync's `recover` (the catalog), or undefined; called once per run, before the merge. */
  recoverer?(): Promise<MergeSyncOptions['recover'] | undefined>;
  debounceMs?: number;
  limits?: SyncLimits;
  logger?: Pick<Console, 'warn'>;
}

/** The running engine. */
export interface SyncEngine {
  status(): Promise<SyncStatus>;
  /** Turn sync on (and run at once) or off. */
  setEnabled(enabled: boolean): Promise<SyncStatus>;
  /** Run now (after any run in progress); does nothing when sync is off. */
  syncNow(): Promise<SyncStatus>;
  /** A local change happened: run after the debounce. */
  schedule(): void;
  /** A storage.onChanged listener: runs when another browser changed the library's keys in storage.sync. */
  onStorageChanged(changes: Record<string, { newValue?: unknown }>, area: string): void;
  /** Resolves when no run is in progress or scheduled (tests, shutdown). */
  idle(): Promise<void>;
  /** Cancel a scheduled run. */
  dispose(): void;
}

/** The last run's figures, kept in storage.local so a restarted service worker still reports them. */
interface SyncState {
  lastSyncedAt: number | null;
  bytesUsed: number;
  itemsSynced: number;
  overQuota: boolean;
  error: string | null;
}

/** Repair a stored state field by field (storage.local is shared and may hold anything). */
function repairState(value: unknown): SyncState {
  const v = (value && typeof value === 'object' ? value : {}) as Record<string, unknown>;
  const count = (x: unknown) => (typeof x === 'number' && Number.isSafeInteger(x) && x >= 0 ? x : 0);
  return {
    lastSyncedAt:
      typeof v.lastSyncedAt === 'number' && Number.isFinite(v.lastSyncedAt) ? v.lastSyncedAt : null,
    bytesUsed: count(v.bytesUsed),
    itemsSynced: count(v.itemsSynced),
    overQuota: v.overQuota === true,
    error: typeof v.error === 'string' ? v.error.slice(0, 500) : null,
  };
}

function ownEntries(all: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(all ?? {}).filter(([key]) => key.startsWith(SYNC_KEY_PREFIX)));
}

function sameEntries(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const keys = Object.keys(a).sort();
  const other = Object.keys(b).sort();
  return (
    keys.length === other.length &&
    keys.every((key, i) => key === other[i] && JSON.stringify(a[key]) === JSON.stringify(b[key]))
  );
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Create the sync engine; nothing runs until syncNow, schedule, setEnabled or a storage change. */
export function createSyncEngine(options: SyncEngineOptions): SyncEngine {
  const { sync, local } = options;
  const limits = options.limits ?? CHROME_SYNC_LIMITS;
  const debounceMs = options.debounceMs ?? SYNC_DEBOUNCE_MS;
  const logger = options.logger ?? console;

  const isEnabled = async () => (await local.get(SYNC_ENABLED_KEY))[SYNC_ENABLED_KEY] === true;
  const readState = async () => repairState((await local.get(SYNC_STATE_KEY))[SYNC_STATE_KEY]);
  const writeState = async (patch: Partial<SyncState>) => {
    await local.set({ [SYNC_STATE_KEY]: { ...(await readState()), ...patch } });
  };
  const status = async (): Promise<SyncStatus> => ({
    enabled: await isEnabled(),
    ...(await readState()),
    quotaBytes: limits.quotaBytes,
  });

  // What this engine last wrote, to recognise the storage.onChanged echo of its own write.
  let lastWritten: Record<string, unknown> | null = null;

  async function runOnce(): Promise<void> {
    if (!(await isEnabled())) return;
    const now = options.now();
    try {
      const remoteEntries = ownEntries(await sync.get(null));
      const remote = decodeFromSync(remoteEntries);
      if (remote.newerFormat) {
        // Writing our older format over it would lose what the newer release stored.
        await writeState({ error: `Sync paused: ${remote.errors[0]}. Update the extension.` });
        return;
      }
      let recover: MergeSyncOptions['recover'];
      // Only records that left something out need the catalog (building its index is not free).
      if (remote.items.some((item) => item.omitted.size > 0 || item.truncated.title)) {
        try {
          recover = await options.recoverer?.();
        } catch {
          recover = undefined;
        }
      }
      const db = await options.libraryDb();
      const merged = await applyLibraryDelta(
        db,
        (items, tombstones) => mergeSync(items, remote, tombstones, { recover }),
        now,
      );
      const changes: SyncedChange[] = [
        ...merged.delta.upserts.map((item) => ({ key: item.key, saved: true })),
        ...merged.delta.deletions.map((key) => ({ key, saved: false })),
      ];
      if (changes.length && options.announce) await options.announce(changes, now);

      const encoding = encodeForSync(merged.items, merged.tombstones, limits);
      if (!sameEntries(encoding.entries, remoteEntries)) {
        const behind = remoteIsBehind(decodeFromSync(encoding.entries), remote);
        // Unreadable remote data is rewritten too, so one bad write does not stay there for ever.
        if (behind || remote.errors.length > 0) {
          lastWritten = encoding.entries;
          await sync.set(encoding.entries);
          const stale = Object.keys(remoteEntries).filter((key) => !(key in encoding.entries));
          if (stale.length) await sync.remove(stale);
        }
      }
      await writeState({
        lastSyncedAt: now,
        bytesUsed: encoding.bytes,
        itemsSynced: encoding.itemsSynced,
        overQuota: encoding.overQuota,
        error: null,
      });
    } catch (error) {
      // E.g. a quota or write-rate error from storage.sync: reported, and retried on the next change.
      const message = errorMessage(error);
      logger.warn(`Efficiency Lens: library sync failed: ${message}`);
      await writeState({ error: message }).catch(() => undefined);
    }
  }

  // One run at a time; a request during a run queues exactly one more run.
  let tail: Promise<void> = Promise.resolve();
  let queued: Promise<void> | null = null;
  const enqueue = (): Promise<void> => {
    if (queued) return queued;
    const run = tail.then(() => {
      queued = null;
      return runOnce();
    });
    queued = run;
    tail = run.catch(() => undefined);
    return run;
  };

  let timer: ReturnType<typeof setTimeout> | null = null;
  let timerFired: Promise<void> | null = null;
  let fireTimer: (() => void) | null = null;
  const schedule = () => {
    if (timer !== null) clearTimeout(timer);
    if (!timerFired) timerFired = new Promise((resolve) => (fireTimer = resolve));
    timer = setTimeout(() => {
      timer = null;
      void enqueue();
      timerFired = null;
      fireTimer?.();
    }, debounceMs);
  };

  function cancelTimer() {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    timerFired = null;
    fireTimer?.();
  }

  return {
    status,
    async setEnabled(enabled) {
      await local.set({ [SYNC_ENABLED_KEY]: enabled });
      if (enabled) {
        await enqueue();
      } else {
        cancelTimer();
        // A run already under way finishes (it checked the setting before it was turned off); the status
        // returned is the one after it.
        await tail;
        await writeState({ error: null });
      }
      return status();
    },
    async syncNow() {
      await enqueue();
      return status();
    },
    schedule,
    onStorageChanged(changes, area) {
      if (area !== 'sync') return;
      const ours = Object.keys(changes).filter((key) => key.startsWith(SYNC_KEY_PREFIX));
      if (ours.length === 0) return;
      const written = lastWritten;
      const echo =
        written !== null &&
        ours.every((key) => {
          const value = changes[key]?.newValue;
          return value == null ? !(key in written) : JSON.stringify(value) === JSON.stringify(written[key]);
        });
      if (!echo) schedule();
    },
    async idle() {
      for (;;) {
        if (timerFired) await timerFired;
        const current = tail;
        await current;
        if (!timerFired && !queued && current === tail) return;
      }
    },
    dispose: cancelTimer,
  };
}
