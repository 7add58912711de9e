/**
 * Launches Debian's Chromium with the built extension, pointed at the local fixture server.
 *
 * Facts this relies on (shared/TOOLCHAIN.md, re-checked with Chromium 156 + playwright-core 1.65):
 * - `/usr/lib/chromium/chromium` is the real binary; `/usr/bin/chromium` is a wrapper that adds its own flags.
 * - Playwright's `headless: true` passes `--headless`, which in current Chromium is the "new" headless mode and
 *   loads unpacked extensions (including their MV3 service worker); no `--headless=new` trick is needed.
 * - `--host-resolver-rules` sends the mapped hosts to 127.0.0.1:PORT; `MAP * ~NOTFOUND` makes every other host
 *   fail to resolve, so a stray request can never leave the machine (it still shows up as a violation).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type BrowserContext, chromium, type Page, type Response, type Worker } from 'playwright-core';
import { EXTENSION_DIR, readBuiltManifest } from './build';
import { FIXTURE_HOSTS, type FixtureServer, isFixtureHost, startFixtureServer } from './fixture-server';

/** Debian's Chromium binary; `E2E_CHROMIUM` overrides it. Never a downloaded browser. */
export const CHROMIUM_PATH = process.env.E2E_CHROMIUM ?? '/usr/lib/chromium/chromium';

/** Options for {@link launchExtension}. */
export interface LaunchExtensionOptions {
  /** Unpacked extension to load; default `.output/chrome-mv3`. */
  extensionDir?: string;
  /** Profile directory to (re)use, e.g. for a restart test; the caller owns it and close() leaves it in place. */
  userDataDir?: string;
  /** A running fixture server to share; the caller owns it. Default: a fresh one, closed by close(). */
  server?: FixtureServer;
  /** Fixtures for the server started when `server` is not given. */
  fixturesDir?: string;
  /** How long to wait for the extension's service worker. */
  serviceWorkerTimeoutMs?: number;
}

/** A request that went (or tried to go) somewhere other than the fixture server or the extension. */
export interface ForeignRequest {
  url: string;
  /** `browser`: seen by Playwright (pages, workers); `server`: reached the server with an unmapped Host. */
  seenBy: 'browser' | 'server';
  resourceType?: string;
}

/** A launched browser with the extension loaded. */
export interface ExtensionHarness {
  context: BrowserContext;
  /** The extension's id (its service worker URL's host). */
  extensionId: string;
  serviceWorker: Worker;
  server: FixtureServer;
  userDataDir: string;
  /** Milliseconds spent launching Chromium and waiting for the service worker. */
  timings: { launchMs: number; serviceWorkerMs: number };
  /** `chrome-extension://<id>/<file>`. */
  extensionUrl(file: string): string;
  /** Opens a new tab at `url` and waits for its load event. */
  openPage(url: string): Promise<{ page: Page; response: Response | null }>;
  foreignRequests(): ForeignRequest[];
  clearForeignRequests(): void;
  /** Throws, listing them, if any foreign request happened since launch (or the last clear). */
  assertNoForeignRequests(): void;
  /**
   * Closes the browser (and the profile/server it owns), then runs assertNoForeignRequests: every test that
   * launches a browser is guarded, even one that forgets to assert. A test that provokes a foreign request on
   * purpose calls clearForeignRequests() before closing.
   */
  close(): Promise<void>;
}

/** The `--host-resolver-rules` value: every fixture host to the server, every other host to nowhere. */
export function hostResolverRules(port: number, hosts: readonly string[] = FIXTURE_HOSTS): string {
  if (!Number.isInteger(port) || port <= 0 || port > 65535)
    throw new Error(`hostResolverRules: bad port ${port}`);
  return [...hosts.map((h) => `MAP ${h} 127.0.0.1:${port}`), 'MAP * ~NOTFOUND', 'EXCLUDE localhost'].join(
    ', ',
  );
}

// Schemes that never touch the network.
const LOCAL_SCHEMES = new Set([
  'chrome-extension:',
  'data:',
  'blob:',
  'about:',
  'chrome:',
  'chrome-untrusted:',
]);

/** True for requests the tests allow: extension/local URLs and https on a fixture host's default port. */
export function isAllowedRequestUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (LOCAL_SCHEMES.has(parsed.protocol)) return true;
  // Plain http is not allowed even on a fixture host: the server speaks only TLS, and an http request from the
  // extension would be a bug (openreview.net is HSTS-preloaded; arxiv.org redirects to https).
  return parsed.protocol === 'https:' && parsed.port === '' && isFixtureHost(parsed.hostname);
}

/** The extension id in a `chrome-extension://<id>/...` URL, or a clear error. */
export function extensionIdFromUrl(url: string): string {
  const m = /^chrome-extension:\/\/([a-p]{32})\//.exec(url);
  if (!m) throw new Error(`not an extension URL: ${url}`);
  return m[1]!;
}

/**
 * Waits until the background has run its first turn, i.e. registered its `runtime.onMessage` listener.
 *
 * Why: Playwright reports the service worker as soon as its target exists, while the 1.5 MB background script
 * (the dataset is bundled) may still be evaluating. On a fresh profile Chrome knows no listeners yet, so a tab
 * event in that window is dropped, not queued: a PDF opened right after launch never got its badge
 * (reproduced with Chromium 156). Evaluating in the worker waits for the script's top-level run to finish.
 */
async function waitForBackgroundListeners(worker: Worker, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const ready = await worker
      .evaluate(() => {
        const c = (globalThis as { chrome?: { runtime?: { onMessage?: { hasListeners(): boolean } } } })
          .chrome;
        return c?.runtime?.onMessage?.hasListeners() === true;
      })
      .catch(() => false);
    if (ready) return;
    if (performance.now() > deadline) {
      throw new Error(
        `The extension's service worker started but its background never registered runtime.onMessage ` +
          `within ${timeoutMs} ms (see the worker's console for an error in its first turn).`,
      );
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Launches Chromium with the extension and the fixture server; see {@link ExtensionHarness}. */
export async function launchExtension(options: LaunchExtensionOptions = {}): Promise<ExtensionHarness> {
  const extensionDir = path.resolve(options.extensionDir ?? EXTENSION_DIR);
  const manifest = readBuiltManifest(extensionDir);
  const workerFile = manifest.background?.service_worker;
  if (!workerFile) throw new Error(`${extensionDir}/manifest.json declares no background.service_worker`);
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}: run \`apt-get install -y chromium\` (never download one).`,
    );
  }

  const ownsServer = !options.server;
  const server = options.server ?? (await startFixtureServer({ fixturesDir: options.fixturesDir }));
  const ownsProfile = !options.userDataDir;
  const userDataDir = options.userDataDir ?? mkdtempSync(path.join(os.tmpdir(), 'efficiency-lens-e2e-'));
  const cleanUp = async (): Promise<void> => {
    if (ownsProfile) rmSync(userDataDir, { recursive: true, force: true });
    if (ownsServer) await server.close();
  };

  const started = performance.now();
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      // Playwright adds --disable-extensions by default; --load-extension still works with it in Chromium 156,
      // but dropping it keeps the launch independent of that precedence.
      ignoreDefaultArgs: ['--disable-extensions'],
      args: [
        `--disable-extensions-except=${extensionDir}`,
        `--load-extension=${extensionDir}`,
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        `--host-resolver-rules=${hostResolverRules(server.port)}`,
        '--ignore-certificate-errors',
      ],
    });
  } catch (err) {
    await cleanUp();
    throw new Error(`Chromium failed to launch from ${CHROMIUM_PATH}: ${(err as Error).message}`);
  }
  const launchMs = performance.now() - started;

  const browserForeign: ForeignRequest[] = [];
  context.on('request', (req) => {
    if (!isAllowedRequestUrl(req.url())) {
      browserForeign.push({ url: req.url(), seenBy: 'browser', resourceType: req.resourceType() });
    }
  });
  // Server-side violations from before this launch (shared server) are not this browser's.
  let ignoredServerRecords = new Set(server.foreignRequests());

  const isOurWorker = (w: Worker): boolean =>
    w.url().startsWith('chrome-extension://') && new URL(w.url()).pathname === `/${workerFile}`;
  let serviceWorker: Worker;
  try {
    serviceWorker =
      context.serviceWorkers().find(isOurWorker) ??
      (await context.waitForEvent('serviceworker', {
        predicate: isOurWorker,
        timeout: options.serviceWorkerTimeoutMs ?? 15_000,
      }));
  } catch (err) {
    await context.close().catch(() => {});
    await cleanUp();
    throw new Error(
      `The extension's service worker (${workerFile}) did not start; is ${extensionDir} a loadable build? ` +
        `(${(err as Error).message})`,
    );
  }
  try {
    await waitForBackgroundListeners(serviceWorker, options.serviceWorkerTimeoutMs ?? 15_000);
  } catch (err) {
    await context.close().catch(() => {});
    await cleanUp();
    throw err;
  }
  const serviceWorkerMs = performance.now() - started - launchMs;
  const extensionId = extensionIdFromUrl(serviceWorker.url());

  const foreignRequests = (): ForeignRequest[] => [
    ...browserForeign,
    ...server
      .foreignRequests()
      .filter((r) => !ignoredServerRecords.has(r))
      .map((r) => ({ url: `https://${r.host}${r.path}`, seenBy: 'server' as const })),
  ];

  const throwIfForeign = (found: ForeignRequest[]): void => {
    if (found.length === 0) return;
    const list = found.map((r) => `  ${r.seenBy}: ${r.url}${r.resourceType ? ` (${r.resourceType})` : ''}`);
    throw new Error(`${found.length} request(s) left the fixture hosts:\n${list.join('\n')}`);
  };
  const assertNoForeignRequests = (): void => throwIfForeign(foreignRequests());

  let closed = false;
  return {
    context,
    extensionId,
    serviceWorker,
    server,
    userDataDir,
    timings: { launchMs, serviceWorkerMs },
    extensionUrl: (file) => `chrome-extension://${extensionId}/${file.replace(/^\//, '')}`,
    async openPage(url) {
      const page = await context.newPage();
      const response = await page.goto(url, { waitUntil: 'load' });
      return { page, response };
    },
    foreignRequests,
    clearForeignRequests() {
      browserForeign.length = 0;
      ignoredServerRecords = new Set(server.foreignRequests());
    },
    assertNoForeignRequests,
    async close() {
      if (closed) return;
      closed = true;
      // Read before cleanUp: a server this harness owns is closed there.
      await context.close();
      const found = foreignRequests();
      await cleanUp();
      throwIfForeign(found);
    },
  };
}
