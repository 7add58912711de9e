import type { SyncArea } from './engine';

/**
 * A storage.sync double for tests that enforces Chrome's quotas the way Chrome counts them (UTF-8 bytes of
 * the key plus the JSON value; https://developer.chrome.com/docs/extensions/reference/api/storage), which
 * WXT's fakeBrowser does not. Several simulated browsers share one area: each write is delivered to every
 * listener, as Chrome delivers storage.onChanged on every synced device.
 */

/** Chrome's quotas. */
export const CHROME_QUOTAS = { QUOTA_BYTES: 102_400, QUOTA_BYTES_PER_ITEM: 8_192, MAX_ITEMS: 512 };

type Listener = (
  changes: Record<string, { oldValue?: unknown; newValue?: unknown }>,
  area: string,
) => unknown;

const utf8 = (text: string) => new TextEncoder().encode(text).length;

/** What the double recorded. */
export interface QuotaSyncArea {
  area: SyncArea;
  addListener(listener: Listener): void;
  /** Bytes in use, Chrome's way. */
  bytesInUse(): number;
  keys(): string[];
  /** Number of set/remove calls (Chrome limits them per minute and per hour). */
  writes: number;
  /** Raw JSON by key, to corrupt or inspect. */
  raw: Map<string, string>;
}

/** A fresh shared area with Chrome's quotas (or others). */
export function createQuotaSyncArea(quotas = CHROME_QUOTAS): QuotaSyncArea {
  const raw = new Map<string, string>();
  const listeners: Listener[] = [];
  const total = (data: Map<string, string>) =>
    [...data].reduce((sum, [key, json]) => sum + utf8(key) + utf8(json), 0);

  const notify = async (changes: Record<string, { oldValue?: unknown; newValue?: unknown }>) => {
    if (Object.keys(changes).length === 0) return;
    for (const listener of listeners) await listener(structuredClone(changes), 'sync');
  };

  const double: QuotaSyncArea = {
    writes: 0,
    raw,
    addListener: (listener) => listeners.push(listener),
    bytesInUse: () => total(raw),
    keys: () => [...raw.keys()].sort(),
    area: {
      async get(keys) {
        const wanted = keys == null ? [...raw.keys()] : Array.isArray(keys) ? keys : [keys];
        const out: Record<string, unknown> = {};
        for (const key of wanted) {
          const json = raw.get(key);
          if (json !== undefined) out[key] = JSON.parse(json);
        }
        return out;
      },
      async set(items) {
        double.writes++;
        const next = new Map(raw);
        for (const [key, value] of Object.entries(items)) {
          const json = JSON.stringify(value);
          if (utf8(key) + utf8(json) > quotas.QUOTA_BYTES_PER_ITEM) {
            throw new Error(`QUOTA_BYTES_PER_ITEM quota exceeded (${key})`);
          }
          next.set(key, json);
        }
        if (total(next) > quotas.QUOTA_BYTES) throw new Error('QUOTA_BYTES quota exceeded');
        if (next.size > quotas.MAX_ITEMS) throw new Error('MAX_ITEMS quota exceeded');
        const changes: Record<string, { oldValue?: unknown; newValue?: unknown }> = {};
        for (const [key, json] of next) {
          const old = raw.get(key);
          // Like Chrome, only values that really changed are reported.
          if (old !== json) changes[key] = { oldValue: old && JSON.parse(old), newValue: JSON.parse(json) };
          raw.set(key, json);
        }
        await notify(changes);
      },
      async remove(keys) {
        double.writes++;
        const changes: Record<string, { oldValue?: unknown }> = {};
        for (const key of Array.isArray(keys) ? keys : [keys]) {
          const old = raw.get(key);
          if (old === undefined) continue;
          raw.delete(key);
          changes[key] = { oldValue: JSON.parse(old) };
        }
        await notify(changes);
      },
    },
  };
  return double;
}
