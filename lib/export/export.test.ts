import { readdirSync, readFileSync } from 'node:fs';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';
import { describe, expect, it } from 'vitest';
import { LibraryItem } from '../db/schema';
import { buildBibtex } from './bibtex';
import { buildCslJson } from './csl-json';
import {
  type CitationFormat,
  citationFor,
  EXPORT_FORMAT_IDS,
  EXPORT_FORMATS,
  exportFileName,
  exportLibrary,
  isExportFormat,
} from './index';
import { buildJsonBackup } from './json-backup';
import { buildMarkdown, markdownLink } from './markdown';
import { buildRis } from './ris';
import { FIXTURE_LIBRARY, FIXTURE_NOW, FIXTURE_PRIMARY_CLASSES } from './test-fixtures';
import { randomItem, randomTools } from './test-random';

const items = FIXTURE_LIBRARY;
const options = { now: FIXTURE_NOW, primaryClasses: FIXTURE_PRIMARY_CLASSES };

describe('fixture library', () => {
  it('is schema-valid and covers the awkward cases', () => {
    for (const item of items) expect(LibraryItem.safeParse(item).success).toBe(true);
    expect(items.some((i) => i.arxivId?.includes('/'))).toBe(true);
    expect(items.some((i) => i.arxivId === null && i.openreviewId !== null)).toBe(true);
    expect(items.some((i) => i.key.startsWith('title:'))).toBe(true);
    expect(items.some((i) => i.title.length > 600)).toBe(true);
    expect(items.some((i) => i.tags.length === 0 && i.note === '')).toBe(true);
    expect(items.some((i) => i.authors.some((a) => a.includes(',')))).toBe(true);
  });
});

// Goldens are byte-exact outputs. The JSON ones end in .golden so that Biome (which formats every *.json
// in the repo) never rewrites them; `vitest run -u` regenerates all of them after an intended change.
describe('golden files', () => {
  it('BibTeX', async () => {
    await expect(buildBibtex(items, options)).toMatchFileSnapshot('./__golden__/library.bib');
  });
  it('CSL-JSON', async () => {
    await expect(buildCslJson(items)).toMatchFileSnapshot('./__golden__/library.csl.json.golden');
  });
  it('RIS', async () => {
    await expect(buildRis(items)).toMatchFileSnapshot('./__golden__/library.ris');
  });
  it('Markdown', async () => {
    await expect(buildMarkdown(items)).toMatchFileSnapshot('./__golden__/library.md');
  });
  it('JSON backup', async () => {
    await expect(buildJsonBackup(items, options)).toMatchFileSnapshot(
      './__golden__/library.backup.json.golden',
    );
  });
  it('single-paper citations', async () => {
    const formats: CitationFormat[] = ['bibtex', 'csl-json', 'ris', 'markdown', 'text'];
    const text = items
      .map((item) =>
        formats
          .map(
            (format) =>
              `=== ${item.key} · ${format}\n${citationFor(item, format, options).replace(/\r\n/g, '\n')}`,
          )
          .join('\n'),
      )
      .join('\n');
    await expect(text).toMatchFileSnapshot('./__golden__/citations.txt');
  });
});

describe('exportLibrary', () => {
  it.each(EXPORT_FORMAT_IDS)('%s: file name, MIME type and the builder output', (format) => {
    const file = exportLibrary(items, format, options);
    expect(file.fileName).toBe(`efficiency-lens-2026-11-28.${EXPORT_FORMATS[format].extension}`);
    expect(file.mimeType).toBe(EXPORT_FORMATS[format].mimeType);
    const expected = {
      bibtex: buildBibtex(items, options),
      'csl-json': buildCslJson(items),
      ris: buildRis(items),
      markdown: buildMarkdown(items),
      json: buildJsonBackup(items, options),
    }[format];
    expect(file.text).toBe(expected);
  });

  it('names files with the exact extensions, distinct per format', () => {
    expect(EXPORT_FORMAT_IDS.map((f) => exportFileName(f, FIXTURE_NOW))).toEqual([
      'efficiency-lens-2026-11-28.bib',
      'efficiency-lens-2026-11-28.csl.json',
      'efficiency-lens-2026-11-28.ris',
      'efficiency-lens-2026-11-28.md',
      'efficiency-lens-2026-11-28.json',
    ]);
  });

  it.each([
    ['UTC', Date.UTC(2026, 10, 28, 23, 30), '2026-11-28'],
    ['Pacific/Auckland', Date.UTC(2026, 10, 28, 23, 30), '2026-11-29'],
    ['America/Los_Angeles', Date.UTC(2026, 10, 29, 3, 0), '2026-11-28'],
    ['Not/AZone', Date.UTC(2026, 10, 28, 23, 30), '2026-11-28'],
  ])('dates the file name in the %s zone', (timeZone, now, date) => {
    expect(exportFileName('bibtex', now, timeZone)).toBe(`efficiency-lens-${date}.bib`);
    expect(exportLibrary([], 'bibtex', { now: new Date(now), timeZone }).fileName).toBe(
      `efficiency-lens-${date}.bib`,
    );
  });

  it('rejects an invalid time and an unknown format with a TypeError', () => {
    expect(() => exportLibrary(items, 'json', { now: Number.NaN })).toThrow(TypeError);
    expect(() => exportLibrary(items, 'csv' as never, options)).toThrow(TypeError);
    expect(() => citationFor(items[0]!, 'docx' as never)).toThrow(TypeError);
  });

  it.each([
    ['bibtex', true],
    ['json', true],
    ['csl-json', true],
    ['csv', false],
    ['BibTeX', false],
    ['', false],
    [undefined, false],
    ['__proto__', false],
  ])('isExportFormat(%j) is %s', (value, expected) => {
    expect(isExportFormat(value)).toBe(expected);
  });

  it('exports an empty selection as an empty (but valid) file', () => {
    expect(buildBibtex([])).toBe('');
    expect(JSON.parse(buildCslJson([]))).toEqual([]);
    expect(buildRis([])).toBe('');
    expect(buildMarkdown([])).toBe('');
    expect(JSON.parse(buildJsonBackup([], options)).items).toEqual([]);
  });

  it('keeps the order the caller gives and the keys stable whatever that order', () => {
    const reversed = [...items].reverse();
    const keysOf = (bib: string) => [...bib.matchAll(/^@misc\{([^,]+),/gm)].map((m) => m[1]);
    const forward = keysOf(buildBibtex(items));
    const backward = keysOf(buildBibtex(reversed));
    expect(backward).toEqual([...forward].reverse());
  });

  it('never lets `now` change anything but the backup timestamp', () => {
    const later = { ...options, now: FIXTURE_NOW + 86_400_000 * 400 };
    for (const format of ['bibtex', 'csl-json', 'ris', 'markdown'] as const) {
      expect(exportLibrary(items, format, later).text).toBe(exportLibrary(items, format, options).text);
    }
    expect(JSON.parse(exportLibrary(items, 'json', later).text).exportedAt).toBe('2028-01-02T09:30:00.000Z');
  });
});

/** BibTeX's own brace count must return to zero at the end of every entry. */
function bibtexBraceDepths(bib: string): number[] {
  return bib
    .split(/\n(?=@)/)
    .filter(Boolean)
    .map((entry) => {
      let depth = 0;
      for (const ch of entry) {
        if (ch === '{') depth++;
        else if (ch === '}') depth--;
        if (depth < 0) return depth;
      }
      return depth;
    });
}

describe('BibTeX structure', () => {
  const bib = buildBibtex(items, options);

  it('has balanced braces in every entry (BibTeX counts escaped braces too)', () => {
    expect(bibtexBraceDepths(bib)).toEqual(items.map(() => 0));
  });

  it('gives unique keys, suffixing the colliding hu2021lora pair by savedAt', () => {
    const keys = [...bib.matchAll(/^@misc\{([^,]+),/gm)].map((m) => m[1]);
    expect(new Set(keys).size).toBe(items.length);
    expect(keys).toContain('hu2021loraa'); // the long-titled paper, saved first
    expect(keys[0]).toBe('hu2021lorab'); // LoRA itself
    expect(keys).not.toContain('hu2021lora');
  });

  it('leaves no unescaped LaTeX special outside math in text fields', () => {
    const textFields = [...bib.matchAll(/^ {2}(title|author|keywords|annote) = \{(.*)\},?$/gm)].map(
      (m) => m[2]!,
    );
    expect(textFields.length).toBeGreaterThan(10);
    for (const value of textFields) {
      const rest = value
        .replace(/\{\$[^$]*\$\}/g, '')
        .replace(/\\(?:textbackslash|textasciitilde|textasciicircum|textbraceleft|textbraceright)\{\}/g, '')
        .replace(/\\[&%$#_{}]/g, '');
      expect(rest).not.toMatch(/[&%$#_~^\\]/);
    }
  });

  it('writes arXiv, OpenReview and title-only items with their own fields', () => {
    expect(bib).toContain('  eprint = {2106.09685},\n  archivePrefix = {arXiv},\n  primaryClass = {cs.CL},');
    expect(bib).toContain(
      '  eprint = {hep-th/9711200},\n  archivePrefix = {arXiv},\n  primaryClass = {hep-th},',
    );
    // An invalid category in the caller's map is ignored, not written.
    expect(bib).not.toContain('not a category');
    expect(bib).toContain(
      '  url = {https://openreview.net/forum?id=Bkg6RiCqY7},\n  howpublished = {OpenReview}',
    );
    expect(bib).toContain('  url = {https://aclanthology.org/2024.example-1.1/}\n}');
    // The stored PDF link of an arXiv paper is exported as its abstract page.
    expect(bib).toContain('url = {https://arxiv.org/abs/2307.01234}');
    expect(bib).not.toContain('arxiv.org/pdf');
  });

  it('percent-encodes the characters that would break BibTeX in URLs', () => {
    const [item] = items;
    const odd = {
      ...item!,
      arxivId: null,
      openreviewId: null,
      key: 'title:x',
      url: 'https://x.test/a{b}\\c d',
    };
    expect(buildBibtex([odd])).toContain('url = {https://x.test/a%7Bb%7D%5Cc%20d}');
  });
});

describe('CSL-JSON structure', () => {
  const csl = JSON.parse(buildCslJson(items)) as Record<string, unknown>[];

  it('has one item per paper with the BibTeX keys as ids', () => {
    const bibKeys = [...buildBibtex(items).matchAll(/^@misc\{([^,]+),/gm)].map((m) => m[1]);
    expect(csl.map((c) => c.id)).toEqual(bibKeys);
  });

  it('types, DOIs and dates by kind', () => {
    items.forEach((item, i) => {
      const c = csl[i]!;
      expect(c.type).toBe(
        item.arxivId === null && item.openreviewId !== null ? 'paper-conference' : 'article',
      );
      if (item.arxivId) expect(c.DOI).toBe(`10.48550/arXiv.${item.arxivId}`);
      else expect(c).not.toHaveProperty('DOI');
      expect(c.title).toBe(item.title.replace(/\s+/g, ' '));
    });
    // The old-style paper has no stored year; its id says 1997.
    expect(csl[2]!.issued).toEqual({ 'date-parts': [[1997]] });
    expect(csl[7]).not.toHaveProperty('issued');
  });

  it('splits names into family/given, or keeps one-word names as literals', () => {
    expect(csl[0]!.author).toContainEqual({ family: 'Hu', given: 'Edward J.' });
    expect(csl[1]!.author).toContainEqual({ family: 'Schrödinger', given: 'Erwin' });
    expect(csl[1]!.author).toContainEqual({ family: 'van Beethoven', given: 'Ludwig' });
    expect(csl[1]!.author).toContainEqual({ family: 'King', given: 'Martin Luther', suffix: 'Jr.' });
    expect(csl[4]!.author).toEqual([{ literal: '张伟' }, { literal: '李娜' }]);
    expect(csl[7]).not.toHaveProperty('author');
  });
});

describe('RIS structure', () => {
  const ris = buildRis(items);

  it('uses CRLF line ends and only "XX  - value" lines (or blank separators)', () => {
    expect(ris).not.toMatch(/[^\r]\n/);
    for (const line of ris.split('\r\n').slice(0, -1)) {
      expect(line === '' || /^[A-Z][A-Z0-9] {2}- /.test(line)).toBe(true);
    }
  });

  it('writes one TY…ER record per item with one AU per author and one KW per tag', () => {
    const records = ris.split('\r\n\r\n');
    expect(records).toHaveLength(items.length);
    records.forEach((record, i) => {
      const lines = record.split('\r\n').filter(Boolean);
      expect(lines[0]).toMatch(/^TY {2}- (JOUR|CPAPER|GEN)$/);
      expect(lines.at(-1)).toBe('ER  - ');
      expect(lines.filter((l) => l.startsWith('AU  - '))).toHaveLength(items[i]!.authors.length);
      expect(lines.filter((l) => l.startsWith('KW  - '))).toHaveLength(items[i]!.tags.length);
    });
    expect(records.map((r) => r.slice(6, r.indexOf('\r\n')))).toEqual([
      'JOUR',
      'JOUR',
      'JOUR',
      'CPAPER',
      'GEN',
      'JOUR',
      'JOUR',
      'GEN',
    ]);
  });

  it('flattens a multi-line note so no line of it can end the record', () => {
    const [item] = items;
    const record = buildRis([{ ...item!, note: 'first\r\nER  - \nTY  - JOUR' }]);
    expect(record.match(/^ER {2}- /gm)).toHaveLength(1);
    expect(record).toContain('N1  - first ER - TY - JOUR\r\n');
  });
});

describe('Markdown structure', () => {
  interface MdNode {
    type: string;
    url?: string;
    value?: string;
    children?: MdNode[];
  }
  const parse = (md: string) =>
    fromMarkdown(md, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] }) as MdNode;
  const textOf = (node: MdNode): string =>
    node.type === 'text' || node.type === 'inlineCode'
      ? (node.value ?? '')
      : (node.children ?? []).map(textOf).join('');
  const linksOf = (node: MdNode): MdNode[] =>
    node.type === 'link' ? [node] : (node.children ?? []).flatMap(linksOf);

  it('renders one list item per paper whose link text is exactly the title', () => {
    const tree = parse(buildMarkdown(items));
    const list = tree.children!.filter((n) => n.type === 'list');
    expect(list).toHaveLength(1);
    const entries = list[0]!.children!;
    expect(entries).toHaveLength(items.length);
    entries.forEach((entry, i) => {
      const links = linksOf(entry);
      expect(links).toHaveLength(1);
      expect(textOf(links[0]!)).toBe(items[i]!.title.replace(/\s+/g, ' '));
    });
    expect(linksOf(entries[0]!)[0]!.url).toBe('https://arxiv.org/abs/2106.09685');
    expect(linksOf(entries[3]!)[0]!.url).toBe('https://openreview.net/forum?id=Bkg6RiCqY7');
    expect(linksOf(entries[4]!)[0]!.url).toBe('https://example.org/papers?id=42&lang=zh-CN');
  });

  it('survives random titles, tags and URLs: the link text is the title, the URL intact', () => {
    const tools = randomTools(20261128);
    for (let n = 0; n < 200; n++) {
      const item = { ...randomItem(tools), arxivId: null, openreviewId: null };
      item.url = tools.pick(['https://x.test/a_(b)', 'https://x.test/<c> d', 'https://x.test/[e]*f']);
      const tree = parse(`${markdownLink(item)}\n`);
      const links = linksOf(tree);
      expect(links, `seed 20261128 case ${n}`).toHaveLength(1);
      // oneLine() turns control characters and line breaks into spaces and collapses runs.
      const expected = item.title
        .replace(/[\u0000-\u001F\u007F-\u009F\u2028\u2029]/g, ' ')
        .replace(/\s+/g, ' ')
        .trim();
      expect(textOf(links[0]!).replace(/\s+/g, ' ').trim()).toBe(expected);
      expect(decodeURI(links[0]!.url!)).toBe(item.url);
    }
  });
});

describe('conventions', () => {
  const sources = (dir: string) => {
    const base = new URL(dir, import.meta.url);
    return readdirSync(base)
      .filter((name) => name.endsWith('.ts') && !name.includes('test'))
      .map((name) => ({
        name: `${dir}${name}`,
        // Comments may name what the code must not use.
        code: readFileSync(new URL(name, base), 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, ''),
      }));
  };

  it('export and import are pure: no clock, no DOM, no extension or network APIs', () => {
    const files = [...sources('./'), ...sources('../import/')];
    expect(files.length).toBeGreaterThan(15);
    for (const { name, code } of files) {
      expect(code, name).not.toMatch(
        /\bDate\.now\b|new Date\(\)|\bdocument\.|\bwindow\.|\bbrowser\.|\bchrome\.|\bBlob\b|\bfetch\(/,
      );
    }
  });

  it('lib/export is zod-free (type-only imports of the db schema), so any page can copy a citation cheaply', () => {
    for (const { name, code } of sources('./')) {
      expect(code, name).not.toMatch(/from 'zod'/);
      expect(code, name).not.toMatch(/^import \{[^}]*\} from '\.\.\/db\/schema'/m);
    }
  });
});
