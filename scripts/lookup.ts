/**
 * `npm run lookup -- <arXiv id | arXiv/OpenReview URL | DOI | title words>`: where a paper sits in the survey's
 * taxonomy, its record, and its related works, from data/papers.json. `runLookup` is the whole program as a
 * pure function (argv and records in, text out, exit code back) so that tests run it without a process.
 *
 * Exit codes: 0 found; 1 not in the dataset (an id or DOI we do not have, a title nothing matches); 2 usage
 * error (no input, a bad option, a malformed id or URL); 3 the dataset could not be loaded.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { z } from 'zod';
import { CatalogIndex, DEFAULT_RELATED_LIMIT } from '../lib/catalog/index';
import type { LookupResult, RelatedWork } from '../lib/catalog/types';
import { PaperRecord } from '../lib/dataset/schema';
import { arxivAbsUrl, openReviewForumUrl, type PaperRef, parsePaperRef } from '../lib/paper-id';
import { getNode, pathLabel } from '../lib/taxonomy';

/** Exit codes of the lookup CLI. */
export const EXIT = { found: 0, notFound: 1, usage: 2, dataset: 3 } as const;

/** Where runLookup gets its records and writes its output (one call per line, no trailing newline). */
export interface LookupEnv {
  /** The catalog, or a loader called only once the arguments are known to be valid. */
  records: readonly PaperRecord[] | (() => readonly PaperRecord[]);
  out: (line: string) => void;
  err: (line: string) => void;
}

const USAGE = [
  'usage: npm run lookup -- [--json] [--limit N] <arXiv id | arXiv/OpenReview URL | DOI | title words>',
  '',
  '  2106.09685, arXiv:2106.09685v2, https://arxiv.org/abs/2106.09685, hep-th/9711200',
  '  https://openreview.net/forum?id=nZeVKeeFYf9, 10.48550/arXiv.2106.09685',
  '  LoRA: Low-Rank Adaptation of Large Language Models',
  '',
  '  --json       machine-readable output',
  `  --limit N    number of related works (default ${DEFAULT_RELATED_LIMIT}, at most 100)`,
  '',
  'exit codes: 0 found, 1 not in the dataset, 2 usage error, 3 dataset not loadable',
];

const MAX_LIMIT = 100;
/** Closest titles shown when nothing matches. */
const SUGGESTIONS = 5;

interface Options {
  json: boolean;
  limit: number;
  input: string;
}

class UsageError extends Error {}

function parseArgs(argv: readonly string[]): Options | 'help' {
  let json = false;
  let limit = DEFAULT_RELATED_LIMIT;
  const words: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      words.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '-h' || arg === '--help') return 'help';
    if (arg === '--json') {
      json = true;
      continue;
    }
    if (arg === '--limit' || arg.startsWith('--limit=')) {
      const value = arg === '--limit' ? argv[++i] : arg.slice('--limit='.length);
      if (value === undefined || !/^\d+$/.test(value) || Number(value) < 1 || Number(value) > MAX_LIMIT) {
        throw new UsageError(
          `--limit needs a whole number from 1 to ${MAX_LIMIT}, got ${JSON.stringify(value ?? '')}`,
        );
      }
      limit = Number(value);
      continue;
    }
    if (arg.startsWith('--')) throw new UsageError(`unknown option ${arg}`);
    words.push(arg);
  }
  const input = words.join(' ').trim();
  if (!input) throw new UsageError('nothing to look up: give an arXiv id, a URL, a DOI or title words');
  return { json, limit, input };
}

// A DOI, bare or as a doi.org link ("10.1145/1553374.1553380", "doi:10.…", "https://doi.org/10.…").
const DOI = /^(?:doi:\s*|https?:\/\/(?:dx\.)?doi\.org\/)?(10\.\d{4,9}\/\S+)$/i;
// Something that is clearly meant as an arXiv id, even if it is not a valid one ("2113.00001", "1234.5").
const ARXIV_LIKE =
  /^(?:arxiv:\s*\S+|\d{4}\.\d+(?:v\d+)?|[a-z]+(?:-[a-z]+)?(?:\.[a-z-]+)?\/\d{5,}(?:v\d+)?)$/i;
// Something that is clearly meant as a URL: a scheme, or a host name followed by a path.
const URL_LIKE = /^(?:[a-z][a-z0-9+.-]*:\/\/|www\.|[a-z0-9-]+(?:\.[a-z0-9-]+)+\/)\S*$/i;
const PAPER_HOSTS = /(?:^|\.)(?:arxiv\.org|openreview\.net|alphaxiv\.org|huggingface\.co|doi\.org)$/i;

/** A link without scheme, "www." and trailing slashes, lower-cased: how we compare record links. */
function linkKey(url: string): string {
  return url
    .trim()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//i, '')
    .replace(/^www\./i, '')
    .replace(/\/+$/, '')
    .toLowerCase();
}

function recordLinks(r: PaperRecord): string[] {
  const links = [...r.links.other, ...r.links.code];
  if (r.links.openreview) links.push(r.links.openreview);
  if (r.id.startsWith('url:')) links.push(r.id.slice('url:'.length));
  return links;
}

type Resolution =
  | {
      found: true;
      result: LookupResult | { record: PaperRecord; matchedBy: string; score: number };
      ref: PaperRef | null;
    }
  | { found: false; code: 1 | 2; message: string; suggestions?: { record: PaperRecord; score: number }[] };

function resolve(index: CatalogIndex, input: string): Resolution {
  const byKey = index.get(input);
  if (byKey) return { found: true, result: { record: byKey, matchedBy: 'catalog-id', score: 1 }, ref: null };

  const ref = parsePaperRef(input);
  if (ref?.kind === 'arxiv') {
    const result = index.lookup({ kind: 'arxiv', id: ref.id });
    return result
      ? { found: true, result, ref }
      : {
          found: false,
          code: 1,
          message: `arXiv:${ref.id} is not in the survey dataset (${index.size} papers).`,
        };
  }
  if (ref?.kind === 'openreview') {
    const result = index.lookup({ kind: 'openreview', id: ref.id });
    return result
      ? { found: true, result, ref }
      : {
          found: false,
          code: 1,
          message: `OpenReview forum ${ref.id} is not in the survey dataset (${index.size} papers).`,
        };
  }

  const doi = DOI.exec(input)?.[1];
  if (doi) {
    const key = doi.toLowerCase();
    const record = index.all().find((r) => recordLinks(r).some((l) => linkKey(l).includes(key)));
    return record
      ? { found: true, result: { record, matchedBy: 'doi', score: 1 }, ref: null }
      : { found: false, code: 1, message: `DOI ${doi} is not in the survey dataset (${index.size} papers).` };
  }
  if (URL_LIKE.test(input)) {
    const key = linkKey(input);
    const record = index.all().find((r) => recordLinks(r).some((l) => linkKey(l) === key));
    if (record) return { found: true, result: { record, matchedBy: 'link', score: 1 }, ref: null };
    let host = '';
    try {
      host = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(input) ? input : `https://${input}`).hostname;
    } catch {
      return { found: false, code: 2, message: `not a valid URL: ${input}` };
    }
    return {
      found: false,
      code: 2,
      message: PAPER_HOSTS.test(host)
        ? `no paper id in this URL: ${input} (expected e.g. https://arxiv.org/abs/2106.09685 or https://openreview.net/forum?id=…)`
        : `unsupported URL: ${input} (give an arXiv, OpenReview or doi.org link, an id, or title words)`,
    };
  }
  if (ARXIV_LIKE.test(input)) {
    return {
      found: false,
      code: 2,
      message: `not a valid arXiv id: ${input} (expected e.g. 2106.09685 or hep-th/9711200)`,
    };
  }

  const result = index.lookup({ kind: 'title', title: input });
  if (result) return { found: true, result, ref: null };
  const suggestions = index
    .search(input, { limit: SUGGESTIONS })
    .map(({ record, score }) => ({ record, score }));
  return {
    found: false,
    code: 1,
    message: suggestions.length
      ? `no paper titled "${input}" in the survey dataset.`
      : `no paper matches "${input}" in the survey dataset.`,
    suggestions,
  };
}

const MATCHED_BY: Record<string, string> = {
  'arxiv-id': 'arXiv id',
  'openreview-id': 'OpenReview id',
  'title-exact': 'exact title',
  'title-fuzzy': 'similar title',
  'catalog-id': 'catalog id',
  doi: 'DOI',
  link: 'link',
};

function safeLink(build: () => string): string {
  try {
    return build();
  } catch {
    return ''; // a malformed id in the data: show the id without a link rather than fail
  }
}

function leafLabel(leaf: string): string {
  const node = getNode(leaf);
  return node ? `${node.name}${node.code ? ` (${node.code})` : ''}` : leaf;
}

function paths(record: PaperRecord): string[] {
  return record.leaves.map((l) => pathLabel(l));
}

function printRecord(
  out: (line: string) => void,
  resolution: Extract<Resolution, { found: true }>,
  related: RelatedWork[],
): void {
  const { record, matchedBy, score } = resolution.result;
  const taxonomy = paths(record);
  if (taxonomy.length > 0) for (const p of taxonomy) out(p);
  else out(record.isSurvey ? '(the survey itself: no taxonomy leaf)' : '(no taxonomy leaf)');
  out('');
  out(record.title);
  const rows: [string, string][] = [['id', record.id]];
  if (record.arxivId)
    rows.push(['arXiv', `${record.arxivId}  ${safeLink(() => arxivAbsUrl(record.arxivId!))}`]);
  if (record.openreviewId) {
    rows.push([
      'OpenReview',
      `${record.openreviewId}  ${safeLink(() => openReviewForumUrl(record.openreviewId!))}`,
    ]);
  }
  rows.push(['year', record.year === null ? '—' : String(record.year)]);
  rows.push(['venue', record.venue ?? '—']);
  rows.push(['leaves', record.leaves.length ? record.leaves.map(leafLabel).join(', ') : '—']);
  for (const link of record.links.code) rows.push(['code', link]);
  for (const link of record.links.other) rows.push(['link', link]);
  rows.push([
    'matched by',
    matchedBy === 'title-fuzzy'
      ? `${MATCHED_BY[matchedBy]} (similarity ${score.toFixed(2)})`
      : (MATCHED_BY[matchedBy] ?? matchedBy),
  ]);
  for (const [k, v] of rows) out(`  ${k.padEnd(11)} ${v}`);
  if (record.titleVariants.length > 0) {
    out('  also titled');
    for (const t of record.titleVariants) out(`    ${t}`);
  }
  out('  sources');
  for (const p of record.provenance) {
    const filed = p.leaf ? `→ ${getNode(p.leaf)?.name ?? p.leaf}` : '→ out of scope';
    const how = p.confidence ? ` [${p.confidence}${p.rule ? `: ${p.rule}` : ''}]` : '';
    out(`    ${p.source}: ${p.heading.join(' › ') || '(top level)'} ${filed}${how}  (${p.file}:${p.line})`);
  }
  out('');
  if (related.length === 0) {
    out('Related works: none');
    return;
  }
  out(`Related works (top ${related.length}):`);
  related.forEach((w, k) => {
    const id = w.record.arxivId ? `arXiv ${w.record.arxivId}` : w.record.id;
    out(`  ${String(k + 1).padStart(2)}. ${w.record.title}`);
    out(`      ${id} · ${w.record.year ?? 'n.d.'} — ${w.reason}`);
  });
}

function relatedJson(w: RelatedWork) {
  return {
    id: w.record.id,
    title: w.record.title,
    arxivId: w.record.arxivId,
    year: w.record.year,
    score: Number(w.score.toFixed(4)),
    reason: w.reason,
    sharedLeaves: w.sharedLeaves,
  };
}

/** The lookup program: parse argv, resolve the paper, print it; returns the exit code. Never throws. */
export function runLookup(argv: readonly string[], env: LookupEnv): number {
  let options: Options | 'help';
  try {
    options = parseArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    env.err(`lookup: ${error.message}`);
    env.err(USAGE[0]!);
    return EXIT.usage;
  }
  if (options === 'help') {
    for (const line of USAGE) env.out(line);
    return EXIT.found;
  }

  let index: CatalogIndex;
  try {
    const records = typeof env.records === 'function' ? env.records() : env.records;
    index = CatalogIndex.fromRecords(records);
  } catch (error) {
    env.err(`lookup: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT.dataset;
  }

  const resolution = resolve(index, options.input);
  if (!resolution.found) {
    env.err(`lookup: ${resolution.message}`);
    const suggestions = resolution.suggestions ?? [];
    if (options.json) {
      env.out(
        JSON.stringify(
          {
            query: options.input,
            found: false,
            error: resolution.message,
            suggestions: suggestions.map(({ record }) => ({
              id: record.id,
              title: record.title,
              year: record.year,
            })),
          },
          null,
          2,
        ),
      );
    } else if (suggestions.length > 0) {
      env.out('no exact match; closest titles:');
      for (const { record } of suggestions) {
        env.out(
          `  ${record.title} (${record.arxivId ? `arXiv ${record.arxivId}` : record.id}, ${record.year ?? 'n.d.'})`,
        );
      }
    }
    return resolution.code;
  }

  const related = index.related(resolution.result.record.id, { limit: options.limit });
  if (options.json) {
    const { record, matchedBy, score } = resolution.result;
    env.out(
      JSON.stringify(
        {
          query: options.input,
          found: true,
          ref: resolution.ref,
          matchedBy,
          score: Number(score.toFixed(4)),
          paths: paths(record),
          record,
          related: related.map(relatedJson),
        },
        null,
        2,
      ),
    );
  } else {
    printRecord(env.out, resolution, related);
  }
  return EXIT.found;
}

const PapersFile = z.array(PaperRecord);

/** Read and validate a papers.json file; throws an Error with a readable message. */
export function loadRecords(file: string): PaperRecord[] {
  if (!existsSync(file)) throw new Error(`dataset not found: ${file} (run \`npm run dataset\` to build it)`);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`dataset is not valid JSON: ${file}: ${error instanceof Error ? error.message : error}`);
  }
  const parsed = PapersFile.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(
      `dataset does not match the PaperRecord schema: ${file}: ${issue?.path.join('.')}: ${issue?.message}`,
    );
  }
  return parsed.data;
}

/** Path of the bundled dataset, relative to this script. */
export const PAPERS_JSON = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../data/papers.json');

function main(): void {
  process.exitCode = runLookup(process.argv.slice(2), {
    records: () => loadRecords(PAPERS_JSON),
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
  });
}

// Run only as a script (`tsx scripts/lookup.ts`), not when imported by the tests.
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) main();
