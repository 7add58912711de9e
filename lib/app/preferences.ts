import { storage } from 'wxt/utils/storage';
import { LANGUAGES, type Language } from './i18n';

/**
 * Preferences of the extension pages only (theme and language). They are kept apart from lib/settings.ts
 * because the content script never reads them, and repaired field by field on read like the settings are.
 */

export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

export interface PagePrefs {
  theme: Theme;
  language: Language;
}

export const DEFAULT_PAGE_PREFS: PagePrefs = { theme: 'system', language: 'default' };

const isOneOf = <T extends string>(values: readonly T[], value: unknown): value is T =>
  typeof value === 'string' && (values as readonly string[]).includes(value);

/** Keep every valid field of a stored value and default the rest. Never throws. */
export function repairPagePrefs(value: unknown): PagePrefs {
  const input = (value && typeof value === 'object' ? value : {}) as Record<string, unknown>;
  return {
    theme: isOneOf(THEMES, input.theme) ? input.theme : DEFAULT_PAGE_PREFS.theme,
    language: isOneOf(LANGUAGES, input.language) ? input.language : DEFAULT_PAGE_PREFS.language,
  };
}

export const pagePrefsItem = storage.defineItem<PagePrefs>('local:pagePrefs', {
  fallback: DEFAULT_PAGE_PREFS,
  version: 1,
});

/** Current page preferences, repaired. */
export async function getPagePrefs(): Promise<PagePrefs> {
  return repairPagePrefs(await pagePrefsItem.getValue());
}

/** Merge a change into the stored preferences; invalid values are refused with an error. */
export async function updatePagePrefs(change: Partial<PagePrefs>): Promise<PagePrefs> {
  if (change.theme !== undefined && !isOneOf(THEMES, change.theme)) {
    throw new Error(`Unknown theme "${String(change.theme)}" (expected ${THEMES.join(', ')})`);
  }
  if (change.language !== undefined && !isOneOf(LANGUAGES, change.language)) {
    throw new Error(`Unknown language "${String(change.language)}" (expected ${LANGUAGES.join(', ')})`);
  }
  const next = repairPagePrefs({ ...(await getPagePrefs()), ...change });
  await pagePrefsItem.setValue(next);
  return next;
}

/** Call `callback` with the repaired preferences whenever they change; returns the unsubscribe function. */
export function watchPagePrefs(callback: (prefs: PagePrefs) => void): () => void {
  return pagePrefsItem.watch((value) => callback(repairPagePrefs(value)));
}

/** Apply a theme to a document: data-theme on <html> (the stylesheet reads it) and the color-scheme. */
export function applyTheme(theme: Theme, doc: Document = document): void {
  const root = doc.documentElement;
  if (theme === 'system') delete root.dataset.theme;
  else root.dataset.theme = theme;
  root.style.colorScheme = theme === 'system' ? 'light dark' : theme;
}
