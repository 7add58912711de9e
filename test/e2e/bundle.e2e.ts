/**
 * The built extension as files (no browser): the content script stays small and carries no dataset (the
 * background owns the data and answers by message), and the manifest asks for exactly the documented
 * permissions. Runs on the build global-setup made (or E2E_EXTENSION_DIR).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { CONTENT_SCRIPT_MATCHES } from '../../lib/sites';
import { EXTENSION_DIR } from './build';
import { REPO_ROOT } from './fixture-server';
import { PAPERS } from './helpers/dataset';

/** The content script's size budget (lib/settings.ts and lib/messages-client.ts are written to fit it). */
const CONTENT_SCRIPT_BUDGET_GZIP = 30 * 1024;

interface Manifest {
  permissions?: string[];
  optional_permissions?: string[];
  host_permissions?: string[];
  optional_host_permissions?: string[];
  content_scripts?: { matches: string[]; js?: string[] }[];
  web_accessible_resources?: unknown[];
  background?: { service_worker?: string };
}

const manifest = JSON.parse(readFileSync(path.join(EXTENSION_DIR, 'manifest.json'), 'utf8')) as Manifest;
const contentScriptFiles = (manifest.content_scripts ?? []).flatMap((cs) => cs.js ?? []);
const read = (file: string) => readFileSync(path.join(EXTENSION_DIR, file), 'utf8');

/**
 * Record titles to look for: every 40th record, kept to plain ASCII without quotes or backslashes so a bundler
 * cannot have escaped them differently. They come from the dataset only; no UI string is a paper title.
 */
const SAMPLE_TITLES = PAPERS.filter((_, i) => i % 40 === 0)
  .map((r) => r.title)
  .filter((t) => /^[\x20-\x7e]+$/.test(t) && !/["'`\\]/.test(t) && t.length >= 25);

/** Strings that only the dataset has: its shape (JSON keys the UI never reads) and its version id. */
const datasetMeta = JSON.parse(readFileSync(path.join(REPO_ROOT, 'data/dataset-meta.json'), 'utf8')) as {
  version: string;
};
const DATASET_MARKERS = [
  'normTitle',
  'titleVariants',
  '"provenance":[',
  'provenance:[{',
  datasetMeta.version,
];

describe('content script bundle', () => {
  it('is declared once in the manifest', () => {
    expect(contentScriptFiles).toEqual(['content-scripts/papers.js']);
  });

  it(`is at most ${CONTENT_SCRIPT_BUDGET_GZIP / 1024} KB gzipped`, () => {
    const size = gzipSync(readFileSync(path.join(EXTENSION_DIR, 'content-scripts/papers.js')), {
      level: 9,
    }).length;
    expect(size).toBeGreaterThan(1024);
    expect(size, `content script is ${(size / 1024).toFixed(1)} KB gzipped`).toBeLessThanOrEqual(
      CONTENT_SCRIPT_BUDGET_GZIP,
    );
  });

  it('has enough sample titles to be a real check', () => {
    expect(SAMPLE_TITLES.length).toBeGreaterThanOrEqual(15);
  });

  it('contains no record of the dataset and none of its shape', () => {
    const code = read('content-scripts/papers.js');
    expect(SAMPLE_TITLES.filter((t) => code.includes(t))).toEqual([]);
    expect(DATASET_MARKERS.filter((m) => code.includes(m))).toEqual([]);
  });

  it('control: the dataset ships as data/papers.json, which does contain those titles', () => {
    const dataset = read('data/papers.json');
    expect(SAMPLE_TITLES.filter((t) => !dataset.includes(t))).toEqual([]);
  });

  it('keeps the dataset out of the service worker script too (it is fetched only when seeding)', () => {
    const background = read(manifest.background?.service_worker ?? 'background.js');
    expect(SAMPLE_TITLES.filter((t) => background.includes(t))).toEqual([]);
  });

  it('opens no database and loads no schema library (those live in the background)', () => {
    const code = read('content-scripts/papers.js');
    for (const marker of ['indexedDB', 'ZodError']) expect(code, marker).not.toContain(marker);
  });
});

describe('manifest permissions', () => {
  it('asks for exactly the API permissions README.md documents, and none of the broad ones', () => {
    const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
    const section = readme.split(/^## Permissions/m)[1]?.split(/^## /m)[0] ?? '';
    // Rows of README's "Permissions, and why" table: | `name` | why |
    const documented = [...section.matchAll(/^\|\s*`([^`]+)`\s*\|/gm)].map((m) => m[1]!);
    expect(documented).toContain('storage');
    expect([...(manifest.permissions ?? [])].sort()).toEqual([...documented].sort());
    expect(manifest.optional_permissions ?? []).toEqual([]);
    const broad = [
      'tabs',
      'activeTab',
      'scripting',
      'webRequest',
      'webNavigation',
      'history',
      'cookies',
      '<all_urls>',
    ];
    expect((manifest.permissions ?? []).filter((p) => broad.includes(p))).toEqual([]);
  });

  it('has host access only to arXiv and OpenReview PDF paths (to badge PDF tabs)', () => {
    expect([...(manifest.host_permissions ?? [])].sort()).toEqual(
      [
        'https://arxiv.org/pdf/*',
        'https://www.arxiv.org/pdf/*',
        'https://export.arxiv.org/pdf/*',
        'https://openreview.net/pdf*',
      ].sort(),
    );
    expect(manifest.optional_host_permissions ?? []).toEqual([]);
    expect(manifest.web_accessible_resources ?? []).toEqual([]);
  });

  it('injects the content script exactly where lib/sites says, and nowhere broader', () => {
    const matches = (manifest.content_scripts ?? []).flatMap((cs) => cs.matches);
    expect([...matches].sort()).toEqual([...CONTENT_SCRIPT_MATCHES].sort());
    for (const pattern of matches) {
      expect(pattern).toMatch(
        /^https:\/\/(?:(?:www\.|export\.)?arxiv\.org\/(?:abs|html)\/\*|openreview\.net\/forum\*)$/,
      );
    }
  });
});
