import { afterEach, describe, expect, it } from 'vitest';
import {
  countLibraryItems,
  getLibraryItem,
  getLibraryItems,
  listLibraryItems,
  removeLibraryItem,
  type SaveLibraryInput,
  savedStates,
  saveLibraryItem,
} from './library';
import { openLibraryDb } from './open';
import { libraryKeyFor } from './schema';
import { uniqueDbName } from './test-fixtures';

const opened: { close(): void }[] = [];
async function freshLibrary() {
  const db = await openLibraryDb({ name: uniqueDbName('library') });
  opened.push(db);
  return db;
}
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

const LORA: SaveLibraryInput = {
  key: 'arxiv:2106.09685',
  arxivId: '2106.09685',
  title: 'LoRA: Low-Rank Adaptation of Large Language Models',
  url: 'https://arxiv.org/abs/2106.09685',
  authors: ['Edward J. Hu', 'Yelong Shen'],
  leaves: ['parameter-efficient-fine-tuning'],
  catalogId: 'arxiv:2106.09685',
  year: 2021,
};

describe('library store', () => {
  it('inserts with defaults and savedAt = updatedAt = now', async () => {
    const db = await freshLibrary();
    const saved = await saveLibraryItem(db, LORA, 1000);
    expect(saved).toEqual({
      ...LORA,
      openreviewId: null,
      savedAt: 1000,
      updatedAt: 1000,
      tags: [],
      note: '',
      status: 'to-read',
    });
    expect(await getLibraryItem(db, LORA.key)).toEqual(saved);
    expect(await countLibraryItems(db)).toBe(1);
  });

  it('updates in place: keeps savedAt and the fields the input leaves out, bumps updatedAt', async () => {
    const db = await freshLibrary();
    await saveLibraryItem(db, { ...LORA, tags: ['peft'], note: 'read §4', status: 'reading' }, 1000);
    const updated = await saveLibraryItem(
      db,
      { key: LORA.key, title: 'LoRA (v2 title)', url: 'https://arxiv.org/abs/2106.09685v2' },
      2000,
    );
    expect(updated).toMatchObject({
      savedAt: 1000,
      updatedAt: 2000,
      title: 'LoRA (v2 title)',
      url: 'https://arxiv.org/abs/2106.09685v2',
      tags: ['peft'],
      note: 'read §4',
      status: 'reading',
      authors: LORA.authors,
      leaves: LORA.leaves,
      catalogId: LORA.catalogId,
    });
    expect(await countLibraryItems(db)).toBe(1);
  });

  const invalid: [string, Partial<SaveLibraryInput> & Record<string, unknown>, RegExp][] = [
    ['a javascript: url', { url: 'javascript:alert(1)' }, /url: not an http\(s\) URL/],
    ['a url that is not a URL', { url: 'arxiv.org/abs/1' }, /url: not an http\(s\) URL/],
    ['an over-long url', { url: `https://arxiv.org/${'a'.repeat(2100)}` }, /url/],
    ['an empty title', { title: '' }, /title/],
    ['a title over 1,000 characters', { title: 'x'.repeat(1001) }, /title/],
    ['an unknown leaf', { leaves: ['warp-drive' as never] }, /leaves\.0: unknown taxonomy leaf/],
    ['a bad status', { status: 'done' as never }, /status/],
    ['a malformed arXiv id', { arxivId: 'arXiv:2106.09685' }, /arxivId/],
    ['an unexpected field', { extra: 1 }, /Unrecognized key/],
  ];
  it.each(invalid)('refuses %s and writes nothing', async (_name, patch, message) => {
    const db = await freshLibrary();
    await saveLibraryItem(db, { ...LORA, key: 'arxiv:1503.02531', arxivId: '1503.02531' }, 1);
    const before = await listLibraryItems(db);
    await expect(saveLibraryItem(db, { ...LORA, ...patch } as SaveLibraryInput, 2)).rejects.toThrow(message);
    // Also as an update of an existing item: the stored row is unchanged.
    await saveLibraryItem(db, LORA, 3);
    const stored = await getLibraryItem(db, LORA.key);
    await expect(saveLibraryItem(db, { ...LORA, ...patch } as SaveLibraryInput, 4)).rejects.toThrow(message);
    expect(await getLibraryItem(db, LORA.key)).toEqual(stored);
    expect(await listLibraryItems(db)).toEqual([stored, ...before]);
  });

  it('refuses a key that is not a library key', async () => {
    const db = await freshLibrary();
    await expect(saveLibraryItem(db, { ...LORA, key: 'lora' }, 1)).rejects.toThrow(/key: not a library key/);
    expect(await countLibraryItems(db)).toBe(0);
  });

  it('getLibraryItems answers in the order asked, undefined where not saved', async () => {
    const db = await freshLibrary();
    await saveLibraryItem(db, LORA, 1);
    const items = await getLibraryItems(db, ['title:nothing', LORA.key, 'arxiv:0000.00000']);
    expect(items.map((i) => i?.key)).toEqual([undefined, LORA.key, undefined]);
    expect(await getLibraryItems(db, [])).toEqual([]);
  });

  it.each([
    ['a few keys (one request per key)', 3],
    ['many keys (one getAllKeys)', 400],
  ])('savedStates with %s', async (_name, n) => {
    const db = await freshLibrary();
    const keys = Array.from({ length: n }, (_, i) => `title:paper ${i}`);
    for (const key of keys.filter((_, i) => i % 3 === 0)) {
      await saveLibraryItem(db, { key, title: key, url: 'https://example.org/' }, 1);
    }
    const states = await savedStates(db, keys);
    expect(Object.keys(states)).toHaveLength(n);
    for (const [i, key] of keys.entries()) expect(states[key]).toBe(i % 3 === 0);
  });

  it('remove reports whether the item was there', async () => {
    const db = await freshLibrary();
    await saveLibraryItem(db, LORA, 1);
    expect(await removeLibraryItem(db, LORA.key)).toBe(true);
    expect(await removeLibraryItem(db, LORA.key)).toBe(false);
    expect(await getLibraryItem(db, LORA.key)).toBeUndefined();
    expect(await countLibraryItems(db)).toBe(0);
  });

  it('lists most recently saved first (re-saving does not move an item)', async () => {
    const db = await freshLibrary();
    for (const [key, at] of [
      ['title:b', 20],
      ['title:a', 10],
      ['title:c', 30],
    ] as const) {
      await saveLibraryItem(db, { key, title: key, url: 'https://example.org/' }, at);
    }
    await saveLibraryItem(db, { key: 'title:a', title: 'a again', url: 'https://example.org/' }, 99);
    expect((await listLibraryItems(db)).map((i) => i.key)).toEqual(['title:c', 'title:b', 'title:a']);
  });

  it('concurrent saves of different keys from many callers lose nothing', async () => {
    const db = await freshLibrary();
    const n = 250;
    const results = await Promise.all(
      Array.from({ length: n }, (_, i) =>
        saveLibraryItem(
          db,
          { key: `title:paper ${i}`, title: `Paper ${i}`, url: 'https://example.org/', tags: [`t${i}`] },
          i,
        ),
      ),
    );
    expect(results).toHaveLength(n);
    expect(await countLibraryItems(db)).toBe(n);
    const items = await getLibraryItems(
      db,
      Array.from({ length: n }, (_, i) => `title:paper ${i}`),
    );
    for (const [i, item] of items.entries()) {
      expect(item).toMatchObject({ title: `Paper ${i}`, tags: [`t${i}`], savedAt: i });
    }
  });

  it('concurrent updates of one key serialise: savedAt survives, every field ends from one writer', async () => {
    const db = await freshLibrary();
    await saveLibraryItem(db, { ...LORA, note: 'mine' }, 1);
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        saveLibraryItem(db, { key: LORA.key, title: `T${i}`, url: LORA.url }, 100 + i),
      ),
    );
    const item = await getLibraryItem(db, LORA.key);
    expect(item).toMatchObject({ savedAt: 1, note: 'mine', title: 'T49', updatedAt: 149 });
  });
});

describe('libraryKeyFor', () => {
  it.each([
    [{ arxivId: '2106.09685', openreviewId: 'nZeVKeeFYf9', title: 'LoRA' }, 'arxiv:2106.09685'],
    [{ arxivId: null, openreviewId: 'nZeVKeeFYf9', title: 'LoRA' }, 'openreview:nZeVKeeFYf9'],
    [{ title: 'LoRA: Low-Rank  Adaptation!' }, 'title:lora low rank adaptation'],
    [{ arxivId: '', openreviewId: '', title: 'X' }, 'title:x'],
    [{ title: '?!' }, null],
    [{}, null],
  ])('%j → %s', (paper, key) => {
    expect(libraryKeyFor(paper)).toBe(key);
  });
});
