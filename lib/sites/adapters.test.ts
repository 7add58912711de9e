/**
 * Conventions of lib/sites/ checked by tests rather than by review (house rules 2, 4 and 10): every adapter
 * ships with its test table and fixtures, the content-script match patterns stay narrow, adapters never
 * parse page text as markup, and no site-specific selector lives outside lib/sites/.
 */

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { MatchPattern } from 'wxt/utils/match-patterns';
import {
  adapters,
  CONTENT_SCRIPT_MATCHES,
  findAdapter,
  findListAdapter,
  LIST_SCRIPT_MATCHES,
  listSites,
  paperSites,
} from './index';
import { closeDocuments, FIXTURES_DIR, fixtureExists, loadFixture, readManifest } from './test-helpers';

afterAll(closeDocuments);

const SITES_DIR = fileURLToPath(new URL('./', import.meta.url));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const manifest = readManifest();

/** Manifest kinds named before the adapter's id was fixed (the shared fixtures say "semantic_scholar_"). */
const KIND_ALIASES: Partial<Record<string, string[]>> = { semanticscholar: ['semantic_scholar_'] };

/** Files under `dir` (recursively) whose name passes `keep`. */
function walk(dir: string, keep: (name: string) => boolean): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...walk(path, keep));
    else if (keep(name)) out.push(path);
  }
  return out;
}

describe('the registries', () => {
  it('list the same sites in the same order: whole adapters, paper halves (./pages), list halves (./lists)', () => {
    const ids = adapters.map((a) => a.id);
    expect(paperSites.map((a) => a.id)).toEqual(ids);
    expect(listSites.map((a) => a.id)).toEqual(ids);
    for (const [i, adapter] of adapters.entries()) {
      // The whole adapter is made of exactly these halves: the same functions, the same pattern lists.
      expect(adapter.detectPaper).toBe(paperSites[i]!.detectPaper);
      expect(adapter.paperMatches).toBe(paperSites[i]!.paperMatches);
      expect(adapter.detectEntries).toBe(listSites[i]!.detectEntries);
      expect(adapter.listMatches).toBe(listSites[i]!.listMatches);
    }
  });
});

describe('every adapter', () => {
  it('has a unique id', () => {
    expect(new Set(adapters.map((a) => a.id)).size).toBe(adapters.length);
  });

  it.each(adapters.map((a) => [a.id, a] as const))('%s has its test file', (id) => {
    expect(existsSync(join(SITES_DIR, `${id}.test.ts`))).toBe(true);
    expect(existsSync(join(SITES_DIR, `${id}.ts`))).toBe(true);
  });

  // A fixture counts when the adapter detects it: the paper of a paper page, or the entries of a list page
  // (Scholar has no paper pages, only result lists). Every adapter with paper pages must detect one.
  it.each(adapters.map((a) => [a.id, a] as const))(
    '%s has at least one manifest fixture that it detects',
    (id, adapter) => {
      const prefixes = [`${id}_`, ...(KIND_ALIASES[id] ?? [])];
      const own = manifest.filter((e) => prefixes.some((p) => e.kind.startsWith(p)));
      const paperPages = own.filter((e) => adapter.matches(new URL(e.url_it_stands_for)));
      const listPages = own.filter((e) => adapter.listKind(new URL(e.url_it_stands_for)) !== null);
      expect(paperPages.length + listPages.length).toBeGreaterThan(0);
      const papers = paperPages.filter(
        (e) =>
          adapter.detectPaper(loadFixture(e.file, e.url_it_stands_for), new URL(e.url_it_stands_for)) !==
          null,
      );
      const lists = listPages.filter(
        (e) =>
          adapter.detectEntries(loadFixture(e.file, e.url_it_stands_for), new URL(e.url_it_stands_for))
            .length > 0,
      );
      if (adapter.paperMatches.length > 0) expect(papers.length).toBeGreaterThan(0);
      if (adapter.listMatches.length > 0) expect(lists.length).toBeGreaterThan(0);
      expect(papers.length + lists.length).toBeGreaterThan(0);
    },
  );

  it.each(adapters.map((a) => [a.id, a] as const))(
    '%s has paper pages or list pages, and a gate for each kind it declares',
    (_id, adapter) => {
      expect(adapter.paperMatches.length + adapter.listMatches.length).toBeGreaterThan(0);
      // No paper patterns: the paper gate never opens (findAdapter must not pick a list-only adapter).
      if (adapter.paperMatches.length === 0) {
        for (const e of manifest) expect(adapter.matches(new URL(e.url_it_stands_for))).toBe(false);
      }
    },
  );

  it.each(adapters.map((a) => [a.id, a] as const))('%s has hand-written local fixtures', (id) => {
    const local = walk(join(FIXTURES_DIR, 'pages'), (name) => name.startsWith(`local_${id}_`));
    expect(local.length).toBeGreaterThan(0);
  });
});

describe('fixtures', () => {
  it.each(manifest.map((e) => [e.file] as const))('manifest file %s exists', (file) => {
    expect(fixtureExists(file)).toBe(true);
  });

  const local = walk(
    join(FIXTURES_DIR, 'pages'),
    (name) => name.startsWith('local_') && name.endsWith('.html'),
  );
  it.each(local.map((path) => [relative(FIXTURES_DIR, path), path] as const))(
    '%s says what it models in a trailing comment',
    (_file, path) => {
      const html = readFileSync(path, 'utf8');
      expect(html).toMatch(/<\/html>\s*<!--[\s\S]*TEST FIXTURE[\s\S]*-->\s*$/);
    },
  );
});

describe('findAdapter', () => {
  it.each([
    ['https://arxiv.org/abs/2106.09685', 'arxiv'],
    ['https://arxiv.org/html/2106.09685v2', 'arxiv'],
    ['https://openreview.net/forum?id=OUIFPHEgJU', 'openreview'],
    ['https://openreview.net/pdf?id=OUIFPHEgJU', 'openreview'],
    ['https://huggingface.co/papers/2306.00978', 'huggingface'],
    ['https://www.alphaxiv.org/abs/2312.00678', 'alphaxiv'],
    ['https://alphaxiv.org/overview/2312.00678', 'alphaxiv'],
    ['https://ar5iv.labs.arxiv.org/html/2106.09685', 'ar5iv'],
    ['https://ar5iv.org/abs/2106.09685', 'ar5iv'],
    ['https://www.semanticscholar.org/paper/X/6962af2ce217d906d7e907d7dab7369820befc17', 'semanticscholar'],
    ['https://huggingface.co/papers/date/2024-01-02', null],
    ['https://www.semanticscholar.org/search?q=lora', null],
    ['https://scholar.google.com/scholar?q=lora', null],
    ['https://arxiv.org/list/cs.CL/new', null],
    ['https://openreview.net/group?id=ICLR.cc/2024/Conference', null],
    ['https://example.org/abs/2106.09685', null],
    ['about:blank', null],
    ['data:text/html,<h1>x</h1>', null],
    ['javascript:alert(1)', null],
    ['file:///abs/2106.09685', null],
    ['chrome-extension://abc/popup.html', null],
  ])('%s -> %s', (href, id) => {
    expect(findAdapter(new URL(href))?.id ?? null).toBe(id);
  });
});

describe('CONTENT_SCRIPT_MATCHES', () => {
  it.each(CONTENT_SCRIPT_MATCHES.map((p) => [p] as const))('%s is a narrow https pattern', (pattern) => {
    expect(() => new MatchPattern(pattern)).not.toThrow();
    const m = /^https:\/\/([^/*]+)(\/.*)$/.exec(pattern);
    expect(m).not.toBeNull();
    const [, host, path] = m!;
    // No wildcard host, no catch-all path: each pattern names one site section.
    expect(host).not.toContain('*');
    expect(path).not.toBe('/*');
    // Every pattern admits paper pages that an adapter detects.
    const samples: Record<string, string> = {
      '/abs/*': '/abs/2106.09685v2',
      '/html/*': '/html/2106.09685v2',
      '/forum*': '/forum?id=OUIFPHEgJU',
      '/overview/*': '/overview/2312.00678',
      // Hugging Face paper pages, split by the first digit of the arXiv id (see huggingface.ts).
      '/papers/0*': '/papers/0704.0001',
      '/papers/1*': '/papers/1706.03762',
      '/papers/2*': '/papers/2306.00978',
      '/paper/*': '/paper/X/6962af2ce217d906d7e907d7dab7369820befc17',
    };
    expect(Object.keys(samples)).toContain(path);
    const sample = new URL(`https://${host}${samples[path!]}`);
    expect(new MatchPattern(pattern).includes(sample.href)).toBe(true);
    expect(findAdapter(sample)?.matches(sample)).toBe(true);
  });

  it('covers every manifest page an adapter detects (PDFs aside)', () => {
    const patterns = CONTENT_SCRIPT_MATCHES.map((p) => new MatchPattern(p));
    for (const entry of manifest) {
      const url = new URL(entry.url_it_stands_for);
      const adapter = findAdapter(url);
      const included = patterns.some((p) => p.includes(url.href));
      if (adapter && adapter.pageKind(url) !== 'pdf') expect(included, entry.url_it_stands_for).toBe(true);
      if (!adapter) expect(included, entry.url_it_stands_for).toBe(false);
    }
  });
});

describe('LIST_SCRIPT_MATCHES', () => {
  // The lists content script (issue #5) is injected on these; each names one host and one site section.
  it.each(LIST_SCRIPT_MATCHES.map((p) => [p] as const))('%s is a narrow https pattern', (pattern) => {
    expect(() => new MatchPattern(pattern)).not.toThrow();
    const m = /^https:\/\/([^/*]+)(\/.+)$/.exec(pattern);
    expect(m).not.toBeNull();
    expect(m![2]).not.toBe('/*');
  });

  it('covers every manifest page a list adapter annotates', () => {
    const patterns = LIST_SCRIPT_MATCHES.map((p) => new MatchPattern(p));
    for (const entry of manifest) {
      const url = new URL(entry.url_it_stands_for);
      if (findListAdapter(url))
        expect(
          patterns.some((p) => p.includes(url.href)),
          url.href,
        ).toBe(true);
    }
  });
});

describe('adapter sources', () => {
  const sources = walk(SITES_DIR, (name) => /\.ts$/.test(name) && !/\.test\.ts$/.test(name)).filter(
    (path) => !path.endsWith('test-helpers.ts'),
  );

  it('exist', () => {
    expect(sources.map((p) => relative(SITES_DIR, p)).sort()).toEqual(
      expect.arrayContaining([...adapters.map((a) => `${a.id}.ts`), 'index.ts', 'types.ts']),
    );
  });

  // Page text is read through textContent/attributes only; nothing is ever parsed as HTML or run as code.
  it.each(sources.map((p) => [relative(SITES_DIR, p), p] as const))(
    '%s never parses markup',
    (_file, path) => {
      const code = readFileSync(path, 'utf8');
      expect(code).not.toMatch(
        /\.(innerHTML|outerHTML|insertAdjacentHTML)\b|DOMParser|document\.write|\beval\(|new Function\(/,
      );
    },
  );
});

// Site-specific layout selectors and meta names belong to the adapters (house rule 2).
const SITE_MARKERS = [
  'citation_arxiv_id',
  'citation_title',
  'citation_author',
  'ltx_title',
  'ltx_personname',
  'watermark-tr',
  'h1.title',
  '#abs',
  'dl#articles',
  'list-title',
  'arxiv-result',
  'forum-container',
  'forum-note',
  'forum-authors',
  'note_content_title',
  'note-content-field',
  'data-arxiv-id',
];

describe('no site-specific selectors outside lib/sites/', () => {
  const files = ['lib', 'components', 'entrypoints']
    .flatMap((dir) => walk(join(ROOT, dir), (name) => /\.(ts|tsx)$/.test(name)))
    .filter((path) => !path.startsWith(SITES_DIR));

  it.each(files.map((p) => [relative(ROOT, p), p] as const))('%s', (_file, path) => {
    const code = readFileSync(path, 'utf8');
    const found = SITE_MARKERS.filter((marker) => code.includes(marker));
    expect(found).toEqual([]);
  });
});
