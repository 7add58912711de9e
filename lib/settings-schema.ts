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
