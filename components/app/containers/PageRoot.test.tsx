// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { type LocaleLoader, setMessages, t } from '../../../lib/app/i18n';
import { updatePagePrefs } from '../../../lib/app/preferences';
import { localeMessages, mountPage, type Page, waitFor } from '../test-helpers';
import { PageRoot } from './PageRoot';

let page: Page | undefined;
beforeEach(() => fakeBrowser.reset());
afterEach(() => {
  page?.unmount();
  setMessages(null);
  delete document.documentElement.dataset.theme;
});

/** Serves public/_locales/<locale>/messages.json as the extension would. */
const loader: LocaleLoader = {
  getURL: (p) => `chrome-extension://id${p}`,
  fetch: async (url) => {
    const locale = /_locales\/([^/]+)\//.exec(url)?.[1] as 'en' | 'zh_CN';
    const messages = localeMessages(locale);
    return {
      ok: true,
      json: async () => Object.fromEntries(Object.entries(messages).map(([k, message]) => [k, { message }])),
    };
  },
};

describe('PageRoot', () => {
  it('applies the stored theme and language before rendering, and sets <html lang> and the title', async () => {
    await updatePagePrefs({ theme: 'dark', language: 'zh_CN' });
    page = mountPage(
      <PageRoot loader={loader} title={() => t('options_title')}>
        {(prefs) => <p data-testid="child">{`${prefs.theme} ${t('tab_library')}`}</p>}
      </PageRoot>,
    );
    await waitFor(() => expect(page!.$('[data-testid="child"]')?.textContent).toBe('dark 我的文库'));
    expect(document.documentElement.dataset.theme).toBe('dark');
    expect(document.documentElement.lang).toBe('zh-CN');
    expect(document.title).toBe('Efficiency Lens 选项');
  });

  it('follows preference changes live: theme at once, language by re-rendering the tree', async () => {
    page = mountPage(
      <PageRoot loader={loader}>{() => <p data-testid="child">{t('tab_library')}</p>}</PageRoot>,
    );
    // Browser default under vitest: no i18n API, so the key shows.
    await waitFor(() => expect(page!.$('[data-testid="child"]')?.textContent).toBe('tab_library'));
    expect(document.documentElement.dataset.theme).toBeUndefined();
    await updatePagePrefs({ language: 'en', theme: 'light' });
    await waitFor(() => expect(page!.$('[data-testid="child"]')?.textContent).toBe('My library'));
    expect(document.documentElement.dataset.theme).toBe('light');
    await updatePagePrefs({ language: 'zh_CN' });
    await waitFor(() => expect(page!.$('[data-testid="child"]')?.textContent).toBe('我的文库'));
  });
});
