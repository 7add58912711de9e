/**
 * README screenshots of the overlay, taken in Chromium with the built extension on the fixture pages, styled
 * with the arXiv-like and OpenReview-like test stylesheets (test/fixtures/static), at 1280×800:
 *
 *   npx tsx test/e2e/screenshots.ts            # builds the extension first
 *   E2E_EXTENSION_DIR=dir npx tsx test/e2e/screenshots.ts   # shoots that build as it is
 *
 * Writes docs/screenshots/overlay-abs-light.png, overlay-abs-dark.png and overlay-openreview.png. Not a test: it
 * asserts only that the overlay settled, so a broken page fails loudly instead of producing an empty picture.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { type ExtensionHarness, launchExtension } from './browser';
import { buildExtension } from './build';
import { REPO_ROOT } from './fixture-server';
import { HOST_TAG, settledState } from './helpers/overlay';
import { addStaticAssets } from './helpers/static-assets';

const OUT_DIR = path.join(REPO_ROOT, 'docs/screenshots');
const VIEWPORT = { width: 1280, height: 800 };

interface Shot {
  file: string;
  url: string;
  colorScheme: 'light' | 'dark';
  /** Scroll so the whole card is in view (it sits below the side column, partly under the fold). */
  scrollToCard: boolean;
  /** Expand a card that starts collapsed (the corner pill), to show what it holds. */
  expand: boolean;
}

const SHOTS: Shot[] = [
  {
    file: 'overlay-abs-light.png',
    url: 'https://arxiv.org/abs/2106.09685',
    colorScheme: 'light',
    scrollToCard: true,
    expand: false,
  },
  {
    file: 'overlay-abs-dark.png',
    url: 'https://arxiv.org/abs/2106.09685',
    colorScheme: 'dark',
    scrollToCard: true,
    expand: false,
  },
  // As a reader first sees it: the corner pill (OpenReview's centred column leaves no free slot beside it).
  {
    file: 'overlay-openreview.png',
    url: 'https://openreview.net/forum?id=OUIFPHEgJU',
    colorScheme: 'light',
    scrollToCard: false,
    expand: false,
  },
];

async function shoot(h: ExtensionHarness, shot: Shot): Promise<string> {
  const page: Page = await h.context.newPage();
  try {
    await page.setViewportSize(VIEWPORT);
    await page.emulateMedia({ colorScheme: shot.colorScheme, reducedMotion: 'reduce' });
    await page.goto(shot.url, { waitUntil: 'load' });
    const state = await settledState(page);
    if (state === 'error') throw new Error(`${shot.url}: the overlay shows an error`);
    const toggle = page.locator(`${HOST_TAG} [data-testid="collapse-toggle"]`);
    if (shot.expand && (await toggle.getAttribute('aria-expanded')) === 'false') await toggle.click();
    if (shot.scrollToCard) {
      const card = (await page.locator(`${HOST_TAG} [data-state]`).first().boundingBox())!;
      // Bottom of the card 24px above the bottom of the viewport (the page keeps the title in view if it can).
      const scrollY = Math.max(0, card.y + card.height + 24 - VIEWPORT.height);
      await page.evaluate((y) => window.scrollTo(0, y), scrollY);
    }
    // Let fonts and the last render settle; the card animates nothing with reduced motion.
    await page.waitForTimeout(300);
    const file = path.join(OUT_DIR, shot.file);
    await page.screenshot({ path: file });
    return file;
  } finally {
    await page.close();
  }
}

async function main(): Promise<void> {
  if (!process.env.E2E_EXTENSION_DIR) await buildExtension();
  mkdirSync(OUT_DIR, { recursive: true });
  const h = await launchExtension();
  try {
    addStaticAssets(h.server);
    for (const shot of SHOTS) console.log(`wrote ${path.relative(REPO_ROOT, await shoot(h, shot))}`);
    h.assertNoForeignRequests();
  } finally {
    await h.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
