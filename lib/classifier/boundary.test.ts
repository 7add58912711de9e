/**
 * Meta-test of where the classifier lives: its model (data/classifier.json, ~210 KB) is fetched by the background
 * and imported by no extension module, and the UI imports only its types (predictions arrive in messages), so
 * neither the model nor the trainer reaches background.js' first turn or a content script.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const EXTENSION_DIRS = ['entrypoints', 'components', 'lib'];

function sourceFiles(): string[] {
  return EXTENSION_DIRS.flatMap((dir) =>
    readdirSync(path.join(ROOT, dir), { withFileTypes: true, recursive: true })
      .filter((e) => e.isFile() && /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name))
      .map((e) => path.relative(ROOT, path.join(e.parentPath, e.name))),
  );
}

const MODEL_IMPORT =
  /(?:from\s+|import\s*\(\s*|import\s+)['"`][^'"`]*data\/classifier\.json(?:\?[^'"`]*)?['"`]/;
/** A value (non-type) import of lib/classifier (any module of it). */
const VALUE_IMPORT =
  /import\s+(?!type\b)[^;]*?from\s+['"`][^'"`]*classifier\/(?:model|features|train|load)['"`]/;
const TRAINER_IMPORT = /from\s+['"`][^'"`]*classifier\/train['"`]/;

describe('classifier boundary', () => {
  it.each([
    ["import model from '../../data/classifier.json';", MODEL_IMPORT, true],
    ["const m = await import('../data/classifier.json?url');", MODEL_IMPORT, true],
    ["export const CLASSIFIER_MODEL_PATH = '/data/classifier.json';", MODEL_IMPORT, false],
    ["import { predict } from '../../lib/classifier/model';", VALUE_IMPORT, true],
    ["import { type Prediction, predict } from '../classifier/model';", VALUE_IMPORT, true],
    ["import type { Prediction } from '../../lib/classifier/model';", VALUE_IMPORT, false],
    ["import { trainModel } from './train';", TRAINER_IMPORT, false],
    ["import { trainModel } from '../classifier/train';", TRAINER_IMPORT, true],
  ])('the patterns: %s', (line, pattern, matches) => {
    expect(pattern.test(line)).toBe(matches);
  });

  const files = sourceFiles().map((file) => ({ file, text: readFileSync(path.join(ROOT, file), 'utf8') }));

  it('no extension module imports data/classifier.json', () => {
    expect(files.filter((f) => MODEL_IMPORT.test(f.text)).map((f) => f.file)).toEqual([]);
  });

  it('components and entrypoints import only types from lib/classifier', () => {
    const offenders = files
      .filter((f) => !f.file.startsWith('lib/') && VALUE_IMPORT.test(f.text))
      .map((f) => f.file);
    expect(offenders).toEqual([]);
  });

  it('only build-time code imports the trainer', () => {
    const offenders = files
      .filter((f) => f.file !== 'lib/classifier/train.ts' && TRAINER_IMPORT.test(f.text))
      .map((f) => f.file);
    expect(offenders).toEqual([]);
  });

  it('finds the files it checks (the scan is not vacuous)', () => {
    const names = files.map((f) => f.file);
    expect(names).toContain('components/overlay/Prediction.tsx');
    expect(names).toContain('lib/background/service.ts');
  });
});
