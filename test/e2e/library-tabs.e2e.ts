/**
 * Ten arXiv tabs saving at once: every Save click reaches the background concurrently, and none may be lost,
 * duplicated or left showing the wrong state. Unsaving all ten at once must leave the library as it was. Then
 * five extension pages editing at once: edits of different fields of one item, sent together, must all land.
 */
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PaperRecord } from '../../lib/dataset/schema';
import { type ExtensionHarness, launchExtension } from './browser';
import { addArxivStubs, type FixtureServer, loadManifest, startFixtureServer } from './fixture-server';
import { PAPERS, recordByArxivId } from './helpers/dataset';
import { enPapers, libraryView, listLibrary, openExtensionPage, send } from './helpers/library';
import { expectSaved, saveButton, settledState } from './helpers/overlay';

const TABS = 10;

/**
 * Ten dataset papers with new-style arXiv ids and no page in the fixture set (so every tab is the same generated
 * stub page, titled with the record's title), spread evenly over the dataset sorted by id.
 */
function pickPapers(count: number): PaperRecord[] {
  const inManifest = new Set(
    loadManifest().flatMap(
      (e) => /arxiv\.org\/(?:abs|html|pdf)\/([^?#v]+)/.exec(e.url_it_stands_for)?.[1] ?? [],
    ),
  );
  const candidates = PAPERS.filter(
    (r) => r.arxivId !== null && /^\d{4}\.\d{4,5}$/.test(r.arxivId) && !inManifest.has(r.arxivId),
  ).sort((a, b) => a.arxivId!.localeCompare(b.arxivId!));
  if (candidates.length < count) throw new Error(`test premise: only ${candidates.length} candidate papers`);
  const step = Math.floor(candidates.length / count);
  return Array.from({ length: count }, (_, i) => candidates[i * step]!);
}

const papers = pickPapers(TABS);

let server: FixtureServer;
let h: ExtensionHarness;

beforeAll(async () => {
  server = await startFixtureServer();
  addArxivStubs(server, {
    pageFor: (id) => {
      const record = recordByArxivId(id);
      return record ? { title: record.title } : undefined;
    },
  });
  h = await launchExtension({ server });
});

afterEach(() => {
  h?.assertNoForeignRequests();
});

afterAll(async () => {
  await h?.close();
  await server?.close();
});

describe(`${TABS} tabs saving at once`, () => {
  it('stores every paper once, and every tab ends up showing Saved; unsaving all at once empties it', async () => {
    expect(new Set(papers.map((p) => p.arxivId)).size).toBe(TABS);
    const control = await openExtensionPage(h, 'popup.html#/library');
    await libraryView(control);
    await expect(control.locator('[data-testid="library-view"]').getAttribute('data-state')).resolves.toBe(
      'empty',
    );

    const pages: Page[] = [];
    for (const paper of papers) {
      const { page } = await h.openPage(`https://arxiv.org/abs/${paper.arxivId}`);
      pages.push(page);
    }
    for (const page of pages) {
      // Every picked paper is in the dataset, so its overlay must find it.
      expect(await settledState(page)).toBe('in-survey');
      await expectSaved(page, false);
    }

    await Promise.all(pages.map((page) => saveButton(page).click()));
    await Promise.all(pages.map((page) => expectSaved(page, true)));

    const library = await listLibrary(control);
    expect(library.map((i) => i.key).sort()).toEqual(papers.map((p) => `arxiv:${p.arxivId}`).sort());
    for (const paper of papers) {
      const item = library.find((i) => i.key === `arxiv:${paper.arxivId}`)!;
      expect(item, paper.arxivId!).toMatchObject({
        arxivId: paper.arxivId,
        title: paper.title,
        leaves: paper.leaves,
        catalogId: paper.id,
        status: 'to-read',
      });
    }
    // The library page open during the burst follows it without a reload.
    await expect
      .poll(() => control.locator('[data-testid="library-count"]').textContent(), { timeout: 5_000 })
      .toBe(enPapers(TABS));

    // No tab flipped back while the others' saves were announced.
    await Promise.all(pages.map((page) => expectSaved(page, true)));

    await Promise.all(pages.map((page) => saveButton(page).click()));
    await Promise.all(pages.map((page) => expectSaved(page, false)));
    expect(await listLibrary(control)).toEqual([]);
    await expect
      .poll(() => control.locator('[data-testid="library-view"]').getAttribute('data-state'), {
        timeout: 5_000,
      })
      .toBe('empty');

    for (const page of pages) await page.close();
    await control.close();
  });
});

describe('five extension pages editing at once', () => {
  it('keeps every edit: notes, tags and statuses sent together, several of them to the same item', async () => {
    const editors = await Promise.all(
      Array.from({ length: 5 }, () => openExtensionPage(h, 'popup.html#/library')),
    );
    const keys = papers.map((p) => `arxiv:${p.arxivId}`);
    await Promise.all(
      papers.map((paper) =>
        send(editors[0]!, 'savePaper', {
          arxivId: paper.arxivId,
          title: paper.title,
          url: `https://arxiv.org/abs/${paper.arxivId}`,
        }),
      ),
    );
    // Each page edits every item, each page a different field or value, all sent before any reply: page 0 the
    // note, page 1 the tags, page 2 the status, pages 3 and 4 the note and the tags of the first item only (they
    // race pages 0 and 1 on it; either value may win, but one of the two must, and no other field may be lost).
    const STATUSES = ['reading', 'read'] as const;
    const edits = [
      ...keys.map((key, i) => send(editors[0]!, 'updateLibraryItem', { key, note: `note ${i}` })),
      ...keys.map((key, i) => send(editors[1]!, 'updateLibraryItem', { key, tags: [`t${i}`, 'shared'] })),
      ...keys.map((key, i) => send(editors[2]!, 'updateLibraryItem', { key, status: STATUSES[i % 2] })),
      send(editors[3]!, 'updateLibraryItem', { key: keys[0], note: 'racing note' }),
      send(editors[4]!, 'updateLibraryItem', { key: keys[0], tags: ['racing'] }),
    ];
    await Promise.all(edits);

    const items = new Map((await listLibrary(editors[0]!)).map((item) => [item.key, item]));
    expect([...items.keys()].sort()).toEqual([...keys].sort());
    for (const [i, key] of keys.entries()) {
      const item = items.get(key)!;
      expect(item.status, key).toBe(STATUSES[i % 2]);
      if (i === 0) {
        expect(['note 0', 'racing note']).toContain(item.note);
        expect([['t0', 'shared'], ['racing']]).toContainEqual(item.tags);
      } else {
        expect(item.note, key).toBe(`note ${i}`);
        expect(item.tags, key).toEqual([`t${i}`, 'shared']);
      }
    }
    await Promise.all(keys.map((key) => send(editors[0]!, 'unsavePaper', { key })));
    expect(await listLibrary(editors[0]!)).toEqual([]);
    for (const page of editors) await page.close();
  });
});
