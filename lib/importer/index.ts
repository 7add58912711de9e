/**
 * The dataset importer: pure functions from the source files' text and data/sources.json to the records of
 * data/papers.json and data/negatives.json, plus a report for data/DATASET.md. No file system access here
 * (scripts/build-dataset.ts does the I/O), so the same code can run inside the extension.
 */
import type { PaperRecord, SourceId } from '../dataset/schema';
import { LEAF_IDS, type LeafId } from '../taxonomy';
import { classify, type Disposition } from './classify';
import type { Erratum, SourcesConfig } from './config';
import { DATA_SELECTION_SCOPES } from './cross-listing';
import { type FileCounts, type RawEntry, readEntries } from './entries';
import type { NearDuplicate } from './fuzzy-merge';
import {
  type Conflict,
  type CrossListed,
  type DroppedRecord,
  type FuzzyMerge,
  type MergeInput,
  mergeEntries,
} from './merge';
import { type RuleScope, TITLE_RULES, type TitleRule } from './rules';

export { parseSourcesConfig, type SourcesConfig } from './config';
export { CROSS_LISTING_RULE, DATA_SELECTION_SCOPES, DATA_TERMS } from './cross-listing';
export { HEAD_MATCH_MIN } from './fuzzy-merge';
export { type RuleScope, TITLE_RULES, type TitleRule } from './rules';

/** Per-source counts for DATASET.md. */
export interface SourceStats {
  id: SourceId;
  files: number;
  /** List items and table rows walked. */
  items: number;
  /** Items that are not paper entries (TOC lines, metrics rows, no external link). */
  notEntries: number;
  /** Paper entries read (items with a title and an external link). */
  entries: number;
  admitted: number;
  admittedByRule: number;
  negatives: number;
  ambiguous: number;
  skipped: number;
  unmapped: number;
  noPaperLink: number;
  /** Records of papers.json / negatives.json with at least one entry from this source. */
  paperRecords: number;
  negativeRecords: number;
}

export interface Example {
  source: SourceId;
  file: string;
  line: number;
  heading: string;
  title: string;
}

export interface ImportReport {
  sources: SourceStats[];
  /** Papers per leaf (a paper with two leaves counts in both). */
  leafCounts: Record<LeafId, number>;
  rules: { name: string; why: string; leaves: readonly LeafId[]; count: number; examples: string[] }[];
  errata: { erratum: Erratum; matched: number }[];
  ambiguous: { source: SourceId; heading: string; count: number; examples: string[] }[];
  noPaperLink: Example[];
  unmapped: Example[];
  /** Malformed arXiv links whose id was recovered ("…/abs/2407.11681mini"). */
  repairedUrls: { source: SourceId; line: number; url: string }[];
  /** Entries linking to more than one arXiv id (the primary one is used). */
  multipleIds: (Example & { ids: string[] })[];
  mergedByTitle: { id: string; title: string; from: string }[];
  /** Records without an arXiv id merged into an arXiv record by fuzzy title match (fuzzy-merge.ts). */
  fuzzyMerged: FuzzyMerge[];
  /** Fuzzy matches refused because the records carry different OpenReview or ACL ids. */
  fuzzyRefused: FuzzyMerge[];
  /** arXiv records whose titles match fuzzily: never merged; one id is probably wrong. */
  nearDuplicates: NearDuplicate[];
  /** Leaf assignments dropped by the cross-listing rule (cross-listing.ts). */
  crossListed: CrossListed[];
  dropped: DroppedRecord[];
  titleConflicts: Conflict[];
  venueConflicts: Conflict[];
}

export interface ImportResult {
  papers: PaperRecord[];
  negatives: PaperRecord[];
  report: ImportReport;
}

/**
 * Check that every data-selection scope of the cross-listing rule is a heading that exists and maps to a leaf;
 * a stale scope would silently stop the rule from applying.
 */
export function checkScopes(config: SourcesConfig, scopes: readonly RuleScope[]): void {
  for (const sc of scopes) {
    const heading = config.sources
      .find((s) => s.id === sc.source)
      ?.headings.find((h) => h.heading === sc.heading);
    if (!heading) throw new Error(`cross-listing scope: ${sc.source} has no heading "${sc.heading}"`);
    if (heading.leaf === 'out-of-scope' || heading.leaf === 'skip')
      throw new Error(`cross-listing scope: ${sc.source} "${sc.heading}" does not map to a leaf`);
  }
}

/** Check that every rule is scoped to an ambiguous heading that exists; a stale rule is a bug. */
export function checkRules(config: SourcesConfig, rules: readonly TitleRule[]): void {
  for (const rule of rules)
    for (const sc of rule.scope) {
      const src = config.sources.find((s) => s.id === sc.source);
      const heading = src?.headings.find((h) => h.heading === sc.heading);
      if (!heading) throw new Error(`rule "${rule.name}": ${sc.source} has no heading "${sc.heading}"`);
      if (heading.confidence !== 'ambiguous')
        throw new Error(`rule "${rule.name}": ${sc.source} "${sc.heading}" is not an ambiguous heading`);
    }
}

const example = (e: RawEntry): Example => ({
  source: e.source,
  file: e.file,
  line: e.line,
  heading: e.rule?.heading ?? e.heading[e.heading.length - 1] ?? '',
  title: e.title,
});

/**
 * Import every source file. `files` maps a file name of data/sources.json to its text; a missing file is an
 * error. `scopes` are the data-selection sections of the cross-listing rule. Deterministic: the same inputs give
 * the same records in the same order.
 */
export function importDataset(
  config: SourcesConfig,
  files: ReadonlyMap<string, string>,
  rules: readonly TitleRule[] = TITLE_RULES,
  scopes: readonly RuleScope[] = DATA_SELECTION_SCOPES,
): ImportResult {
  checkRules(config, rules);
  checkScopes(config, scopes);
  const missing = config.sources.flatMap((s) => s.files.filter((f) => !files.has(f)));
  if (missing.length > 0) throw new Error(`missing source files: ${missing.join(', ')}`);

  const classified: { entry: RawEntry; disposition: Disposition }[] = [];
  const fileCounts = new Map<SourceId, FileCounts>();
  for (const source of config.sources)
    for (const file of source.files) {
      const { entries, counts } = readEntries(
        source,
        file,
        files.get(file) as string,
        config.keywordOverrides,
        config.errata,
      );
      const prev = fileCounts.get(source.id) ?? { items: 0, notEntries: 0 };
      fileCounts.set(source.id, {
        items: prev.items + counts.items,
        notEntries: prev.notEntries + counts.notEntries,
      });
      for (const entry of entries) classified.push({ entry, disposition: classify(entry, rules) });
    }

  const inputs = classified.filter(
    (c): c is MergeInput => c.disposition.kind === 'admitted' || c.disposition.kind === 'negative',
  );
  const merged = mergeEntries(inputs, {
    priority: config.priority,
    sourceOrder: config.sources.map((s) => s.id),
    survey: config.survey,
    dataSelectionScopes: scopes,
  });

  const leafCounts = Object.fromEntries(LEAF_IDS.map((l) => [l, 0])) as Record<LeafId, number>;
  for (const p of merged.papers) for (const l of p.leaves) leafCounts[l]++;

  const sources: SourceStats[] = config.sources.map((s) => {
    const mine = classified.filter((c) => c.entry.source === s.id);
    const count = (k: Disposition['kind']) => mine.filter((c) => c.disposition.kind === k).length;
    const counts = fileCounts.get(s.id) ?? { items: 0, notEntries: 0 };
    return {
      id: s.id,
      files: s.files.length,
      items: counts.items,
      notEntries: counts.notEntries,
      entries: mine.length,
      admitted: count('admitted'),
      admittedByRule: mine.filter(
        (c) => c.disposition.kind === 'admitted' && c.disposition.confidence === 'rule',
      ).length,
      negatives: count('negative'),
      ambiguous: count('ambiguous'),
      skipped: count('skipped'),
      unmapped: count('unmapped'),
      noPaperLink: count('no-paper-link'),
      paperRecords: merged.papers.filter((p) => p.provenance.some((pr) => pr.source === s.id)).length,
      negativeRecords: merged.negatives.filter((p) => p.provenance.some((pr) => pr.source === s.id)).length,
    };
  });

  const ruleReport = rules.map((r) => {
    const hits = classified.filter((c) => c.disposition.kind === 'admitted' && c.disposition.rule === r.name);
    return {
      name: r.name,
      why: r.why,
      leaves: r.leaves,
      count: hits.length,
      examples: [...new Set(hits.map((h) => h.entry.title))].slice(0, 4),
    };
  });

  const ambiguousBy = new Map<string, { source: SourceId; heading: string; titles: string[] }>();
  for (const c of classified)
    if (c.disposition.kind === 'ambiguous') {
      const heading = c.entry.rule?.heading ?? '';
      const key = `${c.entry.source}\u0000${heading}`;
      const slot = ambiguousBy.get(key) ?? { source: c.entry.source, heading, titles: [] };
      slot.titles.push(c.entry.title);
      ambiguousBy.set(key, slot);
    }

  return {
    papers: merged.papers,
    negatives: merged.negatives,
    report: {
      sources,
      leafCounts,
      rules: ruleReport,
      errata: config.errata.map((e) => ({
        erratum: e,
        matched: classified.filter((c) => c.entry.erratum === e).length,
      })),
      ambiguous: [...ambiguousBy.values()].map((a) => ({
        source: a.source,
        heading: a.heading,
        count: a.titles.length,
        examples: a.titles.slice(0, 3),
      })),
      noPaperLink: classified
        .filter((c) => c.disposition.kind === 'no-paper-link')
        .map((c) => example(c.entry)),
      unmapped: classified.filter((c) => c.disposition.kind === 'unmapped').map((c) => example(c.entry)),
      multipleIds: classified
        .filter(
          (c) =>
            c.entry.arxivIds.length > 1 &&
            (c.disposition.kind === 'admitted' || c.disposition.kind === 'negative'),
        )
        .map((c) => ({ ...example(c.entry), ids: c.entry.arxivIds })),
      repairedUrls: classified.flatMap((c) =>
        c.entry.repairedUrls.map((url) => ({ source: c.entry.source, line: c.entry.line, url })),
      ),
      mergedByTitle: merged.mergedByTitle,
      fuzzyMerged: merged.fuzzyMerged,
      fuzzyRefused: merged.fuzzyRefused,
      nearDuplicates: merged.nearDuplicates,
      crossListed: merged.crossListed,
      dropped: merged.dropped,
      titleConflicts: merged.titleConflicts,
      venueConflicts: merged.venueConflicts,
    },
  };
}

/** The bytes of data/papers.json / data/negatives.json: 2-space JSON, LF, trailing newline. */
export function serializeRecords(records: readonly PaperRecord[]): string {
  return `${JSON.stringify(records, null, 2)}\n`;
}
