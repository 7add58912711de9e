/**
 * Test helpers for the extension pages (imported only by *.test.tsx files): English messages, a fake AppEnv
 * whose `send` records every call and answers from a table, LibraryItem factories, and a document-level mount.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type ComponentChild, render } from 'preact';
import type { AppMessageName, AppMessages, Send } from '../../lib/app/api';
import type { ActiveTab, CommandInfo, OptionsEnv } from '../../lib/app/env';
import { parseMessagesJson, setMessages } from '../../lib/app/i18n';
import { LibraryItem } from '../../lib/db/schema';
import type { Result } from '../../lib/messages';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** The messages of one locale, read from public/_locales. */
export function localeMessages(locale: 'en' | 'zh_CN'): Record<string, string> {
  const file = path.join(ROOT, 'public/_locales', locale, 'messages.json');
  return parseMessagesJson(JSON.parse(readFileSync(file, 'utf8')), file);
}

/** Make t() answer in English (the browser's i18n is not available under vitest). */
export function useEnglish(): void {
  setMessages(localeMessages('en'), 'en');
}

/** A handler per message: a function of the input, a fixed value, or an Error for a failure reply. */
export type FakeHandlers = {
  [K in AppMessageName]?:
    | ((
        input: AppMessages[K]['input'],
      ) => AppMessages[K]['output'] | Error | Promise<AppMessages[K]['output'] | Error>)
    | AppMessages[K]['output'];
};

export interface SentMessage {
  name: AppMessageName;
  input: unknown;
}

/** A Send that records calls and answers from `handlers`; a message without a handler gets an error reply. */
export function fakeSend(
  handlers: FakeHandlers,
): Send & { calls: SentMessage[]; named(name: AppMessageName): unknown[] } {
  const calls: SentMessage[] = [];
  const send = (async (name: AppMessageName, input: unknown): Promise<Result<unknown>> => {
    calls.push({ name, input });
    const handler = handlers[name] as unknown;
    if (handler === undefined) return { ok: false, error: `no fake handler for ${name}` };
    const value = typeof handler === 'function' ? await (handler as (i: unknown) => unknown)(input) : handler;
    if (value instanceof Error) return { ok: false, error: value.message };
    // Replies cross a structured clone in the browser; a copy keeps tests from sharing objects with the page.
    return { ok: true, value: structuredClone(value) };
  }) as Send & { calls: SentMessage[]; named(name: AppMessageName): unknown[] };
  send.calls = calls;
  send.named = (name) => calls.filter((c) => c.name === name).map((c) => c.input);
  return send;
}

export interface FakeEnv extends OptionsEnv {
  send: ReturnType<typeof fakeSend>;
  opened: string[];
  copied: string[];
  downloads: { fileName: string; mimeType: string; text: string }[];
  optionsOpened: number;
  shortcutsOpened: number;
  /** Simulate a library change announced by the background. */
  fireLibraryChange(): void;
  fireActiveTabChange(): void;
  setActiveTab(tab: ActiveTab | null): void;
}

/** An AppEnv made of plain objects: the active tab, recorded tabs/copies/downloads, and a fake send. */
export function fakeEnv(
  handlers: FakeHandlers,
  options: { tab?: ActiveTab | null; now?: number; commands?: CommandInfo[] } = {},
): FakeEnv {
  let tab = options.tab ?? null;
  const libraryListeners = new Set<() => void>();
  const tabListeners = new Set<() => void>();
  const env: FakeEnv = {
    send: fakeSend(handlers),
    opened: [],
    copied: [],
    downloads: [],
    optionsOpened: 0,
    shortcutsOpened: 0,
    activeTab: async () => tab,
    onActiveTabChange(callback) {
      tabListeners.add(callback);
      return () => tabListeners.delete(callback);
    },
    onLibraryChange(callback) {
      libraryListeners.add(callback);
      return () => libraryListeners.delete(callback);
    },
    openTab: (url) => env.opened.push(url),
    openOptions: () => {
      env.optionsOpened++;
    },
    openExtensionPage: (p) => env.opened.push(`ext:${p}`),
    copyText: async (text) => {
      env.copied.push(text);
    },
    download: (fileName, mimeType, text) => env.downloads.push({ fileName, mimeType, text }),
    now: () => options.now ?? Date.UTC(2026, 0, 15),
    commands: async () => options.commands ?? [],
    openShortcutSettings: async () => {
      env.shortcutsOpened++;
    },
    fireLibraryChange: () => {
      for (const listener of libraryListeners) listener();
    },
    fireActiveTabChange: () => {
      for (const listener of tabListeners) listener();
    },
    setActiveTab: (next) => {
      tab = next;
    },
  };
  return env;
}

let counter = 0;

/** A valid LibraryItem (checked with the zod schema). */
export function makeItem(overrides: Partial<LibraryItem> = {}): LibraryItem {
  counter++;
  const arxivId =
    overrides.arxivId === undefined ? `2301.${String(10000 + counter).slice(-5)}` : overrides.arxivId;
  return LibraryItem.parse({
    key: arxivId ? `arxiv:${arxivId}` : `title:paper ${counter}`,
    arxivId,
    openreviewId: null,
    catalogId: null,
    title: `Paper number ${counter}`,
    authors: ['Ada Lovelace'],
    year: 2023,
    leaves: ['quantization'],
    url: arxivId ? `https://arxiv.org/abs/${arxivId}` : 'https://example.org/paper',
    savedAt: 1_700_000_000_000 + counter * 1000,
    updatedAt: 1_700_000_000_000 + counter * 1000,
    tags: [],
    note: '',
    status: 'to-read',
    ...overrides,
  });
}

export interface Page {
  container: HTMLElement;
  $(selector: string): HTMLElement | null;
  $$(selector: string): HTMLElement[];
  rerender(vnode: ComponentChild): void;
  unmount(): void;
}

/** Render into a fresh <div> in document.body (extension pages are plain documents, no shadow root). */
export function mountPage(vnode: ComponentChild): Page {
  const container = document.createElement('div');
  document.body.append(container);
  render(vnode, container);
  return {
    container,
    $: (selector) => container.querySelector<HTMLElement>(selector),
    $$: (selector) => [...container.querySelectorAll<HTMLElement>(selector)],
    rerender: (next) => render(next, container),
    unmount: () => {
      render(null, container);
      container.remove();
    },
  };
}

/** Let pending promises and Preact's debounced re-render run. */
export async function settle(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}

/** Wait until `check` (sync or async) passes, or fail with its last error. */
export async function waitFor(check: () => unknown, timeoutMs = 2000): Promise<void> {
  const start = Date.now();
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() - start > timeoutMs) throw error;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }
}

/** Set an input's value and fire `input` (what typing does). */
export function typeInto(el: HTMLElement, value: string): void {
  (el as HTMLInputElement).value = value;
  el.dispatchEvent(new Event('input', { bubbles: true }));
}

/** Set a select's value and fire `change`. */
export function choose(el: HTMLElement, value: string): void {
  (el as HTMLSelectElement).value = value;
  el.dispatchEvent(new Event('change', { bubbles: true }));
}

/** Press a key on an element. */
export function press(el: HTMLElement, key: string, init: KeyboardEventInit = {}): void {
  el.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init }));
}
