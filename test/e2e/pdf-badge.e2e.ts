/**
 * The toolbar badge on PDF tabs (no content script runs in the PDF viewer): the paper's leaf code, a check mark
 * once it is saved through the toggle-save command, and a tooltip with the full taxonomy path. Expectations come
 * from the dataset and lib/taxonomy.ts.
 */
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type ExtensionHarness, launchExtension } from './browser';
import { addArxivStubs, minimalPdf } from './fixture-server';
import { leafExpectation, PAPERS, recordByArxivId, requireRecord } from './helpers/dataset';
import { badgeOf, createTab, dispatchCommand, navigateTab, pdfTabId } from './helpers/extension';
import { expectSaved, saveButton, settledState } from './helpers/overlay';

let h: ExtensionHarness;

// An OpenReview-only paper of the dataset (a forum id, no arXiv id), to badge an OpenReview PDF.
const openReviewOnly = PAPERS.find((r) => r.openreviewId && !r.arxivId && r.leaves.length > 0);

beforeAll(async () => {
  h = await launchExtension();
  addArxivStubs(h.server);
  if (openReviewOnly) {
    h.server.route(`https://openreview.net/pdf?id=${openReviewOnly.openreviewId}`, {
      contentType: 'application/pdf',
      body: minimalPdf('OpenReview test PDF'),
    });
  }
});

afterEach(() => {
  h?.assertNoForeignRequests();
});

afterAll(async () => {
  await h?.close();
});

/** Polls the badge of a tab until `check` passes (badges are set asynchronously after navigation). */
async function expectBadge(
  tabId: number,
  check: (badge: { text: string; title: string }) => void,
  timeout = 5_000,
): Promise<{ text: string; title: string }> {
  let last = { text: '', title: '' };
  await expect
    .poll(
      async () => {
        last = await badgeOf(h, tabId);
        try {
          check(last);
          return true;
        } catch {
          return false;
        }
      },
      { timeout },
    )
    .toBe(true);
  check(last);
  return last;
}

/** The badge of an unsaved in-survey paper: its first leaf's code, and every leaf's path in the tooltip. */
function inSurveyBadge(leaves: readonly string[], saved: boolean) {
  return (badge: { text: string; title: string }) => {
    const code = leafExpectation(leaves[0]!).code;
    expect(code.length).toBeGreaterThan(0);
    if (saved) {
      expect(badge.text.endsWith('✓'), `saved badge ${JSON.stringify(badge.text)}`).toBe(true);
      // The code (perhaps shortened to make room for the check) still comes first.
      expect(code.startsWith(badge.text.slice(0, -1)) && badge.text.length > 1).toBe(true);
      expect(badge.title).toContain('saved in your list');
    } else {
      expect(badge.text === code || badge.text === `${code}+`, `badge ${JSON.stringify(badge.text)}`).toBe(
        true,
      );
      expect(badge.text).not.toContain('✓');
      expect(badge.title).not.toContain('saved in your list');
    }
    expect(badge.text.length).toBeLessThanOrEqual(4);
    for (const leaf of leaves) expect(badge.title).toContain(leafExpectation(leaf).label);
  };
}

async function openPdf(url: string): Promise<{ page: Page; tabId: number }> {
  const { page, response } = await h.openPage(url);
  expect(response?.headers()['content-type']).toBe('application/pdf');
  return { page, tabId: await pdfTabId(h, url) };
}

describe('PDF tab badges', () => {
  const lora = requireRecord('2106.09685');

  it('shows the leaf code of an arXiv PDF, then a check mark after toggle-save, and clears it again', async () => {
    const url = 'https://arxiv.org/pdf/2106.09685';
    const { page, tabId } = await openPdf(url);
    await expectBadge(tabId, inSurveyBadge(lora.leaves, false));

    // The keyboard shortcut's path: the background's command listener, for this tab.
    await dispatchCommand(h, 'toggle-save', tabId);
    await expectBadge(tabId, inSurveyBadge(lora.leaves, true));

    // The overlay on the abstract page agrees: same library entry.
    const { page: abs } = await h.openPage('https://arxiv.org/abs/2106.09685');
    await settledState(abs);
    await expectSaved(abs, true);

    await dispatchCommand(h, 'toggle-save', tabId);
    await expectBadge(tabId, inSurveyBadge(lora.leaves, false));
    // The open abstract page follows the removal made from the PDF tab.
    await expectSaved(abs, false);

    // And a save made in the overlay reaches the PDF tab's badge.
    await saveButton(abs).click();
    await expectSaved(abs, true);
    await expectBadge(tabId, inSurveyBadge(lora.leaves, true));
    await saveButton(abs).click();
    await expectSaved(abs, false);
    await expectBadge(tabId, inSurveyBadge(lora.leaves, false));
    await abs.close();
    await page.close();
  });

  it('follows a tab the extension opens and navigates (chrome.tabs.create / update)', async () => {
    const gptq = requireRecord('2210.17323');
    const tabId = await createTab(h, 'https://arxiv.org/pdf/2210.17323v2');
    await expectBadge(tabId, inSurveyBadge(gptq.leaves, false));
    await navigateTab(h, tabId, 'https://arxiv.org/pdf/2106.09685');
    await expectBadge(tabId, inSurveyBadge(lora.leaves, false));
    // Leaving the PDF for an abstract page: the badge must not keep claiming a paper (Chrome resets
    // tab-specific badges on navigation; the extension must not set it again for a non-PDF page).
    await navigateTab(h, tabId, 'https://arxiv.org/abs/2210.17323');
    await expect.poll(async () => (await badgeOf(h, tabId)).text).toBe('');
  });

  it('marks the survey, and stays empty for a paper outside it', async () => {
    const survey = PAPERS.find((r) => r.isSurvey);
    expect(survey?.arxivId).toBeTruthy();
    const s = await openPdf(`https://arxiv.org/pdf/${survey!.arxivId}`);
    await expectBadge(s.tabId, (b) => {
      expect(b.text).toBe('SRV');
      expect(b.title).toContain('the efficiency survey itself');
    });

    expect(recordByArxivId('1807.06209')).toBeUndefined();
    const planck = await openPdf('https://arxiv.org/pdf/1807.06209');
    await expectBadge(planck.tabId, (b) => expect(b.title).toContain('not in the efficiency survey'));
    expect((await badgeOf(h, planck.tabId)).text).toBe('');
    await dispatchCommand(h, 'toggle-save', planck.tabId);
    await expectBadge(planck.tabId, (b) => expect(b.text).toBe('✓'));
    await dispatchCommand(h, 'toggle-save', planck.tabId);
    await expectBadge(planck.tabId, (b) => expect(b.text).toBe(''));
    await s.page.close();
    await planck.page.close();
  });

  it('badges an OpenReview PDF by its forum id', async () => {
    expect(openReviewOnly, 'the dataset has an OpenReview-only paper').toBeDefined();
    const url = `https://openreview.net/pdf?id=${openReviewOnly!.openreviewId}`;
    const { page, tabId } = await openPdf(url);
    await expectBadge(tabId, inSurveyBadge(openReviewOnly!.leaves, false));
    await page.close();
  });
});
