import { z } from 'zod';

/**
 * What getSyncStatus / setSyncEnabled answer (declared here, without the engine, so that lib/messages.ts can
 * use it without pulling the database code into the extension pages).
 */
export const SyncStatus = z.object({
  /** Sync is on (off by default; storage.local `syncEnabled`). */
  enabled: z.boolean(),
  /** When this browser last finished a sync (ms since epoch), null if never. */
  lastSyncedAt: z.number().nullable(),
  /** Bytes of storage.sync the library takes, as the quota counts them (an upper bound). */
  bytesUsed: z.number().int().nonnegative(),
  /** storage.sync's total quota (QUOTA_BYTES). */
  quotaBytes: z.number().int().positive(),
  /** Items carried by storage.sync: the most recently updated ones when not all fit. */
  itemsSynced: z.number().int().nonnegative(),
  /** True when the library outgrew the quota and only the newest `itemsSynced` items are synced. */
  overQuota: z.boolean(),
  /** Why the last sync failed, or null. */
  error: z.string().nullable(),
});
export type SyncStatus = z.infer<typeof SyncStatus>;
