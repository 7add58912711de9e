import type { MessagingBrowser, RequestInput, RequestName, RequestOutput, Result } from './messages';

/**
 * The content script's side of the messages in lib/messages.ts, without zod.
 *
 * Why a second sender: the trust boundary is the background, which validates every message on arrival with the
 * schemas of lib/messages.ts (and rejects senders that are not ours). The content script only talks to our own
 * background, and its bundle has a size budget (30 KB gzipped) that a schema library would take most of. So here
 * the names and types come from lib/messages.ts (type-only imports, erased at build) and the reply is checked
 * for the Result shape only. Extension pages, which have no such budget, use sendMessage from lib/messages.ts.
 */
export async function request<K extends RequestName>(
  name: K,
  input: RequestInput<K>,
  options: { browser: MessagingBrowser },
): Promise<Result<RequestOutput<K>>> {
  let reply: unknown;
  try {
    reply = await options.browser.runtime.sendMessage({ type: name, input });
  } catch (error) {
    return {
      ok: false,
      error: `Could not reach the background for ${name}: ${String((error as Error)?.message ?? error)}`,
    };
  }
  if (reply && typeof reply === 'object') {
    const r = reply as { ok?: unknown; value?: unknown; error?: unknown };
    if (r.ok === true && 'value' in r) return { ok: true, value: r.value as RequestOutput<K> };
    if (r.ok === false && typeof r.error === 'string') return { ok: false, error: r.error };
  }
  return { ok: false, error: `Malformed reply to ${name}` };
}

/** A storage change listener, as browser.storage.onChanged calls it. */
export type StorageChangeListener = (changes: Record<string, { newValue?: unknown }>, area: string) => void;

/**
 * What a content script needs of `browser`: messages to the background, extension URLs, and storage changes (the
 * library-change signal). Declared structurally so tests pass a plain object instead of mocking the polyfill.
 */
export interface ContentScriptBrowser extends MessagingBrowser {
  runtime: MessagingBrowser['runtime'] & { getURL(path: string): string };
  storage: {
    onChanged: {
      addListener(cb: StorageChangeListener): void;
      removeListener(cb: StorageChangeListener): void;
    };
  };
}

/** A library change as announced by the background in storage.local (see LIBRARY_CHANGE_STORAGE_KEY). */
export interface LibraryChangeValue {
  key: string;
  saved: boolean;
  at: number;
}

/** Read a libraryChange value from storage, or null if it is not one (storage is shared with other code). */
export function parseLibraryChange(value: unknown): LibraryChangeValue | null {
  if (!value || typeof value !== 'object') return null;
  const v = value as Record<string, unknown>;
  return typeof v.key === 'string' && typeof v.saved === 'boolean' && typeof v.at === 'number'
    ? { key: v.key, saved: v.saved, at: v.at }
    : null;
}

/** Storage key of the library-change signal (the same value as LIBRARY_CHANGE_STORAGE_KEY in lib/messages.ts). */
export const LIBRARY_CHANGE_KEY = 'libraryChange';

/**
 * The `key` of a library change meaning "many papers changed (a bulk edit, an import, a restore, a sync):
 * ask again for every key you show" (the same value as LIBRARY_CHANGE_ALL_KEYS in lib/messages.ts).
 */
export const LIBRARY_CHANGE_ALL = '*';
