/**
 * Merge classified entries into PaperRecords: one record per arXiv id (version stripped); papers without an arXiv
 * id are keyed by OpenReview id, ACL Anthology id or normalised URL, and folded into an arXiv record when they
 * share a normalised title with it (ZeRO: AIoT links the SC'20 proceedings, tiingweii the arXiv page), or when
 * their titles match fuzzily (fuzzy-merge.ts: GPTQ's OpenReview title, AWQ's venue title). Two arXiv records are
 * never merged. The cross-listing rule (cross-listing.ts) then drops data-selection citations of general methods.
 */
import type { PaperRecord, Provenance, SourceId } from '../dataset/schema';
import { type LeafId, sortLeaves } from '../taxonomy';
import { normalizeTitle } from '../text/title';
import type { Disposition } from './classify';
import {
  CROSS_LISTING_RULE,
  type CrossListedDrop,
  crossListedDrops,
  DATA_SELECTION_SCOPES,
} from './cross-listing';
import type { RawEntry } from './entries';
import { ArxivTitleMatcher, type FuzzyHow, type NearDuplicate, type TitledGroup } from './fuzzy-merge';
import { arxivIdDate, normalizeUrl, storedUrl } from './ids';
import type { RuleScope } from './rules';
import {
  chooseTitle,
  chooseValue,
  cleanTitle,
  type TitleVocabulary,
  titleKey,
  titleVocabulary,
} from './titles';
import { chooseVenue } from './venue';

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
  /** Sections of the cross-listing rule; DATA_SELECTION_SCOPES unless given. */
  dataSelectionScopes?: readonly RuleScope[];
}

/** A record without an arXiv id folded into an arXiv record because the titles match fuzzily. */
export interface FuzzyMerge {
  /** The arXiv record ("arxiv:2210.17323"). */
  id: string;
  /** The id the other record would have had ("openreview:tcbBPnfwxS"). */
  from: string;
  how: FuzzyHow;
  score: number;
  /** The matching titles: the merged record's and the arXiv record's. */
  title: string;
  targetTitle: string;
}

/** A leaf assignment dropped by the cross-listing rule. */
export interface CrossListed {
  id: string;
  title: string;
  source: SourceId;
  line: number;
  heading: string;
  leaf: LeafId;
  /** Leaves the paper keeps, with the sources that give them. */
  keptFrom: { leaf: LeafId; source: SourceId }[];
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
  /** Records without an arXiv id merged into an arXiv record by fuzzy title match. */
  fuzzyMerged: FuzzyMerge[];
  /** Fuzzy matches not merged because the two records carry different OpenReview or ACL ids. */
  fuzzyRefused: FuzzyMerge[];
  /** Pairs of arXiv records whose titles match fuzzily: not merged; one id is probably wrong. */
  nearDuplicates: NearDuplicate[];
  /** Leaf assignments dropped by the cross-listing rule. */
  crossListed: CrossListed[];
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
): Pick<MergeResult, 'mergedByTitle' | 'fuzzyMerged' | 'fuzzyRefused' | 'nearDuplicates'> & {
  groups: Group[];
} {
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
  const arxivGroups: Group[] = [...byArxiv].map(([id, members]) => ({
    key: `arxiv:${id}`,
    arxivId: id,
    members,
  }));
  const otherGroups: Group[] = [];
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
    if (key) otherGroups.push({ key, arxivId: null, members });
  }
  return { ...foldFuzzy(arxivGroups, otherGroups), mergedByTitle };
}

const titled = (g: Group): TitledGroup => ({
  key: g.key,
  titles: g.members.map((m) => cleanTitle(m.entry.title)),
});

/** Ids of one kind that a group's entries carry. */
function idsOf(g: Group, f: (e: RawEntry) => string | null): Set<string> {
  return new Set(g.members.flatMap((m) => f(m.entry) ?? []));
}

/** Both groups name an id of this kind, and no id is shared: they are two different papers. */
function conflicting(a: Group, b: Group, f: (e: RawEntry) => string | null): boolean {
  const x = idsOf(a, f);
  const y = idsOf(b, f);
  return x.size > 0 && y.size > 0 && ![...x].some((id) => y.has(id));
}

/**
 * Fold groups without an arXiv id into the arXiv group their titles match fuzzily (ArxivTitleMatcher), unless
 * the two carry different OpenReview or ACL ids; report arXiv groups that match each other.
 */
function foldFuzzy(
  arxivGroups: Group[],
  otherGroups: readonly Group[],
): Pick<MergeResult, 'fuzzyMerged' | 'fuzzyRefused' | 'nearDuplicates'> & { groups: Group[] } {
  const matcher = new ArxivTitleMatcher(
    arxivGroups.map(titled),
    [...arxivGroups, ...otherGroups].map(titled),
  );
  const byKey = new Map(arxivGroups.map((g) => [g.key, g]));
  const fuzzyMerged: FuzzyMerge[] = [];
  const fuzzyRefused: FuzzyMerge[] = [];
  const kept: Group[] = [];
  // Matches are computed against the arXiv titles only, so the order of the groups does not matter.
  for (const g of otherGroups) {
    const m = matcher.match(titled(g));
    const target = m ? byKey.get(m.target) : undefined;
    if (!m || !target) {
      kept.push(g);
      continue;
    }
    const merge: FuzzyMerge = {
      id: target.key,
      from: g.key,
      how: m.how,
      score: m.score,
      title: m.title,
      targetTitle: m.targetTitle,
    };
    if (
      conflicting(g, target, (e) => e.openreviewId) ||
      conflicting(g, target, (e) => e.aclId?.toLowerCase() ?? null)
    ) {
      fuzzyRefused.push(merge);
      kept.push(g);
      continue;
    }
    target.members.push(...g.members);
    fuzzyMerged.push(merge);
  }
  return {
    groups: [...arxivGroups, ...kept],
    fuzzyMerged: fuzzyMerged.sort((a, b) => cmp(a.id, b.id) || cmp(a.from, b.from)),
    fuzzyRefused: fuzzyRefused.sort((a, b) => cmp(a.id, b.id) || cmp(a.from, b.from)),
    nearDuplicates: matcher.nearDuplicates(),
  };
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

function provenanceOf(m: MergeInput, droppedLeaves: readonly LeafId[] = []): Provenance[] {
  const base = {
    source: m.entry.source,
    file: m.entry.file,
    heading: [...m.entry.heading],
    line: m.entry.line,
  };
  if (m.disposition.kind === 'negative')
    return [{ ...base, leaf: null, confidence: null, title: m.entry.title }];
  const d = m.disposition;
  return d.leaves.map((leaf) =>
    droppedLeaves.includes(leaf)
      ? // The entry stays in the record's provenance, filed under nothing, with the rule that unfiled it.
        { ...base, leaf: null, confidence: null, rule: CROSS_LISTING_RULE, title: m.entry.title }
      : {
          ...base,
          leaf,
          confidence: d.confidence,
          ...(d.rule ? { rule: d.rule } : {}),
          title: m.entry.title,
        },
  );
}

/** Leaves of an admitted entry that survive the cross-listing rule. */
function keptLeaves(m: MergeInput, drops: ReadonlyMap<MergeInput, readonly LeafId[]>): LeafId[] {
  if (m.disposition.kind !== 'admitted') return [];
  const dropped = drops.get(m) ?? [];
  return m.disposition.leaves.filter((l) => !dropped.includes(l));
}

function buildRecord(
  group: Group,
  opts: MergeOptions,
  isSurvey: boolean,
  vocabulary: TitleVocabulary,
  drops: ReadonlyMap<MergeInput, readonly LeafId[]>,
) {
  const members = group.members;
  const votes = members.map((m) => ({
    source: m.entry.source,
    title: cleanTitle(m.entry.title),
    linked: group.arxivId !== null && m.entry.arxivId === group.arxivId,
  }));
  if (isSurvey) votes.push({ source: 'curated', title: opts.survey.title, linked: true });
  const { title, variants } = chooseTitle(votes, opts.priority, { vocabulary });
  const venueVotes = members.flatMap((m) =>
    m.entry.venue ? [{ value: m.entry.venue, source: m.entry.source }] : [],
  );
  const venue = isSurvey ? opts.survey.venue : chooseVenue(venueVotes, opts.priority);
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
  const leaves: LeafId[] = isSurvey ? [] : sortLeaves(members.flatMap((m) => keptLeaves(m, drops)));
  const sourceRank = (s: SourceId) => {
    const i = opts.sourceOrder.indexOf(s);
    return i < 0 ? opts.sourceOrder.length : i;
  };
  const provenance = members
    .flatMap((m) => provenanceOf(m, drops.get(m)))
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
  const { groups, mergedByTitle, fuzzyMerged, fuzzyRefused, nearDuplicates } = groupEntries(
    inputs,
    opts.priority,
  );
  const vocabulary = titleVocabulary(groups.map((g) => g.members.map((m) => cleanTitle(m.entry.title))));
  const scopes = opts.dataSelectionScopes ?? DATA_SELECTION_SCOPES;
  const crossListedBy = new Map<string, CrossListedDrop[]>();
  const built = groups.map((g) => {
    const isSurvey = g.arxivId === opts.survey.arxivId;
    const paper = isSurvey || g.members.some((m) => m.disposition.kind === 'admitted');
    const found = isSurvey ? [] : crossListedDrops(g.members, scopes);
    if (found.length > 0) crossListedBy.set(g.key, found);
    const drops = new Map(found.map((d) => [d.member, d.dropped]));
    return { ...buildRecord(g, opts, isSurvey, vocabulary, drops), paper };
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
  const crossListed: CrossListed[] = kept.flatMap(({ record }) =>
    (crossListedBy.get(record.id) ?? []).flatMap((d) =>
      d.dropped.map((leaf) => ({
        id: record.id,
        title: record.title,
        source: d.member.entry.source,
        line: d.member.entry.line,
        heading: d.member.entry.rule?.heading ?? '',
        leaf,
        keptFrom: d.keptFrom,
      })),
    ),
  );
  return {
    papers: kept.filter((b) => b.paper).map((b) => b.record),
    negatives: kept.filter((b) => !b.paper).map((b) => b.record),
    mergedByTitle: mergedByTitle.sort((a, b) => cmp(a.id, b.id) || cmp(a.from, b.from)),
    fuzzyMerged,
    fuzzyRefused,
    nearDuplicates,
    crossListed,
    dropped: dropped.sort((a, b) => cmp(a.id, b.id)),
    titleConflicts: kept
      .filter((b) => b.record.titleVariants.length > 0)
      .map((b) => ({ id: b.record.id, chosen: b.record.title, others: b.record.titleVariants })),
    venueConflicts: kept.flatMap((b) => (b.venueConflict ? [b.venueConflict] : [])),
  };
}
