// The dataset's identity is imported here and nowhere else in extension code. Its records are NOT imported:
// data/papers.json ships as a separate extension file (wxt.config.ts, hook build:publicAssets) and is fetched
// only to seed. A bundled ~1.3 MB literal was parsed at every service-worker start (bench/results.md: ~200 ms
// of a cold start), although a worker that finds the catalog current never needs it.
import datasetMeta from '../../data/dataset-meta.json';
import type { DatasetMeta, PaperRecord } from '../dataset/schema';
import type { BundledDataset } from '../db/schema';

/** Where the build puts data/papers.json, from the extension root (wxt.config.ts copies it there). */
export const BUNDLED_RECORDS_PATH = '/data/papers.json';

/**
 * The identity of the dataset shipped with this build (tiny: its version decides whether to seed). Typed by
 * cast, as JSON imports widen types; ensureCatalogSeeded validates it before use.
 */
export const BUNDLED_META: DatasetMeta = datasetMeta as DatasetMeta;

/** The fetch the loader uses (the global one in the extension; tests pass a fake). */
export type FetchLike = (url: string) => Promise<{
  ok: boolean;
  status: number;
  arrayBuffer(): Promise<ArrayBuffer>;
}>;

/** What bundledDataset needs from the browser. */
export interface BundledDatasetBrowser {
  runtime: { getURL(path: typeof BUNDLED_RECORDS_PATH): string };
}

/** Options of loadRecordsFrom. */
export interface LoadRecordsOptions {
  fetch?: FetchLike;
  /**
   * The dataset version (first 16 hex of the sha256 of papers.json, as scripts/build-dataset.ts computes it).
   * When given, the bytes must hash to it: a papers.json from another build would otherwise be seeded under
   * this version and never replaced.
   */
  expectedVersion?: string;
  /** Digest used for that check (default crypto.subtle; the check is skipped when there is none). */
  subtle?: Pick<SubtleCrypto, 'digest'> | undefined;
}

function describeJson(value: unknown): string {
  if (value === null) return 'null';
  return typeof value;
}

async function sha256Prefix(subtle: Pick<SubtleCrypto, 'digest'>, bytes: ArrayBuffer): Promise<string> {
  const digest = new Uint8Array(await subtle.digest('SHA-256', bytes));
  return Array.from(digest.subarray(0, 8), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Fetch and parse the records file at `url`. Throws a clear error when the file is missing or unreadable,
 * does not match `expectedVersion`, is not UTF-8 JSON, or is not an array. The rows themselves are checked by
 * ensureCatalogSeeded (zod), not here.
 */
export async function loadRecordsFrom(
  url: string,
  options: LoadRecordsOptions = {},
): Promise<readonly PaperRecord[]> {
  const fetchFn: FetchLike = options.fetch ?? ((target) => fetch(target));
  let bytes: ArrayBuffer;
  try {
    const response = await fetchFn(url);
    if (!response.ok) throw new Error(`HTTP status ${response.status}`);
    bytes = await response.arrayBuffer();
  } catch (error) {
    throw new Error(`cannot read ${url}: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  const subtle = 'subtle' in options ? options.subtle : globalThis.crypto?.subtle;
  if (options.expectedVersion !== undefined && subtle) {
    const actual = await sha256Prefix(subtle, bytes);
    if (actual !== options.expectedVersion) {
      throw new Error(
        `${url} does not belong to dataset ${options.expectedVersion} (its sha256 starts ${actual}): the file and data/dataset-meta.json come from different builds`,
      );
    }
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (error) {
    throw new Error(`${url} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  if (!Array.isArray(parsed))
    throw new Error(`${url} holds ${describeJson(parsed)}, not an array of records`);
  // Unvalidated rows, typed as the loader contract says: ensureCatalogSeeded parses every one with zod.
  return parsed as PaperRecord[];
}

/**
 * The dataset shipped with this build: BUNDLED_META, and a loader that fetches data/papers.json from the
 * extension itself (an extension-local URL: no network, no web_accessible_resources needed).
 */
export function bundledDataset(
  browser: BundledDatasetBrowser,
  options: Pick<LoadRecordsOptions, 'fetch' | 'subtle'> = {},
): BundledDataset {
  return {
    meta: BUNDLED_META,
    loadRecords: () =>
      loadRecordsFrom(browser.runtime.getURL(BUNDLED_RECORDS_PATH), {
        ...options,
        expectedVersion: BUNDLED_META.version,
      }),
  };
}
