/**
 * Merge classified entries into PaperRecords: one record per arXiv id (version stripped); papers without an arXiv
 * id are keyed by OpenReview id, ACL Anthology id or normalised URL, and folded into an arXiv record when they
 * share a normalised title with it (ZeRO: AIoT links the SC'20 proceedings, tiingweii the arXiv page).
 */
import type { PaperRecord, Provenance, SourceId } from '../dataset/schema';
import { type LeafId, sortLeaves } from '../taxonomy';
import { normalizeTitle } from '../text/title';
import type { Disposition } from './classify';
import type { RawEntry } from './entries';
import { arxivIdDate, normalizeUrl, storedUrl } from './ids';
import { chooseTitle, chooseValue, cleanTitle, titleKey } from './titles';

/** An entry that takes part in the merge (admitted or negative). */
export interface MergeInput {
  entry: RawEntry;
  disposition: Extract<Disposition, { kind: 'admitted' } | { kind: 'negative' }>;
}

export interface MergeOptions {
  priority: readonly SourceId[];
  /** Order of sources for sorting provenance. */
  sourceOrder: readonly SourceId[];
  survey: { arxivId: string; title: string; venue: string | null };
}

/** A record that could not be kept, and why. */
export interface DroppedRecord {
  id: string;
  title: string;
  reason: string;
  entries: number;
}

export interface Conflict {
  id: string;
  chosen: string | null;
  others: string[];
}

export interface MergeResult {
  papers: PaperRecord[];
  negatives: PaperRecord[];
  /** Non-arXiv entries merged into an arXiv record by title. */
  mergedByTitle: { id: string; title: string; from: string }[];
  dropped: DroppedRecord[];
  titleConflicts: Conflict[];
  venueConflicts: Conflict[];
}

interface Group {
  key: string;
  arxivId: string | null;
  members: MergeInput[];
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

class UnionFind {
  private readonly parent: number[];
  constructor(n: number) {
    this.parent = Array.from({ length: n }, (_, i) => i);
  }
  find(i: number): number {
    let r = i;
    while (this.parent[r] !== r) r = this.parent[r] as number;
    let j = i;
    while (this.parent[j] !== r) {
      const next = this.parent[j] as number;
      this.parent[j] = r;
      j = next;
    }
    return r;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
}

const norm = (m: MergeInput) => titleKey(cleanTitle(m.entry.title));

/** Group entries: by arXiv id, then non-arXiv entries into arXiv groups by title, then among themselves. */
function groupEntries(
  inputs: readonly MergeInput[],
  priority: readonly SourceId[],
): { groups: Group[]; mergedByTitle: MergeResult['mergedByTitle'] } {
  const byArxiv = new Map<string, MergeInput[]>();
  const rest: MergeInput[] = [];
  for (const m of inputs) {
    if (m.entry.arxivId) byArxiv.set(m.entry.arxivId, [...(byArxiv.get(m.entry.arxivId) ?? []), m]);
    else rest.push(m);
  }
  const titleIndex = new Map<string, Set<string>>();
  for (const [id, members] of byArxiv)
    for (const m of members) {
      const n = norm(m);
      if (!n) continue;
      titleIndex.set(n, (titleIndex.get(n) ?? new Set()).add(id));
    }
  const mergedByTitle: MergeResult['mergedByTitle'] = [];
  const unmatched: MergeInput[] = [];
  for (const m of rest) {
    const ids = titleIndex.get(norm(m));
    // Only an unambiguous title match merges: a title shared by two arXiv ids says nothing about which one.
    if (ids && ids.size === 1) {
      const id = [...ids][0] as string;
      byArxiv.get(id)?.push(m);
      mergedByTitle.push({
        id: `arxiv:${id}`,
        title: m.entry.title,
        from: `${m.entry.source}:${m.entry.line}`,
      });
    } else unmatched.push(m);
  }
  // Non-arXiv entries: the same OpenReview id, ACL id, paper URL or title means the same paper.
  const uf = new UnionFind(unmatched.length);
  const seen = new Map<string, number>();
  unmatched.forEach((m, i) => {
    const keys = [
      m.entry.openreviewId && `or:${m.entry.openreviewId}`,
      m.entry.aclId && `acl:${m.entry.aclId.toLowerCase()}`,
      m.entry.paperUrlKey && `url:${m.entry.paperUrlKey}`,
      norm(m) && `t:${norm(m)}`,
    ].filter((k): k is string => Boolean(k));
    for (const k of keys) {
      const j = seen.get(k);
      if (j === undefined) seen.set(k, i);
      else uf.union(i, j);
    }
  });
  const clusters = new Map<number, MergeInput[]>();
  unmatched.forEach((m, i) => {
    const r = uf.find(i);
    clusters.set(r, [...(clusters.get(r) ?? []), m]);
  });
  const groups: Group[] = [...byArxiv].map(([id, members]) => ({ key: `arxiv:${id}`, arxivId: id, members }));
  for (const members of clusters.values()) {
    const pick = (f: (m: MergeInput) => string | null) =>
      chooseValue(
        members.flatMap((m) => {
          const v = f(m);
          return v ? [{ value: v, source: m.entry.source }] : [];
        }),
        priority,
      );
    const or = pick((m) => m.entry.openreviewId);
    const acl = pick((m) => m.entry.aclId);
    const url = pick((m) => m.entry.paperUrlKey);
    const key = or ? `openreview:${or}` : acl ? `acl:${acl}` : url ? `url:${url}` : null;
    if (key) groups.push({ key, arxivId: null, members });
  }
  return { groups, mergedByTitle };
}

function uniqueSortedLinks(urls: readonly string[]): string[] {
  const byKey = new Map<string, string>();
  for (const raw of urls) {
    const href = storedUrl(raw);
    if (!href) continue;
    const key = normalizeUrl(href) ?? href;
    const prev = byKey.get(key);
    if (prev === undefined || cmp(href, prev) < 0) byKey.set(key, href);
  }
  return [...byKey.values()].sort(cmp);
}

function provenanceOf(m: MergeInput): Provenance[] {
  const base = {
    source: m.entry.source,
    file: m.entry.file,
    heading: [...m.entry.heading],
    line: m.entry.line,
  };
  if (m.disposition.kind === 'negative')
    return [{ ...base, leaf: null, confidence: null, title: m.entry.title }];
  const d = m.disposition;
  return d.leaves.map((leaf) => ({
    ...base,
    leaf,
    confidence: d.confidence,
    ...(d.rule ? { rule: d.rule } : {}),
    title: m.entry.title,
  }));
}

function buildRecord(group: Group, opts: MergeOptions, isSurvey: boolean) {
  const members = group.members;
  const votes = members.map((m) => ({ source: m.entry.source, title: cleanTitle(m.entry.title) }));
  if (isSurvey) votes.push({ source: 'curated', title: opts.survey.title });
  const { title, variants } = chooseTitle(votes, opts.priority);
  const venueVotes = members.flatMap((m) =>
    m.entry.venue ? [{ value: m.entry.venue, source: m.entry.source }] : [],
  );
  const venue = isSurvey ? opts.survey.venue : chooseValue(venueVotes, opts.priority);
  const year = group.arxivId
    ? (arxivIdDate(group.arxivId)?.year ?? null)
    : chooseValue(
        members.flatMap((m) => (m.entry.year ? [{ value: m.entry.year, source: m.entry.source }] : [])),
        opts.priority,
      );
  const openreviewId = chooseValue(
    members.flatMap((m) =>
      m.entry.openreviewId ? [{ value: m.entry.openreviewId, source: m.entry.source }] : [],
    ),
    opts.priority,
  );
  const leaves: LeafId[] = isSurvey
    ? []
    : sortLeaves(members.flatMap((m) => (m.disposition.kind === 'admitted' ? m.disposition.leaves : [])));
  const sourceRank = (s: SourceId) => {
    const i = opts.sourceOrder.indexOf(s);
    return i < 0 ? opts.sourceOrder.length : i;
  };
  const provenance = members
    .flatMap(provenanceOf)
    .sort(
      (a, b) =>
        sourceRank(a.source) - sourceRank(b.source) ||
        cmp(a.file, b.file) ||
        a.line - b.line ||
        cmp(a.leaf ?? '', b.leaf ?? ''),
    );
  const record: PaperRecord = {
    id: group.key,
    arxivId: group.arxivId,
    openreviewId,
    title,
    normTitle: normalizeTitle(title),
    year,
    venue,
    links: {
      code: uniqueSortedLinks(members.flatMap((m) => m.entry.code)),
      openreview: openreviewId ? `https://openreview.net/forum?id=${openreviewId}` : null,
      other: uniqueSortedLinks(members.flatMap((m) => m.entry.other)),
    },
    leaves,
    isSurvey,
    titleVariants: variants,
    provenance,
  };
  const distinctVenues = [...new Set(venueVotes.map((v) => v.value))].sort(cmp);
  return {
    record,
    venueConflict:
      distinctVenues.length > 1
        ? { id: group.key, chosen: venue, others: distinctVenues.filter((v) => v !== venue) }
        : null,
  };
}

/** Sources that back a record, for resolving collisions. */
function support(r: PaperRecord): { curated: boolean; sources: number; paper: boolean } {
  return {
    curated: r.provenance.some((p) => p.source === 'curated'),
    sources: new Set(r.provenance.map((p) => p.source)).size,
    paper: r.leaves.length > 0 || r.isSurvey,
  };
}

/**
 * Merge entries into paper records and negatives. Records are sorted by id; no two records (papers or negatives)
 * share a normTitle: when two ids end up with the same title, the better-supported one is kept (curated, then
 * more sources, then a paper over a negative, then the smaller id) and the other is reported as dropped.
 */
export function mergeEntries(inputs: readonly MergeInput[], opts: MergeOptions): MergeResult {
  const { groups, mergedByTitle } = groupEntries(inputs, opts.priority);
  const built = groups.map((g) => {
    const isSurvey = g.arxivId === opts.survey.arxivId;
    const paper = isSurvey || g.members.some((m) => m.disposition.kind === 'admitted');
    return { ...buildRecord(g, opts, isSurvey), paper };
  });
  // The survey is always in the dataset, even when no list names it.
  if (!built.some((b) => b.record.isSurvey)) {
    const { survey } = opts;
    built.push({
      paper: true,
      venueConflict: null,
      record: {
        id: `arxiv:${survey.arxivId}`,
        arxivId: survey.arxivId,
        openreviewId: null,
        title: survey.title,
        normTitle: normalizeTitle(survey.title),
        year: arxivIdDate(survey.arxivId)?.year ?? null,
        venue: survey.venue,
        links: { code: [], openreview: null, other: [] },
        leaves: [],
        isSurvey: true,
        titleVariants: [],
        provenance: [
          {
            source: 'manual',
            file: 'data/sources.json',
            heading: ['survey'],
            line: 1,
            leaf: null,
            confidence: 'manual',
            title: survey.title,
          },
        ],
      },
    });
  }
  const dropped: DroppedRecord[] = [];
  // Compared without spaces, which is stricter than normTitle equality.
  const byNorm = new Map<string, (typeof built)[number][]>();
  for (const b of built) {
    const k = titleKey(b.record.title);
    byNorm.set(k, [...(byNorm.get(k) ?? []), b]);
  }
  const kept: typeof built = [];
  for (const list of byNorm.values()) {
    const ranked = [...list].sort((x, y) => {
      const sx = support(x.record);
      const sy = support(y.record);
      return (
        Number(sy.curated) - Number(sx.curated) ||
        Number(y.record.isSurvey) - Number(x.record.isSurvey) ||
        sy.sources - sx.sources ||
        Number(sy.paper) - Number(sx.paper) ||
        cmp(x.record.id, y.record.id)
      );
    });
    const [winner, ...losers] = ranked;
    if (winner) kept.push(winner);
    for (const l of losers)
      dropped.push({
        id: l.record.id,
        title: l.record.title,
        reason: `same title as ${winner?.record.id} (conflicting ids; kept the better-supported one)`,
        entries: l.record.provenance.length,
      });
  }
  kept.sort((a, b) => cmp(a.record.id, b.record.id));
  return {
    papers: kept.filter((b) => b.paper).map((b) => b.record),
    negatives: kept.filter((b) => !b.paper).map((b) => b.record),
    mergedByTitle: mergedByTitle.sort((a, b) => cmp(a.id, b.id) || cmp(a.from, b.from)),
    dropped: dropped.sort((a, b) => cmp(a.id, b.id)),
    titleConflicts: kept
      .filter((b) => b.record.titleVariants.length > 0)
      .map((b) => ({ id: b.record.id, chosen: b.record.title, others: b.record.titleVariants })),
    venueConflicts: kept.flatMap((b) => (b.venueConflict ? [b.venueConflict] : [])),
  };
}
