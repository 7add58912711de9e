import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { getSettings, updateSettings } from '../settings';
import { arxiv } from '../sites/arxiv';
import { closeDocuments, loadFixture } from '../sites/test-helpers';
import { normalizeTitle } from '../text/title';
import { ANNOTATED_ATTR, ENTRY_INDEX_ATTR, type ListsBrowser, startLists } from './controller';
import { CHIP_TAG, PANEL_TAG } from './dom';
import { encodeListIndex } from './list-index';

/**
 * The lists controller in a happy-dom page (a hand-written arXiv listing fixture) with a fake background that
 * answers from a small table: which entries get chips (from the list index asked at document_start, and one
 * lookupMany for the entries it cannot answer), the card and Save, library changes, the show-only and highlight
 * toggles, settings, errors, and the clean-up on abort.
 */

afterAll(closeDocuments);

const PASTWEEK = 'pages/local_arxiv_list_pastweek.html';
const PASTWEEK_URL = 'https://arxiv.org/list/cs.LG/pastweek?skip=0&show=25';

/** The background's answers: arXiv id -> compact hit fields. */
const CATALOG: Record<string, { title: string; leaves: string[] }> = {
  '2106.09685': {
    title: 'LoRA: Low-Rank Adaptation of Large Language Models',
    leaves: ['parameter-efficient-fine-tuning'],
  },
  '2210.17323': { title: 'GPTQ', leaves: ['quantization'] },
  '2305.14314': { title: 'QLoRA', leaves: ['parameter-efficient-fine-tuning', 'quantization'] },
};

interface Sent {
  type: string;
  input: Record<string, unknown>;
}

function setup(
  options: {
    file?: string;
    url?: string;
    failLookup?: boolean;
    /** The background cannot give the list index (an older background, a failure): lookupMany for all. */
    failIndex?: boolean;
    /** Catalog records without an arXiv id (an id-bearing entry may match one by its exact title). */
    titled?: { title: string; leaves: string[] }[];
    saved?: string[];
  } = {},
) {
  const url = new URL(options.url ?? PASTWEEK_URL);
  const doc = loadFixture(options.file ?? PASTWEEK, url.href);
  const sent: Sent[] = [];
  const saved = new Set(options.saved ?? []);
  const storageListeners = new Set<(changes: Record<string, { newValue?: unknown }>, area: string) => void>();
  const browser: ListsBrowser = {
    runtime: {
      async sendMessage(message: unknown) {
        const { type, input } = message as Sent;
        sent.push({ type, input: structuredClone(input) });
        if (type === 'listIndex') {
          if (options.failIndex) return { ok: false, error: 'unknown message listIndex' };
          // The background answers from the settings it holds (here: the same fake storage).
          if (!(await getSettings()).sites[input.site as 'arxiv']) {
            return { ok: true, value: { enabled: false, arxiv: '', titles: '', saved: [] } };
          }
          const records = [
            ...Object.entries(CATALOG).map(([arxivId, r]) => ({
              arxivId,
              normTitle: normalizeTitle(r.title),
              leaves: r.leaves,
            })),
            ...(options.titled ?? []).map((r) => ({ normTitle: normalizeTitle(r.title), leaves: r.leaves })),
          ];
          const savedArxiv = [...saved].filter((k) => k.startsWith('arxiv:'));
          return { ok: true, value: { enabled: true, ...encodeListIndex(records), saved: savedArxiv } };
        }
        if (type === 'lookupMany') {
          if (options.failLookup) return { ok: false, error: 'background is gone' };
          const entries = input.entries as { arxivId?: string }[];
          return {
            ok: true,
            value: entries.map((e) => {
              const r = e.arxivId ? CATALOG[e.arxivId] : undefined;
              if (!r) return null;
              const libraryKey = `arxiv:${e.arxivId}`;
              return {
                recordId: libraryKey,
                title: r.title,
                year: 2023,
                leaves: r.leaves,
                libraryKey,
                saved: saved.has(libraryKey),
                matchedBy: 'arxiv-id',
                score: 1,
              };
            }),
          };
        }
        if (type === 'lookupPaper') {
          return {
            ok: true,
            value: { paper: null, matchedBy: null, score: null, related: [], saved: false, libraryKey: '' },
          };
        }
        if (type === 'savePaper') {
          saved.add(String(input.key));
          return { ok: true, value: {} };
        }
        if (type === 'unsavePaper') {
          saved.delete(String(input.key));
          return { ok: true, value: { removed: true } };
        }
        if (type === 'getSavedState') {
          return {
            ok: true,
            value: Object.fromEntries((input.keys as string[]).map((k) => [k, saved.has(k)])),
          };
        }
        return { ok: false, error: `unexpected ${type}` };
      },
      getURL: (path: string) => `chrome-extension://test${path}`,
    },
    storage: {
      onChanged: {
        addListener: (cb) => storageListeners.add(cb),
        removeListener: (cb) => storageListeners.delete(cb),
      },
    },
  };
  const controller = new AbortController();
  const done = startLists({ doc, getUrl: () => url, browser, signal: controller.signal, sliceMs: 0 });
  return {
    doc,
    url,
    sent,
    saved,
    done,
    controller,
    storageListeners,
    announce(key: string, isSaved: boolean) {
      if (key !== '*') {
        if (isSaved) saved.add(key);
        else saved.delete(key);
      }
      for (const cb of storageListeners)
        cb({ libraryChange: { newValue: { key, saved: isSaved, at: 1 } } }, 'local');
    },
  };
}

const chipHosts = (doc: Document) => [...doc.querySelectorAll<HTMLElement>(CHIP_TAG)];
const chipButton = (host: Element) => host.shadowRoot!.querySelector('button')!;
const bar = (doc: Document) => doc.querySelector<HTMLElement>(`${PANEL_TAG}[data-kind="bar"]`);
const card = (doc: Document) => doc.querySelector<HTMLElement>(`${PANEL_TAG}[data-kind="card"]`);
const flush = () => new Promise((r) => setTimeout(r, 0));

beforeEach(() => fakeBrowser.reset());
afterEach(() => fakeBrowser.reset());

describe('startLists on a listing', () => {
  it('asks only for the list index when every entry has an arXiv id, and puts a chip after the anchor of each hit', async () => {
    const t = setup();
    await t.done;
    expect(t.sent).toEqual([{ type: 'listIndex', input: { site: 'arxiv' } }]);
    expectChipsOnCatalogEntries(t);
  });

  it('without the list index: ONE lookupMany with every entry, and the same chips', async () => {
    const t = setup({ failIndex: true });
    await t.done;
    const entries = arxiv.detectEntries(t.doc, t.url);
    expect(t.sent.map((m) => m.type)).toEqual(['listIndex', 'lookupMany']);
    const sentEntries = t.sent[1]!.input.entries as { arxivId?: string; title?: string }[];
    expect(sentEntries.map((e) => e.arxivId)).toEqual(entries.map((e) => e.arxivId));
    expect(sentEntries[0]!.title).toBe(CATALOG['2106.09685']!.title);
    expectChipsOnCatalogEntries(t);
  });

  it('an entry whose arXiv id is not in the catalog: the id-less record with exactly its title, not a similar one', async () => {
    const probe = setup();
    await probe.done;
    const entries = arxiv.detectEntries(probe.doc, probe.url);
    probe.controller.abort();
    const outside = entries.flatMap((e, i) => (e.arxivId && !CATALOG[e.arxivId] && e.title ? [i] : []));
    const [same, similar] = [outside[0]!, outside[1]!];
    const t = setup({
      titled: [
        // Case and punctuation differ: the normalised titles are equal.
        { title: `${entries[same]!.title!.toUpperCase()}.`, leaves: ['pruning'] },
        // One word more: similar, not equal.
        { title: `${entries[similar]!.title!} Revisited`, leaves: ['quantization'] },
      ],
    });
    await t.done;
    expect(t.sent.map((m) => m.type)).toEqual(['listIndex']);
    const indexes = chipHosts(t.doc).map((h) => Number(h.getAttribute(ENTRY_INDEX_ATTR)));
    expect(indexes).toContain(same);
    expect(indexes).not.toContain(similar);
    const chip = chipHosts(t.doc).find((h) => Number(h.getAttribute(ENTRY_INDEX_ATTR)) === same)!;
    expect(chipButton(chip).getAttribute('aria-label')).toMatch(/Pruning/);
  });

  function expectChipsOnCatalogEntries(t: ReturnType<typeof setup>) {
    const entries = arxiv.detectEntries(t.doc, t.url);
    const want = entries.flatMap((e, i) => (e.arxivId && CATALOG[e.arxivId] ? [i] : []));
    expect(want.length).toBe(3);
    const hosts = chipHosts(t.doc);
    expect(hosts.map((h) => Number(h.getAttribute(ENTRY_INDEX_ATTR)))).toEqual(want);
    for (const host of hosts) {
      const entry = entries[Number(host.getAttribute(ENTRY_INDEX_ATTR))]!;
      expect(host.previousElementSibling).toBe(entry.anchor);
      expect(host.shadowRoot).not.toBeNull();
    }
    expect(t.doc.documentElement.getAttribute(ANNOTATED_ATTR)).toBe('3');
    expect(bar(t.doc)?.shadowRoot?.querySelector('[data-testid="list-bar-text"]')?.textContent).toBe(
      `3 of ${entries.length} entries are in the efficiency survey`,
    );
  }

  it.each([
    ['the list index', false],
    ['lookupMany', true],
  ])('marks saved papers on their chips (saved states from %s)', async (_, failIndex) => {
    const t = setup({ saved: ['arxiv:2210.17323', 'title:something else'], failIndex });
    await t.done;
    const states = chipHosts(t.doc).map((h) => chipButton(h).dataset.saved);
    expect(states).toEqual(['false', 'true', 'false']);
  });

  it('opens a card on click (paths at once, then related works), saves, and closes on Escape', async () => {
    const t = setup();
    await t.done;
    const host = chipHosts(t.doc)[0]!;
    chipButton(host).click();
    const c = card(t.doc);
    expect(c).not.toBeNull();
    expect(chipButton(host).getAttribute('aria-expanded')).toBe('true');
    expect(c!.shadowRoot!.querySelectorAll('[data-testid="list-card-path"]')).toHaveLength(1);
    await flush();
    await flush();
    expect(t.sent.some((m) => m.type === 'lookupPaper' && m.input.arxivId === '2106.09685')).toBe(true);
    expect(c!.shadowRoot!.querySelector('[data-testid="related-list"]')).not.toBeNull();

    (c!.shadowRoot!.querySelector('[data-testid="save-button"]') as HTMLButtonElement).click();
    await flush();
    await flush();
    const save = t.sent.find((m) => m.type === 'savePaper')!;
    expect(save.input).toMatchObject({
      key: 'arxiv:2106.09685',
      arxivId: '2106.09685',
      title: CATALOG['2106.09685']!.title,
      url: 'https://arxiv.org/abs/2106.09685',
      leaves: ['parameter-efficient-fine-tuning'],
    });
    expect(chipButton(host).dataset.saved).toBe('true');
    expect(
      card(t.doc)!.shadowRoot!.querySelector('[data-testid="save-button"]')?.getAttribute('aria-pressed'),
    ).toBe('true');

    t.doc.dispatchEvent(
      new (t.doc.defaultView as unknown as typeof globalThis).KeyboardEvent('keydown', { key: 'Escape' }),
    );
    expect(card(t.doc)).toBeNull();
    expect(chipButton(host).getAttribute('aria-expanded')).toBe('false');
  });

  it('a second click on the same chip closes its card; another chip moves it', async () => {
    const t = setup();
    await t.done;
    const [a, b] = chipHosts(t.doc);
    chipButton(a!).click();
    chipButton(a!).click();
    expect(card(t.doc)).toBeNull();
    chipButton(a!).click();
    chipButton(b!).click();
    expect(t.doc.querySelectorAll(`${PANEL_TAG}[data-kind="card"]`)).toHaveLength(1);
    expect(chipButton(a!).getAttribute('aria-expanded')).toBe('false');
    expect(chipButton(b!).getAttribute('aria-expanded')).toBe('true');
  });

  it('follows library changes: one key, and "*" (ask again for all)', async () => {
    const t = setup();
    await t.done;
    const gptq = chipHosts(t.doc)[1]!;
    t.announce('arxiv:2210.17323', true);
    expect(chipButton(gptq).dataset.saved).toBe('true');
    t.saved.delete('arxiv:2210.17323');
    t.saved.add('arxiv:2305.14314');
    t.announce('*', false);
    await flush();
    await flush();
    expect(t.sent.some((m) => m.type === 'getSavedState')).toBe(true);
    expect(chipHosts(t.doc).map((h) => chipButton(h).dataset.saved)).toEqual(['false', 'false', 'true']);
  });

  it('"Show only survey papers" hides the other entries and their <dd>, then restores them exactly', async () => {
    const t = setup();
    await t.done;
    const entries = arxiv.detectEntries(t.doc, t.url);
    const other = entries.find((e) => !e.arxivId || !CATALOG[e.arxivId])!;
    (other.parts![0] as HTMLElement).style.setProperty('display', 'block'); // the page's own inline style
    const buttons = bar(t.doc)!.shadowRoot!;
    (buttons.querySelector('[data-testid="list-show-only"]') as HTMLButtonElement).click();
    const displays = () => entries.map((e) => (e.entry as HTMLElement).style.getPropertyValue('display'));
    expect(displays()).toEqual(entries.map((e) => (e.arxivId && CATALOG[e.arxivId] ? '' : 'none')));
    expect((other.parts![0] as HTMLElement).style.getPropertyValue('display')).toBe('none');
    (bar(t.doc)!.shadowRoot!.querySelector('[data-testid="list-show-only"]') as HTMLButtonElement).click();
    expect(displays().every((d) => d === '')).toBe(true);
    expect((other.parts![0] as HTMLElement).style.getPropertyValue('display')).toBe('block');

    (bar(t.doc)!.shadowRoot!.querySelector('[data-testid="list-highlight"]') as HTMLButtonElement).click();
    const lit = entries.map(
      (e) => (e.entry as HTMLElement).style.getPropertyValue('background-color') !== '',
    );
    expect(lit).toEqual(entries.map((e) => Boolean(e.arxivId && CATALOG[e.arxivId])));
  });

  it('dismissing the bar removes it and gives the page back', async () => {
    const t = setup();
    await t.done;
    (bar(t.doc)!.shadowRoot!.querySelector('[data-testid="list-highlight"]') as HTMLButtonElement).click();
    (bar(t.doc)!.shadowRoot!.querySelector('[data-testid="list-bar-dismiss"]') as HTMLButtonElement).click();
    expect(bar(t.doc)).toBeNull();
    const entries = arxiv.detectEntries(t.doc, t.url);
    expect(
      entries.every((e) => (e.entry as HTMLElement).style.getPropertyValue('background-color') === ''),
    ).toBe(true);
  });

  it('removes everything and stops listening on abort', async () => {
    const t = setup();
    await t.done;
    (bar(t.doc)!.shadowRoot!.querySelector('[data-testid="list-show-only"]') as HTMLButtonElement).click();
    chipButton(chipHosts(t.doc)[0]!).click();
    t.controller.abort();
    expect(chipHosts(t.doc)).toHaveLength(0);
    expect(t.doc.querySelectorAll(PANEL_TAG)).toHaveLength(0);
    expect(t.storageListeners.size).toBe(0);
    expect(t.doc.documentElement.hasAttribute(ANNOTATED_ATTR)).toBe(false);
    const entries = arxiv.detectEntries(t.doc, t.url);
    expect(entries.every((e) => (e.entry as HTMLElement).style.getPropertyValue('display') === '')).toBe(
      true,
    );
  });
});

describe('startLists leaves pages alone', () => {
  it.each([
    ['the background says so with the index', false],
    ['read from storage when the background cannot answer', true],
  ])(
    'when the site is switched off in the settings (%s): nothing about the page is sent',
    async (_, failIndex) => {
      const settings = await updateSettings({});
      await updateSettings({ sites: { ...settings.sites, arxiv: false } });
      const t = setup({ failIndex });
      await t.done;
      // Only the request for the index, which carries the site's id and nothing of the page.
      expect(t.sent).toEqual([{ type: 'listIndex', input: { site: 'arxiv' } }]);
      expect(chipHosts(t.doc)).toHaveLength(0);
      expect(bar(t.doc)).toBeNull();
    },
  );

  it('when the background fails: no chip, no bar, no error', async () => {
    const t = setup({ failLookup: true, failIndex: true });
    await expect(t.done).resolves.toBeUndefined();
    expect(chipHosts(t.doc)).toHaveLength(0);
    expect(bar(t.doc)).toBeNull();
  });

  it('when no entry is in the survey: no bar (and the done mark says 0)', async () => {
    const t = setup({
      file: 'pages/local_arxiv_catchup.html',
      url: 'https://arxiv.org/catchup/cs.CL/2023-12-04',
    });
    await t.done;
    // The catch-up fixture holds none of the three papers the fake catalog knows.
    expect(chipHosts(t.doc)).toHaveLength(0);
    expect(bar(t.doc)).toBeNull();
    expect(t.doc.documentElement.getAttribute(ANNOTATED_ATTR)).toBe('0');
  });

  it('on pages that are not list pages (no message at all)', async () => {
    const t = setup({ url: 'https://arxiv.org/abs/2106.09685' });
    await t.done;
    expect(t.sent).toEqual([]);
  });
});

describe('startLists on references', () => {
  it('says "N of M references", and anchors chips after the reference labels', async () => {
    const url = 'https://arxiv.org/html/2401.00001v1';
    const t = setup({ file: 'pages/local_arxiv_html_references.html', url });
    await t.done;
    // The index answers the references that name an arXiv id; ONE lookupMany asks about all the others.
    const entries = arxiv.detectEntries(t.doc, new URL(url));
    expect(t.sent.map((m) => m.type)).toEqual(['listIndex', 'lookupMany']);
    const asked = t.sent[1]!.input.entries as { arxivId?: string; title?: string }[];
    expect(asked).toHaveLength(entries.filter((e) => !e.arxivId).length);
    expect(asked.every((e) => e.arxivId === undefined)).toBe(true);
    const hosts = chipHosts(t.doc);
    // References 1 (LoRA), 2 (GPTQ) and 4 (QLoRA, DOI) name papers the fake catalog knows.
    expect(hosts.map((h) => Number(h.getAttribute(ENTRY_INDEX_ATTR)))).toEqual([0, 1, 3]);
    for (const h of hosts) expect(h.previousElementSibling?.classList.contains('ltx_tag_bibitem')).toBe(true);
    expect(bar(t.doc)?.shadowRoot?.querySelector('[data-testid="list-bar-text"]')?.textContent).toBe(
      // PEFT (LoRA, QLoRA) and Quantization (GPTQ, QLoRA) tie: no "mostly".
      '3 of 40 references are in the efficiency survey',
    );
  });

  it('when lookupMany fails, the chips the index found stay', async () => {
    const url = 'https://arxiv.org/html/2401.00001v1';
    const t = setup({ file: 'pages/local_arxiv_html_references.html', url, failLookup: true });
    await t.done;
    expect(chipHosts(t.doc).map((h) => Number(h.getAttribute(ENTRY_INDEX_ATTR)))).toEqual([0, 1, 3]);
  });
});
