import { parseBibtexLibrary } from './bibtex';
import { parseJsonBackup } from './json-backup';
import { type ImportFormat, type ImportPlan, refusedPlan } from './types';

/**
 * Import entry points: a file's text to an ImportPlan (validated items + rejections), then mergeLibraries to
 * fold the plan into the library. Pure: the UI reads the file, the store writes the merge in one transaction.
 */

export { type BibtexImportOptions, parseBibtexLibrary } from './bibtex';
export { parseJsonBackup } from './json-backup';
export { type MergeOptions, type MergeReport, type MergeResult, mergeLibraries } from './merge';
export {
  IMPORT_LIMITS,
  type ImportFormat,
  type ImportPlan,
  type ImportRejection,
  type MergePolicy,
  sizeError,
} from './types';

/**
 * The format of a file: by its name's extension when it has a known one (.json, .bib/.bibtex), else by its
 * first significant character ('{' for JSON, '@' somewhere for BibTeX). Null when neither fits.
 */
export function detectImportFormat(text: string, fileName?: string): ImportFormat | null {
  const extension = /\.([A-Za-z]+)$/.exec(fileName ?? '')?.[1]?.toLowerCase();
  if (extension === 'json') return 'json';
  if (extension === 'bib' || extension === 'bibtex') return 'bibtex';
  if (typeof text !== 'string') return null;
  const head = text
    .slice(0, 4096)
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (head.startsWith('{') || head.startsWith('[')) return 'json';
  if (/@\s*[A-Za-z]+\s*[{(]/.test(head)) return 'bibtex';
  return null;
}

/** Options of planImport. */
export interface PlanImportOptions {
  /** savedAt/updatedAt of items created from BibTeX entries (ms since epoch). */
  now: number;
  /** The format, or 'auto' (default) to detect it from the file name and content. */
  format?: ImportFormat | 'auto';
  /** The file's name, for detection. */
  fileName?: string;
}

/** Plan the import of a file of either format. Never throws; an unrecognised file gives a refused plan. */
export function planImport(text: string, options: PlanImportOptions): ImportPlan {
  const format =
    options.format === undefined || options.format === 'auto'
      ? detectImportFormat(text, options.fileName)
      : options.format;
  if (format === 'json') return parseJsonBackup(text);
  if (format === 'bibtex') return parseBibtexLibrary(text, { now: options.now });
  return refusedPlan(null, 'The file is neither an Efficiency Lens backup (.json) nor a BibTeX file (.bib).');
}
