import { describe, expect, it } from 'vitest';
import type { LibraryItem } from '../db/schema';
import { FIXTURE_LIBRARY } from '../export/test-fixtures';
import { randomItem, randomTools } from '../export/test-random';
import { mergeItem, mergeLibraries, unionTags } from './merge';

const [lora, specials, maldacena] = FIXTURE_LIBRARY as [
  LibraryItem,
  LibraryItem,
  LibraryItem,
  ...LibraryItem[],
];
const T = lora.updatedAt;

/** The library's copy and an edited copy of the same paper. */
const mine: LibraryItem = {
  ...lora,
  savedAt: T - 10,
  updatedAt: T,
  tags: ['PEFT', 'to cite'],
  note: 'mine',
  status: 'read',
};
const theirs = (patch: Partial<LibraryItem>): LibraryItem => ({
  ...lora,
  savedAt: T - 20,
  tags: ['peft', 'Adapters'],
  note: 'theirs',
  status: 'reading',
  title: 'LoRA (their title)',
  authors: ['E. Hu'],
  url: 'https://arxiv.org/abs/2106.09685v2',
  leaves: ['quantization'],
  ...patch,
});

describe('unionTags', () => {
  it.each([
    [
      ['a', 'B'],
      ['b', 'c'],
      ['a', 'B', 'c'],
    ],
    [[], ['x', 'X', 'x'], ['x']],
    [['Ünïcode'], ['ünïcode', 'ÜNÏCODE'], ['Ünïcode']],
    [['a'], [], ['a']],
  ])('%j ∪ %j = %j', (a, b, expected) => {
    expect(unionTags(a, b)).toEqual(expected);
  });

  it('caps the union at the schema limit, library tags first', () => {
    const a = Array.from({ length: 80 }, (_, i) => `a${i}`);
    const b = Array.from({ length: 80 }, (_, i) => `b${i}`);
    const union = unionTags(a, b);
    expect(union).toHaveLength(100);
    expect(union.slice(0, 80)).toEqual(a);
  });
});

describe('mergeItem, newer-wins', () => {
  it('takes note/status/title/authors/url/leaves from the newer copy', () => {
    const merged = mergeItem(mine, theirs({ updatedAt: T + 1 }), 'newer-wins');
    expect(merged).toMatchObject({
      note: 'theirs',
      status: 'reading',
      title: 'LoRA (their title)',
      authors: ['E. Hu'],
      url: 'https://arxiv.org/abs/2106.09685v2',
      leaves: ['quantization'],
      updatedAt: T + 1,
    });
  });

  it.each([
    ['older', T - 1],
    ['equally old', T],
  ])('keeps the library copy when the incoming one is %s', (_, updatedAt) => {
    const merged = mergeItem(mine, theirs({ updatedAt }), 'newer-wins');
    expect(merged).toMatchObject({
      note: 'mine',
      status: 'read',
      title: lora.title,
      authors: lora.authors,
      url: lora.url,
    });
    expect(merged.leaves).toEqual(lora.leaves);
    expect(merged.updatedAt).toBe(T);
  });

  it('unions tags (first spelling kept, library first) and keeps the earlier savedAt either way', () => {
    for (const updatedAt of [T - 1, T + 1]) {
      const merged = mergeItem(mine, theirs({ updatedAt }), 'newer-wins');
      expect(merged.tags).toEqual(['PEFT', 'to cite', 'Adapters']);
      expect(merged.savedAt).toBe(T - 20);
    }
  });

  it('keeps a year or catalog link the newer copy lacks', () => {
    const merged = mergeItem(mine, theirs({ updatedAt: T + 1, year: null, catalogId: null }), 'newer-wins');
    expect(merged.year).toBe(2021);
    expect(merged.catalogId).toBe('arxiv:2106.09685');
  });
});

describe('mergeItem, fill-missing', () => {
  it('never overwrites what the library has, even from a newer copy', () => {
    const merged = mergeItem(mine, theirs({ updatedAt: T + 1000 }), 'fill-missing');
    expect(merged).toMatchObject({
      note: 'mine',
      status: 'read',
      title: lora.title,
      authors: lora.authors,
      url: lora.url,
    });
    expect(merged.leaves).toEqual(lora.leaves);
    expect(merged.tags).toEqual(['PEFT', 'to cite', 'Adapters']);
  });

  it('fills empty note, authors, year and leaves, and dates the change', () => {
    const bare: LibraryItem = { ...maldacena, authors: [], note: '', year: null, leaves: [], tags: [] };
    const merged = mergeItem(
      bare,
      {
        ...bare,
        authors: ['Juan M. Maldacena'],
        note: 'n',
        year: 1997,
        leaves: ['pruning'],
        updatedAt: T + 5,
      },
      'fill-missing',
    );
    expect(merged).toMatchObject({
      authors: ['Juan M. Maldacena'],
      note: 'n',
      year: 1997,
      leaves: ['pruning'],
      updatedAt: T + 5,
    });
  });

  it('leaves updatedAt alone when nothing changed', () => {
    expect(mergeItem(mine, { ...mine, updatedAt: T + 99 }, 'fill-missing')).toStrictEqual(mine);
  });
});

describe('mergeLibraries', () => {
  it('adds new keys, merges changed ones, counts unchanged ones, in a stable order', () => {
    const newPaper = FIXTURE_LIBRARY[3]!;
    const { result, changed, report } = mergeLibraries(
      [mine, specials, maldacena],
      [theirs({ updatedAt: T + 1 }), specials, newPaper],
    );
    expect(report).toEqual({ added: 1, merged: 1, unchanged: 1, rejected: 0, rejections: [] });
    expect(result.map((i) => i.key)).toEqual([lora.key, specials.key, maldacena.key, newPaper.key]);
    expect(result[0]!.note).toBe('theirs');
    expect(changed.map((i) => i.key)).toEqual([lora.key, newPaper.key]);
  });

  it('reports a re-import of the same library as entirely unchanged', () => {
    const { result, changed, report } = mergeLibraries(FIXTURE_LIBRARY, FIXTURE_LIBRARY);
    expect(report).toMatchObject({ added: 0, merged: 0, unchanged: FIXTURE_LIBRARY.length, rejected: 0 });
    expect(changed).toEqual([]);
    expect(result).toStrictEqual([...FIXTURE_LIBRARY]);
  });

  it('merges into an empty library as pure additions', () => {
    const { result, report } = mergeLibraries([], FIXTURE_LIBRARY);
    expect(report.added).toBe(FIXTURE_LIBRARY.length);
    expect(result).toStrictEqual([...FIXTURE_LIBRARY]);
  });

  it('rejects invalid and duplicate incoming items with reasons, merging the rest', () => {
    const invalid = { ...specials, url: 'javascript:alert(1)' };
    const { result, report } = mergeLibraries(
      [mine],
      [invalid, theirs({ updatedAt: T + 1 }), theirs({ updatedAt: T + 2, note: 'dup' })],
    );
    expect(report).toMatchObject({ added: 0, merged: 1, unchanged: 0, rejected: 2 });
    expect(report.rejections.map((r) => r.index)).toEqual([0, 2]);
    expect(report.rejections[0]!.reason).toMatch(/url: not an http\(s\) URL/);
    expect(report.rejections[1]!.reason).toMatch(/duplicate key "arxiv:2106.09685"/);
    expect(result).toHaveLength(1);
    expect(result[0]!.note).toBe('theirs');
  });

  it('does not modify its inputs', () => {
    const existing = [structuredClone(mine)];
    const incoming = [theirs({ updatedAt: T + 1 })];
    const before = structuredClone([existing, incoming]);
    mergeLibraries(existing, incoming);
    expect([existing, incoming]).toStrictEqual(before);
  });

  it('is idempotent and keeps every result valid (seeded random libraries)', () => {
    const tools = randomTools(99);
    for (let n = 0; n < 50; n++) {
      // A library never holds two items with one key.
      const existing = [
        ...new Map(Array.from({ length: 10 }, () => randomItem(tools)).map((i) => [i.key, i])).values(),
      ];
      const incoming = [
        ...existing.slice(0, 5).map((item) => ({
          ...randomItem(tools),
          key: item.key,
          arxivId: item.arxivId,
          openreviewId: item.openreviewId,
        })),
        ...Array.from({ length: 5 }, () => randomItem(tools)),
      ];
      for (const policy of ['newer-wins', 'fill-missing'] as const) {
        const once = mergeLibraries(existing, incoming, { policy });
        const twice = mergeLibraries(once.result, incoming, { policy });
        expect(twice.report.added + twice.report.merged, `seed 99 case ${n} ${policy}`).toBe(0);
        expect(twice.result).toStrictEqual(once.result);
        const keys = once.result.map((i) => i.key);
        expect(new Set(keys).size).toBe(keys.length);
      }
    }
  });
});
