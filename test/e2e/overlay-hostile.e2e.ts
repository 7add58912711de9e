/**
 * Hostile pages: titles, meta tags and author names that carry markup as text, real elements with event
 * handlers, and a page that removes the overlay's host. The overlay must treat every page string as text (no
 * dialog, no element of the page's markup inside its shadow root, no flag set by a handler), and survive the
 * removal of its host without errors.
 */
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PaperRecord } from '../../lib/dataset/schema';
import { type ExtensionHarness, launchExtension } from './browser';
import { loadManifest } from './fixture-server';
import { PAPERS } from './helpers/dataset';
import { dispatchCommand, tabIdOf } from './helpers/extension';
import {
  expectSaved,
  HOST_TAG,
  overlayHost,
  overlayPart,
  saveButton,
  settledState,
  shownLeaves,
  watchPage,
} from './helpers/overlay';
import { replaceAll, servePage } from './helpers/pages';
import { addStaticAssets } from './helpers/static-assets';

const HOSTILE = 'e2e_arxiv_abs_hostile.html';
const HOSTILE_ID = '2401.00001';

let h: ExtensionHarness;

beforeAll(async () => {
  h = await launchExtension();
  addStaticAssets(h.server);
});

afterEach(() => {
  h?.assertNoForeignRequests();
});

afterAll(async () => {
  await h?.close();
});

/** What the shadow root holds, read in the page. */
interface ShadowReport {
  found: boolean;
  forbidden: string[];
  handlerAttributes: string[];
  oddHrefs: string[];
  text: string;
}

async function shadowReport(page: Page): Promise<ShadowReport> {
  return page.evaluate((hostTag) => {
    const root = document.querySelector(hostTag)?.shadowRoot;
    if (!root) return { found: false, forbidden: [], handlerAttributes: [], oddHrefs: [], text: '' };
    const all = [...root.querySelectorAll('*')];
    // Elements the overlay never renders itself; any of them would have come from page markup. (A <style> as a
    // direct child of the root is the mount's fallback when constructed stylesheets are unavailable.)
    const FORBIDDEN = new Set([
      'script',
      'img',
      'svg',
      'iframe',
      'object',
      'embed',
      'b',
      'noscript',
      'link',
      'meta',
      'base',
      'form',
      'input',
    ]);
    return {
      found: true,
      forbidden: all
        .filter((e) => FORBIDDEN.has(e.localName) || (e.localName === 'style' && e.parentNode !== root))
        .map((e) => e.localName),
      handlerAttributes: all.flatMap((e) =>
        [...e.attributes]
          .filter((a) => a.name.toLowerCase().startsWith('on'))
          .map((a) => `${e.localName}[${a.name}]`),
      ),
      oddHrefs: all
        .map((e) => e.getAttribute('href'))
        .filter(
          (href): href is string => href !== null && !/^(?:https:\/\/|chrome-extension:\/\/)/.test(href),
        ),
      text: root.textContent ?? '',
    };
  }, HOST_TAG);
}

/** The page's own flags: what its real handlers recorded, and whether any text payload ran. */
async function pageFlags(page: Page) {
  return page.evaluate(() => {
    const w = window as unknown as {
      e2ePageScriptRan?: boolean;
      e2eInjected?: unknown;
      e2eFired?: [string, string][];
    };
    return {
      scriptRan: w.e2ePageScriptRan ?? false,
      injected: w.e2eInjected ?? null,
      fired: w.e2eFired ?? [],
    };
  });
}

/** Asserts nothing from the page's markup reached the overlay and no payload ran. */
async function expectNoMarkupInOverlay(page: Page): Promise<ShadowReport> {
  const report = await shadowReport(page);
  expect(report.found).toBe(true);
  expect(report.forbidden).toEqual([]);
  expect(report.handlerAttributes).toEqual([]);
  expect(report.oddHrefs).toEqual([]);
  for (const payload of ['alert(', 'e2eInjected', '<script', 'onerror', 'Mallory', 'Tokens']) {
    expect(report.text, `overlay text contains ${payload}`).not.toContain(payload);
  }
  const flags = await pageFlags(page);
  // Control: scripts and inline handlers do run in this page (its own <img onerror> fired)...
  expect(flags.scriptRan).toBe(true);
  expect(flags.fired).toContainEqual(['title-img', 'page']);
  // ...but never from inside the overlay, and no text payload was ever parsed.
  expect(flags.fired.filter(([, where]) => where !== 'page')).toEqual([]);
  expect(flags.injected).toBeNull();
  return report;
}

/** A dataset paper outside the fixture set with an "&" in a "Listed in" heading the overlay shows. */
function recordWithAmpersandHeading(): { record: PaperRecord; leaf: string; heading: string } {
  const fixtureIds = new Set(
    loadManifest().map((e) => (e.expected as { arxiv_id?: string | null }).arxiv_id),
  );
  for (const record of PAPERS) {
    if (!record.arxivId || fixtureIds.has(record.arxivId) || !/^\d{4}\.\d{4,5}$/.test(record.arxivId))
      continue;
    for (const leaf of record.leaves) {
      const entries = (record.provenance ?? []).filter((p) => p.leaf === leaf);
      const headings = entries.map((p) => p.heading.at(-1) ?? '');
      // At most three distinct sources are listed per leaf; keep to records where all of them show.
      if (new Set(entries.map((p) => `${p.source}|${p.heading.at(-1)}`)).size > 3) continue;
      const heading = headings.find((x) => x.includes('&'));
      if (heading) return { record, leaf, heading };
    }
  }
  throw new Error('test premise: no dataset record with an "&" in a shown provenance heading');
}

describe('markup in page text stays text', () => {
  it('shows only its own chip on a hostile page outside the survey', async () => {
    const url = `https://arxiv.org/abs/${HOSTILE_ID}`;
    const undo = servePage(h.server, url, HOSTILE);
    try {
      const { page } = await h.openPage(url);
      const watch = watchPage(page);
      expect(await settledState(page)).toBe('not-in-survey');
      const report = await expectNoMarkupInOverlay(page);
      expect(report.text).toContain('Not in the efficiency survey');
      // Use the chip: saving sends the page's (hostile) title and authors to the background as plain data.
      await saveButton(page).click();
      await expectSaved(page, true);
      await saveButton(page).click();
      await expectSaved(page, false);
      await expectNoMarkupInOverlay(page);
      watch.assertClean();
      await page.close();
    } finally {
      undo();
    }
  });

  it('shows the dataset paper, with "&" in dataset text as a character, on a hostile page in the survey', async () => {
    const { record, leaf, heading } = recordWithAmpersandHeading();
    const url = `https://arxiv.org/abs/${record.arxivId}`;
    const undo = servePage(h.server, url, HOSTILE, (html) => replaceAll(html, HOSTILE_ID, record.arxivId!));
    try {
      const { page } = await h.openPage(url);
      const watch = watchPage(page);
      expect(await settledState(page)).toBe('in-survey');
      expect((await shownLeaves(page)).sort()).toEqual([...record.leaves].sort());
      await expectNoMarkupInOverlay(page);
      const provenance = page.locator(`${HOST_TAG} [data-leaf="${leaf}"] [data-testid="provenance"]`);
      const text = (await provenance.textContent()) ?? '';
      expect(text).toContain(heading);
      expect(text).not.toContain('&amp;');
      await saveButton(page).click();
      await expectSaved(page, true);
      await saveButton(page).click();
      await expectSaved(page, false);
      watch.assertClean();
      await page.close();
    } finally {
      undo();
    }
  });

  it('keeps the OpenReview hostile fixture out of the overlay too', async () => {
    const url = 'https://openreview.net/forum?id=SynHostile1';
    const undo = servePage(h.server, url, 'local_openreview_hostile.html');
    try {
      const { page } = await h.openPage(url);
      const watch = watchPage(page);
      expect(await settledState(page)).toBe('not-in-survey');
      const report = await shadowReport(page);
      expect(report.forbidden).toEqual([]);
      expect(report.handlerAttributes).toEqual([]);
      expect(report.oddHrefs).toEqual([]);
      expect(report.text).not.toContain('alert(');
      expect(report.text).toContain('Not in the efficiency survey');
      watch.assertClean();
      await page.close();
    } finally {
      undo();
    }
  });
});

describe('a page that removes the overlay host', () => {
  const LORA = 'https://arxiv.org/abs/2106.09685';

  it('comes back with the answer when the host is removed while loading', async () => {
    const page = await h.context.newPage();
    const watch = watchPage(page);
    // Remove the host the first time it appears (before the background's answer can arrive).
    await page.addInitScript((hostTag) => {
      const w = window as unknown as { e2eRemoved: number };
      w.e2eRemoved = 0;
      const observer = new MutationObserver(() => {
        const host = document.querySelector(hostTag);
        if (host) {
          host.remove();
          w.e2eRemoved++;
          observer.disconnect();
        }
      });
      observer.observe(document, { childList: true, subtree: true });
    }, HOST_TAG);
    await page.goto(LORA, { waitUntil: 'load' });
    expect(await settledState(page)).toBe('in-survey');
    await expect(page.evaluate(() => (window as unknown as { e2eRemoved: number }).e2eRemoved)).resolves.toBe(
      1,
    );
    await expect(overlayHost(page).count()).resolves.toBe(1);
    await expect(overlayPart(page, 'overlay').isVisible()).resolves.toBe(true);
    watch.assertClean();
    await page.close();
  });

  it('gets out of the way when removed after loading, and returns in the right state on the next change', async () => {
    const { page } = await h.openPage(LORA);
    const watch = watchPage(page);
    expect(await settledState(page)).toBe('in-survey');
    await expectSaved(page, false);
    await page.evaluate((hostTag) => document.querySelector(hostTag)?.remove(), HOST_TAG);
    await page.waitForTimeout(500);
    await expect(overlayHost(page).count()).resolves.toBe(0);

    // A later change (the save shortcut) redraws the overlay: it comes back, once, showing the new state.
    await dispatchCommand(h, 'toggle-save', await tabIdOf(h, page));
    await expectSaved(page, true);
    await expect(overlayHost(page).count()).resolves.toBe(1);
    await saveButton(page).click();
    await expectSaved(page, false);
    watch.assertClean();
    await page.close();
  });
});
