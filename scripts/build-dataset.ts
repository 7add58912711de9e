/**
 * `npm run dataset`: build data/papers.json, data/negatives.json, data/dataset-meta.json and data/DATASET.md from
 * the awesome-list snapshots in shared/survey-sources. All parsing and merging is in lib/importer (pure); this
 * script only reads and writes files.
 *
 *   npm run dataset                      # sources from ../shared/survey-sources (relative to the repo root)
 *   npm run dataset -- --sources DIR     # or EL_SOURCES_DIR=DIR
 *   npm run dataset -- --check           # exit 1 if the committed files differ from a fresh build
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { PaperRecord } from '../lib/dataset/schema';
import {
  type ImportReport,
  importDataset,
  parseSourcesConfig,
  serializeRecords,
} from '../lib/importer/index';
import { renderDatasetMd } from '../lib/importer/report';
import { LEAF_IDS } from '../lib/taxonomy';

/** The repository root (this file lives in scripts/). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The sources directory: `--sources DIR`, else $EL_SOURCES_DIR, else ../shared/survey-sources beside the repo. */
export function resolveSourcesDir(
  argv: readonly string[] = process.argv.slice(2),
  env = process.env,
): string {
  const i = argv.indexOf('--sources');
  if (i >= 0) {
    const dir = argv[i + 1];
    if (!dir || dir.startsWith('--')) throw new Error('--sources needs a directory');
    return resolve(dir);
  }
  if (env.EL_SOURCES_DIR) return resolve(env.EL_SOURCES_DIR);
  return resolve(REPO_ROOT, '..', 'shared', 'survey-sources');
}

export interface BuiltDataset {
  papers: PaperRecord[];
  negatives: PaperRecord[];
  report: ImportReport;
  /** File contents, keyed by path relative to the repo root. */
  files: Record<
    'data/papers.json' | 'data/negatives.json' | 'data/dataset-meta.json' | 'data/DATASET.md',
    string
  >;
}

/** First 16 hex digits of the sha256 of papers.json: the dataset version. */
export function datasetVersion(papersJson: string): string {
  return createHash('sha256').update(papersJson, 'utf8').digest('hex').slice(0, 16);
}

/** Read data/sources.json and the source files, run the importer, and render every output file. */
export function buildDataset(sourcesDir: string, root = REPO_ROOT): BuiltDataset {
  const config = parseSourcesConfig(JSON.parse(readFileSync(join(root, 'data', 'sources.json'), 'utf8')));
  if (!existsSync(sourcesDir)) throw new Error(`sources directory not found: ${sourcesDir}`);
  const files = new Map<string, string>();
  for (const source of config.sources)
    for (const file of source.files) {
      const path = join(sourcesDir, file);
      if (!existsSync(path)) throw new Error(`source file not found: ${path}`);
      files.set(file, readFileSync(path, 'utf8'));
    }
  const { papers, negatives, report } = importDataset(config, files);
  const papersJson = serializeRecords(papers);
  const version = datasetVersion(papersJson);
  const meta = { version, records: papers.length, negatives: negatives.length };
  return {
    papers,
    negatives,
    report,
    files: {
      'data/papers.json': papersJson,
      'data/negatives.json': serializeRecords(negatives),
      'data/dataset-meta.json': `${JSON.stringify(meta, null, 2)}\n`,
      'data/DATASET.md': renderDatasetMd({ config, report, papers, negatives, version }),
    },
  };
}

function main(): number {
  const argv = process.argv.slice(2);
  const check = argv.includes('--check');
  const sourcesDir = resolveSourcesDir(argv);
  const built = buildDataset(sourcesDir);
  const changed = Object.entries(built.files).filter(([rel, text]) => {
    const path = join(REPO_ROOT, rel);
    return !existsSync(path) || readFileSync(path, 'utf8') !== text;
  });
  if (check) {
    for (const [rel] of changed) console.error(`out of date: ${rel}`);
    return changed.length > 0 ? 1 : 0;
  }
  for (const [rel, text] of changed) writeFileSync(join(REPO_ROOT, rel), text);

  const { papers, negatives, report } = built;
  const counts = LEAF_IDS.map((l) => [l, report.leafCounts[l]] as const);
  console.log(`sources: ${sourcesDir}`);
  console.log(`papers: ${papers.length}  negatives: ${negatives.length}`);
  for (const [leaf, n] of counts) console.log(`  ${leaf.padEnd(36)} ${n}`);
  const unmatched = report.errata.filter((e) => e.matched === 0);
  if (unmatched.length > 0) console.warn(`warning: ${unmatched.length} errata matched no entry`);
  const empty = counts.filter(([, n]) => n === 0);
  if (empty.length > 0) console.warn(`warning: empty leaves: ${empty.map(([l]) => l).join(', ')}`);
  console.log(changed.length > 0 ? `wrote ${changed.map(([r]) => r).join(', ')}` : 'no changes');
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  try {
    process.exitCode = main();
  } catch (err) {
    console.error(`build-dataset: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  }
}
