import type { LibraryItem } from '../db/schema';
import { citationFor, EXPORT_FORMAT_IDS, type ExportFormat, exportLibrary, isExportFormat } from '../export';
import { msg, t } from './i18n';

/**
 * What the pages need from lib/export: the formats, a file for a set of items, and one item's citation for the
 * clipboard. Kept as an interface so the views and containers can be tested with a small fake exporter, and so
 * a page without lib/export (tests of unrelated views) simply hides the export buttons.
 */

export interface ExportFile {
  fileName: string;
  mimeType: string;
  text: string;
}

export interface Exporter {
  /** Formats in menu order. */
  formats: readonly { id: string; label: string }[];
  /** The file of `items` in `format` (made at `now`). Throws on an unknown format. */
  exportFile(items: readonly LibraryItem[], format: string, now: number): ExportFile;
  /** One item's citation: a BibTeX entry, or a Markdown link "[Title](url)". */
  citation(item: LibraryItem, kind: 'bibtex' | 'markdown'): string;
}

const FORMAT_LABEL_KEYS = {
  bibtex: msg('format_bibtex'),
  'csl-json': msg('format_cslJson'),
  ris: msg('format_ris'),
  markdown: msg('format_markdown'),
  json: msg('format_json'),
} as const satisfies Record<ExportFormat, string>;

/** The user's time zone, for the date in export file names (UTC when the browser will not say). */
function localTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

/** The Exporter over lib/export, with format names in the UI language. */
export function createExporter(timeZone: string = localTimeZone()): Exporter {
  return {
    formats: EXPORT_FORMAT_IDS.map((id) => ({ id, label: t(FORMAT_LABEL_KEYS[id]) })),
    exportFile(items, format, now) {
      if (!isExportFormat(format)) throw new TypeError(`Unknown export format: ${format}`);
      return exportLibrary(items, format, { now, timeZone });
    },
    citation: (item, kind) => citationFor(item, kind),
  };
}
