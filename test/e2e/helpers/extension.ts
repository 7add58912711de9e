/**
 * Talking to the extension's service worker from a test: find tabs, read the toolbar badge, and fire the
 * keyboard-shortcut commands. Headless Chromium does not route Alt+Shift+S to extension commands (checked with
 * Chromium 156: the key reaches the page, the command never fires), so commands are dispatched to the
 * background's own `commands.onCommand` listeners, which then run exactly as after a shortcut.
 */
import type { Page } from 'playwright-core';
import type { ExtensionHarness } from '../browser';

/** The slice of the `chrome` API used inside the worker (the repo has no @types/chrome). */
interface Tab {
  id?: number;
  url?: string;
  active?: boolean;
}
interface ChromeLike {
  tabs: {
    query(q: { active?: boolean; lastFocusedWindow?: boolean; url?: string | string[] }): Promise<Tab[]>;
    get(id: number): Promise<Tab>;
    create(p: { url: string; active?: boolean }): Promise<Tab>;
    update(id: number, p: { url: string }): Promise<Tab>;
  };
  action: {
    getBadgeText(d: { tabId: number }): Promise<string>;
    getTitle(d: { tabId: number }): Promise<string>;
  };
  commands: { onCommand: { dispatch(command: string, tab: Tab): void } };
  storage: { local: { get(key?: string | null): Promise<Record<string, unknown>> } };
}
declare const chrome: ChromeLike;

/** The command names of wxt.config.ts (keyboard shortcuts). */
export type CommandName = 'toggle-save' | 'toggle-overlay';

/**
 * The tab id of a Playwright page. The extension may not read the URL of ordinary tabs (no "tabs" permission),
 * so the page is brought to the front and the active tab is asked for, which is also how a real shortcut picks
 * its tab.
 */
export async function tabIdOf(h: ExtensionHarness, page: Page): Promise<number> {
  await page.bringToFront();
  const tabs = await h.serviceWorker.evaluate(() =>
    chrome.tabs.query({ active: true, lastFocusedWindow: true }),
  );
  if (tabs.length !== 1 || typeof tabs[0]?.id !== 'number') {
    throw new Error(`expected one active tab, found ${JSON.stringify(tabs)}`);
  }
  return tabs[0].id;
}

/** The tab whose URL the extension may read (PDF tabs: host_permissions) equal to `url`. */
export async function pdfTabId(h: ExtensionHarness, url: string): Promise<number> {
  const tabs = await h.serviceWorker.evaluate(() => chrome.tabs.query({}));
  const found = tabs.filter((t) => t.url === url);
  if (found.length !== 1 || typeof found[0]?.id !== 'number') {
    throw new Error(`expected one tab at ${url}, found ${JSON.stringify(tabs.map((t) => t.url ?? '?'))}`);
  }
  return found[0].id;
}

/** The toolbar badge of a tab: its text and its tooltip. */
export async function badgeOf(h: ExtensionHarness, tabId: number): Promise<{ text: string; title: string }> {
  return h.serviceWorker.evaluate(
    async (id) => ({
      text: await chrome.action.getBadgeText({ tabId: id }),
      title: await chrome.action.getTitle({ tabId: id }),
    }),
    tabId,
  );
}

/** Fire a keyboard-shortcut command for a tab, as Chrome does when the user presses it. */
export async function dispatchCommand(
  h: ExtensionHarness,
  command: CommandName,
  tabId: number,
): Promise<void> {
  await h.serviceWorker.evaluate(
    async ([name, id]) => {
      const tab = await chrome.tabs.get(id);
      chrome.commands.onCommand.dispatch(name, tab);
    },
    [command, tabId] as const,
  );
}

/** Open a tab from the extension (chrome.tabs.create) and return its id. */
export async function createTab(h: ExtensionHarness, url: string): Promise<number> {
  const tab = await h.serviceWorker.evaluate((u) => chrome.tabs.create({ url: u }), url);
  if (typeof tab.id !== 'number') throw new Error(`chrome.tabs.create(${url}) returned no tab id`);
  return tab.id;
}

/** Navigate a tab from the extension (chrome.tabs.update). */
export async function navigateTab(h: ExtensionHarness, tabId: number, url: string): Promise<void> {
  await h.serviceWorker.evaluate(([id, u]) => chrome.tabs.update(id, { url: u }), [tabId, url] as const);
}

/** Everything in chrome.storage.local (settings, dismissed papers, the library-change signal). */
export async function localStorageOf(h: ExtensionHarness): Promise<Record<string, unknown>> {
  return h.serviceWorker.evaluate(() => chrome.storage.local.get(null));
}
