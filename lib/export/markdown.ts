import type { LibraryItem } from '../db/schema';
import { itemUrl, itemYear, oneLine } from './item';

/**
 * Markdown links, one list item per paper: `- [Title](https://arxiv.org/abs/ID) (year) — tags`. Escaping follows
 * CommonMark/GFM (any ASCII punctuation may be backslash-escaped), so titles with `*`, `_`, `[`, `$` or `~`
 * render as written on GitHub, in Obsidian and in pandoc, and never turn into emphasis, math or strikethrough.
 */

// Emphasis, code, links, autolinks/HTML, math ($ on GitHub), strikethrough, table pipes, and the escape itself.
const INLINE_SPECIALS = /[\\`*_[\]<>$~|]|&(?=#?[A-Za-z0-9]+;)/g;

/** Text escaped for inline Markdown, on one line. */
export function escapeMarkdown(text: string): string {
  return oneLine(text).replace(INLINE_SPECIALS, (ch) => `\\${ch}`);
}

/** A URL safe as a link destination: whitespace, parentheses, angle brackets and backslashes percent-encoded. */
export function markdownUrl(url: string): string {
  // encodeURIComponent leaves parentheses alone, and they would end the destination.
  return url.replace(/[\s()<>\\]/g, (ch) =>
    ch === '(' ? '%28' : ch === ')' ? '%29' : encodeURIComponent(ch),
  );
}

/** `[Title](url)` for one paper (its arXiv abstract page, OpenReview forum or stored link). */
export function markdownLink(item: LibraryItem): string {
  return `[${escapeMarkdown(item.title)}](${markdownUrl(itemUrl(item))})`;
}

/** One list line: `- [Title](url) (year) — tag, tag`; year and tags only when present. */
export function markdownLine(item: LibraryItem): string {
  const year = itemYear(item);
  const tags = item.tags.map(escapeMarkdown).filter(Boolean);
  return `- ${markdownLink(item)}${year === null ? '' : ` (${year})`}${tags.length ? ` — ${tags.join(', ')}` : ''}`;
}

/** A Markdown list of the items, in the given order. */
export function buildMarkdown(items: readonly LibraryItem[]): string {
  return items.map((item) => `${markdownLine(item)}\n`).join('');
}
