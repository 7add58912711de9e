/**
 * The library from a test's side: messages sent from an extension page (the only sender the background accepts
 * for library reads and bulk changes), the rows the library view shows, downloads, and UI strings computed from
 * public/_locales/en/messages.json (Chromium runs with an English UI here), never copied into the tests.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Download, Locator, Page } from 'playwright-core';
import { LIBRARY_DB_NAME, type LibraryItem, type SnapshotInfo } from '../../../lib/db/schema';
import type { ExtensionHarness } from '../browser';
import { REPO_ROOT } from '../fixture-server';

declare const chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } };

/** The toolbar popup's size (Chromium caps popups at 800×600; the app is laid out for ~400×600). */
export const POPUP_SIZE = { width: 400, height: 600 } as const;
/** A side panel: narrow and tall. */
export const SIDE_PANEL_SIZE = { width: 360, height: 860 } as const;

/** Opens an extension page (`popup.html#/library`, `options.html`, …) in a new tab of the given size. */
export async function openExtensionPage(
  h: ExtensionHarness,
  file: string,
  size: { width: number; height: number } = POPUP_SIZE,
): Promise<Page> {
  const page = await h.context.newPage();
  await page.setViewportSize(size);
  await page.goto(h.extensionUrl(file), { waitUntil: 'load' });
  return page;
}

/** A reply of lib/messages.ts. */
export type Reply = { ok: true; value: unknown } | { ok: false; error: string };

/** Sends a message from an extension page and returns the raw reply. */
export async function sendRaw(page: Page, type: string, input: unknown): Promise<Reply> {
  const reply = (await page.evaluate(([t, i]) => chrome.runtime.sendMessage({ type: t, input: i }), [
    type,
    input,
  ] as const)) as Reply | undefined;
  if (!reply) throw new Error(`${type}: no reply from the background`);
  return reply;
}

/** Sends a message from an extension page; returns its value or throws its error. */
export async function send<T = unknown>(page: Page, type: string, input: unknown): Promise<T> {
  const reply = await sendRaw(page, type, input);
  if (!reply.ok) throw new Error(`${type} failed: ${reply.error}`);
  return reply.value as T;
}

/** The whole library as the background's listLibrary returns it (newest first). */
export function listLibrary(page: Page): Promise<LibraryItem[]> {
  return send<LibraryItem[]>(page, 'listLibrary', {});
}

/** The kept library snapshots (backups taken before imports, bulk deletes, …). */
export function listSnapshots(page: Page): Promise<SnapshotInfo[]> {
  return send<SnapshotInfo[]>(page, 'listSnapshots', {});
}

/**
 * One library item read straight from the extension's IndexedDB inside its service worker: no message handler
 * and no validation in between, so a test sees what is stored, not what a handler reports. The running worker
 * is looked up at each call (after an idle stop Chromium starts a new one).
 */
export async function storedItem(h: ExtensionHarness, key: string): Promise<LibraryItem | undefined> {
  const origin = h.extensionUrl('');
  const worker = h.context.serviceWorkers().find((w) => w.url().startsWith(origin));
  if (!worker) throw new Error('the extension has no running service worker (send it a message first)');
  return worker.evaluate(
    async ([dbName, itemKey]) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open(dbName);
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      try {
        return await new Promise<LibraryItem | undefined>((resolve, reject) => {
          const get = db.transaction('items').objectStore('items').get(itemKey);
          get.onsuccess = () => resolve(get.result as LibraryItem | undefined);
          get.onerror = () => reject(get.error);
        });
      } finally {
        db.close();
      }
    },
    [LIBRARY_DB_NAME, key] as const,
  );
}

/** Items sorted by key, for comparisons that must not depend on order. */
export function byKey(items: readonly LibraryItem[]): LibraryItem[] {
  return [...items].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** What one row of the library view shows. */
export interface ShownRow {
  key: string;
  title: string;
  leaves: string[];
  status: string;
  tags: string[];
  hasNote: boolean;
}

/** The library view's rows now in the DOM (the list is windowed: rows far below the fold are not rendered). */
export async function shownRows(page: Page): Promise<ShownRow[]> {
  return page.locator('[data-testid="library-row"]').evaluateAll((rows) =>
    rows.map((row) => ({
      key: row.getAttribute('data-key') ?? '',
      title: row.querySelector('.app-row-title')?.textContent ?? '',
      leaves: [...row.querySelectorAll('[data-testid="leaf-chip"]')].map(
        (c) => c.getAttribute('data-leaf') ?? '',
      ),
      status: row.querySelector('.app-status')?.textContent ?? '',
      tags: [...row.querySelectorAll('.app-tag-small')].map((t) => t.textContent ?? ''),
      hasNote: row.querySelector('.app-has-note') !== null,
    })),
  );
}

/** The library view once it has loaded (state ready or empty). */
export async function libraryView(page: Page, timeout = 10_000): Promise<Locator> {
  const view = page.locator('[data-testid="library-view"]:not([data-state="loading"])');
  await view.waitFor({ state: 'visible', timeout });
  return view;
}

/** Runs `action` (a click that exports) and returns the downloaded file's name and text. */
export async function captureDownload(
  page: Page,
  action: () => Promise<unknown>,
  timeout = 15_000,
): Promise<{ fileName: string; text: string; download: Download }> {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout }), action()]);
  const file = await download.path();
  return { fileName: download.suggestedFilename(), text: readFileSync(file, 'utf8'), download };
}

const EN_MESSAGES = JSON.parse(
  readFileSync(path.join(REPO_ROOT, 'public/_locales/en/messages.json'), 'utf8'),
) as Record<string, { message: string }>;

/** An English UI string with "$1".."$9" filled in, as lib/app/i18n.ts t() expands it. */
export function enMessage(key: string, ...substitutions: (string | number)[]): string {
  const entry = EN_MESSAGES[key];
  if (!entry) throw new Error(`test premise: no message "${key}" in public/_locales/en/messages.json`);
  return entry.message.replace(/\$(\$|[1-9])/g, (_, which: string) =>
    which === '$' ? '$' : String(substitutions[Number(which) - 1] ?? ''),
  );
}

/** "1 paper" / "5 papers", as lib/app/i18n.ts plural() words the count in English. */
export function enPapers(count: number): string {
  return enMessage(count === 1 ? 'count_paperOne' : 'count_papersMany', count.toLocaleString('en-US'));
}
