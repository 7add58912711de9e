import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { PaperRecord } from '../dataset/schema';
import { getCatalogMeta } from '../db/catalog';
import { openCatalogDb } from '../db/open';
import type { BundledDataset } from '../db/schema';
import { FIXTURE_RECORDS, fixtureDataset, makeRecord, uniqueDbName, V1, V2 } from '../db/test-fixtures';
import { LIBRARY_CHANGE_STORAGE_KEY, type MessageSender } from '../messages';
import { leavesUnder } from '../taxonomy';
import {
  type BackgroundService,
  BUNDLED_META,
  BUNDLED_RECORDS_PATH,
  type FetchLike,
  loadRecordsFrom,
  startBackground,
} from './index';
import { SEED_RETRY_MS } from './service';
import { deliver, client as typedClient, value } from './test-messaging';

const ARXIV_PAGE: MessageSender = { id: fakeBrowser.runtime.id, url: 'https://arxiv.org/abs/2106.09685' };
const POPUP: MessageSender = { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/popup.html') };

/** What a content script or extension page holds: sendMessage over a transport that reports its sender. */
function client(sender: MessageSender) {
  return { call: typedClient(sender), raw: (message: unknown) => deliver(message, sender) };
}

const services: BackgroundService[] = [];

function start(
  bundled: BundledDataset | undefined = fixtureDataset(V1),
  names?: { catalogDbName: string; libraryDbName: string },
) {
  // Each reading advances by 1 ms; tests jump it forward to pass the seed retry delay.
  const clock = { now: 1_000 };
  const warnings: string[] = [];
  const dbNames = names ?? {
    catalogDbName: uniqueDbName('bg-catalog'),
    libraryDbName: uniqueDbName('bg-library'),
  };
  const service = startBackground({
    browser: fakeBrowser,
    bundled,
    now: () => clock.now++,
    ...dbNames,
    logger: { warn: (message: string) => warnings.push(message) },
  });
  services.push(service);
  return { service, names: dbNames, warnings, clock, page: client(ARXIV_PAGE), popup: client(POPUP) };
}

beforeEach(() => {
  fakeBrowser.reset();
});

/** The old service worker goes away (extension update): its databases close and its listeners are gone. */
async function stopWorker(service: BackgroundService) {
  await service.close();
  fakeBrowser.runtime.onMessage.removeAllListeners();
  fakeBrowser.runtime.onInstalled.removeAllListeners();
}
afterEach(async () => {
  for (const service of services.splice(0)) await service.close();
});

const LORA = FIXTURE_RECORDS[0]!;
const LORA_URL = 'https://arxiv.org/abs/2106.09685';

describe('startBackground: wiring', () => {
  it('registers its listeners synchronously, in the first turn', () => {
    start();
    expect(fakeBrowser.runtime.onMessage.hasListeners()).toBe(true);
    expect(fakeBrowser.runtime.onInstalled.hasListeners()).toBe(true);
  });

  it('does not seed at startup, seeds on runtime.onInstalled', async () => {
    const { names } = start();
    const db = await openCatalogDb({ name: names.catalogDbName });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await getCatalogMeta(db)).toBeNull();
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install' });
    await vi.waitFor(async () => expect((await getCatalogMeta(db))?.version).toBe(V1));
    db.close();
  });

  it('seeds lazily when a cold worker gets a message first', async () => {
    const { page } = start();
    expect(await value(page.call('datasetInfo', {}))).toEqual({
      version: V1,
      records: FIXTURE_RECORDS.length,
      seededAt: expect.any(Number),
    });
  });

  it('refuses messages sent with runtime.sendMessage from a sender that is not this extension', async () => {
    start();
    // The fake browser's sendMessage reports an empty sender (no id): exactly what another extension looks like.
    expect(await fakeBrowser.runtime.sendMessage({ type: 'datasetInfo', input: {} })).toEqual({
      ok: false,
      error: 'Rejected datasetInfo: the sender is not this extension',
    });
    const other = client({
      id: 'some-other-extension',
      url: 'chrome-extension://some-other-extension/x.html',
    });
    expect(await other.call('lookupPaper', { arxivId: '2106.09685' })).toEqual({
      ok: false,
      error: 'Rejected lookupPaper: the sender is not this extension',
    });
  });
});

describe('lookupPaper', () => {
  it('finds a paper by arXiv id (any version) with related works, saved state and library key', async () => {
    const { page } = start();
    const result = await value(page.call('lookupPaper', { arxivId: '2106.09685v2' }));
    expect(result.paper).toEqual(LORA);
    expect(result.matchedBy).toBe('arxiv-id');
    expect(result.score).toBe(1);
    expect(result.saved).toBe(false);
    expect(result.libraryKey).toBe('arxiv:2106.09685');
    expect(result.related.length).toBeGreaterThan(0);
    expect(result.related.length).toBeLessThanOrEqual(8);
    expect(result.related.map((r) => r.record.id)).not.toContain(LORA.id);
  });

  it('honours relatedLimit (0 = none)', async () => {
    const { page } = start();
    expect(
      (await value(page.call('lookupPaper', { arxivId: '2106.09685', relatedLimit: 0 }))).related,
    ).toEqual([]);
    expect(
      (await value(page.call('lookupPaper', { arxivId: '2106.09685', relatedLimit: 2 }))).related,
    ).toHaveLength(2);
  });

  it('finds a paper by OpenReview id, keyed by its arXiv id so both pages share one library entry', async () => {
    const { page } = start();
    const result = await value(page.call('lookupPaper', { openreviewId: 'nZeVKeeFYf9', title: LORA.title }));
    expect(result.paper?.id).toBe(LORA.id);
    expect(result.matchedBy).toBe('openreview-id');
    expect(result.libraryKey).toBe('arxiv:2106.09685');
  });

  it.each([
    [
      'exact title, other case and punctuation',
      'distilling the knowledge in a neural network.',
      'arxiv:1503.02531',
      'title-exact',
    ],
    ['title with a typo', 'Distiling the Knowlege in a Neural Network', 'arxiv:1503.02531', 'title-fuzzy'],
    [
      'title of a paper with no id',
      'Prefix-Tuning: Optimizing Continuous Prompts for Generation',
      'acl:2021.acl-long.353',
      'title-exact',
    ],
  ])('finds a paper by %s', async (_name, title, id, matchedBy) => {
    const { page } = start();
    const result = await value(page.call('lookupPaper', { title }));
    expect(result.paper?.id).toBe(id);
    expect(result.matchedBy).toBe(matchedBy);
  });

  it('keys an id-less catalog paper by its normalised title', async () => {
    const { page } = start();
    const result = await value(
      page.call('lookupPaper', { title: 'Prefix-Tuning: Optimizing Continuous Prompts for Generation' }),
    );
    expect(result.libraryKey).toBe('title:prefix tuning optimizing continuous prompts for generation');
  });

  it('answers for a paper that is not in the catalog: no paper, a key from the page, related works from the title', async () => {
    const { page } = start();
    const result = await value(
      page.call('lookupPaper', {
        arxivId: '2401.00001',
        title: 'Yet Another Quantization Method for Large Language Models',
      }),
    );
    expect(result).toMatchObject({
      paper: null,
      matchedBy: null,
      score: null,
      saved: false,
      libraryKey: 'arxiv:2401.00001',
    });
    expect(result.related.map((r) => r.record.id)).toEqual(expect.arrayContaining(['arxiv:2210.17323']));
  });
});

describe('library round trip', () => {
  it('save → getSavedState true → libraryChange written → unsave → false', async () => {
    const { page, popup } = start();
    const changes: unknown[] = [];
    fakeBrowser.storage.onChanged.addListener((change, area) => {
      if (area === 'local' && change[LIBRARY_CHANGE_STORAGE_KEY])
        changes.push(change[LIBRARY_CHANGE_STORAGE_KEY].newValue);
    });

    const { libraryKey } = await value(
      page.call('lookupPaper', { openreviewId: 'nZeVKeeFYf9', title: LORA.title }),
    );
    const item = await value(
      page.call('savePaper', {
        openreviewId: 'nZeVKeeFYf9',
        title: LORA.title,
        url: 'https://openreview.net/forum?id=nZeVKeeFYf9',
        authors: ['Edward J. Hu'],
      }),
    );
    expect(item).toMatchObject({
      key: libraryKey,
      arxivId: '2106.09685',
      openreviewId: 'nZeVKeeFYf9',
      catalogId: LORA.id,
      title: LORA.title,
      authors: ['Edward J. Hu'],
      year: 2021,
      leaves: LORA.leaves,
      url: 'https://openreview.net/forum?id=nZeVKeeFYf9',
      tags: [],
      note: '',
      status: 'to-read',
    });
    expect(item.savedAt).toBe(item.updatedAt);

    expect(await value(page.call('getSavedState', { keys: [libraryKey, 'arxiv:2305.14314'] }))).toEqual({
      [libraryKey]: true,
      'arxiv:2305.14314': false,
    });
    expect((await value(page.call('lookupPaper', { arxivId: '2106.09685' }))).saved).toBe(true);
    const stored = await fakeBrowser.storage.local.get(LIBRARY_CHANGE_STORAGE_KEY);
    expect(stored[LIBRARY_CHANGE_STORAGE_KEY]).toEqual({ key: libraryKey, saved: true, at: item.updatedAt });
    expect(await value(popup.call('listLibrary', {}))).toEqual([item]);

    expect(await value(page.call('unsavePaper', { key: libraryKey }))).toEqual({ removed: true });
    expect(await value(page.call('getSavedState', { keys: [libraryKey] }))).toEqual({ [libraryKey]: false });
    expect(
      (await fakeBrowser.storage.local.get(LIBRARY_CHANGE_STORAGE_KEY))[LIBRARY_CHANGE_STORAGE_KEY],
    ).toMatchObject({
      key: libraryKey,
      saved: false,
    });
    expect(await value(page.call('unsavePaper', { key: libraryKey }))).toEqual({ removed: false });
    expect(await value(popup.call('listLibrary', {}))).toEqual([]);
    // The second unsave is announced too: a tab that still shows "saved" learns the true state.
    expect(changes).toEqual([
      expect.objectContaining({ key: libraryKey, saved: true }),
      expect.objectContaining({ key: libraryKey, saved: false }),
      expect.objectContaining({ key: libraryKey, saved: false }),
    ]);
  });

  it('re-saving keeps savedAt and bumps updatedAt', async () => {
    const { page } = start();
    const first = await value(
      page.call('savePaper', { arxivId: '2106.09685', title: LORA.title, url: LORA_URL }),
    );
    const again = await value(
      page.call('savePaper', { arxivId: '2106.09685', title: LORA.title, url: `${LORA_URL}v2` }),
    );
    expect(again.savedAt).toBe(first.savedAt);
    expect(again.updatedAt).toBeGreaterThan(first.updatedAt);
    expect(again.url).toBe(`${LORA_URL}v2`);
  });

  it('saves a paper the catalog does not know, with the key derived from the page', async () => {
    const { page } = start();
    const item = await value(
      page.call('savePaper', { title: 'An Unlisted Paper', url: 'https://example.org/p.pdf' }),
    );
    expect(item).toMatchObject({
      key: 'title:an unlisted paper',
      catalogId: null,
      leaves: [],
      year: null,
      arxivId: null,
    });
    const explicit = await value(
      page.call('savePaper', {
        key: 'title:custom',
        title: 'Whatever',
        url: 'https://example.org/',
        leaves: ['pruning'],
      }),
    );
    expect(explicit).toMatchObject({ key: 'title:custom', leaves: ['pruning'] });
  });

  it('concurrent saves from many tabs lose nothing', async () => {
    const { page, popup } = start();
    const n = 30;
    await Promise.all(
      Array.from({ length: n }, (_, i) =>
        value(
          page.call('savePaper', {
            key: `title:paper ${i}`,
            title: `Paper ${i}`,
            url: 'https://example.org/',
          }),
        ),
      ),
    );
    expect(await value(popup.call('listLibrary', {}))).toHaveLength(n);
  });

  it('listLibrary is refused to a content script', async () => {
    const { page } = start();
    await value(page.call('savePaper', { arxivId: '2106.09685', title: LORA.title, url: LORA_URL }));
    const reply = await page.call('listLibrary', {});
    expect(reply).toEqual({
      ok: false,
      error: expect.stringMatching(/^Rejected listLibrary: only the extension's own pages/),
    });
  });
});

describe('malformed messages are rejected with clear errors and write nothing', () => {
  const malformed: [string, unknown, RegExp][] = [
    ['a non-object', 'savePaper', /^Malformed message: expected \{type, input\}, got string$/],
    ['null', null, /got null/],
    ['an unknown name', { type: 'dropDatabase', input: {} }, /^Unknown message type "dropDatabase"$/],
    ['a wrong type field', { type: ['savePaper'], input: {} }, /"type" must be a message name, got an array/],
    ['a missing input', { type: 'savePaper' }, /^Malformed message: savePaper has no "input"$/],
    [
      'a huge title',
      { type: 'savePaper', input: { title: 'x'.repeat(2_000_000), url: LORA_URL } },
      /^Invalid input for savePaper: title: Too big/,
    ],
    [
      'a huge url',
      { type: 'savePaper', input: { title: 'T', url: `https://a.org/${'x'.repeat(100_000)}` } },
      /url: Too big/,
    ],
    [
      'a javascript: url',
      { type: 'savePaper', input: { title: 'T', url: 'javascript:alert(1)' } },
      /url: not an http\(s\) URL/,
    ],
    [
      'too many keys',
      { type: 'getSavedState', input: { keys: Array(6000).fill('title:x') } },
      /keys: Too big/,
    ],
    ['a bad key to unsave', { type: 'unsavePaper', input: { key: '*' } }, /key: not a library key/],
    [
      'extra fields',
      { type: 'savePaper', input: { title: 'T', url: LORA_URL, tags: ['x'] } },
      /Unrecognized key/,
    ],
  ];
  it.each(malformed)('%s', async (_name, message, error) => {
    const { page, popup } = start();
    const reply = await page.raw(message);
    expect(reply).toEqual({ ok: false, error: expect.stringMatching(error) });
    expect(await value(popup.call('listLibrary', {}))).toEqual([]);
    expect(await fakeBrowser.storage.local.get(LIBRARY_CHANGE_STORAGE_KEY)).toEqual({});
  });
});

describe('catalog queries', () => {
  it('relatedWorks pages through the same ranking as lookupPaper', async () => {
    const { page } = start();
    const all = await value(page.call('relatedWorks', { recordId: LORA.id, limit: 6, offset: 0 }));
    const first = await value(page.call('relatedWorks', { recordId: LORA.id, limit: 3, offset: 0 }));
    const second = await value(page.call('relatedWorks', { recordId: LORA.id, limit: 3, offset: 3 }));
    expect([...first, ...second].map((r) => r.record.id)).toEqual(all.map((r) => r.record.id));
    const fromLookup = await value(page.call('lookupPaper', { arxivId: '2106.09685', relatedLimit: 3 }));
    expect(fromLookup.related.map((r) => r.record.id)).toEqual(first.map((r) => r.record.id));
    expect(await value(page.call('relatedWorks', { recordId: LORA.id, limit: 5, offset: 1000 }))).toEqual([]);
  });

  it('relatedWorks for an unknown record is an error', async () => {
    const { page } = start();
    expect(await page.call('relatedWorks', { recordId: 'arxiv:0000.00000', limit: 3, offset: 0 })).toEqual({
      ok: false,
      error: 'relatedWorks failed: no catalog record arxiv:0000.00000',
    });
  });

  it('searchCatalog ranks titles, optionally within a node', async () => {
    const { page } = start();
    const hits = await value(page.call('searchCatalog', { query: 'post-training quantization', limit: 5 }));
    expect(hits.map((h) => h.record.id)).toEqual(
      expect.arrayContaining(['arxiv:2210.17323', 'arxiv:2211.10438']),
    );
    expect(hits.length).toBeLessThanOrEqual(5);
    const inPruning = await value(
      page.call('searchCatalog', { query: 'quantization', leaf: 'pruning', limit: 5 }),
    );
    for (const hit of inPruning) expect(hit.record.leaves).toContain('pruning');
  });

  it('listNode lists a leaf and an area', async () => {
    const { page } = start();
    const expectedIds = (node: string) =>
      FIXTURE_RECORDS.filter((r) => r.leaves.some((l) => leavesUnder(node).includes(l)))
        .map((r) => r.id)
        .sort();
    for (const node of ['quantization', 'inference-efficiency', 'curriculum-learning']) {
      const records = await value(page.call('listNode', { nodeId: node }));
      expect(records.map((r) => r.id).sort()).toEqual(expectedIds(node));
    }
    const newest = await value(page.call('listNode', { nodeId: 'pruning', sort: 'year-desc' }));
    expect(newest.map((r) => r.year)).toEqual([2023, 2019]);
  });

  it('taxonomyCounts counts each paper once per node', async () => {
    const { page } = start();
    const counts = await value(page.call('taxonomyCounts', {}));
    const expected = (node: string) =>
      FIXTURE_RECORDS.filter((r) => r.leaves.some((l) => leavesUnder(node).includes(l))).length;
    for (const node of [
      'quantization',
      'parameter-efficient-fine-tuning',
      'inference-efficiency',
      'budget-efficiency',
    ]) {
      expect(counts[node] ?? 0).toBe(expected(node));
    }
  });
});

describe('dataset updates', () => {
  const AWQ = makeRecord({
    arxivId: '2306.00978',
    title: 'AWQ: Activation-aware Weight Quantization for LLM Compression and Acceleration',
    year: 2023,
    leaves: ['quantization'],
  });

  it('a new bundled version (extension update) reseeds; the library is untouched', async () => {
    const first = start();
    const item = await value(
      first.page.call('savePaper', { arxivId: '2106.09685', title: LORA.title, url: LORA_URL }),
    );
    await stopWorker(first.service);

    // The updated extension: a new service worker with a new dataset, same databases.
    const second = start(fixtureDataset(V2, [...FIXTURE_RECORDS.slice(1), AWQ]), first.names);
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'update', previousVersion: '0.0.1' });
    expect(await value(second.page.call('datasetInfo', {}))).toMatchObject({
      version: V2,
      records: FIXTURE_RECORDS.length,
    });
    expect((await value(second.page.call('lookupPaper', { arxivId: '2306.00978' }))).paper?.id).toBe(AWQ.id);
    const gone = await value(second.page.call('lookupPaper', { arxivId: '2106.09685' }));
    expect(gone).toMatchObject({ paper: null, saved: true, libraryKey: 'arxiv:2106.09685' });
    expect(await value(second.popup.call('listLibrary', {}))).toEqual([item]);
  });

  it('a bundle that fails to seed keeps serving the previous catalog', async () => {
    const first = start();
    await value(first.page.call('datasetInfo', {}));
    await stopWorker(first.service);

    const broken = fixtureDataset(V2, [{ ...AWQ, leaves: ['not-a-leaf' as never] }]);
    const second = start(broken, first.names);
    expect(await value(second.page.call('datasetInfo', {}))).toMatchObject({
      version: V1,
      records: FIXTURE_RECORDS.length,
    });
    expect((await value(second.page.call('lookupPaper', { arxivId: '2106.09685' }))).paper?.id).toBe(LORA.id);
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'update', previousVersion: '0.0.1' });
    await value(second.page.call('searchCatalog', { query: 'lora', limit: 3 }));
    // Logged once per attempt, not once per request: these requests came within the retry delay.
    expect(second.warnings).toHaveLength(1);
    expect(second.warnings[0]).toMatch(
      /catalog seeding failed, keeping the previous catalog \(retried after 30000 ms or at the next start\): .*unknown taxonomy leaf/,
    );
  });

  it('a worker that finds the catalog current never loads the records', async () => {
    const first = start();
    await value(first.page.call('datasetInfo', {}));
    await stopWorker(first.service);

    // Same version, and a loader that fails the test if it is ever called.
    let loads = 0;
    const untouchable: BundledDataset = {
      ...fixtureDataset(V1),
      loadRecords: () => {
        loads++;
        throw new Error('the records were loaded on a same-version start');
      },
    };
    const second = start(untouchable, first.names);
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'update', previousVersion: '0.0.1' });
    expect((await value(second.page.call('lookupPaper', { arxivId: '2106.09685' }))).paper?.id).toBe(LORA.id);
    expect(await value(second.page.call('datasetInfo', {}))).toMatchObject({ version: V1 });
    expect(loads).toBe(0);
    expect(second.warnings).toEqual([]);
  });

  /** A fetch whose answer the test switches (what the extension would serve at data/papers.json). */
  function switchableFetch(initial: { status: number; body: string }) {
    const state = { ...initial, calls: 0 };
    const fetch: FetchLike = async () => {
      state.calls++;
      const bytes = new TextEncoder().encode(state.body);
      return { ok: state.status === 200, status: state.status, arrayBuffer: async () => bytes.buffer };
    };
    return { state, fetch };
  }

  const V2_RECORDS: PaperRecord[] = [...FIXTURE_RECORDS.slice(1), AWQ];
  const loaderFailures: [string, { status: number; body: string }, RegExp][] = [
    [
      'a missing file',
      { status: 404, body: '' },
      /could not load its records: cannot read .*: HTTP status 404/,
    ],
    [
      'a file that is not JSON',
      { status: 200, body: '[{"id": "arxiv:1' },
      /could not load its records: .* is not valid JSON/,
    ],
    [
      'a file of the wrong shape',
      { status: 200, body: '{"papers": []}' },
      /could not load its records: .* holds object, not an array of records/,
    ],
    [
      'rows that fail validation',
      { status: 200, body: JSON.stringify([{ ...AWQ, year: 'soon' }]) },
      /invalid records: \[0\] \(id arxiv:2306\.00978\)\.year/,
    ],
  ];
  it.each(loaderFailures)(
    'a loader failure (%s) keeps the old catalog serving, is logged, and is retried by a later request',
    async (_name, failing, message) => {
      const first = start();
      await value(first.page.call('datasetInfo', {}));
      await stopWorker(first.service);

      const served = switchableFetch(failing);
      const url = fakeBrowser.runtime.getURL(BUNDLED_RECORDS_PATH);
      const v2: BundledDataset = {
        ...fixtureDataset(V2, V2_RECORDS),
        loadRecords: () => loadRecordsFrom(url, { fetch: served.fetch }),
      };
      const second = start(v2, first.names);
      // The old catalog answers, and the failure is logged with its cause.
      expect((await value(second.page.call('lookupPaper', { arxivId: '2106.09685' }))).paper?.id).toBe(
        LORA.id,
      );
      expect(await value(second.page.call('datasetInfo', {}))).toMatchObject({ version: V1 });
      expect(second.warnings).toHaveLength(1);
      expect(second.warnings[0]).toMatch(/catalog seeding failed, keeping the previous catalog/);
      expect(second.warnings[0]).toMatch(message);
      // Within the retry delay, requests reuse the failure: one load for the whole burst.
      await value(second.page.call('searchCatalog', { query: 'lora', limit: 3 }));
      expect(served.state.calls).toBe(1);

      // The file is fixed (in life: a new worker, or the next request after the delay) and the next request seeds.
      Object.assign(served.state, { status: 200, body: JSON.stringify(V2_RECORDS) });
      second.clock.now += SEED_RETRY_MS;
      expect((await value(second.page.call('lookupPaper', { arxivId: '2306.00978' }))).paper?.id).toBe(
        AWQ.id,
      );
      expect(served.state.calls).toBe(2);
      expect(await value(second.page.call('datasetInfo', {}))).toMatchObject({
        version: V2,
        records: V2_RECORDS.length,
      });
      expect(second.warnings).toHaveLength(1);
    },
  );

  it('a failure is retried by the next worker even within the retry delay', async () => {
    const first = start();
    await value(first.page.call('datasetInfo', {}));
    await stopWorker(first.service);

    const served = switchableFetch({ status: 404, body: '' });
    const url = fakeBrowser.runtime.getURL(BUNDLED_RECORDS_PATH);
    const v2 = (): BundledDataset => ({
      ...fixtureDataset(V2, V2_RECORDS),
      loadRecords: () => loadRecordsFrom(url, { fetch: served.fetch }),
    });
    const second = start(v2(), first.names);
    expect(await value(second.page.call('datasetInfo', {}))).toMatchObject({ version: V1 });
    await stopWorker(second.service);

    Object.assign(served.state, { status: 200, body: JSON.stringify(V2_RECORDS) });
    const third = start(v2(), first.names);
    expect(await value(third.page.call('datasetInfo', {}))).toMatchObject({ version: V2 });
    expect(served.state.calls).toBe(2);
    expect(third.warnings).toEqual([]);
  });

  it('with no previous catalog, a bad bundle makes catalog requests fail clearly', async () => {
    const { page } = start(fixtureDataset(V2, [{ ...AWQ, title: '' }]));
    const reply = await page.call('lookupPaper', { arxivId: '2106.09685' });
    expect(reply).toEqual({
      ok: false,
      error: expect.stringMatching(
        /^lookupPaper failed: the catalog has never been seeded \(Bundled dataset .* invalid records/,
      ),
    });
    expect(await value(page.call('datasetInfo', {}))).toEqual({ version: V2, records: 0, seededAt: null });
  });
});

describe('the bundled dataset', () => {
  const papersText = readFileSync(path.resolve(import.meta.dirname, '../../data/papers.json'), 'utf8');

  it('by default, fetches data/papers.json from the extension only to seed, and answers for the survey itself', async () => {
    const asked: string[] = [];
    // What the extension serves at its own URL (the build copies data/papers.json there).
    vi.stubGlobal('fetch', async (url: string) => {
      asked.push(String(url));
      return String(url) === fakeBrowser.runtime.getURL(BUNDLED_RECORDS_PATH)
        ? new Response(papersText)
        : new Response('', { status: 404 });
    });
    const names = {
      catalogDbName: uniqueDbName('bundled-catalog'),
      libraryDbName: uniqueDbName('bundled-library'),
    };
    try {
      const service = startBackground({ browser: fakeBrowser, ...names });
      services.push(service);
      expect(asked).toEqual([]);
      const page = client(ARXIV_PAGE);
      expect(await value(page.call('datasetInfo', {}))).toMatchObject({
        version: BUNDLED_META.version,
        records: BUNDLED_META.records,
      });
      expect(asked).toEqual([fakeBrowser.runtime.getURL(BUNDLED_RECORDS_PATH)]);
      const survey = await value(page.call('lookupPaper', { arxivId: '2312.00678v3' }));
      expect(survey.paper).toMatchObject({ id: 'arxiv:2312.00678', isSurvey: true });
      // Every OpenReview-only record is found by its forum id, keyed by it.
      const records = JSON.parse(papersText) as PaperRecord[];
      expect(records).toHaveLength(BUNDLED_META.records);
      const openreviewOnly = records.filter((r) => r.openreviewId && !r.arxivId);
      for (const record of openreviewOnly.slice(0, 10)) {
        const found = await value(
          page.call('lookupPaper', { openreviewId: record.openreviewId!, relatedLimit: 0 }),
        );
        expect(found.paper?.id).toBe(record.id);
        expect(found.libraryKey).toBe(`openreview:${record.openreviewId}`);
      }
      expect(asked).toHaveLength(1);

      // A later worker over the same databases finds the catalog current and fetches nothing.
      await stopWorker(service);
      const later = startBackground({ browser: fakeBrowser, ...names });
      services.push(later);
      await fakeBrowser.runtime.onInstalled.trigger({ reason: 'update', previousVersion: '0.0.1' });
      expect((await value(page.call('lookupPaper', { arxivId: '2312.00678' }))).paper?.isSurvey).toBe(true);
      expect(asked).toHaveLength(1);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
