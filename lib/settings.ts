import { storage } from 'wxt/utils/storage';
import { DEFAULT_SETTINGS, repairSettings, SETTINGS_KEY, type Settings } from './settings-schema';

/**
 * The settings in extension storage (WXT storage items). The shape, defaults and repair live in
 * ./settings-schema.ts, which loads without an extension environment (the background's message schemas and the
 * Node benchmarks import it); this module defines storage items when it loads, so only extension code imports it.
 */
export { DEFAULT_SETTINGS, repairSettings, SETTINGS_KEY, type Settings, SITE_IDS } from './settings-schema';

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
