import { afterEach, describe, expect, it, vi } from 'vitest';
import * as catalog from './catalog';
import * as catalogMigrations from './catalog-migrations';
import * as library from './library';
import * as libraryMigrations from './library-migrations';
import * as open from './open';
import * as schema from './schema';
import * as snapshots from './snapshots';

// Meta-test (refined-github style): every function exported from lib/db/* that can touch IndexedDB refuses
// to run in a page origin, so a content script that imports one by mistake fails loudly instead of
// creating a per-website database. A new export is covered automatically.
const modules = { catalog, catalogMigrations, library, libraryMigrations, open, snapshots };

const functionsOf = (module: object) =>
  Object.entries(module).filter(
    (entry): entry is [string, (...args: unknown[]) => unknown] => typeof entry[1] === 'function',
  );

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('lib/db context guard', () => {
  const all = Object.entries(modules).flatMap(([moduleName, module]) =>
    functionsOf(module).map(([name, fn]) => [`${moduleName}.${name}`, fn] as const),
  );

  it('finds the functions to check', () => {
    expect(all.length).toBeGreaterThanOrEqual(20);
  });

  it.each(all)('%s throws in a content script (page origin)', async (_name, fn) => {
    vi.stubGlobal('location', { protocol: 'https:', origin: 'https://arxiv.org' });
    await expect(Promise.resolve().then(() => fn())).rejects.toThrow(
      /can only be used in the extension origin .* not from a web page origin \(https:\/\/arxiv\.org\)/,
    );
  });

  it('opens in an extension page origin', async () => {
    vi.stubGlobal('location', { protocol: 'chrome-extension:', origin: 'chrome-extension://abc' });
    const db = await open.openLibraryDb({ name: 'guard-extension-origin' });
    expect(await library.countLibraryItems(db)).toBe(0);
    db.close();
  });

  it('takes the environment as a parameter too', async () => {
    await expect(
      open.openCatalogDb({
        name: 'guard-env',
        env: { location: { protocol: 'https:', origin: 'https://openreview.net' } },
      }),
    ).rejects.toThrow(/not from a web page origin \(https:\/\/openreview\.net\)/);
    expect((await indexedDB.databases()).map((d) => d.name)).not.toContain('guard-env');
  });

  it('schema.ts stays free of database access: its only function is the pure key helper', () => {
    expect(functionsOf(schema).map(([name]) => name)).toEqual(['libraryKeyFor']);
  });
});
