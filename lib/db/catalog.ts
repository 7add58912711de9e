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

function describeIssues(error: z.ZodError, records?: readonly unknown[]): string {
  const listed = error.issues.slice(0, MAX_LISTED_ISSUES).map((issue) => {
    const [index, ...rest] = issue.path;
    const row = typeof index === 'number' ? records?.[index] : undefined;
    const id = row && typeof row === 'object' && 'id' in row ? ` (id ${String(row.id)})` : '';
    return `[${String(index)}]${id}${rest.length ? `.${rest.join('.')}` : ''}: ${issue.message}`;
  });
  const more =
    error.issues.length > MAX_LISTED_ISSUES ? `; and ${error.issues.length - MAX_LISTED_ISSUES} more` : '';
  return listed.join('; ') + more;
}

/** Validate the bundled dataset before any write; throws a clear error naming the first bad rows. */
export function validateBundledDataset(bundled: BundledDataset): {
  meta: DatasetMeta;
  records: PaperRecord[];
} {
  assertExtensionOrigin();
  const meta = DatasetMeta.safeParse(bundled?.meta);
  if (!meta.success) throw new Error(`Bundled dataset meta is invalid: ${z.prettifyError(meta.error)}`);
  const records = z.array(PaperRecord).safeParse(bundled.records);
  if (!records.success) {
    throw new Error(
      `Bundled dataset ${meta.data.version} has invalid records: ${describeIssues(records.error, bundled.records)}`,
    );
  }
  const seen = new Set<string>();
  for (const record of records.data) {
    if (seen.has(record.id))
      throw new Error(`Bundled dataset ${meta.data.version} repeats record id ${record.id}`);
    seen.add(record.id);
  }
  return { meta: meta.data, records: records.data };
}

/** The catalog's meta row, or null before the first seed. */
export async function getCatalogMeta(db: CatalogDb): Promise<CatalogMetaRow | null> {
  assertExtensionOrigin();
  return (await db.get('meta', 'dataset')) ?? null;
}

/**
 * Seed the catalog from the bundled dataset if it holds another version (or none): clear + put all + put
 * meta in ONE transaction. Same version: a no-op that reads one row. Invalid bundles are refused before
 * anything is written.
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
  // Validation runs before the transaction opens: it is CPU work, and a bad bundle must not even clear rows.
  const { meta, records } = validateBundledDataset(bundled);
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
      if (options.signal?.aborted) {
        throw options.signal.reason ?? new DOMException('Catalog seeding aborted', 'AbortError');
      }
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
