// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  applyTheme,
  DEFAULT_PAGE_PREFS,
  getPagePrefs,
  repairPagePrefs,
  updatePagePrefs,
  watchPagePrefs,
} from './preferences';

beforeEach(() => fakeBrowser.reset());

describe('page preferences', () => {
  it.each<[unknown, object]>([
    [undefined, DEFAULT_PAGE_PREFS],
    [null, DEFAULT_PAGE_PREFS],
    ['dark', DEFAULT_PAGE_PREFS],
    [{ theme: 'dark' }, { theme: 'dark', language: 'default' }],
    [
      { theme: 'purple', language: 'zh_CN' },
      { theme: 'system', language: 'zh_CN' },
    ],
    [
      { theme: 'light', language: 'fr' },
      { theme: 'light', language: 'default' },
    ],
    [{ theme: 1, language: ['en'] }, DEFAULT_PAGE_PREFS],
  ])('repair(%j) → %j', (value, expected) => {
    expect(repairPagePrefs(value)).toEqual(expected);
  });

  it('reads defaults, writes changes to extension storage, and repairs a corrupt stored value', async () => {
    expect(await getPagePrefs()).toEqual(DEFAULT_PAGE_PREFS);
    await updatePagePrefs({ theme: 'dark' });
    await updatePagePrefs({ language: 'zh_CN' });
    expect(await fakeBrowser.storage.local.get('pagePrefs')).toEqual({
      pagePrefs: { theme: 'dark', language: 'zh_CN' },
    });
    await fakeBrowser.storage.local.set({ pagePrefs: { theme: 'neon', language: 'en' } });
    expect(await getPagePrefs()).toEqual({ theme: 'system', language: 'en' });
  });

  it('refuses invalid values with a clear error and stores nothing', async () => {
    await expect(updatePagePrefs({ theme: 'neon' as never })).rejects.toThrow(/Unknown theme "neon"/);
    await expect(updatePagePrefs({ language: 'fr' as never })).rejects.toThrow(/Unknown language "fr"/);
    expect(await fakeBrowser.storage.local.get('pagePrefs')).toEqual({});
  });

  it('notifies watchers with repaired values', async () => {
    const seen: unknown[] = [];
    const off = watchPagePrefs((prefs) => seen.push(prefs));
    await updatePagePrefs({ theme: 'light' });
    off();
    await updatePagePrefs({ theme: 'dark' });
    expect(seen).toEqual([{ theme: 'light', language: 'default' }]);
  });

  it('applyTheme sets data-theme and color-scheme on <html>', () => {
    applyTheme('dark');
    expect(document.documentElement.dataset.theme).toBe('dark');
    expect(document.documentElement.style.colorScheme).toBe('dark');
    applyTheme('light');
    expect(document.documentElement.dataset.theme).toBe('light');
    applyTheme('system');
    expect(document.documentElement.dataset.theme).toBeUndefined();
    expect(document.documentElement.style.colorScheme).toBe('light dark');
  });
});
