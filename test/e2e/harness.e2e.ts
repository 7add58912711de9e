/**
 * Smoke tests for the real-browser harness itself: the built extension loads in Debian's Chromium, fixture pages
 * arrive under their real URLs over HTTPS from the local server, a profile survives a browser restart, and the
 * network guard notices requests that leave the fixture hosts. The overlay's own tests build on this harness.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type ExtensionHarness, launchExtension } from './browser';
import { EXTENSION_DIR, readBuiltManifest } from './build';
import { addArxivStubs, DEFAULT_FIXTURES_DIR, loadManifest } from './fixture-server';

/** The slice of the `chrome` API these tests call inside the service worker (no @types/chrome in the repo). */
interface ChromeLike {
  runtime: { id: string; getManifest(): { name: string; version: string } };
  storage: {
    local: { get(key: string): Promise<Record<string, unknown>>; set(items: object): Promise<void> };
  };
}
declare const chrome: ChromeLike;

const manifest = loadManifest();
const builtManifest = readBuiltManifest();
const timings: Record<string, number> = {};
const pageLoadsMs: number[] = [];
const fileStarted = performance.now();

let h: ExtensionHarness;

beforeAll(async () => {
  const t = performance.now();
  h = await launchExtension();
  timings.launchToServiceWorkerMs = performance.now() - t;
  timings.chromiumLaunchMs = h.timings.launchMs;
});

afterEach(() => {
  // Every test, including the guard's own (which clears what it provoked), must leave no foreign request.
  h?.assertNoForeignRequests();
});

afterAll(async () => {
  await h?.close();
  timings.fileMs = performance.now() - fileStarted;
  const sorted = [...pageLoadsMs].sort((a, b) => a - b);
  timings.pageLoadMedianMs = sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
  timings.pageLoadMaxMs = sorted.at(-1) ?? Number.NaN;
  if (process.env.E2E_TIMINGS)
    console.log(
      'e2e timings (ms):',
      JSON.stringify(timings, (_, v) => (typeof v === 'number' ? Math.round(v) : v)),
    );
});

describe('extension loading', () => {
  it('loads the built extension and starts its service worker', async () => {
    expect(h.extensionId).toMatch(/^[a-p]{32}$/);
    expect(h.serviceWorker.url()).toBe(h.extensionUrl(builtManifest.background!.service_worker!));
    const inWorker = await h.serviceWorker.evaluate(() => ({
      id: chrome.runtime.id,
      name: chrome.runtime.getManifest().name,
      version: chrome.runtime.getManifest().version,
    }));
    expect(inWorker).toEqual({ id: h.extensionId, name: builtManifest.name, version: builtManifest.version });
  });

  it('serves the extension files from the build directory', async () => {
    const { page, response } = await h.openPage(h.extensionUrl('manifest.json'));
    expect(response?.status()).toBe(200);
    // Read the bytes with fetch rather than from the rendered page: Chromium may pretty-print JSON documents.
    const served = await page.evaluate(() => fetch('/manifest.json').then((r) => r.text()));
    expect(served).toBe(readFileSync(path.join(EXTENSION_DIR, 'manifest.json'), 'utf8'));
    await page.close();
  });
});

describe('fixture pages load under the URLs they stand for', () => {
  it('has manifest entries to test', () => {
    expect(manifest.length).toBeGreaterThan(0);
  });

  it.each(manifest.map((e) => [e.url_it_stands_for, e] as const))('%s', async (url, entry) => {
    const seenBefore = h.server.requests().length;
    const t = performance.now();
    const { page, response } = await h.openPage(url);
    pageLoadsMs.push(performance.now() - t);

    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-type']).toBe('text/html; charset=utf-8');
    expect(page.url()).toBe(url);
    // Byte-for-byte the fixture file: the page really came from the local server, not from anywhere else.
    expect(
      Buffer.from(await response!.body()).equals(readFileSync(path.join(DEFAULT_FIXTURES_DIR, entry.file))),
    ).toBe(true);
    // The server speaks only TLS, so a page that arrived came over HTTPS.
    await expect(page.evaluate(() => window.isSecureContext)).resolves.toBe(true);

    const { host, pathname, search } = new URL(url);
    const documentRequests = h.server
      .requests()
      .slice(seenBefore)
      .filter((r) => r.host === host && r.path === pathname + search);
    expect(documentRequests).toHaveLength(1);

    expect(entry.expected.title, 'MANIFEST records the expected title').toBeTruthy();
    // Title plus body text, whitespace collapsed: the words a reader of the page sees.
    const text = await page.evaluate(() =>
      `${document.title} ${document.body.textContent ?? ''}`.replace(/\s+/g, ' '),
    );
    expect(text).toContain(entry.expected.title!.replace(/\s+/g, ' '));
    await page.close();
  });

  it('arXiv abstract page 2106.09685 carries the title MANIFEST records', async () => {
    const entry = manifest.find((e) => e.url_it_stands_for === 'https://arxiv.org/abs/2106.09685');
    expect(entry).toBeDefined();
    const { page } = await h.openPage('https://arxiv.org/abs/2106.09685');
    await expect(page.title()).resolves.toBe(`[2106.09685] ${entry!.expected.title}`);
    await expect(page.locator('meta[name="citation_title"]').getAttribute('content')).resolves.toBe(
      entry!.expected.title,
    );
    await page.close();
  });

  it('OpenReview forum OUIFPHEgJU loads over HTTPS (openreview.net is HSTS-preloaded)', async () => {
    const entry = manifest.find((e) => e.url_it_stands_for === 'https://openreview.net/forum?id=OUIFPHEgJU');
    expect(entry).toBeDefined();
    const { page, response } = await h.openPage('https://openreview.net/forum?id=OUIFPHEgJU');
    expect(response?.status()).toBe(200);
    expect(new URL(page.url()).protocol).toBe('https:');
    await expect(page.evaluate(() => window.isSecureContext)).resolves.toBe(true);
    expect((await page.locator('h2.citation_title').textContent())?.trim()).toBe(entry!.expected.title);
    await page.close();
  });
});

describe('fixture server behind the browser', () => {
  it.each([
    ['an unknown path', 'https://arxiv.org/abs/9999.99999'],
    ['a known path with another query', 'https://openreview.net/forum?id=NOT-A-FORUM'],
    ['a known path on another mapped host', 'https://www.arxiv.org/abs/2106.09685'],
  ])('answers %s with a 404 text page', async (_, url) => {
    const { page, response } = await h.openPage(url);
    expect(response?.status()).toBe(404);
    expect(response?.headers()['content-type']).toBe('text/plain; charset=utf-8');
    await expect(page.locator('body').textContent()).resolves.toContain('404 Not Found');
    await page.close();
  });

  it('serves generated arXiv pages and PDFs for ids outside the fixture set, without shadowing fixtures', async () => {
    const undo = addArxivStubs(h.server, {
      pageFor: (id) => (id === '2402.00001' ? { title: 'A Stub Paper About Pruning' } : undefined),
    });
    try {
      const { page, response } = await h.openPage('https://arxiv.org/abs/2402.00001v2');
      expect(response?.status()).toBe(200);
      await expect(page.locator('h1.title').textContent()).resolves.toBe('Title:A Stub Paper About Pruning');
      await expect(page.locator('meta[name="citation_arxiv_id"]').getAttribute('content')).resolves.toBe(
        '2402.00001',
      );

      const pdf = await page.evaluate(async () => {
        const res = await fetch('/pdf/2402.00001v2');
        const bytes = new Uint8Array(await res.arrayBuffer());
        return {
          status: res.status,
          type: res.headers.get('content-type'),
          head: String.fromCharCode(...bytes.slice(0, 5)),
        };
      });
      expect(pdf).toEqual({ status: 200, type: 'application/pdf', head: '%PDF-' });

      // An id the stub does not know still gets the 404, and a fixture URL still gets its fixture.
      const missing = await page.evaluate(async () => (await fetch('/abs/2402.00002')).status);
      expect(missing).toBe(404);
      const lora = await h.openPage('https://arxiv.org/abs/2106.09685');
      await expect(lora.page.locator('meta[name="citation_title"]').getAttribute('content')).resolves.toBe(
        'LoRA: Low-Rank Adaptation of Large Language Models',
      );
      await lora.page.close();
      await page.close();
    } finally {
      undo();
    }
    const after = await h.openPage('https://arxiv.org/abs/2402.00001');
    expect(after.response?.status()).toBe(404);
    await after.page.close();
  });
});

describe('network guard', () => {
  it('flags page and service-worker requests to unmapped hosts or plain http, and never lets them out', async () => {
    const unroute = h.server.route('https://arxiv.org/e2e/leaky-page', {
      body: '<!doctype html><title>leaky</title><img src="https://tracker.example/pixel.png">',
    });
    const { page } = await h.openPage('https://arxiv.org/e2e/leaky-page');
    unroute();
    await page.evaluate(() =>
      fetch('http://arxiv.org/insecure').then(
        () => 'sent',
        () => 'blocked',
      ),
    );
    const swResult = await h.serviceWorker.evaluate(() =>
      fetch('https://api.example.org/phone-home').then(
        () => 'reached',
        () => 'failed',
      ),
    );
    await page.close();

    // MAP * ~NOTFOUND: the foreign host does not resolve, so nothing left the machine.
    expect(swResult).toBe('failed');
    const urls = h.foreignRequests().map((r) => `${r.seenBy} ${r.url}`);
    expect(urls).toEqual(
      expect.arrayContaining([
        'browser https://tracker.example/pixel.png',
        'browser http://arxiv.org/insecure',
        'browser https://api.example.org/phone-home',
      ]),
    );
    expect(() => h.assertNoForeignRequests()).toThrow(/left the fixture hosts/);
    h.clearForeignRequests();
    expect(h.foreignRequests()).toEqual([]);
  });

  it('flags requests that reach the server under an unmapped Host', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: h.server.port,
          path: '/abs/2106.09685',
          headers: { host: 'evil.example' },
          rejectUnauthorized: false,
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(404);
    expect(h.foreignRequests()).toEqual([{ url: 'https://evil.example/abs/2106.09685', seenBy: 'server' }]);
    h.clearForeignRequests();
  });

  it('lets fixture-host HTTPS and extension URLs through', async () => {
    const { page } = await h.openPage('https://huggingface.co/papers/2306.00978');
    await page.evaluate(() => fetch('https://arxiv.org/abs/2106.09685', { mode: 'no-cors' }));
    await page.close();
    expect(h.foreignRequests()).toEqual([]);
  });
});

describe('browser restart on the same profile', () => {
  it('keeps chrome.storage.local data written by the service worker', async () => {
    const profile = mkdtempSync(path.join(os.tmpdir(), 'efficiency-lens-e2e-profile-'));
    const value = `kept-${Date.now()}-${Math.random()}`;
    try {
      const first = await launchExtension({ userDataDir: profile, server: h.server });
      timings.secondLaunchMs = first.timings.launchMs + first.timings.serviceWorkerMs;
      await first.serviceWorker.evaluate((v) => chrome.storage.local.set({ e2eRestart: v }), value);
      const firstId = first.extensionId;
      first.assertNoForeignRequests();
      await first.close();

      const t = performance.now();
      const second = await launchExtension({ userDataDir: profile, server: h.server });
      timings.restartMs = performance.now() - t;
      try {
        expect(second.extensionId).toBe(firstId);
        const stored = await second.serviceWorker.evaluate(() => chrome.storage.local.get('e2eRestart'));
        expect(stored).toEqual({ e2eRestart: value });
        second.assertNoForeignRequests();
      } finally {
        await second.close();
      }
    } finally {
      rmSync(profile, { recursive: true, force: true });
    }
    // Control: the harness's own fresh profile never saw that key, so the check above can fail.
    await expect(h.serviceWorker.evaluate(() => chrome.storage.local.get('e2eRestart'))).resolves.toEqual({});
  });
});
