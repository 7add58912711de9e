/**
 * Paper identifiers found in link targets of the awesome-lists: arXiv ids, OpenReview forum ids, ACL Anthology
 * ids, and a normalised form of any other URL.
 *
 * arXiv and OpenReview parsing is delegated to lib/paper-id.ts, the project's one parser (abs/pdf/html pages
 * on every arxiv.org host, `.pdf` and vN suffixes, Hugging Face paper pages, arXiv DOIs, OpenReview forum/pdf
 * links). What is specific to the lists lives here: recovering ids with junk glued on, ACL Anthology ids, and
 * which links count as papers, code or decoration.
 */
import { arxivIdDate as paperIdDate, parseArxivId as paperIdParse, parsePaperUrl } from '../paper-id';

/** A versionless arXiv id plus the version suffix, if any. */
export interface ArxivRef {
  id: string;
  version: number | null;
}

/** Parse a bare arXiv id ("2106.09685", "2106.09685v2", "arXiv:2106.09685", "cs/0112017"). Null when invalid. */
export function parseArxivId(input: string): ArxivRef | null {
  return typeof input === 'string' ? paperIdParse(input.trim()) : null;
}

/** Year and month an arXiv id was first submitted, read from the id itself. */
export function arxivIdDate(id: string): { year: number; month: number } | null {
  return paperIdDate(id);
}

const ARXIV_HOSTS = new Set(['arxiv.org', 'export.arxiv.org', 'browse.arxiv.org']);

function safeUrl(raw: string): URL | null {
  if (typeof raw !== 'string') return null;
  const trimmed = raw.trim();
  if (!/^https?:\/\//i.test(trimmed)) return null;
  try {
    return new URL(trimmed);
  } catch {
    return null;
  }
}

function bareHost(url: URL): string {
  return url.hostname.toLowerCase().replace(/^www\./, '');
}

/**
 * The arXiv paper a link points to: abs/pdf/html pages on arxiv.org (any of its hosts, with or without vN and
 * `.pdf`), Hugging Face paper pages and arXiv DOIs. Figures under /html/<id>vN/x1.png are not paper links.
 */
export function arxivFromUrl(raw: string): ArxivRef | null {
  const url = safeUrl(raw);
  const ref = url ? parsePaperUrl(url) : null;
  return ref?.kind === 'arxiv' ? { id: ref.id, version: ref.version } : null;
}

/**
 * Like arxivFromUrl, but also recovers an id from an abs/pdf link with junk glued to it ("1911.02972v",
 * "2407.11681mini": typos in AIoT and horseee). Only the id-shaped prefix of the last path segment is used, so
 * figure paths such as /html/<id>v1/x1.png still give nothing.
 */
export function arxivFromUrlLenient(raw: string): ArxivRef | null {
  const strict = arxivFromUrl(raw);
  if (strict) return strict;
  const url = safeUrl(raw);
  if (!url || !ARXIV_HOSTS.has(bareHost(url))) return null;
  const m = /^\/(?:abs|pdf)\/(\d{4}\.\d{4,5})(?:v\d*)?[a-z]*(?:\.pdf)?\/?$/i.exec(url.pathname);
  return m?.[1] ? parseArxivId(m[1]) : null;
}

/** OpenReview forum id of a forum or pdf link (not of supplementary-material attachments). */
export function openreviewFromUrl(raw: string): string | null {
  const url = safeUrl(raw);
  const ref = url ? parsePaperUrl(url) : null;
  return ref?.kind === 'openreview' ? ref.id : null;
}

const ACL_NEW = /^\d{4}\.[a-z0-9]+(?:-[a-z0-9]+)*\.\d+$/i;
const ACL_OLD = /^[A-Z]\d{2}-\d{4}$/;

/** ACL Anthology id ("2023.acl-long.12", "P19-1355") of an aclanthology.org / aclweb.org link. */
export function aclFromUrl(raw: string): string | null {
  const url = safeUrl(raw);
  if (!url) return null;
  const host = bareHost(url);
  let rest: string | null = null;
  if (host === 'aclanthology.org') rest = url.pathname;
  else if (host === 'aclweb.org' && url.pathname.startsWith('/anthology/'))
    rest = url.pathname.slice('/anthology'.length);
  if (rest === null) return null;
  const seg = rest
    .replace(/^\/+|\/+$/g, '')
    .replace(/\.pdf$/i, '')
    .split('/');
  const id = seg[seg.length - 1] ?? '';
  return seg.length === 1 && (ACL_NEW.test(id) || ACL_OLD.test(id)) ? id : null;
}

/**
 * Comparable form of a URL: no scheme, lower-case host without "www.", no trailing slash, no fragment.
 * Used for "url:" record ids and to de-duplicate links. Null for anything that is not an http(s) URL.
 */
export function normalizeUrl(raw: string): string | null {
  const url = cleanUrl(raw);
  if (!url) return null;
  const path = url.pathname.replace(/\/+$/, '');
  return `${bareHost(url)}${path}${url.search}`;
}

/** The URL without tracking parameters (ACM's casa_token, utm_*): they say nothing about the paper. */
function cleanUrl(raw: string): URL | null {
  const url = safeUrl(raw);
  if (!url) return null;
  for (const key of [...url.searchParams.keys()])
    if (key === 'casa_token' || key.startsWith('utm_')) url.searchParams.delete(key);
  return url;
}

/** A link as stored in a record: parsed, serialised, tracking parameters removed. Null when not http(s). */
export function storedUrl(raw: string): string | null {
  return cleanUrl(raw)?.href ?? null;
}

const CODE_HOSTS = new Set(['github.com', 'gitlab.com', 'bitbucket.org', 'gitee.com', 'codeberg.org']);

/** True for links to source-code hosting (a repository, not a paper). */
export function isCodeUrl(raw: string): boolean {
  const url = safeUrl(raw);
  return url !== null && CODE_HOSTS.has(bareHost(url)) && url.pathname.split('/').filter(Boolean).length >= 2;
}

// Badge, chart and list-decoration hosts: never facts about a paper.
const NOISE_HOSTS = new Set([
  'img.shields.io',
  'badgen.net',
  'api.star-history.com',
  'star-history.com',
  'awesome.re',
  'camo.githubusercontent.com',
  'contrib.rocks',
]);

/** True for badge/decoration links that carry no information about the paper. */
export function isNoiseUrl(raw: string): boolean {
  const url = safeUrl(raw);
  return url === null || NOISE_HOSTS.has(bareHost(url));
}

// Publishers and proceedings that host papers (seen in the lists; SOURCES.md §2). A link to one of these, or to
// any `.pdf`, makes an entry a paper even without an arXiv id.
const PAPER_HOSTS = [
  'proceedings.neurips.cc',
  'papers.nips.cc',
  'papers.neurips.cc',
  'nips.cc',
  'neurips.cc',
  'icml.cc',
  'iclr.cc',
  'proceedings.mlr.press',
  'jmlr.org',
  'dl.acm.org',
  'doi.org',
  'dx.doi.org',
  'ieeexplore.ieee.org',
  'usenix.org',
  'openaccess.thecvf.com',
  'link.springer.com',
  'sciencedirect.com',
  'ojs.aaai.org',
  'aaai.org',
  'ijcai.org',
  'vldb.org',
  'mlsys.org',
  'proceedings.mlsys.org',
  'semanticscholar.org',
  'nature.com',
  'science.org',
  'pnas.org',
  'isca-archive.org',
  'isca-speech.org',
  'computer.org',
];

// PDFs that are not papers: albalak cites a lawsuit filing next to its toxic-content papers.
const NOT_PAPER_HOSTS = ['courtlistener.com'];

/** True when a link points to a paper (arXiv, OpenReview, ACL Anthology, a publisher, or a PDF). */
export function isPaperUrl(raw: string): boolean {
  if (arxivFromUrl(raw) || openreviewFromUrl(raw) || aclFromUrl(raw)) return true;
  const url = safeUrl(raw);
  if (!url) return false;
  const host = bareHost(url);
  if (PAPER_HOSTS.some((h) => host === h || host.endsWith(`.${h}`))) return true;
  if (isCodeUrl(raw) || isNoiseUrl(raw)) return false;
  if (NOT_PAPER_HOSTS.some((h) => host === h || host.endsWith(`.${h}`))) return false;
  // A PDF, or a publication page of a research lab ("/publications/<slug>").
  return /\.pdf$/i.test(url.pathname) || /\/publications?\/[^/]+/i.test(url.pathname);
}
