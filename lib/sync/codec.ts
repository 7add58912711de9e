import { LibraryItem, type Tombstone } from '../db/schema';
import { arxivAbsUrl, isArxivId, isOpenReviewId, openReviewForumUrl } from '../paper-id';
import {
  CHROME_SYNC_LIMITS,
  entryBytes,
  OMITTED,
  STATUS_CODES,
  SYNC_FORMAT,
  SYNC_MANIFEST_KEY,
  type SyncLimits,
  SyncManifest,
  SyncRecord,
  SyncTombstone,
  shardKey,
  shardNumber,
  syncBytes,
} from './format';

/**
 * encodeForSync / decodeFromSync: the library ⇄ storage.sync entries (pure; see format.ts for the format).
 *
 * When everything does not fit, the most recently updated items win: the encoder tries three tiers for the
 * whole library (full → compact → minimal) and takes the first where every item fits; if none does, it
 * keeps the minimal records of the newest items that fit and says so (overQuota, itemsSynced < total).
 */

/** How much each tier carries. Authors, year and leaves can be recovered from the catalog; notes cannot. */
interface Tier {
  name: 'full' | 'compact' | 'minimal';
  /** Note cut to this many bytes (syncBytes); null = no note. */
  noteBytes: number | null;
  /** Authors (if short enough), year and leaves. */
  details: boolean;
}
const TIERS: readonly Tier[] = [
  { name: 'full', noteBytes: 1_000, details: true },
  { name: 'compact', noteBytes: 200, details: false },
  { name: 'minimal', noteBytes: null, details: false },
];
/** Longest title carried (characters). */
export const SYNC_TITLE_CHARS = 200;
/** Tags are carried in order until their JSON reaches this many bytes. */
const TAG_BYTES = 600;
/** Authors are carried only when their JSON is at most this long (a list cut short would be wrong). */
const AUTHOR_BYTES = 600;
/** Share of the usable bytes that tombstones may take (newest first). */
const TOMBSTONE_SHARE = 0.1;

/** Cut a string to `maxChars` UTF-16 units without splitting a surrogate pair. */
function cutChars(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const end = /[\uD800-\uDBFF]/.test(text.charAt(maxChars - 1)) ? maxChars - 1 : maxChars;
  return text.slice(0, end);
}

/** Cut a string so that its JSON costs at most `maxBytes` (syncBytes), whole code points only. */
function cutBytes(text: string, maxBytes: number): string {
  if (syncBytes(JSON.stringify(text)) <= maxBytes) return text;
  let out = '';
  let used = 2;
  for (const point of text) {
    const cost = syncBytes(JSON.stringify(point)) - 2;
    if (used + cost > maxBytes) break;
    out += point;
    used += cost;
  }
  return out;
}

/** The page a paper's ids point to, which a record may then leave out. */
export function derivedUrl(arxivId: string | null, openreviewId: string | null): string | null {
  if (arxivId && isArxivId(arxivId)) return arxivAbsUrl(arxivId);
  if (openreviewId && isOpenReviewId(openreviewId)) return openReviewForumUrl(openreviewId);
  return null;
}

/** The id a key carries ("arxiv:<id>" → arXiv id …), which a record may then leave out. */
function keyId(key: string, prefix: 'arxiv:' | 'openreview:'): string | null {
  return key.startsWith(prefix) ? key.slice(prefix.length) : null;
}

/** The compact record of an item at a tier, fields in a fixed order (so equal items encode equally). */
export function encodeRecord(item: LibraryItem, tierName: Tier['name'] = 'full'): SyncRecord {
  const tier = TIERS.find((t) => t.name === tierName) ?? TIERS[0]!;
  const record: Record<string, unknown> = { k: item.key };
  const title = cutChars(item.title, SYNC_TITLE_CHARS);
  record.t = title;
  if (title !== item.title) record.tt = 1;
  if (item.arxivId !== keyId(item.key, 'arxiv:')) record.a = item.arxivId;
  if (item.openreviewId !== keyId(item.key, 'openreview:')) record.o = item.openreviewId;
  if (item.catalogId !== null) record.c = item.catalogId === item.key ? 0 : item.catalogId;
  if (item.tags.length) {
    const tags: string[] = [];
    let used = 2;
    for (const tag of item.tags) {
      const cost = syncBytes(JSON.stringify(tag)) + (tags.length ? 1 : 0);
      if (used + cost > TAG_BYTES) break;
      tags.push(tag);
      used += cost;
    }
    if (tags.length) record.g = tags;
    if (tags.length < item.tags.length) record.gt = 1;
  }
  const status = STATUS_CODES.indexOf(item.status);
  if (status > 0) record.s = status;
  const omitted: string[] = [];
  if (tier.noteBytes === null) {
    if (item.note) omitted.push(OMITTED.note);
  } else if (item.note) {
    const note = cutBytes(item.note, tier.noteBytes);
    record.n = note;
    if (note !== item.note) record.nt = 1;
  }
  if (item.savedAt !== item.updatedAt) record.sa = item.savedAt;
  record.u = item.updatedAt;
  if (tier.details) {
    if (syncBytes(JSON.stringify(item.authors)) <= AUTHOR_BYTES) {
      if (item.authors.length) record.au = item.authors;
    } else {
      omitted.push(OMITTED.authors);
    }
    if (item.year !== null) record.y = item.year;
    if (item.leaves.length) record.l = item.leaves;
  } else {
    omitted.push(OMITTED.authors, OMITTED.year, OMITTED.leaves);
  }
  if (item.url !== derivedUrl(item.arxivId, item.openreviewId)) record.r = item.url;
  if (omitted.length) record.x = omitted.sort().join('');
  return record as SyncRecord;
}

/** What encodeForSync produced. */
export interface SyncEncoding {
  /** Every `lib:*` key to store (the manifest and the shards); any other `lib:*` key is stale. */
  entries: Record<string, unknown>;
  /** Items carried: the newest `itemsSynced` by updatedAt. */
  itemsSynced: number;
  /** True when some items did not fit. */
  overQuota: boolean;
  tombstonesSynced: number;
  /** Bytes of `entries` as the quota counts them. */
  bytes: number;
  tier: Tier['name'];
}

/**
 * Fill shards greedily in order; stop at the first record that does not fit in the budget (the rest are
 * older), skipping only a record that could not fit in any shard.
 */
function pack(
  records: readonly unknown[],
  firstShard: number,
  budget: { bytes: number; shards: number; perItem: number },
): { shards: unknown[][]; packed: number; bytes: number } {
  const shards: unknown[][] = [];
  let bytes = 0;
  let currentSize = 0;
  let packed = 0;
  for (const record of records) {
    const size = syncBytes(JSON.stringify(record));
    const current = shards[shards.length - 1];
    if (current && currentSize + 1 + size <= budget.perItem) {
      if (bytes + 1 + size > budget.bytes) break;
      current.push(record);
      currentSize += 1 + size;
      bytes += 1 + size;
    } else {
      const opened = syncBytes(shardKey(firstShard + shards.length)) + 2 + size;
      // A record too big for any shard (a huge non-ASCII key and url) is skipped, not a reason to stop.
      if (opened > budget.perItem) continue;
      if (bytes + opened > budget.bytes || shards.length + 1 > budget.shards) break;
      shards.push([record]);
      currentSize = opened;
      bytes += opened;
    }
    packed++;
  }
  return { shards, packed, bytes };
}

const newestItemsFirst = (a: LibraryItem, b: LibraryItem) =>
  b.updatedAt - a.updatedAt || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
const newestTombstonesFirst = (a: Tombstone, b: Tombstone) =>
  b.deletedAt - a.deletedAt || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/**
 * Encode the library for storage.sync within `limits`: tombstones (newest first, at most a tenth of the
 * space), then the items, newest first, at the richest tier where all of them fit. Deterministic: the same
 * library always gives the same entries, so a browser can tell whether storage.sync is already up to date.
 */
export function encodeForSync(
  items: readonly LibraryItem[],
  tombstones: readonly Tombstone[],
  limits: SyncLimits = CHROME_SYNC_LIMITS,
): SyncEncoding {
  const manifestReserve = entryBytes(SYNC_MANIFEST_KEY, { v: SYNC_FORMAT, n: 9_999, i: 1e9, t: 1e9, d: 1e9 });
  const usable = limits.quotaBytes - limits.reserveBytes - manifestReserve;
  const maxShards = limits.maxItems - limits.reserveItems - 1;
  const perItem = limits.quotaBytesPerItem;

  const live = new Set(items.map((item) => item.key));
  const deletions = tombstones
    .filter((t) => !live.has(t.key))
    .sort(newestTombstonesFirst)
    .map((t): SyncTombstone => ({ k: t.key, d: t.deletedAt }));
  const dead = pack(deletions, 0, {
    bytes: Math.floor(usable * TOMBSTONE_SHARE),
    shards: maxShards,
    perItem,
  });

  const sorted = [...items].sort(newestItemsFirst);
  const itemBudget = { bytes: usable - dead.bytes, shards: maxShards - dead.shards.length, perItem };
  let chosen: { tier: Tier['name']; packing: ReturnType<typeof pack> } | null = null;
  for (const tier of TIERS) {
    const packing = pack(
      sorted.map((item) => encodeRecord(item, tier.name)),
      dead.shards.length,
      itemBudget,
    );
    chosen = { tier: tier.name, packing };
    if (packing.packed === sorted.length) break;
  }
  const alive = chosen!.packing;

  const shards = [...dead.shards, ...alive.shards];
  const manifest: SyncManifest = {
    v: SYNC_FORMAT,
    n: shards.length,
    i: alive.packed,
    t: items.length,
    d: dead.packed,
  };
  const entries: Record<string, unknown> = { [SYNC_MANIFEST_KEY]: manifest };
  shards.forEach((shard, n) => {
    entries[shardKey(n)] = shard;
  });
  const bytes = Object.entries(entries).reduce((sum, [key, value]) => sum + entryBytes(key, value), 0);
  return {
    entries,
    itemsSynced: alive.packed,
    overQuota: alive.packed < items.length,
    tombstonesSynced: dead.packed,
    bytes,
    tier: chosen!.tier,
  };
}

/** Fields of LibraryItem a record may leave out for space (x). */
export type OmittedField = 'authors' | 'year' | 'leaves' | 'note';

/** A library item as read from storage.sync: what it carries, and what it left out or cut. */
export interface RemoteItem {
  key: string;
  updatedAt: number;
  /** The item with defaults in place of the omitted fields (valid LibraryItem). */
  item: LibraryItem;
  omitted: ReadonlySet<OmittedField>;
  truncated: { title: boolean; note: boolean; tags: boolean };
  /** The record's JSON, for a deterministic tie-break between records with the same updatedAt. */
  canonical: string;
}

/** What decodeFromSync read. */
export interface DecodedSync {
  manifest: SyncManifest | null;
  items: RemoteItem[];
  tombstones: Tombstone[];
  /** Keys, shards or records that could not be read (skipped), for the status line. */
  errors: string[];
  /** The data was written by a newer release: nothing was read, and nothing should be written over it. */
  newerFormat: boolean;
  /** No `lib:*` entry at all (sync never used, or cleared). */
  empty: boolean;
}

const OMITTED_BY_LETTER: Record<string, OmittedField> = {
  [OMITTED.authors]: 'authors',
  [OMITTED.year]: 'year',
  [OMITTED.leaves]: 'leaves',
  [OMITTED.note]: 'note',
};

function issues(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.map(String).join('.') || '(record)'}: ${issue.message}`)
    .join('; ');
}

/** A record to a RemoteItem, or why not. */
export function decodeRecord(raw: unknown): RemoteItem | string {
  const parsed = SyncRecord.safeParse(raw);
  if (!parsed.success) return issues(parsed.error);
  const r = parsed.data;
  const omitted = new Set([...(r.x ?? '')].map((letter) => OMITTED_BY_LETTER[letter]!));
  const arxivId = r.a !== undefined ? r.a : keyId(r.k, 'arxiv:');
  const openreviewId = r.o !== undefined ? r.o : keyId(r.k, 'openreview:');
  const url = r.r ?? derivedUrl(arxivId, openreviewId);
  if (url === null) return 'url: missing and not derivable from the ids';
  const candidate = {
    key: r.k,
    arxivId,
    openreviewId,
    catalogId: r.c === 0 ? r.k : (r.c ?? null),
    title: r.t,
    authors: r.au ?? [],
    year: r.y ?? null,
    leaves: r.l ?? [],
    url,
    savedAt: r.sa ?? r.u,
    updatedAt: r.u,
    tags: r.g ?? [],
    note: r.n ?? '',
    status: STATUS_CODES[r.s ?? 0],
  };
  const item = LibraryItem.safeParse(candidate);
  if (!item.success) return issues(item.error);
  return {
    key: r.k,
    updatedAt: r.u,
    item: item.data,
    omitted,
    truncated: { title: r.tt === 1, note: r.nt === 1, tags: r.gt === 1 },
    canonical: JSON.stringify(raw),
  };
}

/**
 * Read storage.sync entries (any object; other keys are ignored). Bad shards and records are skipped and
 * listed in `errors`; a key that appears twice keeps its newest record and its latest deletion.
 */
export function decodeFromSync(entries: Record<string, unknown>): DecodedSync {
  const errors: string[] = [];
  const result: DecodedSync = {
    manifest: null,
    items: [],
    tombstones: [],
    errors,
    newerFormat: false,
    empty: true,
  };
  const present = Object.keys(entries ?? {}).filter(
    (key) => key === SYNC_MANIFEST_KEY || shardNumber(key) !== null,
  );
  if (present.length === 0) return result;
  result.empty = false;

  let shardNumbers: number[];
  const rawManifest = entries[SYNC_MANIFEST_KEY];
  const manifest = SyncManifest.safeParse(rawManifest);
  if (rawManifest !== undefined && manifest.success) {
    if (manifest.data.v > SYNC_FORMAT) {
      result.newerFormat = true;
      errors.push(
        `written in sync format ${manifest.data.v} by a newer release; this one reads ${SYNC_FORMAT}`,
      );
      return result;
    }
    result.manifest = manifest.data;
    shardNumbers = Array.from({ length: manifest.data.n }, (_, n) => n);
  } else {
    if (rawManifest !== undefined) errors.push(`${SYNC_MANIFEST_KEY}: not a manifest`);
    else errors.push(`${SYNC_MANIFEST_KEY}: missing`);
    // Without a (valid) manifest, read every shard there is.
    shardNumbers = present
      .map(shardNumber)
      .filter((n): n is number => n !== null)
      .sort((a, b) => a - b);
  }

  const items = new Map<string, RemoteItem>();
  const tombstones = new Map<string, number>();
  for (const n of shardNumbers) {
    const key = shardKey(n);
    const shard = entries[key];
    if (!Array.isArray(shard)) {
      errors.push(`${key}: ${shard === undefined ? 'missing' : 'not a list'}`);
      continue;
    }
    shard.forEach((raw, i) => {
      if (raw && typeof raw === 'object' && 'd' in raw) {
        const tombstone = SyncTombstone.safeParse(raw);
        if (!tombstone.success) {
          errors.push(`${key}[${i}]: ${issues(tombstone.error)}`);
          return;
        }
        const { k, d } = tombstone.data;
        tombstones.set(k, Math.max(d, tombstones.get(k) ?? -Infinity));
        return;
      }
      const decoded = decodeRecord(raw);
      if (typeof decoded === 'string') {
        errors.push(`${key}[${i}]: ${decoded}`);
        return;
      }
      const previous = items.get(decoded.key);
      if (!previous || decoded.updatedAt > previous.updatedAt) items.set(decoded.key, decoded);
    });
  }
  result.items = [...items.values()];
  result.tombstones = [...tombstones].map(([key, deletedAt]) => ({ key, deletedAt }));
  return result;
}
