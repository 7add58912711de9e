import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Window } from 'happy-dom';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { PaperRecord } from '../dataset/schema';
import { type OverlayBrowser, startOverlay } from './controller';
import { HOST_TAG } from './mount';

/**
 * The controller in a happy-dom page with a fake background. These tests pin down in-app navigation: WXT
 * reports a location change from the Navigation API's `navigate` event, before the URL has changed.
 */

function record(forumId: string, leaf: string): PaperRecord {
  return {
    id: `openreview:${forumId}`,
    arxivId: null,
    openreviewId: forumId,
    title: `Paper ${forumId}`,
    normTitle: `paper ${forumId.toLowerCase()}`,
    year: 2024,
    venue: null,
    links: { code: [], openreview: null, other: [] },
    leaves: [leaf],
    isSurvey: false,
    titleVariants: [],
    provenance: [],
  } as unknown as PaperRecord;
}

const RECORDS: Record<string, PaperRecord> = {
  OldForum01: record('OldForum01', 'sparse-modeling'),
  NewForum01: record('NewForum01', 'pruning'),
};

/**
 * An OpenReview forum page for `id`: a fixture file (site markup stays out of lib/ outside lib/sites, which
 * lib/sites/adapters.test.ts enforces) whose forum id is swapped for `id`. Only the <body> is used.
 */
const NOTE_PAGE = readFileSync(
  fileURLToPath(new URL('../../test/fixtures/pages/e2e_openreview_minimal_note.html', import.meta.url)),
  'utf8',
);
function forumHtml(id: string): string {
  const body = /<body>([\s\S]*)<\/body>/.exec(NOTE_PAGE)?.[1];
  if (!body) throw new Error('e2e_openreview_minimal_note.html has no <body>');
  return body.split('OldForum01').join(id);
}

const windows: Window[] = [];

function setup(
  firstId: string,
  options: { lookupGate?: Promise<void>; stillLoading?: boolean; renderCapMs?: number } = {},
) {
  const window = new Window({ url: `https://openreview.net/forum?id=${firstId}` });
  windows.push(window);
  const doc = window.document as unknown as Document;
  // A page that is parsed but still loading subresources (its load event is yet to come).
  // happy-dom fires its own load event soon after the window is made: hold every load event back until the test
  // fires one (a listener added first, stopping the ones after it).
  let loadReleased = !options.stillLoading;
  if (options.stillLoading) {
    Object.defineProperty(doc, 'readyState', { value: 'interactive', configurable: true });
    window.addEventListener('load', (event) => {
      if (!loadReleased) event.stopImmediatePropagation();
    });
  }
  doc.body.innerHTML = forumHtml(firstId);
  let url = new URL(`https://openreview.net/forum?id=${firstId}`);
  const lookups: string[] = [];
  const browser: OverlayBrowser = {
    runtime: {
      async sendMessage(message: unknown) {
        const { type, input } = message as { type: string; input: Record<string, unknown> };
        if (type === 'lookupPaper') {
          const id = String(input.openreviewId);
          lookups.push(id);
          await options.lookupGate;
          const paper = RECORDS[id] ?? null;
          return {
            ok: true,
            value: {
              paper,
              matchedBy: paper ? 'openreview' : null,
              score: null,
              related: [],
              saved: false,
              libraryKey: `openreview:${id}`,
            },
          };
        }
        if (type === 'getSavedState') return { ok: true, value: {} };
        return { ok: false, error: `unexpected ${type}` };
      },
      getURL: (path: string) => `chrome-extension://test${path}`,
      onMessage: { addListener() {}, removeListener() {} },
    },
    storage: { onChanged: { addListener() {}, removeListener() {} } },
  };
  const controller = new AbortController();
  const overlay = startOverlay({
    doc,
    getUrl: () => url,
    browser,
    signal: controller.signal,
    detectTimeoutMs: 2_000,
    ...(options.renderCapMs !== undefined ? { renderCapMs: options.renderCapMs } : {}),
  });
  return {
    fireLoad() {
      loadReleased = true;
      Object.defineProperty(doc, 'readyState', { value: 'complete', configurable: true });
      window.dispatchEvent(new window.Event('load'));
    },
    doc,
    overlay,
    lookups,
    controller,
    setUrl(id: string) {
      url = new URL(`https://openreview.net/forum?id=${id}`);
    },
    shownLeaves(): string[] {
      const root = doc.querySelector(HOST_TAG)?.shadowRoot;
      return root
        ? [...root.querySelectorAll('[data-leaf]')].map((e) => e.getAttribute('data-leaf') ?? '')
        : [];
    },
  };
}

async function until(check: () => boolean, what: string, timeoutMs = 2_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

beforeEach(() => {
  fakeBrowser.reset();
});

afterEach(async () => {
  await Promise.all(windows.splice(0).map((w) => w.happyDOM.close()));
});

describe('startOverlay after in-app navigation', () => {
  it('reads the URL after the navigate event, so the old paper is never looked up again under the new URL', async () => {
    const page = setup('OldForum01');
    await until(() => page.shownLeaves().includes('sparse-modeling'), 'the first overlay');
    expect(page.lookups).toEqual(['OldForum01']);

    // What WXT does on pushState: the listener runs first, the URL changes right after, in the same task.
    page.overlay.onLocationChange();
    page.setUrl('NewForum01');
    // The old overlay is gone at once; the DOM still shows the old note, so nothing is detected yet.
    expect(page.doc.querySelector(HOST_TAG)).toBeNull();
    await new Promise((r) => setTimeout(r, 50));
    expect(page.lookups).toEqual(['OldForum01']);
    expect(page.doc.querySelector(HOST_TAG)).toBeNull();

    // The app renders the new note: the overlay follows with the new paper.
    page.doc.body.innerHTML = forumHtml('NewForum01');
    await until(() => page.shownLeaves().includes('pruning'), 'the new overlay');
    expect(page.lookups).toEqual(['OldForum01', 'NewForum01']);
    expect(page.shownLeaves()).not.toContain('sparse-modeling');
    page.controller.abort();
  });

  it('handles a change whose new note is already rendered', async () => {
    const page = setup('OldForum01');
    await until(() => page.shownLeaves().includes('sparse-modeling'), 'the first overlay');
    page.overlay.onLocationChange();
    page.setUrl('NewForum01');
    page.doc.body.innerHTML = forumHtml('NewForum01');
    await until(() => page.shownLeaves().includes('pruning'), 'the new overlay');
    expect(page.lookups).toEqual(['OldForum01', 'NewForum01']);
    expect(page.doc.querySelectorAll(HOST_TAG)).toHaveLength(1);
    page.controller.abort();
  });

  it('removes everything when the content script is invalidated mid-navigation', async () => {
    const page = setup('OldForum01');
    await until(() => page.shownLeaves().includes('sparse-modeling'), 'the first overlay');
    page.overlay.onLocationChange();
    page.setUrl('NewForum01');
    page.controller.abort();
    page.doc.body.innerHTML = forumHtml('NewForum01');
    await new Promise((r) => setTimeout(r, 50));
    expect(page.doc.querySelector(HOST_TAG)).toBeNull();
    expect(page.lookups).toEqual(['OldForum01']);
  });
});

describe('startOverlay in the corner', () => {
  // happy-dom has no layout, so no free slot is found and the overlay takes the corner-pill placement.
  it('draws the corner pill once, with the answer, never a loading state that would then grow upwards', async () => {
    let open!: () => void;
    const page = setup('OldForum01', { lookupGate: new Promise<void>((resolve) => (open = resolve)) });
    await until(() => page.lookups.length === 1, 'the lookup');
    const host = page.doc.querySelector(HOST_TAG) as HTMLElement | null;
    expect(host?.style.getPropertyValue('position')).toBe('fixed');
    expect(host?.shadowRoot?.querySelector('[data-state]')).toBeNull();
    open();
    await until(() => page.shownLeaves().includes('sparse-modeling'), 'the answer');
    expect(host?.shadowRoot?.querySelector('[data-state]')?.getAttribute('data-state')).toBe('in-survey');
    page.controller.abort();
  });
});

describe('startOverlay on a page that is still loading', () => {
  it('keeps off the page until its load event, then draws the answer at once (no loading state first)', async () => {
    const page = setup('OldForum01', { stillLoading: true, renderCapMs: 60_000 });
    await until(() => page.lookups.length === 1, 'the lookup');
    await new Promise((r) => setTimeout(r, 50));
    // The answer is here, but the page has not loaded: nothing is mounted, no layout is read.
    expect(page.doc.querySelector(HOST_TAG)).toBeNull();
    page.fireLoad();
    await until(() => page.shownLeaves().includes('sparse-modeling'), 'the answer after load');
    page.controller.abort();
  });

  it('renders at the cap when the load event does not come', async () => {
    const page = setup('OldForum01', { stillLoading: true, renderCapMs: 30 });
    await until(() => page.shownLeaves().includes('sparse-modeling'), 'the answer at the cap');
    expect(page.doc.readyState).toBe('interactive');
    page.controller.abort();
  });
});

describe('startOverlay on an arXiv paper outside the survey', () => {
  it('asks by id at once, then again with the title and abstract, and shows the prediction', async () => {
    const url = 'https://arxiv.org/abs/1807.06209';
    const window = new Window({ url });
    windows.push(window);
    const doc = window.document as unknown as Document;
    const html = readFileSync(
      fileURLToPath(new URL('../../test/fixtures/pages/abs_1807.06209.html', import.meta.url)),
      'utf8',
    );
    doc.documentElement.innerHTML = /<html[^>]*>([\s\S]*)<\/html>/.exec(html)![1]!;
    const lookups: Record<string, unknown>[] = [];
    const browser: OverlayBrowser = {
      runtime: {
        async sendMessage(message: unknown) {
          const { type, input } = message as { type: string; input: Record<string, unknown> };
          if (type === 'getSavedState') return { ok: true, value: {} };
          if (type !== 'lookupPaper') return { ok: false, error: `unexpected ${type}` };
          lookups.push(input);
          const withText = typeof input.title === 'string';
          return {
            ok: true,
            value: {
              paper: null,
              matchedBy: null,
              score: null,
              related: [],
              saved: false,
              libraryKey: 'arxiv:1807.06209',
              prediction: withText
                ? { kind: 'leaf', leaf: 'quantization', confidence: 0.82, alternatives: [] }
                : null,
            },
          };
        },
        getURL: (path: string) => `chrome-extension://test${path}`,
        onMessage: { addListener() {}, removeListener() {} },
      },
      storage: { onChanged: { addListener() {}, removeListener() {} } },
    };
    const controller = new AbortController();
    startOverlay({ doc, getUrl: () => new URL(url), browser, signal: controller.signal, renderCapMs: 0 });
    const text = () =>
      doc.querySelector(HOST_TAG)?.shadowRoot?.querySelector('[data-testid="prediction-text"]')
        ?.textContent ?? '';
    await until(() => text().includes('Likely'), 'the prediction');
    expect(text()).toBe('Likely: Quantization, 82%');
    expect(lookups).toHaveLength(2);
    expect(lookups[0]).toEqual({ arxivId: '1807.06209', relatedLimit: 7 });
    expect(lookups[1]).toMatchObject({ arxivId: '1807.06209', title: expect.stringContaining('Planck') });
    expect(String(lookups[1]!.abstract)).toMatch(/^The final full-mission Planck/);
    controller.abort();
  });
});
