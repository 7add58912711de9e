/**
 * Plain-text extraction shared by the site adapters. Everything a page gives us is read as text (attribute
 * values or text nodes), never as markup, then whitespace-collapsed and length-capped, so a hostile title
 * (markup, entities, event-handler attributes, 100 kB of text) comes out as inert, bounded text.
 */

/** Longest title we keep (the survey's longest real titles are ~250 characters). */
export const MAX_TITLE_LENGTH = 1000;
/** Abstracts are cut here: the classifier reads no more (lib/classifier MAX_ABSTRACT_CHARS) and messages cap it. */
export const MAX_ABSTRACT_LENGTH = 5000;
/** Most authors we keep per paper (arXiv itself folds lists after 100). */
export const MAX_AUTHORS = 50;
/** Longest single author name we keep. */
export const MAX_AUTHOR_LENGTH = 200;

// Raw input is bounded before the regexes run, so a multi-megabyte attribute costs a slice, not a scan.
// 64 raw characters per kept character leaves room for generous whitespace runs.
const RAW_FACTOR = 64;

// Edges lose whitespace and the invisible zero-width characters (ZWSP, ZWNJ, ZWJ, word joiner, BOM) that
// ride along when text is copied; inside the text they are kept, as are bidi controls (RLO etc.): they are
// text, and the UI renders them as text (isolated), not something this layer should silently rewrite.
const EDGE_INVISIBLE = /^[\s\u200B-\u200D\u2060\uFEFF]+|[\s\u200B-\u200D\u2060\uFEFF]+$/g;

/** Any character that is neither whitespace nor a format character (Cf: bidi controls, zero-width marks). */
const VISIBLE = /[^\s\p{Cf}]/u;

/**
 * Collapses whitespace runs to one space, trims (also zero-width characters at the edges), caps at `max`
 * characters without splitting a surrogate pair. Null for non-strings and for text that ends up empty or
 * invisible (only bidi controls and zero-width characters).
 */
export function cleanText(raw: unknown, max: number = MAX_TITLE_LENGTH): string | null {
  if (typeof raw !== 'string') return null;
  let text = raw.length > max * RAW_FACTOR ? raw.slice(0, max * RAW_FACTOR) : raw;
  text = text.replace(/\s+/g, ' ').replace(EDGE_INVISIBLE, '');
  if (text.length > max) {
    let end = max;
    // Do not leave half of a surrogate pair (an emoji, a math letter) at the cut.
    const last = text.charCodeAt(end - 1);
    if (last >= 0xd800 && last <= 0xdbff) end -= 1;
    text = text.slice(0, end).replace(EDGE_INVISIBLE, '');
  }
  // Text made only of format characters (bidi controls, zero-width marks: Unicode Cf) shows as nothing.
  return VISIBLE.test(text) ? text : null;
}

/** Elements whose text is never visible content: code, styles, fallbacks, and MathML's TeX annotations. */
const NEVER_TEXT = new Set(['script', 'style', 'noscript', 'template', 'annotation', 'annotation-xml']);

export interface ElementTextOptions {
  /** Subtrees to leave out, e.g. arXiv's `span.descriptor` ("Title:") or LaTeXML footnote marks. */
  skip?: string;
  /** Stop at the first element matching this (e.g. `br` before an author's affiliation). */
  stopAt?: string;
  /** Cap of the cleaned text. */
  max?: number;
}

/**
 * The visible text of an element, read from text nodes only (never innerHTML), with `skip` subtrees and
 * script-like elements left out, whitespace-collapsed and capped. Null when the element is null or empty.
 */
export function elementText(el: Element | null | undefined, options: ElementTextOptions = {}): string | null {
  if (!el) return null;
  const max = options.max ?? MAX_TITLE_LENGTH;
  const rawLimit = max * RAW_FACTOR;
  const parts: string[] = [];
  let length = 0;
  // Iterative walk: a hostile page may nest elements deeply enough to overflow a recursive one.
  const stack: Node[] = [el];
  while (stack.length > 0 && length < rawLimit) {
    const node = stack.pop()!;
    if (node.nodeType === 3 || node.nodeType === 4) {
      const data = node.nodeValue ?? '';
      parts.push(data);
      length += data.length;
      continue;
    }
    if (node.nodeType !== 1) continue; // comments, processing instructions
    const element = node as Element;
    if (element !== el) {
      if (NEVER_TEXT.has(element.localName.toLowerCase())) continue;
      if (options.stopAt && element.matches(options.stopAt)) break;
      if (options.skip && element.matches(options.skip)) continue;
    }
    const children = element.childNodes;
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return cleanText(parts.join(''), max);
}

/**
 * Author names as plain text: each cleaned and capped, empty ones dropped, at most MAX_AUTHORS kept.
 * Repeated names are kept: two different people may share a name.
 */
export function cleanAuthors(names: Iterable<string | null | undefined>): string[] {
  const out: string[] = [];
  for (const name of names) {
    const clean = cleanText(name, MAX_AUTHOR_LENGTH);
    if (clean === null) continue;
    out.push(clean);
    if (out.length >= MAX_AUTHORS) break;
  }
  return out;
}
