/**
 * Test-only helpers for the site adapter tests: load a saved page into a happy-dom document under the URL
 * it stands for (scripts are never executed), and read the fixture manifest. Not imported by extension code.
 */

import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Window } from 'happy-dom';

/** test/fixtures/ (MANIFEST.json copied from /work/shared/fixtures, pages/, and our own local_* pages). */
export const FIXTURES_DIR = fileURLToPath(new URL('../../test/fixtures/', import.meta.url));

/** One record of test/fixtures/MANIFEST.json (the fields these tests read). */
export interface ManifestEntry {
  file: string;
  url_it_stands_for: string;
  kind: string;
  expected: {
    arxiv_id: string | null;
    title: string;
    openreview_id?: string;
    known_arxiv_id?: string;
    version_shown?: number;
    requested_version?: number;
    latest_version?: number;
  };
}

/** The fixture manifest. */
export function readManifest(): ManifestEntry[] {
  return JSON.parse(readFileSync(`${FIXTURES_DIR}MANIFEST.json`, 'utf8')) as ManifestEntry[];
}

/** A fixture file's text; `file` is relative to test/fixtures/ (e.g. "pages/abs_2106.09685.html"). */
export function readFixture(file: string): string {
  return readFileSync(`${FIXTURES_DIR}${file}`, 'utf8');
}

/** True when the fixture file exists. */
export function fixtureExists(file: string): boolean {
  return existsSync(`${FIXTURES_DIR}${file}`);
}

const openWindows: Window[] = [];

/**
 * A document holding `html`, whose location is `url`. happy-dom runs no JavaScript by default; script and
 * stylesheet loading are disabled too, so nothing leaves the machine and no page code runs.
 */
export function loadDocument(html: string, url: string): Document {
  const window = new Window({
    url,
    settings: {
      disableJavaScriptFileLoading: true,
      disableCSSFileLoading: true,
      disableIframePageLoading: true,
    },
  });
  openWindows.push(window);
  window.document.write(html);
  return window.document as unknown as Document;
}

/** Loads a fixture file under the URL it stands for. */
export function loadFixture(file: string, url: string): Document {
  return loadDocument(readFixture(file), url);
}

/** Closes every window opened by loadDocument (call from afterAll). */
export async function closeDocuments(): Promise<void> {
  const windows = openWindows.splice(0);
  await Promise.all(windows.map((w) => w.happyDOM.close()));
}
