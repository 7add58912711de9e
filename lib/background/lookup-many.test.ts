import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { CatalogIndex } from '../catalog/index';
import type { CatalogIndexApi } from '../catalog/types';
import { FIXTURE_RECORDS, fixtureDataset, makeRecord, uniqueDbName, V1 } from '../db/test-fixtures';
import { ListIndex } from '../lists/list-index';
import { MESSAGE_LIMITS, type MessageSender } from '../messages';
import { updateSettings } from '../settings';
import { type BackgroundService, startBackground } from './index';
import { resolveMany } from './lookup-many';
import { client, deliver, value } from './test-messaging';

/**
 * lookupMany end to end (the listener startBackground registers, fake-indexeddb, fakeBrowser), and its pure
 * resolver over a CatalogIndex.
 */

const PAGE: MessageSender = { id: fakeBrowser.runtime.id, url: 'https://arxiv.org/list/cs.CL/new' };

const services: BackgroundService[] = [];
function start() {
  let clock = 1_000;
  const service = startBackground({
    browser: fakeBrowser,
    bundled: fixtureDataset(V1),
    now: () => clock++,
    catalogDbName: uniqueDbName('lm-many-catalog'),
    libraryDbName: uniqueDbName('lm-many-library'),
    logger: { warn: () => undefined },
  });
  services.push(service);
  return client(PAGE);
}

beforeEach(() => fakeBrowser.reset());
afterEach(async () => {
  for (const service of services.splice(0)) await service.close();
});

const byArxiv = (id: string) => FIXTURE_RECORDS.find((r) => r.arxivId === id)!;
const LORA = byArxiv('2106.09685');
const GPTQ = byArxiv('2210.17323');
const LOTTERY = FIXTURE_RECORDS.find((r) => r.openreviewId === 'rJl-b3RcF7')!;
const NO_ID = FIXTURE_RECORDS.find((r) => !r.arxivId && !r.openreviewId);

/** Save GPTQ through the message (the saved-state tests start from it). */
async function saveGptq(call: ReturnType<typeof start>): Promise<void> {
  await value(
    call('savePaper', { arxivId: GPTQ.arxivId!, title: GPTQ.title, url: 'https://arxiv.org/abs/2210.17323' }),
  );
}

describe('lookupMany (message)', () => {
  it('answers each entry in input order: ids, titles, misses and empty entries', async () => {
    const call = start();
    const reply = await value(
      call('lookupMany', {
        entries: [
          { arxivId: '2106.09685v2', title: 'whatever the page says' },
          { arxivId: '2312.99999', title: 'A Paper That Is Not In The Catalog At All' },
          { title: 'gptq: accurate post-training quantization for generative pre-trained transformers' },
          { openreviewId: 'rJl-b3RcF7' },
          {},
          { arxivId: 'arXiv:2210.17323' },
        ],
      }),
    );
    expect(reply).toHaveLength(6);
    expect(reply[0]).toEqual({
      recordId: LORA.id,
      title: LORA.title,
      year: LORA.year,
      leaves: LORA.leaves,
      libraryKey: 'arxiv:2106.09685',
      saved: false,
      matchedBy: 'arxiv-id',
      score: 1,
    });
    expect(reply[1]).toBeNull();
    expect(reply[2]).toMatchObject({
      recordId: GPTQ.id,
      matchedBy: 'title-exact',
      libraryKey: 'arxiv:2210.17323',
    });
    expect(reply[3]).toMatchObject({ recordId: LOTTERY.id, matchedBy: 'openreview-id' });
    expect(reply[4]).toBeNull();
    expect(reply[5]).toMatchObject({ recordId: GPTQ.id, matchedBy: 'arxiv-id' });
  });

  it('reports the saved state of every hit from one library read, and follows saves', async () => {
    const call = start();
    await saveGptq(call);
    const entries = [{ arxivId: LORA.arxivId! }, { arxivId: GPTQ.arxivId! }, { title: GPTQ.title }];
    let reply = await value(call('lookupMany', { entries }));
    expect(reply.map((h) => h?.saved)).toEqual([false, true, true]);
    await value(call('unsavePaper', { key: 'arxiv:2210.17323' }));
    reply = await value(call('lookupMany', { entries }));
    expect(reply.map((h) => h?.saved)).toEqual([false, false, false]);
  });

  it('keeps the reply compact: no records, no related works', async () => {
    const call = start();
    const [hit] = await value(call('lookupMany', { entries: [{ arxivId: LORA.arxivId! }] }));
    expect(Object.keys(hit!).sort()).toEqual(
      ['leaves', 'libraryKey', 'matchedBy', 'recordId', 'saved', 'score', 'title', 'year'].sort(),
    );
  });

  it('answers an empty list with an empty list', async () => {
    expect(await value(start()('lookupMany', { entries: [] }))).toEqual([]);
  });

  it.each([
    [
      'too many entries',
      { entries: Array.from({ length: MESSAGE_LIMITS.lookupManyEntries + 1 }, () => ({})) },
      /entries/,
    ],
    ['a malformed arXiv id', { entries: [{ arxivId: 'not an id' }] }, /entries\.0\.arxivId/],
    [
      'an over-long title',
      { entries: [{ title: 'x'.repeat(MESSAGE_LIMITS.title + 1) }] },
      /entries\.0\.title/,
    ],
    ['an unknown field', { entries: [{ arxivId: '2106.09685', url: 'https://x' }] }, /entries\.0/],
    ['no entries field', {}, /entries/],
    ['entries not an array', { entries: 'x' }, /entries/],
  ])('rejects %s with a clear error', async (_what, input, error) => {
    start();
    const reply = await deliver({ type: 'lookupMany', input }, PAGE);
    expect(reply.ok).toBe(false);
    if (!reply.ok) {
      expect(reply.error).toMatch(/^Invalid input for lookupMany/);
      expect(reply.error).toMatch(error);
    }
  });
});

describe('resolveMany (pure)', () => {
  const extra = makeRecord({
    id: 'acl:2020.emnlp-main.19',
    title: 'ETC: Encoding Long and Structured Inputs in Transformers',
    leaves: ['efficient-attention'],
  });
  const index: CatalogIndexApi = CatalogIndex.fromRecords([...FIXTURE_RECORDS, extra]);

  it('matches an entry whose arXiv id misses only against records without an arXiv id', () => {
    const [viaTitle, otherPaper] = resolveMany(index, [
      // Not in the catalog by id; its title is a record that has no arXiv id: the same paper.
      { arxivId: '2004.08483', title: 'ETC: Encoding Long and Structured Inputs in Transformers' },
      // Its title is LoRA's, but LoRA has another arXiv id: another paper (ids are exact).
      { arxivId: '2312.00001', title: LORA.title },
    ]);
    expect(viaTitle).toMatchObject({ record: { id: extra.id }, matchedBy: 'title-exact' });
    expect(otherPaper).toBeNull();
  });

  it('an entry that names an arXiv id needs the exact title of an id-less record; a similar one is not enough', () => {
    const similar = 'ETC: Encoding Long and Structured Input in Transformers';
    const [withId, withoutId] = resolveMany(index, [
      { arxivId: '2004.08483', title: similar },
      { title: similar },
    ]);
    expect(withId).toBeNull();
    // The same title without an id is matched fuzzily: the rule is about entries that name their own id.
    expect(withoutId).toMatchObject({ record: { id: extra.id }, matchedBy: 'title-fuzzy' });
  });

  it('matches title-only entries against the whole catalog, fuzzy too', () => {
    const [fuzzy, none] = resolveMany(index, [
      { title: 'LoRA: Low Rank Adaptation of Large Langauge Models' },
      { title: 'Language Models are Few-Shot Learners' },
    ]);
    expect(fuzzy).toMatchObject({ record: { id: LORA.id } });
    expect(fuzzy!.score).toBeLessThan(1);
    expect(none).toBeNull();
  });

  it('falls back to byTitle when the index cannot list its records', () => {
    const limited: CatalogIndexApi = {
      size: index.size,
      get: (id) => index.get(id),
      byArxivId: (id) => index.byArxivId(id),
      byOpenReviewId: (id) => index.byOpenReviewId(id),
      byTitle: (t) => index.byTitle(t),
      lookup: (q) => index.lookup(q),
      byLeaf: (n, o) => index.byLeaf(n, o),
      search: (q, o) => index.search(q, o),
      related: (id, o) => index.related(id, o),
      relatedToTitle: (t, o) => index.relatedToTitle(t, o),
      counts: () => index.counts(),
    };
    const [a, b, c] = resolveMany(limited, [
      { title: GPTQ.title },
      { arxivId: '2004.08483', title: 'ETC: Encoding Long and Structured Inputs in Transformers' },
      { arxivId: '2312.00001', title: LORA.title },
    ]);
    expect(a).toMatchObject({ record: { id: GPTQ.id }, matchedBy: 'title-exact' });
    expect(b).toMatchObject({ record: { id: extra.id } });
    expect(c).toBeNull();
  });

  it('resolves 2,000 listing entries (ids and title fallbacks) quickly', () => {
    const entries = Array.from({ length: 2000 }, (_, i) =>
      i % 4 === 0
        ? { arxivId: LORA.arxivId!, title: LORA.title }
        : {
            arxivId: `2312.${String(10000 + i).padStart(5, '0')}`,
            title: `Synthetic study ${i} of robust graph kernels`,
          },
    );
    resolveMany(index, entries); // builds the title tables once
    const t0 = performance.now();
    const found = resolveMany(index, entries);
    const ms = performance.now() - t0;
    expect(found.filter(Boolean)).toHaveLength(500);
    expect(ms).toBeLessThan(500);
  });

  it('matches a record that has no id at all by its title', () => {
    expect(NO_ID, 'test premise: a fixture record without ids').toBeDefined();
    expect(resolveMany(index, [{ title: NO_ID!.title }])[0]).toMatchObject({ record: { id: NO_ID!.id } });
  });
});

describe('listIndex (message)', () => {
  it("gives the lists script lookupMany's verdicts for id-bearing entries, and the saved arXiv keys", async () => {
    const call = start();
    await saveGptq(call);
    await value(call('savePaper', { title: 'A paper without ids', url: 'https://example.org/p' }));
    const wire = await value(call('listIndex', { site: 'arxiv' }));
    expect(wire.enabled).toBe(true);
    expect(wire.saved).toEqual(['arxiv:2210.17323']);
    const local = new ListIndex(wire);
    const entries = [
      { arxivId: LORA.arxivId!, title: 'whatever the page says' },
      { arxivId: GPTQ.arxivId!, title: GPTQ.title },
      { arxivId: '2312.00001', title: LORA.title },
      { arxivId: '2312.00002', title: NO_ID?.title ?? 'none' },
      { arxivId: '2312.00003', title: 'Nothing like any catalog title' },
    ];
    const many = await value(call('lookupMany', { entries }));
    const mine = entries.map((e) => local.resolve(e));
    expect(mine.map((h) => h && { leaves: h.leaves, libraryKey: h.libraryKey, saved: h.saved })).toEqual(
      many.map((h) => h && { leaves: h.leaves, libraryKey: h.libraryKey, saved: h.saved }),
    );
    expect(mine.filter(Boolean).length).toBeGreaterThanOrEqual(2);
    // Entries without an arXiv id are lookupMany's.
    expect(local.resolve({ arxivId: null, title: LORA.title })).toBeUndefined();
  });

  it('covers every record with an arXiv id, and is rejected with extra input', async () => {
    const call = start();
    const local = new ListIndex(await value(call('listIndex', { site: 'scholar' })));
    expect(local.size).toBe(new Set(FIXTURE_RECORDS.filter((r) => r.arxivId).map((r) => r.arxivId)).size);
    start();
    for (const input of [{ site: 'arxiv', all: true }, {}, { site: 'example.org' }]) {
      const reply = await deliver({ type: 'listIndex', input }, PAGE);
      expect(reply.ok).toBe(false);
      if (!reply.ok) expect(reply.error).toMatch(/^Invalid input for listIndex/);
    }
  });

  it('gives nothing for a site the user switched off, and follows the setting both ways', async () => {
    const call = start();
    expect((await value(call('listIndex', { site: 'arxiv' }))).enabled).toBe(true);
    const settings = await updateSettings({});
    await updateSettings({ sites: { ...settings.sites, arxiv: false } });
    expect(await value(call('listIndex', { site: 'arxiv' }))).toEqual({
      enabled: false,
      arxiv: '',
      titles: '',
      saved: [],
    });
    // Another site is unaffected; switching back on answers again.
    expect((await value(call('listIndex', { site: 'scholar' }))).enabled).toBe(true);
    await updateSettings({ sites: { ...settings.sites, arxiv: true } });
    expect((await value(call('listIndex', { site: 'arxiv' }))).enabled).toBe(true);
  });
});
