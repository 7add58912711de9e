/**
 * Placement and layout, on pages styled like the real sites (test/fixtures/static: an approximation of arXiv's
 * two-column abstract page and of OpenReview's forum column): the overlay never covers the title, authors or
 * abstract, mounting it shifts nothing, it is reachable and visible with the keyboard, collapse and dismiss are
 * remembered, and it follows the dark colour scheme.
 */
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type ExtensionHarness, launchExtension } from './browser';
import { requireRecord } from './helpers/dataset';
import { dispatchCommand, tabIdOf } from './helpers/extension';
import {
  HOST_TAG,
  overlayHost,
  overlayPart,
  saveButton,
  settledState,
  shownLeaves,
  watchPage,
} from './helpers/overlay';
import { addStaticAssets } from './helpers/static-assets';

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

type Box = { x: number; y: number; width: number; height: number };

/** Page state recorded from before any page script: layout shifts, when the host appeared, the title's box. */
function installLayoutRecorder([hostTag, titleSelector]: readonly [string, string]): void {
  const w = window as unknown as {
    e2eShifts: { value: number; startTime: number; hadRecentInput: boolean }[];
    e2eHostAt: number | null;
    e2eTitleBefore: DOMRect | null;
  };
  w.e2eShifts = [];
  w.e2eHostAt = null;
  w.e2eTitleBefore = null;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries() as unknown as {
      value: number;
      startTime: number;
      hadRecentInput: boolean;
    }[]) {
      w.e2eShifts.push({
        value: entry.value,
        startTime: entry.startTime,
        hadRecentInput: entry.hadRecentInput,
      });
    }
  }).observe({ type: 'layout-shift', buffered: true });
  new MutationObserver((_, observer) => {
    if (w.e2eHostAt === null && document.querySelector(hostTag)) {
      w.e2eHostAt = performance.now();
      observer.disconnect();
    }
  }).observe(document, { childList: true, subtree: true });
  // The content script runs at document_end and mounts only after a round trip to extension storage, so at
  // DOMContentLoaded the page is laid out without it.
  document.addEventListener('DOMContentLoaded', () => {
    w.e2eTitleBefore = document.querySelector(titleSelector)?.getBoundingClientRect().toJSON() ?? null;
  });
}

/**
 * Per site: the title, and what the overlay must never cover (title, authors, abstract). `inPage` is also
 * protected when the overlay sits in the page (absolute): the arXiv side column of controls it is placed under.
 * The corner pill floats over whatever scrolls beneath it, so only the paper's own text is checked for it.
 */
const SITES = {
  arxiv: {
    title: 'h1.title',
    protect: ['h1.title', 'div.authors', 'blockquote.abstract'],
    inPage: ['div.extra-services'],
  },
  openreview: {
    title: 'h2.citation_title',
    protect: ['h2.citation_title', '.forum-authors', '.note-content'],
    inPage: [],
  },
} as const;

async function openAt(url: string, viewport: { width: number; height: number }, site: keyof typeof SITES) {
  const page = await h.context.newPage();
  await page.setViewportSize(viewport);
  await page.addInitScript(installLayoutRecorder, [HOST_TAG, SITES[site].title] as const);
  await page.goto(url, { waitUntil: 'load' });
  return page;
}

/** The visible card (or chip) inside the host, in viewport coordinates. */
async function cardBox(page: Page): Promise<Box> {
  const box = await page.locator(`${HOST_TAG} [data-state]`).first().boundingBox();
  if (!box) throw new Error('the overlay card has no box');
  return box;
}

function intersects(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

const PAGES = [
  ['https://arxiv.org/abs/2106.09685', 'arxiv', 'in-survey'],
  ['https://arxiv.org/abs/2312.00678', 'arxiv', 'survey-itself'],
  ['https://arxiv.org/abs/1807.06209', 'arxiv', 'not-in-survey'],
  ['https://openreview.net/forum?id=OUIFPHEgJU', 'openreview', 'in-survey'],
] as const;
const VIEWPORTS = [
  { width: 1280, height: 800 },
  { width: 800, height: 800 },
] as const;

describe('placement', () => {
  const cases = VIEWPORTS.flatMap((v) =>
    PAGES.map(([url, site, state]) => [`${v.width}×${v.height}`, url, site, state, v] as const),
  );

  it.each(cases)(
    '%s %s: covers no title, authors or abstract, and shifts nothing',
    async (_, url, site, state, viewport) => {
      const page = await openAt(url, viewport, site);
      const watch = watchPage(page);
      expect(await settledState(page)).toBe(state);
      // Let images, fonts and the card's own content settle before judging.
      await page.waitForTimeout(400);

      const card = await cardBox(page);
      expect(card.width).toBeGreaterThan(100);
      expect(card.x).toBeGreaterThanOrEqual(0);
      expect(card.x + card.width).toBeLessThanOrEqual(viewport.width);
      const position = await overlayHost(page).evaluate((e) => getComputedStyle(e).position);
      const guarded = [...SITES[site].protect, ...(position === 'absolute' ? SITES[site].inPage : [])];
      for (const selector of guarded) {
        const box = await page.locator(selector).first().boundingBox();
        expect(box, `${selector} is on the page`).not.toBeNull();
        expect(
          intersects(card, box!),
          `overlay ${JSON.stringify(card)} covers ${selector} ${JSON.stringify(box)}`,
        ).toBe(false);
      }

      const recorded = await page.evaluate(() => {
        const w = window as unknown as {
          e2eShifts: { value: number; startTime: number; hadRecentInput: boolean }[];
          e2eHostAt: number | null;
          e2eTitleBefore: DOMRect | null;
        };
        return { shifts: w.e2eShifts, hostAt: w.e2eHostAt, titleBefore: w.e2eTitleBefore };
      });
      expect(recorded.hostAt).not.toBeNull();
      const after = recorded.shifts.filter((s) => !s.hadRecentInput && s.startTime >= recorded.hostAt!);
      expect(
        after.reduce((sum, s) => sum + s.value, 0),
        JSON.stringify(after),
      ).toBe(0);

      // The title's box: the same before the overlay existed, with it, and with its host taken out again.
      const title = page.locator(SITES[site].title).first();
      const withOverlay = await title.evaluate((e) => e.getBoundingClientRect().toJSON());
      expect(recorded.titleBefore).toEqual(withOverlay);
      await page.evaluate((hostTag) => document.querySelector(hostTag)?.remove(), HOST_TAG);
      expect(await title.evaluate((e) => e.getBoundingClientRect().toJSON())).toEqual(withOverlay);
      watch.assertClean();
      await page.close();
    },
  );

  it('uses the free slot under the arXiv side column when there is one, and the corner pill when not', async () => {
    const wide = await openAt('https://arxiv.org/abs/2106.09685', VIEWPORTS[0], 'arxiv');
    await settledState(wide);
    const side = (await wide.locator('div.extra-services').boundingBox())!;
    const card = await cardBox(wide);
    expect(card.y).toBeGreaterThanOrEqual(side.y + side.height);
    expect(card.x).toBeGreaterThanOrEqual(side.x - 1);
    await expect(overlayPart(wide, 'collapse-toggle').getAttribute('aria-expanded')).resolves.toBe('true');
    await wide.close();

    const narrow = await openAt('https://arxiv.org/abs/2106.09685', VIEWPORTS[1], 'arxiv');
    await settledState(narrow);
    await expect(overlayHost(narrow).evaluate((e) => getComputedStyle(e).position)).resolves.toBe('fixed');
    await expect(overlayPart(narrow, 'collapse-toggle').getAttribute('aria-expanded')).resolves.toBe('false');
    await narrow.close();
  });
});

describe('resize', () => {
  it('places the card again when the window is resized: under the side column, the corner pill, and back', async () => {
    const page = await openAt('https://arxiv.org/abs/2106.09685', VIEWPORTS[0], 'arxiv');
    const watch = watchPage(page);
    await settledState(page);
    const position = () => overlayHost(page).evaluate((e) => getComputedStyle(e).position);
    await expect(position()).resolves.toBe('absolute');
    const toggle = overlayPart(page, 'collapse-toggle');

    await page.setViewportSize(VIEWPORTS[1]);
    await expect.poll(position).toBe('fixed');
    await expect.poll(() => toggle.getAttribute('aria-expanded')).toBe('false');

    await page.setViewportSize(VIEWPORTS[0]);
    await expect.poll(position).toBe('absolute');
    await expect.poll(() => toggle.getAttribute('aria-expanded')).toBe('true');
    const card = await cardBox(page);
    const side = (await page.locator('div.extra-services').boundingBox())!;
    expect(card.y).toBeGreaterThanOrEqual(side.y + side.height);
    for (const selector of [...SITES.arxiv.protect, ...SITES.arxiv.inPage]) {
      const box = (await page.locator(selector).first().boundingBox())!;
      expect(intersects(card, box), `covers ${selector}`).toBe(false);
    }
    watch.assertClean();
    await page.close();
  });
});

describe('200% zoom', () => {
  // Browser zoom at 200% in a 1280×800 window lays the page out in a 640×400 CSS-pixel viewport at two device
  // pixels per CSS pixel; CDP's device-metrics override gives exactly that layout (WCAG 1.4.4 / 1.4.10 reflow).
  const ZOOMED = { width: 640, height: 400, deviceScaleFactor: 2 } as const;

  it.each([
    ['https://arxiv.org/abs/2106.09685', 'arxiv', 'in-survey'],
    ['https://arxiv.org/abs/2101.03961', 'arxiv', 'in-survey'],
    ['https://arxiv.org/abs/2312.00678', 'arxiv', 'survey-itself'],
    ['https://openreview.net/forum?id=OUIFPHEgJU', 'openreview', 'in-survey'],
  ] as const)(
    '%s: the expanded card fits the zoomed viewport, nothing sticks out, all of it reachable',
    async (url, site, state) => {
      const page = await h.context.newPage();
      const cdp = await h.context.newCDPSession(page);
      await cdp.send('Emulation.setDeviceMetricsOverride', { ...ZOOMED, mobile: false });
      await page.addInitScript(installLayoutRecorder, [HOST_TAG, SITES[site].title] as const);
      await page.goto(url, { waitUntil: 'load' });
      expect(await settledState(page)).toBe(state);
      await expect(page.evaluate(() => [innerWidth, devicePixelRatio])).resolves.toEqual([640, 2]);

      const toggle = overlayPart(page, 'collapse-toggle');
      if ((await toggle.getAttribute('aria-expanded')) === 'false') await toggle.click();
      await expect.poll(() => toggle.getAttribute('aria-expanded')).toBe('true');
      await page.waitForTimeout(200);

      const report = await page.evaluate((hostTag) => {
        const root = document.querySelector(hostTag)?.shadowRoot;
        const card = root?.querySelector('[data-state]') as HTMLElement | null;
        if (!root || !card) return null;
        const box = card.getBoundingClientRect();
        const outside: string[] = [];
        for (const el of root.querySelectorAll('*')) {
          const r = el.getBoundingClientRect();
          // Visually hidden text for screen readers (a 1×1 clipped box) is meant to overflow its box.
          if (r.width <= 1 || r.height <= 1) continue;
          // Text or boxes wider than the card (overflow clipped or spilling over the page) are a failure.
          if (r.left < box.left - 1 || r.right > box.right + 1)
            outside.push(`${el.tagName}.${el.className} ${r.left}-${r.right}`);
          if (
            el instanceof HTMLElement &&
            el.scrollWidth > el.clientWidth + 1 &&
            getComputedStyle(el).overflowX !== 'visible'
          ) {
            outside.push(
              `${el.tagName}.${el.className} scrolls sideways ${el.scrollWidth}>${el.clientWidth}`,
            );
          }
        }
        const style = getComputedStyle(card);
        return {
          box: box.toJSON() as { left: number; right: number; top: number; bottom: number; height: number },
          outside,
          scrollsInside:
            card.scrollHeight <= card.clientHeight + 1 ||
            style.overflowY === 'auto' ||
            style.overflowY === 'scroll',
          fontSize: Number.parseFloat(style.fontSize),
        };
      }, HOST_TAG);
      expect(report).not.toBeNull();
      expect(report!.outside, report!.outside.join('\n')).toEqual([]);
      expect(report!.box.left).toBeGreaterThanOrEqual(0);
      expect(report!.box.right).toBeLessThanOrEqual(ZOOMED.width);
      // Taller than the zoomed viewport is fine only if the card scrolls inside itself or sits in the page.
      const position = await overlayHost(page).evaluate((e) => getComputedStyle(e).position);
      if (position === 'fixed') {
        expect(report!.box.top).toBeGreaterThanOrEqual(0);
        expect(report!.box.bottom).toBeLessThanOrEqual(ZOOMED.height + 1);
        expect(report!.scrollsInside).toBe(true);
      }
      // The text is not shrunk to fit: it keeps at least the 12px it has at 100%.
      expect(report!.fontSize).toBeGreaterThanOrEqual(12);
      // The Save button can be scrolled into view and clicked.
      if (state !== 'survey-itself') {
        await saveButton(page).scrollIntoViewIfNeeded();
        await expect(saveButton(page).isVisible()).resolves.toBe(true);
      }
      await page.close();
    },
  );
});

describe('keyboard', () => {
  it('reaches the Save button with Tab from the top of the page, with a visible focus ring', async () => {
    const page = await openAt('https://arxiv.org/abs/2106.09685', VIEWPORTS[0], 'arxiv');
    await settledState(page);
    await page.locator('body').focus();
    const focusedTestId = () =>
      page.evaluate((hostTag) => {
        const host = document.querySelector(hostTag);
        if (document.activeElement !== host) return null;
        return host?.shadowRoot?.activeElement?.getAttribute('data-testid') ?? null;
      }, HOST_TAG);
    let reached = false;
    for (let i = 0; i < 400 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = (await focusedTestId()) === 'save-button';
    }
    expect(reached, 'Tab reaches the Save button').toBe(true);
    const ring = await saveButton(page).evaluate((e) => {
      const s = getComputedStyle(e);
      return {
        outlineStyle: s.outlineStyle,
        outlineWidth: s.outlineWidth,
        boxShadow: s.boxShadow,
        matches: e.matches(':focus-visible'),
      };
    });
    expect(ring.matches).toBe(true);
    const outline = ring.outlineStyle !== 'none' && Number.parseFloat(ring.outlineWidth) > 0;
    expect(outline || ring.boxShadow !== 'none', JSON.stringify(ring)).toBe(true);
    // The next two stops are the collapse and dismiss buttons, each with a name.
    await page.keyboard.press('Tab');
    await expect(focusedTestId()).resolves.toBe('collapse-toggle');
    await page.keyboard.press('Tab');
    await expect(focusedTestId()).resolves.toBe('dismiss');
    await expect(
      overlayHost(page).getByRole('button', { name: 'Collapse Efficiency Lens', exact: true }).count(),
    ).resolves.toBe(1);
    await expect(
      overlayHost(page).getByRole('button', { name: 'Dismiss Efficiency Lens', exact: true }).count(),
    ).resolves.toBe(1);
    // Enter on a focused button works like a click: Save toggles.
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    await expect(focusedTestId()).resolves.toBe('save-button');
    await page.keyboard.press('Enter');
    await expect.poll(() => saveButton(page).getAttribute('aria-pressed')).toBe('true');
    await page.keyboard.press('Enter');
    await expect.poll(() => saveButton(page).getAttribute('aria-pressed')).toBe('false');
    await page.close();
  });
});

describe('remembered choices', () => {
  const LORA = 'https://arxiv.org/abs/2106.09685';

  it('remembers collapse across a reload, and expanding again', async () => {
    const page = await openAt(LORA, VIEWPORTS[0], 'arxiv');
    await settledState(page);
    const toggle = overlayPart(page, 'collapse-toggle');
    await expect(toggle.getAttribute('aria-expanded')).resolves.toBe('true');
    await toggle.click();
    await expect.poll(() => toggle.getAttribute('aria-expanded')).toBe('false');
    await expect(
      overlayHost(page).getByRole('button', { name: 'Expand Efficiency Lens', exact: true }).count(),
    ).resolves.toBe(1);
    // Collapsed: the placements are gone, the chips stay.
    await expect(overlayPart(page, 'leaf-placement').count()).resolves.toBe(0);
    expect((await shownLeaves(page)).sort()).toEqual([...requireRecord('2106.09685').leaves].sort());

    await page.reload({ waitUntil: 'load' });
    await settledState(page);
    await expect(toggle.getAttribute('aria-expanded')).resolves.toBe('false');
    await toggle.click();
    await expect.poll(() => toggle.getAttribute('aria-expanded')).toBe('true');
    await page.reload({ waitUntil: 'load' });
    await settledState(page);
    await expect(toggle.getAttribute('aria-expanded')).resolves.toBe('true');
    await page.close();
  });

  it('dismiss hides it on this paper only, and the toggle-overlay command brings it back', async () => {
    const page = await openAt(LORA, VIEWPORTS[0], 'arxiv');
    const watch = watchPage(page);
    await settledState(page);
    await overlayPart(page, 'dismiss').click();
    await expect.poll(() => page.locator(`${HOST_TAG} [data-state]`).count()).toBe(0);

    await page.reload({ waitUntil: 'load' });
    // Give the content script the time it needs to show the card, then check it did not.
    const other = await openAt('https://arxiv.org/abs/2210.17323', VIEWPORTS[0], 'arxiv');
    expect(await settledState(other)).toBe('in-survey');
    await page.waitForTimeout(500);
    await expect(page.locator(`${HOST_TAG} [data-state]`).count()).resolves.toBe(0);
    await other.close();

    await dispatchCommand(h, 'toggle-overlay', await tabIdOf(h, page));
    expect(await settledState(page)).toBe('in-survey');
    await page.reload({ waitUntil: 'load' });
    expect(await settledState(page)).toBe('in-survey');
    // And the command hides it again (the same shortcut toggles).
    await dispatchCommand(h, 'toggle-overlay', await tabIdOf(h, page));
    await expect.poll(() => page.locator(`${HOST_TAG} [data-state]`).count()).toBe(0);
    await dispatchCommand(h, 'toggle-overlay', await tabIdOf(h, page));
    expect(await settledState(page)).toBe('in-survey');
    watch.assertClean();
    await page.close();
  });
});

describe('typography', () => {
  it('uses the system font stack in the card and the chip, whatever the host reset and the page say', async () => {
    for (const [url, testId] of [
      ['https://arxiv.org/abs/2106.09685', 'overlay'],
      ['https://arxiv.org/abs/1807.06209', 'not-in-survey-chip'],
    ] as const) {
      const page = await openAt(url, VIEWPORTS[0], 'arxiv');
      await settledState(page);
      const font = await overlayPart(page, testId).evaluate((e) => getComputedStyle(e).fontFamily);
      expect(font, url).toMatch(/^system-ui,/);
      // The page's own font is different, so this is the card's own stack and not inheritance from the page.
      await expect(page.evaluate(() => getComputedStyle(document.body).fontFamily)).resolves.not.toMatch(
        /^system-ui/,
      );
      await page.close();
    }
  });
});

describe('colour scheme', () => {
  it('follows prefers-color-scheme: the card is light in light mode and dark in dark mode', async () => {
    const page = await openAt('https://arxiv.org/abs/2106.09685', VIEWPORTS[0], 'arxiv');
    await settledState(page);
    const card = overlayPart(page, 'overlay');
    const colours = () =>
      card.evaluate((e) => {
        const s = getComputedStyle(e);
        return { background: s.backgroundColor, color: s.color };
      });
    const luminance = (rgb: string) => {
      const [r, g, b] = (rgb.match(/\d+(\.\d+)?/g) ?? []).map(Number);
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    };
    await page.emulateMedia({ colorScheme: 'light' });
    const light = await colours();
    await page.emulateMedia({ colorScheme: 'dark' });
    const dark = await colours();
    expect(dark.background).not.toBe(light.background);
    expect(luminance(light.background)).toBeGreaterThan(200);
    expect(luminance(dark.background)).toBeLessThan(60);
    // Text flips too, so it stays readable.
    expect(luminance(dark.color)).toBeGreaterThan(luminance(dark.background) + 100);
    expect(luminance(light.color)).toBeLessThan(luminance(light.background) - 100);
    await page.emulateMedia({ colorScheme: 'light' });
    await page.close();
  });
});
