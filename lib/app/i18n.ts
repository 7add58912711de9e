import { browser } from 'wxt/browser';
import type en from '../../public/_locales/en/messages.json';

/**
 * UI strings of the extension pages. The browser's i18n (public/_locales/<locale>/messages.json, chosen by the
 * browser's UI language) is the default; when the user picks a language in the options, that locale's
 * messages.json is loaded from the extension itself (an extension-local URL, never the network) and used instead,
 * because browser.i18n cannot be switched at run time.
 *
 * Messages use positional substitutions only ("$1".."$9", "$$" for a dollar sign), which browser.i18n and the
 * override below expand the same way; lib/app/i18n.test.ts checks that no message uses named placeholders.
 */

/** A key of public/_locales/en/messages.json (the compiler rejects unknown keys). */
export type MessageKey = keyof typeof en;

/** What the user can pick; 'default' follows the browser. Values are _locales folder names. */
export const LANGUAGES = ['default', 'en', 'zh_CN'] as const;
export type Language = (typeof LANGUAGES)[number];

/** key → message text. */
export type Catalog = Readonly<Record<string, string>>;

/** A substitution or a list of them ($1, $2, …). */
export type Substitutions = string | number | readonly (string | number)[];

let override: Catalog | null = null;
let overrideLanguage: Exclude<Language, 'default'> | null = null;

/** Mark a string literal as a message key for code that picks keys from tables (the key test scans for it). */
export function msg<K extends MessageKey>(key: K): K {
  return key;
}

function asList(substitutions: Substitutions | undefined): string[] {
  if (substitutions === undefined) return [];
  return (Array.isArray(substitutions) ? substitutions : [substitutions]).map(String);
}

/** Expand "$1".."$9" and "$$" the way browser.i18n.getMessage does; a missing substitution becomes "". */
export function substitute(message: string, substitutions?: Substitutions): string {
  const list = asList(substitutions);
  return message.replace(/\$(\$|[1-9])/g, (_, which: string) =>
    which === '$' ? '$' : (list[Number(which) - 1] ?? ''),
  );
}

function fromBrowser(key: string, substitutions: Substitutions | undefined): string {
  try {
    const list = asList(substitutions);
    return browser.i18n.getMessage(key as never, list.length ? list : undefined) ?? '';
  } catch {
    // No i18n API here (unit tests, a context without it): fall through to the key itself.
    return '';
  }
}

/** The UI string for `key` in the current language. An unknown key shows as itself (never a blank). */
export function t(key: MessageKey, substitutions?: Substitutions): string {
  const chosen = override?.[key];
  if (chosen !== undefined) return substitute(chosen, substitutions);
  return fromBrowser(key, substitutions) || key;
}

/** "1 paper" / "3 papers": the `one` message for exactly 1, else `other` (Chinese uses the same text for both). */
export function plural(count: number, one: MessageKey, other: MessageKey): string {
  return t(count === 1 ? one : other, count.toLocaleString(locale()));
}

/** Use `catalog` for every t() call (null: back to the browser's own language). */
export function setMessages(
  catalog: Catalog | null,
  language: Exclude<Language, 'default'> | null = null,
): void {
  override = catalog;
  overrideLanguage = catalog ? language : null;
}

/** Parse a messages.json text's value into key → message; throws a clear error on a malformed file. */
export function parseMessagesJson(json: unknown, source = 'messages.json'): Record<string, string> {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new Error(`${source}: expected an object of messages`);
  }
  const out: Record<string, string> = {};
  for (const [key, entry] of Object.entries(json as Record<string, unknown>)) {
    const message = (entry as { message?: unknown } | null)?.message;
    if (typeof message !== 'string') throw new Error(`${source}: "${key}" has no string "message"`);
    out[key] = message;
  }
  return out;
}

/** What loadLanguage needs from the environment (tests pass fakes). */
export interface LocaleLoader {
  fetch(url: string): Promise<{ ok: boolean; status?: number; json(): Promise<unknown> }>;
  getURL(path: string): string;
}

const defaultLoader = (): LocaleLoader => ({
  fetch: (url) => fetch(url),
  getURL: (path) => browser.runtime.getURL(path as '/'),
});

/**
 * Switch the UI to `language`: load its messages.json from the extension package, or go back to the browser's
 * language for 'default'. Returns an error text when the file could not be loaded (the UI keeps its language).
 */
export async function applyLanguage(
  language: Language,
  loader: LocaleLoader = defaultLoader(),
): Promise<string | null> {
  if (language === 'default') {
    setMessages(null);
    return null;
  }
  if (language === overrideLanguage && override) return null;
  const path = `/_locales/${language}/messages.json`;
  try {
    const response = await loader.fetch(loader.getURL(path));
    if (!response.ok) throw new Error(`HTTP ${response.status ?? '?'}`);
    setMessages(parseMessagesJson(await response.json(), path), language);
    return null;
  } catch (error) {
    return `Could not load ${path}: ${(error as Error).message}`;
  }
}

/**
 * The BCP 47 tag of the language the UI is shown in (for Intl formatting and <html lang>). Read from the
 * messages themselves ("localeTag"), not from the browser's UI language: a French browser gets the English
 * fallback strings, and its dates should then be English too.
 */
export function locale(): string {
  const tag = t('localeTag');
  return tag === 'localeTag' ? 'en' : tag;
}
