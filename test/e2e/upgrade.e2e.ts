/**
 * Extension updates (issue #6): an earlier build is installed in a persistent profile, the user saves papers
 * (through the overlay and from an extension page) and gives them notes, tags and statuses; the browser closes,
 * the current build replaces the old one at the same path (so Chromium keeps the extension id and its storage,
 * as an update does), and the browser starts again. Every item, note and tag must have survived, and the catalog
 * must hold this build's dataset.
 *
 * Two starting points:
 * - ae9847d, the last landed release (library v2, the same dataset version as now);
 * - 89ae686, the last commit with library schema v1 and an older dataset (494b…, 1,588 records). It had no
 *   message to edit notes or tags, so they are written into its v1 rows directly, as its own code stored them.
 * The old trees are built once and cached (helpers/previous-build.ts; ~3 s each on the first run). Between the two
 * launches the profile's service-worker registration is dropped (forgetServiceWorkers: Chromium otherwise keeps
 * running the old worker script of a command-line extension); IndexedDB and chrome.storage are kept.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LibraryItem } from '../../lib/db/schema';
import { launchExtension } from './browser';
import { EXTENSION_DIR } from './build';
import { type FixtureServer, REPO_ROOT, startFixtureServer } from './fixture-server';
import { PAPERS, requireRecord } from './helpers/dataset';
import { byKey, enPapers, libraryView, listLibrary, openExtensionPage, send } from './helpers/library';
import { expectSaved, saveButton, settledState } from './helpers/overlay';
import { forgetServiceWorkers, installInto, previousBuild } from './helpers/previous-build';
import { readStores, sendOrLost } from './helpers/worker';

const META = JSON.parse(readFileSync(path.join(REPO_ROOT, 'data/dataset-meta.json'), 'utf8')) as {
  version: string;
  records: number;
};
const CURRENT = { version: META.version, records: META.records };
const LORA = requireRecord('2106.09685');
const LORA_URL = 'https://arxiv.org/abs/2106.09685';

interface Start {
  commit: string;
  label: string;
  libraryVersion: number;
  dataset: { version: string; records: number };
}

const STARTS: Start[] = [
  {
    commit: 'ae9847d9ee832de47fdbfe34b770d5136441dc99',
    label: 'the last release (ae9847d: library v2, same dataset)',
    libraryVersion: 2,
    dataset: { version: 'be58b58cbd69573e', records: 1584 },
  },
  {
    commit: '89ae6866a1826ba357387b1fe4d18e0d7a26839b',
    label: 'library v1 with an older dataset (89ae686)',
    libraryVersion: 1,
    dataset: { version: '494b1794b201f746', records: 1588 },
  },
];

/** Papers saved from an extension page: spread over the dataset, arXiv and OpenReview-only ones. */
const SAVED_BY_MESSAGE = [PAPERS[3]!, PAPERS[400]!, PAPERS[800]!, PAPERS[1200]!, PAPERS[1500]!].map(
  (record) => ({
    arxivId: record.arxivId ?? undefined,
    openreviewId: record.arxivId ? undefined : (record.openreviewId ?? undefined),
    title: record.title,
    url: record.arxivId
      ? `https://arxiv.org/abs/${record.arxivId}`
      : `https://openreview.net/forum?id=${record.openreviewId ?? 'unknown'}`,
  }),
);

/** The user's fields given to the i-th saved item (unicode and newlines included). */
function userFields(i: number): Pick<LibraryItem, 'tags' | 'note' | 'status'> {
  return {
    tags: [`upgrade-${i}`, 'keep', i % 2 ? '量化' : 'to cite'],
    note: `Note ${i}: survives the update.\nSecond line — “quoted”.`,
    status: (['to-read', 'reading', 'read'] as const)[i % 3]!,
  };
}

/** Writes tags/note/status straight into stored rows (for builds with no message that edits them). */
function writeUserFieldsRaw(page: Page, edits: { key: string; fields: ReturnType<typeof userFields> }[]) {
  return page.evaluate(async (list) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('efficiency-lens-library');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const tx = db.transaction('items', 'readwrite');
    const store = tx.objectStore('items');
    for (const { key, fields } of list) {
      const get = store.get(key);
      get.onsuccess = () => store.put({ ...get.result, ...fields, updatedAt: get.result.updatedAt + 1 });
    }
    await new Promise((resolve, reject) => {
      tx.oncomplete = resolve;
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  }, edits);
}

let server: FixtureServer;
beforeAll(async () => {
  server = await startFixtureServer();
});
afterAll(async () => {
  await server?.close();
});

describe.each(STARTS)('update from $label to this build', (start) => {
  let oldBuild: string;
  let root: string;
  let installDir: string;
  let profile: string;
  let before: LibraryItem[];
  let oldId: string;

  beforeAll(async () => {
    oldBuild = await previousBuild(start.commit);
    root = mkdtempSync(path.join(os.tmpdir(), 'efficiency-lens-upgrade-'));
    installDir = path.join(root, 'efficiency-lens');
    profile = path.join(root, 'profile');
  });
  afterAll(() => {
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('the old build: papers saved with notes, tags and statuses', async () => {
    installInto(installDir, oldBuild, { version: '0.0.1' });
    const h = await launchExtension({ server, extensionDir: installDir, userDataDir: profile });
    try {
      oldId = h.extensionId;
      // manifest.json: an extension page every build has (the oldest had no popup), to send messages from.
      const page = await h.context.newPage();
      await page.goto(h.extensionUrl('manifest.json'));
      expect(await send(page, 'datasetInfo', {})).toMatchObject(start.dataset);

      // One through the overlay, as a user does.
      const { page: abs } = await h.openPage(LORA_URL);
      expect(await settledState(abs)).toBe('in-survey');
      await saveButton(abs).click();
      await expectSaved(abs, true);
      await abs.close();

      const keys = [`arxiv:${LORA.arxivId}`];
      for (const input of SAVED_BY_MESSAGE)
        keys.push((await send<LibraryItem>(page, 'savePaper', input)).key);
      const edits = keys.map((key, i) => ({ key, fields: userFields(i) }));
      const canEdit = await sendOrLost(page, 'updateLibraryItem', { key: keys[0], ...userFields(0) });
      if ('ok' in canEdit && canEdit.ok) {
        for (const edit of edits.slice(1))
          await send(page, 'updateLibraryItem', { key: edit.key, ...edit.fields });
      } else {
        expect(start.libraryVersion, `updateLibraryItem failed: ${JSON.stringify(canEdit)}`).toBe(1);
        await writeUserFieldsRaw(page, edits);
      }

      const stored = await readStores(page);
      expect(stored.library.version).toBe(start.libraryVersion);
      expect(stored.catalog.meta?.version).toBe(start.dataset.version);
      before = byKey(stored.library.items);
      expect(before.map((i) => i.key)).toEqual([...keys].sort());
      for (const [i, key] of keys.entries()) {
        expect(before.find((item) => item.key === key)).toMatchObject(userFields(i));
      }
      await page.close();
    } finally {
      await h.close();
    }
  });

  it('this build on the same profile: every item, note and tag is there, and the catalog is this dataset', async () => {
    expect(before, 'the old build saved nothing').toHaveLength(1 + SAVED_BY_MESSAGE.length);
    installInto(installDir, EXTENSION_DIR);
    forgetServiceWorkers(profile);
    const h = await launchExtension({ server, extensionDir: installDir, userDataDir: profile });
    try {
      expect(h.extensionId, 'same path, same extension').toBe(oldId);
      const page = await h.context.newPage();
      await page.goto(h.extensionUrl('manifest.json'));
      // The new worker runs (listSnapshots exists since library v2; the v1 build answered "Unknown message type").
      expect(await send(page, 'listSnapshots', {})).toBeInstanceOf(Array);
      expect(await send(page, 'datasetInfo', {})).toMatchObject(CURRENT);

      // Through the current handlers (validated rows) and raw: identical to what the old build stored.
      expect(byKey(await listLibrary(page))).toEqual(before);
      const stored = await readStores(page);
      expect(stored.library.version).toBe(2);
      expect(byKey(stored.library.items)).toEqual(before);
      expect(stored.catalog).toMatchObject({
        meta: { version: CURRENT.version, records: CURRENT.records },
        papers: CURRENT.records,
      });

      // The UI shows them: the overlay's Saved state and the popup's library.
      const { page: abs } = await h.openPage(LORA_URL);
      expect(await settledState(abs)).toBe('in-survey');
      await expectSaved(abs, true);
      await abs.close();
      const popup = await openExtensionPage(h, 'popup.html#/library');
      await libraryView(popup);
      await expect
        .poll(() => popup.locator('[data-testid="library-count"]').textContent())
        .toBe(enPapers(before.length));
      await popup.close();

      // Migrated rows take new edits and bulk changes (which need the v2 stores: snapshots, tombstones).
      const first = before[0]!;
      const edited = await send<LibraryItem>(page, 'updateLibraryItem', {
        key: first.key,
        note: 'edited after update',
      });
      expect(edited).toMatchObject({ key: first.key, tags: first.tags, note: 'edited after update' });
      expect(await send(page, 'bulkRemoveLibrary', { keys: [first.key] })).toEqual({ removed: 1 });
      const snapshots = await send<{ reason: string; count: number }[]>(page, 'listSnapshots', {});
      expect(snapshots.find((s) => s.reason === 'bulk-delete')?.count).toBe(before.length);
      await page.close();
    } finally {
      await h.close();
    }
  });
});
