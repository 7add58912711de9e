/**
 * What the import file picker accepts: JSON (our own export, or a CSL-JSON list) and BibTeX, told apart by the
 * file name and, failing that, by the first non-blank character. Files over the cap are refused before reading.
 */

export type ImportFormat = 'json' | 'bibtex';

/** Largest file the page will read (a library of thousands of papers is a few MB). */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

/** The import format of a file, or null when it is neither JSON nor BibTeX. */
export function detectImportFormat(fileName: string, text: string): ImportFormat | null {
  const name = fileName.toLowerCase();
  if (/\.(?:json|csl\.json|csljson)$/.test(name)) return 'json';
  if (/\.(?:bib|bibtex)$/.test(name)) return 'bibtex';
  const first = text.replace(/^\uFEFF/, '').trimStart()[0];
  if (first === '{' || first === '[') return 'json';
  if (first === '@' || first === '%') return 'bibtex';
  return null;
}
