// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { SourceId } from '../../lib/dataset/schema';
import { SOURCE_LABELS, sourceLabel } from './sources';

test('every SourceId has a distinct label', () => {
  const labels = SourceId.options.map((id) => SOURCE_LABELS[id]);
  expect(labels.every((l) => typeof l === 'string' && l.length > 0)).toBe(true);
  expect(new Set(labels).size).toBe(labels.length);
  expect(Object.keys(SOURCE_LABELS).sort()).toEqual([...SourceId.options].sort());
});

test.each([
  ['huangowen', 'HuangOwen/Awesome-LLM-Compression'],
  ['horseee', 'horseee/Awesome-Efficient-LLM'],
  ['curated', 'curated supplement'],
  // Unknown ids (a newer dataset) are shown as themselves; inherited Object keys are not labels.
  ['some-new-list', 'some-new-list'],
  ['toString', 'toString'],
  ['__proto__', '__proto__'],
])('sourceLabel(%s) = %s', (id, label) => {
  expect(sourceLabel(id)).toBe(label);
});

test('repository labels match the importer configuration (data/sources.json)', () => {
  // Read, not imported: data files must not reach a UI bundle, and this only guards against drift.
  const file = join(dirname(fileURLToPath(import.meta.url)), '../../data/sources.json');
  const config = JSON.parse(readFileSync(file, 'utf8')) as { sources: { id: string; repo: string }[] };
  // Sources backed by a GitHub repository are labelled by it; our own curated list is not a repository.
  const repos = config.sources.filter((s) => /^[\w.-]+\/[\w.-]+$/.test(s.repo));
  expect(repos.length).toBeGreaterThanOrEqual(8);
  for (const { id, repo } of repos) expect(sourceLabel(id), id).toBe(repo);
});
