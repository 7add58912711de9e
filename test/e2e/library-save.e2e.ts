/**
 * The library in the real popup and side panel (opened as tabs: Chromium cannot open an action popup from a
 * test): a paper saved from the overlay shows up in "My library" with its leaf chip, open pages follow saves
 * made elsewhere without a reload, and the note, tags and status edited in the popup's paper card persist.
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type ExtensionHarness, launchExtension } from './browser';
import { addArxivStubs, type FixtureServer, startFixtureServer } from './fixture-server';
import { requireRecord } from './helpers/dataset';
import {
  enMessage,
  enPapers,
  libraryView,
  listLibrary,
  openExtensionPage,
  POPUP_SIZE,
  SIDE_PANEL_SIZE,
  shownRows,
  storedItem,
} from './helpers/library';
import { expectSaved, type PageWatch, saveButton, settledState, watchPage } from './helpers/overlay';
import { addStaticAssets } from './helpers/static-assets';

const LORA_ID = '2106.09685';
const LORA = `https://arxiv.org/abs/${LORA_ID}`;
const LORA_KEY = `arxiv:${LORA_ID}`;
const GPTQ_ID = '2210.17323';
const GPTQ = `https://arxiv.org/abs/${GPTQ_ID}`;

let server: FixtureServer;
let h: ExtensionHarness;
/** An extension page kept open to ask the background (listLibrary) without touching the pages under test. */
let control: Page;

beforeAll(async () => {
  server = await startFixtureServer();
  addStaticAssets(server);
  addArxivStubs(server);
  h = await launchExtension({ server });
  control = await openExtensionPage(h, 'options.html');
});

/** Every app page a test opened, watched from before its navigation; none may log an error or open a dialog. */
const appWatches: PageWatch[] = [];

afterEach(() => {
  h?.assertNoForeignRequests();
  for (const watch of appWatches.splice(0)) watch.assertClean();
});

afterAll(async () => {
  await h?.close();
  await server?.close();
});

/** Opens a paper page and waits for the overlay's answer. */
async function openPaper(url: string): Promise<Page> {
  const { page } = await h.openPage(url);
  expect(['in-survey', 'survey-itself', 'not-in-survey']).toContain(await settledState(page));
  return page;
}

/**
 * Opens the popup page the way the toolbar would show it: the paper tab stays the active tab (the popup reads
 * "This paper" from it), the popup page is a background tab of the same window.
 */
async function openPopup(
  paper: Page,
  file = 'popup.html',
  size: { width: number; height: number } = POPUP_SIZE,
): Promise<Page> {
  const popup = await h.context.newPage();
  await popup.setViewportSize(size);
  appWatches.push(watchPage(popup));
  await paper.bringToFront();
  await popup.goto(h.extensionUrl(file), { waitUntil: 'load' });
  return popup;
}

/** The "This paper" card once it has its lookup. */
async function paperCard(popup: Page) {
  const card = popup.locator('[data-testid="paper-view"]:not([data-state="loading"])');
  await card.waitFor({ state: 'visible', timeout: 10_000 });
  return card;
}

/** The card's own Save toggle (the related works below it have one each too). */
function cardToggle(card: Locator): Locator {
  return card.locator('.app-card-actions [data-testid="save-toggle"]');
}

/** Switches the app to "My library" by its tab (named "My library" or "My library (n)"). */
async function showLibrary(page: Page): Promise<void> {
  await page.getByRole('tab', { name: new RegExp(`^${enMessage('tab_library')}`) }).click();
  await libraryView(page);
}

describe('a paper saved from the overlay', () => {
  it('is listed with its leaf chip in the popup and the side panel, which follow later saves live', async () => {
    const lora = requireRecord(LORA_ID);
    const page = await openPaper(LORA);
    const watch = watchPage(page);
    await expectSaved(page, false);
    await saveButton(page).click();
    await expectSaved(page, true);

    // The popup opens on "This paper" (LoRA is the active tab), already saved, then shows the library.
    const popup = await openPopup(page);
    const card = await paperCard(popup);
    await expect(card.getAttribute('data-state')).resolves.toBe('in-survey');
    await expect(cardToggle(card).getAttribute('aria-pressed')).resolves.toBe('true');
    await showLibrary(popup);
    const rows = await shownRows(popup);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ key: LORA_KEY, leaves: lora.leaves, hasNote: false, tags: [] });
    // The title is the page's own (the overlay saves what the page says), which for LoRA is the dataset's.
    expect(rows[0]!.title).toBe(lora.title);
    await expect(popup.locator('[data-testid="library-count"]').textContent()).resolves.toBe(enPapers(1));
    await expect(popup.getByRole('tab', { selected: true }).textContent()).resolves.toBe(
      `${enMessage('tab_library')} (1)`,
    );

    // The side panel page lists the same.
    const side = await openPopup(page, 'sidepanel.html', SIDE_PANEL_SIZE);
    await expect(side.locator('[data-testid="app"]').getAttribute('data-layout')).resolves.toBe('sidepanel');
    await paperCard(side);
    await showLibrary(side);
    expect(await shownRows(side)).toEqual(rows);

    // A save in another tab reaches both open pages without a reload (the background's storage signal)…
    const gptq = await openPaper(GPTQ);
    await saveButton(gptq).click();
    await expectSaved(gptq, true);
    for (const app of [popup, side]) {
      await expect
        .poll(async () => (await shownRows(app)).map((r) => r.key), { timeout: 5_000 })
        .toEqual([`arxiv:${GPTQ_ID}`, LORA_KEY]);
    }
    // …and so does an unsave.
    await saveButton(gptq).click();
    await expectSaved(gptq, false);
    for (const app of [popup, side]) {
      await expect
        .poll(async () => (await shownRows(app)).map((r) => r.key), { timeout: 5_000 })
        .toEqual([LORA_KEY]);
    }

    watch.assertClean();
    for (const p of [gptq, side, popup, page]) await p.close();
  });
});

describe("the popup's paper card", () => {
  const NOTE = 'Rank 8 is enough (Table 5) — compare with QLoRA.\nSecond line: 低秩适配 & {braces}';
  const TAGS = ['to cite', 'PEFT', 'reading group'];

  it('keeps the note, tags and status edited there across a reload, and lists them', async () => {
    const page = await openPaper(LORA);
    let popup = await openPopup(page, 'popup.html#/paper');
    let card = await paperCard(popup);
    const toggle = cardToggle(card);
    // This test stands on its own: save from the card when the previous test did not leave LoRA saved.
    if ((await toggle.getAttribute('aria-pressed')) !== 'true') {
      await toggle.click();
      await expect.poll(() => toggle.getAttribute('aria-pressed')).toBe('true');
    }
    const before = (await listLibrary(control)).find((i) => i.key === LORA_KEY);
    expect(before).toBeDefined();

    await card.locator('[data-testid="paper-status"]').selectOption('reading');
    // Two tags at once (comma-separated, committed with Enter), then a third on its own.
    const tagInput = card.locator('[data-testid="tag-input"]');
    await tagInput.fill(`${TAGS[0]}, ${TAGS[1]}`);
    await tagInput.press('Enter');
    await tagInput.fill(TAGS[2]!);
    await tagInput.press('Enter');
    await expect
      .poll(() => card.locator('[data-testid="tag"] .app-tag-text').allTextContents())
      .toEqual(TAGS);
    await card.locator('[data-testid="note-input"]').fill(NOTE);
    await expect
      .poll(() => card.locator('[data-testid="note-status"]').textContent())
      .toBe(enMessage('note_saved'));

    const stored = (await listLibrary(control)).find((i) => i.key === LORA_KEY);
    expect(stored).toMatchObject({ status: 'reading', tags: TAGS, note: NOTE, savedAt: before!.savedAt });
    expect(stored!.updatedAt).toBeGreaterThan(before!.updatedAt);
    // The row in the database itself, read inside the service worker, is the same.
    expect(await storedItem(h, LORA_KEY)).toEqual(stored);

    // Reload the popup (with LoRA still the active tab): the card shows what was stored.
    await page.bringToFront();
    await popup.reload({ waitUntil: 'load' });
    card = await paperCard(popup);
    await expect(card.locator('[data-testid="paper-status"]').inputValue()).resolves.toBe('reading');
    await expect(card.locator('[data-testid="tag"] .app-tag-text').allTextContents()).resolves.toEqual(TAGS);
    await expect(card.locator('[data-testid="note-input"]').inputValue()).resolves.toBe(NOTE);

    // The library row shows the status, the first three tags and the note mark.
    await showLibrary(popup);
    const row = (await shownRows(popup)).find((r) => r.key === LORA_KEY);
    expect(row).toMatchObject({ status: enMessage('status_reading'), tags: TAGS.slice(0, 3), hasNote: true });

    await popup.close();

    // Removing a tag with its × button persists too.
    popup = await openPopup(page, 'popup.html#/paper');
    card = await paperCard(popup);
    await card.getByRole('button', { name: enMessage('tags_remove', TAGS[1]!) }).click();
    const remaining = [TAGS[0], TAGS[2]];
    await expect
      .poll(async () => (await listLibrary(control)).find((i) => i.key === LORA_KEY)?.tags)
      .toEqual(remaining);
    await popup.close();

    // A note typed right before the popup closes (within the save delay, no blur) is still stored: the editor
    // flushes on pagehide.
    popup = await openPopup(page, 'popup.html#/paper');
    card = await paperCard(popup);
    const lastWords = `${NOTE}\nTyped just before closing.`;
    await card.locator('[data-testid="note-input"]').fill(lastWords);
    await popup.close();
    await expect
      .poll(async () => (await listLibrary(control)).find((i) => i.key === LORA_KEY)?.note, {
        timeout: 5_000,
      })
      .toBe(lastWords);
    await page.close();
  });
});
