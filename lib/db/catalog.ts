import { type IDBPDatabase, unwrap } from 'idb';
import { z } from 'zod';
import { DatasetMeta, PaperRecord } from '../dataset/schema';
import { assertExtensionOrigin } from '../extension-context';
import { parseArxivId } from '../paper-id';
import type { LeafId } from '../taxonomy';
import { normalizeTitle } from '../text/title';
import type { BundledDataset, CatalogMetaRow, CatalogSchema } from './schema';

/**
 * The catalog database: a disposable copy of the bundled dataset, versioned by DatasetMeta.version (uBlock
 * Origin's compiledMagic idea: derived data is rebuilt whole when its version changes, never patched).
 * Seeding is one readwrite transaction over papers+meta, so a seed that does not finish (aborted, invalid
 * row, service worker killed) commits nothing and the previous catalog and its version stay readable.
 * This module never opens the library database.
 */

type CatalogDb = IDBPDatabase<CatalogSchema>;

/** What ensureCatalogSeeded did. */
export interface SeedResult {
  /** True when rows were (re)written; false when the catalog already held this version. */
  seeded: boolean;
  version: string;
  records: number;
  /** The version that was there before (null on first install). */
  previousVersion: string | null;
}

/** Options of ensureCatalogSeeded. */
export interface SeedOptions {
  /** ms since epoch, stored as meta.seededAt (default Date.now()). */
  now?: number;
  /** Abort the seed between chunks; nothing is committed then. */
  signal?: AbortSignal;
  /** Called after each chunk of rows is written (inside the transaction: keep it synchronous). */
  onProgress?: (written: number, total: number) => void;
  /** Rows written between two progress/abort checks (default 500). */
  chunkSize?: number;
}

const MAX_LISTED_ISSUES = 5;

function describeIssues(error: z.ZodError, records?: unknown): string {
  const rows = Array.isArray(records) ? records : [];
  const listed = error.issues.slice(0, MAX_LISTED_ISSUES).map((issue) => {
    const [index, ...rest] = issue.path;
    const row: unknown = typeof index === 'number' ? rows[index] : undefined;
    const id = row && typeof row === 'object' && 'id' in row ? ` (id ${String(row.id)})` : '';
    return `[${String(index)}]${id}${rest.length ? `.${rest.join('.')}` : ''}: ${issue.message}`;
  });
  const more =
    error.issues.length > MAX_LISTED_ISSUES ? `; and ${error.issues.length - MAX_LISTED_ISSUES} more` : '';
  return listed.join('; ') + more;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function parseBundledMeta(meta: unknown): DatasetMeta {
  const parsed = DatasetMeta.safeParse(meta);
  if (!parsed.success) throw new Error(`Bundled dataset meta is invalid: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/** A dataset as loaded, before validation: the meta and whatever the record loader returned. */
export interface LoadedDataset {
  meta: unknown;
  records: unknown;
}

/**
 * Validate a loaded dataset before any write; throws a clear error naming the first bad rows. The record
 * count must match the meta's: the records ship as a file apart from the meta, so a mismatch means the
 * two come from different builds.
 */
export function validateBundledDataset(loaded: LoadedDataset): {
  meta: DatasetMeta;
  records: PaperRecord[];
} {
  assertExtensionOrigin();
  const meta = parseBundledMeta(loaded?.meta);
  const records = z.array(PaperRecord).safeParse(loaded.records);
  if (!records.success) {
    throw new Error(
      `Bundled dataset ${meta.version} has invalid records: ${describeIssues(records.error, loaded.records)}`,
    );
  }
  if (records.data.length !== meta.records) {
    throw new Error(
      `Bundled dataset ${meta.version} has ${records.data.length} records but its meta announces ${meta.records}`,
    );
  }
  const seen = new Set<string>();
  for (const record of records.data) {
    if (seen.has(record.id))
      throw new Error(`Bundled dataset ${meta.version} repeats record id ${record.id}`);
    seen.add(record.id);
  }
  return { meta, records: records.data };
}

/** Call the bundle's record loader, turning any failure into an error that names the dataset. */
async function loadBundledRecords(bundled: BundledDataset, version: string): Promise<unknown> {
  if (typeof bundled.loadRecords !== 'function') {
    throw new Error(`Bundled dataset ${version} has no record loader`);
  }
  try {
    return await bundled.loadRecords();
  } catch (error) {
    throw new Error(`Bundled dataset ${version}: could not load its records: ${errorMessage(error)}`, {
      cause: error,
    });
  }
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw signal.reason ?? new DOMException('Catalog seeding aborted', 'AbortError');
}

/** The catalog's meta row, or null before the first seed. */
export async function getCatalogMeta(db: CatalogDb): Promise<CatalogMetaRow | null> {
  assertExtensionOrigin();
  return (await db.get('meta', 'dataset')) ?? null;
}

/**
 * Seed the catalog from the bundled dataset if it holds another version (or none): load the records, validate
 * them, then clear + put all + put meta in ONE transaction. Same version: a no-op that reads one row and never
 * calls the record loader. Bundles whose records fail to load or to validate are refused before anything is
 * written, so the previous catalog keeps serving.
 */
export async function ensureCatalogSeeded(
  db: CatalogDb,
  bundled: BundledDataset,
  options: SeedOptions = {},
): Promise<SeedResult> {
  assertExtensionOrigin();
  const bundledVersion = bundled?.meta?.version;
  const before = await getCatalogMeta(db);
  if (before && before.version === bundledVersion) {
    return {
      seeded: false,
      version: before.version,
      records: before.records,
      previousVersion: before.version,
    };
  }
  // Loading and validation run before the transaction opens: neither is IndexedDB work (awaiting them inside
  // would let the transaction auto-commit), and a bad bundle must not even clear rows.
  const bundledMeta = parseBundledMeta(bundled?.meta);
  const loaded = await loadBundledRecords(bundled, bundledMeta.version);
  const { meta, records } = validateBundledDataset({ meta: bundledMeta, records: loaded });
  throwIfAborted(options.signal);
  const chunkSize = Math.max(1, options.chunkSize ?? 500);

  const tx = db.transaction(['papers', 'meta'], 'readwrite');
  try {
    // Re-check inside the write transaction: onInstalled and a first message may race to seed.
    const current = await tx.objectStore('meta').get('dataset');
    if (current?.version === meta.version) {
      await tx.done;
      return {
        seeded: false,
        version: current.version,
        records: current.records,
        previousVersion: current.version,
      };
    }
    const papers = tx.objectStore('papers');
    await papers.clear();
    // Raw requests for the bulk puts: no promise per row, and no unhandled rejections when the tx aborts.
    // A failing request aborts the whole transaction (its error is not handled), which the awaited
    // last put of the chunk then reports.
    const raw = unwrap(papers);
    for (let start = 0; start < records.length; start += chunkSize) {
      const chunk = records.slice(start, start + chunkSize);
      for (let i = 0; i < chunk.length - 1; i++) raw.put(chunk[i]!);
      await papers.put(chunk[chunk.length - 1]!);
      const written = start + chunk.length;
      options.onProgress?.(written, records.length);
      throwIfAborted(options.signal);
    }
    const row: CatalogMetaRow = {
      version: meta.version,
      records: records.length,
      seededAt: options.now ?? Date.now(),
    };
    await tx.objectStore('meta').put(row, 'dataset');
    await tx.done;
    return {
      seeded: true,
      version: meta.version,
      records: records.length,
      previousVersion: current?.version ?? null,
    };
  } catch (error) {
    try {
      tx.abort();
    } catch {
      // Already finished or aborted (a failed request aborts it by itself).
    }
    await tx.done.catch(() => undefined);
    throw error;
  }
}

/** The canonical versionless form: 2312.00678v2 → 2312.00678, math.GT/0309136 → math/0309136. */
function versionless(arxivId: string): string {
  const trimmed = arxivId.trim();
  return parseArxivId(trimmed)?.id ?? trimmed;
}

/** The catalog record with this id ("arxiv:…", "openreview:…", …). */
export async function getPaper(db: CatalogDb, id: string): Promise<PaperRecord | undefined> {
  assertExtensionOrigin();
  return db.get('papers', id);
}

/** The catalog record with this arXiv id (a version suffix is ignored). */
export async function getPaperByArxivId(db: CatalogDb, arxivId: string): Promise<PaperRecord | undefined> {
  assertExtensionOrigin();
  return db.getFromIndex('papers', 'arxivId', versionless(arxivId));
}

/** The catalog record with this OpenReview forum id. */
export async function getPaperByOpenReviewId(
  db: CatalogDb,
  openreviewId: string,
): Promise<PaperRecord | undefined> {
  assertExtensionOrigin();
  return db.getFromIndex('papers', 'openreviewId', openreviewId.trim());
}

/** Records whose normalised title equals normalizeTitle(title) (exact, no fuzzy matching here). */
export async function getPapersByTitle(db: CatalogDb, title: string): Promise<PaperRecord[]> {
  assertExtensionOrigin();
  const norm = normalizeTitle(title);
  return norm ? db.getAllFromIndex('papers', 'normTitle', norm) : [];
}

/** Records filed under a taxonomy leaf, in id order. */
export async function getPapersByLeaf(db: CatalogDb, leaf: LeafId): Promise<PaperRecord[]> {
  assertExtensionOrigin();
  return db.getAllFromIndex('papers', 'leaves', leaf);
}

/** Number of records in the catalog. */
export async function countPapers(db: CatalogDb): Promise<number> {
  assertExtensionOrigin();
  return db.count('papers');
}

/** Every record, in id order (input for CatalogIndex.fromRecords). */
export async function loadAllRecords(db: CatalogDb): Promise<PaperRecord[]> {
  assertExtensionOrigin();
  return db.getAll('papers');
}
