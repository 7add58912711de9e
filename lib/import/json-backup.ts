import { type LibraryItem, LibraryItem as LibraryItemSchema } from '../db/schema';
import { BACKUP_FORMAT, BACKUP_VERSION } from '../export/json-backup';
import {
  clip,
  describeIssues,
  IMPORT_LIMITS,
  type ImportPlan,
  type ImportRejection,
  notTextError,
  refusedPlan,
  sizeError,
  stripBom,
  utf8Length,
} from './types';

/**
 * Reads a backup written by lib/export/json-backup.ts back into LibraryItems. The file is untrusted (it may
 * have been edited, truncated, or crafted), so: the envelope is checked (format, version, size, item count)
 * and refused whole when wrong; each item is validated against the LibraryItem schema (strict: unknown keys,
 * over-long strings and non-http(s) URLs are rejected), its key must agree with its ids, keys must be unique,
 * and keys that could pollute prototypes (`__proto__`, `constructor`, `prototype`) reject the object holding
 * them. Items come out as fresh objects built by zod, never the parsed ones.
 */

const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The first own key of `value` that could pollute a prototype, if any. */
function forbiddenKey(value: Record<string, unknown>): string | undefined {
  return Object.keys(value).find((key) => FORBIDDEN_KEYS.has(key));
}

/** Why the item's key disagrees with its ids, or null when it agrees. */
function keyMismatch(item: LibraryItem): string | null {
  if (item.key.startsWith('arxiv:')) {
    return item.key === `arxiv:${item.arxivId}`
      ? null
      : `key "${item.key}" does not match arxivId ${JSON.stringify(item.arxivId)}`;
  }
  if (item.key.startsWith('openreview:')) {
    return item.key === `openreview:${item.openreviewId}`
      ? null
      : `key "${item.key}" does not match openreviewId ${JSON.stringify(item.openreviewId)}`;
  }
  // Title keys are not recomputed: normalizeTitle may change between versions, and the stored key is what
  // the rest of the library (and other devices' backups) refer to.
  return null;
}

/** The validated item, or why it is rejected. */
function itemProblem(raw: unknown, seen: ReadonlySet<string>): LibraryItem | string {
  if (!isPlainObject(raw)) return 'not an object';
  const hostile = forbiddenKey(raw);
  if (hostile !== undefined) return `forbidden key "${hostile}"`;
  const parsed = LibraryItemSchema.safeParse(raw);
  if (!parsed.success) return describeIssues(parsed.error);
  const item = parsed.data;
  const mismatch = keyMismatch(item);
  if (mismatch) return mismatch;
  if (seen.has(item.key)) return `duplicate key "${item.key}" (an earlier item has it)`;
  return item;
}

/** Plan the import of a backup file's text. Never throws. */
export function parseJsonBackup(text: string): ImportPlan {
  try {
    return planBackup(text);
  } catch (error) {
    // Nothing in planBackup is expected to throw (the fuzz tests check that this path is never taken); if it
    // ever does, the user still gets a report instead of a broken import dialog.
    return refusedPlan('json', clip(`Internal error while reading the backup: ${String(error)}`));
  }
}

function planBackup(text: string): ImportPlan {
  if (typeof text !== 'string') return refusedPlan('json', 'The file is not text.');
  const tooLarge = sizeError(utf8Length(text, IMPORT_LIMITS.bytes));
  if (tooLarge) return refusedPlan('json', tooLarge);
  const binary = notTextError(text);
  if (binary) return refusedPlan('json', binary);
  const body = stripBom(text);
  if (body.trim() === '') return refusedPlan('json', 'The file is empty.');

  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return refusedPlan('json', clip(`The file is not valid JSON (is it truncated or corrupted?): ${detail}`));
  }
  if (!isPlainObject(data)) {
    return refusedPlan(
      'json',
      Array.isArray(data)
        ? 'This JSON file is a list, not an Efficiency Lens library backup (a CSL-JSON file, perhaps?).'
        : 'This JSON file is not an Efficiency Lens library backup.',
    );
  }
  const badKey = forbiddenKey(data);
  if (badKey !== undefined)
    return refusedPlan('json', `The backup is malformed: it holds a "${badKey}" key.`);
  if (data.format !== BACKUP_FORMAT) {
    return refusedPlan(
      'json',
      clip(
        `This JSON file is not an Efficiency Lens library backup (its format is ${
          data.format === undefined ? 'missing' : JSON.stringify(data.format)
        }, not "${BACKUP_FORMAT}").`,
      ),
    );
  }
  const version = data.version;
  if (version !== BACKUP_VERSION) {
    if (typeof version === 'number' && Number.isInteger(version) && version > BACKUP_VERSION) {
      return refusedPlan(
        'json',
        `This backup was made by a newer version of Efficiency Lens (backup version ${version}); update the extension to import it.`,
      );
    }
    return refusedPlan('json', clip(`Unsupported backup version ${JSON.stringify(version) ?? 'missing'}.`));
  }
  const items = data.items;
  if (!Array.isArray(items)) return refusedPlan('json', 'The backup has no "items" list.');
  if (items.length > IMPORT_LIMITS.items) {
    return refusedPlan(
      'json',
      `The backup holds ${items.length} items; the most an import accepts is ${IMPORT_LIMITS.items}.`,
      items.length,
    );
  }

  const accepted: LibraryItem[] = [];
  const rejected: ImportRejection[] = [];
  const seen = new Set<string>();
  for (const [index, raw] of (items as unknown[]).entries()) {
    const reason = itemProblem(raw, seen);
    if (typeof reason === 'string') rejected.push({ index, reason: clip(reason) });
    else {
      seen.add(reason.key);
      accepted.push(reason);
    }
  }
  return {
    format: 'json',
    items: accepted,
    rejected,
    error: null,
    total: items.length,
    mergePolicy: 'newer-wins',
  };
}
