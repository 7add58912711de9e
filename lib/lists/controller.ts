import { h } from 'preact';
import { ListCard } from '../../components/lists/ListCard';
import { renderListChip } from '../../components/lists/ListChip';
import { ListSummaryBar } from '../../components/lists/ListSummaryBar';
import { listsCss } from '../../components/lists/styles';
import { nodeIdFromHash } from '../browse-path';
import type { RelatedWork } from '../catalog/types';
import { libraryKeyFor } from '../library-key';
import type { RequestOutput } from '../messages';
import {
  type ContentScriptBrowser,
  LIBRARY_CHANGE_ALL,
  LIBRARY_CHANGE_KEY,
  parseLibraryChange,
  request,
} from '../messages-client';
import { domReady } from '../page-ready';
import { arxivAbsUrl, openReviewForumUrl } from '../paper-id';
import { getSettings } from '../settings';
import { findListAdapter } from '../sites/lists';
import type { ListedPaper } from '../sites/types';
import {
  anchorRect,
  createChipHost,
  createPanelHost,
  EntryStyles,
  type Host,
  placeChip,
  SharedStyles,
  yieldToMain,
} from './dom';
import { ListIndex, type LocalHit } from './list-index';
import { entryIdentity, mostlyName } from './summary';

/**
 * The lists content script's logic (issue #5): on a page that lists papers, ask the background about every
 * entry in ONE lookupMany message, put a chip next to each entry that is in the survey, and a summary bar with
 * "show only" / "highlight" toggles. A chip opens a small card (taxonomy paths, related works, Save).
 * Everything it touches comes in through `env` (house rule 9), as in lib/overlay/controller.ts.
 */

/** What the lists script needs of `browser` (the same as the paper content script's). */
export type ListsBrowser = ContentScriptBrowser;

export interface ListsEnv {
  doc: Document;
  getUrl: () => URL;
  browser: ListsBrowser;
  /** Aborted when the content script is invalidated: chips, bar, card and listeners all go. */
  signal: AbortSignal;
  /** Milliseconds of chip building per task before yielding to the page (tests may pass Infinity). */
  sliceMs?: number;
  /** Called once every chip is in the page (the e2e tests and the benchmark read it through a DOM mark). */
  onAnnotated?: (stats: AnnotationStats) => void;
}

/** What one run did (also written to the bar host's dataset for the benchmark). */
export interface AnnotationStats {
  entries: number;
  matched: number;
  /** performance.now() at detection, reply, and last chip inserted. */
  detectedAt: number;
  repliedAt: number;
  doneAt: number;
}

/**
 * What a chip shows and its card starts from: lookupMany's hit, or one the script found itself in the list
 * index (which does not carry the record's title and year: the entry's title stands in until the card's
 * lookupPaper answers).
 */
type Hit = Pick<NonNullable<RequestOutput<'lookupMany'>[number]>, 'leaves' | 'libraryKey' | 'saved'> & {
  /** The catalog's title, or null: the entry's own (read from the page only when a card needs it). */
  title: string | null;
  year: number | null;
};
/** lookupMany's cap on entries per message (lib/messages.ts MESSAGE_LIMITS.lookupManyEntries). */
const MAX_ENTRIES = 5_000;
const SLICE_MS = 12;
/**
 * Milliseconds from DOMContentLoaded that the first task may spend (reading entries included) before it
 * yields. When the verdicts are at hand at DOMContentLoaded, chips built within it go into the page before its
 * first frame, drawn with it; a longer first task would be a long task of ours.
 */
const FIRST_TASK_MS = 40;
const RELATED_IN_CARD = 5;
/** Highlight colour of survey entries (a translucent amber that works on light and dark pages). */
const HIGHLIGHT_BG = 'rgba(255, 196, 0, 0.16)';
const HIGHLIGHT_EDGE = 'inset 3px 0 0 rgba(214, 150, 0, 0.9)';

/** Attribute on a chip host naming its entry's index (tests, benchmark). */
export const ENTRY_INDEX_ATTR = 'data-entry-index';
/** Attribute set on <html> when a run finished annotating (value: number of chips). */
export const ANNOTATED_ATTR = 'data-efficiency-lens-annotated';

interface Chip {
  index: number;
  entry: ListedPaper;
  hit: Hit;
  host: Host;
}

interface CardState {
  chip: Chip;
  host: Host;
  state: 'loading' | 'ready' | 'error';
  related: RelatedWork[];
  relatedSaved: Set<string>;
  savePending: boolean;
  errorMessage?: string;
}

/** The URL saved with a paper: its own page when an id names it, else the page it was found on. */
function paperUrl(entry: ListedPaper, hit: Hit, pageUrl: URL): string {
  const key = hit.libraryKey;
  if (key.startsWith('arxiv:')) return arxivAbsUrl(key.slice('arxiv:'.length));
  if (key.startsWith('openreview:')) return openReviewForumUrl(key.slice('openreview:'.length));
  if (entry.arxivId) return arxivAbsUrl(entry.arxivId);
  return pageUrl.href;
}

const recordKey = (record: RelatedWork['record']) => libraryKeyFor(record) ?? record.id;

async function annotate(env: ListsEnv, signal: AbortSignal): Promise<void> {
  const { doc, browser } = env;
  const url = env.getUrl();
  const adapter = findListAdapter(url);
  const kind = adapter?.listKind(url);
  if (!adapter || !kind) return;
  // Asked at once, while the page still parses, so that the verdicts of id-bearing entries are at hand at
  // DOMContentLoaded (lib/lists/list-index.ts), and decoded as soon as it arrives. The reply also says whether
  // the user has this site switched on (the background holds the settings in memory; reading them from storage
  // here took longer than the whole round trip). Without a reply (an older background, a failure) the settings
  // are read here and lookupMany answers for every entry.
  mark('index-asked');
  const indexRead: Promise<ListIndex | 'off' | null> = request('listIndex', { site: adapter.id }, { browser })
    .then((reply) => {
      mark('index-answered');
      if (!reply.ok) return null;
      return reply.value.enabled === false ? 'off' : new ListIndex(reply.value);
    })
    .catch(() => null);
  await domReady(doc, signal);
  if (signal.aborted) return;
  const readyAt = mark('ready');
  const entries = adapter.detectEntries(doc, url).slice(0, MAX_ENTRIES);
  const detectedAt = mark('detected');
  if (entries.length === 0) return;
  // Waiting for the index (a page parsed faster than its round trip), or without it for the settings, is not
  // work: the slicer marks it as a yield (the benchmark measures the stretches of work between yields).
  const slicer = new Slicer(env.sliceMs, readyAt, signal);
  const local = await slicer.wait(indexRead);
  if (local === 'off' || signal.aborted) return;
  if (local === null && !(await slicer.wait(getSettings())).sites[adapter.id]) return;
  const hits = await verdicts(env, entries, local, slicer);
  const repliedAt = mark('replied');
  if (signal.aborted || !hits) return; // Quietly: a list page works without us.

  const styles = new SharedStyles(doc, listsCss);
  const entryStyles = new EntryStyles();
  const chips: Chip[] = [];
  const byKey = new Map<string, Chip[]>();
  let card: CardState | null = null;
  let bar: Host | null = null;
  const view = { showOnly: false, highlight: false, barHidden: false };

  const drawChip = (chip: Chip) =>
    renderListChip(
      chip.host.root,
      { leaves: chip.hit.leaves, saved: chip.hit.saved, expanded: card?.chip === chip },
      () => (card?.chip === chip ? closeCard(true) : openCard(chip)),
    );

  // ---- Card ----------------------------------------------------------------------------------------------
  const nodeHref = (nodeId: string) =>
    browser.runtime.getURL(`/browse.html#/node/${encodeURIComponent(nodeId)}`);

  const drawCard = () => {
    if (!card || signal.aborted) return;
    const c = card;
    c.host.render(
      h(ListCard, {
        title: c.chip.hit.title ?? c.chip.entry.title ?? '',
        year: c.chip.hit.year,
        leaves: c.chip.hit.leaves,
        state: c.state,
        related: c.related,
        relatedSaved: c.relatedSaved,
        saved: c.chip.hit.saved,
        savePending: c.savePending,
        onToggleSave: () => void toggleSave(c),
        onClose: () => closeCard(true),
        nodeHref,
        errorMessage: c.errorMessage,
      }),
    );
  };

  const closeCard = (returnFocus: boolean) => {
    const c = card;
    if (!c) return;
    card = null;
    c.host.destroy();
    drawChip(c.chip);
    if (returnFocus) c.chip.host.root.querySelector('button')?.focus();
  };

  const refreshRelatedSaved = async (c: CardState) => {
    if (c.related.length === 0) return;
    const keys = c.related.map((r) => recordKey(r.record));
    const saved = await request('getSavedState', { keys }, { browser });
    if (!saved.ok || card !== c) return;
    c.relatedSaved = new Set(
      c.related.filter((r) => saved.value[recordKey(r.record)]).map((r) => r.record.id),
    );
    drawCard();
  };

  const openCard = (chip: Chip) => {
    closeCard(false);
    const host = createPanelHost(doc, styles, 'card');
    // Below the chip, kept inside the viewport horizontally (one layout read, on a click).
    const rect = anchorRect(chip.host.host);
    const viewWidth = doc.documentElement.clientWidth || 800;
    const left = Math.max(8, Math.min(rect.left, (doc.defaultView?.scrollX ?? 0) + viewWidth - 356));
    host.host.style.setProperty('left', `${Math.round(left)}px`, 'important');
    host.host.style.setProperty('top', `${Math.round(rect.bottom + 4)}px`, 'important');
    // Taxonomy links open an extension page, which a web page may not do itself: the background does.
    host.root.addEventListener('click', (event) => {
      const a = (event.target as Element | null)?.closest?.('a');
      const href = a?.getAttribute('href') ?? '';
      if (!href.startsWith(browser.runtime.getURL('/'))) return;
      event.preventDefault();
      const nodeId = nodeIdFromHash(href);
      void request('openTaxonomyBrowser', nodeId ? { nodeId } : {}, { browser });
    });
    const c: CardState = {
      chip,
      host,
      state: 'loading',
      related: [],
      relatedSaved: new Set(),
      savePending: false,
    };
    card = c;
    drawChip(chip);
    drawCard();
    host.root.querySelector<HTMLElement>('[data-testid="list-card-close"]')?.focus();
    void (async () => {
      // The same identity lookupMany matched (an entry with a hit always has an id or a title).
      const found = await request(
        'lookupPaper',
        { ...entryIdentity(chip.entry), relatedLimit: RELATED_IN_CARD },
        { browser },
      );
      if (card !== c) return;
      if (!found.ok) {
        c.state = 'error';
        c.errorMessage = found.error;
      } else {
        c.state = 'ready';
        c.related = found.value.related;
        // A hit from the list index carries the entry's title; the catalog's own title and year win.
        const paper = found.value.paper;
        if (paper && paper.leaves.join() === chip.hit.leaves.join()) {
          chip.hit = { ...chip.hit, title: paper.title, year: paper.year ?? null };
        }
      }
      drawCard();
      await refreshRelatedSaved(c);
    })();
  };

  const setSaved = (key: string, saved: boolean) => {
    for (const chip of byKey.get(key) ?? []) {
      if (chip.hit.saved === saved) continue;
      chip.hit = { ...chip.hit, saved };
      drawChip(chip);
    }
    if (card && card.chip.hit.libraryKey === key) drawCard();
  };

  const toggleSave = async (c: CardState) => {
    if (c.savePending) return;
    c.savePending = true;
    drawCard();
    const { hit, entry } = c.chip;
    const result = hit.saved
      ? await request('unsavePaper', { key: hit.libraryKey }, { browser })
      : await request(
          'savePaper',
          {
            key: hit.libraryKey,
            ...entryIdentity(entry),
            title: hit.title ?? entry.title ?? hit.libraryKey,
            url: paperUrl(entry, hit, url),
            leaves: hit.leaves,
          },
          { browser },
        );
    c.savePending = false;
    if (result.ok) setSaved(hit.libraryKey, !hit.saved);
    else {
      c.errorMessage = result.error;
      c.state = 'error';
    }
    drawCard();
  };

  // ---- Bar and entry styles ------------------------------------------------------------------------------
  const applyEntryStyles = () => {
    const matched = new Set(chips.map((c) => c.index));
    entries.forEach((entry, i) => {
      const els = [entry.entry, ...(entry.parts ?? [])];
      for (const el of els) {
        if (view.showOnly && !matched.has(i)) entryStyles.set(el, 'display', 'none');
        else entryStyles.clear(el, 'display');
        if (view.highlight && matched.has(i)) {
          entryStyles.set(el, 'background-color', HIGHLIGHT_BG);
          if (el === entry.entry) entryStyles.set(el, 'box-shadow', HIGHLIGHT_EDGE);
        } else {
          entryStyles.clear(el, 'background-color');
          entryStyles.clear(el, 'box-shadow');
        }
      }
    });
  };

  const drawBar = () => {
    if (!bar || signal.aborted) return;
    if (view.barHidden) {
      bar.destroy();
      bar = null;
      return;
    }
    bar.render(
      h(ListSummaryBar, {
        kind: kind === 'references' ? 'references' : 'entries',
        matched: chips.length,
        total: entries.length,
        mostly: kind === 'references' ? mostlyName(hits) : null,
        showOnly: view.showOnly,
        highlight: view.highlight,
        onShowOnly: (on) => {
          view.showOnly = on;
          applyEntryStyles();
          drawBar();
        },
        onHighlight: (on) => {
          view.highlight = on;
          applyEntryStyles();
          drawBar();
        },
        onDismiss: () => {
          // Hiding the bar also gives the page back as it was.
          view.showOnly = false;
          view.highlight = false;
          applyEntryStyles();
          view.barHidden = true;
          drawBar();
        },
      }),
    );
  };

  // ---- Library changes -----------------------------------------------------------------------------------
  const refreshAllSaved = async () => {
    const keys = [...byKey.keys()];
    if (keys.length === 0) return;
    const saved = await request('getSavedState', { keys }, { browser });
    if (!saved.ok || signal.aborted) return;
    for (const key of keys) setSaved(key, saved.value[key] ?? false);
    if (card) await refreshRelatedSaved(card);
  };
  const onStorage = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area !== 'local' || !(LIBRARY_CHANGE_KEY in changes)) return;
    const change = parseLibraryChange(changes[LIBRARY_CHANGE_KEY]?.newValue);
    if (!change) return;
    if (change.key === LIBRARY_CHANGE_ALL) {
      void refreshAllSaved();
      return;
    }
    if (!(card?.savePending && card.chip.hit.libraryKey === change.key)) setSaved(change.key, change.saved);
    if (card?.related.some((r) => recordKey(r.record) === change.key)) void refreshRelatedSaved(card);
  };
  browser.storage.onChanged.addListener(onStorage);
  const onKey = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && card) closeCard(true);
  };
  doc.addEventListener('keydown', onKey);
  signal.addEventListener(
    'abort',
    () => {
      browser.storage.onChanged.removeListener(onStorage);
      doc.removeEventListener('keydown', onKey);
      card?.host.destroy();
      card = null;
      bar?.destroy();
      bar = null;
      for (const chip of chips) chip.host.destroy();
      entryStyles.clearAll();
      doc.documentElement.removeAttribute(ANNOTATED_ATTR);
    },
    { once: true },
  );

  // ---- Chips ---------------------------------------------------------------------------------------------
  // Two passes. First every chip is built off-document (host, shadow root, a cloned button) within the
  // slicer's budget (on a page read in time, all of it inside DOMContentLoaded's task; else in SLICE_MS slices,
  // and off-document work dirties no layout, so the frames in between cost nothing). Then all hosts go into the page in one pass, which the browser lays out and
  // paints once (inserting as they were built made it re-lay out the whole list once per slice).
  for (let i = 0; i < entries.length; i++) {
    const hit = hits[i];
    if (!hit) continue;
    const entry = entries[i]!;
    const host = createChipHost(doc, styles);
    host.host.setAttribute(ENTRY_INDEX_ATTR, String(i));
    const chip: Chip = { index: i, entry, hit, host };
    chips.push(chip);
    const list = byKey.get(hit.libraryKey);
    if (list) list.push(chip);
    else byKey.set(hit.libraryKey, [chip]);
    drawChip(chip);
    if (slicer.due() && !(await slicer.yield())) return;
  }
  mark('built');
  // Then into the page in one pass: the browser restyles, lays out and paints once. (250 chips per frame was
  // tried on the 1,000-chip bench page: the longest task did not get shorter, and the last chip came ~75 ms
  // later.)
  for (const chip of chips) {
    // The page may have removed the entry meanwhile: its chip then stays out (and is not counted).
    if (chip.entry.anchor.isConnected) placeChip(chip.host.host, chip.entry.anchor, chip.entry.entry);
  }
  const placed = chips.filter((chip) => chip.host.host.isConnected);
  chips.splice(0, chips.length, ...placed);
  if (chips.length > 0) {
    bar = createPanelHost(doc, styles, 'bar');
    drawBar();
  }
  const doneAt = mark('done');
  doc.documentElement.setAttribute(ANNOTATED_ATTR, String(chips.length));
  env.onAnnotated?.({ entries: entries.length, matched: chips.length, detectedAt, repliedAt, doneAt });
}

/**
 * A User Timing mark "efficiency-lens:lists:<name>" (the page's timeline: scripts/bench-lists.ts reads the
 * phases from it); returns performance.now().
 */
function mark(name: string): number {
  try {
    performance.mark(`efficiency-lens:lists:${name}`);
  } catch {
    // A page that broke performance.mark does not stop the chips.
  }
  return performance.now();
}

/** Entry point of the lists content script: annotate the page once (list pages are server-rendered). */
export function startLists(env: ListsEnv): Promise<void> {
  return annotate(env, env.signal).catch(() => {
    // A failure here must never break the page; the page simply stays as it was.
  });
}

/**
 * The verdict for every entry, aligned with `entries` (null: not in the survey), or null when none can be had:
 * entries with an arXiv id from the list index, the others (and all, without an index) from one lookupMany.
 */
async function verdicts(
  env: ListsEnv,
  entries: readonly ListedPaper[],
  local: ListIndex | null,
  slicer: Slicer,
): Promise<(Hit | null)[] | null> {
  const out: (Hit | null | undefined)[] = [];
  for (let i = 0; i < entries.length; i++) {
    // Checked every 64 entries: reading titles for the exact-title rule makes an entry cost up to ~20 µs.
    if ((i & 63) === 63 && slicer.due() && !(await slicer.yield())) return null;
    const found: LocalHit | null | undefined = local ? local.resolve(entries[i]!) : undefined;
    out.push(found && { ...found, title: null, year: null });
  }
  const asked = out.flatMap((hit, i) => (hit === undefined ? [i] : []));
  if (asked.length === 0) return out as (Hit | null)[];
  const reply = await slicer.wait(
    request(
      'lookupMany',
      { entries: asked.map((i) => entryIdentity(entries[i]!)) },
      { browser: env.browser },
    ),
  );
  if (!reply.ok || reply.value.length !== asked.length) {
    // The index's verdicts stand on their own; without any, there is nothing to show.
    if (asked.length === entries.length) return null;
    for (const i of asked) out[i] = null;
    return out as (Hit | null)[];
  }
  asked.forEach((i, k) => {
    out[i] = reply.value[k] ?? null;
  });
  return out as (Hit | null)[];
}

/**
 * Cuts the script's work into stretches that leave the page its main thread: the first runs on in
 * DOMContentLoaded's task until FIRST_TASK_MS after it (so that, on a page read in time, every chip goes in
 * before the page's first frame), later ones last SLICE_MS. `sliceMs` (tests) replaces both. Marks around each
 * yield let the benchmark measure the longest stretch.
 */
class Slicer {
  private start: number;
  private readonly sliceMs: number;

  constructor(
    sliceMs: number | undefined,
    readyAt: number,
    private readonly signal: AbortSignal,
  ) {
    this.sliceMs = sliceMs ?? SLICE_MS;
    this.start = sliceMs === undefined ? readyAt + FIRST_TASK_MS - SLICE_MS : performance.now();
  }

  /**
   * Wait for something other than the page (a reply, a storage read), marked like a yield: waiting is not work.
   * When other tasks ran meanwhile (over a millisecond), a new stretch starts, with SLICE_MS to spend; an answer
   * already at hand keeps the current stretch (DOMContentLoaded's, with its FIRST_TASK_MS).
   */
  async wait<T>(pending: Promise<T>): Promise<T> {
    const from = mark('yield');
    const value = await pending;
    const to = mark('resume');
    if (to - from > 1) this.start = to;
    return value;
  }

  /** The current stretch ran past its budget. */
  due(): boolean {
    return performance.now() - this.start > this.sliceMs;
  }

  /** Let the page run; false when the script was stopped meanwhile. */
  async yield(): Promise<boolean> {
    mark('yield');
    await yieldToMain();
    this.start = mark('resume');
    return !this.signal.aborted;
  }
}
