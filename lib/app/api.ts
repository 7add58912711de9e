import {
  type MessagingBrowser,
  type RequestInput,
  type RequestName,
  type RequestOutput,
  type Result,
  sendMessage,
} from '../messages';

/**
 * The messages the extension pages (popup, side panel, browser tab, options) send, typed from lib/messages.ts,
 * and `Send`, the one function the pages talk to the background through (tests pass a fake with the same type).
 */

type Message<K extends RequestName> = { input: RequestInput<K>; output: RequestOutput<K> };

/** What importLibrary reports (for a dry run: what it would do). */
export type ImportReport = RequestOutput<'importLibrary'>;
/** A library backup the background keeps (before imports, bulk deletes, clears, restores, and daily). */
export type SnapshotInfo = RequestOutput<'listSnapshots'>[number];
/** State of the optional browser-sync copy of the library. */
export type SyncStatus = RequestOutput<'getSyncStatus'>;

/** The messages the extension pages send (all of lib/messages.ts except the content script's own). */
export type AppMessageName = Extract<
  RequestName,
  | 'lookupPaper'
  | 'relatedWorks'
  | 'searchCatalog'
  | 'listNode'
  | 'taxonomyCounts'
  | 'datasetInfo'
  | 'openTaxonomyBrowser'
  | 'getSavedState'
  | 'savePaper'
  | 'unsavePaper'
  | 'listLibrary'
  | 'updateLibraryItem'
  | 'bulkUpdateLibrary'
  | 'bulkRemoveLibrary'
  | 'importLibrary'
  | 'listSnapshots'
  | 'restoreSnapshot'
  | 'clearLibrary'
  | 'getSyncStatus'
  | 'setSyncEnabled'
>;

/** Name → input/output of every message the pages send. */
export type AppMessages = { [K in AppMessageName]: Message<K> };

/** How the pages talk to the background; tests pass a fake with the same signature. */
export type Send = <K extends AppMessageName>(
  name: K,
  input: AppMessages[K]['input'],
) => Promise<Result<AppMessages[K]['output']>>;

/** The real Send: lib/messages.ts sendMessage over `browser`. Never rejects. */
export function createSend(browser: MessagingBrowser): Send {
  // A background older than the page (an extension update mid-session) may not know a name: sendMessage then
  // throws, which is reported as an error reply instead of a rejection.
  const untyped = sendMessage as unknown as (
    name: string,
    input: unknown,
    options: { browser: MessagingBrowser },
  ) => Promise<Result<unknown>>;
  return (async (name: string, input: unknown) => {
    try {
      return await untyped(name, input, { browser });
    } catch (error) {
      return { ok: false, error: `${name} is not available: ${(error as Error)?.message ?? String(error)}` };
    }
  }) as Send;
}

/** The value of a reply, or throws its error (for code paths that report failures in one place). */
export function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(result.error);
  return result.value;
}
