import type { LibraryItem } from '../db/schema';
import { citationKeys } from './citation-keys';
import { arxivDoi, itemKind, itemUrl, itemYear, oneLine } from './item';
import { familyFirst, parseAuthorName } from './names';

/**
 * RIS (https://en.wikipedia.org/wiki/RIS_(file_format); read by EndNote, Zotero, Mendeley, RefWorks). arXiv
 * preprints are written the way Google Scholar writes them (`TY - JOUR`, `JO - arXiv preprint arXiv:<id>`),
 * which every reader imports cleanly; OpenReview papers are `CPAPER`, title-only items `GEN`.
 *
 * RIS is line-based: a tag, two spaces, a hyphen, a space, the value; CRLF line ends (the spec's, and what
 * EndNote writes). A value is one line, so line breaks inside titles and notes become spaces: a line of a note
 * that read "ER  - " would otherwise end the record.
 */

const CRLF = '\r\n';

function line(tag: string, value: string): string {
  return `${tag}  - ${value}${CRLF}`;
}

/** The RIS reference type of an item. */
export function risType(item: Pick<LibraryItem, 'arxivId' | 'openreviewId'>): 'JOUR' | 'CPAPER' | 'GEN' {
  const kind = itemKind(item);
  return kind === 'arxiv' ? 'JOUR' : kind === 'openreview' ? 'CPAPER' : 'GEN';
}

/** One RIS record (TY … ER) under the given citation key (the ID tag). */
export function risRecord(item: LibraryItem, citeKey: string): string {
  let out = line('TY', risType(item)) + line('ID', citeKey) + line('TI', oneLine(item.title));
  for (const author of item.authors) {
    const name = oneLine(familyFirst(parseAuthorName(author)));
    if (name) out += line('AU', name);
  }
  const year = itemYear(item);
  if (year !== null) out += line('PY', String(year));
  if (itemKind(item) === 'arxiv') out += line('JO', `arXiv preprint arXiv:${item.arxivId}`);
  out += line('UR', itemUrl(item));
  if (itemKind(item) === 'arxiv') out += line('DO', arxivDoi(item.arxivId!));
  for (const tag of item.tags) {
    const value = oneLine(tag);
    if (value) out += line('KW', value);
  }
  const note = oneLine(item.note);
  if (note) out += line('N1', note);
  // "ER  - " keeps its trailing space: some readers match the tag with its full "XX  - " prefix.
  return out + line('ER', '');
}

/** A .ris file for the items, in the given order (records separated by a blank line). */
export function buildRis(items: readonly LibraryItem[]): string {
  const keys = citationKeys(items);
  return items.map((item, i) => risRecord(item, keys[i]!)).join(CRLF);
}
