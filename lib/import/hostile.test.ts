import { openDB } from 'idb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { type BackgroundService, startBackground } from '../background/index';
import type { LibraryItem } from '../db/schema';
import { fixtureDataset, uniqueDbName, V1 } from '../db/test-fixtures';
import { buildBibtex } from '../export/bibtex';
import { BACKUP_FORMAT, buildJsonBackup } from '../export/json-backup';
import type { MessageSender, RequestOutput, Result } from '../messages';
import { IMPORT_LIMITS } from './types';

/**
 * Hostile files through the real importLibrary message (issue #6): truncated, wrong-type, oversized,
 * duplicate-laden and crafted backups and BibTeX files, sent from the options page to a background over
 * fake-indexeddb. For each one the library database (items, snapshots, tombstones) is byte-identical
 * afterwards, and the reply says why: a refused file names its cause in the error, a file whose every entry is
 * rejected names the cause in each rejection. `HOSTILE_CASES` below is the count quoted in the issue's note.
 */

const EXT_ID = fakeBrowser.runtime.id;
const OPTIONS: MessageSender = { id: EXT_ID, url: fakeBrowser.runtime.getURL('/options.html') };
const NOW = 1_700_000_000_000;

function item(overrides: Partial<LibraryItem> & Pick<LibraryItem, 'key' | 'title'>): LibraryItem {
  return {
    arxivId: null,
    openreviewId: null,
    catalogId: null,
    authors: ['Ada Lovelace'],
    year: 2023,
    leaves: [],
    url: 'https://example.org/paper',
    savedAt: NOW,
    updatedAt: NOW,
    tags: ['kept'],
    note: 'a note',
    status: 'reading',
    ...overrides,
  };
}

const STORED: LibraryItem[] = [
  item({
    key: 'arxiv:2106.09685',
    arxivId: '2106.09685',
    title: 'LoRA: Low-Rank Adaptation of Large Language Models',
    url: 'https://arxiv.org/abs/2106.09685',
  }),
  item({ key: 'openreview:rJl-b3RcF7', openreviewId: 'rJl-b3RcF7', title: 'The Lottery Ticket Hypothesis' }),
  item({ key: 'title:a paper without ids', title: 'A Paper without Ids' }),
];
const BACKUP = buildJsonBackup(STORED, { now: NOW });
const BIBTEX = buildBibtex(STORED);

/** A backup whose items are `items` (raw JSON text), around a valid envelope. */
function backupWith(itemsJson: string): string {
  return `{"format":"${BACKUP_FORMAT}","version":1,"exportedAt":"2023-11-14T00:00:00.000Z","items":[${itemsJson}]}`;
}
const itemJson = (overrides: Record<string, unknown>) =>
  JSON.stringify({ ...item({ key: 'title:new paper', title: 'New Paper' }), ...overrides });

/** Bytes as File.text() gives them to the options page: UTF-8 with replacement characters. */
const asFileText = (bytes: number[] | Uint8Array) => new TextDecoder('utf-8').decode(new Uint8Array(bytes));
function utf16(text: string, bigEndian: boolean): number[] {
  const bytes = bigEndian ? [0xfe, 0xff] : [0xff, 0xfe];
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    bytes.push(...(bigEndian ? [code >> 8, code & 0xff] : [code & 0xff, code >> 8]));
  }
  return bytes;
}
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0x7b, 0x40];
const ZIP = [0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 8, 0, ...[...'library.json'].map((c) => c.charCodeAt(0))];
const JPEG = [0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46];
const GZIP = [0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 3];

function nested(depth: number, open: string, close: string, inner: string): string {
  return open.repeat(depth) + inner + close.repeat(depth);
}

type Format = 'json' | 'bibtex';
interface HostileCase {
  name: string;
  format: Format;
  text: () => string;
  /**
   * 'refused': the reply is {ok: false} and its error matches; 'rejected': the reply is ok, nothing added or
   * merged, and every rejection matches (and there is at least one).
   */
  outcome: 'refused' | 'rejected';
  why: RegExp;
  /** Rejections expected (when 'rejected'), when the count itself is the point. */
  rejections?: number;
}

const TRUNCATIONS = [1, 2, 10, 50, 100, 200, 0.25, 0.5, 0.75, 0.9, 0.99].map((cut) => ({
  name: `backup truncated at ${cut < 1 ? `${cut * 100}%` : `${cut} chars`}`,
  format: 'json' as const,
  text: () => BACKUP.slice(0, cut < 1 ? Math.floor(BACKUP.length * cut) : cut),
  outcome: 'refused' as const,
  why: /not valid JSON \(is it truncated or corrupted\?\)/,
}));

const CASES: HostileCase[] = [
  ...TRUNCATIONS,
  // Wrong type.
  ...(['json', 'bibtex'] as const).flatMap((format): HostileCase[] => [
    {
      name: 'a PNG image',
      format,
      text: () => asFileText(PNG),
      outcome: 'refused',
      why: /not text: it looks like a PNG image/,
    },
    {
      name: 'a ZIP archive',
      format,
      text: () => asFileText(ZIP),
      outcome: 'refused',
      why: /not text: it looks like a ZIP archive/,
    },
    {
      name: 'a JPEG image',
      format,
      text: () => asFileText(JPEG),
      outcome: 'refused',
      why: /not text: it looks like a JPEG image/,
    },
    { name: 'a gzip file', format, text: () => asFileText(GZIP), outcome: 'refused', why: /gzip archive/ },
    {
      name: 'a PDF',
      format,
      text: () => '%PDF-1.7\n%âãÏÓ\n1 0 obj',
      outcome: 'refused',
      why: /PDF document/,
    },
    {
      name: 'UTF-16 LE with BOM',
      format,
      text: () => asFileText(utf16(format === 'json' ? BACKUP : BIBTEX, false)),
      outcome: 'refused',
      why: /looks like UTF-16 text; save it as UTF-8/,
    },
    {
      name: 'UTF-16 BE with BOM',
      format,
      text: () => asFileText(utf16(format === 'json' ? BACKUP : BIBTEX, true)),
      outcome: 'refused',
      why: /looks like UTF-16 text/,
    },
  ]),
  { name: 'an empty file', format: 'json', text: () => '', outcome: 'refused', why: /The file is empty/ },
  {
    name: 'a BOM and spaces',
    format: 'json',
    text: () => '\uFEFF \n\t ',
    outcome: 'refused',
    why: /The file is empty/,
  },
  {
    name: 'an empty file',
    format: 'bibtex',
    text: () => '',
    outcome: 'refused',
    why: /No BibTeX entries were found/,
  },
  {
    name: 'a CSV',
    format: 'json',
    text: () => 'title,url\nLoRA,https://arxiv.org/abs/2106.09685\n',
    outcome: 'refused',
    why: /not valid JSON/,
  },
  {
    name: 'a CSV',
    format: 'bibtex',
    text: () => 'title,url\nLoRA,https://arxiv.org/abs/2106.09685\n',
    outcome: 'refused',
    why: /No BibTeX entries were found/,
  },
  {
    name: 'BibTeX sent as JSON',
    format: 'json',
    text: () => BIBTEX,
    outcome: 'refused',
    why: /not valid JSON/,
  },
  {
    name: 'a backup sent as BibTeX',
    format: 'bibtex',
    text: () => BACKUP,
    outcome: 'refused',
    why: /No BibTeX entries were found/,
  },
  {
    name: 'a CSL-JSON list',
    format: 'json',
    text: () => '[{"type":"article","title":"x"}]',
    outcome: 'refused',
    why: /is a list, not an Efficiency Lens library backup/,
  },
  {
    name: "another app's JSON",
    format: 'json',
    text: () => '{"items":[]}',
    outcome: 'refused',
    why: /format is missing/,
  },
  {
    name: 'a newer backup version',
    format: 'json',
    text: () => BACKUP.replace('"version": 1', '"version": 999'),
    outcome: 'refused',
    why: /newer version of Efficiency Lens \(backup version 999\)/,
  },
  {
    name: 'NaN and Infinity literals',
    format: 'json',
    text: () => backupWith('{"savedAt": NaN, "updatedAt": Infinity}'),
    outcome: 'refused',
    why: /not valid JSON/,
  },
  // Oversized.
  {
    name: 'over the 20 MiB message cap (characters)',
    format: 'json',
    text: () => `${BACKUP}${' '.repeat(IMPORT_LIMITS.bytes)}`,
    outcome: 'refused',
    why: /^Invalid input for importLibrary: text: Too big: expected string to have <=20971520 characters/,
  },
  {
    name: 'over the 20 MiB import cap (UTF-8 bytes, under the character cap)',
    format: 'bibtex',
    text: () => `@misc{k, title = {${'語'.repeat(IMPORT_LIMITS.bytes / 3 + 10)}}}`,
    outcome: 'refused',
    why: /larger than 20 MB, the most an import accepts/,
  },
  {
    name: '50,001 items',
    format: 'json',
    text: () =>
      backupWith(
        Array(IMPORT_LIMITS.items + 1)
          .fill('{}')
          .join(','),
      ),
    outcome: 'refused',
    why: /holds 50001 items; the most an import accepts is 50000/,
  },
  {
    name: '100,000 entries',
    format: 'bibtex',
    text: () => Array.from({ length: 100_000 }, (_, i) => `@misc{k${i}, title = {Paper ${i}}}\n`).join(''),
    outcome: 'refused',
    why: /more than 50000 entries, the most an import accepts/,
  },
  // Duplicates.
  {
    name: 'the "format" key 10,000 times, the last one wrong',
    format: 'json',
    text: () =>
      `{${'"format":"efficiency-lens-library",'.repeat(10_000)}"format":"evil","version":1,"items":[]}`,
    outcome: 'refused',
    why: /not an Efficiency Lens library backup \(its format is "evil"/,
  },
  {
    name: 'one new item whose key is repeated 10,000 times, every copy invalid',
    format: 'json',
    text: () =>
      backupWith(
        Array(10_000)
          .fill(itemJson({ url: 'javascript:alert(1)' }))
          .join(','),
      ),
    outcome: 'rejected',
    why: /url: not an http\(s\) URL/,
    rejections: 10_000,
  },
  // Hostile strings and shapes.
  {
    name: 'a 1 MB note',
    format: 'json',
    text: () => backupWith(itemJson({ note: 'n'.repeat(1 << 20) })),
    outcome: 'rejected',
    why: /note: Too big/,
  },
  {
    name: 'a 1 MB title',
    format: 'json',
    text: () => backupWith(itemJson({ title: 't'.repeat(1 << 20) })),
    outcome: 'rejected',
    why: /title: Too big/,
  },
  {
    name: 'a "__proto__" key in an item',
    format: 'json',
    text: () => backupWith(itemJson({}).replace('{', '{"__proto__":{"polluted":true},')),
    outcome: 'rejected',
    why: /forbidden key "__proto__"/,
  },
  {
    name: 'a "constructor" key in an item',
    format: 'json',
    text: () => backupWith(itemJson({}).replace('{', '{"constructor":{"prototype":{"polluted":true}},')),
    outcome: 'rejected',
    why: /forbidden key "constructor"/,
  },
  {
    name: 'a "__proto__" key in the envelope',
    format: 'json',
    text: () => BACKUP.replace('{', '{"__proto__":{"polluted":true},'),
    outcome: 'refused',
    why: /malformed: it holds a "__proto__" key/,
  },
  {
    name: 'an unknown key in an item',
    format: 'json',
    text: () => backupWith(itemJson({ onclick: 'alert(1)' })),
    outcome: 'rejected',
    why: /Unrecognized key: "onclick"/,
  },
  {
    name: 'a javascript: URL',
    format: 'json',
    text: () => backupWith(itemJson({ url: 'javascript:alert(document.cookie)' })),
    outcome: 'rejected',
    why: /url: not an http\(s\) URL/,
  },
  {
    name: 'a data: URL',
    format: 'json',
    text: () => backupWith(itemJson({ url: 'data:text/html,<script>alert(1)</script>' })),
    outcome: 'rejected',
    why: /url: not an http\(s\) URL/,
  },
  {
    name: 'an item key that does not match its id',
    format: 'json',
    text: () => backupWith(itemJson({ key: 'arxiv:2106.09685', arxivId: '2305.14314' })),
    outcome: 'rejected',
    why: /does not match arxivId/,
  },
  {
    name: 'tags nested 10,000 deep',
    format: 'json',
    text: () =>
      backupWith(itemJson({ tags: 'X' }).replace('"tags":"X"', `"tags":${nested(10_000, '[', ']', '"t"')}`)),
    outcome: 'rejected',
    why: /tags/,
  },
  {
    name: 'a document nested 10,000 deep',
    format: 'json',
    text: () => nested(10_000, '{"a":', '}', '1'),
    outcome: 'refused',
    why: /format is missing/,
  },
  {
    name: 'items nested 10,000 deep',
    format: 'json',
    text: () => backupWith(nested(10_000, '[', ']', '1')),
    outcome: 'rejected',
    why: /not an object/,
  },
  // BibTeX.
  {
    name: 'an unclosed brace',
    format: 'bibtex',
    text: () => '@article{k,\n  title = {LoRA: {Low-Rank Adaptation,\n  year = 2021\n}\n',
    outcome: 'rejected',
    why: /unclosed brace \(the file ends inside this entry\)/,
  },
  {
    name: 'an unclosed quote',
    format: 'bibtex',
    text: () => '@article{k, title = "LoRA, year = 2021}\n',
    outcome: 'rejected',
    why: /unbalanced "\}"/,
  },
  {
    name: 'braces nested 10,000 deep, never closed',
    format: 'bibtex',
    text: () => `@misc{k, title = ${'{'.repeat(10_000)}x}`,
    outcome: 'rejected',
    why: /unclosed brace/,
  },
  {
    name: 'braces nested 10,000 deep in an entry without a title',
    format: 'bibtex',
    text: () => `@misc{k, note = ${nested(10_000, '{', '}', 'x')}}`,
    outcome: 'rejected',
    why: /no title/,
  },
  {
    name: '@string macros doubling themselves (a billion laughs)',
    format: 'bibtex',
    text: () => `@string{a = "ha"}\n${'@string{a = a # a}\n'.repeat(40)}@misc{k, title = a}\n`,
    outcome: 'refused',
    why: /@string macros expand to more than \d+ characters/,
  },
  {
    name: '@string defined by itself',
    format: 'bibtex',
    text: () => '@string{a = a}\n@string{b = b # a # b}\n@misc{k, title = a # b}\n',
    outcome: 'rejected',
    why: /no title/,
  },
  {
    name: 'a 1 MB annote',
    format: 'bibtex',
    text: () => `@misc{k, title = {New Paper}, annote = {${'n'.repeat(1 << 20)}}}`,
    outcome: 'rejected',
    why: /note: Too big/,
  },
  {
    name: 'an entry with no title',
    format: 'bibtex',
    text: () => '@misc{k, author = {Ada Lovelace}, year = 2023}',
    outcome: 'rejected',
    why: /no title/,
  },
  {
    name: 'a title of punctuation only',
    format: 'bibtex',
    text: () => '@misc{k, title = {?!--::}}',
    outcome: 'rejected',
    why: /no letters or digits/,
  },
  {
    name: 'a garbage field name',
    format: 'bibtex',
    text: () => '@misc{k, title = {T}, = {x}}',
    outcome: 'rejected',
    why: /expected a field name/,
  },
];

/** Hostile files tried in this file (the table, plus the duplicate and inert-text cases below). */
export const HOSTILE_CASES = CASES.length + 4;

// ---------------------------------------------------------------------------------------------------------

async function dumpDb(name: string): Promise<string> {
  const db = await openDB(name);
  try {
    const stores: Record<string, unknown> = {};
    for (const store of [...db.objectStoreNames].sort()) {
      stores[store] = { keys: await db.getAllKeys(store), values: await db.getAll(store) };
    }
    return JSON.stringify(stores);
  } finally {
    db.close();
  }
}

let service: BackgroundService;
let libraryDbName: string;

function send(message: unknown): Promise<Result<unknown>> {
  return new Promise((resolve) => {
    service.listener(message, OPTIONS, (reply) => resolve(reply));
  });
}

type ImportReply = RequestOutput<'importLibrary'>;

async function importText(format: Format, text: string, dryRun?: boolean): Promise<Result<ImportReply>> {
  return (await send({ type: 'importLibrary', input: { format, text, dryRun } })) as Result<ImportReply>;
}

beforeAll(async () => {
  fakeBrowser.reset();
  libraryDbName = uniqueDbName('hostile-library');
  service = startBackground({
    browser: fakeBrowser,
    bundled: fixtureDataset(V1),
    now: () => NOW,
    catalogDbName: uniqueDbName('hostile-catalog'),
    libraryDbName,
    logger: { warn: () => undefined },
  });
  const seeded = await importText('json', BACKUP);
  expect(seeded.ok && seeded.value.added).toBe(STORED.length);
});
afterAll(async () => {
  await service.close();
});

describe('hostile imports change nothing and say why', () => {
  it.each(CASES.map((c) => [`${c.format}: ${c.name}`, c] as const))('%s', async (_label, c) => {
    const before = await dumpDb(libraryDbName);
    const reply = await importText(c.format, c.text());
    if (c.outcome === 'refused') {
      expect(reply.ok, JSON.stringify(reply).slice(0, 300)).toBe(false);
      if (!reply.ok) {
        expect(reply.error).toMatch(c.why);
        expect(reply.error.length).toBeLessThan(1_000);
      }
    } else {
      expect(reply.ok, JSON.stringify(reply).slice(0, 300)).toBe(true);
      if (reply.ok) {
        expect(reply.value).toMatchObject({ added: 0, merged: 0, snapshotId: null });
        expect(reply.value.rejected.length).toBe(c.rejections ?? reply.value.rejected.length);
        expect(reply.value.rejected.length).toBeGreaterThan(0);
        for (const rejection of reply.value.rejected) {
          expect(rejection.reason).toMatch(c.why);
          expect(rejection.reason.length).toBeLessThanOrEqual(IMPORT_LIMITS.reason);
        }
      }
    }
    expect(await dumpDb(libraryDbName)).toBe(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('a backup repeating a stored item 10,000 times: one copy compared, 9,999 rejected as duplicates, nothing written', async () => {
    const before = await dumpDb(libraryDbName);
    const copy = JSON.stringify(STORED[0]);
    const reply = await importText('json', backupWith(Array(10_000).fill(copy).join(',')));
    expect(reply.ok).toBe(true);
    if (!reply.ok) return;
    expect(reply.value).toMatchObject({ added: 0, merged: 0, unchanged: 1, snapshotId: null });
    expect(reply.value.rejected).toHaveLength(9_999);
    for (const { reason } of reply.value.rejected) expect(reason).toMatch(/duplicate key "arxiv:2106.09685"/);
    expect(await dumpDb(libraryDbName)).toBe(before);
  });

  it('a BibTeX file repeating a stored paper 10,000 times: nothing written, 9,999 named as the same paper', async () => {
    const before = await dumpDb(libraryDbName);
    const entry = buildBibtex([STORED[0]!]);
    const reply = await importText('bibtex', Array(10_000).fill(entry).join('\n'));
    expect(reply.ok).toBe(true);
    if (!reply.ok) return;
    expect(reply.value).toMatchObject({ added: 0, merged: 0, snapshotId: null });
    expect(reply.value.rejected).toHaveLength(9_999);
    for (const { reason } of reply.value.rejected)
      expect(reason).toMatch(/the same paper as entry 1 \(arxiv:2106.09685\)/);
    expect(await dumpDb(libraryDbName)).toBe(before);
  });

  it('a dry run of a valid import writes nothing either (control: the same file without dryRun does write)', async () => {
    const fresh = backupWith(itemJson({ key: 'title:dry run paper', title: 'Dry Run Paper' }));
    const before = await dumpDb(libraryDbName);
    const dry = await importText('json', fresh, true);
    expect(dry).toMatchObject({ ok: true, value: { added: 1, snapshotId: null } });
    expect(await dumpDb(libraryDbName)).toBe(before);
    const real = await importText('json', fresh);
    expect(real).toMatchObject({ ok: true, value: { added: 1 } });
    // The probe sees writes: this is what makes the "unchanged" assertions above meaningful.
    expect(await dumpDb(libraryDbName)).not.toBe(before);
    await send({ type: 'bulkRemoveLibrary', input: { keys: ['title:dry run paper'] } });
  });

  it('markup, scripts and "__proto__" in BibTeX text are stored as inert text, never interpreted', async () => {
    const bib =
      '@misc{__proto__, __proto__ = {polluted}, constructor = {x},\n' +
      '  title = {<script>alert(1)</script><img src=x onerror=alert(2)> {\\"U}ber}, url = {javascript:alert(3)}}\n';
    const reply = await importText('bibtex', bib);
    expect(reply).toMatchObject({ ok: true, value: { added: 1 } });
    const listed = (await send({ type: 'listLibrary', input: {} })) as Result<LibraryItem[]>;
    const stored = listed.ok ? listed.value.find((i) => i.title.includes('<script>')) : undefined;
    expect(stored?.title).toBe('<script>alert(1)</script><img src=x onerror=alert(2)> Über');
    // The javascript: URL is not kept as the link; the item gets an arXiv title search instead.
    expect(stored?.url).toMatch(/^https:\/\/arxiv\.org\/search\/\?query=/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    if (stored) await send({ type: 'bulkRemoveLibrary', input: { keys: [stored.key] } });
  });
});
