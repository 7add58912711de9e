// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppMessages } from '../../../lib/app/api';
import type { Exporter } from '../../../lib/app/exporting';
import { makeRecord, makeRelated } from '../../shared/test-utils';
import {
  choose,
  type FakeEnv,
  type FakeHandlers,
  fakeEnv,
  makeItem,
  mountPage,
  type Page,
  press,
  settle,
  typeInto,
  useEnglish,
  waitFor,
} from '../test-helpers';
import { AppContainer } from './AppContainer';

let page: Page | undefined;
beforeEach(() => {
  useEnglish();
  window.history.replaceState(null, '', '/popup.html');
});
afterEach(() => page?.unmount());

const ARXIV_TAB = { url: 'https://arxiv.org/abs/2306.00978v1', title: '[2306.00978] AWQ' };
const AWQ = makeRecord({
  title: 'AWQ: Activation-aware Weight Quantization',
  arxivId: '2306.00978',
  id: 'arxiv:2306.00978',
});
const GPTQ = makeRecord({ title: 'GPTQ', arxivId: '2210.17323', id: 'arxiv:2210.17323' });

const lookup = (
  over: Partial<AppMessages['lookupPaper']['output']> = {},
): AppMessages['lookupPaper']['output'] => ({
  paper: AWQ,
  matchedBy: 'arxiv-id',
  score: 1,
  related: [makeRelated({ id: GPTQ.id, arxivId: GPTQ.arxivId, title: GPTQ.title })],
  saved: false,
  libraryKey: 'arxiv:2306.00978',
  ...over,
});

function start(
  handlers: FakeHandlers,
  options: {
    tab?: { url: string; title?: string } | null;
    hash?: string;
    layout?: 'popup' | 'sidepanel' | 'tab';
    exporter?: Exporter;
  } = {},
): FakeEnv {
  if (options.hash) window.history.replaceState(null, '', `/popup.html${options.hash}`);
  const env = fakeEnv(
    { listLibrary: [], taxonomyCounts: { quantization: 2 }, ...handlers },
    { tab: options.tab ?? null },
  );
  page = mountPage(
    <AppContainer env={env} layout={options.layout ?? 'popup'} exporter={options.exporter ?? null} />,
  );
  return env;
}

const view = () => page!.$('[data-testid="app"]')!.dataset.view;
const selectedTab = () => page!.$('[role="tab"][aria-selected="true"]')!.id;

describe('routing', () => {
  it.each([
    ['#/library', 'library'],
    ['#/browse', 'browse'],
    ['#/node/quantization', 'browse'],
    ['#/search?q=lora', 'search'],
    ['#/paper', 'paper'],
  ])('opens %s on the %s view', async (hash, expected) => {
    start({ lookupPaper: lookup(), listNode: [AWQ], searchCatalog: [] }, { hash, tab: ARXIV_TAB });
    await settle();
    expect(view()).toBe(expected);
    expect(selectedTab()).toBe(`app-tab-${expected}`);
  });

  it('without a hash: "This paper" when the tab is a paper, the library when it is not', async () => {
    start({ lookupPaper: lookup() }, { tab: ARXIV_TAB });
    await waitFor(() => expect(page!.$('[data-testid="paper-view"]')!.dataset.state).toBe('in-survey'));
    expect(view()).toBe('paper');
    page!.unmount();
    start({}, { tab: { url: 'https://example.org/' } });
    await waitFor(() => expect(view()).toBe('library'));
  });

  it('the browser tab has no "This paper" view and starts on Browse; an unknown hash falls back', async () => {
    start({}, { layout: 'tab', hash: '#/paper' });
    await settle();
    expect(page!.$$('[role="tab"]').map((t) => t.textContent)).toEqual(['My library', 'Browse', 'Search']);
    expect(view()).toBe('browse');
  });

  it('a node route opens that node’s papers and links back to the tree; clicking tabs updates the hash', async () => {
    const env = start({ listNode: [AWQ, GPTQ] }, { hash: '#/node/quantization' });
    await waitFor(() =>
      expect(page!.$$('[data-testid="node-list"] [data-testid="paper-item"]')).toHaveLength(2),
    );
    expect(env.send.named('listNode')).toEqual([{ nodeId: 'quantization', sort: 'year-desc' }]);
    expect(page!.$('[data-testid="browse-back"]')!.getAttribute('href')).toBe('#/browse');
    choose(page!.$('[data-testid="node-sort"]')!, 'year-asc');
    await waitFor(() => expect(env.send.named('listNode')).toHaveLength(2));
    expect(env.send.named('listNode')[1]).toEqual({ nodeId: 'quantization', sort: 'year-asc' });
    page!.$('#app-tab-library')!.click();
    await settle();
    expect(window.location.hash).toBe('#/library');
    expect(view()).toBe('library');
  });

  it('follows hash changes (the tree’s links are hash links)', async () => {
    start({ listNode: [AWQ] }, { hash: '#/browse' });
    await settle();
    expect(page!.$('[data-testid="browse-view"]')!.dataset.node).toBe('');
    window.location.hash = '#/node/pruning';
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    await waitFor(() => expect(page!.$('[data-testid="browse-view"]')!.dataset.node).toBe('pruning'));
  });
});

describe('This paper', () => {
  it('saves the paper with its key, ids, title, canonical URL and leaves; then shows status, tags and note', async () => {
    const saved = makeItem({ key: 'arxiv:2306.00978', arxivId: '2306.00978', title: AWQ.title });
    const env = start({ lookupPaper: lookup(), savePaper: saved }, { tab: ARXIV_TAB });
    await waitFor(() => expect(page!.$('[data-testid="paper-view"]')!.dataset.state).toBe('in-survey'));
    expect(env.send.named('lookupPaper')).toEqual([{ arxivId: '2306.00978', title: 'AWQ', relatedLimit: 8 }]);
    page!.$('.app-card-actions [data-testid="save-toggle"]')!.click();
    await waitFor(() => expect(page!.$('[data-testid="paper-notes"]')).not.toBeNull());
    expect(env.send.named('savePaper')).toEqual([
      {
        key: 'arxiv:2306.00978',
        arxivId: '2306.00978',
        title: AWQ.title,
        url: 'https://arxiv.org/abs/2306.00978',
        leaves: AWQ.leaves,
      },
    ]);
    expect(page!.$('.app-card-actions [data-testid="save-toggle"]')!.getAttribute('aria-pressed')).toBe(
      'true',
    );
  });

  it('status, tags and note changes go out as updateLibraryItem for this paper', async () => {
    const item = makeItem({ key: 'arxiv:2306.00978', arxivId: '2306.00978' });
    const env = start(
      {
        lookupPaper: lookup({ saved: true }),
        listLibrary: [item],
        updateLibraryItem: (input) => ({ ...item, ...input }),
      },
      { tab: ARXIV_TAB },
    );
    await waitFor(() => expect(page!.$('[data-testid="paper-status"]')).not.toBeNull());
    choose(page!.$('[data-testid="paper-status"]')!, 'read');
    const tagInput = page!.$('[data-testid="tag-input"]')!;
    typeInto(tagInput, 'to cite');
    press(tagInput, 'Enter');
    const note = page!.$('[data-testid="note-input"]')!;
    typeInto(note, 'A note');
    note.dispatchEvent(new FocusEvent('blur'));
    await waitFor(() => expect(env.send.named('updateLibraryItem')).toHaveLength(3));
    expect(env.send.named('updateLibraryItem')).toEqual([
      { key: 'arxiv:2306.00978', status: 'read' },
      { key: 'arxiv:2306.00978', tags: ['to cite'] },
      { key: 'arxiv:2306.00978', note: 'A note' },
    ]);
  });

  it('unsaving sends unsavePaper with the library key; a failure is shown, not swallowed', async () => {
    const item = makeItem({ key: 'arxiv:2306.00978', arxivId: '2306.00978' });
    const env = start(
      {
        lookupPaper: lookup({ saved: true }),
        listLibrary: [item],
        unsavePaper: () => new Error('database is locked'),
      },
      { tab: ARXIV_TAB },
    );
    await waitFor(() => expect(page!.$('[data-testid="paper-status"]')).not.toBeNull());
    page!.$('.app-card-actions [data-testid="save-toggle"]')!.click();
    await waitFor(() => expect(page!.$('[role="alert"]')?.textContent).toContain('database is locked'));
    expect(env.send.named('unsavePaper')).toEqual([{ key: 'arxiv:2306.00978' }]);
  });

  it('the side panel follows the active tab', async () => {
    const env = start(
      {
        lookupPaper: (input) =>
          input.arxivId === '2306.00978'
            ? lookup()
            : lookup({ paper: null, matchedBy: null, related: [], libraryKey: 'arxiv:2401.00001' }),
      },
      { tab: ARXIV_TAB, layout: 'sidepanel' },
    );
    await waitFor(() => expect(page!.$('[data-testid="paper-view"]')!.dataset.state).toBe('in-survey'));
    env.setActiveTab({ url: 'https://arxiv.org/pdf/2401.00001', title: '2401.00001.pdf' });
    env.fireActiveTabChange();
    await waitFor(() => expect(page!.$('[data-testid="paper-view"]')!.dataset.state).toBe('not-in-survey'));
    env.setActiveTab({ url: 'chrome://newtab/' });
    env.fireActiveTabChange();
    await waitFor(() => expect(page!.$('[data-testid="paper-view"]')!.dataset.state).toBe('no-paper'));
  });

  it('a lookup failure shows the error state', async () => {
    start(
      { lookupPaper: () => new Error('Could not reach the background') },
      { tab: ARXIV_TAB, hash: '#/paper' },
    );
    await waitFor(() => expect(page!.$('[data-testid="paper-view"]')!.dataset.state).toBe('error'));
    expect(page!.$('[role="alert"]')!.textContent).toContain('Could not reach the background');
  });
});

describe('My library: selection and bulk actions', () => {
  const ITEMS = [
    makeItem({ title: 'Alpha quantization', tags: ['q'], savedAt: 3 }),
    makeItem({ title: 'Beta pruning', savedAt: 2 }),
    makeItem({ title: 'Gamma quantization', savedAt: 1 }),
  ];
  const rowCheck = (title: string) => page!.$(`[aria-label="Select “${title}”"]`)!;

  async function openLibrary(handlers: FakeHandlers = {}, exporter?: Exporter) {
    let list = ITEMS;
    const env = start(
      {
        listLibrary: () => list,
        bulkUpdateLibrary: (input) => ({ updated: input.keys.length }),
        bulkRemoveLibrary: (input) => {
          list = list.filter((i) => !input.keys.includes(i.key));
          return { removed: input.keys.length };
        },
        ...handlers,
      },
      { hash: '#/library', exporter },
    );
    await waitFor(() => expect(page!.$$('[data-testid="library-row"]')).toHaveLength(3));
    return env;
  }

  it('select rows, add tags: one bulkUpdateLibrary with the selected keys, then a reload and a notice', async () => {
    const env = await openLibrary();
    rowCheck('Alpha quantization').click();
    rowCheck('Gamma quantization').click();
    await settle();
    expect(page!.$('[data-testid="bulk-count"]')!.textContent).toBe('2 selected');
    // The boxes show the selection (no cancelled click undoing a box after the re-render).
    expect(page!.$$('[data-testid="row-select"]').map((b) => (b as HTMLInputElement).checked)).toEqual([
      true,
      false,
      true,
    ]);
    typeInto(page!.$('[data-testid="bulk-tags"]')!, 'to cite, later');
    await settle();
    page!.$('[data-testid="bulk-add-tags"]')!.click();
    await waitFor(() =>
      expect(page!.$('[role="status"].app-notice')?.textContent).toContain('Done: 2 updated.'),
    );
    expect(env.send.named('bulkUpdateLibrary')).toEqual([
      { keys: [ITEMS[0]!.key, ITEMS[2]!.key], addTags: ['to cite', 'later'] },
    ]);
    expect(env.send.named('listLibrary').length).toBeGreaterThanOrEqual(2);
  });

  it('remove tags and set status go to bulkUpdateLibrary too', async () => {
    const env = await openLibrary();
    rowCheck('Beta pruning').click();
    await settle();
    typeInto(page!.$('[data-testid="bulk-tags"]')!, 'q');
    await settle();
    page!.$('[data-testid="bulk-remove-tags"]')!.click();
    await waitFor(() => expect(env.send.named('bulkUpdateLibrary')).toHaveLength(1));
    choose(page!.$('[data-testid="bulk-status"]')!, 'reading');
    await waitFor(() => expect(env.send.named('bulkUpdateLibrary')).toHaveLength(2));
    expect(env.send.named('bulkUpdateLibrary')).toEqual([
      { keys: [ITEMS[1]!.key], removeTags: ['q'] },
      { keys: [ITEMS[1]!.key], status: 'reading' },
    ]);
  });

  it('select all shown respects the search; delete asks first, then removes and clears the selection', async () => {
    const env = await openLibrary();
    typeInto(page!.$('[data-testid="library-search"]')!, 'quantization');
    await waitFor(() => expect(page!.$$('[data-testid="library-row"]')).toHaveLength(2));
    expect(page!.$('[data-testid="library-count"]')!.textContent).toBe('2 of 3');
    page!.$('[data-testid="select-all"]')!.click();
    await settle();
    expect(page!.$('[data-testid="bulk-count"]')!.textContent).toBe('2 selected');
    page!.$('[data-testid="bulk-delete"]')!.click();
    await settle();
    expect(env.send.named('bulkRemoveLibrary')).toEqual([]);
    expect(page!.$('[data-testid="bulk-delete-confirm"]')!.textContent).toContain(
      'Delete 2 from your library?',
    );
    page!.$('[data-testid="bulk-delete-yes"]')!.click();
    await waitFor(() => expect(page!.$$('[data-testid="library-row"]')).toHaveLength(0));
    expect(env.send.named('bulkRemoveLibrary')).toEqual([{ keys: [ITEMS[0]!.key, ITEMS[2]!.key] }]);
    expect(page!.$('[data-testid="bulk-bar"]')).toBeNull();
  });

  it('a selection hidden by a filter is counted as hidden, and Space on a row toggles it', async () => {
    await openLibrary();
    rowCheck('Beta pruning').click();
    await settle();
    typeInto(page!.$('[data-testid="library-search"]')!, 'alpha');
    await waitFor(() => expect(page!.$$('[data-testid="library-row"]')).toHaveLength(1));
    expect(page!.$('[data-testid="bulk-count"]')!.textContent).toBe('1 selected (1 hidden by filters)');
    const row = page!.$('[data-vrow="0"]')!;
    row.focus();
    press(row, ' ');
    await settle();
    expect(page!.$('[data-testid="bulk-count"]')!.textContent).toBe('2 selected (1 hidden by filters)');
  });

  it('a failing bulk action shows its error', async () => {
    await openLibrary({ bulkUpdateLibrary: () => new Error('only extension pages may send it') });
    rowCheck('Beta pruning').click();
    await settle();
    choose(page!.$('[data-testid="bulk-status"]')!, 'read');
    await waitFor(() =>
      expect(page!.$('[role="alert"]')?.textContent).toContain('only extension pages may send it'),
    );
  });

  it('export, copy and Enter-to-open use the exporter and the environment', async () => {
    const exporter: Exporter = {
      formats: [
        { id: 'bibtex', label: 'BibTeX' },
        { id: 'ris', label: 'RIS' },
      ],
      exportFile: (items, format, now) => ({
        fileName: `lib-${now}.${format}`,
        mimeType: 'text/plain',
        text: items.map((i) => i.title).join('\n'),
      }),
      citation: (item, kind) => `${kind}:${item.title}`,
    };
    const env = await openLibrary({}, exporter);
    page!.$(`[data-key="${ITEMS[1]!.key}"] [data-testid="copy-bibtex"]`)!.click();
    page!.$(`[data-key="${ITEMS[1]!.key}"] [data-testid="copy-markdown"]`)!.click();
    await waitFor(() => expect(env.copied).toEqual(['bibtex:Beta pruning', 'markdown:Beta pruning']));
    rowCheck('Alpha quantization').click();
    rowCheck('Beta pruning').click();
    await settle();
    choose(page!.$('[data-testid="bulk-export-format"]')!, 'ris');
    await settle();
    page!.$('[data-testid="bulk-export"]')!.click();
    await settle();
    expect(env.downloads).toEqual([
      { fileName: `lib-${env.now()}.ris`, mimeType: 'text/plain', text: 'Alpha quantization\nBeta pruning' },
    ]);
    const row = page!.$('[data-vrow="2"]')!;
    row.focus();
    press(row, 'Enter');
    expect(env.opened).toEqual([ITEMS[2]!.url]);
  });

  it('reloads when another page or tab changes the library', async () => {
    const env = await openLibrary();
    const before = env.send.named('listLibrary').length;
    env.fireLibraryChange();
    await waitFor(() => expect(env.send.named('listLibrary').length).toBe(before + 1), 1000);
  });

  it('an empty library explains how to save; a failed load is an error', async () => {
    start({ listLibrary: [] }, { hash: '#/library' });
    await waitFor(() => expect(page!.$('[data-testid="library-view"]')!.dataset.state).toBe('empty'));
    page!.unmount();
    start({ listLibrary: () => new Error('listLibrary failed: quota') }, { hash: '#/library' });
    await waitFor(() => expect(page!.$('[data-testid="library-view"]')!.dataset.state).toBe('error'));
    expect(page!.$('[role="alert"]')!.textContent).toContain('quota');
  });
});

describe('Browse and Search save catalog papers', () => {
  it('Save on a node’s paper sends savePaper, then shows it saved; Saved again sends unsavePaper', async () => {
    const item = makeItem({ key: 'arxiv:2306.00978', arxivId: '2306.00978' });
    const env = start(
      { listNode: [AWQ], savePaper: item, unsavePaper: { removed: true } },
      { hash: '#/node/quantization' },
    );
    await waitFor(() =>
      expect(page!.$('[data-testid="node-list"] [data-testid="save-toggle"]')).not.toBeNull(),
    );
    const toggle = () => page!.$('[data-testid="node-list"] [data-testid="save-toggle"]')!;
    expect(toggle().getAttribute('aria-label')).toBe(`Save “${AWQ.title}”`);
    toggle().click();
    await waitFor(() => expect(toggle().getAttribute('aria-pressed')).toBe('true'));
    expect(env.send.named('savePaper')).toEqual([
      {
        arxivId: '2306.00978',
        title: AWQ.title,
        url: 'https://arxiv.org/abs/2306.00978',
        leaves: AWQ.leaves,
      },
    ]);
    toggle().click();
    await waitFor(() => expect(toggle().getAttribute('aria-pressed')).toBe('false'));
    expect(env.send.named('unsavePaper')).toEqual([{ key: 'arxiv:2306.00978' }]);
  });

  it('search sends searchCatalog (debounced) with the leaf filter and lists the hits', async () => {
    const env = start({ searchCatalog: [{ record: AWQ, score: 2 }] }, { hash: '#/search' });
    await settle();
    expect(page!.$('[data-testid="search-view"]')!.textContent).toContain('Type a title');
    typeInto(page!.$('[data-testid="search-input"]')!, 'awq');
    choose(page!.$('[data-testid="search-leaf"]')!, 'quantization');
    await waitFor(() =>
      expect(page!.$$('[data-testid="search-list"] [data-testid="paper-item"]')).toHaveLength(1),
    );
    expect(env.send.named('searchCatalog')).toEqual([{ query: 'awq', leaf: 'quantization', limit: 50 }]);
    expect(page!.$('[data-testid="search-count"]')!.textContent).toBe('1 result');
    expect(window.location.hash).toBe('#/search?q=awq&leaf=quantization');
  });
});
