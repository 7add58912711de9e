import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { WxtHooks } from 'wxt';
import wxtConfig from '../../wxt.config';
import { CLASSIFIER_MODEL_PATH } from '../classifier/load';
import { BUNDLED_RECORDS_PATH } from './bundled';

// Meta-test of where the bundled dataset lives.
// - data/papers.json (the records, ~1.8 MB) is imported by NO extension module: it ships as an extension file,
//   fetched by the background only to seed. Imported, it would be parsed at every service-worker start (and,
//   from anywhere else, land in a content-script or page bundle, costing every arXiv tab).
// - data/dataset-meta.json (tiny: the version that decides whether to seed) is imported by
//   lib/background/bundled.ts only; data/negatives.json by none. Scripts and tests may read any of them.
const ROOT = path.resolve(import.meta.dirname, '../..');
const EXTENSION_CODE = ['lib', 'components', 'entrypoints'];
const META_IMPORTERS = ['lib/background/bundled.ts'];
/** A static import, re-export or dynamic import of `file` (with or without a Vite ?query suffix). */
const importOf = (file: string) =>
  new RegExp(
    `(?:from\\s+|import\\s*\\(\\s*|import\\s+)['"\`][^'"\`]*data/${file.replace('.', '\\.')}(?:\\?[^'"\`]*)?['"\`]`,
  );
const PAPERS_IMPORT = importOf('papers.json');
const META_IMPORT = importOf('dataset-meta.json');
const NEGATIVES_IMPORT = importOf('negatives.json');

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter(
      (entry) => entry.isFile() && /\.(?:ts|tsx)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name),
    )
    .map((entry) => path.relative(ROOT, path.join(entry.parentPath, entry.name)));
}

describe('bundled dataset boundary (sources)', () => {
  const files = EXTENSION_CODE.flatMap(sourceFiles);
  const importers = (pattern: RegExp) =>
    files.filter((file) => pattern.test(readFileSync(path.join(ROOT, file), 'utf8')));

  it('finds the extension sources', () => {
    expect(files).toContain('lib/background/bundled.ts');
    expect(files).toContain('entrypoints/background.ts');
    expect(files.length).toBeGreaterThan(10);
  });

  const forms: [string, string, RegExp, boolean][] = [
    ['a static import', "import papers from '../../data/papers.json';", PAPERS_IMPORT, true],
    ['a side-effect import', "import '../data/papers.json';", PAPERS_IMPORT, true],
    ['a dynamic import', 'const p = await import("../data/papers.json")', PAPERS_IMPORT, true],
    ['an import with a Vite query', "import url from '../data/papers.json?url';", PAPERS_IMPORT, true],
    ['a re-export', "export { default } from '@/data/papers.json';", PAPERS_IMPORT, true],
    ['the meta', "import datasetMeta from '../../data/dataset-meta.json';", META_IMPORT, true],
    ['the negatives', "import n from '../../data/negatives.json';", NEGATIVES_IMPORT, true],
    ['the taxonomy module', "import { TAXONOMY } from '../data/taxonomy';", PAPERS_IMPORT, false],
    ['the meta, for the papers pattern', "import m from '../data/dataset-meta.json';", PAPERS_IMPORT, false],
    ['the asset path as a string', "const PATH = '/data/papers.json';", PAPERS_IMPORT, false],
  ];
  it.each(forms)('the pattern recognises %s', (_name, line, pattern, expected) => {
    expect(pattern.test(line)).toBe(expected);
  });

  it('no extension module imports data/papers.json', () => {
    expect(importers(PAPERS_IMPORT)).toEqual([]);
  });

  it('only lib/background/bundled.ts imports data/dataset-meta.json, and none data/negatives.json', () => {
    expect(importers(META_IMPORT)).toEqual(META_IMPORTERS);
    expect(importers(NEGATIVES_IMPORT)).toEqual([]);
  });
});

/** The config's hooks, flat (as wxt.config.ts declares them). */
const hooks: Partial<WxtHooks> = wxtConfig.hooks ?? {};
/** Minimal stand-in for the Wxt object the hooks receive. */
const fakeWxt = { config: { root: ROOT } } as never;

describe('bundled dataset boundary (build)', () => {
  it('wxt.config.ts lists data/papers.json and data/classifier.json as build assets at the paths the background fetches', async () => {
    const hook = hooks['build:publicAssets'];
    expect(hook).toBeTypeOf('function');
    const assets: { absoluteSrc?: string; relativeDest: string }[] = [];
    await hook!(fakeWxt, assets as never);
    expect(assets).toEqual([
      { absoluteSrc: path.join(ROOT, 'data/papers.json'), relativeDest: 'data/papers.json' },
      { absoluteSrc: path.join(ROOT, 'data/classifier.json'), relativeDest: 'data/classifier.json' },
    ]);
    expect(`/${assets[0]!.relativeDest}`).toBe(BUNDLED_RECORDS_PATH);
    expect(`/${assets[1]!.relativeDest}`).toBe(CLASSIFIER_MODEL_PATH);
    for (const asset of assets) expect(existsSync(asset.absoluteSrc!)).toBe(true);
  });

  it('wxt.config.ts declares the asset to the getURL types', async () => {
    const hook = hooks['prepare:publicPaths'];
    const paths: unknown[] = [];
    await hook!(fakeWxt, paths as never);
    expect(paths).toEqual(['data/papers.json', 'data/classifier.json']);
  });

  // The sources decide what a build contains; a build is only checked when it is newer than them (an older
  // one, from before this split or built by someone else's stale tree, says nothing about the code here).
  const DECIDING_SOURCES = ['wxt.config.ts', 'lib/background/bundled.ts', 'lib/background/index.ts'];
  const newestSource = Math.max(...DECIDING_SOURCES.map((f) => statSync(path.join(ROOT, f)).mtimeMs));
  const builds = ['chrome-mv3', 'firefox-mv2']
    .map((target) => path.join(ROOT, '.output', target))
    .filter((dir) => {
      const background = path.join(dir, 'background.js');
      return existsSync(background) && statSync(background).mtimeMs >= newestSource;
    });

  const papers = readFileSync(path.join(ROOT, 'data/papers.json'));
  const records = JSON.parse(papers.toString('utf8')) as { title: string }[];
  // Plain titles from across the dataset (no characters a JSON or JS literal would escape): a bundled copy of
  // the records, as JSON.parse('…') or as a minified object literal, contains every one of them.
  const sampleTitles = records
    .filter((_, i) => i % 53 === 0)
    .map((r) => r.title)
    .filter((title) => /^[\w ,:;.()?!-]+$/.test(title) && title.length > 20);
  const titlesIn = (js: string) => sampleTitles.filter((title) => js.includes(title));

  it('the detector finds a bundled copy of the records, and nothing in code without one', () => {
    expect(sampleTitles.length).toBeGreaterThan(10);
    const asJsonParse = `const papers = JSON.parse(${JSON.stringify(papers.toString('utf8'))});`;
    const asObjectLiteral = `var a=[${records.map((r) => `{title:${JSON.stringify(r.title)}}`).join(',')}];`;
    expect(titlesIn(asJsonParse)).toEqual(sampleTitles);
    expect(titlesIn(asObjectLiteral)).toEqual(sampleTitles);
    expect(titlesIn(readFileSync(path.join(ROOT, 'lib/background/bundled.ts'), 'utf8'))).toEqual([]);
  });

  it(`fresh builds in .output (${builds.map((b) => path.basename(b)).join(', ') || 'none now'}) carry the records as a file, not in background.js`, () => {
    for (const dir of builds) {
      expect(titlesIn(readFileSync(path.join(dir, 'background.js'), 'utf8')), dir).toEqual([]);
      expect(readFileSync(path.join(dir, 'data/papers.json')).equals(papers), dir).toBe(true);
    }
  });
});
