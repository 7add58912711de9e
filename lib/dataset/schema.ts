import { z } from 'zod';
import { isArxivId } from '../paper-id';
import { isLeafId, type LeafId } from '../taxonomy';

/**
 * The record format of the bundled dataset (data/papers.json, data/negatives.json). This is the single
 * source of truth for the shape of a paper everywhere: importer output, catalog rows in IndexedDB,
 * message payloads and the CLI.
 */

/** Which awesome-list (or our curated supplement) a fact came from. Ids are stable; see data/sources.json. */
export const SourceId = z.enum([
  'aiot',
  'horseee',
  'huangowen',
  'tiingweii',
  'albalak',
  'xnhyacinth',
  'xuefuzhao',
  'rzfan525',
  'curated',
  'manual',
]);
export type SourceId = z.infer<typeof SourceId>;

export const LeafIdSchema = z
  .string()
  .refine(isLeafId, { message: 'unknown taxonomy leaf' }) as unknown as z.ZodType<LeafId>;

/** Why a record carries a leaf: a confidently mapped heading, a per-paper rule for an ambiguous heading, or the curated list. */
export const Confidence = z.enum(['confident', 'rule', 'curated', 'manual']);

export const Provenance = z.object({
  source: SourceId,
  /** File name inside shared/survey-sources. */
  file: z.string(),
  /** The heading path as written in the source, deepest last, e.g. ["Model Compression", "Quantization"]. */
  heading: z.array(z.string()),
  /** 1-based line of the entry in the file. */
  line: z.number().int().positive(),
  /** Leaf this entry was filed under; null for negatives (out-of-scope headings). */
  leaf: LeafIdSchema.nullable(),
  confidence: Confidence.nullable(),
  /** For confidence 'rule': the name of the per-paper rule that admitted the entry. */
  rule: z.string().optional(),
  /** The title exactly as this source wrote it (after markdown is stripped). */
  title: z.string(),
});
export type Provenance = z.infer<typeof Provenance>;

/** New-style (YYMM.NNNN(N)) or old-style (archive(.SC)/YYMMNNN) arXiv id, without version. */
export const ArxivIdSchema = z
  .string()
  .refine(isArxivId, { message: 'not a canonical versionless arXiv id' });

export const PaperRecord = z.object({
  /**
   * Stable key: "arxiv:<id>" when the paper has an arXiv id, else "openreview:<forum id>",
   * "acl:<anthology id>", or "url:<normalised url>" for other links.
   */
  id: z.string().min(3),
  arxivId: ArxivIdSchema.nullable(),
  openreviewId: z.string().nullable(),
  /** Canonical title (see DATASET.md for how it is chosen when sources disagree). */
  title: z.string().min(1),
  /** normalizeTitle(title); indexed for exact title lookups. */
  normTitle: z.string().min(1),
  /** Year of first appearance (arXiv id month for arXiv papers, else the source's year). */
  year: z.number().int().min(1900).max(2100).nullable(),
  venue: z.string().nullable(),
  links: z.object({
    code: z.array(z.string()).default([]),
    openreview: z.string().nullable().default(null),
    other: z.array(z.string()).default([]),
  }),
  /** Taxonomy leaves, in survey order; at least one for survey records, empty for negatives. */
  leaves: z.array(LeafIdSchema),
  /** True only for the survey itself (2312.00678). */
  isSurvey: z.boolean().default(false),
  /** Other titles the sources used for this paper, when they disagree with `title`. */
  titleVariants: z.array(z.string()).default([]),
  provenance: z.array(Provenance).min(1),
});
export type PaperRecord = z.infer<typeof PaperRecord>;

/** data/dataset-meta.json: identifies the bundled dataset; a change of `version` reseeds the catalog. */
export const DatasetMeta = z.object({
  /** Content hash of papers.json (first 16 hex of sha256); changes whenever any record changes. */
  version: z.string().regex(/^[0-9a-f]{16}$/),
  records: z.number().int().nonnegative(),
  negatives: z.number().int().nonnegative(),
});
export type DatasetMeta = z.infer<typeof DatasetMeta>;
