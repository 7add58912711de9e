/**
 * Saving from the overlay, end to end: the Save toggle's state survives a reload and a browser restart (the
 * library lives in the extension's IndexedDB), a second tab follows a save in the first without reloading (the
 * background's storage signal), and an OpenReview forum and the arXiv page of the same paper share one entry.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type ExtensionHarness, launchExtension } from './browser';
import { addArxivStubs, type FixtureServer, startFixtureServer } from './fixture-server';
import { requireRecord } from './helpers/dataset';
import { expectSaved, saveButton, settledState, shownLeaves, watchPage } from './helpers/overlay';
import { addStaticAssets } from './helpers/static-assets';

const LORA = 'https://arxiv.org/abs/2106.09685';
const QLORA_FORUM = 'https://openreview.net/forum?id=OUIFPHEgJU';
const QLORA_ARXIV_ID = '2305.14314';
const QLORA_ABS = `https://arxiv.org/abs/${QLORA_ARXIV_ID}`;

let server: FixtureServer;
let profile: string;
let h: ExtensionHarness;

beforeAll(async () => {
  // One server and one profile for the whole file, so a browser restart finds both again.
  server = await startFixtureServer();
  addStaticAssets(server);
  addArxivStubs(server, {
    pageFor: (id) =>
      id === QLORA_ARXIV_ID ? { title: requireRecord(QLORA_ARXIV_ID).title, authors: ['Tim Dettmers'] } : {},
  });
  profile = mkdtempSync(path.join(os.tmpdir(), 'efficiency-lens-e2e-save-'));
  h = await launchExtension({ server, userDataDir: profile });
});

afterEach(() => {
  h?.assertNoForeignRequests();
});

afterAll(async () => {
  await h?.close();
  await server?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

/** Opens a paper page and waits until its overlay has the lookup's answer. */
async function openPaper(url: string): Promise<Page> {
  const { page } = await h.openPage(url);
  const state = await settledState(page);
  expect(['in-survey', 'survey-itself', 'not-in-survey']).toContain(state);
  return page;
}

describe('Save on the LoRA page', () => {
  it('saves, survives a reload and a browser restart, and unsaves', async () => {
    let page = await openPaper(LORA);
    const watch = watchPage(page);
    await expectSaved(page, false);

    await saveButton(page).click();
    await expectSaved(page, true);
    await expect(saveButton(page).textContent()).resolves.toContain('Saved');

    await page.reload({ waitUntil: 'load' });
    await settledState(page);
    await expectSaved(page, true);
    watch.assertClean();

    // Restart: close Chromium entirely and start it again on the same profile.
    await h.close();
    h = await launchExtension({ server, userDataDir: profile });
    page = await openPaper(LORA);
    await expectSaved(page, true);

    await saveButton(page).click();
    await expectSaved(page, false);
    await page.reload({ waitUntil: 'load' });
    await settledState(page);
    await expectSaved(page, false);
    await page.close();
  });

  it('flips a second tab of the same paper without a reload, both ways', async () => {
    const first = await openPaper(LORA);
    const second = await openPaper(LORA);
    await expectSaved(first, false);
    await expectSaved(second, false);
    // The second tab must not be reloaded: a marker on its window would be lost if it were.
    await second.evaluate(() => {
      (window as { e2eNotReloaded?: boolean }).e2eNotReloaded = true;
    });

    await saveButton(first).click();
    await expectSaved(first, true);
    await expectSaved(second, true);

    await saveButton(second).click();
    await expectSaved(second, false);
    await expectSaved(first, false);
    await expect(
      second.evaluate(() => (window as { e2eNotReloaded?: boolean }).e2eNotReloaded),
    ).resolves.toBe(true);
    await first.close();
    await second.close();
  });

  it('does not flip a tab showing another paper', async () => {
    const lora = await openPaper(LORA);
    const gptq = await openPaper('https://arxiv.org/abs/2210.17323');
    await expectSaved(lora, false);
    await expectSaved(gptq, false);
    await saveButton(lora).click();
    await expectSaved(lora, true);
    // Give the storage signal time to arrive; the other paper's button must stay as it was.
    await gptq.waitForTimeout(500);
    await expectSaved(gptq, false);
    await saveButton(lora).click();
    await expectSaved(lora, false);
    await lora.close();
    await gptq.close();
  });
});

describe('one paper, two sites', () => {
  it('shares the saved state between the OpenReview forum and the arXiv page of QLoRA', async () => {
    const qlora = requireRecord(QLORA_ARXIV_ID);
    const forum = await openPaper(QLORA_FORUM);
    // The forum page names no arXiv id: the overlay found the record by title, and must show its leaves.
    expect((await shownLeaves(forum)).sort()).toEqual([...qlora.leaves].sort());
    await expectSaved(forum, false);

    await saveButton(forum).click();
    await expectSaved(forum, true);

    const abs = await openPaper(QLORA_ABS);
    expect((await shownLeaves(abs)).sort()).toEqual([...qlora.leaves].sort());
    await expectSaved(abs, true);

    // Unsave on arXiv: the open forum tab follows, and stays unsaved after a reload.
    await saveButton(abs).click();
    await expectSaved(abs, false);
    await expectSaved(forum, false);
    await forum.reload({ waitUntil: 'load' });
    await settledState(forum);
    await expectSaved(forum, false);
    await forum.close();
    await abs.close();
  });
});
