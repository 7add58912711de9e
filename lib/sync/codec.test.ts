import { describe, expect, it } from 'vitest';
import { libraryItem } from '../db/library-test-helpers';
import type { LibraryItem, Tombstone } from '../db/schema';
import { decodeFromSync, decodeRecord, encodeForSync, encodeRecord } from './codec';
import { CHROME_SYNC_LIMITS, entryBytes, SYNC_MANIFEST_KEY, shardNumber, syncBytes } from './format';
import { mergeSync } from './merge';
import { CHROME_QUOTAS } from './test-sync-area';

const utf8 = (text: string) => new TextEncoder().encode(text).length;

/** Chrome's own accounting of a set of entries: every key fits per item, the total fits, the count fits. */
function assertWithinChromeQuotas(entries: Record<string, unknown>) {
  let total = 0;
  for (const [key, value] of Object.entries(entries)) {
    const bytes = utf8(key) + utf8(JSON.stringify(value));
    expect(bytes, key).toBeLessThanOrEqual(CHROME_QUOTAS.QUOTA_BYTES_PER_ITEM);
    total += bytes;
  }
  expect(total).toBeLessThanOrEqual(CHROME_QUOTAS.QUOTA_BYTES);
  expect(Object.keys(entries).length).toBeLessThanOrEqual(CHROME_QUOTAS.MAX_ITEMS);
  return total;
}

const LORA: LibraryItem = {
  key: 'arxiv:2106.09685',
  arxivId: '2106.09685',
  openreviewId: 'nZeVKeeFYf9',
  catalogId: 'arxiv:2106.09685',
  title: 'LoRA: Low-Rank Adaptation of Large Language Models',
  authors: ['Edward J. Hu', 'Yelong Shen'],
  year: 2021,
  leaves: ['parameter-efficient-fine-tuning', 'low-rank-decomposition'],
  url: 'https://arxiv.org/abs/2106.09685',
  savedAt: 1_700_000_000_000,
  updatedAt: 1_700_000_000_500,
  tags: ['peft', 'must read'],
  note: 'Rank 8 is enough.\n— é 中文 😀',
  status: 'reading',
};
const LOTTERY: LibraryItem = {
  ...libraryItem('lottery', 1_690_000_000_000),
  key: 'openreview:rJl-b3RcF7',
  openreviewId: 'rJl-b3RcF7',
  catalogId: 'openreview:rJl-b3RcF7',
  url: 'https://openreview.net/forum?id=rJl-b3RcF7',
  status: 'read',
};
const UNLISTED = libraryItem('unlisted kv', 1_710_000_000_000, {
  catalogId: 'acl:2021.acl-long.353',
  note: 'x',
});
const ODD: LibraryItem = {
  ...libraryItem('odd', 1_711_000_000_000),
  key: 'arxiv:2210.17323',
  arxivId: null,
  url: 'https://arxiv.org/abs/2210.17323v2',
};

describe('encodeRecord', () => {
  it.each([
    [
      'an arXiv paper: ids, catalog id and url come from the key',
      LORA,
      {
        k: 'arxiv:2106.09685',
        t: LORA.title,
        o: 'nZeVKeeFYf9',
        c: 0,
        g: ['peft', 'must read'],
        s: 1,
        n: LORA.note,
        sa: LORA.savedAt,
        u: LORA.updatedAt,
        au: LORA.authors,
        y: 2021,
        l: LORA.leaves,
      },
    ],
    [
      'an OpenReview paper, read, never edited (no sa)',
      LOTTERY,
      { k: 'openreview:rJl-b3RcF7', t: 'Paper lottery', c: 0, s: 2, u: LOTTERY.updatedAt },
    ],
    [
      'a title-keyed paper: url and catalog id spelled out',
      UNLISTED,
      {
        k: 'title:unlisted kv',
        t: 'Paper unlisted kv',
        c: 'acl:2021.acl-long.353',
        n: 'x',
        u: UNLISTED.updatedAt,
        r: 'https://example.org/unlisted%20kv',
      },
    ],
    [
      'an arXiv key without arXiv id (explicit null) and a versioned url',
      ODD,
      {
        k: 'arxiv:2210.17323',
        t: 'Paper odd',
        a: null,
        u: ODD.updatedAt,
        r: 'https://arxiv.org/abs/2210.17323v2',
      },
    ],
  ])('%s', (_name, item, record) => {
    expect(encodeRecord(item)).toStrictEqual(record);
    const decoded = decodeRecord(record);
    expect(typeof decoded === 'string' ? decoded : decoded.item).toStrictEqual(item);
  });

  it('compact and minimal tiers say what they leave out', () => {
    expect(encodeRecord(LORA, 'compact')).toMatchObject({ x: 'aly', n: LORA.note });
    expect(encodeRecord(LORA, 'compact')).not.toHaveProperty('au');
    expect(encodeRecord(LORA, 'minimal')).toMatchObject({ x: 'alny' });
    expect(encodeRecord(LORA, 'minimal')).not.toHaveProperty('n');
    // An empty note is not "left out": it is known to be empty.
    expect(encodeRecord({ ...LORA, note: '' }, 'minimal').x).toBe('aly');
  });

  it('cuts a long title to 200 characters and a long note to its byte budget, never inside a code point', () => {
    const title = `${'T'.repeat(199)}😀 and more`;
    const note = '😀'.repeat(400);
    const record = encodeRecord({ ...LORA, title, note });
    expect(record).toMatchObject({ t: 'T'.repeat(199), tt: 1, nt: 1 });
    expect(record.n!.length % 2).toBe(0);
    expect(record.n).toBe('😀'.repeat(record.n!.length / 2));
    expect(syncBytes(JSON.stringify(record.n))).toBeLessThanOrEqual(1_000);
    expect(encodeRecord({ ...LORA, note }, 'compact').n!.length).toBeLessThan(record.n!.length);
  });

  it('carries tags in order until their budget, and says when some were left out', () => {
    const tags = Array.from({ length: 100 }, (_, i) => `tag-${i}-${'x'.repeat(40)}`);
    const record = encodeRecord({ ...LORA, tags });
    expect(record.gt).toBe(1);
    expect(record.g!.length).toBeGreaterThan(5);
    expect(record.g).toEqual(tags.slice(0, record.g!.length));
  });

  it('leaves out an author list too long to carry whole', () => {
    const authors = Array.from({ length: 200 }, (_, i) => `Author Number ${i}`);
    const record = encodeRecord({ ...LORA, authors });
    expect(record).not.toHaveProperty('au');
    expect(record.x).toBe('a');
  });
});

describe('syncBytes', () => {
  it.each(['plain ascii', 'é', '中文', '😀', '"quotes" and \\ and \n', 'mixed é 中 😀 text'])(
    'never counts less than UTF-8 for %j',
    (text) => {
      const json = JSON.stringify(text);
      expect(syncBytes(json)).toBeGreaterThanOrEqual(utf8(json));
    },
  );
});

describe('encodeForSync / decodeFromSync', () => {
  const items = [LORA, LOTTERY, UNLISTED, ODD];
  const tombstones: Tombstone[] = [
    { key: 'arxiv:1503.02531', deletedAt: 5 },
    { key: LORA.key, deletedAt: 1 }, // superseded by the live item: not carried
  ];

  it('round-trips a small library exactly (full tier), with its deletions', () => {
    const encoding = encodeForSync(items, tombstones);
    expect(encoding).toMatchObject({ itemsSynced: 4, overQuota: false, tombstonesSynced: 1, tier: 'full' });
    const decoded = decodeFromSync(encoding.entries);
    expect(decoded.errors).toEqual([]);
    expect(decoded.tombstones).toEqual([{ key: 'arxiv:1503.02531', deletedAt: 5 }]);
    const merged = mergeSync([], decoded, []);
    expect(merged.items.sort((a, b) => a.key.localeCompare(b.key))).toStrictEqual(
      [...items].sort((a, b) => a.key.localeCompare(b.key)),
    );
    expect(encoding.bytes).toBe(
      Object.entries(encoding.entries).reduce((sum, [key, value]) => sum + entryBytes(key, value), 0),
    );
  });

  it('is deterministic: the same library in any order gives the same entries', () => {
    expect(encodeForSync([...items].reverse(), [...tombstones].reverse()).entries).toStrictEqual(
      encodeForSync(items, tombstones).entries,
    );
  });

  it('an empty library is a manifest with no shards', () => {
    const encoding = encodeForSync([], []);
    expect(encoding.entries).toEqual({ [SYNC_MANIFEST_KEY]: { v: 1, n: 0, i: 0, t: 0, d: 0 } });
    expect(decodeFromSync(encoding.entries)).toMatchObject({
      items: [],
      tombstones: [],
      errors: [],
      empty: false,
    });
  });

  it('a 1,000-item library stays within every quota and reports honestly that not all of it fits', () => {
    const library = Array.from({ length: 1_000 }, (_, i) =>
      libraryItem(`paper number ${i} about efficient large language models`, 1_000_000 + i, {
        tags: i % 3 ? ['quantization'] : [],
        note: i % 5 ? '' : `Some note about paper ${i}`,
        authors: ['First Author', 'Second Author'],
        leaves: ['quantization'],
      }),
    );
    const encoding = encodeForSync(library, []);
    assertWithinChromeQuotas(encoding.entries);
    expect(encoding.overQuota).toBe(true);
    expect(encoding.tier).toBe('minimal');
    expect(encoding.itemsSynced).toBeGreaterThan(200);
    expect(encoding.itemsSynced).toBeLessThan(1_000);
    expect(encoding.bytes).toBeLessThanOrEqual(
      CHROME_SYNC_LIMITS.quotaBytes - CHROME_SYNC_LIMITS.reserveBytes,
    );
    const decoded = decodeFromSync(encoding.entries);
    expect(decoded.manifest).toMatchObject({ i: encoding.itemsSynced, t: 1_000 });
    // The synced ones are exactly the most recently updated.
    const newest = [...library].sort((a, b) => b.updatedAt - a.updatedAt).slice(0, encoding.itemsSynced);
    expect(decoded.items.map((i) => i.key).sort()).toEqual(newest.map((i) => i.key).sort());
  });

  it('a library that fits only without details uses the compact tier and syncs everything', () => {
    const library = Array.from({ length: 300 }, (_, i) =>
      libraryItem(`p${i}`, i, {
        authors: Array.from({ length: 8 }, (_, a) => `Author ${a} With A Long Name`),
        leaves: ['quantization', 'pruning'],
      }),
    );
    const encoding = encodeForSync(library, []);
    expect(encoding).toMatchObject({ tier: 'compact', overQuota: false, itemsSynced: 300 });
    assertWithinChromeQuotas(encoding.entries);
  });

  it('carries the newest deletions within a tenth of the space', () => {
    const many = Array.from({ length: 5_000 }, (_, i) => ({ key: `title:deleted ${i}`, deletedAt: i }));
    const encoding = encodeForSync([LORA], many);
    assertWithinChromeQuotas(encoding.entries);
    expect(encoding.tombstonesSynced).toBeGreaterThan(50);
    expect(encoding.tombstonesSynced).toBeLessThan(5_000);
    const decoded = decodeFromSync(encoding.entries);
    expect(Math.min(...decoded.tombstones.map((t) => t.deletedAt))).toBe(5_000 - encoding.tombstonesSynced);
    expect(decoded.items.map((i) => i.key)).toEqual([LORA.key]);
  });

  it('smaller quotas are honoured too', () => {
    const limits = {
      quotaBytes: 4_000,
      quotaBytesPerItem: 1_000,
      maxItems: 6,
      reserveBytes: 0,
      reserveItems: 0,
    };
    const library = Array.from({ length: 100 }, (_, i) => libraryItem(`item ${i}`, i));
    const encoding = encodeForSync(library, [], limits);
    expect(encoding.overQuota).toBe(true);
    expect(Object.keys(encoding.entries).length).toBeLessThanOrEqual(6);
    for (const [key, value] of Object.entries(encoding.entries))
      expect(entryBytes(key, value)).toBeLessThanOrEqual(1_000);
    expect(encoding.bytes).toBeLessThanOrEqual(4_000);
  });
});

describe('decodeFromSync: bad data is skipped and reported, never thrown', () => {
  const good = encodeRecord(LORA);
  const cases: [string, Record<string, unknown>, { items: number; tombstones?: number; errors: RegExp[] }][] =
    [
      ['nothing at all', {}, { items: 0, errors: [] }],
      ['other keys only', { theme: 'dark', 'libx:0': [good] }, { items: 0, errors: [] }],
      [
        'a shard that is not a list',
        { [SYNC_MANIFEST_KEY]: { v: 1, n: 2, i: 1, t: 1, d: 0 }, 'lib:0': [good], 'lib:1': 'oops' },
        { items: 1, errors: [/lib:1: not a list/] },
      ],
      [
        'a missing shard',
        { [SYNC_MANIFEST_KEY]: { v: 1, n: 2, i: 1, t: 1, d: 0 }, 'lib:0': [good] },
        { items: 1, errors: [/lib:1: missing/] },
      ],
      [
        'records that fail the schema',
        {
          [SYNC_MANIFEST_KEY]: { v: 1, n: 1, i: 4, t: 4, d: 0 },
          'lib:0': [
            good,
            { ...good, k: 'not-a-key' },
            { ...good, k: 'title:x', r: 'javascript:alert(1)' },
            { ...good, k: 'title:y', o: undefined },
            { ...good, extra: 1 },
            null,
            { k: 'title:z', d: 'yesterday' },
          ],
        },
        {
          items: 1,
          errors: [
            /lib:0\[1\]: key: not a library key/,
            /lib:0\[2\]: url: not an http/,
            /lib:0\[3\]: url: missing and not derivable/,
            /lib:0\[4\]: .*Unrecognized key/,
            /lib:0\[5\]/,
            /lib:0\[6\]: d: /,
          ],
        },
      ],
      [
        'huge strings',
        {
          [SYNC_MANIFEST_KEY]: { v: 1, n: 1, i: 1, t: 1, d: 0 },
          'lib:0': [{ ...good, k: `title:${'x'.repeat(10_000)}` }],
        },
        { items: 0, errors: [/lib:0\[0\]: k: Too big/] },
      ],
      [
        'no manifest: every shard is read',
        { 'lib:0': [good], 'lib:7': [{ k: 'title:gone', d: 3 }] },
        { items: 1, tombstones: 1, errors: [/lib:meta: missing/] },
      ],
      [
        'a manifest that is not one',
        { [SYNC_MANIFEST_KEY]: [1, 2], 'lib:0': [good] },
        { items: 1, errors: [/lib:meta: not a manifest/] },
      ],
      [
        'stale shards beyond the manifest are ignored',
        {
          [SYNC_MANIFEST_KEY]: { v: 1, n: 1, i: 1, t: 1, d: 0 },
          'lib:0': [good],
          'lib:1': [{ k: 'title:old', d: 1 }],
        },
        { items: 1, tombstones: 0, errors: [] },
      ],
    ];
  it.each(cases)('%s', (_name, entries, expected) => {
    const decoded = decodeFromSync(entries);
    expect(decoded.items).toHaveLength(expected.items);
    expect(decoded.tombstones).toHaveLength(expected.tombstones ?? 0);
    expect(decoded.errors).toHaveLength(expected.errors.length);
    for (const [i, error] of expected.errors.entries()) expect(decoded.errors[i]).toMatch(error);
    expect(decoded.newerFormat).toBe(false);
  });

  it('a key twice keeps the newest record and the latest deletion', () => {
    const decoded = decodeFromSync({
      [SYNC_MANIFEST_KEY]: { v: 1, n: 2, i: 2, t: 2, d: 2 },
      'lib:0': [
        { ...good, n: 'old', u: 1 },
        { k: 'title:a', d: 9 },
      ],
      'lib:1': [
        { ...good, n: 'new', u: 2 },
        { k: 'title:a', d: 4 },
      ],
    });
    expect(decoded.items.map((i) => i.item.note)).toEqual(['new']);
    expect(decoded.tombstones).toEqual([{ key: 'title:a', deletedAt: 9 }]);
  });

  it('data in a newer format is not read at all', () => {
    const decoded = decodeFromSync({
      [SYNC_MANIFEST_KEY]: { v: 2, n: 1, i: 1, t: 1, d: 0 },
      'lib:0': [good],
    });
    expect(decoded).toMatchObject({ newerFormat: true, items: [], empty: false });
    expect(decoded.errors[0]).toMatch(/sync format 2 by a newer release/);
  });

  it.each([
    ['lib:0', 0],
    ['lib:12', 12],
    ['lib:01', null],
    ['lib:meta', null],
    ['lib:-1', null],
    ['lib:99999', null],
    ['other:1', null],
  ])('shardNumber(%j) = %j', (key, n) => {
    expect(shardNumber(key)).toBe(n);
  });
});
