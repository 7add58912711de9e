/**
 * The core of the suite in Firefox ESR (Debian's /usr/bin/firefox-esr, driven by puppeteer-core 24 over WebDriver
 * BiDi), for the MV2 build (Firefox's default) and the MV3 build: the overlay on an arXiv abstract page shows the
 * right leaf, Save works and survives a reload, and the popup's library lists the saved paper.
 *
 * How the pieces fit:
 * - `wxt build -b firefox [--mv3]` into a temp dir, installed with puppeteer's `browser.installExtension` (a
 *   temporary add-on, id from browser_specific_settings.gecko.id).
 * - Firefox has no host-resolver flag: every request goes through a local CONNECT proxy (network.proxy.* prefs)
 *   that tunnels the fixture hosts to the HTTPS fixture server and refuses, and records, anything else. The
 *   self-signed certificate is accepted with `acceptInsecureCerts`.
 * - The extension's moz-extension:// UUID is fixed beforehand (pref extensions.webextensions.uuids).
 * - BiDi refuses to navigate a tab to moz-extension:// ("not allowed in this context"), so the popup is reached
 *   as a user reaches extension pages from the overlay: a taxonomy link opens browse.html (through the
 *   background), and that extension page then navigates itself to popup.html#/library.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FixtureServer, isFixtureHost, REPO_ROOT, startFixtureServer } from './fixture-server';
import { requireRecord } from './helpers/dataset';

/** Debian's Firefox ESR; `E2E_FIREFOX` overrides it. */
const FIREFOX_PATH = process.env.E2E_FIREFOX ?? '/usr/bin/firefox-esr';
const GECKO_ID = 'efficiency-lens@example.org';
const UUID = '5f0c2b8e-6e4d-4b7a-9c1e-e1e1e1e1e1e1';
const LORA = requireRecord('2106.09685');
const LORA_URL = 'https://arxiv.org/abs/2106.09685';
const OVERLAY = 'efficiency-lens-overlay';

/**
 * Firefox's own background services (remote settings, and the like) that the browser contacts by itself; they
 * are not the extension's requests. Everything else that is not a fixture host counts as foreign.
 */
const FIREFOX_OWN_HOSTS = /(?:^|\.)(?:services\.mozilla\.com|mozilla\.net|mozilla\.org|firefox\.com)$/;

/** A CONNECT proxy: fixture hosts are tunnelled to the fixture server, anything else refused and recorded. */
async function startProxy(server: FixtureServer) {
  const refused: string[] = [];
  const proxy = http.createServer((req, res) => {
    refused.push(`http://${req.headers.host ?? '?'}${req.url ?? ''}`);
    res.writeHead(403).end();
  });
  proxy.on('connect', (req: http.IncomingMessage, client: net.Socket) => {
    const host = (req.url ?? '').replace(/:\d+$/, '');
    if (!isFixtureHost(host)) {
      refused.push(`https://${req.url ?? '?'}`);
      client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    const upstream = net.connect(server.port, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  return {
    port: (proxy.address() as net.AddressInfo).port,
    /** Refused requests that Firefox itself did not make. */
    foreign: () =>
      refused.filter(
        (url) => !FIREFOX_OWN_HOSTS.test(new URL(url.replace(/^https:\/\/([^/]+)$/, 'https://$1/')).hostname),
      ),
    close: () => new Promise<void>((resolve) => proxy.close(() => resolve())),
  };
}

/** Builds the Firefox extension into `outDir`; resolves to `<outDir>/firefox-mv2` or `firefox-mv3`. */
async function buildFirefox(outDir: string, mv3: boolean): Promise<string> {
  const args = ['build', '-b', 'firefox', ...(mv3 ? ['--mv3'] : [])];
  try {
    await promisify(execFile)(path.join(REPO_ROOT, 'node_modules/.bin/wxt'), args, {
      cwd: REPO_ROOT,
      env: { ...process.env, EL_OUT_DIR: outDir },
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (err) {
    const e = err as Error & { stdout?: string; stderr?: string };
    throw new Error(
      `wxt ${args.join(' ')} failed:\n${`${e.stdout ?? ''}\n${e.stderr ?? e.message}`.slice(-4000)}`,
    );
  }
  const dir = path.join(outDir, mv3 ? 'firefox-mv3' : 'firefox-mv2');
  if (!existsSync(path.join(dir, 'manifest.json'))) throw new Error(`no manifest.json in ${dir}`);
  return dir;
}

/** Polls `fn` in the page until it returns true (puppeteer's waitForFunction, with a readable failure). */
async function waitInPage(page: Page, what: string, fn: () => boolean, timeout = 10_000): Promise<void> {
  try {
    await page.waitForFunction(fn, { timeout, polling: 100 });
  } catch (error) {
    throw new Error(`${what}: ${(error as Error).message}`);
  }
}

/** What the overlay shows: its state, leaf placements and the Save toggle's pressed state. */
function overlayView(page: Page) {
  return page.evaluate((tag) => {
    const root = document.querySelector(tag)?.shadowRoot;
    const card = root?.querySelector('[data-state]');
    return {
      state: card?.getAttribute('data-state') ?? null,
      leaves: [...(root?.querySelectorAll('[data-testid="leaf-placement"]') ?? [])].map((e) =>
        e.getAttribute('data-leaf'),
      ),
      saved: root?.querySelector('[data-testid="save-button"]')?.getAttribute('aria-pressed') ?? null,
    };
  }, OVERLAY);
}

/** Clicks an element inside the overlay's shadow root; throws a clear error when it is not there. */
async function clickInOverlay(page: Page, selector: string): Promise<void> {
  const found = await page.evaluate(
    (tag, sel) => {
      const el = document.querySelector(tag)?.shadowRoot?.querySelector(sel);
      if (!(el instanceof HTMLElement)) return false;
      el.click();
      return true;
    },
    OVERLAY,
    selector,
  );
  if (!found) throw new Error(`nothing matches ${selector} in the overlay`);
}

const settled = () => {
  const card = document.querySelector('efficiency-lens-overlay')?.shadowRoot?.querySelector('[data-state]');
  return !!card && card.getAttribute('data-state') !== 'loading';
};
const pressed = () =>
  document
    .querySelector('efficiency-lens-overlay')
    ?.shadowRoot?.querySelector('[data-testid="save-button"]')
    ?.getAttribute('aria-pressed') === 'true';

let server: FixtureServer;
let outDir: string;
beforeAll(async () => {
  if (!existsSync(FIREFOX_PATH)) {
    throw new Error(`Firefox not found at ${FIREFOX_PATH}: run \`apt-get install -y firefox-esr\``);
  }
  server = await startFixtureServer();
  outDir = mkdtempSync(path.join(os.tmpdir(), 'efficiency-lens-firefox-'));
});
afterAll(async () => {
  await server?.close();
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

describe.each([
  { label: 'MV2 (Firefox default)', mv3: false },
  { label: 'MV3', mv3: true },
])('Firefox ESR, $label build', ({ mv3 }) => {
  let browser: Browser;
  let proxy: Awaited<ReturnType<typeof startProxy>>;

  beforeAll(async () => {
    const extensionDir = await buildFirefox(outDir, mv3);
    proxy = await startProxy(server);
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: FIREFOX_PATH,
      headless: true,
      acceptInsecureCerts: true,
      extraPrefsFirefox: {
        'network.proxy.type': 1,
        'network.proxy.ssl': '127.0.0.1',
        'network.proxy.ssl_port': proxy.port,
        'network.proxy.http': '127.0.0.1',
        'network.proxy.http_port': proxy.port,
        'network.proxy.no_proxies_on': '',
        'network.proxy.allow_hijacking_localhost': true,
        'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: UUID }),
      },
    });
    expect(await browser.installExtension(extensionDir)).toBe(GECKO_ID);
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await proxy?.close();
  });

  it('overlay on an abstract page, Save survives a reload, the popup lists the paper; no request left', async () => {
    const page = await browser.newPage();
    await page.goto(LORA_URL, { waitUntil: 'load' });
    await waitInPage(page, 'the overlay never settled', settled, 20_000);
    expect(await overlayView(page)).toEqual({ state: 'in-survey', leaves: LORA.leaves, saved: 'false' });

    await clickInOverlay(page, '[data-testid="save-button"]');
    await waitInPage(page, 'Save never showed Saved', pressed);
    await page.reload({ waitUntil: 'load' });
    await waitInPage(page, 'the overlay never settled after reload', settled, 20_000);
    await waitInPage(page, 'not Saved after reload', pressed);

    // A taxonomy link opens browse.html in a new tab (through the background); that page goes to the popup.
    const opened = new Promise<Page>((resolve) =>
      browser.once('targetcreated', async (target) => resolve((await target.page())!)),
    );
    await clickInOverlay(page, '[data-testid="taxonomy-path"] a');
    const extensionPage = await opened;
    await waitInPage(extensionPage, 'browse.html never opened', () => location.protocol === 'moz-extension:');
    expect(await extensionPage.evaluate(() => location.host)).toBe(UUID);
    await extensionPage.evaluate(() => location.assign('/popup.html#/library'));
    await waitInPage(
      extensionPage,
      'the popup library never listed a paper',
      () => document.querySelectorAll('[data-testid="library-row"]').length > 0,
    );
    const rows = await extensionPage.$$eval('[data-testid="library-row"]', (els) =>
      els.map((e) => ({
        key: e.getAttribute('data-key'),
        title: e.querySelector('.app-row-title')?.textContent,
      })),
    );
    expect(rows).toEqual([{ key: `arxiv:${LORA.arxivId}`, title: LORA.title }]);
    await extensionPage.close();
    await page.close();

    expect(proxy.foreign()).toEqual([]);
    expect(server.foreignRequests()).toEqual([]);
  });
});
