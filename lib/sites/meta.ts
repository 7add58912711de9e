/**
 * Readers for page metadata: Highwire `citation_*` tags (Google Scholar's inclusion guidelines, emitted by
 * arxiv-browse `browse/formatting/metatags.py` and openreview-web `app/forum/page.js`), Open Graph tags,
 * `<link rel=canonical>` and `<title>`. Values are raw attribute strings (entities already decoded by the
 * parser, markup inside them stays literal text); callers clean them with `cleanText`.
 *
 * Matching is done by comparing attribute values in code rather than by building `meta[name="..."]`
 * selectors, so no page-controlled or caller-controlled string is ever parsed as a selector.
 */

/** Content of every `<meta name=…>` with this exact name, in document order. */
export function metaContents(doc: Document, name: string): string[] {
  const out: string[] = [];
  for (const meta of doc.querySelectorAll('meta[name][content]')) {
    if (meta.getAttribute('name') === name) out.push(meta.getAttribute('content') ?? '');
  }
  return out;
}

/** Content of the first `<meta name=…>` with this exact name, or null. */
export function metaContent(doc: Document, name: string): string | null {
  return metaContents(doc, name)[0] ?? null;
}

/** Content of the first `<meta property=…>` (Open Graph) with this exact property, or null. */
export function metaProperty(doc: Document, property: string): string | null {
  for (const meta of doc.querySelectorAll('meta[property][content]')) {
    if (meta.getAttribute('property') === property) return meta.getAttribute('content');
  }
  return null;
}

/** Absolute URL of the first `<link rel=canonical>`, resolved against `base`; null when absent or invalid. */
export function canonicalUrl(doc: Document, base: URL): URL | null {
  for (const link of doc.querySelectorAll('link[rel][href]')) {
    const rel = (link.getAttribute('rel') ?? '').toLowerCase().split(/\s+/);
    if (!rel.includes('canonical')) continue;
    return resolveUrl(link.getAttribute('href'), base);
  }
  return null;
}

/**
 * The document's `<title>` text (raw; the parser has decoded entities), or null when there is none. SVG
 * `<title>`s (tooltips of icons) are not the document's title.
 */
export function documentTitle(doc: Document): string | null {
  for (const title of doc.querySelectorAll('title')) {
    if (!title.closest('svg')) return title.textContent ?? '';
  }
  return null;
}

/** `href` resolved against `base`; null for a missing or unparsable value. Never throws. */
export function resolveUrl(href: string | null | undefined, base: URL): URL | null {
  if (typeof href !== 'string') return null;
  try {
    return new URL(href, base);
  } catch {
    return null;
  }
}
