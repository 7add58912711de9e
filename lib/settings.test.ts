import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  DEFAULT_SETTINGS,
  DISMISSED_CAP,
  dismissedItem,
  getSettings,
  isDismissed,
  repairSettings,
  setDismissed,
  settingsItem,
  updateSettings,
} from './settings';

beforeEach(() => fakeBrowser.reset());

describe('settings', () => {
  it('starts from the defaults', async () => {
    expect(await getSettings()).toEqual(DEFAULT_SETTINGS);
  });

  it('persists a change and keeps the other fields', async () => {
    await updateSettings({ collapsed: true });
    expect(await getSettings()).toEqual({ ...DEFAULT_SETTINGS, collapsed: true });
  });

  it('repairs a corrupt stored value field by field', async () => {
    await fakeBrowser.storage.local.set({
      settings: { collapsed: 'yes', showNotInSurveyChip: false, sites: 3 },
    });
    expect(await getSettings()).toEqual({ ...DEFAULT_SETTINGS, showNotInSurveyChip: false });
    expect(repairSettings(null)).toEqual(DEFAULT_SETTINGS);
    expect(repairSettings('garbage')).toEqual(DEFAULT_SETTINGS);
    await settingsItem.setValue(DEFAULT_SETTINGS);
  });

  it('keeps an older stored value of `sites` (arXiv and OpenReview only) and enables the sites added since', () => {
    const repaired = repairSettings({
      ...DEFAULT_SETTINGS,
      sites: { arxiv: false, openreview: true, bogus: 1 },
    });
    expect(repaired.sites).toEqual({ ...DEFAULT_SETTINGS.sites, arxiv: false });
    expect(Object.keys(repaired.sites)).not.toContain('bogus');
    expect(repairSettings({ sites: { scholar: 'no' } }).sites.scholar).toBe(true);
  });

  it('remembers and forgets dismissals per paper, capped with the oldest dropped', async () => {
    await setDismissed('arxiv:2106.09685', true, 1);
    expect(await isDismissed('arxiv:2106.09685')).toBe(true);
    expect(await isDismissed('arxiv:2305.14314')).toBe(false);
    await setDismissed('arxiv:2106.09685', false);
    expect(await isDismissed('arxiv:2106.09685')).toBe(false);

    const many = Object.fromEntries(Array.from({ length: DISMISSED_CAP }, (_, i) => [`k${i}`, 10 + i]));
    await dismissedItem.setValue(many);
    await setDismissed('newest', true, 10_000);
    const stored = await dismissedItem.getValue();
    expect(Object.keys(stored)).toHaveLength(DISMISSED_CAP);
    expect(stored.newest).toBe(10_000);
    expect(stored.k0).toBeUndefined();
  });
});
