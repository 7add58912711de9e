import { h } from 'preact';
import { Overlay, type OverlayProps, type OverlayState } from '../../components/overlay/Overlay';
import { overlayCss } from '../../components/overlay/styles';
import { nodeIdFromHash } from '../browse-path';
import type { RelatedWork } from '../catalog/types';
import type { PaperRecord } from '../dataset/schema';
import { libraryKeyFor, recordKey } from '../library-key';
import {
  type ContentScriptBrowser,
  LIBRARY_CHANGE_ALL,
  LIBRARY_CHANGE_KEY,
  parseLibraryChange,
  request as sendMessage,
} from '../messages-client';
import { domReady, pageLoadedOrCap } from '../page-ready';
import { parsePaperUrl } from '../paper-id';
import { getSettings, isDismissed, type Settings, setDismissed, updateSettings } from '../settings';
import { findAdapter } from '../sites/pages';
import type { DetectedPaper, PaperSite } from '../sites/types';
import { type MountedOverlay, mountOverlay } from './mount';
import { choosePlacement } from './placement';

/**
 * The content script's logic: detect the paper on the page, ask the background about it, and keep the overlay
 * true to the stored state. Everything it touches comes in through `env`, so tests can drive it with a
 * happy-dom document and WXT's fake browser.
 */

/** Commands the background forwards to the active tab (from the `commands` API shortcuts). */
export const OVERLAY_COMMANDS = ['toggle-overlay', 'toggle-save'] as const;
export type OverlayCommand = (typeof OVERLAY_COMMANDS)[number];

export interface OverlayBrowser extends ContentScriptBrowser {
  runtime: ContentScriptBrowser['runtime'] & {
    onMessage: {
      addListener(cb: (message: unknown) => void): void;
      removeListener(cb: (message: unknown) => void): void;
    };
  };
}

export interface OverlayEnv {
  doc: Document;
  /** The page's current URL (read again after in-app navigation). */
  getUrl: () => URL;
  browser: OverlayBrowser;
  /** Aborted when the content script is invalidated (extension update/reload): everything stops. */
  signal: AbortSignal;
  /** How long to wait for a client-rendered page (OpenReview) to show its paper. */
  detectTimeoutMs?: number;
  /** How long after the paper is found the overlay waits for the page's load event before it renders anyway. */
  renderCapMs?: number;
}

/** How many related works are shown before "More". */
const RELATED_FIRST = 6;
const RELATED_PAGE = 8;
const DETECT_TIMEOUT_MS = 15_000;
/**
 * The longest the overlay waits for the page's load event. Pages whose load comes soon after DOMContentLoaded
 * (arXiv abstract pages served from cache) get the overlay right after it, off their load path; pages that
 * keep loading (images, MathJax) get it at this cap, which keeps the answer within ~50 ms of DOMContentLoaded.
 */
const RENDER_CAP_MS = 25;
/** Resize events come in bursts while a window is dragged: place again once they pause this long. */
const RESIZE_SETTLE_MS = 120;

/** Wait until the adapter finds the paper (client-rendered pages fill in after load). */
function waitForPaper(
  env: OverlayEnv,
  adapter: PaperSite,
  url: URL,
  signal: AbortSignal,
): Promise<DetectedPaper | null> {
  const now = adapter.detectPaper(env.doc, url);
  if (now || signal.aborted) return Promise.resolve(now);
  return new Promise((resolve) => {
    const view = env.doc.defaultView;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const observer = view ? new view.MutationObserver(() => check()) : null;
    const finish = (value: DetectedPaper | null) => {
      observer?.disconnect();
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      resolve(value);
    };
    const onAbort = () => finish(null);
    const check = () => {
      const found = adapter.detectPaper(env.doc, url);
      if (found) finish(found);
    };
    observer?.observe(env.doc, { childList: true, subtree: true, characterData: true });
    timer = setTimeout(() => finish(null), env.detectTimeoutMs ?? DETECT_TIMEOUT_MS);
    signal.addEventListener('abort', onAbort);
  });
}

interface ViewState {
  state: OverlayState;
  paper: PaperRecord | null;
  matchedBy: OverlayProps['matchedBy'];
  related: RelatedWork[];
  relatedHasMore: boolean;
  saved: boolean;
  savePending: boolean;
  savedKeys: Set<string>;
  collapsed: boolean;
  counts: Record<string, number> | undefined;
  errorMessage: string | undefined;
  hidden: boolean;
  /** The classifier's guess for a paper outside the survey (null otherwise). */
  prediction: OverlayProps['prediction'];
}

/** One overlay for one detected paper. Returns a function that removes it. */
async function showPaper(
  env: OverlayEnv,
  adapter: PaperSite,
  detected: DetectedPaper,
  settings: Settings,
  signal: AbortSignal,
  earlyFor: EarlyLookup | null,
): Promise<void> {
  const { browser } = env;
  const identity = {
    ...(detected.arxivId ? { arxivId: detected.arxivId } : {}),
    ...(detected.openreviewId ? { openreviewId: detected.openreviewId } : {}),
    ...(detected.title ? { title: detected.title } : {}),
  };
  // Sent only with a title: the classifier reads both (lookupPaper caps it at 5,000 characters, as the adapters do).
  const withAbstract = detected.title && detected.abstract ? { abstract: detected.abstract } : {};
  const view: ViewState = {
    state: 'loading',
    paper: null,
    matchedBy: undefined,
    related: [],
    relatedHasMore: false,
    saved: false,
    savePending: false,
    savedKeys: new Set(),
    collapsed: settings.collapsed,
    counts: undefined,
    errorMessage: undefined,
    hidden: false,
    prediction: null,
  };
  let libraryKey = libraryKeyFor(identity) ?? '';
  let mounted: MountedOverlay | null = null;
  /** The user's collapse choice; the corner placement collapses the card without changing it. */
  let chosenCollapsed = settings.collapsed;
  let resizeTimer: ReturnType<typeof setTimeout> | undefined;

  const placeNow = () => {
    if (!mounted) return;
    const hints = adapter.layoutHints(env.doc, env.getUrl());
    const win = env.doc.defaultView;
    const rect = (el: Element) => {
      const r = el.getBoundingClientRect();
      return {
        left: r.left + (win?.scrollX ?? 0),
        top: r.top + (win?.scrollY ?? 0),
        width: r.width,
        height: r.height,
      };
    };
    const placement = choosePlacement({
      viewportWidth: env.doc.documentElement.clientWidth,
      protectedRects: hints.protect.map(rect),
      sideColumn: hints.sideColumn ? rect(hints.sideColumn) : null,
      overlayHeight: Math.min(520, (win?.innerHeight ?? 800) * 0.7),
    });
    mounted.place(placement);
    return placement;
  };

  const draw = () => {
    if (!mounted || signal.aborted) return;
    if (!mounted.isAttached()) mounted.reattach();
    if (view.hidden) {
      mounted.render(null);
      return;
    }
    mounted.render(
      h(Overlay, {
        state: view.state,
        paper: view.paper,
        related: view.related,
        relatedHasMore: view.relatedHasMore,
        onMoreRelated: () => void moreRelated(),
        saved: view.saved,
        savePending: view.savePending,
        onToggleSave: () => void toggleSave(),
        savedKeys: view.savedKeys,
        collapsed: view.collapsed,
        onToggleCollapsed: () => {
          view.collapsed = !view.collapsed;
          chosenCollapsed = view.collapsed;
          void updateSettings({ collapsed: view.collapsed });
          draw();
        },
        onDismiss: () => {
          view.hidden = true;
          if (libraryKey) void setDismissed(libraryKey, true);
          draw();
        },
        nodeHref: (nodeId: string) =>
          browser.runtime.getURL(`/browse.html#/node/${encodeURIComponent(nodeId)}`),
        counts: view.counts,
        matchedBy: view.matchedBy,
        errorMessage: view.errorMessage,
        prediction: view.prediction,
        showNotInSurveyChip: settings.showNotInSurveyChip,
        compact: settings.compact,
      }),
    );
  };

  const refreshRelatedSaved = async () => {
    if (view.related.length === 0) return;
    const keys = view.related.map((r) => recordKey(r.record));
    const reply = await sendMessage('getSavedState', { keys }, { browser });
    if (!reply.ok || signal.aborted) return;
    view.savedKeys = new Set(
      view.related.filter((r) => reply.value[recordKey(r.record)]).map((r) => r.record.id),
    );
    draw();
  };

  const moreRelated = async () => {
    if (!view.paper) return;
    const reply = await sendMessage(
      'relatedWorks',
      { recordId: view.paper.id, limit: RELATED_PAGE, offset: view.related.length },
      { browser },
    );
    if (!reply.ok || signal.aborted) return;
    view.related = [...view.related, ...reply.value];
    view.relatedHasMore = reply.value.length === RELATED_PAGE;
    draw();
    await refreshRelatedSaved();
  };

  const toggleSave = async () => {
    if (view.savePending) return;
    view.savePending = true;
    draw();
    const reply = view.saved
      ? await sendMessage('unsavePaper', { key: libraryKey }, { browser })
      : await sendMessage(
          'savePaper',
          {
            key: libraryKey,
            ...identity,
            title: view.paper?.title ?? detected.title ?? libraryKey,
            authors: detected.authors,
            url: env.getUrl().href,
            leaves: view.paper?.leaves ?? [],
          },
          { browser },
        );
    view.savePending = false;
    if (reply.ok) view.saved = !view.saved;
    else view.errorMessage = reply.error;
    draw();
  };

  // A resized window (or a zoom change) moves the page's columns: place the card again once the resizing
  // settles. Into the corner it goes as the pill (a full card there would cover the page); back in the page it
  // takes the user's own collapse choice again.
  function onResize(): void {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(() => {
      if (signal.aborted || !mounted) return;
      const next = placeNow();
      if (!next || next.mode === placedMode) return;
      placedMode = next.mode;
      view.collapsed = next.mode === 'fixed-corner' ? true : chosenCollapsed;
      draw();
    }, RESIZE_SETTLE_MS);
  }

  // Keep Save true to the stored state when the paper is saved or removed elsewhere (another tab, the popup).
  const onStorage = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area !== 'local' || !(LIBRARY_CHANGE_KEY in changes)) return;
    const change = parseLibraryChange(changes[LIBRARY_CHANGE_KEY]?.newValue);
    if (!change) return;
    if (change.key === LIBRARY_CHANGE_ALL) {
      // A bulk change (import, restore, bulk delete): ask again rather than guess.
      void (async () => {
        const reply = await sendMessage('getSavedState', { keys: [libraryKey] }, { browser });
        if (reply.ok && !view.savePending && !signal.aborted) {
          view.saved = reply.value[libraryKey] ?? false;
          draw();
        }
        await refreshRelatedSaved();
      })();
      return;
    }
    if (change.key === libraryKey && !view.savePending) {
      view.saved = change.saved;
      draw();
    }
    if (view.related.some((r) => recordKey(r.record) === change.key)) void refreshRelatedSaved();
  };
  browser.storage.onChanged.addListener(onStorage);

  const onCommand = (message: unknown) => {
    const name = (message as { type?: unknown; command?: unknown } | null)?.command;
    if ((message as { type?: unknown } | null)?.type !== 'overlayCommand') return;
    if (name === 'toggle-save' && view.state !== 'loading' && view.state !== 'error') void toggleSave();
    if (name === 'toggle-overlay') {
      view.hidden = !view.hidden;
      if (libraryKey) void setDismissed(libraryKey, view.hidden);
      draw();
    }
  };
  browser.runtime.onMessage.addListener(onCommand);

  signal.addEventListener(
    'abort',
    () => {
      browser.storage.onChanged.removeListener(onStorage);
      browser.runtime.onMessage.removeListener(onCommand);
      env.doc.defaultView?.removeEventListener('resize', onResize);
      clearTimeout(resizeTimer);
      mounted?.destroy();
      mounted = null;
    },
    { once: true },
  );

  // Ask the background first and read the dismissed flag meanwhile: the round trip is most of the time to the
  // answer, so nothing else waits in front of it.
  const early = earlyFor && earlyFor.arxivId === detected.arxivId ? earlyFor : null;
  const lookup = early
    ? early.reply
    : sendMessage(
        'lookupPaper',
        { ...identity, ...withAbstract, relatedLimit: RELATED_FIRST + 1 },
        { browser },
      );
  let answered = false;
  void lookup.then(() => {
    answered = true;
  });
  const hiddenRead =
    early && early.libraryKey === libraryKey
      ? early.dismissed
      : libraryKey
        ? isDismissed(libraryKey)
        : Promise.resolve(false);
  // Stay off the main thread until the page has loaded (or a short cap has passed): mounting, placing (layout
  // reads) and rendering between DOMContentLoaded and the load event delay the page's load event one for one
  // on fast pages (measured: bench/results.md, "load event, with / without extension").
  await pageLoadedOrCap(env.doc, signal, env.renderCapMs ?? RENDER_CAP_MS);
  view.hidden = await hiddenRead;
  if (signal.aborted) return;
  mounted = mountOverlay(env.doc, overlayCss);
  // Taxonomy links point at an extension page, which a web page may not open itself: ask the background.
  mounted.root.addEventListener('click', (event) => {
    const anchor = (event.target as Element | null)?.closest?.('a');
    const href = anchor?.getAttribute('href') ?? '';
    if (!href.startsWith(browser.runtime.getURL('/'))) return;
    event.preventDefault();
    const nodeId = nodeIdFromHash(href);
    void sendMessage('openTaxonomyBrowser', nodeId ? { nodeId } : {}, { browser });
  });
  const placement = placeNow();
  if (placement?.mode === 'fixed-corner') view.collapsed = true;
  let placedMode = placement?.mode;
  env.doc.defaultView?.addEventListener('resize', onResize);
  // The corner pill is anchored by its bottom edge, so it grows upwards: drawing the loading header first and
  // the answer later moved it, a layout shift of the page (measured in test/e2e/overlay-layout.e2e.ts). In the
  // corner the card is drawn once, with the answer; a card placed in the page (top-anchored) shows loading,
  // unless the answer is already here (the usual case with a warm worker): then it is drawn once, answered.
  if (placement?.mode !== 'fixed-corner' && !answered) draw();

  let reply = await lookup;
  if (signal.aborted) return;
  // The early lookup went by the URL's id alone. For a paper outside the survey ask again with what only the
  // page has: the title (a record without this arXiv id may still match it) and the abstract, from which the
  // background's classifier guesses a leaf.
  if (reply.ok && reply.value.paper === null && early && detected.title) {
    reply = await sendMessage(
      'lookupPaper',
      { ...identity, ...withAbstract, relatedLimit: RELATED_FIRST + 1 },
      { browser },
    );
    if (signal.aborted) return;
  }
  if (!reply.ok) {
    view.state = 'error';
    view.errorMessage = reply.error;
    draw();
    return;
  }
  const { paper, related, saved, matchedBy } = reply.value;
  libraryKey = reply.value.libraryKey;
  view.saved = saved;
  view.paper = paper;
  view.matchedBy = matchedBy ?? undefined;
  view.prediction = reply.value.prediction ?? null;
  view.related = related.slice(0, RELATED_FIRST);
  // "More" pages through a catalog record's related works; a paper outside the survey has no record.
  view.relatedHasMore = paper !== null && related.length > RELATED_FIRST;
  if (!paper) view.state = 'not-in-survey';
  else if (paper.isSurvey) {
    view.state = 'survey-itself';
    const counts = await sendMessage('taxonomyCounts', {}, { browser });
    if (counts.ok) view.counts = counts.value;
  } else view.state = 'in-survey';
  if (signal.aborted) return;
  if (paper && libraryKey && (await isDismissed(libraryKey))) view.hidden = true;
  draw();
  await refreshRelatedSaved();
}

/** A lookup (and the dismissed flag) read from the URL alone, before the page's DOM exists. */
interface EarlyLookup {
  arxivId: string;
  libraryKey: string;
  reply: ReturnType<typeof sendMessage<'lookupPaper'>>;
  dismissed: Promise<boolean>;
}

function earlyLookup(env: OverlayEnv, url: URL): EarlyLookup | null {
  const ref = parsePaperUrl(url);
  if (ref?.kind !== 'arxiv') return null;
  const libraryKey = libraryKeyFor({ arxivId: ref.id }) ?? '';
  return {
    arxivId: ref.id,
    libraryKey,
    dismissed: libraryKey ? isDismissed(libraryKey) : Promise.resolve(false),
    reply: sendMessage(
      'lookupPaper',
      { arxivId: ref.id, relatedLimit: RELATED_FIRST + 1 },
      { browser: env.browser },
    ),
  };
}

/**
 * Entry point of the content script. Runs once per page and again after every in-app navigation
 * (`onLocationChange`), tearing the previous overlay down first.
 */
export function startOverlay(env: OverlayEnv): { onLocationChange(): void } {
  let current: AbortController | null = null;
  const run = async (afterNavigation: boolean) => {
    // The previous paper's overlay goes at once: it must never stand next to another paper's URL.
    current?.abort();
    const controller = new AbortController();
    current = controller;
    env.signal.addEventListener('abort', () => controller.abort(), { once: true });
    if (afterNavigation) {
      // WXT's 'wxt:locationchange' comes from the Navigation API's `navigate` event, which fires BEFORE the
      // URL changes (https://html.spec.whatwg.org/multipage/nav-history-apis.html#the-navigate-event). Read
      // the URL a task later, or the previous forum's URL is detected again and, while an OpenReview page
      // still shows the previous note, the previous paper is shown under the new URL.
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (controller.signal.aborted) return;
    }
    const url = env.getUrl();
    const adapter = findAdapter(url);
    if (!adapter || adapter.pageKind(url) === 'pdf') return;
    // An arXiv URL names its paper: ask the background now, while the page is still loading, so the answer is
    // usually there by the time the DOM is. The page's own id is checked against it after detection.
    const early = earlyLookup(env, url);
    // Settings are read meanwhile too.
    const settingsRead = getSettings();
    await domReady(env.doc, controller.signal);
    const detected = await waitForPaper(env, adapter, url, controller.signal);
    const settings = await settingsRead;
    if (!settings.sites[adapter.id] || !detected || controller.signal.aborted) return;
    await showPaper(env, adapter, detected, settings, controller.signal, early);
  };
  void run(false);
  return { onLocationChange: () => void run(true) };
}
