import { z } from 'zod';

/**
 * The storage.sync format of the library: compact records with short field names, packed into shards
 * `lib:0` … `lib:<n-1>` plus a manifest `lib:meta`, sized to Chrome's storage.sync quotas
 * (https://developer.chrome.com/docs/extensions/reference/api/storage#property-sync).
 *
 * A record says what it does not carry, so that a missing field is never mistaken for an empty one:
 * `x` lists the fields left out for space (their values stay as they are on the receiving side), and
 * `tt`/`nt`/`gt` mark a title, note or tag list cut short. Everything else that is absent has its default.
 */

/** Version of this format, in the manifest. A browser that finds a newer one leaves the data alone. */
export const SYNC_FORMAT = 1;

/** Storage keys: the manifest, and the prefix of every key this module owns. */
export const SYNC_MANIFEST_KEY = 'lib:meta';
export const SYNC_KEY_PREFIX = 'lib:';
/** `lib:<n>`: the shard keys. */
export const shardKey = (n: number): string => `${SYNC_KEY_PREFIX}${n}`;
const SHARD_KEY = /^lib:(0|[1-9]\d{0,3})$/;
/** The shard number of a key, or null for any other key. */
export function shardNumber(key: string): number | null {
  const match = SHARD_KEY.exec(key);
  return match ? Number(match[1]) : null;
}

/** Chrome's storage.sync quotas, and what this module leaves free for other keys. */
export interface SyncLimits {
  /** QUOTA_BYTES: total bytes of all keys and values (102,400 in Chrome). */
  quotaBytes: number;
  /** QUOTA_BYTES_PER_ITEM: bytes of one key plus its JSON value (8,192). */
  quotaBytesPerItem: number;
  /** MAX_ITEMS: number of keys (512). */
  maxItems: number;
  /** Bytes and keys left unused for other settings that may live in storage.sync. */
  reserveBytes: number;
  reserveItems: number;
}

/** Chrome's quotas (Firefox's are the same for QUOTA_BYTES and QUOTA_BYTES_PER_ITEM). */
export const CHROME_SYNC_LIMITS: SyncLimits = {
  quotaBytes: 102_400,
  quotaBytesPerItem: 8_192,
  maxItems: 512,
  reserveBytes: 2_048,
  reserveItems: 12,
};

/**
 * Bytes that Chrome may count for a string: JSON text, with every non-ASCII UTF-16 unit counted as 6
 * (a `\uXXXX` escape). Chrome counts UTF-8 (at most 3 bytes per unit), so this never underestimates,
 * whichever way the browser serialises.
 */
export function syncBytes(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) bytes += text.charCodeAt(i) < 0x80 ? 1 : 6;
  return bytes;
}

/** What one stored key costs against the quotas: the key plus its JSON value. */
export function entryBytes(key: string, value: unknown): number {
  return syncBytes(key) + syncBytes(JSON.stringify(value));
}

/** Reading statuses by index in a record (`s`; absent = 0 = 'to-read'). */
export const STATUS_CODES = ['to-read', 'reading', 'read'] as const;

/** Letters of `x` (fields left out for space). */
export const OMITTED = { authors: 'a', year: 'y', leaves: 'l', note: 'n' } as const;

const Str = z.string().max(4_000);
const Time = z.number().finite();

/** One library item in storage.sync. */
export const SyncRecord = z.strictObject({
  /** key */
  k: Str.min(1),
  /** title, at most 200 characters */
  t: z.string().min(1).max(200),
  /** 1 = the title was cut to 200 characters */
  tt: z.literal(1).optional(),
  /** arXiv id; absent = the id of an "arxiv:" key, else null */
  a: Str.nullable().optional(),
  /** OpenReview id; absent = the id of an "openreview:" key, else null */
  o: Str.nullable().optional(),
  /** catalog id; absent = null, 0 = the same as the key */
  c: z.union([Str, z.literal(0)]).optional(),
  /** tags; absent = [] */
  g: z.array(Str).max(100).optional(),
  gt: z.literal(1).optional(),
  /** status index in STATUS_CODES; absent = 0 */
  s: z.union([z.literal(1), z.literal(2)]).optional(),
  /** note; absent = '' (unless `x` has "n") */
  n: z.string().max(20_000).optional(),
  nt: z.literal(1).optional(),
  /** savedAt; absent = updatedAt */
  sa: Time.optional(),
  /** updatedAt */
  u: Time,
  /** authors, year, leaves (absent = [], null, [] unless `x` says they were left out) */
  au: z.array(Str).max(1_000).optional(),
  y: z.number().int().optional(),
  l: z.array(Str).max(32).optional(),
  /** url; absent = the arXiv abstract page, else the OpenReview forum of the ids */
  r: Str.optional(),
  /** letters of OMITTED: fields not carried, to be kept as they are on the receiving side */
  x: z
    .string()
    .regex(/^[ayln]{1,4}$/)
    .optional(),
});
export type SyncRecord = z.infer<typeof SyncRecord>;

/** A deletion in storage.sync. */
export const SyncTombstone = z.strictObject({ k: Str.min(1), d: Time });
export type SyncTombstone = z.infer<typeof SyncTombstone>;

/** The manifest (`lib:meta`). */
export const SyncManifest = z.object({
  /** SYNC_FORMAT of the writer */
  v: z.number().int().positive(),
  /** number of shards: lib:0 … lib:<n-1> */
  n: z.number().int().nonnegative().max(10_000),
  /** items synced, items in the writer's library, tombstones synced */
  i: z.number().int().nonnegative(),
  t: z.number().int().nonnegative(),
  d: z.number().int().nonnegative(),
});
export type SyncManifest = z.infer<typeof SyncManifest>;
