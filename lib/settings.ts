import { storage } from 'wxt/utils/storage';
import type { SiteId } from './sites/types';

/**
 * User preferences, kept in extension storage (small, synchronous-feeling, readable from content scripts), not in
 * IndexedDB. Values are validated on every read and repaired field by field (a corrupt or hand-edited value falls
 * back to the default for that field only), following Dark Reader's validate-and-repair.
 */
// Checked by hand rather than with zod: this module is part of the content script, whose size budget
// (30 KB gzipped) has no room for a schema library. The shape is small and flat.
export interface Settings {
  /** Overlay and list chips on/off per supported site. */
  sites: Record<SiteId, boolean>;
  /** Show the small "Not in the efficiency survey" chip on papers outside the dataset. */
  showNotInSurveyChip: boolean;
  /** The overlay starts collapsed to its header row (remembered from the last collapse/expand). */
  collapsed: boolean;
  compact: boolean;
}

export const DEFAULT_SETTINGS: Settings = {
  sites: {
    arxiv: true,
    openreview: true,
    huggingface: true,
    alphaxiv: true,
    ar5iv: true,
    semanticscholar: true,
    scholar: true,
  },
  showNotInSurveyChip: true,
  collapsed: false,
  compact: false,
};

/** Repair a stored value: keep every valid field, default the rest. Never throws. */
export function repairSettings(value: unknown): Settings {
  const input = (value && typeof value === 'object' ? value : {}) as Record<string, unknown>;
  const bool = (value: unknown, fallback: boolean) => (typeof value === 'boolean' ? value : fallback);
  const sites = (input.sites && typeof input.sites === 'object' ? input.sites : {}) as Record<
    string,
    unknown
  >;
  // Per site: a stored value from an older version lacks the sites added since, which start enabled.
  const repairedSites = { ...DEFAULT_SETTINGS.sites };
  for (const id of Object.keys(repairedSites) as SiteId[])
    repairedSites[id] = bool(sites[id], repairedSites[id]);
  return {
    sites: repairedSites,
    showNotInSurveyChip: bool(input.showNotInSurveyChip, DEFAULT_SETTINGS.showNotInSurveyChip),
    collapsed: bool(input.collapsed, DEFAULT_SETTINGS.collapsed),
    compact: bool(input.compact, DEFAULT_SETTINGS.compact),
  };
}

/** Key of the settings in browser.storage.local (the background keeps a copy in memory, watching this key). */
export const SETTINGS_KEY = 'settings';

/** Every site id, in settings order. */
export const SITE_IDS = Object.keys(DEFAULT_SETTINGS.sites) as SiteId[];

export const settingsItem = storage.defineItem<Settings>(`local:${SETTINGS_KEY}`, {
  fallback: DEFAULT_SETTINGS,
  version: 1,
});

/** Current settings, repaired. */
export async function getSettings(): Promise<Settings> {
  return repairSettings(await settingsItem.getValue());
}

/** Merge a change into the stored settings. */
export async function updateSettings(change: Partial<Settings>): Promise<Settings> {
  const next = repairSettings({ ...(await getSettings()), ...change });
  await settingsItem.setValue(next);
  return next;
}

/**
 * Papers on which the user dismissed the overlay (library key → time). Capped so the list cannot grow without
 * bound; the oldest dismissals are forgotten first.
 */
export const DISMISSED_CAP = 500;
export const dismissedItem = storage.defineItem<Record<string, number>>('local:dismissed', { fallback: {} });

/** Remember (or forget, with dismissed=false) that the overlay was dismissed on this paper. */
export async function setDismissed(key: string, dismissed: boolean, now = Date.now()): Promise<void> {
  const current = { ...(await dismissedItem.getValue()) };
  if (dismissed) current[key] = now;
  else delete current[key];
  const kept = Object.entries(current)
    .filter(([, at]) => typeof at === 'number' && Number.isFinite(at))
    .sort((a, b) => b[1] - a[1])
    .slice(0, DISMISSED_CAP);
  await dismissedItem.setValue(Object.fromEntries(kept));
}

/** True when the overlay was dismissed on this paper. */
export async function isDismissed(key: string): Promise<boolean> {
  const value = await dismissedItem.getValue();
  return Boolean(value && typeof value === 'object' && typeof value[key] === 'number');
}
