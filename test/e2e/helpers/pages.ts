/**
 * Fixture pages that are not in MANIFEST.json (hand-built local_* and e2e_* pages), served under the URL a test
 * names, optionally edited on the way out (e.g. another arXiv id, or a render delay).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_FIXTURES_DIR, type FixtureServer } from '../fixture-server';

/** Where the fixture pages live. */
export const PAGES_DIR = path.join(DEFAULT_FIXTURES_DIR, 'pages');

/** The text of a fixture page (pages/<file>). */
export function readPage(file: string): string {
  return readFileSync(path.join(PAGES_DIR, file), 'utf8');
}

/** Serve pages/<file> at exactly `url` (path + query), after `edit`; returns an undo. */
export function servePage(
  server: FixtureServer,
  url: string,
  file: string,
  edit: (html: string) => string = (html) => html,
): () => void {
  const html = edit(readPage(file));
  return server.route(url, { body: html });
}

/** Replace every occurrence of `from` (which must occur) with `to`: a fixture edit that fails loudly. */
export function replaceAll(html: string, from: string, to: string): string {
  if (!html.includes(from)) throw new Error(`fixture edit: ${JSON.stringify(from)} does not occur`);
  return html.split(from).join(to);
}
