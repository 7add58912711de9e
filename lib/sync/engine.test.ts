import { afterEach, describe, expect, it } from 'vitest';
import {
  bulkRemoveLibrary,
  getLibraryItem,
  listLibraryItems,
  listTombstones,
  removeLibraryItem,
  saveLibraryItem,
  updateLibraryItem,
} from '../db/library';
import { libraryItem } from '../db/library-test-helpers';
import { openLibraryDb } from '../db/open';
import type { LibraryItem } from '../db/schema';
import { listSnapshots } from '../db/snapshots';
import { uniqueDbName } from '../db/test-fixtures';
import { decodeFromSync } from './codec';
import { createSyncEngine, type LocalArea, SYNC_ENABLED_KEY, type SyncedChange } from './engine';
import { CHROME_SYNC_LIMITS } from './format';
import { CHROME_QUOTAS, createQuotaSyncArea, type QuotaSyncArea } from './test-sync-area';

const opened: { close(): void }[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

/** A shared clock: the simulated browsers live in the same real time. */
function clock(start = 1_750_000_000_000) {
  let t = start;
  return () => (t += 1_000);
}

function memoryLocal(): LocalArea & { data: Record<string, unknown> } {
  const data: Record<string, unknown> = {};
  return {
    data,
    async get(keys) {
      const wanted = Array.isArray(keys) ? keys : [keys];
      return Object.fromEntries(wanted.filter((k) => k in data).map((k) => [k, structuredClone(data[k])]));
    },
    async set(items) {
      Object.assign(data, structuredClone(items));
    },
  };
}

/** One simulated browser: its own library database and storage.local, the shared storage.sync. */
async function simulatedBrowser(
  name: string,
  shared: QuotaSyncArea,
  now: () => number,
  local = memoryLocal(),
) {
  const db = await openLibraryDb({ name: uniqueDbName(name) });
  opened.push(db);
  const announced: SyncedChange[] = [];
  let reads = 0;
  const area = {
    ...shared.area,
    get: (keys?: null | string | string[]) => {
      reads++;
      return shared.area.get(keys);
    },
  };
  const engine = createSyncEngine({
    sync: area,
    local,
    libraryDb: async () => db,
    now,
    debounceMs: 0,
    announce: async (changes) => {
      announced.push(...changes);
    },
    logger: { warn: () => undefined },
  });
  shared.addListener((changes, areaName) => engine.onStorageChanged(changes, areaName));
  return {
    db,
    engine,
    local,
    announced,
    reads: () => reads,
    save: (item: LibraryItem) => saveLibraryItem(db, item, now()).then(() => engine.schedule()),
    edit: (key: string, note: string) =>
      updateLibraryItem(db, { key, note }, now()).then(() => engine.schedule()),
    remove: (key: string) => removeLibraryItem(db, key, now()).then(() => engine.schedule()),
    items: () => listLibraryItems(db),
  };
}
type Sim = Awaited<ReturnType<typeof simulatedBrowser>>;

/** Let every scheduled run (and the runs they cause in the other browsers) finish. */
async function settle(...browsers: Sim[]) {
  for (let round = 0; round < 8; round++) await Promise.all(browsers.map((b) => b.engine.idle()));
}

const paper = (slug: string, extra: Partial<LibraryItem> = {}) => libraryItem(slug, 0, extra);
const byKey = (items: LibraryItem[]) => Object.fromEntries(items.map((i) => [i.key, i]));

describe('sync engine', () => {
  it('is off by default: nothing is read or written', async () => {
    const shared = createQuotaSyncArea();
    const a = await simulatedBrowser('a', shared, clock());
    await a.save(paper('p1'));
    await settle(a);
    expect(shared.keys()).toEqual([]);
    expect(a.reads()).toBe(0);
    expect(await a.engine.status()).toEqual({
      enabled: false,
      lastSyncedAt: null,
      bytesUsed: 0,
      quotaBytes: CHROME_SYNC_LIMITS.quotaBytes,
      itemsSynced: 0,
      overQuota: false,
      error: null,
    });
  });

  it('turning it on pushes the library; the status tells what was synced', async () => {
    const shared = createQuotaSyncArea();
    const now = clock();
    const a = await simulatedBrowser('a', shared, now);
    await a.save(paper('p1', { note: 'n1', tags: ['t'] }));
    await a.save(paper('p2'));
    const status = await a.engine.setEnabled(true);
    expect(status).toMatchObject({ enabled: true, itemsSynced: 2, overQuota: false, error: null });
    expect(status.lastSyncedAt).toEqual(expect.any(Number));
    expect(status.bytesUsed).toBeGreaterThanOrEqual(shared.bytesInUse());
    expect(shared.keys()).toEqual(['lib:0', 'lib:meta']);
    expect(a.local.data[SYNC_ENABLED_KEY]).toBe(true);
    const remote = decodeFromSync(await shared.area.get(null));
    expect(remote.items.map((i) => i.item)).toEqual(
      expect.arrayContaining(await a.items().then((items) => items.map((i) => expect.objectContaining(i)))),
    );
  });

  it('two browsers converge after edits and deletions on both, and then stop writing', async () => {
    const shared = createQuotaSyncArea();
    const now = clock();
    const a = await simulatedBrowser('a', shared, now);
    const b = await simulatedBrowser('b', shared, now);
    await a.engine.setEnabled(true);
    await b.engine.setEnabled(true);

    // A saves three papers; B receives them.
    for (const slug of ['p1', 'p2', 'p3', 'p4']) await a.save(paper(slug, { tags: [slug] }));
    await settle(a, b);
    expect(Object.keys(byKey(await b.items())).sort()).toEqual([
      'title:p1',
      'title:p2',
      'title:p3',
      'title:p4',
    ]);
    expect(
      b.announced
        .filter((c) => c.saved)
        .map((c) => c.key)
        .sort(),
    ).toEqual(['title:p1', 'title:p2', 'title:p3', 'title:p4']);

    // Both edit while "offline" (no run in between): A deletes p1 and edits p3; B edits p2, deletes p3
    // before A's edit of p3, and B saves p5. Then A edits p4 and B deletes it afterwards.
    await removeLibraryItem(a.db, 'title:p1', now());
    await updateLibraryItem(b.db, { key: 'title:p2', note: 'from B' }, now());
    await removeLibraryItem(b.db, 'title:p3', now());
    await updateLibraryItem(a.db, { key: 'title:p3', note: 'A edited after B deleted' }, now());
    await saveLibraryItem(b.db, paper('p5', { status: 'read' }), now());
    await updateLibraryItem(a.db, { key: 'title:p4', note: 'A edit' }, now());
    await removeLibraryItem(b.db, 'title:p4', now());
    a.engine.schedule();
    b.engine.schedule();
    await settle(a, b);

    const onA = await a.items();
    const onB = await b.items();
    expect(onA).toEqual(onB);
    const merged = byKey(onA);
    expect(Object.keys(merged).sort()).toEqual(['title:p2', 'title:p3', 'title:p5']);
    expect(merged['title:p2']!.note).toBe('from B');
    // Deleted on B, then edited on A: the newer edit brings it back everywhere.
    expect(merged['title:p3']!.note).toBe('A edited after B deleted');
    expect(merged['title:p5']!.status).toBe('read');
    expect((await listTombstones(a.db)).map((t) => t.key).sort()).toEqual(['title:p1', 'title:p4']);
    expect((await listTombstones(b.db)).map((t) => t.key).sort()).toEqual(['title:p1', 'title:p4']);

    // Quiet: more runs on both sides write nothing.
    const writes = shared.writes;
    await a.engine.syncNow();
    await b.engine.syncNow();
    await settle(a, b);
    expect(shared.writes).toBe(writes);
  });

  it('a change on one browser reaches the other through storage.onChanged, and a bulk delete too', async () => {
    const shared = createQuotaSyncArea();
    const now = clock();
    const a = await simulatedBrowser('a', shared, now);
    const b = await simulatedBrowser('b', shared, now);
    await a.engine.setEnabled(true);
    await b.engine.setEnabled(true);
    for (const slug of ['x', 'y', 'z']) await b.save(paper(slug));
    await settle(a, b);
    await a.edit('title:x', 'note from A');
    await settle(a, b);
    expect((await getLibraryItem(b.db, 'title:x'))?.note).toBe('note from A');
    await bulkRemoveLibrary(a.db, ['title:x', 'title:y'], now());
    a.engine.schedule();
    await settle(a, b);
    expect((await b.items()).map((i) => i.key)).toEqual(['title:z']);
    expect(
      b.announced
        .filter((c) => !c.saved)
        .map((c) => c.key)
        .sort(),
    ).toEqual(['title:x', 'title:y']);
  });

  it('its own writes do not make it run again (the onChanged echo is ignored)', async () => {
    const shared = createQuotaSyncArea();
    const a = await simulatedBrowser('a', shared, clock());
    await a.engine.setEnabled(true);
    const reads = a.reads();
    await a.save(paper('p'));
    await settle(a);
    // One run for the change, none for the echo of its write.
    expect(a.reads()).toBe(reads + 1);
  });

  it('a 1,000-item library stays within Chrome quotas and reports honestly what is synced', async () => {
    const shared = createQuotaSyncArea();
    const now = clock();
    const a = await simulatedBrowser('a', shared, now);
    const tx = a.db.transaction('items', 'readwrite');
    for (let i = 0; i < 1_000; i++) {
      await tx.store.put(
        libraryItem(`a paper on efficient language models number ${i}`, 1_000 + i, {
          authors: ['A. Author', 'B. Author'],
          tags: ['survey'],
          leaves: ['quantization'],
        }),
      );
    }
    await tx.done;
    const status = await a.engine.setEnabled(true);
    expect(status.error).toBeNull();
    expect(status.overQuota).toBe(true);
    expect(status.itemsSynced).toBeGreaterThan(0);
    expect(status.itemsSynced).toBeLessThan(1_000);
    expect(shared.bytesInUse()).toBeLessThanOrEqual(CHROME_QUOTAS.QUOTA_BYTES);
    expect(status.bytesUsed).toBeGreaterThanOrEqual(shared.bytesInUse());
    expect(status.bytesUsed).toBeLessThanOrEqual(status.quotaBytes);

    // A second browser gets the newest itemsSynced items, and nothing is deleted on the first.
    const b = await simulatedBrowser('b', shared, now);
    await b.engine.setEnabled(true);
    const received = await b.items();
    expect(received).toHaveLength(status.itemsSynced);
    expect(Math.min(...received.map((i) => i.updatedAt))).toBe(1_000 + 1_000 - status.itemsSynced);
    await settle(a, b);
    expect(await a.db.count('items')).toBe(1_000);
  });

  it('leaves data written by a newer release alone and says so', async () => {
    const shared = createQuotaSyncArea();
    await shared.area.set({ 'lib:meta': { v: 2, n: 0, i: 0, t: 0, d: 0 } });
    const a = await simulatedBrowser('a', shared, clock());
    await a.save(paper('p'));
    const writes = shared.writes;
    const status = await a.engine.setEnabled(true);
    expect(status.error).toMatch(/^Sync paused: .*newer release/);
    expect(shared.writes).toBe(writes);
    expect(await a.items()).toHaveLength(1);
  });

  it('corrupt remote data does not touch the library and is rewritten clean', async () => {
    const shared = createQuotaSyncArea();
    await shared.area.set({
      'lib:meta': { v: 1, n: 1, i: 2, t: 2, d: 0 },
      'lib:0': [{ k: 'title:evil', t: 'Evil', u: 9, r: 'javascript:alert(1)' }, 'garbage', { k: 42 }],
    });
    const a = await simulatedBrowser('a', shared, clock());
    await a.save(paper('mine'));
    const status = await a.engine.setEnabled(true);
    expect(status.error).toBeNull();
    expect((await a.items()).map((i) => i.key)).toEqual(['title:mine']);
    const after = decodeFromSync(await shared.area.get(null));
    expect(after.errors).toEqual([]);
    expect(after.items.map((i) => i.key)).toEqual(['title:mine']);
  });

  it('a storage.sync failure is reported in the status and the library is untouched', async () => {
    // A storage that is much smaller than the engine believes: the write is refused.
    const shared = createQuotaSyncArea({ QUOTA_BYTES: 500, QUOTA_BYTES_PER_ITEM: 8_192, MAX_ITEMS: 512 });
    const a = await simulatedBrowser('a', shared, clock());
    for (let i = 0; i < 20; i++) await a.save(paper(`p${i}`));
    const status = await a.engine.setEnabled(true);
    expect(status.error).toMatch(/QUOTA_BYTES quota exceeded/);
    expect(await a.items()).toHaveLength(20);
  });

  it('turned off, it stops pushing; the status survives a restart (a new engine over the same storage)', async () => {
    const shared = createQuotaSyncArea();
    const now = clock();
    const a = await simulatedBrowser('a', shared, now);
    await a.save(paper('p1'));
    await a.engine.setEnabled(true);
    // The save above also scheduled a run: let it finish, so that `on` is the final state.
    await settle(a);
    const on = await a.engine.status();
    expect(on).toMatchObject({ enabled: true, itemsSynced: 1 });
    const off = await a.engine.setEnabled(false);
    expect(off).toEqual({ ...on, enabled: false });
    const writes = shared.writes;
    await a.save(paper('p2'));
    await settle(a);
    expect(shared.writes).toBe(writes);

    const restarted = await simulatedBrowser('a-restarted', shared, now, a.local);
    expect(await restarted.engine.status()).toEqual(off);
  });

  it('a pull that changes the library takes the daily snapshot first', async () => {
    const shared = createQuotaSyncArea();
    const now = clock();
    const a = await simulatedBrowser('a', shared, now);
    const b = await simulatedBrowser('b', shared, now);
    await b.db.put('items', paper('old one'));
    await a.engine.setEnabled(true);
    await a.save(paper('new'));
    await settle(a);
    await b.engine.setEnabled(true);
    expect((await b.items()).map((i) => i.key).sort()).toEqual(['title:new', 'title:old one']);
    expect(await listSnapshots(b.db)).toEqual([expect.objectContaining({ reason: 'daily', count: 1 })]);
  });
});
