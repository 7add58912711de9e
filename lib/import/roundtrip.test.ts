import { describe, expect, it } from 'vitest';
import type { LibraryItem } from '../db/schema';
import { citationFor, exportLibrary } from '../export/index';
import { itemYear } from '../export/item';
import { FIXTURE_LIBRARY, FIXTURE_NOW, FIXTURE_PRIMARY_CLASSES } from '../export/test-fixtures';
import { randomItem, randomTools } from '../export/test-random';
import { planImport } from './index';
import { mergeLibraries } from './merge';

const options = { now: FIXTURE_NOW, primaryClasses: FIXTURE_PRIMARY_CLASSES };
const IMPORT_TIME = FIXTURE_NOW + 1_000;

describe('JSON backup → import', () => {
  it('gives back exactly the same items (fixture library)', () => {
    const file = exportLibrary(FIXTURE_LIBRARY, 'json', options);
    const plan = planImport(file.text, { now: IMPORT_TIME, fileName: file.fileName });
    expect(plan.format).toBe('json');
    expect(plan.rejected).toEqual([]);
    expect(plan.items).toStrictEqual(FIXTURE_LIBRARY);
  });

  it('gives back exactly the same items (seeded random libraries)', () => {
    const tools = randomTools(2026);
    for (let n = 0; n < 30; n++) {
      const items = [
        ...new Map(Array.from({ length: 20 }, () => randomItem(tools)).map((i) => [i.key, i])).values(),
      ];
      const plan = planImport(exportLibrary(items, 'json', options).text, { now: IMPORT_TIME });
      expect(plan.rejected, `seed 2026 case ${n}`).toEqual([]);
      expect(plan.items).toStrictEqual(items);
    }
  });

  it('restores a library: merging the backup into an empty store recreates it', () => {
    const plan = planImport(exportLibrary(FIXTURE_LIBRARY, 'json', options).text, { now: IMPORT_TIME });
    expect(mergeLibraries([], plan.items, { policy: plan.mergePolicy }).result).toStrictEqual([
      ...FIXTURE_LIBRARY,
    ]);
  });
});

describe('BibTeX export → import', () => {
  const file = exportLibrary(FIXTURE_LIBRARY, 'bibtex', options);
  const plan = planImport(file.text, { now: IMPORT_TIME, fileName: file.fileName });

  it('keeps keys, titles and ids of every item', () => {
    expect(plan.format).toBe('bibtex');
    expect(plan.rejected).toEqual([]);
    const pick = (items: readonly LibraryItem[]) =>
      items.map(({ key, title, arxivId, openreviewId }) => ({ key, title, arxivId, openreviewId }));
    expect(pick(plan.items)).toEqual(pick(FIXTURE_LIBRARY));
  });

  it('keeps years, links, tags and notes, and turns "Family, Given" into "Given Family"', () => {
    plan.items.forEach((item, i) => {
      const original = FIXTURE_LIBRARY[i]!;
      // The old-style paper had no stored year; the export wrote the one its id encodes.
      expect(item.year).toBe(itemYear(original));
      expect(item.tags).toEqual(original.tags);
      expect(item.note).toBe(original.note);
      // arXiv and OpenReview papers come back with their canonical page.
      if (original.arxivId) expect(item.url).toBe(`https://arxiv.org/abs/${original.arxivId}`);
      else expect(item.url).toBe(original.url);
    });
    expect(plan.items[0]!.authors).toEqual(FIXTURE_LIBRARY[0]!.authors);
    expect(plan.items[1]!.authors).toEqual([
      'Erwin Schrödinger',
      'Łukasz Kaiser',
      'José María García-Pérez',
      'Ludwig van Beethoven',
      'Martin Luther King Jr.',
    ]);
    expect(plan.items[3]!.authors).toEqual(['Ελένη Παπαδοπούλου', 'Alexander M. Rush']);
    expect(plan.items[4]!.authors).toEqual(['张伟', '李娜']);
    expect(plan.items[5]!.authors).toEqual(['Edward Hu']);
    expect(plan.items[6]!.authors).toEqual(['OpenAI']);
  });

  it('fills only what the library lacks when merged back (fill-missing)', () => {
    const { report, result } = mergeLibraries(FIXTURE_LIBRARY, plan.items, { policy: plan.mergePolicy });
    // Only the old-style paper changes: it gains the year its id encodes.
    expect(report).toMatchObject({ added: 0, merged: 1, unchanged: FIXTURE_LIBRARY.length - 1 });
    expect(result[2]).toMatchObject({ year: 1997, status: FIXTURE_LIBRARY[2]!.status });
  });

  it('round-trips each single-paper citation', () => {
    for (const item of FIXTURE_LIBRARY) {
      const single = planImport(citationFor(item, 'bibtex', options), { now: IMPORT_TIME, format: 'bibtex' });
      expect(single.items.map((i) => [i.key, i.title])).toEqual([[item.key, item.title]]);
    }
  });

  it('keeps keys, titles and ids of seeded random libraries', () => {
    const tools = randomTools(4242);
    // Control characters in titles are turned into spaces on export (tested in latex-decode.test.ts).
    const clean = (item: LibraryItem): LibraryItem => ({
      ...item,
      title: item.title.replace(/[\u0000-\u001F\u007F]/g, ' '),
    });
    const collapse = (text: string) => text.replace(/[ \t\n\r\f\v]+/g, ' ').trim();
    for (let n = 0; n < 40; n++) {
      const items = [
        ...new Map(
          Array.from({ length: 15 }, () => randomItem(tools))
            .map(clean)
            .map((i) => [i.key, i]),
        ).values(),
      ].filter((item) => collapse(item.title) !== '');
      const back = planImport(exportLibrary(items, 'bibtex', options).text, {
        now: IMPORT_TIME,
        format: 'bibtex',
      });
      expect(back.rejected, `seed 4242 case ${n}: ${JSON.stringify(back.rejected)}`).toEqual([]);
      expect(back.items.map((i) => [i.key, i.title, i.arxivId, i.openreviewId])).toEqual(
        items.map((i) => [i.key, collapse(i.title), i.arxivId, i.openreviewId]),
      );
    }
  });
});
