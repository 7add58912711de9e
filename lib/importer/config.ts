/**
 * The importer's configuration, data/sources.json: which files each source contributes, their licences, the
 * heading → leaf mapping of shared/survey-sources/taxonomy-mapping.md, the row-level keyword override, and the
 * errata of SOURCES.md §3.5. Validated with zod so a typo in a leaf id or a source id fails loudly.
 */
import { z } from 'zod';
import { ArxivIdSchema, LeafIdSchema, SourceId } from '../dataset/schema';

/** What a heading maps to: a taxonomy leaf, "out-of-scope" (a paper list outside Ding's leaves), or "skip". */
export const HeadingTarget = z.union([LeafIdSchema, z.literal('out-of-scope'), z.literal('skip')]);
export type HeadingTarget = z.infer<typeof HeadingTarget>;

export const HeadingRule = z.object({
  /** Heading text as rendered (badges and link markup stripped, emoji kept, backslash escapes resolved). */
  heading: z.string().min(1),
  leaf: HeadingTarget,
  confidence: z.enum(['confident', 'ambiguous']),
  note: z.string().default(''),
});
export type HeadingRule = z.infer<typeof HeadingRule>;

export const SourceConfig = z.object({
  id: SourceId.exclude(['manual']),
  repo: z.string().min(1),
  commit: z.string().nullable(),
  url: z.string().url().nullable(),
  files: z.array(z.string().min(1)).min(1),
  /** Files of the repository deliberately not read, with the reason. */
  skippedFiles: z.array(z.object({ file: z.string(), reason: z.string() })).default([]),
  licence: z.object({
    /** SPDX id, or null when the repository states none. */
    spdx: z.string().nullable(),
    /** Copyright notice to keep (MIT), verbatim. */
    notice: z.string().nullable(),
    note: z.string(),
  }),
  headings: z.array(HeadingRule),
});
export type SourceConfig = z.infer<typeof SourceConfig>;

export const KeywordOverride = z.object({
  source: SourceId,
  heading: z.string(),
  /** Table column whose cell is compared (case-insensitive, whitespace-collapsed); only tiingweii's Keywords. */
  column: z.literal('Keywords'),
  equals: z.string(),
  leaf: LeafIdSchema,
  note: z.string().default(''),
});
export type KeywordOverride = z.infer<typeof KeywordOverride>;

export const Erratum = z.object({
  source: SourceId,
  /** The wrong arXiv id as the source wrote it. */
  wrongId: ArxivIdSchema,
  correctId: ArxivIdSchema,
  /** The entry's title exactly as the source wrote it; matched after normalizeTitle. */
  title: z.string().min(1),
  /** Line in the snapshot, for humans; matching does not depend on it. */
  line: z.number().int().positive(),
  note: z.string().default(''),
});
export type Erratum = z.infer<typeof Erratum>;

export const SourcesConfig = z.object({
  survey: z.object({ arxivId: ArxivIdSchema, title: z.string().min(1), venue: z.string().nullable() }),
  /** Tie-break order for titles and venues (curated first, then explicit licences, then the rest). */
  priority: z.array(SourceId),
  sources: z.array(SourceConfig).min(1),
  keywordOverrides: z.array(KeywordOverride).default([]),
  errata: z.array(Erratum).default([]),
});
export type SourcesConfig = z.infer<typeof SourcesConfig>;

/** Validate data/sources.json; throws an Error listing every problem when it is malformed. */
export function parseSourcesConfig(json: unknown): SourcesConfig {
  const result = SourcesConfig.safeParse(json);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new Error(`data/sources.json is invalid:\n${problems.join('\n')}`);
  }
  const ids = result.data.sources.map((s) => s.id);
  const dup = ids.find((id, i) => ids.indexOf(id) !== i);
  if (dup) throw new Error(`data/sources.json is invalid: source "${dup}" is listed twice`);
  for (const s of result.data.sources) {
    const headings = s.headings.map((h) => h.heading);
    const dupHeading = headings.find((h, i) => headings.indexOf(h) !== i);
    if (dupHeading)
      throw new Error(`data/sources.json is invalid: ${s.id} maps heading "${dupHeading}" twice`);
  }
  return result.data;
}
