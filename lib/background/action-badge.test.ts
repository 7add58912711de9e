import { describe, expect, it } from 'vitest';
import {
  BADGE_MAX_CHARS,
  type BadgeBrowser,
  badgeFor,
  badgeText,
  pdfTabPaper,
  startActionBadges,
} from './action-badge';

describe('pdfTabPaper', () => {
  it.each([
    ['https://arxiv.org/pdf/2106.09685', { arxivId: '2106.09685' }],
    ['https://arxiv.org/pdf/2106.09685v2', { arxivId: '2106.09685' }],
    ['https://arxiv.org/pdf/2106.09685.pdf', { arxivId: '2106.09685' }],
    ['https://openreview.net/pdf?id=OUIFPHEgJU', { openreviewId: 'OUIFPHEgJU' }],
  ])('%s is a PDF tab', (url, ids) => expect(pdfTabPaper(url)).toEqual(ids));

  it.each([
    'https://arxiv.org/abs/2106.09685',
    'https://openreview.net/forum?id=OUIFPHEgJU',
    'https://example.org/pdf/2106.09685',
    'chrome://newtab/',
    'not a url',
    undefined,
  ])('%s is not', (url) => expect(pdfTabPaper(url)).toBeNull());
});

describe('badgeFor', () => {
  it('shows the leaf code coloured by area, with the path in the tooltip', () => {
    expect(badgeFor({ leaves: ['quantization'], isSurvey: false }, false)).toEqual({
      text: 'Q',
      colour: '#9b1c1c',
      title: 'Efficiency Lens: Inference Efficiency > Quantization',
    });
  });

  it('marks more leaves with + and a saved paper with a check, which always shows', () => {
    const view = badgeFor(
      { leaves: ['parameter-efficient-fine-tuning', 'quantization'], isSurvey: false },
      true,
    );
    // "PEFT+✓" does not fit in a badge: "+" goes first, then the code is shortened; the check stays.
    expect(view.text).toBe('PEF✓');
    expect(badgeFor({ leaves: ['parameter-efficient-fine-tuning'], isSurvey: false }, false).text).toBe(
      'PEFT',
    );
    expect(badgeFor({ leaves: ['quantization', 'pruning'], isSurvey: false }, false).text).toBe('Q+');
    expect(view.title).toBe(
      'Efficiency Lens: Training & Tuning Efficiency > Scalable Tuning > Parameter-Efficient Fine-Tuning; Inference Efficiency > Quantization · saved in your list',
    );
    expect(badgeFor({ leaves: ['quantization'], isSurvey: false }, true).text).toBe('Q✓');
  });

  it.each([
    // code, more leaves, saved → text
    ['Q', false, false, 'Q'],
    ['Q', true, false, 'Q+'],
    ['Q', false, true, 'Q✓'],
    ['Q', true, true, 'Q+✓'],
    ['PAR', true, false, 'PAR+'],
    ['PAR', false, true, 'PAR✓'],
    ['PAR', true, true, 'PAR✓'],
    ['PEFT', false, false, 'PEFT'],
    ['PEFT', true, false, 'PEFT'],
    ['PEFT', false, true, 'PEF✓'],
    ['PEFT', true, true, 'PEF✓'],
    ['', false, true, '✓'],
  ])('badgeText(%j, more=%s, saved=%s) is %j', (code, more, saved, text) => {
    expect(badgeText(code, more, saved)).toBe(text);
    expect(badgeText(code, more, saved).length).toBeLessThanOrEqual(BADGE_MAX_CHARS);
    expect(badgeText(code, more, saved).endsWith('✓')).toBe(saved);
  });

  it('stays quiet for papers outside the survey unless saved', () => {
    expect(badgeFor(null, false).text).toBe('');
    expect(badgeFor(null, true).text).toBe('✓');
    expect(badgeFor(null, false).title).toContain('not in the efficiency survey');
  });

  it('marks the survey itself', () => {
    expect(badgeFor({ leaves: [], isSurvey: true }, false).text).toBe('SRV');
  });
});

describe('startActionBadges', () => {
  function fakeBadgeBrowser() {
    const calls: string[] = [];
    const listeners: { updated?: Parameters<BadgeBrowser['tabs']['onUpdated']['addListener']>[0] } = {};
    const browser: BadgeBrowser = {
      action: {
        setBadgeText: async (d) => void calls.push(`text ${d.tabId} ${d.text}`),
        setBadgeBackgroundColor: async (d) => void calls.push(`colour ${d.tabId} ${d.color}`),
        setTitle: async (d) => void calls.push(`title ${d.tabId}`),
      },
      tabs: {
        onUpdated: {
          addListener: (cb) => {
            listeners.updated = cb;
          },
        },
        onRemoved: { addListener: () => {} },
      },
    };
    return { browser, calls, listeners };
  }

  it('badges a PDF tab on navigation and refreshes it when the library changes', async () => {
    const { browser, calls, listeners } = fakeBadgeBrowser();
    let saved = false;
    const badges = startActionBadges(browser, async () => ({
      paper: { leaves: ['pruning'], isSurvey: false },
      saved,
      libraryKey: 'arxiv:2301.00774',
    }));
    listeners.updated?.(7, { url: 'https://arxiv.org/pdf/2301.00774' }, {});
    await new Promise((r) => setTimeout(r, 0));
    expect(calls).toContain('text 7 PR');
    saved = true;
    await badges.onLibraryChange('arxiv:2301.00774');
    expect(calls).toContain('text 7 PR✓');
    calls.length = 0;
    await badges.onLibraryChange('arxiv:other');
    expect(calls).toEqual([]);
  });

  it('ignores tabs that are not paper PDFs', async () => {
    const { browser, calls, listeners } = fakeBadgeBrowser();
    let asked = 0;
    startActionBadges(browser, async () => {
      asked++;
      return { paper: null, saved: false, libraryKey: 'x' };
    });
    listeners.updated?.(3, { url: 'https://arxiv.org/abs/2301.00774' }, {});
    await new Promise((r) => setTimeout(r, 0));
    expect(asked).toBe(0);
    expect(calls).toEqual([]);
  });
});
