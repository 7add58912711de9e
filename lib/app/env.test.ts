// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { LIBRARY_CHANGE_STORAGE_KEY } from '../messages';
import { CHROME_SHORTCUTS_URL, createBrowserEnv, createOptionsEnv, type OptionsBrowser } from './env';

/** A hand-made browser double: events keep their listeners, calls are recorded. */
function fakeApi(tabs: { url?: string; title?: string }[] = []) {
  const event = <F extends (...args: never[]) => void>() => {
    const listeners = new Set<F>();
    return {
      listeners,
      addListener: (f: F) => listeners.add(f),
      removeListener: (f: F) => listeners.delete(f),
      fire: (...args: Parameters<F>) => {
        for (const f of listeners) f(...args);
      },
    };
  };
  const created: string[] = [];
  const api = {
    runtime: {
      sendMessage: vi.fn(async () => ({ ok: true, value: {} })),
      getURL: (p: string) => `chrome-extension://id${p}`,
      openOptionsPage: vi.fn(async () => {}),
    },
    tabs: {
      query: vi.fn(async () => tabs),
      create: vi.fn(async ({ url }: { url: string }) => {
        created.push(url);
      }),
      onActivated: event<() => void>(),
      onUpdated: event<(id: number, change: { url?: string; status?: string }) => void>(),
    },
    storage: { onChanged: event<(changes: Record<string, unknown>, area: string) => void>() },
    commands: {
      getAll: async () => [
        { name: 'toggle-save', description: 'Save', shortcut: 'Alt+Shift+S' },
        { name: 'x' },
      ],
    } as OptionsBrowser['commands'],
  };
  return { api, created };
}

describe('createBrowserEnv', () => {
  it('reads the active tab of the current window, and null when there is none or the API fails', async () => {
    const { api } = fakeApi([{ url: 'https://arxiv.org/abs/2106.09685', title: 'T' }]);
    const env = createBrowserEnv(api);
    expect(await env.activeTab()).toEqual({ url: 'https://arxiv.org/abs/2106.09685', title: 'T' });
    expect(api.tabs.query).toHaveBeenCalledWith({ active: true, currentWindow: true });
    api.tabs.query.mockResolvedValueOnce([]);
    expect(await env.activeTab()).toBeNull();
    api.tabs.query.mockRejectedValueOnce(new Error('no tabs API'));
    expect(await env.activeTab()).toBeNull();
  });

  it('reports library changes only for the announcement key in local storage, and unsubscribes', () => {
    const { api } = fakeApi();
    const env = createBrowserEnv(api);
    const seen = vi.fn();
    const off = env.onLibraryChange(seen);
    api.storage.onChanged.fire({ [LIBRARY_CHANGE_STORAGE_KEY]: {} }, 'local');
    api.storage.onChanged.fire({ settings: {} }, 'local');
    api.storage.onChanged.fire({ [LIBRARY_CHANGE_STORAGE_KEY]: {} }, 'sync');
    expect(seen).toHaveBeenCalledTimes(1);
    off();
    expect(api.storage.onChanged.listeners.size).toBe(0);
  });

  it('reports tab switches and navigations, not every tab update', () => {
    const { api } = fakeApi();
    const env = createBrowserEnv(api);
    const seen = vi.fn();
    const off = env.onActiveTabChange(seen);
    api.tabs.onActivated.fire();
    api.tabs.onUpdated.fire(1, { url: 'https://arxiv.org/abs/1' });
    api.tabs.onUpdated.fire(1, { status: 'complete' });
    api.tabs.onUpdated.fire(1, { status: 'loading' });
    expect(seen).toHaveBeenCalledTimes(3);
    off();
    expect(api.tabs.onActivated.listeners.size + api.tabs.onUpdated.listeners.size).toBe(0);
  });

  it('opens tabs, extension pages and the options page', () => {
    const { api, created } = fakeApi();
    const env = createBrowserEnv(api);
    env.openTab('https://arxiv.org/abs/2106.09685');
    env.openExtensionPage('/browse.html#/node/pruning');
    env.openOptions();
    expect(created).toEqual([
      'https://arxiv.org/abs/2106.09685',
      'chrome-extension://id/browse.html#/node/pruning',
    ]);
    expect(api.runtime.openOptionsPage).toHaveBeenCalledOnce();
  });
});

describe('createOptionsEnv', () => {
  it('lists commands with defaults for missing fields', async () => {
    const { api } = fakeApi();
    expect(await createOptionsEnv(api as OptionsBrowser).commands()).toEqual([
      { name: 'toggle-save', description: 'Save', shortcut: 'Alt+Shift+S' },
      { name: 'x', description: '', shortcut: '' },
    ]);
  });

  it('opens the shortcut settings with Firefox’s API when there is one, else chrome://extensions/shortcuts', async () => {
    const { api, created } = fakeApi();
    await createOptionsEnv(api as OptionsBrowser).openShortcutSettings();
    expect(created).toEqual([CHROME_SHORTCUTS_URL]);
    const openShortcutSettings = vi.fn(async () => {});
    await createOptionsEnv({
      ...api,
      commands: { ...api.commands, openShortcutSettings },
    } as OptionsBrowser).openShortcutSettings();
    expect(openShortcutSettings).toHaveBeenCalledOnce();
    expect(created).toHaveLength(1);
  });
});
