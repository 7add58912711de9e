import { describe, expect, it } from 'vitest';
import type { LibraryItem } from '../db/schema';
import { asciiFold } from './ascii';
import { baseCitationKey, citationKeys } from './citation-keys';
import { FIXTURE_LIBRARY } from './test-fixtures';
import { randomItem, randomTools } from './test-random';

type KeyFields = Pick<LibraryItem, 'key' | 'authors' | 'year' | 'arxivId' | 'title' | 'savedAt'>;
const paper = (
  authors: string[],
  year: number | null,
  title: string,
  extra: Partial<KeyFields> = {},
): KeyFields => ({
  key: `title:${title}`,
  authors,
  year,
  arxivId: null,
  title,
  savedAt: 0,
  ...extra,
});

describe('asciiFold', () => {
  it.each([
    ['Schrödinger', 'schrodinger'],
    ['Łukasz', 'lukasz'],
    ['García-Pérez', 'garciaperez'],
    ['Straße', 'strasse'],
    ['Ærøskøbing', 'aeroskobing'],
    ['Παπαδοπούλου', 'papadopoulou'],
    ['Чайковский', 'chaykovskiy'],
    ['GPT-3', 'gpt3'],
    ['中文', ''],
    ['עברית', ''],
    ['😀', ''],
  ])('%j → %j', (text, expected) => {
    expect(asciiFold(text)).toBe(expected);
  });
});

describe('baseCitationKey', () => {
  it.each([
    [paper(['Edward J. Hu'], 2021, 'LoRA: Low-Rank Adaptation'), 'hu2021lora'],
    [paper(['Hu, Edward J.'], 2021, 'LoRA'), 'hu2021lora'],
    [paper(['Ashish Vaswani'], 2017, 'Attention Is All You Need'), 'vaswani2017attention'],
    // Stop words are skipped, like Google Scholar does.
    [paper(['Jared Kaplan'], 2020, 'The Scaling Laws'), 'kaplan2020scaling'],
    [paper(['A. Author'], 2020, 'On the Opportunities'), 'author2020opportunities'],
    [paper(['Ludwig van Beethoven'], 1808, 'A Symphony'), 'beethoven1808symphony'],
    [paper(['Erwin Schrödinger'], 1935, 'Die gegenwärtige Situation'), 'schrodinger1935die'],
    // Fallbacks: an author that does not fold gives way to the next one, then "anon"; no year → "nd".
    [paper(['张伟', 'Wei Zhang'], 2024, 'X'), 'zhang2024x'],
    [paper(['张伟'], 2024, '中文标题'), 'anon2024'],
    [paper([], null, 'Title'), 'anonndtitle'],
    // The arXiv id supplies a missing year.
    [
      paper(['Juan Maldacena'], null, 'The Large N Limit', { arxivId: 'hep-th/9711200' }),
      'maldacena1997large',
    ],
    // Long parts are cut.
    [
      paper(['Wolfeschlegelsteinhausenbergerdorff'], 2000, 'Donaudampfschifffahrtsgesellschaftskapitän'),
      'wolfeschlegelsteinhausen2000donaudampfschifffahrtsge',
    ],
  ])('%j → %s', (item, expected) => {
    expect(baseCitationKey(item)).toBe(expected);
  });
});

describe('citationKeys', () => {
  it('suffixes only colliding keys, all of them, by savedAt then library key', () => {
    const items = [
      paper(['Hu'], 2021, 'LoRA one', { key: 'arxiv:2', savedAt: 5 }),
      paper(['Kaplan'], 2020, 'Scaling', { key: 'arxiv:3' }),
      paper(['Hu'], 2021, 'LoRA two', { key: 'arxiv:1', savedAt: 5 }),
      paper(['Hu'], 2021, 'LoRA three', { key: 'arxiv:0', savedAt: 1 }),
    ];
    expect(citationKeys(items)).toEqual(['hu2021lorac', 'kaplan2020scaling', 'hu2021lorab', 'hu2021loraa']);
  });

  it('never hands out a suffixed key that another paper has as its own', () => {
    const items = [
      paper(['X'], 2020, 'Deep one', { key: 'k1' }),
      paper(['X'], 2020, 'Deep two', { key: 'k2' }),
      paper(['X'], 2020, 'Deepa', { key: 'k3' }),
    ];
    expect(citationKeys(items)).toEqual(['x2020deepb', 'x2020deepc', 'x2020deepa']);
  });

  it('goes past z to aa, ab…', () => {
    const items = Array.from({ length: 28 }, (_, i) =>
      paper(['X'], 2020, 'Same', { key: `k${i}`, savedAt: i }),
    );
    expect(citationKeys(items).slice(24)).toEqual(['x2020samey', 'x2020samez', 'x2020sameaa', 'x2020sameab']);
  });

  it('gives each paper the same key whatever the order of the list (seeded shuffles)', () => {
    const tools = randomTools(11);
    const items = [...FIXTURE_LIBRARY, ...Array.from({ length: 40 }, () => randomItem(tools))];
    const expected = new Map(items.map((item, i) => [item, citationKeys(items)[i]]));
    for (let n = 0; n < 20; n++) {
      const shuffled = [...items].sort(() => tools.next() - 0.5);
      const keys = citationKeys(shuffled);
      shuffled.forEach((item, i) => {
        expect(keys[i], `seed 11 shuffle ${n}`).toBe(expected.get(item));
      });
      expect(new Set(keys).size).toBe(keys.length);
      for (const key of keys) expect(key).toMatch(/^[a-z0-9]+$/);
    }
  });
});
