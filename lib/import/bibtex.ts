import {
  HttpUrl,
  LIBRARY_LIMITS,
  type LibraryItem,
  LibraryItem as LibraryItemSchema,
  libraryKeyFor,
} from '../db/schema';
import {
  arxivAbsUrl,
  arxivIdDate,
  openReviewForumUrl,
  type PaperRef,
  parseArxivId,
  parsePaperRef,
  parsePaperUrl,
} from '../paper-id';
import { type BibEntry, MACRO_BOMB, parseBibtex } from './bibtex-parser';
import { decodeLatex } from './latex-decode';
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
 * BibTeX files (ours, arXiv's, Google Scholar's, DBLP's, Zotero's and Better BibTeX's) to LibraryItems.
 *
 * Identity: an arXiv id from `eprint` (when no other archive is named), `arxivid`/`arxiv`, an arXiv DOI, an
 * arXiv URL, Google Scholar's `journal = {arXiv preprint arXiv:…}` or DBLP's `volume = {abs/…}`; an
 * OpenReview id from an openreview.net URL (in `url`, `openreview`, `howpublished` or `note`). Entries with
 * neither become title-keyed items; entries without a title are rejected.
 *
 * Mapping: title and authors (decoded; "Family, Given" turned into "Given Family", the form the site adapters
 * store), year (`year`, else biblatex's `date`, else the arXiv id's year), tags from `keywords`, the note from
 * `annote`/`annotation` (not `note`, which holds publication notes such as "Accepted at ICLR"). The link is the
 * paper's canonical page, else the DOI, else `url`, else an arXiv title search, as a LibraryItem needs one.
 */

/** Options of parseBibtexLibrary. */
export interface BibtexImportOptions {
  /** savedAt/updatedAt of the new items (ms since epoch). */
  now: number;
}

const OPENREVIEW_URL = /https?:\/\/(?:www\.)?openreview\.net\/(?:forum|pdf)\?id=[A-Za-z0-9_-]+/;
// Google Scholar: "arXiv preprint arXiv:2106.09685"; many others: "arXiv:2106.09685 [cs.CL]".
const ARXIV_IN_TEXT = /arxiv:\s*([a-z-]+(?:\.[A-Za-z-]+)?\/\d{7}(?:v\d+)?|\d{4}\.\d{4,5}(?:v\d+)?)/i;

/** A field's raw value as a URL or id: braces dropped, stray LaTeX escapes before URL characters undone. */
function rawUrl(value: string | undefined): string {
  if (value === undefined) return '';
  return value
    .replace(/\\url\s*/g, '')
    .replace(/[{}]/g, '')
    .replace(/\\([_%&#~$])/g, '$1')
    .trim();
}

function field(entry: BibEntry, ...names: string[]): string | undefined {
  for (const name of names) {
    const value = entry.fields.get(name);
    if (value !== undefined && value.trim() !== '') return value;
  }
  return undefined;
}

/** The arXiv id an entry names, if any. */
function arxivIdOf(entry: BibEntry): string | null {
  const archive = rawUrl(field(entry, 'archiveprefix', 'eprinttype')).toLowerCase();
  const eprint = rawUrl(field(entry, 'eprint'));
  const candidates: (PaperRef | null)[] = [];
  if (eprint && (archive === '' || archive === 'arxiv')) candidates.push(parsePaperRef(eprint));
  for (const name of ['arxivid', 'arxiv', 'doi', 'url']) {
    const value = rawUrl(field(entry, name));
    if (value) candidates.push(parsePaperRef(value));
  }
  for (const name of ['journal', 'journaltitle', 'note', 'howpublished', 'eprint']) {
    const match = ARXIV_IN_TEXT.exec(rawUrl(field(entry, name)));
    if (match) candidates.push(parsePaperRef(match[1]!));
  }
  // DBLP: journal = {CoRR}, volume = {abs/2106.09685}.
  const volume = /^abs\/(.+)$/.exec(rawUrl(field(entry, 'volume')));
  if (volume) {
    const parsed = parseArxivId(volume[1]!);
    if (parsed) candidates.push({ kind: 'arxiv', ...parsed });
  }
  const found = candidates.find((ref) => ref?.kind === 'arxiv');
  return found ? found.id : null;
}

/** The OpenReview forum id an entry names, if any. */
function openReviewIdOf(entry: BibEntry): string | null {
  for (const name of ['openreview', 'url', 'howpublished', 'note', 'biburl']) {
    const value = rawUrl(field(entry, name));
    if (!value) continue;
    const bare = parsePaperRef(value.includes('://') ? value : `openreview:${value}`);
    if (bare?.kind === 'openreview') return bare.id;
    const url = OPENREVIEW_URL.exec(value);
    const ref = url ? parsePaperUrl(url[0]) : null;
    if (ref?.kind === 'openreview') return ref.id;
  }
  return null;
}

/** Split on " and " outside braces (BibTeX's name-list rule, case-insensitive). */
export function splitNames(raw: string): string[] {
  const names: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i]!;
    if (ch === '\\') i++;
    else if (ch === '{') depth++;
    else if (ch === '}') depth = Math.max(0, depth - 1);
    else if (depth === 0 && /\s/.test(ch)) {
      const m = /^\s+and\s+/i.exec(raw.slice(i, i + 64));
      if (m) {
        names.push(raw.slice(start, i));
        i += m[0].length - 1;
        start = i + 1;
      }
    }
  }
  names.push(raw.slice(start));
  return names.map((name) => name.trim()).filter(Boolean);
}

/** Split on commas outside braces. */
function splitTopLevel(raw: string, separators: RegExp): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i]!;
    if (ch === '\\') i++;
    else if (ch === '{') depth++;
    else if (ch === '}') depth = Math.max(0, depth - 1);
    else if (depth === 0 && separators.test(ch)) {
      parts.push(raw.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(raw.slice(start));
  return parts;
}

/** One BibTeX name to the stored "Given Family" form; null for "others" (BibTeX's "et al."). */
export function bibNameToText(raw: string): string | null {
  const trimmed = raw.trim();
  if (/^others$/i.test(trimmed)) return null;
  const parts = splitTopLevel(trimmed, /,/).map((part) => decodeLatex(part));
  let name: string;
  if (parts.length === 1) name = parts[0]!;
  else if (parts.length === 2) name = `${parts[1]} ${parts[0]}`;
  else name = `${parts.slice(2).join(' ')} ${parts[0]} ${parts[1]}`;
  name = name.replace(/\s+/g, ' ').trim();
  return name === '' ? null : name;
}

/** Tags from `keywords`: split on commas/semicolons outside braces, decoded, deduplicated case-insensitively. */
function tagsOf(entry: BibEntry): string[] {
  const raw = field(entry, 'keywords', 'keyword');
  if (raw === undefined) return [];
  const seen = new Set<string>();
  const tags: string[] = [];
  for (const part of splitTopLevel(raw, /[,;]/)) {
    const tag = decodeLatex(part);
    const folded = tag.toLowerCase();
    if (tag && !seen.has(folded)) {
      seen.add(folded);
      tags.push(tag);
    }
  }
  return tags;
}

function yearOf(entry: BibEntry, arxivId: string | null): number | null {
  const text = decodeLatex(field(entry, 'year') ?? field(entry, 'date') ?? '');
  const match = /\b(\d{4})\b/.exec(text);
  const year = match ? Number(match[1]) : null;
  if (year !== null && year >= 1900 && year <= 2100) return year;
  return arxivId ? (arxivIdDate(arxivId)?.year ?? null) : null;
}

/** A link for an item without arXiv/OpenReview id: its DOI, its url, else an arXiv search for its title. */
function linkOf(entry: BibEntry, title: string): string {
  const doi = rawUrl(field(entry, 'doi')).replace(/^(?:https?:\/\/(?:dx\.)?doi\.org\/|doi:\s*)/i, '');
  if (/^10\.\d{4,9}\/\S+$/.test(doi)) {
    const url = `https://doi.org/${doi.split('/').map(encodeURIComponent).join('/')}`;
    if (HttpUrl.safeParse(url).success) return url;
  }
  const url = rawUrl(field(entry, 'url'));
  if (url && HttpUrl.safeParse(url).success) return url;
  // Cut the query so the URL stays within the stored limit even for a 1,000-character CJK title.
  let query = encodeURIComponent(title);
  const room = LIBRARY_LIMITS.url - 80;
  if (query.length > room) query = query.slice(0, room).replace(/%[0-9A-F]?$/i, '');
  return `https://arxiv.org/search/?query=${query}&searchtype=title`;
}

function describeEntry(entry: { index: number; line: number }, key?: string): string {
  return `entry ${entry.index + 1} (line ${entry.line}${key ? `, ${key.slice(0, 60)}` : ''})`;
}

/** One entry to a LibraryItem, or the reason it cannot be one. */
function toItem(entry: BibEntry, now: number): LibraryItem | string {
  const title = decodeLatex(field(entry, 'title') ?? '');
  if (title === '') return 'no title';
  const arxivId = arxivIdOf(entry);
  const openreviewId = openReviewIdOf(entry);
  const key = libraryKeyFor({ arxivId, openreviewId, title });
  if (key === null) return 'the title has no letters or digits to identify it';
  const url = arxivId
    ? arxivAbsUrl(arxivId)
    : openreviewId
      ? openReviewForumUrl(openreviewId)
      : linkOf(entry, title);
  const authors = splitNames(field(entry, 'author') ?? '')
    .map(bibNameToText)
    .filter((name): name is string => name !== null)
    // Large collaborations list thousands of names; the first LIBRARY_LIMITS.authors are kept.
    .slice(0, LIBRARY_LIMITS.authors);
  const candidate = {
    key,
    arxivId,
    openreviewId,
    catalogId: null,
    title,
    authors,
    year: yearOf(entry, arxivId),
    leaves: [],
    url,
    savedAt: now,
    updatedAt: now,
    tags: tagsOf(entry),
    note: decodeLatex(field(entry, 'annote', 'annotation') ?? '', { keepNewlines: true }),
    status: 'to-read',
  };
  const parsed = LibraryItemSchema.safeParse(candidate);
  return parsed.success ? parsed.data : describeIssues(parsed.error);
}

/** Plan the import of a BibTeX file's text. Never throws. */
export function parseBibtexLibrary(text: string, options: BibtexImportOptions): ImportPlan {
  if (!Number.isFinite(options?.now))
    return refusedPlan('bibtex', 'parseBibtexLibrary needs a finite `now`.');
  try {
    return planBibtex(text, options);
  } catch (error) {
    // Nothing in planBibtex is expected to throw (the fuzz tests check that this path is never taken); if it
    // ever does, the user still gets a report instead of a broken import dialog.
    return refusedPlan('bibtex', clip(`Internal error while reading the BibTeX file: ${String(error)}`));
  }
}

function planBibtex(text: string, options: BibtexImportOptions): ImportPlan {
  if (typeof text !== 'string') return refusedPlan('bibtex', 'The file is not text.');
  const tooLarge = sizeError(utf8Length(text, IMPORT_LIMITS.bytes));
  if (tooLarge) return refusedPlan('bibtex', tooLarge);
  const binary = notTextError(text);
  if (binary) return refusedPlan('bibtex', binary);
  const { blocks, stoppedEarly } = parseBibtex(stripBom(text), { maxEntries: IMPORT_LIMITS.items });
  if (stoppedEarly?.startsWith('more than')) {
    return refusedPlan(
      'bibtex',
      `The file holds more than ${IMPORT_LIMITS.items} entries, the most an import accepts.`,
    );
  }
  if (stoppedEarly?.startsWith(MACRO_BOMB)) {
    // A crafted file: refused whole rather than half imported.
    return refusedPlan('bibtex', clip(`The file was not imported: its @string ${stoppedEarly}.`));
  }
  if (blocks.length === 0) {
    return refusedPlan(
      'bibtex',
      stoppedEarly
        ? clip(`The file could not be read: ${stoppedEarly}.`)
        : 'No BibTeX entries were found in the file.',
    );
  }

  const items: LibraryItem[] = [];
  const rejected: ImportRejection[] = [];
  const firstByKey = new Map<string, number>();
  for (const block of blocks) {
    if (block.kind === 'error') {
      rejected.push({ index: block.index, reason: clip(`${describeEntry(block)}: ${block.message}`) });
      continue;
    }
    const result = toItem(block, options.now);
    if (typeof result === 'string') {
      rejected.push({ index: block.index, reason: clip(`${describeEntry(block, block.key)}: ${result}`) });
      continue;
    }
    const first = firstByKey.get(result.key);
    if (first !== undefined) {
      rejected.push({
        index: block.index,
        reason: clip(
          `${describeEntry(block, block.key)}: the same paper as entry ${first + 1} (${result.key})`,
        ),
      });
      continue;
    }
    firstByKey.set(result.key, block.index);
    items.push(result);
  }
  if (stoppedEarly) {
    const last = blocks.at(-1)!;
    rejected.push({ index: last.index + 1, reason: clip(stoppedEarly) });
  }
  return {
    format: 'bibtex',
    items,
    rejected,
    error: null,
    total: blocks.length,
    mergePolicy: 'fill-missing',
  };
}
