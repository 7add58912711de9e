import type { z } from 'zod';
import type { LibraryItem } from '../db/schema';

/** Caps on what an import may hold: larger files are refused whole, before any item is looked at. */
export const IMPORT_LIMITS = {
  /** Bytes of the file (UTF-8). A 50,000-item backup with long notes stays well below this. */
  bytes: 20 * 1024 * 1024,
  /** Items (backup) or entries (BibTeX). */
  items: 50_000,
  /** Characters of a rejection reason (a hostile value is never echoed at length). */
  reason: 300,
} as const;

/** The file formats an import understands. */
export type ImportFormat = 'json' | 'bibtex';

/**
 * How a plan's items should be merged into an existing library (lib/import/merge.ts):
 * - 'newer-wins': a backup holds complete items, so the more recently updated copy wins field by field;
 * - 'fill-missing': a BibTeX file knows nothing of status, leaves and the like, so it only fills what the
 *   library lacks (and adds tags), never overwriting what the user already has.
 */
export type MergePolicy = 'newer-wins' | 'fill-missing';

/** Why one item (or entry) of the file was not imported. `index` is its position in the file, from 0. */
export interface ImportRejection {
  index: number;
  reason: string;
}

/** What reading a file gives: validated, keyed items ready to merge, and what was left out and why. */
export interface ImportPlan {
  /** The format read; null when the file was recognised as neither. */
  format: ImportFormat | null;
  /** Valid LibraryItems, unique by key, in file order. */
  items: LibraryItem[];
  rejected: ImportRejection[];
  /** Set when the whole file is refused (not JSON, wrong format or version, too large…); items is then empty. */
  error: string | null;
  /** Items or entries the file holds (0 when the file was refused before counting). */
  total: number;
  /** How the store should merge these items (see MergePolicy). */
  mergePolicy: MergePolicy;
}

/** A refused file: no items, one reason. */
export function refusedPlan(format: ImportFormat | null, error: string, total = 0): ImportPlan {
  return {
    format,
    items: [],
    rejected: [],
    error,
    total,
    mergePolicy: format === 'bibtex' ? 'fill-missing' : 'newer-wins',
  };
}

/** A reason cut to IMPORT_LIMITS.reason characters. */
export function clip(reason: string): string {
  return reason.length > IMPORT_LIMITS.reason ? `${reason.slice(0, IMPORT_LIMITS.reason - 1)}…` : reason;
}

/** Zod issues as one line: "title: Too big…; url: not an http(s) URL". */
export function describeIssues(error: z.ZodError): string {
  return clip(
    error.issues
      .slice(0, 5)
      .map((issue) => `${issue.path.map(String).join('.') || '(item)'}: ${issue.message}`)
      .join('; '),
  );
}

/**
 * UTF-8 byte length of a string, counting no further than `limit + 1` (enough to say "too large" without
 * walking a huge string to its end).
 */
export function utf8Length(text: string, limit: number = Number.POSITIVE_INFINITY): number {
  let bytes = 0;
  for (let i = 0; i < text.length && bytes <= limit; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

/** Refusal reason when a file is larger than IMPORT_LIMITS.bytes, else null. Callers holding a File can check its size first. */
export function sizeError(byteLength: number): string | null {
  if (byteLength <= IMPORT_LIMITS.bytes) return null;
  return `The file is larger than ${IMPORT_LIMITS.bytes / (1024 * 1024)} MB, the most an import accepts.`;
}

// File signatures as File.text() decodes them (UTF-8 with replacement: a byte >= 0x80 that starts no valid
// sequence becomes U+FFFD); U+0089 covers a Latin-1 reading of PNG's first byte.
const BINARY_SIGNATURES: readonly (readonly [RegExp, string])[] = [
  [/^[\uFFFD\u0089]PNG\r\n\u001A\n/, 'a PNG image'],
  // JPEG's FF D8 FF: three bytes that are never valid UTF-8.
  [/^\uFFFD{3}/, 'a JPEG image or other binary data'],
  [/^GIF8[79]a/, 'a GIF image'],
  [/^PK[\u0003\u0005\u0007][\u0004\u0006\u0008]/, 'a ZIP archive'],
  [/^%PDF-/, 'a PDF document'],
  [/^\u001F\uFFFD\u0008/, 'a gzip archive'],
];

/**
 * Why a file's text is not something an importer can read (a binary file, or UTF-16 text decoded as UTF-8),
 * else null. Checked before parsing so the report names the real cause instead of a JSON or BibTeX syntax error.
 */
export function notTextError(text: string): string | null {
  for (const [signature, kind] of BINARY_SIGNATURES) {
    if (signature.test(text)) return `The file is not text: it looks like ${kind}.`;
  }
  // UTF-16 text read as UTF-8: a NUL beside every ASCII character (and two U+FFFD where its BOM was).
  const head = text.slice(0, 256);
  let nuls = 0;
  for (let i = 0; i < head.length; i++) if (head.charCodeAt(i) === 0) nuls++;
  if (head.length >= 8 && nuls * 4 >= head.length) {
    return 'The file looks like UTF-16 text; save it as UTF-8 (the usual encoding) and import it again.';
  }
  return null;
}

/** Text without a leading byte-order mark (Windows editors add one). */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
