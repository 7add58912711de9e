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
import { annotated, CHIP_TAG } from './helpers/lists';
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
  /** A list page (chips from the lists script) instead of a paper page; `openCard` clicks the first chip. */
  list?: { openCard: boolean };
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
  // A paper outside the survey: the classifier's guess, worded as a prediction.
  {
    file: 'overlay-prediction.png',
    url: 'https://arxiv.org/abs/2401.00001',
    colorScheme: 'light',
    scrollToCard: true,
    expand: false,
  },
  // Lists: the daily arXiv listing with its chips and the card of one, and a Google Scholar results page.
  {
    file: 'lists-arxiv-listing.png',
    url: 'https://arxiv.org/list/cs.CL/new',
    colorScheme: 'light',
    scrollToCard: false,
    expand: false,
    list: { openCard: true },
  },
  {
    file: 'lists-scholar.png',
    url: 'https://scholar.google.com/scholar?hl=en&as_sdt=0%2C5&q=llm+quantization&btnG=',
    colorScheme: 'light',
    scrollToCard: false,
    expand: false,
    list: { openCard: false },
  },
];

/** An abstract page (arXiv's markup, as in test/fixtures) for a made-up LLM-efficiency paper not in the dataset. */
function outsidePaperPage(id: string, title: string, abstract: string): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>[${id}] ${title}</title>
<meta name="citation_title" content="${title}"><meta name="citation_arxiv_id" content="${id}">
<meta name="citation_abstract" content="${abstract}">
<link rel="stylesheet" href="/static/browse/0.3.4/css/arXiv.css"></head><body>
<div id="header"><a href="/">arXiv</a></div><div id="content"><div id="abs-outer"><div class="leftcolumn">
<div id="abs"><h1 class="title mathjax"><span class="descriptor">Title:</span>${title}</h1>
<div class="authors"><span class="descriptor">Authors:</span><a href="/search/cs?searchtype=author&query=Doe">Jane Doe</a></div>
<blockquote class="abstract mathjax"><span class="descriptor">Abstract:</span>${abstract}</blockquote></div></div></div></div>
</body></html>`;
}

async function shoot(h: ExtensionHarness, shot: Shot): Promise<string> {
  const page: Page = await h.context.newPage();
  try {
    await page.setViewportSize(VIEWPORT);
    await page.emulateMedia({ colorScheme: shot.colorScheme, reducedMotion: 'reduce' });
    await page.goto(shot.url, { waitUntil: 'load' });
    if (shot.list) {
      await annotated(page);
      if (shot.list.openCard) {
        await page.locator(`${CHIP_TAG} [data-testid="list-chip"]`).first().click();
        await page.waitForTimeout(400);
      }
      const file = path.join(OUT_DIR, shot.file);
      await page.screenshot({ path: file });
      return file;
    }
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
    h.server.route('https://arxiv.org/abs/2401.00001', {
      body: outsidePaperPage(
        '2401.00001',
        '4-bit Weight Quantization of Large Language Models with Outlier-Aware Rounding',
        'We quantize the weights of large language models to 4 bits after training, keeping outlier channels in higher precision, and match full-precision perplexity on LLaMA models.',
      ),
    });
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
