/**
 * The shared walker: parse a list file with a real CommonMark + GFM parser and return every list item and table
 * row together with the heading path it sits under. Per-source extractors (extract.ts) then read the entry
 * format from the flattened inline tokens.
 *
 * Why a parser and not line regexes: the sources mix bullets, numbered items whose links sit on an indented
 * continuation paragraph (RZFan525, HuangOwen), GFM tables, inline HTML (`<br>`, `<ins>`, `<img>`, `<details>`),
 * badges (images inside links), headings with a leading space (tiingweii) and fenced code and HTML comments that
 * must be ignored. micromark handles all of these the way GitHub renders them.
 */
import type { Nodes, Parent, Root, RootContent, TableRow } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';

/** One inline piece of an entry, in document order. */
export type Token =
  /** `strong`/`em`: inside `**…**` / `_…_` (titles and author lists are marked this way in some lists). */
  | { t: 'text'; v: string; strong: boolean; em: boolean }
  | { t: 'html'; v: string }
  /** `image` is true when the link wraps an image (a badge); `imageUrl`/`imageAlt` describe that image. */
  | { t: 'link'; url: string; text: string; image: boolean; imageUrl: string | null; imageAlt: string | null }
  | { t: 'image'; url: string; alt: string };

/** A list item or a table row, flattened into blocks of inline tokens. */
export interface MdItem {
  kind: 'listItem' | 'tableRow';
  /** 1-based line where the item starts. */
  line: number;
  /** Heading texts from the top of the file down to the nearest heading above the item. */
  headings: string[];
  /** List item: one token list per paragraph (nested lists excluded). Table row: one per cell. */
  blocks: Token[][];
  /** Table rows only: the plain text of the header cells. */
  header: string[] | null;
}

/** Parse markdown into an mdast tree with GFM (tables, autolinks, strikethrough). */
export function parseMarkdown(markdown: string): Root {
  return fromMarkdown(markdown, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
}

/** Visible text of a node: text and link text, without images, HTML or code fences. */
export function plainText(node: Nodes): string {
  switch (node.type) {
    case 'text':
    case 'inlineCode':
      return node.value;
    case 'image':
    case 'imageReference':
    case 'html':
    case 'code':
    case 'definition':
      return '';
    case 'break':
      return ' ';
    default:
      return 'children' in node ? (node.children as Nodes[]).map(plainText).join('') : '';
  }
}

/** Collapse runs of whitespace (including &emsp; and NBSP) and trim. */
export function squash(s: string): string {
  return s.replace(/\s+/gu, ' ').trim();
}

function flattenInline(node: Nodes, strong: boolean, em: boolean, out: Token[]): void {
  switch (node.type) {
    case 'text':
    case 'inlineCode':
      out.push({ t: 'text', v: node.value, strong, em });
      return;
    case 'break':
      out.push({ t: 'text', v: ' ', strong, em });
      return;
    case 'html':
      out.push({ t: 'html', v: node.value });
      return;
    case 'image':
      out.push({ t: 'image', url: node.url, alt: node.alt ?? '' });
      return;
    case 'link': {
      const img = node.children.find((c) => c.type === 'image');
      out.push({
        t: 'link',
        url: node.url.trim(),
        text: squash(node.children.map(plainText).join('')),
        image: img !== undefined,
        imageUrl: img?.type === 'image' ? img.url : null,
        imageAlt: img?.type === 'image' ? (img.alt ?? '') : null,
      });
      return;
    }
    case 'strong':
      for (const c of node.children) flattenInline(c, true, em, out);
      return;
    case 'emphasis':
      for (const c of node.children) flattenInline(c, strong, true, out);
      return;
    case 'code':
    case 'definition':
      return;
    default:
      if ('children' in node) for (const c of node.children as Nodes[]) flattenInline(c, strong, em, out);
  }
}

/** Inline tokens of a block (paragraph, heading, table cell, ...). */
export function tokensOf(node: Nodes): Token[] {
  const out: Token[] = [];
  flattenInline(node, false, false, out);
  return out;
}

/** Concatenated visible text of tokens (text and link text; no HTML, no images). */
export function tokensText(tokens: readonly Token[]): string {
  return tokens.map((tk) => (tk.t === 'text' ? tk.v : tk.t === 'link' ? tk.text : '')).join('');
}

/** Text of a heading as shown on GitHub: badges and HTML dropped, link text kept, emoji kept. */
export function headingText(node: Nodes): string {
  return squash(plainText(node));
}

function rowItem(row: TableRow, header: string[], headings: string[]): MdItem {
  return {
    kind: 'tableRow',
    line: row.position?.start.line ?? 1,
    headings: [...headings],
    blocks: row.children.map((cell) => tokensOf(cell)),
    header,
  };
}

/**
 * Walk the document in order and return its list items and table rows with their heading path. Fenced code,
 * HTML blocks (comments, `<details>` wrappers) and definitions are skipped; the markdown between HTML tags is
 * parsed as markdown, as GitHub does. Nested list items are returned as items of their own.
 */
export function walkItems(markdown: string): MdItem[] {
  const tree = parseMarkdown(markdown);
  const items: MdItem[] = [];
  const stack: { depth: number; text: string }[] = [];

  const visit = (node: RootContent | Root): void => {
    switch (node.type) {
      case 'heading': {
        while (stack.length > 0 && (stack[stack.length - 1]?.depth ?? 0) >= node.depth) stack.pop();
        stack.push({ depth: node.depth, text: headingText(node) });
        return;
      }
      case 'code':
      case 'html':
      case 'definition':
      case 'thematicBreak':
        return;
      case 'table': {
        const [head, ...rows] = node.children;
        const header = head ? head.children.map((c) => squash(plainText(c))) : [];
        const headings = stack.map((h) => h.text);
        for (const row of rows) items.push(rowItem(row, header, headings));
        return;
      }
      case 'listItem': {
        const blocks: Token[][] = [];
        for (const child of node.children) if (child.type !== 'list') blocks.push(tokensOf(child));
        items.push({
          kind: 'listItem',
          line: node.position?.start.line ?? 1,
          headings: stack.map((h) => h.text),
          blocks,
          header: null,
        });
        for (const child of node.children) if (child.type === 'list') visit(child);
        return;
      }
      default:
        if ('children' in node) for (const c of (node as Parent).children as RootContent[]) visit(c);
    }
  };
  visit(tree);
  return items;
}
