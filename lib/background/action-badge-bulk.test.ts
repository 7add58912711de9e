import { describe, expect, it } from 'vitest';
import { LIBRARY_CHANGE_ALL_KEYS } from '../messages';
import { LIBRARY_CHANGE_ALL } from '../messages-client';
import { type BadgeBrowser, startActionBadges } from './action-badge';

/** The "many changed" announcement ('*') after bulk operations refreshes every badged PDF tab. */
describe('action badges after a bulk library change', () => {
  function fakeBadgeBrowser() {
    const texts: string[] = [];
    let onUpdated: Parameters<BadgeBrowser['tabs']['onUpdated']['addListener']>[0] | undefined;
    const browser: BadgeBrowser = {
      action: {
        setBadgeText: async (d) => void texts.push(`${d.tabId} ${d.text}`),
        setBadgeBackgroundColor: async () => undefined,
        setTitle: async () => undefined,
      },
      tabs: {
        onUpdated: {
          addListener: (cb) => {
            onUpdated = cb;
          },
        },
        onRemoved: { addListener: () => undefined },
      },
    };
    return { browser, texts, open: (tabId: number, url: string) => onUpdated?.(tabId, { url }, {}) };
  }

  it('the zod-free constant and the declared one agree', () => {
    expect(LIBRARY_CHANGE_ALL).toBe(LIBRARY_CHANGE_ALL_KEYS);
  });

  it("'*' refreshes every badged tab; an unrelated key refreshes none", async () => {
    const { browser, texts, open } = fakeBadgeBrowser();
    const saved = new Set<string>();
    const badges = startActionBadges(browser, async (ids) => {
      const libraryKey = `arxiv:${ids.arxivId}`;
      return { paper: { leaves: ['pruning'], isSurvey: false }, saved: saved.has(libraryKey), libraryKey };
    });
    open(1, 'https://arxiv.org/pdf/2301.00774');
    open(2, 'https://arxiv.org/pdf/2210.17323');
    await new Promise((r) => setTimeout(r, 0));
    expect(texts.sort()).toEqual(['1 PR', '2 PR']);
    texts.length = 0;
    saved.add('arxiv:2301.00774');
    saved.add('arxiv:2210.17323');
    await badges.onLibraryChange('arxiv:9999.99999');
    expect(texts).toEqual([]);
    await badges.onLibraryChange(LIBRARY_CHANGE_ALL);
    expect(texts.sort()).toEqual(['1 PR✓', '2 PR✓']);
  });
});
