import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SourceId } from '../dataset/schema';
import { SOURCE_LICENCES } from './licences';

// The options page may not import data/*.json, so it carries a copy; these tests keep the copy honest.
const ROOT = path.resolve(import.meta.dirname, '../..');
const config = JSON.parse(readFileSync(path.join(ROOT, 'data/sources.json'), 'utf8')) as {
  sources: {
    id: string;
    repo: string;
    commit: string | null;
    url: string | null;
    licence: { spdx: string | null; notice: string | null };
  }[];
};
const datasetMd = readFileSync(path.join(ROOT, 'data/DATASET.md'), 'utf8');

describe('SOURCE_LICENCES', () => {
  it('lists every source of data/sources.json with the same repository, commit, URL, licence and notice', () => {
    for (const source of config.sources) {
      const row = SOURCE_LICENCES.find((r) => r.id === source.id);
      expect(row, source.id).toBeDefined();
      expect(row).toEqual({
        id: source.id,
        repo: source.repo,
        url: source.url,
        commit: source.commit?.slice(0, 12) ?? null,
        spdx: source.licence.spdx,
        notice: source.licence.notice,
      });
    }
  });

  it('has no row that is not in data/sources.json, and no duplicate', () => {
    expect(SOURCE_LICENCES.map((r) => r.id)).toEqual(config.sources.map((s) => s.id));
    for (const row of SOURCE_LICENCES) expect(SourceId.options).toContain(row.id);
  });

  it('matches the licence table of data/DATASET.md row by row', () => {
    const section = datasetMd.slice(datasetMd.indexOf('## Licences'));
    const rows = section
      .split('\n')
      .filter((line) => /^\| [a-z0-9]+ \|/.test(line) && !line.startsWith('| source |'))
      .map((line) => line.split('|').map((cell) => cell.trim()));
    expect(rows.map((cells) => cells[1])).toEqual(SOURCE_LICENCES.map((r) => r.id));
    for (const cells of rows) {
      const row = SOURCE_LICENCES.find((r) => r.id === cells[1])!;
      expect(cells[2]).toContain(row.repo);
      expect(cells[3]).toBe(row.commit ?? '');
      expect(cells[4]).toBe(row.spdx ?? 'none stated');
      if (row.notice) expect(datasetMd).toContain(row.notice);
    }
  });
});
