/**
 * From a source file to classified entries: walk the markdown (shared walker), read each item with the source's
 * extractor, resolve its heading against data/sources.json, find its paper ids and apply the errata.
 */
import type { SourceId } from '../dataset/schema';
import { normalizeTitle } from '../text/title';
import type { Erratum, HeadingRule, KeywordOverride, SourceConfig } from './config';
import { type EntryLink, EXTRACTORS } from './extract';
import {
  aclFromUrl,
  arxivFromUrl,
  arxivFromUrlLenient,
  isCodeUrl,
  isNoiseUrl,
  isPaperUrl,
  normalizeUrl,
  openreviewFromUrl,
} from './ids';
import { walkItems } from './markdown';
import { normalizeVenue, venueFromAclId } from './venue';

/** One paper entry of one source file, with everything the merge step needs. */
export interface RawEntry {
  source: Exclude<SourceId, 'manual'>;
  file: string;
  line: number;
  heading: string[];
  /** Title as written (markdown stripped). */
  title: string;
  /** Primary arXiv id (after errata), or null. */
  arxivId: string | null;
  /** All distinct arXiv ids the entry links to (before errata), primary first. */
  arxivIds: string[];
  openreviewId: string | null;
  aclId: string | null;
  /** Normalised URL of the entry's main paper link, for "url:" ids of papers with no other id. */
  paperUrlKey: string | null;
  code: string[];
  other: string[];
  venueText: string | null;
  venue: string | null;
  year: number | null;
  keywords: string | null;
  /** The heading rule the entry falls under (deepest listed heading), or null when none applies. */
  rule: HeadingRule | null;
  /** A keyword override that re-maps this row (tiingweii MoE rows), if any. */
  override: KeywordOverride | null;
  /** The erratum applied to this entry, if any. */
  erratum: Erratum | null;
  /** True when the entry links to something that is a paper (arXiv, OpenReview, ACL, publisher, PDF). */
  hasPaperLink: boolean;
  /** arXiv links whose id had junk glued to it and was recovered (reported in DATASET.md). */
  repairedUrls: string[];
}

/** Items of a file that did not become entries, by reason. */
export interface FileCounts {
  /** List items / table rows walked. */
  items: number;
  /** Items that are not paper entries (TOC lines, metrics rows, items with no external link). */
  notEntries: number;
}

/** The deepest heading of `path` that the source maps, with its rule. Unlisted headings inherit from ancestors. */
export function resolveHeading(rules: readonly HeadingRule[], path: readonly string[]): HeadingRule | null {
  for (let i = path.length - 1; i >= 0; i--) {
    const rule = rules.find((r) => r.heading === path[i]);
    if (rule) return rule;
  }
  return null;
}

function sameCell(a: string | null, b: string): boolean {
  return (
    a !== null && a.replace(/\s+/g, ' ').trim().toLowerCase() === b.replace(/\s+/g, ' ').trim().toLowerCase()
  );
}

function classifyLinks(links: readonly EntryLink[], paperUrl: string | null) {
  const arxiv: string[] = [];
  const repaired: string[] = [];
  const primary = paperUrl ? arxivFromUrlLenient(paperUrl)?.id : undefined;
  if (primary) arxiv.push(primary);
  let openreviewId: string | null = null;
  let aclId: string | null = null;
  const code: string[] = [];
  const other: string[] = [];
  for (const { url } of links) {
    if (isNoiseUrl(url)) continue;
    const ax = arxivFromUrlLenient(url);
    if (ax) {
      if (!arxivFromUrl(url) && !repaired.includes(url)) repaired.push(url);
      if (!arxiv.includes(ax.id)) arxiv.push(ax.id);
      continue;
    }
    const or = openreviewFromUrl(url);
    if (or) {
      openreviewId ??= or;
      continue;
    }
    aclId ??= aclFromUrl(url);
    if (isCodeUrl(url)) code.push(url);
    else other.push(url);
  }
  const paperKeyUrl =
    (paperUrl && isPaperUrl(paperUrl) ? paperUrl : null) ?? links.find((l) => isPaperUrl(l.url))?.url;
  return {
    arxiv,
    openreviewId,
    aclId,
    code,
    other,
    paperUrlKey: paperKeyUrl ? normalizeUrl(paperKeyUrl) : null,
    hasPaperLink: links.some((l) => isPaperUrl(l.url)),
    repaired,
  };
}

function findErratum(
  errata: readonly Erratum[],
  source: SourceId,
  ids: readonly string[],
  title: string,
): Erratum | null {
  const norm = normalizeTitle(title);
  return (
    errata.find((e) => e.source === source && ids.includes(e.wrongId) && normalizeTitle(e.title) === norm) ??
    null
  );
}

/**
 * Read one source file into entries. Pure: `markdown` is the file's text. Also returns counts of walked items
 * that were not paper entries.
 */
export function readEntries(
  source: SourceConfig,
  file: string,
  markdown: string,
  overrides: readonly KeywordOverride[],
  errata: readonly Erratum[],
): { entries: RawEntry[]; counts: FileCounts } {
  const extract = EXTRACTORS[source.id];
  const items = walkItems(markdown);
  const entries: RawEntry[] = [];
  let notEntries = 0;
  for (const item of items) {
    const x = extract(item);
    if (!x) {
      notEntries++;
      continue;
    }
    const rule = resolveHeading(source.headings, item.headings);
    const override =
      overrides.find(
        (o) => o.source === source.id && rule?.heading === o.heading && sameCell(x.keywords, o.equals),
      ) ?? null;
    const links = classifyLinks(x.links, x.paperUrl);
    const erratum = findErratum(errata, source.id, links.arxiv, x.title);
    const arxivIds = links.arxiv;
    // The errata fix the entry's paper id; any other arXiv link it carries is left alone.
    const arxivId = erratum ? erratum.correctId : (arxivIds[0] ?? null);
    const venue = normalizeVenue(x.venueText);
    entries.push({
      source: source.id,
      file,
      line: item.line,
      heading: item.headings,
      title: x.title,
      arxivId,
      arxivIds,
      openreviewId: links.openreviewId,
      aclId: links.aclId,
      paperUrlKey: links.paperUrlKey,
      code: links.code,
      other: links.other,
      venueText: x.venueText,
      venue: venue.venue ?? (links.aclId ? venueFromAclId(links.aclId) : null),
      year: x.year ?? venue.year,
      keywords: x.keywords,
      rule,
      override,
      erratum,
      hasPaperLink: links.hasPaperLink || arxivId !== null,
      repairedUrls: links.repaired,
    });
  }
  return { entries, counts: { items: items.length, notEntries } };
}
