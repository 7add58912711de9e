/**
 * Per-source entry extractors: one small function per list format, all reading the same flattened tokens that
 * the shared walker (markdown.ts) produces. An extractor returns null for items that are not paper entries
 * (TOC lines, metrics-table rows, items without an external link).
 *
 * The formats, from SOURCES.md §2:
 *   aiot        `- Title, <ins>Venue, Year</ins> [[Paper](url)] [[Code](url)]` (also `2024/ins>`, `[[Paper]](url)`)
 *   horseee     table rows `| badges <br> [Title](url) <br> authors | <img> | [Github](…) [Paper](…) |`, or bullets
 *               `* badges [Title](url). Authors. [[Paper]](url)`; venue in the "Publish" shields badge
 *   huangowen   `- Title <br> Venue Year [[Paper]](url) [[Code]](url)`, sometimes with the venue line as a second
 *               paragraph
 *   tiingweii   table `| Date | Keywords | Paper | Venue |` (metrics tables have no Paper column: skipped)
 *   albalak     `- [Title](url): Year<br/>&emsp;Authors<br/>`
 *   xnhyacinth  `N. [**Title.**](url) _Authors._ Venue Year. [![stars](…)](github)`
 *   xuefuzhao   `- Title [[date or venue]](url)` or `- Title [Mon YYYY] [Repo](url) [Paper](url)`
 *   rzfan525    `N. **Title**` ⏎⏎ `   *Authors* [[paper]](url) Venue YYYY.MM`
 *   curated     `- [Title](url) — Venue Year`
 */
import type { SourceId } from '../dataset/schema';
import { isNoiseUrl } from './ids';
import { type MdItem, squash, type Token, tokensText } from './markdown';

/** A link of an entry: target and visible label ("" for badge links). */
export interface EntryLink {
  url: string;
  label: string;
}

/** What an extractor reads from one item. */
export interface Extracted {
  /** Title with markdown stripped and whitespace collapsed, otherwise as the source wrote it. */
  title: string;
  /** Every link target of the entry (badge links included, images' own src excluded), in order. */
  links: EntryLink[];
  /** The link the source presents as "the paper", used to pick the entry's arXiv id first. */
  paperUrl: string | null;
  /** The venue as written ("NeurlPS, 2022", "ICLR'24"), or null. */
  venueText: string | null;
  /** A year the entry states outside the venue (date column, "[Sep 2024]", "2019.09"). */
  year: number | null;
  /** tiingweii's Keywords cell. */
  keywords: string | null;
}

export type Extractor = (item: MdItem) => Extracted | null;

const GENERIC_LABEL =
  /^\[?\s*(?:paper|pdf|arxiv|code\d*|github|repo|project|blog|website|homepage|page|link|slides|video|tutorial|demo|model|models|dataset|huggingface|hf|bib|bibtex|code \(deepspeed\))\s*\]?$/i;
const PAPER_LABEL = /^\[?\s*(?:paper|pdf|arxiv)\s*\]?$/i;
const HREF = /<a\s[^>]*href\s*=\s*["']([^"']+)["']/gi;

function isUsableUrl(url: string): boolean {
  return /^https?:\/\//i.test(url.trim());
}

/** All external link targets, in order, including `<a href>` in inline HTML; never `<img src>`. */
export function linksOf(tokens: readonly Token[]): EntryLink[] {
  const out: EntryLink[] = [];
  for (const tk of tokens) {
    if (tk.t === 'link' && isUsableUrl(tk.url)) out.push({ url: tk.url.trim(), label: tk.text });
    else if (tk.t === 'html')
      for (const m of tk.v.matchAll(HREF))
        if (m[1] && isUsableUrl(m[1])) out.push({ url: m[1].trim(), label: '' });
  }
  return out;
}

function paperLink(links: readonly EntryLink[]): string | null {
  return links.find((l) => PAPER_LABEL.test(l.label))?.url ?? null;
}

/** First link with a real text label (not a badge, not "Paper"/"Code"). */
function titleLink(tokens: readonly Token[]): Extract<Token, { t: 'link' }> | null {
  for (const tk of tokens)
    if (tk.t === 'link' && !tk.image && tk.text && !GENERIC_LABEL.test(tk.text)) return tk;
  return null;
}

function textUntil(tokens: readonly Token[], stop: (tk: Token) => boolean): string {
  const out: string[] = [];
  for (const tk of tokens) {
    if (stop(tk)) break;
    if (tk.t === 'text') out.push(tk.v);
  }
  return out.join('');
}

function after<T>(list: readonly T[], item: T): T[] {
  const i = list.indexOf(item);
  return i < 0 ? [] : list.slice(i + 1);
}

function isHtml(tk: Token, re: RegExp): boolean {
  return tk.t === 'html' && re.test(tk.v);
}

function yearIn(s: string | null | undefined): number | null {
  const m = /(?<!\d)((?:19|20)\d{2})(?!\d)/.exec(s ?? '');
  return m?.[1] ? Number(m[1]) : null;
}

/** Trim the separators that sit between a title and what follows it. */
function trimTitle(s: string): string {
  return squash(s).replace(/^[\s:*-]+|[\s,，:;*-]+$/g, '');
}

function done(
  title: string,
  links: EntryLink[],
  paperUrl: string | null,
  venueText: string | null,
  year: number | null,
  keywords: string | null = null,
): Extracted | null {
  const t = squash(title);
  const external = links.filter((l) => !isNoiseUrl(l.url));
  if (!t || external.length === 0) return null;
  const v = venueText === null ? null : squash(venueText);
  return { title: t, links, paperUrl, venueText: v || null, year, keywords };
}

const aiot: Extractor = (item) => {
  const tokens = item.blocks.flat();
  const links = linksOf(tokens);
  const ins = tokens.findIndex((tk) => isHtml(tk, /^<ins>$/i));
  if (ins < 0) {
    // A few entries lost the opening tag: "Title, 2024</ins> [[Paper](…)]". The year is then glued to the title.
    const lead = textUntil(tokens, (tk) => tk.t === 'link' || isHtml(tk, /^<\/ins>$/i)).split('[')[0] ?? '';
    const tail = /^(.*?),\s*((?:19|20)\d{2})\s*$/su.exec(lead);
    return done(trimTitle(tail?.[1] ?? lead), links, paperLink(links), tail?.[2] ?? null, null);
  }
  const title = trimTitle(textUntil(tokens.slice(0, ins), () => false));
  // The venue runs to `</ins>`; 8 entries close it as "2024/ins>" (SOURCES.md §2.1), which the parser leaves
  // as text, so also stop at "/ins>" and at the first link.
  const venue = textUntil(tokens.slice(ins + 1), (tk) => tk.t === 'link' || isHtml(tk, /^<\/ins>$/i))
    .split('/ins>')[0]
    ?.split('[')[0];
  return done(title, links, paperLink(links), venue ?? null, null);
};

/** The "Publish" shields badge: `https://img.shields.io/badge/Conference-ICLR'24-blue` → "ICLR'24". */
function badgeVenue(tokens: readonly Token[]): string | null {
  for (const tk of tokens) {
    const src = tk.t === 'link' ? tk.imageUrl : tk.t === 'image' ? tk.url : null;
    const alt = tk.t === 'link' ? tk.imageAlt : tk.t === 'image' ? tk.alt : null;
    if (!src || alt?.toLowerCase() !== 'publish') continue;
    const m = /\/badge\/(.+)$/.exec(src);
    if (!m?.[1]) continue;
    // Shields syntax: label-message-colour, "--" is a literal dash, "_" a space.
    const parts = m[1]
      .replace(/--/g, '\u0000')
      .split('-')
      .map((p) => p.replace(/\u0000/g, '-').replace(/_/g, ' '));
    const message = parts.length >= 3 ? parts.slice(1, -1).join('-') : parts[0];
    return message ?? null;
  }
  return null;
}

const horseee: Extractor = (item) => {
  if (item.kind === 'tableRow') {
    const [first = [], ...rest] = item.blocks;
    const link = titleLink(first);
    const links = linksOf(item.blocks.flat());
    // The title link sometimes points at GitHub (SparseGPT), so the arXiv id comes from the [Paper] link.
    const paperUrl = paperLink(linksOf(rest.flat())) ?? link?.url ?? null;
    return done(link?.text ?? '', links, paperUrl, badgeVenue(first), null);
  }
  const tokens = item.blocks.flat();
  const link = titleLink(tokens);
  const links = linksOf(tokens);
  return done(link?.text ?? '', links, paperLink(links) ?? link?.url ?? null, badgeVenue(tokens), null);
};

const huangowen: Extractor = (item) => {
  const [first = [], ...more] = item.blocks;
  const links = linksOf(item.blocks.flat());
  let title: string;
  let tail: Token[];
  if (more.length > 0 && !first.some((tk) => tk.t === 'link')) {
    // Six recent entries put the venue and links on a second, indented paragraph.
    title = tokensText(first);
    tail = more.flat();
  } else {
    const br = first.findIndex((tk) => isHtml(tk, /^<br\s*\/?>$/i));
    title =
      br < 0
        ? (textUntil(first, (tk) => tk.t === 'link').split('[')[0] ?? '')
        : textUntil(first.slice(0, br), () => false);
    tail = br < 0 ? [] : [...first.slice(br + 1), ...more.flat()];
  }
  const venue = textUntil(tail, (tk) => tk.t === 'link').split('[')[0] ?? '';
  return done(trimTitle(title), links, paperLink(links), venue, null);
};

function column(header: readonly string[] | null, name: RegExp): number {
  return header ? header.findIndex((h) => name.test(h)) : -1;
}

const tiingweii: Extractor = (item) => {
  if (item.kind !== 'tableRow') return null;
  const paperCol = column(item.header, /^paper$/i);
  // The metrics tables (`| Metric | Description | Example Usage |`) list no papers.
  if (paperCol < 0) return null;
  const cell = (i: number) => (i >= 0 ? squash(tokensText(item.blocks[i] ?? [])) : '');
  const paperTokens = item.blocks[paperCol] ?? [];
  const link = titleLink(paperTokens);
  const links = linksOf(paperTokens);
  const venueCol = column(item.header, /^venue$/i);
  const year = yearIn(cell(column(item.header, /^date$/i)));
  const kw = cell(column(item.header, /^keywords$/i));
  let venue = venueCol >= 0 ? cell(venueCol) : null;
  // The Venue cell has no year; the Date cell gives it (both are sometimes wrong: SOURCES.md §2.4).
  if (venue && year && yearIn(venue) === null) venue = `${venue} ${year}`;
  return done(link?.text ?? cell(paperCol), links, link?.url ?? null, venue, year, kw || null);
};

const albalak: Extractor = (item) => {
  const tokens = item.blocks.flat();
  const link = titleLink(tokens);
  if (!link) return null;
  const rest = textUntil(after(tokens, link), (tk) => tk.t === 'html');
  const year = /^\s*:\s*((?:19|20)\d{2})\b/.exec(rest)?.[1];
  // One entry has a space inside its link target, so it is not a link; GFM then autolinks the URL alone.
  // Take the title from the "[Title](" text instead of from the URL.
  const broken =
    link.text === link.url ? /^\s*\[([^\]]+)\]\(/.exec(textUntil(tokens, (tk) => tk === link)) : null;
  return done(broken?.[1] ?? link.text, linksOf(tokens), link.url, null, year ? Number(year) : null);
};

const xnhyacinth: Extractor = (item) => {
  const tokens = item.blocks.flat();
  const link = titleLink(tokens);
  if (!link) return null;
  // After the title link: `_Authors._` (emphasis), then the venue as plain text, then badges.
  let venue = '';
  for (const tk of after(tokens, link)) {
    if (tk.t === 'link' || tk.t === 'image') break;
    if (tk.t === 'text' && !tk.em) venue += tk.v;
  }
  // A few entries write the authors without emphasis ("A, B, C. Arxiv 2025."): the venue is the last sentence.
  venue = venue.trim().replace(/\.$/, '').split(/\.\s+/).pop() ?? '';
  return done(link.text, linksOf(tokens), link.url, venue, null);
};

const MONTH_DATE =
  /^(?:\d{1,2}\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+((?:19|20)\d{2})$/i;

const xuefuzhao: Extractor = (item) => {
  const tokens = item.blocks.flat();
  const links = linksOf(tokens);
  const firstLink = tokens.findIndex((tk) => tk.t === 'link');
  const lead = textUntil(tokens, (tk) => tk.t === 'link');
  // "Take the title as the text before the first `[`" (SOURCES.md §2.7).
  const title = lead.split('[')[0] ?? '';
  // The bracket is either plain text "[Sep 2024]", a link "[[11 Jan 2021]](url)", or "[[EMNLP 2023](url)]".
  let bracket = /\[([^\]]+)\]/.exec(lead)?.[1] ?? null;
  const first = firstLink >= 0 ? tokens[firstLink] : undefined;
  if (!bracket && first?.t === 'link' && !GENERIC_LABEL.test(first.text))
    bracket = first.text.replace(/^\[|\]$/g, '');
  bracket = bracket ? squash(bracket) : null;
  const date = bracket ? MONTH_DATE.exec(bracket) : null;
  const paperUrl = paperLink(links) ?? links.find((l) => !/^\[?\s*repo\s*\]?$/i.test(l.label))?.url ?? null;
  return done(
    trimTitle(title),
    links,
    paperUrl,
    date ? null : bracket,
    date?.[1] ? Number(date[1]) : yearIn(bracket),
  );
};

const rzfan525: Extractor = (item) => {
  const [first = [], ...more] = item.blocks;
  const strong = first.filter((tk) => tk.t === 'text' && tk.strong);
  const title = tokensText(strong.length > 0 ? strong : first);
  const tokens = more.length > 0 ? more.flat() : first.filter((tk) => !strong.includes(tk));
  const links = linksOf(tokens);
  const paper = tokens.find((tk) => tk.t === 'link' && PAPER_LABEL.test(tk.text));
  // `[[paper]](url) ICLR2020 2019.09`: a venue (maybe "Arxiv"), then the arXiv month.
  const tail = squash(paper ? textUntil(after(tokens, paper), (tk) => tk.t === 'link') : '');
  const date = /((?:19|20)\d{2})\.(\d{2})\s*$/.exec(tail);
  const venue = date ? tail.slice(0, date.index).trim() : tail;
  return done(title, links, paperLink(links), venue || null, date?.[1] ? Number(date[1]) : null);
};

const curated: Extractor = (item) => {
  const tokens = item.blocks.flat();
  const link = titleLink(tokens);
  if (!link) return null;
  const venue = textUntil(after(tokens, link), () => false).replace(/^[\s—–-]+/, '');
  return done(link.text, linksOf(tokens), link.url, venue, null);
};

/** The extractor of each source's entry format. */
export const EXTRACTORS: Readonly<Record<Exclude<SourceId, 'manual'>, Extractor>> = {
  aiot,
  horseee,
  huangowen,
  tiingweii,
  albalak,
  xnhyacinth,
  xuefuzhao,
  rzfan525,
  curated,
};
