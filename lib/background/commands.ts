import type { MessageHandlers } from '../messages';
import { pdfTabPaper } from './action-badge';

/**
 * Keyboard shortcuts (the `commands` API): save/unsave the current paper, and show/hide the overlay.
 * On pages with our content script the command is forwarded to it, so the overlay updates exactly as after a
 * click. On PDF tabs (no content script) the background saves or removes the paper itself.
 */
export const COMMAND_NAMES = ['toggle-save', 'toggle-overlay'] as const;

export interface CommandsBrowser {
  commands: {
    onCommand: {
      addListener(cb: (command: string, tab?: { id?: number; url?: string; title?: string }) => void): void;
    };
  };
  tabs: { sendMessage(tabId: number, message: unknown): Promise<unknown> };
}

/** Handle one command for one tab. Exported for tests. */
export async function runCommand(
  browser: CommandsBrowser,
  handlers: Pick<MessageHandlers, 'lookupPaper' | 'savePaper' | 'unsavePaper'>,
  command: string,
  tab: { id?: number; url?: string; title?: string } | undefined,
): Promise<'forwarded' | 'saved' | 'removed' | 'ignored'> {
  if (!tab?.id || !(COMMAND_NAMES as readonly string[]).includes(command)) return 'ignored';
  const pdf = pdfTabPaper(tab.url);
  if (pdf && command === 'toggle-save' && tab.url) {
    // The background itself is the caller here (a user's keyboard shortcut), not a message sender.
    const context = { sender: { id: 'background' } };
    const found = await handlers.lookupPaper({ ...pdf, relatedLimit: 0 }, context);
    if (found.saved) {
      await handlers.unsavePaper({ key: found.libraryKey }, context);
      return 'removed';
    }
    await handlers.savePaper(
      {
        key: found.libraryKey,
        ...pdf,
        title: found.paper?.title ?? tab.title ?? found.libraryKey,
        url: tab.url,
      },
      context,
    );
    return 'saved';
  }
  try {
    await browser.tabs.sendMessage(tab.id, { type: 'overlayCommand', command });
    return 'forwarded';
  } catch {
    // No content script in that tab (not a paper page): nothing to do.
    return 'ignored';
  }
}
