/**
 * Faults in the extension's service worker, from a test: stop it through CDP (`ServiceWorker.stopAllWorkers`, as
 * Chrome does to an idle or misbehaving worker), hold it at an exact IndexedDB write so that the stop lands inside
 * an open transaction, and read both databases raw from an extension page without waking the worker.
 */
import type { CDPSession, Page, Worker } from 'playwright-core';
import {
  CATALOG_DB_NAME,
  type CatalogMetaRow,
  LIBRARY_DB_NAME,
  type LibraryItem,
} from '../../../lib/db/schema';
import type { ExtensionHarness } from '../browser';

/** The extension's service worker as CDP reports it. */
export interface WorkerControl {
  /** Last running status CDP reported for our worker ('running', 'stopping', 'stopped', 'starting'…). */
  status(): string;
  /** Stops every service worker of the profile and waits until ours reports `stopped`. */
  stop(): Promise<void>;
  /** The running worker (waiting for one to be running); evaluate() on it reaches the live instance. */
  running(timeoutMs?: number): Promise<Worker>;
  /**
   * Arms a trap in the running worker: the `at`-th call of IDBObjectStore.prototype[`method`] on `store`
   * resolves {@link WorkerControl.sprung} and from then on keeps that transaction open (never committed, as if
   * its work were still going on) until the test stops the worker; every later put/delete first busy-waits
   * `stallMs`, so the worker is caught mid-writes rather than after them.
   */
  arm(trap: WriteTrap): Promise<void>;
  /** Resolves when the armed trap fired (the worker is then held inside the transaction). */
  sprung(timeoutMs?: number): Promise<void>;
  detach(): Promise<void>;
}

/** Where {@link WorkerControl.arm} holds the worker. */
export interface WriteTrap {
  store: string;
  method: 'put' | 'delete';
  /** 1-based call count on that store at which the trap fires. */
  at: number;
  /** Busy-wait per put/delete after the trap fired (ms). */
  stallMs: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Watches and controls the extension's service worker through `page`'s DevTools session. */
export async function controlWorker(h: ExtensionHarness, page: Page): Promise<WorkerControl> {
  const cdp: CDPSession = await h.context.newCDPSession(page);
  const prefix = `chrome-extension://${h.extensionId}/`;
  let status = 'unknown';
  cdp.on('ServiceWorker.workerVersionUpdated', (event) => {
    for (const v of event.versions) if (v.scriptURL.startsWith(prefix)) status = v.runningStatus;
  });
  await cdp.send('ServiceWorker.enable');
  const waitStatus = async (want: string, timeoutMs: number): Promise<void> => {
    const deadline = Date.now() + timeoutMs;
    while (status !== want) {
      if (Date.now() > deadline)
        throw new Error(`the service worker did not reach "${want}" (status ${status})`);
      await sleep(10);
    }
  };
  const running = async (timeoutMs = 10_000): Promise<Worker> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      // Playwright may keep a Worker object of a stopped instance: only one that answers is the live one.
      for (const w of h.context.serviceWorkers().filter((w) => w.url().startsWith(prefix))) {
        if (status === 'running' && (await w.evaluate(() => 1).catch(() => 0)) === 1) return w;
      }
      if (Date.now() > deadline) throw new Error(`no running service worker (status ${status})`);
      await sleep(20);
    }
  };
  return {
    status: () => status,
    async stop() {
      await cdp.send('ServiceWorker.stopAllWorkers');
      // Chromium stops a worker when its JavaScript yields; a long synchronous stretch delays the stop.
      await waitStatus('stopped', 30_000);
    },
    running,
    async arm(trap) {
      const worker = await running();
      await worker.evaluate((t) => {
        type Trapped = { __elTrap?: { fired: boolean; promise: Promise<void> } };
        const g = globalThis as unknown as Trapped;
        let fire!: () => void;
        const state = { fired: false, promise: new Promise<void>((resolve) => (fire = resolve)) };
        g.__elTrap = state;
        let calls = 0;
        const proto = IDBObjectStore.prototype as unknown as Record<string, (...a: unknown[]) => unknown>;
        for (const method of ['put', 'delete'] as const) {
          const original = proto[method]!;
          proto[method] = function (this: IDBObjectStore, ...args: unknown[]) {
            if (state.fired) {
              const until = performance.now() + t.stallMs;
              while (performance.now() < until) {
                // Busy-wait on purpose: the transaction stays active (uncommitted) while JS runs.
              }
            } else if (method === t.method && this.name === t.store && ++calls === t.at) {
              state.fired = true;
              const spin = () => {
                this.count().onsuccess = spin;
              };
              spin();
              fire();
            }
            return original.apply(this, args);
          };
        }
      }, trap);
    },
    async sprung(timeoutMs = 20_000) {
      const worker = await running();
      await worker.evaluate(
        (ms) =>
          Promise.race([
            (globalThis as unknown as { __elTrap: { promise: Promise<void> } }).__elTrap.promise,
            new Promise((_, reject) => setTimeout(() => reject(new Error('the write trap never fired')), ms)),
          ]),
        timeoutMs,
      );
    },
    async detach() {
      await cdp.detach().catch(() => {});
    },
  };
}

/** What the two databases hold, read raw (no handler, no validation). */
export interface StoredState {
  catalog: { exists: boolean; meta: CatalogMetaRow | null; papers: number };
  library: { exists: boolean; version: number; items: LibraryItem[]; snapshots: number; tombstones: number };
}

/**
 * Reads both databases from `page`, an extension page that does not message the background (e.g.
 * `manifest.json`), so the worker is not woken. A database that does not exist is reported, never created:
 * opening it here would create it at version 1 with no stores and break the background's own upgrade.
 */
export function readStores(page: Page): Promise<StoredState> {
  return page.evaluate(
    async ([catalogName, libraryName]) => {
      const names = new Map((await indexedDB.databases()).map((d) => [d.name, d.version ?? 0]));
      const open = (name: string) =>
        new Promise<IDBDatabase>((resolve, reject) => {
          const req = indexedDB.open(name);
          req.onsuccess = () => resolve(req.result);
          req.onerror = () => reject(req.error);
        });
      const ask = <T>(req: IDBRequest<T>) =>
        new Promise<T>((resolve, reject) => {
          req.onsuccess = () => resolve(req.result);
          req.onerror = () => reject(req.error);
        });
      const has = (db: IDBDatabase, store: string) => db.objectStoreNames.contains(store);
      const state = {
        catalog: { exists: names.has(catalogName), meta: null as unknown, papers: 0 },
        library: {
          exists: names.has(libraryName),
          version: names.get(libraryName) ?? 0,
          items: [] as unknown[],
          snapshots: 0,
          tombstones: 0,
        },
      };
      if (state.catalog.exists) {
        const db = await open(catalogName);
        try {
          if (has(db, 'meta'))
            state.catalog.meta =
              (await ask(db.transaction('meta').objectStore('meta').get('dataset'))) ?? null;
          if (has(db, 'papers'))
            state.catalog.papers = await ask(db.transaction('papers').objectStore('papers').count());
        } finally {
          db.close();
        }
      }
      if (state.library.exists) {
        const db = await open(libraryName);
        try {
          if (has(db, 'items'))
            state.library.items = await ask(db.transaction('items').objectStore('items').getAll());
          if (has(db, 'snapshots'))
            state.library.snapshots = await ask(db.transaction('snapshots').objectStore('snapshots').count());
          if (has(db, 'tombstones'))
            state.library.tombstones = await ask(
              db.transaction('tombstones').objectStore('tombstones').count(),
            );
        } finally {
          db.close();
        }
      }
      return state as StoredState;
    },
    [CATALOG_DB_NAME, LIBRARY_DB_NAME] as const,
  );
}

/**
 * Sends a message from an extension page without failing when the worker dies before replying: resolves to the
 * reply, or to `{ lost: message }` when the channel closed first (what a UI sees when the worker is stopped).
 */
export function sendOrLost(
  page: Page,
  type: string,
  input: unknown,
): Promise<{ ok: true; value: unknown } | { ok: false; error: string } | { lost: string }> {
  return page.evaluate(
    async ([t, i]) => {
      const c = (
        globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }
      ).chrome;
      try {
        const reply = (await c.runtime.sendMessage({ type: t, input: i })) as
          | { ok: true; value: unknown }
          | { ok: false; error: string }
          | undefined;
        return reply ?? { lost: 'no reply' };
      } catch (error) {
        return { lost: String(error) };
      }
    },
    [type, input] as const,
  );
}
