import type { LibraryItem } from '../db/schema';
import { bibtexEntry, buildBibtex } from './bibtex';
import { baseCitationKey } from './citation-keys';
import { buildCslJson, cslItem } from './csl-json';
import { itemKind, itemUrl, itemYear, oneLine } from './item';
import { buildJsonBackup } from './json-backup';
import { buildMarkdown, markdownLink } from './markdown';
import { buildRis, risRecord } from './ris';
import { type ExportOptions, type PrimaryClasses, toDate } from './types';

/**
 * Export entry points: a whole file for a list of items (the library, a filtered selection or a taxonomy
 * subtree: callers pass the items, in the order they want them), and one paper's citation for the clipboard.
 * Everything here is pure: no Date.now(), no Blob, no download; the UI turns `ExportFile` into a download.
 */

export { type BibtexOptions, bibtexEntry, buildBibtex } from './bibtex';
export { baseCitationKey, citationKeys } from './citation-keys';
export { buildCslJson, type CslItem, cslItem } from './csl-json';
export { BACKUP_FORMAT, BACKUP_VERSION, buildJsonBackup, type LibraryBackup } from './json-backup';
export { buildMarkdown, markdownLine, markdownLink } from './markdown';
export { buildRis, risRecord } from './ris';
export type { ExportOptions, PrimaryClasses } from './types';

/** The file formats a library can be exported to. */
export const EXPORT_FORMAT_IDS = ['bibtex', 'csl-json', 'ris', 'markdown', 'json'] as const;
/** A file format a library can be exported to ('json' is the full-fidelity backup). */
export type ExportFormat = (typeof EXPORT_FORMAT_IDS)[number];

/** Label, file extension and MIME type per format. */
export const EXPORT_FORMATS: Readonly<
  Record<ExportFormat, { label: string; extension: string; mimeType: string }>
> = {
  bibtex: { label: 'BibTeX', extension: 'bib', mimeType: 'application/x-bibtex' },
  // https://citeproc-js.readthedocs.io/en/latest/csl-json/markup.html; ".csl.json" keeps it apart from backups.
  'csl-json': {
    label: 'CSL-JSON',
    extension: 'csl.json',
    mimeType: 'application/vnd.citationstyles.csl+json',
  },
  ris: { label: 'RIS', extension: 'ris', mimeType: 'application/x-research-info-systems' },
  markdown: { label: 'Markdown', extension: 'md', mimeType: 'text/markdown' },
  json: { label: 'Backup (JSON)', extension: 'json', mimeType: 'application/json' },
};

/** A ready-to-download export. */
export interface ExportFile {
  fileName: string;
  mimeType: string;
  text: string;
}

/** True when `value` names an export format. */
export function isExportFormat(value: unknown): value is ExportFormat {
  return typeof value === 'string' && (EXPORT_FORMAT_IDS as readonly string[]).includes(value);
}

/** YYYY-MM-DD of `now` in `timeZone` (an unknown zone falls back to UTC). */
function isoDate(now: number | Date, timeZone: string): string {
  const date = toDate(now);
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }).formatToParts(date);
  } catch {
    return date.toISOString().slice(0, 10);
  }
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** "efficiency-lens-2026-11-28.bib": the format's extension after the export date (UTC unless a zone is given). */
export function exportFileName(format: ExportFormat, now: number | Date, timeZone = 'UTC'): string {
  return `efficiency-lens-${isoDate(now, timeZone)}.${EXPORT_FORMATS[format].extension}`;
}

/** The items as a file of the given format. Throws a TypeError for an unknown format (a caller bug). */
export function exportLibrary(
  items: readonly LibraryItem[],
  format: ExportFormat,
  options: ExportOptions,
): ExportFile {
  if (!isExportFormat(format)) throw new TypeError(`Unknown export format: ${String(format)}`);
  let text: string;
  switch (format) {
    case 'bibtex':
      text = buildBibtex(items, { primaryClasses: options.primaryClasses });
      break;
    case 'csl-json':
      text = buildCslJson(items);
      break;
    case 'ris':
      text = buildRis(items);
      break;
    case 'markdown':
      text = buildMarkdown(items);
      break;
    case 'json':
      text = buildJsonBackup(items, { now: options.now });
      break;
  }
  return {
    fileName: exportFileName(format, options.now, options.timeZone),
    mimeType: EXPORT_FORMATS[format].mimeType,
    text,
  };
}

/** Formats for copying one paper: the file formats' single entries, a Markdown link, or a plain-text reference. */
export type CitationFormat = 'bibtex' | 'csl-json' | 'ris' | 'markdown' | 'text';

// Plain-text references name this many authors before "et al.".
const TEXT_AUTHORS = 3;

/** "Edward J. Hu, Yelong Shen, Phillip Wallis, et al. (2021). LoRA: …. arXiv:2106.09685. https://…" */
function textCitation(item: LibraryItem): string {
  const names = item.authors.map(oneLine).filter(Boolean);
  const authors =
    names.length > TEXT_AUTHORS ? `${names.slice(0, TEXT_AUTHORS).join(', ')}, et al.` : names.join(', ');
  const year = itemYear(item);
  const title = oneLine(item.title);
  const parts: string[] = [];
  if (authors) parts.push(year === null ? `${authors}.` : `${authors} (${year}).`);
  else if (year !== null) parts.push(`(${year}).`);
  parts.push(/[.?!]$/.test(title) ? title : `${title}.`);
  const kind = itemKind(item);
  if (kind === 'arxiv') parts.push(`arXiv:${item.arxivId}.`);
  else if (kind === 'openreview') parts.push('OpenReview.');
  parts.push(itemUrl(item));
  return parts.join(' ');
}

/**
 * One paper's citation, for "copy": its BibTeX entry, CSL-JSON (a one-item array, a valid CSL-JSON file), RIS
 * record, Markdown link `[Title](url)`, or a plain-text reference. The citation key is the paper's own base key
 * (no a/b/c suffix: there is nothing to collide with).
 */
export function citationFor(
  item: LibraryItem,
  format: CitationFormat,
  options: { primaryClasses?: PrimaryClasses } = {},
): string {
  const key = baseCitationKey(item);
  switch (format) {
    case 'bibtex':
      return bibtexEntry(item, key, options);
    case 'csl-json':
      return `${JSON.stringify([cslItem(item, key)], null, 2)}\n`;
    case 'ris':
      return risRecord(item, key);
    case 'markdown':
      return markdownLink(item);
    case 'text':
      return textCitation(item);
    default:
      throw new TypeError(`Unknown citation format: ${String(format)}`);
  }
}
