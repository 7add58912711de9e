import { LIBRARY_CHANGE_ALL } from '../messages-client';
import { parsePaperUrl } from '../paper-id';
import { findAdapter } from '../sites/pages';
import { getNode, getPath } from '../taxonomy';

/**
 * The toolbar badge on PDF tabs. Content scripts cannot run in the browsers' PDF viewers, so on an arXiv or
 * OpenReview PDF the toolbar action carries what the overlay would: the paper's leaf as a short code (e.g. "Q",
 * "PEFT"), a check mark when the paper is saved, and a tooltip with the full path. Pure view logic plus a small
 * controller over the injected browser API.
 */

/** Badge colours per survey area (the overlay's area colours, darkened for white badge text). */
const AREA_BADGE_COLOURS: Record<string, string> = {
  'budget-efficiency': '#7a4a00',
  'data-efficiency': '#1b5e2f',
  'architecture-efficiency': '#1e429f',
  'training-tuning-efficiency': '#5b2a9e',
  'inference-efficiency': '#9b1c1c',
};
const SURVEY_COLOUR = '#374151';

export interface BadgeView {
  text: string;
  colour: string;
  title: string;
}

/** What a PDF tab's badge shows for a lookup result (null paper: not in the survey). */
export function badgeFor(
  paper: { leaves: readonly string[]; isSurvey: boolean } | null,
  saved: boolean,
): BadgeView {
  const savedNote = saved ? ' · saved in your list' : '';
  if (!paper) {
    // No code: a badge on every PDF outside the survey would be noise. The tooltip still answers.
    return {
      text: saved ? '✓' : '',
      colour: SURVEY_COLOUR,
      title: `Efficiency Lens: not in the efficiency survey${savedNote}`,
    };
  }
  if (paper.isSurvey) {
    return {
      text: saved ? '✓' : 'SRV',
      colour: SURVEY_COLOUR,
      title: `Efficiency Lens: the efficiency survey itself${savedNote}`,
    };
  }
  const first = paper.leaves[0] ?? '';
  const code = getNode(first)?.code ?? '';
  const text = badgeText(code, paper.leaves.length > 1, saved);
  const area = getPath(first)[0]?.id ?? '';
  const paths = paper.leaves.map((leaf) =>
    getPath(leaf)
      .map((n) => n.name)
      .join(' > '),
  );
  return {
    text,
    colour: AREA_BADGE_COLOURS[area] ?? SURVEY_COLOUR,
    title: `Efficiency Lens: ${paths.join('; ')}${savedNote}`,
  };
}

/** How many characters a toolbar badge shows before Chrome clips it. */
export const BADGE_MAX_CHARS = 4;

/**
 * The badge text: the leaf code, "+" when the paper has more leaves, "✓" when it is saved, in at most
 * BADGE_MAX_CHARS characters. When they do not all fit, "+" goes first (the tooltip lists every leaf), then the
 * code is shortened: on a PDF tab the check mark is the only sign that the save shortcut worked, so it always
 * shows ("PEFT" saved is "PEF✓", not "PEFT").
 */
export function badgeText(code: string, moreLeaves: boolean, saved: boolean): string {
  const mark = saved ? '✓' : '';
  const full = `${code}${moreLeaves ? '+' : ''}${mark}`;
  if (full.length <= BADGE_MAX_CHARS) return full;
  return `${code.slice(0, BADGE_MAX_CHARS - mark.length)}${mark}`;
}

/** The paper ids of a PDF tab's URL, or null when the tab is not an arXiv/OpenReview PDF. */
export function pdfTabPaper(rawUrl: string | undefined): { arxivId?: string; openreviewId?: string } | null {
  if (!rawUrl) return null;
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return null;
  }
  if (findAdapter(url)?.pageKind(url) !== 'pdf') return null;
  const ref = parsePaperUrl(url);
  if (!ref) return null;
  return ref.kind === 'arxiv' ? { arxivId: ref.id } : { openreviewId: ref.id };
}

export interface BadgeBrowser {
  action: {
    setBadgeText(details: { tabId: number; text: string }): Promise<void>;
    setBadgeBackgroundColor(details: { tabId: number; color: string }): Promise<void>;
    setTitle(details: { tabId: number; title: string }): Promise<void>;
  };
  tabs: {
    onUpdated: {
      addListener(
        cb: (tabId: number, change: { url?: string; status?: string }, tab: { url?: string }) => void,
      ): void;
    };
    onRemoved: { addListener(cb: (tabId: number) => void): void };
  };
}

/** How the badge controller asks about a paper (the background's lookupPaper handler). */
export type BadgeLookup = (ids: { arxivId?: string; openreviewId?: string }) => Promise<{
  paper: { leaves: readonly string[]; isSurvey: boolean } | null;
  saved: boolean;
  libraryKey: string;
}>;

/**
 * Keep the badge of every arXiv/OpenReview PDF tab up to date: on navigation, and on library changes
 * (`onLibraryChange(key)`, called by the background after a save or removal).
 */
export function startActionBadges(
  browser: BadgeBrowser,
  lookup: BadgeLookup,
  logger: Pick<Console, 'warn'> = console,
) {
  const tabKeys = new Map<number, string>();

  const update = async (tabId: number, url: string | undefined) => {
    const ids = pdfTabPaper(url);
    if (!ids) {
      tabKeys.delete(tabId);
      return;
    }
    try {
      const { paper, saved, libraryKey } = await lookup(ids);
      tabKeys.set(tabId, libraryKey);
      const view = badgeFor(paper, saved);
      await browser.action.setBadgeText({ tabId, text: view.text });
      await browser.action.setBadgeBackgroundColor({ tabId, color: view.colour });
      await browser.action.setTitle({ tabId, title: view.title });
    } catch (error) {
      // The tab may have closed meanwhile; the badge is a convenience, never worth an error page.
      logger.warn(`Efficiency Lens: could not update the badge of tab ${tabId}: ${String(error)}`);
    }
  };
  const urls = new Map<number, string>();

  browser.tabs.onUpdated.addListener((tabId, change, tab) => {
    const url = change.url ?? (change.status === 'complete' ? tab.url : undefined);
    if (url === undefined) return;
    urls.set(tabId, url);
    void update(tabId, url);
  });
  browser.tabs.onRemoved.addListener((tabId) => {
    tabKeys.delete(tabId);
    urls.delete(tabId);
  });

  return {
    /** Refresh the badges of tabs showing this library key. */
    async onLibraryChange(key: string) {
      const refreshing = [...tabKeys]
        // '*' (LIBRARY_CHANGE_ALL): many papers changed at once, so every badged tab is refreshed.
        .filter(([, k]) => key === LIBRARY_CHANGE_ALL || k === key)
        .map(([tabId]) => update(tabId, urls.get(tabId)));
      await Promise.all(refreshing);
    },
    /** For tests: refresh one tab. */
    update,
  };
}
