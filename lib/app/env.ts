import { LIBRARY_CHANGE_STORAGE_KEY, type MessagingBrowser } from '../messages';
import { createSend, type Send } from './api';
import { downloadText } from './download';

/**
 * Everything the extension pages need from the browser, behind one interface: the connected containers take an
 * AppEnv, the real one is built from `browser` here, and tests pass plain objects (a fake `send`, recorded
 * calls) instead of mocking modules.
 */

export interface ActiveTab {
  id?: number | undefined;
  url?: string | undefined;
  title?: string | undefined;
}

export interface AppEnv {
  send: Send;
  /** The active tab of the current window (its URL is visible thanks to activeTab / host permissions). */
  activeTab(): Promise<ActiveTab | null>;
  /** Called when the active tab changes or navigates (side panel); returns the unsubscribe function. */
  onActiveTabChange(callback: () => void): () => void;
  /** Called after any library change (from any page or tab); returns the unsubscribe function. */
  onLibraryChange(callback: () => void): () => void;
  /** Open a URL in a new tab (also chrome:// URLs, which a page link cannot open). */
  openTab(url: string): void;
  openOptions(): void;
  /** Open an extension page ("/browse.html#/node/x") in a tab. */
  openExtensionPage(path: string): void;
  copyText(text: string): Promise<void>;
  download(fileName: string, mimeType: string, text: string): void;
  now(): number;
}

/** A keyboard command as browser.commands.getAll() reports it. */
export interface CommandInfo {
  name: string;
  description: string;
  shortcut: string;
}

/** The options page needs a little more. */
export interface OptionsEnv extends AppEnv {
  commands(): Promise<CommandInfo[]>;
  /** The browser's shortcut settings (chrome://extensions/shortcuts, or Firefox's own opener). */
  openShortcutSettings(): Promise<void>;
}

/** Chromium's page for extension shortcuts; a page link cannot open chrome:// URLs, tabs.create can. */
export const CHROME_SHORTCUTS_URL = 'chrome://extensions/shortcuts';

/** The parts of the WebExtension API the pages use. */
export interface PagesBrowser extends MessagingBrowser {
  runtime: MessagingBrowser['runtime'] & {
    getURL(path: string): string;
    openOptionsPage(): Promise<void>;
  };
  tabs: {
    query(query: { active: true; currentWindow: true }): Promise<ActiveTab[]>;
    create(options: { url: string }): Promise<unknown>;
    onActivated: Listenable<(...args: never[]) => void>;
    onUpdated: Listenable<(tabId: number, change: { url?: string; status?: string }) => void>;
  };
  storage: {
    onChanged: Listenable<(changes: Record<string, unknown>, area: string) => void>;
  };
}

/** The extra APIs of the options page. */
export interface OptionsBrowser extends PagesBrowser {
  commands: {
    getAll(): Promise<{ name?: string; description?: string; shortcut?: string }[]>;
    /** Firefox 137+. */
    openShortcutSettings?: () => Promise<void>;
  };
}

interface Listenable<F> {
  addListener(callback: F): void;
  removeListener(callback: F): void;
}

/** The real environment of an extension page. */
export function createBrowserEnv(browser: PagesBrowser, doc: Document = document): AppEnv {
  const report = (what: string) => (error: unknown) => console.warn(`Efficiency Lens: ${what} failed`, error);
  return {
    send: createSend(browser),
    async activeTab() {
      try {
        const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
        return tab ?? null;
      } catch {
        return null;
      }
    },
    onActiveTabChange(callback) {
      const activated = () => callback();
      const updated = (_id: number, change: { url?: string; status?: string }) => {
        if (change.url !== undefined || change.status === 'complete') callback();
      };
      browser.tabs.onActivated.addListener(activated);
      browser.tabs.onUpdated.addListener(updated);
      return () => {
        browser.tabs.onActivated.removeListener(activated);
        browser.tabs.onUpdated.removeListener(updated);
      };
    },
    onLibraryChange(callback) {
      const listener = (changes: Record<string, unknown>, area: string) => {
        if (area === 'local' && Object.hasOwn(changes, LIBRARY_CHANGE_STORAGE_KEY)) callback();
      };
      browser.storage.onChanged.addListener(listener);
      return () => browser.storage.onChanged.removeListener(listener);
    },
    openTab(url) {
      browser.tabs.create({ url }).catch(report(`opening ${url}`));
    },
    openOptions() {
      browser.runtime.openOptionsPage().catch(report('opening the options'));
    },
    openExtensionPage(path) {
      browser.tabs.create({ url: browser.runtime.getURL(path) }).catch(report(`opening ${path}`));
    },
    async copyText(text) {
      await navigator.clipboard.writeText(text);
    },
    download(fileName, mimeType, text) {
      downloadText(fileName, mimeType, text, doc);
    },
    now: () => Date.now(),
  };
}

/** The real environment of the options page. */
export function createOptionsEnv(browser: OptionsBrowser, doc: Document = document): OptionsEnv {
  return {
    ...createBrowserEnv(browser, doc),
    async commands() {
      const all = await browser.commands.getAll();
      return all.map((c) => ({
        name: c.name ?? '',
        description: c.description ?? '',
        shortcut: c.shortcut ?? '',
      }));
    },
    async openShortcutSettings() {
      if (browser.commands.openShortcutSettings) await browser.commands.openShortcutSettings();
      else await browser.tabs.create({ url: CHROME_SHORTCUTS_URL });
    },
  };
}
