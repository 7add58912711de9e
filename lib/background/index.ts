import type { BundledDataset } from '../db/schema';
import { LIBRARY_CHANGE_STORAGE_KEY, LibraryChange } from '../messages';
import { type BadgeBrowser, startActionBadges } from './action-badge';
import { bundledDataset } from './bundled';
import { type CommandsBrowser, runCommand } from './commands';
import {
  type BackgroundBrowser,
  type BackgroundService,
  type BackgroundServiceOptions,
  createBackgroundService,
} from './service';

export {
  BUNDLED_META,
  BUNDLED_RECORDS_PATH,
  bundledDataset,
  type FetchLike,
  type LoadRecordsOptions,
  loadRecordsFrom,
} from './bundled';
export type { BackgroundBrowser, BackgroundService } from './service';

/** Options of startBackground. */
export interface StartBackgroundOptions {
  browser: BackgroundBrowser;
  now?: () => number;
  /** Defaults to the bundled dataset (bundledDataset(browser)); tests pass small fixtures. */
  bundled?: BundledDataset;
  catalogDbName?: string;
  libraryDbName?: string;
  logger?: Pick<Console, 'warn'>;
  syncDebounceMs?: BackgroundServiceOptions['syncDebounceMs'];
  syncLimits?: BackgroundServiceOptions['syncLimits'];
  importOptions?: BackgroundServiceOptions['importOptions'];
  seedRetryMs?: BackgroundServiceOptions['seedRetryMs'];
  classifier?: BackgroundServiceOptions['classifier'];
}

/**
 * Start the background: register the message listener synchronously (an MV3 service worker only receives
 * events whose listeners were added in its first turn), and seed the catalog on install/update. A cold
 * worker woken by a message seeds lazily on that first request instead.
 */
export function startBackground(options: StartBackgroundOptions): BackgroundService {
  const { browser } = options;
  const service = createBackgroundService({
    ...options,
    bundled: options.bundled ?? bundledDataset(browser),
  });
  browser.runtime.onMessage.addListener(service.listener);
  browser.runtime.onInstalled.addListener(() => {
    // Never rejects; a failure is logged and the previous catalog keeps serving.
    void service.seed();
  });
  const { sync } = service;
  if (sync) {
    // The user's other browsers write storage.sync; pull when they do, and once at startup (if sync is on).
    browser.storage.onChanged?.addListener((changes, area) => sync.onStorageChanged(changes, area));
    void sync.syncNow();
  }
  return service;
}

/** The optional browser APIs of the tab features (absent in some test doubles and contexts). */
export type FullBrowser = BackgroundBrowser &
  Partial<CommandsBrowser> & {
    action?: BadgeBrowser['action'];
    /** Firefox MV2 name of `action`. */
    browserAction?: BadgeBrowser['action'];
    tabs?: Partial<BadgeBrowser['tabs'] & CommandsBrowser['tabs']>;
    storage: {
      onChanged?: {
        addListener(cb: (changes: Record<string, { newValue?: unknown }>, area: string) => void): void;
      };
    };
  };

/**
 * PDF-tab badges and keyboard shortcuts. Call in the same first turn as startBackground (MV3 rule); kept apart
 * from it because they need APIs (action, tabs, commands) that the unit tests' fake browser does not have.
 */
export function startTabFeatures(
  browser: FullBrowser,
  service: BackgroundService,
  logger: Pick<Console, 'warn'> = console,
): void {
  const context = { sender: { id: 'background' } };
  const action = browser.action ?? browser.browserAction;
  const tabs = browser.tabs;
  if (action && tabs?.onUpdated && tabs.onRemoved) {
    const badges = startActionBadges(
      { action, tabs: { onUpdated: tabs.onUpdated, onRemoved: tabs.onRemoved } },
      async (ids) => {
        const found = await service.handlers.lookupPaper({ ...ids, relatedLimit: 0 }, context);
        const paper = found.paper && {
          leaves: found.paper.leaves as string[],
          isSurvey: found.paper.isSurvey ?? false,
        };
        return { paper, saved: found.saved, libraryKey: found.libraryKey };
      },
      logger,
    );
    // Library changes from any tab or page reach the background through the same storage signal.
    browser.storage.onChanged?.addListener((changes, area) => {
      const change = LibraryChange.safeParse(changes[LIBRARY_CHANGE_STORAGE_KEY]?.newValue);
      if (area === 'local' && change.success) void badges.onLibraryChange(change.data.key);
    });
  }
  const sendMessage = tabs?.sendMessage;
  if (browser.commands && sendMessage) {
    const commandsBrowser: CommandsBrowser = { commands: browser.commands, tabs: { sendMessage } };
    browser.commands.onCommand.addListener((command, tab) => {
      runCommand(commandsBrowser, service.handlers, command, tab).catch((error: unknown) =>
        logger.warn(`Efficiency Lens: command ${command} failed: ${String(error)}`),
      );
    });
  }
}
