/**
 * Reading the overlay from a test. Playwright's CSS locators pierce open shadow roots, so
 * `page.locator('efficiency-lens-overlay [data-testid=save-button]')` finds the button inside the card.
 */
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { HOST_TAG } from '../../../lib/overlay/mount';

export { HOST_TAG };

/** States the card reports in `data-state` (components/overlay/Overlay.tsx). */
export type OverlayState = 'loading' | 'in-survey' | 'not-in-survey' | 'survey-itself' | 'error';

/** The overlay's host element(s) on the page. */
export function overlayHost(page: Page): Locator {
  return page.locator(HOST_TAG);
}

/** An element inside the overlay by its data-testid. */
export function overlayPart(page: Page, testId: string): Locator {
  return page.locator(`${HOST_TAG} [data-testid="${testId}"]`);
}

/** The Save toggle. */
export function saveButton(page: Page): Locator {
  return overlayPart(page, 'save-button');
}

/** Waits until the overlay has left its loading state and returns the state it settled in. */
export async function settledState(page: Page, timeout = 10_000): Promise<OverlayState> {
  const settled = page.locator(`${HOST_TAG} [data-state]:not([data-state="loading"])`).first();
  await settled.waitFor({ state: 'attached', timeout });
  return (await settled.getAttribute('data-state')) as OverlayState;
}

/**
 * Asserts, polling until `timeout`, the Save toggle's pressed state and accessible name ("Saved" or "Save to my
 * list", computed by Chromium's accessibility tree through getByRole) and that it is enabled again.
 */
export async function expectSaved(page: Page, saved: boolean, timeout = 5_000): Promise<void> {
  const name = saved ? 'Saved' : 'Save to my list';
  const byRole = overlayHost(page).getByRole('button', { name, exact: true, pressed: saved });
  await expect
    .poll(async () => ({ byRole: await byRole.count(), disabled: await saveButton(page).isDisabled() }), {
      timeout,
    })
    .toEqual({ byRole: 1, disabled: false });
}

/**
 * Survey leaves the overlay shows (chips and placements carry data-leaf), in order, without repeats. A
 * classifier prediction's chip (inside [data-kind="prediction"]) is not survey membership and is left out.
 */
export async function shownLeaves(page: Page): Promise<string[]> {
  const ids = await page
    .locator(
      `${HOST_TAG} [data-testid="leaf-placement"], ${HOST_TAG} .el-header [data-testid="leaf-chip"]:not([data-kind="prediction"] *)`,
    )
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-leaf') ?? ''));
  return [...new Set(ids)];
}

/** What went wrong on a page while a test watched it: dialogs, uncaught errors, console errors. */
export interface PageWatch {
  dialogs: string[];
  errors: string[];
  /** Throws when any dialog opened or any error was reported. */
  assertClean(): void;
}

// A page's own missing images, stylesheets and web-app manifest (the fixture server answers 404 for files it
// does not have) are not the extension's errors.
const IGNORED_CONSOLE =
  /^(?:Failed to load resource: the server responded with a status of 404|Manifest fetch from \S+ failed, code 404)/;

/**
 * Records dialogs (dismissing them, so a test never hangs on one), uncaught exceptions and console errors,
 * including those of the content script, which Chromium reports on the page.
 */
export function watchPage(page: Page): PageWatch {
  const dialogs: string[] = [];
  const errors: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss().catch(() => {});
  });
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && !IGNORED_CONSOLE.test(message.text())) {
      errors.push(`console.error: ${message.text()}`);
    }
  });
  return {
    dialogs,
    errors,
    assertClean() {
      expect(dialogs, 'no dialog may open').toEqual([]);
      expect(errors, 'no error may be reported').toEqual([]);
    },
  };
}
