import { type IDBPDatabase, unwrap } from 'idb';
import type { PaperRecord } from '../dataset/schema';
import type { LeafId } from '../taxonomy';
import { normalizeTitle } from '../text/title';
import type { BundledDataset } from './schema';

/**
 * Small, schema-valid catalog records for the db, message and background tests (real papers, real leaves),
 * so tests do not depend on the generated data/papers.json.
 */

interface RecordSpec {
  id?: string;
  arxivId?: string | null;
  openreviewId?: string | null;
  title: string;
  year?: number | null;
  leaves: LeafId[];
  venue?: string | null;
}

/** A valid PaperRecord from a few fields. */
export function makeRecord(spec: RecordSpec): PaperRecord {
  const arxivId = spec.arxivId ?? null;
  const openreviewId = spec.openreviewId ?? null;
  const id =
    spec.id ?? (arxivId ? `arxiv:${arxivId}` : openreviewId ? `openreview:${openreviewId}` : undefined);
  if (!id) throw new Error(`fixture "${spec.title}" needs an id, an arXiv id or an OpenReview id`);
  return {
    id,
    arxivId,
    openreviewId,
    title: spec.title,
    normTitle: normalizeTitle(spec.title),
    year: spec.year ?? null,
    venue: spec.venue ?? null,
    links: {
      code: [],
      openreview: openreviewId ? `https://openreview.net/forum?id=${openreviewId}` : null,
      other: [],
    },
    leaves: spec.leaves,
    isSurvey: false,
    titleVariants: [],
    provenance: [
      {
        source: 'curated',
        file: 'fixture.md',
        heading: ['Fixture'],
        line: 1,
        leaf: spec.leaves[0] ?? null,
        confidence: spec.leaves.length ? 'curated' : null,
        title: spec.title,
      },
    ],
  };
}

/** Ten records across several leaves: arXiv-only, OpenReview-only, both, and one with neither id. */
export const FIXTURE_RECORDS: readonly PaperRecord[] = [
  makeRecord({
    arxivId: '2106.09685',
    openreviewId: 'nZeVKeeFYf9',
    title: 'LoRA: Low-Rank Adaptation of Large Language Models',
    year: 2021,
    venue: 'ICLR 2022',
    leaves: ['parameter-efficient-fine-tuning', 'low-rank-decomposition'],
  }),
  makeRecord({
    arxivId: '2305.14314',
    title: 'QLoRA: Efficient Finetuning of Quantized LLMs',
    year: 2023,
    leaves: ['parameter-efficient-fine-tuning', 'quantization'],
  }),
  makeRecord({
    arxivId: '2210.17323',
    title: 'GPTQ: Accurate Post-Training Quantization for Generative Pre-trained Transformers',
    year: 2022,
    leaves: ['quantization'],
  }),
  makeRecord({
    arxivId: '2211.10438',
    title: 'SmoothQuant: Accurate and Efficient Post-Training Quantization for Large Language Models',
    year: 2022,
    leaves: ['quantization'],
  }),
  makeRecord({
    arxivId: '2301.00774',
    title: 'SparseGPT: Massive Language Models Can Be Accurately Pruned in One-Shot',
    year: 2023,
    leaves: ['pruning'],
  }),
  makeRecord({
    arxivId: '2205.14135',
    title: 'FlashAttention: Fast and Memory-Efficient Exact Attention with IO-Awareness',
    year: 2022,
    leaves: ['efficient-attention'],
  }),
  makeRecord({
    arxivId: '2203.15556',
    title: 'Training Compute-Optimal Large Language Models',
    year: 2022,
    leaves: ['scaling-laws'],
  }),
  makeRecord({
    openreviewId: 'rJl-b3RcF7',
    title: 'The Lottery Ticket Hypothesis: Finding Sparse, Trainable Neural Networks',
    year: 2019,
    venue: 'ICLR 2019',
    leaves: ['pruning'],
  }),
  makeRecord({
    arxivId: '1503.02531',
    title: 'Distilling the Knowledge in a Neural Network',
    year: 2015,
    leaves: ['knowledge-distillation'],
  }),
  makeRecord({
    id: 'acl:2021.acl-long.353',
    title: 'Prefix-Tuning: Optimizing Continuous Prompts for Generation',
    year: 2021,
    venue: 'ACL 2021',
    leaves: ['parameter-efficient-fine-tuning'],
  }),
];

/** A bundled dataset from records, with a 16-hex version; its loader resolves to the records in memory. */
export function fixtureDataset(
  version: string,
  records: readonly PaperRecord[] = FIXTURE_RECORDS,
): BundledDataset {
  return { meta: { version, records: records.length, negatives: 0 }, loadRecords: async () => records };
}

/** Fixture dataset versions (16 hex digits, like DatasetMeta.version). */
export const V1 = '1111111111111111';
export const V2 = '2222222222222222';

let counter = 0;
/** A database name no other test uses (fake-indexeddb is shared within a test file). */
export function uniqueDbName(prefix: string): string {
  counter += 1;
  return `${prefix}-${counter}-${Math.random().toString(36).slice(2, 8)}`;
}

/** Stores, key paths and indexes of an open database, as plain data to compare schemas in migration tests. */
export function describeSchema<T>(wrapped: IDBPDatabase<T>): Record<string, unknown> {
  const db = unwrap(wrapped);
  const names = [...db.objectStoreNames];
  if (!names.length) return {};
  const tx = db.transaction(names, 'readonly');
  return Object.fromEntries(
    names.map((name) => {
      const store = tx.objectStore(name);
      const indexes = Object.fromEntries(
        [...store.indexNames].map((indexName) => {
          const index = store.index(indexName);
          return [indexName, { keyPath: index.keyPath, unique: index.unique, multiEntry: index.multiEntry }];
        }),
      );
      return [name, { keyPath: store.keyPath, autoIncrement: store.autoIncrement, indexes }];
    }),
  );
}
