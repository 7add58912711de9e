import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// Meta-test: the bundled dataset (data/papers.json, data/dataset-meta.json) is imported by lib/background/
// index.ts and nowhere else in extension code, so it can only land in the background bundle, never in a
// content-script or page bundle (where it would cost every arXiv tab ~1.8 MB). Scripts and tests may read it.
const ROOT = path.resolve(import.meta.dirname, '../..');
const EXTENSION_CODE = ['lib', 'components', 'entrypoints'];
const ALLOWED = new Set(['lib/background/index.ts']);
const DATASET_IMPORT =
  /(?:from\s+|import\s*\(\s*)['"][^'"]*data\/(?:papers|dataset-meta|negatives)\.json['"]/;

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter(
      (entry) => entry.isFile() && /\.(?:ts|tsx)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name),
    )
    .map((entry) => path.relative(ROOT, path.join(entry.parentPath, entry.name)));
}

describe('bundled dataset boundary', () => {
  const files = EXTENSION_CODE.flatMap(sourceFiles);

  it('finds the extension sources', () => {
    expect(files).toContain('lib/background/index.ts');
    expect(files.length).toBeGreaterThan(10);
  });

  it('the pattern recognises the import forms', () => {
    expect(DATASET_IMPORT.test("import papers from '../../data/papers.json';")).toBe(true);
    expect(DATASET_IMPORT.test('const m = await import("../data/dataset-meta.json")')).toBe(true);
    expect(DATASET_IMPORT.test("import { TAXONOMY } from '../data/taxonomy';")).toBe(false);
  });

  it('only lib/background/index.ts imports data/*.json', () => {
    const importers = files.filter((file) =>
      DATASET_IMPORT.test(readFileSync(path.join(ROOT, file), 'utf8')),
    );
    expect(importers).toEqual([...ALLOWED]);
  });
});
