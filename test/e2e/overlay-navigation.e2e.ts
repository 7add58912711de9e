/**
 * OpenReview is a client-rendered app: forums change with history.pushState and the note renders after load.
 * The overlay must follow the URL to the new paper and must never show the previous paper under the new URL,
 * and on a first load it appears once the note has rendered. A recorder in the page's main world samples the
 * (open) shadow root on every change of the overlay and after every pushState, so a stale frame is caught even
 * when it is later corrected.
 */
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type ExtensionHarness, launchExtension } from './browser';
import { recordByOpenReviewId } from './helpers/dataset';
import { HOST_TAG, settledState, shownLeaves, watchPage } from './helpers/overlay';
import { readPage, replaceAll } from './helpers/pages';
import { addStaticAssets } from './helpers/static-assets';

const FROM = 'B1ckMDqlg';
const TO = 'Tr0lPx9woF';
const forumUrl = (id: string) => `https://openreview.net/forum?id=${id}`;

let h: ExtensionHarness;

beforeAll(async () => {
  h = await launchExtension();
  addStaticAssets(h.server);
  const spa = readPage('e2e_openreview_spa.html');
  h.server.routePattern('openreview.net', new RegExp(`^/forum\\?id=(?:${FROM}|${TO})$`), () => ({
    body: spa,
  }));
});

afterEach(() => {
  h?.assertNoForeignRequests();
});

afterAll(async () => {
  await h?.close();
});

/** One observation of the overlay, taken in the page. */
interface Sample {
  why: string;
  at: number;
  href: string;
  attached: boolean;
  state: string | null;
  leaves: string[];
}

/** Installed before any page script: records a Sample whenever the overlay changes and after pushState. */
function installRecorder(hostTag: string): void {
  const w = window as unknown as { e2eSamples: Sample[] };
  w.e2eSamples = [];
  const sample = (why: string) => {
    const host = document.querySelector(hostTag);
    const root = host?.shadowRoot ?? null;
    const leaves = root
      ? [...root.querySelectorAll('[data-leaf]')].map((e) => e.getAttribute('data-leaf') ?? '')
      : [];
    w.e2eSamples.push({
      why,
      at: performance.now(),
      href: location.href,
      attached: Boolean(host?.isConnected),
      state: root?.querySelector('[data-state]')?.getAttribute('data-state') ?? null,
      leaves: [...new Set(leaves)],
    });
  };
  const watchedRoots = new WeakSet<ShadowRoot>();
  new MutationObserver(() => {
    for (const host of document.querySelectorAll(hostTag)) {
      const root = host.shadowRoot;
      if (!root || watchedRoots.has(root)) continue;
      watchedRoots.add(root);
      new MutationObserver(() => sample('overlay changed')).observe(root, {
        subtree: true,
        childList: true,
        attributes: true,
        characterData: true,
      });
      sample('overlay mounted');
    }
  }).observe(document, { childList: true, subtree: true });
  const push = history.pushState.bind(history);
  history.pushState = (...args: Parameters<History['pushState']>) => {
    push(...args);
    sample('after pushState');
  };
  window.addEventListener('popstate', () => sample('popstate'));
}

async function openRecorded(url: string): Promise<Page> {
  const page = await h.context.newPage();
  await page.addInitScript(installRecorder, HOST_TAG);
  await page.goto(url, { waitUntil: 'load' });
  return page;
}

const samples = (page: Page) =>
  page.evaluate(() => (window as unknown as { e2eSamples: Sample[] }).e2eSamples);

/** Waits until the overlay shows exactly `leaves` (settled). */
async function expectOverlayLeaves(page: Page, leaves: readonly string[]): Promise<void> {
  await expect
    .poll(
      async () => ((await settledState(page)) === 'in-survey' ? (await shownLeaves(page)).sort() : null),
      {
        timeout: 8_000,
      },
    )
    .toEqual([...leaves].sort());
}

/** No sample taken under `id`'s URL may show `wrongLeaves` (another paper's). */
function expectNeverShownUnder(all: Sample[], id: string, wrongLeaves: readonly string[]): void {
  const wrong = [...wrongLeaves].sort().join();
  const bad = all.filter(
    (s) => new URL(s.href).searchParams.get('id') === id && s.leaves.sort().join() === wrong,
  );
  expect(bad, `frames showing the other paper under ${forumUrl(id)}`).toEqual([]);
}

describe('OpenReview in-app navigation', () => {
  const from = recordByOpenReviewId(FROM)!;
  const to = recordByOpenReviewId(TO)!;

  it('has two dataset papers with different leaves to tell apart', () => {
    expect(from).toBeDefined();
    expect(to).toBeDefined();
    expect(from.leaves.some((l) => to.leaves.includes(l))).toBe(false);
  });

  it.each([
    ['the URL changes first, the note renders 400 ms later', 'url-first', 400],
    ['the note renders first, the URL follows 300 ms later', 'dom-first', 300],
    ['the URL changes and the note renders at once', 'url-first', 0],
  ] as const)('follows pushState to another forum: %s', async (_, order, gapMs) => {
    const page = await openRecorded(forumUrl(FROM));
    const watch = watchPage(page);
    await expectOverlayLeaves(page, from.leaves);

    await page.evaluate(
      ([id, o, gap]) =>
        (window as unknown as { e2eNavigate: (...a: unknown[]) => Promise<void> }).e2eNavigate(id, o, gap),
      [TO, order, gapMs] as const,
    );
    expect(page.url()).toBe(forumUrl(TO));
    await expectOverlayLeaves(page, to.leaves);
    // Let any late, stale answer arrive before judging the recording.
    await page.waitForTimeout(600);
    await expectOverlayLeaves(page, to.leaves);
    expect(await page.locator(HOST_TAG).count()).toBe(1);

    const all = await samples(page);
    expect(all.some((s) => s.why === 'after pushState')).toBe(true);
    expectNeverShownUnder(all, TO, from.leaves);
    // Back: the page re-renders the first forum on popstate, and the overlay follows again.
    await page.goBack();
    expect(page.url()).toBe(forumUrl(FROM));
    await expectOverlayLeaves(page, from.leaves);
    await page.waitForTimeout(600);
    expectNeverShownUnder(await samples(page), FROM, to.leaves);
    watch.assertClean();
    await page.close();
  });

  it('follows a click on an in-app link', async () => {
    const page = await openRecorded(forumUrl(FROM));
    await expectOverlayLeaves(page, from.leaves);
    await page.locator(`a[data-spa][href="/forum?id=${TO}"]`).click();
    await page.waitForURL(forumUrl(TO));
    await expectOverlayLeaves(page, to.leaves);
    await page.waitForTimeout(600);
    expectNeverShownUnder(await samples(page), TO, from.leaves);
    await page.close();
  });
});

describe('client-rendered forum', () => {
  it('shows the overlay once the note renders, 500 ms after load, and not before', async () => {
    const url = forumUrl(TO);
    const undo = h.server.route(url, {
      body: replaceAll(
        readPage('e2e_openreview_spa.html'),
        'data-render-delay-ms="0"',
        'data-render-delay-ms="500"',
      ),
    });
    try {
      const page = await openRecorded(url);
      const watch = watchPage(page);
      // The note is not there yet: neither is the overlay.
      expect(await page.locator('.forum-note').count()).toBe(0);
      expect(await page.locator(HOST_TAG).count()).toBe(0);
      await expectOverlayLeaves(page, recordByOpenReviewId(TO)!.leaves);

      const rendered = await page.evaluate(
        () => (window as unknown as { e2eRendered: { at: number }[] }).e2eRendered,
      );
      expect(rendered).toHaveLength(1);
      const mounted = (await samples(page)).filter((s) => s.why === 'overlay mounted');
      expect(mounted.length).toBeGreaterThan(0);
      expect(mounted[0]!.at).toBeGreaterThanOrEqual(rendered[0]!.at);
      watch.assertClean();
      await page.close();
    } finally {
      undo();
    }
  });
});
