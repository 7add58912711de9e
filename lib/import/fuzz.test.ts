import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LibraryItem } from '../db/schema';
import { buildBibtex } from '../export/bibtex';
import { buildJsonBackup } from '../export/json-backup';
import { FIXTURE_LIBRARY, FIXTURE_NOW } from '../export/test-fixtures';
import { randomText, randomTools } from '../export/test-random';
import { parseBibtexLibrary } from './bibtex';
import { planImport } from './index';
import { parseJsonBackup } from './json-backup';
import { IMPORT_LIMITS, type ImportPlan } from './types';

/**
 * Fuzzing both importers with seeded random and mutated inputs: whatever the input, they return a plan (never
 * throw), every item in it is a valid LibraryItem with a unique key, every rejection has an index and a short
 * reason, a refused file has no items, and nothing leaks onto Object.prototype.
 */

const NOW = FIXTURE_NOW;
type Tools = ReturnType<typeof randomTools>;

function expectSanePlan(plan: ImportPlan, label: string): void {
  expect(plan, label).toBeTypeOf('object');
  expect(Array.isArray(plan.items), label).toBe(true);
  expect(Array.isArray(plan.rejected), label).toBe(true);
  if (plan.error !== null) {
    expect(plan.error, label).toBeTypeOf('string');
    // The importers' last-resort catch: reaching it means something threw that should not have.
    expect(plan.error, label).not.toMatch(/^Internal error/);
    expect(plan.items, label).toEqual([]);
  }
  const keys = new Set<string>();
  for (const item of plan.items) {
    const parsed = LibraryItem.safeParse(item);
    expect(parsed.success, `${label}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
    expect(keys.has(item.key), label).toBe(false);
    keys.add(item.key);
    expect(Object.getPrototypeOf(item), label).toBe(Object.prototype);
  }
  for (const rejection of plan.rejected) {
    expect(Number.isInteger(rejection.index), label).toBe(true);
    expect(rejection.reason, label).toBeTypeOf('string');
    expect(rejection.reason.length, label).toBeLessThanOrEqual(IMPORT_LIMITS.reason);
  }
  expect(({} as Record<string, unknown>).polluted, label).toBeUndefined();
}

/** One random edit: delete, duplicate or move a slice, insert noise, flip a character, or truncate. */
function mutate(text: string, tools: Tools): string {
  const at = tools.int(text.length + 1);
  const len = tools.int(Math.min(200, text.length - at) + 1);
  switch (tools.int(7)) {
    case 0:
      return text.slice(0, at) + text.slice(at + len);
    case 1:
      return text.slice(0, at + len) + text.slice(at, at + len) + text.slice(at + len);
    case 2:
      return text.slice(0, at) + randomText(tools, 10) + text.slice(at);
    case 3:
      return (
        text.slice(0, at) +
        tools.pick([...'{}"@,=#\\$%()\n', '__proto__', '@string{', '@comment{', '\u0000']) +
        text.slice(at)
      );
    case 4:
      return text.slice(0, at) + String.fromCharCode(tools.int(0x3000)) + text.slice(at + 1);
    case 5:
      return text.slice(0, at);
    default: {
      const other = tools.int(text.length + 1);
      return text.slice(0, other) + text.slice(at, at + len) + text.slice(other);
    }
  }
}

const BIB_SEEDS = [
  buildBibtex(FIXTURE_LIBRARY),
  ...['google-scholar.bib', 'dblp.bib', 'arxiv.bib', 'messy.bib'].map((name) =>
    readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8'),
  ),
];
const JSON_SEED = buildJsonBackup(FIXTURE_LIBRARY, { now: NOW });

// Tokens that make random text look like BibTeX often enough to reach deep into the parser.
const BIB_TOKENS = [
  '@misc{',
  '@article(',
  '@string{x = "',
  '@comment{',
  '@preamble{',
  'title = {',
  'author = "',
  'eprint = {2106.09685}',
  'url = {https://openreview.net/forum?id=nZeVKeeFYf}',
  'keywords = {a, b}',
  ' and ',
  ' # ',
  '{',
  '}',
  '"',
  ',',
  '=',
  '\n',
  '\\"o',
  '$x$',
  'x',
  'jan',
];
const JSON_TOKENS = [
  '{',
  '}',
  '[',
  ']',
  ',',
  ':',
  '"',
  '"items"',
  '"format"',
  '"efficiency-lens-library"',
  '"version"',
  '1',
  '__proto__',
  'null',
  'true',
  '"key"',
  '"arxiv:2106.09685"',
  ' ',
  '\\u0000',
];

describe('fuzz: BibTeX importer', () => {
  it('survives random token soup (seed 1)', () => {
    const tools = randomTools(1);
    for (let n = 0; n < 500; n++) {
      const text = Array.from({ length: tools.int(80) }, () => tools.pick(BIB_TOKENS)).join('');
      expectSanePlan(parseBibtexLibrary(text, { now: NOW }), `seed 1 case ${n}`);
    }
  });

  it('survives random characters (seed 2)', () => {
    const tools = randomTools(2);
    for (let n = 0; n < 300; n++) {
      expectSanePlan(parseBibtexLibrary(`@misc{${randomText(tools, 200)}`, { now: NOW }), `seed 2 case ${n}`);
    }
  });

  it('survives mutations of real files (seed 3)', () => {
    const tools = randomTools(3);
    for (let n = 0; n < 400; n++) {
      let text = tools.pick(BIB_SEEDS);
      for (let k = tools.int(6) + 1; k > 0; k--) text = mutate(text, tools);
      expectSanePlan(parseBibtexLibrary(text, { now: NOW }), `seed 3 case ${n}`);
    }
  });
});

describe('fuzz: JSON backup importer', () => {
  it('survives random token soup (seed 4)', () => {
    const tools = randomTools(4);
    for (let n = 0; n < 500; n++) {
      const text = Array.from({ length: tools.int(60) }, () => tools.pick(JSON_TOKENS)).join('');
      expectSanePlan(parseJsonBackup(text), `seed 4 case ${n}`);
    }
  });

  it('survives textual mutations of a real backup (seed 5)', () => {
    const tools = randomTools(5);
    for (let n = 0; n < 400; n++) {
      let text = JSON_SEED;
      for (let k = tools.int(4) + 1; k > 0; k--) text = mutate(text, tools);
      expectSanePlan(parseJsonBackup(text), `seed 5 case ${n}`);
    }
  });

  it('survives structural mutations: any field set to any JSON value (seed 6)', () => {
    const tools = randomTools(6);
    const values: unknown[] = [
      null,
      true,
      0,
      -1,
      1e308,
      Number.MAX_SAFE_INTEGER + 2,
      '',
      'javascript:alert(1)',
      'x'.repeat(25_000),
      [],
      [null],
      ['__proto__'],
      {},
      { __proto__: { polluted: true } },
      JSON.parse('{"__proto__": {"polluted": true}}'),
      { constructor: { prototype: { polluted: true } } },
    ];
    const fields = [
      'key',
      'arxivId',
      'openreviewId',
      'catalogId',
      'title',
      'authors',
      'year',
      'leaves',
      'url',
      'savedAt',
      'updatedAt',
      'tags',
      'note',
      'status',
      '__proto__',
      'constructor',
      'extra',
    ];
    for (let n = 0; n < 400; n++) {
      const backup = JSON.parse(JSON_SEED) as { items: Record<string, unknown>[] } & Record<string, unknown>;
      for (let k = tools.int(4) + 1; k > 0; k--) {
        const target = tools.int(5) === 0 ? backup : tools.pick(backup.items);
        // defineProperty, so "__proto__" becomes an own key as JSON.parse would make it.
        Object.defineProperty(target, tools.pick(fields), {
          value: tools.pick(values),
          enumerable: true,
          configurable: true,
          writable: true,
        });
      }
      if (tools.int(4) === 0) backup.items.push(backup.items[tools.int(backup.items.length)]!);
      const plan = parseJsonBackup(JSON.stringify(backup));
      expectSanePlan(plan, `seed 6 case ${n}`);
      if (plan.error === null) expect(plan.items.length + plan.rejected.length).toBe(plan.total);
    }
  });
});

describe('fuzz: format detection', () => {
  it('planImport never throws on anything (seed 7)', () => {
    const tools = randomTools(7);
    for (let n = 0; n < 300; n++) {
      const text =
        tools.int(2) === 0 ? randomText(tools, 60) : mutate(tools.pick([JSON_SEED, ...BIB_SEEDS]), tools);
      const fileName = tools.pick([undefined, 'x.json', 'x.bib', 'x.txt', '', '.bib', 'noext']);
      expectSanePlan(planImport(text, { now: NOW, fileName }), `seed 7 case ${n}`);
    }
  });
});
