import { describe, expect, it } from 'vitest';
import { buildJsonBackup } from '../export/json-backup';
import { FIXTURE_LIBRARY, FIXTURE_NOW } from '../export/test-fixtures';
import { parseJsonBackup } from './json-backup';
import { IMPORT_LIMITS } from './types';

const [lora, specials] = FIXTURE_LIBRARY;
const backup = (items: unknown[], extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    format: 'efficiency-lens-library',
    version: 1,
    exportedAt: '2026-11-28T09:30:00.000Z',
    items,
    ...extra,
  });

describe('parseJsonBackup: the file', () => {
  it('reads our own backup back to exactly the same items', () => {
    const result = parseJsonBackup(buildJsonBackup(FIXTURE_LIBRARY, { now: FIXTURE_NOW }));
    expect(result).toMatchObject({
      format: 'json',
      error: null,
      rejected: [],
      total: FIXTURE_LIBRARY.length,
    });
    expect(result.mergePolicy).toBe('newer-wins');
    expect(result.items).toStrictEqual(FIXTURE_LIBRARY);
    // Same field order too, so a re-export is byte-identical.
    expect(buildJsonBackup(result.items, { now: FIXTURE_NOW })).toBe(
      buildJsonBackup(FIXTURE_LIBRARY, { now: FIXTURE_NOW }),
    );
  });

  it.each([
    ['not JSON', 'this is not json', /not valid JSON/],
    [
      'truncated',
      buildJsonBackup(FIXTURE_LIBRARY, { now: FIXTURE_NOW }).slice(0, 500),
      /not valid JSON \(is it truncated/,
    ],
    ['empty', '   \n', /empty/],
    [
      'a JSON list (CSL-JSON)',
      '[{"id": "x", "type": "article"}]',
      /a list, not an Efficiency Lens library backup/,
    ],
    ['a JSON string', '"efficiency-lens-library"', /not an Efficiency Lens library backup/],
    ['null', 'null', /not an Efficiency Lens library backup/],
    ['another format', '{"format": "zotero", "version": 1, "items": []}', /its format is "zotero"/],
    ['no format', '{"version": 1, "items": []}', /its format is missing/],
    ['a newer version', backup([], { version: 2 }), /newer version of Efficiency Lens \(backup version 2\)/],
    ['version 0', backup([], { version: 0 }), /Unsupported backup version 0/],
    ['version as a string', backup([], { version: '1' }), /Unsupported backup version "1"/],
    [
      'no version',
      JSON.stringify({ format: 'efficiency-lens-library', items: [] }),
      /Unsupported backup version missing/,
    ],
    ['no items', JSON.stringify({ format: 'efficiency-lens-library', version: 1 }), /no "items" list/],
    ['items not a list', backup([], { items: { 0: {} } }), /no "items" list/],
    [
      'a __proto__ envelope key',
      backup([]).replace('{', '{"__proto__": {"polluted": true},'),
      /holds a "__proto__" key/,
    ],
    [
      'a constructor envelope key',
      backup([]).replace('{', '{"constructor": {"prototype": {}},'),
      /holds a "constructor" key/,
    ],
  ])('refuses %s', (_, text, reason) => {
    const result = parseJsonBackup(text);
    expect(result.error).toMatch(reason);
    expect(result.items).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses more than the item limit, before validating any item', () => {
    const text = backup(Array.from({ length: IMPORT_LIMITS.items + 1 }, () => 0));
    const result = parseJsonBackup(text);
    expect(result.error).toMatch(/holds 50001 items; the most an import accepts is 50000/);
    expect(result.total).toBe(IMPORT_LIMITS.items + 1);
  });

  it('refuses files over 20 MB, counting UTF-8 bytes', () => {
    // 7 M three-byte characters: 21 MB of UTF-8 in only 7 M UTF-16 units.
    const note = '中'.repeat(7 * 1024 * 1024);
    expect(parseJsonBackup(backup([{ ...lora, note }])).error).toMatch(/larger than 20 MB/);
  });

  it('accepts a byte-order mark and extra envelope fields (newer minor additions)', () => {
    const result = parseJsonBackup(`\uFEFF${backup([lora], { app: 'efficiency-lens 0.2', count: 1 })}`);
    expect(result.error).toBeNull();
    expect(result.items).toStrictEqual([lora]);
  });

  it('never throws on non-string input', () => {
    expect(parseJsonBackup(undefined as never).error).toMatch(/not text/);
  });
});

describe('parseJsonBackup: items', () => {
  const cases: [string, unknown, RegExp][] = [
    ['not an object', 'a string', /not an object/],
    ['null', null, /not an object/],
    ['an array', [lora], /not an object/],
    ['an unknown field', { ...lora, extra: 1 }, /Unrecognized key: "extra"/],
    ['a missing field', { ...lora, status: undefined }, /status/],
    ['a bad status', { ...lora, status: 'done' }, /status/],
    ['a javascript: URL', { ...lora, url: 'javascript:alert(document.cookie)' }, /url: not an http\(s\) URL/],
    [
      'a data: URL',
      { ...lora, url: 'data:text/html,<script>alert(1)</script>' },
      /url: not an http\(s\) URL/,
    ],
    ['a huge title', { ...lora, title: 'x'.repeat(1_001) }, /title: Too big/],
    ['a huge note', { ...lora, note: 'x'.repeat(20_001) }, /note: Too big/],
    ['too many tags', { ...lora, tags: Array.from({ length: 101 }, (_, i) => `t${i}`) }, /tags: Too big/],
    ['an empty tag', { ...lora, tags: [''] }, /tags\.0/],
    ['an unknown leaf', { ...lora, leaves: ['not-a-leaf'] }, /leaves\.0: unknown taxonomy leaf/],
    [
      'a bad arXiv id',
      { ...lora, key: 'arxiv:2113.00001', arxivId: '2113.00001' },
      /arxivId: not a canonical/,
    ],
    ['a year out of range', { ...lora, year: 1850 }, /year/],
    ['a non-library key', { ...lora, key: 'https://evil.test' }, /key: not a library key/],
    [
      'a key that does not match its id',
      { ...lora, key: 'arxiv:1706.03762' },
      /does not match arxivId "2106.09685"/,
    ],
    [
      'an OpenReview key without the id',
      { ...lora, key: 'openreview:nZeVKeeFYf', openreviewId: null },
      /does not match openreviewId null/,
    ],
    ['an arXiv key without the id', { ...lora, arxivId: null }, /does not match arxivId null/],
  ];

  it.each(cases)('rejects an item with %s, keeping the others', (_, bad, reason) => {
    const result = parseJsonBackup(backup([lora, bad, specials]));
    expect(result.error).toBeNull();
    expect(result.items).toStrictEqual([lora, specials]);
    expect(result.rejected).toHaveLength(1);
    expect(result.rejected[0]!.index).toBe(1);
    expect(result.rejected[0]!.reason).toMatch(reason);
    expect(result.total).toBe(3);
  });

  it.each(['__proto__', 'constructor', 'prototype'])('rejects an item with a "%s" key', (key) => {
    const text = backup([lora, specials]).replace(
      '"key":"arxiv:2307.01234"',
      `"${key}":{"isAdmin":true},"key":"arxiv:2307.01234"`,
    );
    const result = parseJsonBackup(text);
    expect(result.items).toStrictEqual([lora]);
    expect(result.rejected).toEqual([{ index: 1, reason: `forbidden key "${key}"` }]);
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });

  it('rejects later duplicates of a key, keeping the first', () => {
    const newer = { ...lora, note: 'a later copy', updatedAt: lora!.updatedAt + 1 };
    const result = parseJsonBackup(backup([lora, specials, newer, lora]));
    expect(result.items).toStrictEqual([lora, specials]);
    expect(result.rejected.map((r) => r.index)).toEqual([2, 3]);
    expect(result.rejected[0]!.reason).toBe('duplicate key "arxiv:2106.09685" (an earlier item has it)');
  });

  it('keeps title keys as stored (the normaliser may change between versions)', () => {
    const titled = FIXTURE_LIBRARY.find((i) => i.key.startsWith('title:'))!;
    const older = { ...titled, key: 'title:an older normalisation' };
    expect(parseJsonBackup(backup([older])).items).toStrictEqual([older]);
  });

  it('clips reasons so a hostile value is never echoed at length', () => {
    const key = `title:${'k'.repeat(1_000)}`;
    const result = parseJsonBackup(
      backup([lora, { ...lora, key: 'arxiv:2106.09685' }, { ...specials, key, extra: 'x' }]),
    );
    for (const { reason } of result.rejected) expect(reason.length).toBeLessThanOrEqual(IMPORT_LIMITS.reason);
    const hugeKeyName = backup([{ ...lora, ['x'.repeat(100_000)]: 1 }]);
    expect(parseJsonBackup(hugeKeyName).rejected[0]!.reason.length).toBeLessThanOrEqual(IMPORT_LIMITS.reason);
  });
});
