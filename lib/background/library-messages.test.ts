import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { libraryItem } from '../db/library-test-helpers';
import type { LibraryItem } from '../db/schema';
import { fixtureDataset, uniqueDbName, V1 } from '../db/test-fixtures';
import { buildJsonBackup } from '../export/json-backup';
import {
  LIBRARY_CHANGE_ALL_KEYS,
  LIBRARY_CHANGE_ANNOUNCE_CAP,
  LIBRARY_CHANGE_STORAGE_KEY,
  type LibraryChange,
  type MessageSender,
  type Result,
} from '../messages';
import { decodeFromSync, encodeForSync, encodeRecord } from '../sync/codec';
import { SYNC_ENABLED_KEY } from '../sync/engine';
import { type BackgroundService, type StartBackgroundOptions, startBackground } from './index';
import { client, value } from './test-messaging';

/**
 * The library-management messages (updateLibraryItem … setSyncEnabled) end to end: through the listener that
 * startBackground registers, with fakeBrowser's storage and fake-indexeddb.
 */

const EXTENSION_ID = fakeBrowser.runtime.id;
const PAGE: MessageSender = { id: EXTENSION_ID, url: 'https://arxiv.org/abs/2106.09685' };
const POPUP: MessageSender = { id: EXTENSION_ID, url: fakeBrowser.runtime.getURL('/popup.html') };

const services: BackgroundService[] = [];
let announcements: LibraryChange[] = [];

function start(extra: Partial<StartBackgroundOptions> = {}) {
  let clock = 1_000;
  const service = startBackground({
    browser: fakeBrowser,
    bundled: fixtureDataset(V1),
    now: () => clock++,
    catalogDbName: uniqueDbName('lm-catalog'),
    libraryDbName: uniqueDbName('lm-library'),
    logger: { warn: () => undefined },
    syncDebounceMs: 0,
    ...extra,
  });
  services.push(service);
  return { service, page: client(PAGE), popup: client(POPUP) };
}

beforeEach(() => {
  fakeBrowser.reset();
  announcements = [];
  fakeBrowser.storage.onChanged.addListener((changes, area) => {
    const change = changes[LIBRARY_CHANGE_STORAGE_KEY];
    if (area === 'local' && change) announcements.push(change.newValue as LibraryChange);
  });
});
afterEach(async () => {
  for (const service of services.splice(0)) await service.close();
});

type Call = ReturnType<typeof client>;

async function savePapers(page: Call, n: number, prefix = 'paper') {
  const saved: LibraryItem[] = [];
  for (let i = 0; i < n; i++) {
    saved.push(
      await value(
        page('savePaper', {
          key: `title:${prefix} ${i}`,
          title: `${prefix} ${i}`,
          url: 'https://example.org/',
        }),
      ),
    );
  }
  return saved;
}

describe('updateLibraryItem', () => {
  it('edits tags, note and status of a saved paper, announces it, and refuses an unsaved key', async () => {
    const { page, popup } = start();
    const [item] = await savePapers(page, 1);
    announcements = [];
    const updated = await value(
      popup('updateLibraryItem', {
        key: item!.key,
        tags: [' llm ', 'to cite', 'llm'],
        note: 'n',
        status: 'read',
      }),
    );
    expect(updated).toEqual({
      ...item,
      tags: ['llm', 'to cite'],
      note: 'n',
      status: 'read',
      updatedAt: expect.any(Number),
    });
    expect(updated.updatedAt).toBeGreaterThan(item!.updatedAt);
    expect(announcements).toEqual([{ key: item!.key, saved: true, at: updated.updatedAt }]);
    expect(await value(popup('listLibrary', {}))).toEqual([updated]);
    expect(await popup('updateLibraryItem', { key: 'title:not saved', note: 'x' })).toEqual({
      ok: false,
      error: 'updateLibraryItem failed: title:not saved is not in the library',
    });
    expect(await page('updateLibraryItem', { key: item!.key, note: 'from a web page' })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^Rejected updateLibraryItem: only the extension's own pages/),
    });
    expect((await value(popup('listLibrary', {})))[0]!.note).toBe('n');
  });
});

describe('bulk operations announce each key (capped) and then "*"', () => {
  it('bulkUpdateLibrary and bulkRemoveLibrary over 250 papers', async () => {
    const { page, popup } = start();
    const saved = await savePapers(page, 250);
    const keys = saved.map((i) => i.key);
    announcements = [];
    expect(await value(popup('bulkUpdateLibrary', { keys, addTags: ['batch'], status: 'reading' }))).toEqual({
      updated: 250,
    });
    expect(announcements).toHaveLength(LIBRARY_CHANGE_ANNOUNCE_CAP + 1);
    expect(announcements.slice(0, -1).every((a) => a.saved && keys.includes(a.key))).toBe(true);
    expect(announcements.at(-1)).toEqual({
      key: LIBRARY_CHANGE_ALL_KEYS,
      saved: false,
      at: expect.any(Number),
    });
    const listed = await value(popup('listLibrary', {}));
    expect(listed.every((i) => i.tags.includes('batch') && i.status === 'reading')).toBe(true);

    announcements = [];
    expect(
      await value(popup('bulkRemoveLibrary', { keys: [...keys.slice(0, 3), 'title:never saved'] })),
    ).toEqual({
      removed: 3,
    });
    expect(announcements).toEqual([
      ...keys.slice(0, 3).map((key) => ({ key, saved: false, at: expect.any(Number) })),
      { key: LIBRARY_CHANGE_ALL_KEYS, saved: false, at: expect.any(Number) },
    ]);
    const [snapshot] = await value(popup('listSnapshots', {}));
    expect(snapshot).toMatchObject({ reason: 'bulk-delete', count: 250 });

    announcements = [];
    expect(await value(popup('bulkRemoveLibrary', { keys: ['title:never saved'] }))).toEqual({ removed: 0 });
    expect(announcements).toEqual([]);
  });

  it('a bulk edit that would break one item changes none and says why', async () => {
    const { page, popup } = start();
    const [a, b] = await savePapers(page, 2);
    const tags = Array.from({ length: 50 }, (_, i) => `t${i}`);
    await value(popup('bulkUpdateLibrary', { keys: [a!.key], addTags: tags }));
    await value(popup('bulkUpdateLibrary', { keys: [a!.key], addTags: tags.map((t) => `${t}x`) }));
    const before = await value(popup('listLibrary', {}));
    const reply = await popup('bulkUpdateLibrary', { keys: [b!.key, a!.key], addTags: ['one too many'] });
    expect(reply).toEqual({
      ok: false,
      error: expect.stringMatching(/^bulkUpdateLibrary failed: Cannot update title:paper 0: tags: Too big/),
    });
    expect(await value(popup('listLibrary', {}))).toEqual(before);
  });
});

describe('importLibrary', () => {
  const backupOf = (items: LibraryItem[]) => buildJsonBackup(items, { now: 0 });

  it('imports a backup: merge report, snapshot first, one announcement per written key', async () => {
    const { page, popup } = start();
    const [existing] = await savePapers(page, 1);
    announcements = [];
    const text = backupOf([
      { ...existing!, note: 'from the backup', updatedAt: existing!.updatedAt + 10_000 },
      libraryItem('imported', 500, { tags: ['imp'] }),
    ]);
    const dry = await value(popup('importLibrary', { format: 'json', text, dryRun: true }));
    expect(dry).toEqual({ added: 1, merged: 1, unchanged: 0, rejected: [], snapshotId: null });
    expect(await value(popup('listLibrary', {}))).toEqual([existing]);
    expect(announcements).toEqual([]);

    const report = await value(popup('importLibrary', { format: 'json', text }));
    expect(report).toEqual({
      added: 1,
      merged: 1,
      unchanged: 0,
      rejected: [],
      snapshotId: expect.any(Number),
    });
    const listed = await value(popup('listLibrary', {}));
    expect(listed.map((i) => [i.key, i.note])).toEqual([
      [existing!.key, 'from the backup'],
      ['title:imported', ''],
    ]);
    expect(await value(popup('listSnapshots', {}))).toEqual([
      { id: report.snapshotId, createdAt: expect.any(Number), reason: 'import', count: 1 },
    ]);
    expect(announcements.map((a) => a.key).sort()).toEqual(
      [LIBRARY_CHANGE_ALL_KEYS, existing!.key, 'title:imported'].sort(),
    );

    // The same file again: nothing to do, no new snapshot.
    expect(await value(popup('importLibrary', { format: 'json', text }))).toEqual({
      added: 0,
      merged: 0,
      unchanged: 2,
      rejected: [],
      snapshotId: null,
    });
    expect(await value(popup('listSnapshots', {}))).toHaveLength(1);
  });

  it('imports BibTeX', async () => {
    const { popup } = start();
    const bib = `@article{hu2021lora,
  title = {LoRA: Low-Rank Adaptation of Large Language Models},
  author = {Hu, Edward J. and Shen, Yelong},
  year = {2021},
  eprint = {2106.09685},
  archivePrefix = {arXiv},
  keywords = {peft}
}
@misc{broken, author = {Nobody}}
`;
    const report = await value(popup('importLibrary', { format: 'bibtex', text: bib }));
    expect(report).toMatchObject({ added: 1, merged: 0, unchanged: 0 });
    expect(report.rejected).toEqual([{ index: 1, reason: expect.stringMatching(/title/i) }]);
    expect(await value(popup('listLibrary', {}))).toEqual([
      expect.objectContaining({
        key: 'arxiv:2106.09685',
        tags: ['peft'],
        authors: ['Edward J. Hu', 'Yelong Shen'],
      }),
    ]);
  });

  const hostile: [string, string, RegExp][] = [
    [
      'not JSON',
      '{"format": "efficiency-lens-library", "items": [',
      /^importLibrary failed: The file is not valid JSON/,
    ],
    ['another JSON', '{"hello": "world"}', /not an Efficiency Lens library backup/],
    [
      'a newer backup version',
      '{"format": "efficiency-lens-library", "version": 99, "items": []}',
      /newer version/,
    ],
    [
      'a prototype-polluting file',
      '{"__proto__": {"x": 1}, "format": "efficiency-lens-library"}',
      /malformed/,
    ],
    ['an empty file', '', /empty/],
  ];
  it.each(hostile)(
    'a corrupt or hostile file (%s) changes nothing and the reply says why',
    async (_name, text, why) => {
      const { page, popup } = start();
      await savePapers(page, 2);
      const before = await value(popup('listLibrary', {}));
      const snapshots = await value(popup('listSnapshots', {}));
      announcements = [];
      const reply = await popup('importLibrary', { format: 'json', text });
      expect(reply).toEqual({ ok: false, error: expect.stringMatching(why) });
      expect(await value(popup('listLibrary', {}))).toEqual(before);
      expect(await value(popup('listSnapshots', {}))).toEqual(snapshots);
      expect(announcements).toEqual([]);
    },
  );

  it('entries that fail validation are reported one by one and the rest imports', async () => {
    const { popup } = start();
    const good = libraryItem('good', 1);
    const text = JSON.stringify({
      format: 'efficiency-lens-library',
      version: 1,
      exportedAt: '2026-01-01T00:00:00.000Z',
      items: [
        good,
        { ...libraryItem('evil', 1), url: 'javascript:alert(1)' },
        'not an item',
        { ...good, title: 'x'.repeat(5_000) },
      ],
    });
    const report = await value(popup('importLibrary', { format: 'json', text }));
    expect(report.added).toBe(1);
    expect(report.rejected.map((r) => r.index)).toEqual([1, 2, 3]);
    expect(report.rejected[0]!.reason).toMatch(/url/);
    expect((await value(popup('listLibrary', {}))).map((i) => i.key)).toEqual(['title:good']);
  });

  it('a failure inside the transaction (simulated abort before the commit) leaves everything as it was', async () => {
    let fail = true;
    const { page, popup } = start({
      importOptions: {
        beforeCommit: () => {
          if (fail) throw new Error('simulated abort');
        },
      },
    });
    const saved = await savePapers(page, 3);
    await value(popup('bulkRemoveLibrary', { keys: [saved[0]!.key] }));
    const before = {
      items: await value(popup('listLibrary', {})),
      snapshots: await value(popup('listSnapshots', {})),
    };
    announcements = [];
    const text = backupOf([
      libraryItem('new one', 5),
      { ...saved[1]!, note: 'changed', updatedAt: saved[1]!.updatedAt + 1_000 },
    ]);
    expect(await popup('importLibrary', { format: 'json', text })).toEqual({
      ok: false,
      error: 'importLibrary failed: simulated abort',
    });
    expect({
      items: await value(popup('listLibrary', {})),
      snapshots: await value(popup('listSnapshots', {})),
    }).toEqual(before);
    expect(announcements).toEqual([]);
    fail = false;
    expect(await value(popup('importLibrary', { format: 'json', text }))).toMatchObject({
      added: 1,
      merged: 1,
    });
  });

  it('is refused to a content script', async () => {
    const { page } = start();
    expect(
      await page('importLibrary', { format: 'json', text: backupOf([libraryItem('x', 1)]) }),
    ).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^Rejected importLibrary/),
    });
  });
});

describe('snapshots, restore and clear', () => {
  it('clear (with confirm) snapshots first; restore brings it back and is undoable', async () => {
    const { page, popup } = start();
    const saved = await savePapers(page, 3);
    await value(popup('updateLibraryItem', { key: saved[0]!.key, note: 'keep me' }));
    const before = await value(popup('listLibrary', {}));

    expect(await popup('clearLibrary', { confirm: 'yes' as never })).toMatchObject({ ok: false });
    expect(await value(popup('listLibrary', {}))).toHaveLength(3);

    announcements = [];
    expect(await value(popup('clearLibrary', { confirm: 'DELETE' }))).toEqual({ removed: 3 });
    expect(await value(popup('listLibrary', {}))).toEqual([]);
    expect(announcements.at(-1)?.key).toBe(LIBRARY_CHANGE_ALL_KEYS);
    expect(announcements.filter((a) => a.key !== '*').every((a) => a.saved === false)).toBe(true);
    const snapshots = await value(popup('listSnapshots', {}));
    // The day's snapshot was taken before the day's second change (the first found an empty library).
    expect(snapshots.map((s) => [s.reason, s.count])).toEqual([
      ['clear', 3],
      ['daily', 1],
    ]);

    announcements = [];
    expect(await value(popup('restoreSnapshot', { id: snapshots[0]!.id }))).toEqual({ restored: 3 });
    const restored = await value(popup('listLibrary', {}));
    expect(restored.map(({ updatedAt: _, ...rest }) => rest)).toEqual(
      before.map(({ updatedAt: _, ...rest }) => rest),
    );
    expect(
      announcements
        .filter((a) => a.saved)
        .map((a) => a.key)
        .sort(),
    ).toEqual(before.map((i) => i.key).sort());
    const [undo] = await value(popup('listSnapshots', {}));
    expect(undo).toMatchObject({ reason: 'before-restore', count: 0 });
    expect(await value(popup('restoreSnapshot', { id: undo!.id }))).toEqual({ restored: 0 });
    expect(await value(popup('listLibrary', {}))).toEqual([]);
    expect(await popup('restoreSnapshot', { id: 9_999 })).toEqual({
      ok: false,
      error: 'restoreSnapshot failed: there is no snapshot 9999 (only the last 10 are kept)',
    });
  });
});

describe('sync through the background (fakeBrowser storage.sync)', () => {
  it('is off by default; turned on, it pushes; later saves are pushed after the debounce', async () => {
    const { service, page, popup } = start();
    await savePapers(page, 2);
    expect(await value(popup('getSyncStatus', {}))).toEqual({
      enabled: false,
      lastSyncedAt: null,
      bytesUsed: 0,
      quotaBytes: 102_400,
      itemsSynced: 0,
      overQuota: false,
      error: null,
    });
    expect(await fakeBrowser.storage.sync.get(null)).toEqual({});

    const on = await value(popup('setSyncEnabled', { enabled: true }));
    expect(on).toMatchObject({ enabled: true, itemsSynced: 2, overQuota: false, error: null });
    expect(await fakeBrowser.storage.local.get(SYNC_ENABLED_KEY)).toEqual({ [SYNC_ENABLED_KEY]: true });

    await value(page('savePaper', { key: 'title:later', title: 'Later', url: 'https://example.org/' }));
    await service.sync!.idle();
    const remote = decodeFromSync(await fakeBrowser.storage.sync.get(null));
    expect(remote.items.map((i) => i.key).sort()).toEqual(['title:later', 'title:paper 0', 'title:paper 1']);

    await value(page('unsavePaper', { key: 'title:later' }));
    await service.sync!.idle();
    expect(decodeFromSync(await fakeBrowser.storage.sync.get(null)).tombstones.map((t) => t.key)).toEqual([
      'title:later',
    ]);
  });

  it('pulls what another browser wrote to storage.sync and tells the tabs', async () => {
    const { service, popup } = start();
    await value(popup('setSyncEnabled', { enabled: true }));
    announcements = [];
    const elsewhere = libraryItem('from my laptop', Date.now(), {
      key: 'arxiv:2106.09685',
      arxivId: '2106.09685',
      catalogId: 'arxiv:2106.09685',
      url: 'https://arxiv.org/abs/2106.09685',
      note: 'written on the laptop',
    });
    // The other browser's write arrives (storage.onChanged fires here too).
    await fakeBrowser.storage.sync.set(encodeForSync([elsewhere], []).entries);
    await service.sync!.idle();
    expect(await value(popup('listLibrary', {}))).toEqual([elsewhere]);
    expect(announcements).toEqual([
      { key: elsewhere.key, saved: true, at: expect.any(Number) },
      { key: LIBRARY_CHANGE_ALL_KEYS, saved: false, at: expect.any(Number) },
    ]);
  });

  it('completes a compact record from the catalog (leaves, year) when the paper is new here', async () => {
    const { service, popup } = start();
    await value(popup('setSyncEnabled', { enabled: true }));
    const lora = libraryItem('lora', Date.now(), {
      key: 'arxiv:2106.09685',
      arxivId: '2106.09685',
      catalogId: 'arxiv:2106.09685',
      url: 'https://arxiv.org/abs/2106.09685',
      leaves: ['parameter-efficient-fine-tuning', 'low-rank-decomposition'],
      year: 2021,
      authors: ['Edward J. Hu'],
    });
    const record = encodeRecord(lora, 'minimal');
    expect(record).not.toHaveProperty('l');
    await fakeBrowser.storage.sync.set({ 'lib:meta': { v: 1, n: 1, i: 1, t: 1, d: 0 }, 'lib:0': [record] });
    await service.sync!.idle();
    // Authors are not in the catalog: they stay empty until the paper is saved again from its page.
    expect(await value(popup('listLibrary', {}))).toEqual([{ ...lora, authors: [] }]);
  });

  it('a browser without storage.sync says so instead of failing', async () => {
    const { storage: _, ...rest } = fakeBrowser;
    const browser = {
      ...rest,
      storage: { local: fakeBrowser.storage.local },
    } as unknown as typeof fakeBrowser;
    const { popup } = start({ browser });
    expect(await value(popup('setSyncEnabled', { enabled: true }))).toMatchObject({
      enabled: false,
      error: expect.stringMatching(/no storage\.sync/),
    });
  });
});

describe('concurrency', () => {
  it('10 tabs saving and editing at once lose nothing', async () => {
    const { popup } = start();
    await value(
      popup('savePaper', { key: 'title:shared', title: 'Shared', url: 'https://example.org/shared' }),
    );
    const shared = (await value(popup('listLibrary', {})))[0]!;
    const tabs = Array.from({ length: 10 }, (_, t) =>
      client({ id: EXTENSION_ID, url: `https://arxiv.org/abs/2401.0000${t}` }),
    );
    const panels = Array.from({ length: 10 }, (_, t) =>
      client({ id: EXTENSION_ID, url: fakeBrowser.runtime.getURL(`/sidepanel.html#window-${t}` as '/') }),
    );
    const replies = await Promise.all(
      tabs.map(async (tab, t) => {
        const panel = panels[t]!;
        const mine: Promise<Result<unknown>>[] = [];
        // Each tab saves five papers and re-saves the shared one; its side panel edits as soon as each lands.
        for (let i = 0; i < 5; i++) {
          const key = `title:tab ${t} paper ${i}`;
          mine.push(
            tab('savePaper', { key, title: `Tab ${t} paper ${i}`, url: 'https://example.org/' }).then(
              (saved) =>
                saved.ok
                  ? panel('updateLibraryItem', { key, note: `note ${t}.${i}`, status: 'reading' })
                  : saved,
            ),
          );
        }
        mine.push(
          tab('savePaper', { key: 'title:shared', title: 'Shared', url: 'https://example.org/shared' }),
        );
        mine.push(panel('bulkUpdateLibrary', { keys: ['title:shared'], addTags: [`from tab ${t}`] }));
        return Promise.all(mine);
      }),
    );
    for (const reply of replies.flat()) expect(reply).toMatchObject({ ok: true });

    const library = await value(popup('listLibrary', {}));
    expect(library).toHaveLength(51);
    for (let t = 0; t < 10; t++) {
      for (let i = 0; i < 5; i++) {
        expect(library.find((item) => item.key === `title:tab ${t} paper ${i}`)).toMatchObject({
          note: `note ${t}.${i}`,
          status: 'reading',
        });
      }
    }
    const sharedNow = library.find((item) => item.key === 'title:shared')!;
    expect(sharedNow.tags.sort()).toEqual(Array.from({ length: 10 }, (_, t) => `from tab ${t}`).sort());
    expect(sharedNow.savedAt).toBe(shared.savedAt);
  });
});
