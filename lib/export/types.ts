/** Options shared by the export formats; each builder reads only what it needs. */

/** arXiv primary category per arXiv id ("2106.09685" → "cs.CL"), when the caller knows it. */
export type PrimaryClasses = ReadonlyMap<string, string> | Readonly<Record<string, string>>;

/** Options of `exportLibrary` (and a superset of every builder's options). */
export interface ExportOptions {
  /** When the export is made: the backup's `exportedAt` and the file name's date. */
  now: number | Date;
  /** arXiv primary categories for BibTeX `primaryClass` (LibraryItem has no category today). */
  primaryClasses?: PrimaryClasses;
  /** IANA time zone for the date in the file name (default UTC), e.g. the user's resolved zone. */
  timeZone?: string;
}

// A category as arXiv writes it: "cs.CL", "hep-th", "cond-mat.mes-hall", "stat.ML".
const CATEGORY = /^[a-z]+(?:-[a-z]+)?(?:\.[A-Za-z]+(?:-[A-Za-z]+)*)?$/;

/** The primary class known for an arXiv id, if it looks like an arXiv category (anything else is ignored). */
export function primaryClassOf(classes: PrimaryClasses | undefined, arxivId: string): string | null {
  if (!classes) return null;
  const value =
    classes instanceof Map
      ? classes.get(arxivId)
      : Object.hasOwn(classes, arxivId)
        ? (classes as Readonly<Record<string, string>>)[arxivId]
        : undefined;
  return typeof value === 'string' && value.length <= 40 && CATEGORY.test(value) ? value : null;
}

/** `now` as a Date; a TypeError for an invalid time (a caller bug, not user input). */
export function toDate(now: number | Date): Date {
  const date = now instanceof Date ? new Date(now.getTime()) : new Date(now);
  if (Number.isNaN(date.getTime())) throw new TypeError(`Not a valid export time: ${String(now)}`);
  return date;
}
