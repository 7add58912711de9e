import type { LibraryItem } from '../db/schema';
import { isOpenReviewId } from '../paper-id';
import { citationKeys } from './citation-keys';
import { arxivDoi, itemKind, itemUrl, itemYear, oldStyleArchive, oneLine } from './item';
import { latexTitle, latexValue } from './latex';
import { parseAuthorName } from './names';
import { type PrimaryClasses, primaryClassOf } from './types';

/**
 * BibTeX export. Every entry is `@misc`: arXiv preprints carry arXiv's own eprint fields (what arxiv.org's
 * "Export BibTeX citation" gives, read by biblatex and by natbib styles with eprint support), OpenReview papers
 * their forum URL (an `@inproceedings` without a known `booktitle` only makes styles warn).
 *
 * The user's tags go to `keywords` (biblatex filters on them; BibTeX styles ignore them) and the user's note to
 * `annote`, not `note`: `note` is printed in the reference list, and a private reading note has no place in a
 * paper's bibliography. `annote` is the standard field for annotations, printed only by annotated styles.
 */

/** Options of buildBibtex / bibtexEntry. */
export interface BibtexOptions {
  primaryClasses?: PrimaryClasses;
}

// BibTeX splits author lists on a bare "and" and reads commas as part separators.
const NEEDS_GROUP = /\band\b|,/i;

function part(text: string): string {
  const value = latexValue(text);
  return NEEDS_GROUP.test(text) ? `{${value}}` : value;
}

/** One author in BibTeX's unambiguous "Family, Given" form; single-word names are braced as a unit. */
export function bibtexName(name: string): string | null {
  const parsed = parseAuthorName(name);
  if (parsed.kind === 'literal') return parsed.literal ? `{${latexValue(parsed.literal)}}` : null;
  const family = part(parsed.family);
  if (parsed.suffix) return `${family}, ${part(parsed.suffix)}, ${part(parsed.given)}`;
  return parsed.given ? `${family}, ${part(parsed.given)}` : family;
}

/** A tag for the comma-separated `keywords` list; one holding a separator is braced so it stays whole. */
function keyword(tag: string): string {
  const text = oneLine(tag);
  return /[,;]/.test(text) ? `{${latexValue(text)}}` : latexValue(text);
}

// URLs are verbatim in biblatex and url.sty; only what would break BibTeX's own parsing is percent-encoded.
function bibtexUrl(url: string): string {
  return url.replace(/[{}\\\s]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/** One `@misc` entry under the given citation key. */
export function bibtexEntry(item: LibraryItem, citeKey: string, options: BibtexOptions = {}): string {
  const fields: [string, string][] = [['title', latexTitle(item.title)]];
  const authors = item.authors.map(bibtexName).filter((name): name is string => name !== null);
  if (authors.length > 0) fields.push(['author', authors.join(' and ')]);
  const year = itemYear(item);
  if (year !== null) fields.push(['year', String(year)]);
  const kind = itemKind(item);
  if (kind === 'arxiv') {
    const id = item.arxivId!;
    fields.push(['eprint', id], ['archivePrefix', 'arXiv']);
    const primaryClass = primaryClassOf(options.primaryClasses, id) ?? oldStyleArchive(id);
    if (primaryClass) fields.push(['primaryClass', primaryClass]);
    fields.push(['url', bibtexUrl(itemUrl(item))], ['doi', arxivDoi(id)]);
    // Not a standard field (styles ignore it): it keeps the OpenReview id of a paper that has both. Ids are
    // [A-Za-z0-9_-] and written raw, like eprint and doi, which no style typesets as text.
    if (item.openreviewId && isOpenReviewId(item.openreviewId))
      fields.push(['openreview', item.openreviewId]);
  } else if (kind === 'openreview') {
    fields.push(['url', bibtexUrl(itemUrl(item))], ['howpublished', 'OpenReview']);
  } else {
    fields.push(['url', bibtexUrl(item.url)]);
  }
  const tags = item.tags.map(oneLine).filter(Boolean);
  if (tags.length > 0) fields.push(['keywords', tags.map(keyword).join(', ')]);
  const note = item.note.replace(/\r\n?/g, '\n').trim();
  if (note) fields.push(['annote', latexValue(note, true)]);
  const body = fields.map(([name, value]) => `  ${name} = {${value}}`).join(',\n');
  return `@misc{${citeKey},\n${body}\n}\n`;
}

/** A .bib file for the items, in the given order, with unique citation keys. */
export function buildBibtex(items: readonly LibraryItem[], options: BibtexOptions = {}): string {
  const keys = citationKeys(items);
  return items.map((item, i) => bibtexEntry(item, keys[i]!, options)).join('\n');
}
