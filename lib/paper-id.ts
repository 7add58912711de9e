/**
 * Paper identifiers: every form a page or a user shows us (bare arXiv ids, arXiv DOIs, URLs of arXiv, its
 * mirrors and reader sites, OpenReview forum links) parsed into one canonical `PaperRef`, and canonical links
 * built back from it.
 *
 * Validity follows arXiv's own scheme (https://info.arxiv.org/help/arxiv_identifier.html): we reject ids
 * arXiv never issued, so a stray number on a page ("2113.00001", "bogus/9711200") is never taken for a paper.
 * The parsers never throw, whatever they are given; the link builders throw a TypeError on a bad id, because
 * a link to a non-paper is a bug to surface, not a value to render.
 */

export type PaperRef =
  | { kind: 'arxiv'; id: string; version: number | null } // id is versionless and canonical
  | { kind: 'openreview'; id: string };

/**
 * Archives that issued old-style ids (archive/YYMMNNN, 1991-07 to 2007-03). Later archives (stat, q-fin, eess,
 * econ) only ever had new-style ids. Source: arXiv's archive list, cross-checked with rsxiv's `Archive` enum.
 */
export const OLD_STYLE_ARCHIVES: readonly string[] = [
  'acc-phys',
  'adap-org',
  'alg-geom',
  'ao-sci',
  'astro-ph',
  'atom-ph',
  'bayes-an',
  'chao-dyn',
  'chem-ph',
  'cmp-lg',
  'comp-gas',
  'cond-mat',
  'cs',
  'dg-ga',
  'funct-an',
  'gr-qc',
  'hep-ex',
  'hep-lat',
  'hep-ph',
  'hep-th',
  'math',
  'math-ph',
  'mtrl-th',
  'nlin',
  'nucl-ex',
  'nucl-th',
  'patt-sol',
  'physics',
  'plasm-ph',
  'q-alg',
  'q-bio',
  'quant-ph',
  'solv-int',
  'supr-con',
];
const OLD_ARCHIVE_SET: ReadonlySet<string> = new Set(OLD_STYLE_ARCHIVES);

// Ids with a subject class and a version stay well under this; the cap keeps regexes off huge inputs.
const MAX_ID_LENGTH = 64;
const ARXIV_PREFIX = /^arxiv:\s*/i;
// YYMM.NNNN (0704-1412) or YYMM.NNNNN (1501-), then vN. Ranges are checked in code, not in the regex.
const NEW_STYLE = /^(\d{2})(\d{2})\.(\d{4,5})(?:v(\d+))?$/;
// archive[.Subject]/YYMMNNN, then vN. The subject class (math.GT, cond-mat.mes-hall) is never part of the
// identity: arXiv 301-redirects /abs/math.GT/0309136 to /abs/math/0309136, so it is dropped.
const OLD_STYLE = /^([a-z]+(?:-[a-z]+)?)(?:\.[A-Za-z][A-Za-z-]{1,19})?\/(\d{2})(\d{2})(\d{3})(?:v(\d+))?$/;
// Old-style ids run from 9107 to 0703 (as arxiv_identifier.html gives the range), compared as YYYYMM.
const OLD_STYLE_FIRST = 199107;
const OLD_STYLE_LAST = 200703;
// OpenReview note ids: URL-safe base64-like tokens, e.g. "rJl-b3RcF7", "BkeXVZBYDH".
const OPENREVIEW_ID = /^[A-Za-z0-9_-]{6,40}$/;

/** Version digits to a number: vN with N >= 1 and no leading zero; null when absent; NaN when invalid. */
function parseVersion(digits: string | undefined): number | null {
  if (digits === undefined) return null;
  if (digits.startsWith('0')) return Number.NaN;
  const n = Number(digits);
  return Number.isSafeInteger(n) ? n : Number.NaN;
}

/** A bare id (no "arXiv:" prefix) to its canonical versionless form and version; null when invalid. */
function parseBareArxivId(text: string): { id: string; version: number | null } | null {
  if (text.length > MAX_ID_LENGTH) return null;
  const fresh = NEW_STYLE.exec(text);
  if (fresh) {
    const [, yy, mm, seq, v] = fresh as unknown as [string, string, string, string, string | undefined];
    const month = Number(mm);
    const yymm = Number(yy) * 100 + month;
    if (month < 1 || month > 12) return null;
    // Four-digit sequence numbers from 0704 through 1412, five digits from 1501 on; both start at 1.
    if (seq.length === 4 ? yymm < 704 || yymm > 1412 : yymm < 1501) return null;
    if (Number(seq) === 0) return null;
    const version = parseVersion(v);
    if (Number.isNaN(version)) return null;
    return { id: `${yy}${mm}.${seq}`, version };
  }
  const old = OLD_STYLE.exec(text);
  if (old) {
    const [, archive, yy, mm, num, v] = old as unknown as [
      string,
      string,
      string,
      string,
      string,
      string | undefined,
    ];
    if (!OLD_ARCHIVE_SET.has(archive)) return null;
    const month = Number(mm);
    if (month < 1 || month > 12) return null;
    const year = Number(yy) >= 91 ? 1900 + Number(yy) : 2000 + Number(yy);
    const ym = year * 100 + month;
    if (ym < OLD_STYLE_FIRST || ym > OLD_STYLE_LAST) return null;
    if (num === '000') return null;
    const version = parseVersion(v);
    if (Number.isNaN(version)) return null;
    return { id: `${archive}/${yy}${mm}${num}`, version };
  }
  return null;
}

/**
 * Bare id forms: "2106.09685", "2106.09685v2", "arXiv:2106.09685", "arxiv:2106.09685v1", "hep-th/9711200",
 * "hep-th/9711200v3", "math.GT/0309136" (normalised to "math/0309136"). Returns null when not a valid id.
 */
export function parseArxivId(input: string): { id: string; version: number | null } | null {
  if (typeof input !== 'string' || input.length > MAX_ID_LENGTH) return null;
  return parseBareArxivId(input.replace(ARXIV_PREFIX, ''));
}

/** True for a canonical versionless arXiv id (what PaperRecord.arxivId holds). */
export function isArxivId(id: string): boolean {
  const parsed = typeof id === 'string' ? parseBareArxivId(id) : null;
  return parsed !== null && parsed.version === null && parsed.id === id;
}

/** True for a syntactically valid OpenReview forum (note) id. */
export function isOpenReviewId(id: string): boolean {
  return typeof id === 'string' && OPENREVIEW_ID.test(id);
}

/**
 * Year (4 digits) and month of first submission encoded in an arXiv id (both styles, versions allowed):
 * 2106.09685 -> {2021, 6}; hep-th/9711200 -> {1997, 11}. Null for invalid ids.
 */
export function arxivIdDate(id: string): { year: number; month: number } | null {
  const parsed = parseArxivId(id);
  if (!parsed) return null;
  const slash = parsed.id.indexOf('/');
  const yymm = slash === -1 ? parsed.id.slice(0, 4) : parsed.id.slice(slash + 1, slash + 5);
  const yy = Number(yymm.slice(0, 2));
  // New-style ids start in 2007 (YY 07+); old-style YY 91-99 are the 1900s, 00-07 the 2000s.
  const year = slash !== -1 && yy >= 91 ? 1900 + yy : 2000 + yy;
  return { year, month: Number(yymm.slice(2, 4)) };
}

// ---------------------------------------------------------------------------------------------------------
// URLs

type PathRule = (url: URL) => PaperRef | null;

function arxivRef(text: string | undefined): PaperRef | null {
  if (text === undefined) return null;
  const parsed = parseBareArxivId(text);
  return parsed ? { kind: 'arxiv', ...parsed } : null;
}

/** Path without trailing slashes ("/abs/2106.09685/" and "/abs/2106.09685" are the same page). */
function trimmedPath(url: URL): string {
  return url.pathname.replace(/\/+$/, '');
}

/** A rule for "/<section>/<id>" paths, for each listed section. */
function sectionsRule(sections: readonly string[]): PathRule {
  const pattern = new RegExp(`^/(?:${sections.join('|')})/(.+)$`);
  return (url) => arxivRef(pattern.exec(trimmedPath(url))?.[1]);
}

// arxiv.org: /abs/<id>, /pdf/<id>[.pdf], /html/<id>, /format/<id>, /src/<id> (ids may carry vN). Listing,
// search and help pages (/list/..., /search/..., /a/..., /) have no id and fall through to null.
const arxivSite: PathRule = (url) => {
  const m = /^\/(abs|pdf|html|format|src)\/(.+)$/.exec(trimmedPath(url));
  if (!m) return null;
  const [, section, rest] = m as unknown as [string, string, string];
  return arxivRef(section === 'pdf' ? rest.replace(/\.pdf$/, '') : rest);
};

// openreview.net: only the forum page and its PDF name a paper; /group?id=, /profile?id= etc. do not.
const openReviewSite: PathRule = (url) => {
  if (!/^\/(?:forum|pdf)$/.test(trimmedPath(url))) return null;
  const id = url.searchParams.get('id');
  return id !== null && OPENREVIEW_ID.test(id) ? { kind: 'openreview', id } : null;
};

// arXiv DOIs (DataCite, https://info.arxiv.org/help/arxiv_doi.html) are 10.48550/arXiv.<id>. DOIs are
// case-insensitive and often percent-encoded by resolvers' link builders.
const ARXIV_DOI = /^10\.48550\/arxiv\.(.+)$/i;

function arxivDoiRef(doi: string): PaperRef | null {
  const m = ARXIV_DOI.exec(doi);
  if (!m) return null;
  // The DOI is case-insensitive ("ARXIV.HEP-TH/9711200V2"); a lower-cased subject class still parses, and is
  // dropped anyway.
  return arxivRef(m[1]!.toLowerCase());
}

const doiSite: PathRule = (url) => {
  let path: string;
  try {
    path = decodeURIComponent(trimmedPath(url));
  } catch {
    return null; // malformed percent-encoding
  }
  return arxivDoiRef(path.slice(1));
};

/** Exact hostnames we understand (a Map, so "constructor" or "__proto__" hosts find nothing). */
const HOST_RULES: ReadonlyMap<string, PathRule> = new Map<string, PathRule>([
  ['arxiv.org', arxivSite],
  ['www.arxiv.org', arxivSite],
  ['export.arxiv.org', arxivSite],
  ['browse.arxiv.org', arxivSite],
  // ar5iv: arXiv papers rendered as HTML (https://ar5iv.labs.arxiv.org/html/<id>; ar5iv.org/abs redirects there).
  ['ar5iv.labs.arxiv.org', sectionsRule(['html'])],
  ['ar5iv.org', sectionsRule(['abs', 'html'])],
  // alphaXiv: discussion overlay keyed by arXiv id.
  ['alphaxiv.org', sectionsRule(['abs', 'overview'])],
  ['www.alphaxiv.org', sectionsRule(['abs', 'overview'])],
  // Hugging Face daily papers: /papers/<arXiv id>.
  ['huggingface.co', sectionsRule(['papers'])],
  ['openreview.net', openReviewSite],
  ['www.openreview.net', openReviewSite],
  ['doi.org', doiSite],
  ['dx.doi.org', doiSite],
]);

/** A URL object from a string, a URL, or anything URL-like with an `href` (e.g. `location`); else null. */
function toUrl(url: unknown): URL | null {
  if (url instanceof URL) return url;
  let href: unknown = url;
  if (typeof url === 'object' && url !== null) href = (url as { href?: unknown }).href;
  if (typeof href !== 'string') return null;
  try {
    return new URL(href);
  } catch {
    return null; // not a URL (URL.canParse would do, but is newer than some browsers we run in)
  }
}

/**
 * Any URL of a paper page: arxiv.org abs/pdf/html/format/src (also www., export., browse.), ar5iv,
 * alphaxiv.org abs/overview, huggingface.co/papers, openreview.net forum/pdf ?id=, doi.org/10.48550/arXiv.<id>.
 * Accepts string | URL; returns null for anything else (listing, search and home pages, other hosts).
 */
export function parsePaperUrl(url: string | URL): PaperRef | null {
  try {
    const u = toUrl(url);
    if (!u || (u.protocol !== 'https:' && u.protocol !== 'http:') || u.port !== '') return null;
    // "arxiv.org." (fully qualified, trailing dot) is the same host.
    const rule = HOST_RULES.get(u.hostname.replace(/\.$/, ''));
    return rule ? rule(u) : null;
  } catch {
    // Getters of exotic URL-likes may throw; the contract is null, never an exception.
    return null;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Free text

// Zero-width and BOM characters ride along when ids are copied from web pages and PDFs.
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF]/g;
// The stamp arXiv prints beside the PDF: "arXiv:0706.0001v1 [q-bio.CB] 1 Jun 2007"; we keep only the id.
const STAMP = /^(\S+)\s+\[[a-z-]+(?:\.[A-Za-z-]+)?\](?:\s+\d{1,2}\s+[A-Z][a-z]{2}\s+\d{4})?$/;
const DOI_TEXT = /^(?:doi:\s*)?(10\.48550\/.+)$/i;
const REF_KEY = /^(arxiv|openreview):(.+)$/i;
const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

/**
 * Anything a user may type or paste: a bare id, an arXiv stamp, an arXiv DOI ("10.48550/arXiv.2106.09685",
 * case-insensitive, optionally "doi:"), a refKey ("openreview:<id>"), a URL (also without scheme, e.g.
 * "arxiv.org/abs/2106.09685"), surrounded by whitespace. Null if none.
 */
export function parsePaperRef(input: string): PaperRef | null {
  if (typeof input !== 'string') return null;
  try {
    const text = input.replace(INVISIBLE, '').trim();
    if (text === '') return null;
    if (text.length <= MAX_ID_LENGTH * 2) {
      const bare = parseArxivId(STAMP.exec(text)?.[1] ?? text);
      if (bare) return { kind: 'arxiv', ...bare };
      const doi = DOI_TEXT.exec(text);
      if (doi) return arxivDoiRef(doi[1]!);
      const key = REF_KEY.exec(text);
      if (key && key[1]!.toLowerCase() === 'openreview') {
        return OPENREVIEW_ID.test(key[2]!) ? { kind: 'openreview', id: key[2]! } : null;
      }
    }
    // A URL has no inner whitespace; anything else is prose, not a reference.
    if (/\s/.test(text)) return null;
    const href = HAS_SCHEME.test(text) ? text : text.startsWith('//') ? `https:${text}` : `https://${text}`;
    return parsePaperUrl(href);
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Keys and links

/** Stable catalog key of a ref: "arxiv:<id>" / "openreview:<id>". */
export function refKey(ref: PaperRef): string {
  if (ref.kind === 'arxiv') return `arxiv:${parseBareArxivId(ref.id)?.id ?? ref.id}`;
  return `openreview:${ref.id}`;
}

/** Inverse of refKey: "arxiv:2106.09685" / "openreview:rJl-b3RcF7" to a ref; null for any other string. */
export function parseRefKey(key: string): PaperRef | null {
  if (typeof key !== 'string') return null;
  const m = /^(arxiv|openreview):(.{1,64})$/.exec(key);
  if (!m) return null;
  const [, kind, id] = m as unknown as [string, string, string];
  if (kind === 'arxiv') return isArxivId(id) ? { kind: 'arxiv', id, version: null } : null;
  return OPENREVIEW_ID.test(id) ? { kind: 'openreview', id } : null;
}

function describe(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value.slice(0, 80)) : typeof value;
}

/** Parses an id for a link builder; a bad id or version is a programming error, reported as TypeError. */
function requireArxivId(
  id: string,
  version: number | null | undefined,
): { id: string; version: number | null } {
  const parsed = parseArxivId(id);
  if (!parsed) throw new TypeError(`Not an arXiv id: ${describe(id)}`);
  const v = version ?? parsed.version;
  if (v !== null && !(Number.isSafeInteger(v) && v >= 1)) {
    throw new TypeError(`Not an arXiv version number: ${String(v)}`);
  }
  return { id: parsed.id, version: v };
}

/** https://arxiv.org/abs/<id>[vN]; a version inside `id` is kept unless `version` is given. */
export function arxivAbsUrl(id: string, version?: number | null): string {
  const ref = requireArxivId(id, version);
  return `https://arxiv.org/abs/${ref.id}${ref.version === null ? '' : `v${ref.version}`}`;
}

/** https://arxiv.org/pdf/<id>[vN] (arXiv's canonical PDF link has no ".pdf" suffix). */
export function arxivPdfUrl(id: string, version?: number | null): string {
  const ref = requireArxivId(id, version);
  return `https://arxiv.org/pdf/${ref.id}${ref.version === null ? '' : `v${ref.version}`}`;
}

/** https://openreview.net/forum?id=<id>. */
export function openReviewForumUrl(id: string): string {
  if (!isOpenReviewId(id)) throw new TypeError(`Not an OpenReview forum id: ${describe(id)}`);
  return `https://openreview.net/forum?id=${id}`;
}

/** The canonical page of a ref: its arXiv abstract page (with version, if any) or its OpenReview forum. */
export function refUrl(ref: PaperRef): string {
  return ref.kind === 'arxiv' ? arxivAbsUrl(ref.id, ref.version) : openReviewForumUrl(ref.id);
}

/** Versionless, lower-case arXiv key: "arXiv:2106.09685v2" → "2106.09685", "math.GT/0309136v1" → "math/0309136". */
export function arxivKey(id: string): string {
  if (/^\d{4}\.\d{4,5}$/.test(id)) return id; // the canonical form of almost every record: skip the rewrites
  return id
    .trim()
    .replace(/^arxiv:\s*/i, '')
    .replace(/v\d+$/i, '')
    .replace(/^([a-z-]+)\.[a-z-]+\//i, '$1/')
    .toLowerCase();
}
