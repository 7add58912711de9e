import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  applyLanguage,
  type LocaleLoader,
  locale,
  parseMessagesJson,
  plural,
  setMessages,
  substitute,
  t,
} from './i18n';

const ROOT = path.resolve(import.meta.dirname, '../..');
const LOCALES = ['en', 'zh_CN'] as const;
const raw = (loc: string) =>
  JSON.parse(readFileSync(path.join(ROOT, 'public/_locales', loc, 'messages.json'), 'utf8')) as Record<
    string,
    { message: string; description?: string; placeholders?: unknown }
  >;

afterEach(() => setMessages(null));

describe('locale files', () => {
  const files = Object.fromEntries(LOCALES.map((loc) => [loc, raw(loc)]));

  it('ships exactly the locales the options page offers', () => {
    expect(readdirSync(path.join(ROOT, 'public/_locales')).sort()).toEqual([...LOCALES].sort());
  });

  it('both locales have exactly the same keys', () => {
    expect(Object.keys(files.zh_CN!).sort()).toEqual(Object.keys(files.en!).sort());
  });

  it.each(LOCALES)('%s: every message is a non-empty string without named placeholders', (loc) => {
    for (const [key, entry] of Object.entries(files[loc]!)) {
      expect(typeof entry.message, key).toBe('string');
      expect(entry.message.trim(), key).not.toBe('');
      // Named placeholders ($name$) expand in browser.i18n but not in the in-page override.
      expect(entry.placeholders, key).toBeUndefined();
      expect(/\$[A-Za-z_]\w*\$/.test(entry.message), key).toBe(false);
    }
  });

  it('keys are valid browser message names and unique ignoring case (Chrome compares them case-insensitively)', () => {
    const keys = Object.keys(files.en!);
    for (const key of keys) expect(key, key).toMatch(/^[A-Za-z0-9_]+$/);
    expect(new Set(keys.map((k) => k.toLowerCase())).size).toBe(keys.length);
  });

  it('each translation uses the same substitutions ($1…$9) as the English', () => {
    const subs = (text: string) => [...new Set(text.match(/\$[1-9]/g) ?? [])].sort();
    for (const [key, entry] of Object.entries(files.en!)) {
      expect(subs(files.zh_CN![key]!.message), key).toEqual(subs(entry.message));
    }
  });

  it('localeTag names a real BCP 47 locale', () => {
    expect(files.en!.localeTag!.message).toBe('en');
    expect(files.zh_CN!.localeTag!.message).toBe('zh-CN');
    for (const loc of LOCALES)
      expect(() => new Intl.DateTimeFormat(files[loc]!.localeTag!.message)).not.toThrow();
  });

  // Meta-test: every key the pages ask for exists, and the locale files carry no dead keys.
  it('every t()/msg()/plural() key used in the pages exists, and every key is used', () => {
    const dirs = ['components/app', 'components/options', 'lib/app'];
    const sources = dirs.flatMap((dir) =>
      readdirSync(path.join(ROOT, dir), { withFileTypes: true, recursive: true })
        .filter(
          (e) =>
            e.isFile() &&
            /\.tsx?$/.test(e.name) &&
            !/\.test\.tsx?$/.test(e.name) &&
            e.name !== 'test-helpers.tsx',
        )
        .map((e) => readFileSync(path.join(e.parentPath, e.name), 'utf8')),
    );
    const used = new Set<string>();
    for (const source of sources) {
      for (const m of source.matchAll(/\b(?:t|msg)\(\s*'([^']+)'/g)) used.add(m[1]!);
      for (const m of source.matchAll(/\bplural\([^,]+,\s*'([^']+)',\s*'([^']+)'/g)) {
        used.add(m[1]!);
        used.add(m[2]!);
      }
    }
    expect(used.size).toBeGreaterThan(150);
    const defined = new Set(Object.keys(files.en!));
    expect([...used].filter((key) => !defined.has(key))).toEqual([]);
    // extName/extDescription are for the manifest (__MSG_extName__).
    const manifestOnly = new Set(['extName', 'extDescription']);
    expect([...defined].filter((key) => !used.has(key) && !manifestOnly.has(key))).toEqual([]);
  });
});

describe('substitute', () => {
  it.each<[string, string | number | (string | number)[] | undefined, string]>([
    ['plain', undefined, 'plain'],
    ['$1 papers', 3, '3 papers'],
    ['$1 of $2', ['4', 10], '4 of 10'],
    ['$2 before $1', ['a', 'b'], 'b before a'],
    ['missing $1', undefined, 'missing '],
    ['costs $$5', undefined, 'costs $5'],
    ['$1$1', 'x', 'xx'],
    ['keep $0 and $a', 'x', 'keep $0 and $a'],
  ])('%j with %j → %j', (message, subs, expected) => {
    expect(substitute(message, subs)).toBe(expected);
  });
});

describe('t and languages', () => {
  it('falls back to the key when nothing knows the message (no i18n API under vitest)', () => {
    expect(t('tab_library')).toBe('tab_library');
    expect(locale()).toBe('en');
  });

  it('uses the override catalog with substitutions, and plural picks one/other', () => {
    setMessages(parseMessagesJson(raw('en')), 'en');
    expect(t('tab_library')).toBe('My library');
    expect(t('library_shownOfTotal', [3, 10])).toBe('3 of 10');
    expect(plural(1, 'count_paperOne', 'count_papersMany')).toBe('1 paper');
    expect(plural(0, 'count_paperOne', 'count_papersMany')).toBe('0 papers');
    expect(plural(1234, 'count_paperOne', 'count_papersMany')).toBe('1,234 papers');
  });

  it('applyLanguage loads a locale from the extension package and switches back to the browser default', async () => {
    const requested: string[] = [];
    const loader: LocaleLoader = {
      getURL: (p) => `chrome-extension://id${p}`,
      fetch: async (url) => {
        requested.push(url);
        return { ok: true, json: async () => raw('zh_CN') };
      },
    };
    expect(await applyLanguage('zh_CN', loader)).toBeNull();
    expect(requested).toEqual(['chrome-extension://id/_locales/zh_CN/messages.json']);
    expect(t('tab_library')).toBe('我的文库');
    expect(locale()).toBe('zh-CN');
    // Already loaded: no second fetch.
    expect(await applyLanguage('zh_CN', loader)).toBeNull();
    expect(requested).toHaveLength(1);
    expect(await applyLanguage('default', loader)).toBeNull();
    expect(t('tab_library')).toBe('tab_library');
  });

  it('applyLanguage reports a missing or malformed file and keeps the current language', async () => {
    setMessages(parseMessagesJson(raw('en')), 'en');
    const missing: LocaleLoader = {
      getURL: (p) => p,
      fetch: async () => ({ ok: false, status: 404, json: async () => ({}) }),
    };
    expect(await applyLanguage('zh_CN', missing)).toMatch(
      /Could not load \/_locales\/zh_CN\/messages\.json: HTTP 404/,
    );
    expect(t('tab_library')).toBe('My library');
    const broken: LocaleLoader = {
      getURL: (p) => p,
      fetch: async () => ({ ok: true, json: async () => ({ a: { nope: 1 } }) }),
    };
    expect(await applyLanguage('zh_CN', broken)).toMatch(/"a" has no string "message"/);
    const offline: LocaleLoader = {
      getURL: (p) => p,
      fetch: async () => {
        throw new TypeError('Failed to fetch');
      },
    };
    expect(await applyLanguage('zh_CN', offline)).toMatch(/Failed to fetch/);
    expect(t('tab_library')).toBe('My library');
  });

  it.each([null, [], 'text', 5])('parseMessagesJson refuses %j', (value) => {
    expect(() => parseMessagesJson(value)).toThrow(/expected an object of messages/);
  });
});
