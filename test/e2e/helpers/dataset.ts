/**
 * The bundled dataset as the tests see it: expectations are computed from data/papers.json and lib/taxonomy.ts,
 * never copied from what the extension shows.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { PaperRecord } from '../../../lib/dataset/schema';
import { getNode, getPath, pathLabel, TAXONOMY_NODES } from '../../../lib/taxonomy';
import { REPO_ROOT } from '../fixture-server';

/** Every record of data/papers.json. */
export const PAPERS: readonly PaperRecord[] = JSON.parse(
  readFileSync(path.join(REPO_ROOT, 'data/papers.json'), 'utf8'),
) as PaperRecord[];

/** The record with this (versionless) arXiv id, if the dataset has one. */
export function recordByArxivId(arxivId: string): PaperRecord | undefined {
  return PAPERS.find((r) => r.arxivId === arxivId);
}

/** The record with this OpenReview forum id, if the dataset has one. */
export function recordByOpenReviewId(forumId: string): PaperRecord | undefined {
  return PAPERS.find((r) => r.openreviewId === forumId);
}

/** Like recordByArxivId, but a missing record is a broken test premise, said plainly. */
export function requireRecord(arxivId: string): PaperRecord {
  const record = recordByArxivId(arxivId);
  if (!record) throw new Error(`test premise: data/papers.json has no record for arXiv ${arxivId}`);
  return record;
}

/** What a leaf should look like in the overlay: its name, path names (area → leaf) and chip code. */
export function leafExpectation(leafId: string): {
  name: string;
  path: string[];
  label: string;
  code: string;
} {
  const node = getNode(leafId);
  if (node?.kind !== 'leaf') throw new Error(`test premise: ${leafId} is not a taxonomy leaf`);
  const label = pathLabel(leafId);
  return { name: node.name, path: label.split(' > '), label, code: node.code ?? '' };
}

/** Papers per taxonomy node (a paper counts once per node it sits under), straight from the dataset. */
export function expectedNodeCounts(): Map<string, number> {
  const counts = new Map<string, number>(TAXONOMY_NODES.map((n) => [n.id, 0]));
  for (const record of PAPERS) {
    const nodes = new Set(record.leaves.flatMap((leaf) => getPath(leaf).map((n) => n.id)));
    for (const id of nodes) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}
