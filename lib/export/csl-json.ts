import type { LibraryItem } from '../db/schema';
import { citationKeys } from './citation-keys';
import { arxivDoi, itemKind, itemUrl, itemYear, oneLine } from './item';
import { parseAuthorName } from './names';

/**
 * CSL-JSON (https://citeproc-js.readthedocs.io/en/latest/csl-json/markup.html), read by Zotero, pandoc and
 * every citeproc. arXiv preprints are `article` with arXiv's DOI, `publisher: "arXiv"` and the arXiv number
 * (the shape Zotero itself exports for preprints); OpenReview papers are `paper-conference`. As in BibTeX, the
 * user's note goes to `annote` (reader's notes, never rendered by citation styles) and the tags to `keyword`.
 */

/** A CSL name: split, or kept whole as a literal. */
export type CslName = { family: string; given?: string; suffix?: string } | { literal: string };

/** The CSL-JSON item fields this exporter writes. */
export interface CslItem {
  id: string;
  type: 'article' | 'paper-conference';
  title: string;
  author?: CslName[];
  issued?: { 'date-parts': [[number]] };
  URL: string;
  DOI?: string;
  publisher?: string;
  number?: string;
  keyword?: string;
  annote?: string;
}

/** One stored author name as a CSL name. */
export function cslName(name: string): CslName | null {
  const parsed = parseAuthorName(name);
  if (parsed.kind === 'literal') return parsed.literal ? { literal: parsed.literal } : null;
  const out: { family: string; given?: string; suffix?: string } = { family: parsed.family };
  if (parsed.given) out.given = parsed.given;
  if (parsed.suffix) out.suffix = parsed.suffix;
  return out;
}

/** One CSL-JSON item under the given id (the citation key). */
export function cslItem(item: LibraryItem, id: string): CslItem {
  const kind = itemKind(item);
  const authors = item.authors.map(cslName).filter((name): name is CslName => name !== null);
  const year = itemYear(item);
  const tags = item.tags.map(oneLine).filter(Boolean);
  const note = item.note.replace(/\r\n?/g, '\n').trim();
  // Spreads keep the keys in a readable order and leave absent fields out entirely.
  return {
    id,
    type: kind === 'openreview' ? 'paper-conference' : 'article',
    title: oneLine(item.title),
    ...(authors.length > 0 ? { author: authors } : {}),
    ...(year !== null ? { issued: { 'date-parts': [[year]] as [[number]] } } : {}),
    URL: itemUrl(item),
    ...(kind === 'arxiv'
      ? { DOI: arxivDoi(item.arxivId!), publisher: 'arXiv', number: `arXiv:${item.arxivId}` }
      : {}),
    ...(tags.length > 0 ? { keyword: tags.join(', ') } : {}),
    ...(note ? { annote: note } : {}),
  };
}

/** A CSL-JSON file (an array of items, pretty-printed) for the items, ids = the BibTeX citation keys. */
export function buildCslJson(items: readonly LibraryItem[]): string {
  const keys = citationKeys(items);
  return `${JSON.stringify(
    items.map((item, i) => cslItem(item, keys[i]!)),
    null,
    2,
  )}\n`;
}
