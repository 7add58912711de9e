// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { ImportReport, SyncStatus } from '../../lib/app/api';
import type { Exporter } from '../../lib/app/exporting';
import { DEFAULT_PAGE_PREFS, getPagePrefs, type PagePrefs } from '../../lib/app/preferences';
import { DEFAULT_SETTINGS, getSettings } from '../../lib/settings';
import { LEAF_IDS } from '../../lib/taxonomy';
import {
  choose,
  type FakeEnv,
  type FakeHandlers,
  fakeEnv,
  makeItem,
  mountPage,
  type Page,
  settle,
  typeInto,
  useEnglish,
  waitFor,
} from '../app/test-helpers';
import { LIBRARY_REFRESH_DELAY_MS, OptionsContainer } from './OptionsContainer';

let page: Page | undefined;
beforeEach(() => {
  fakeBrowser.reset();
  useEnglish();
});
afterEach(() => page?.unmount());

const SYNC: SyncStatus = {
  enabled: false,
  lastSyncedAt: null,
  bytesUsed: 2048,
  quotaBytes: 102_400,
  itemsSynced: 0,
  overQuota: false,
  error: null,
};

const EXPORTER: Exporter = {
  formats: [
    { id: 'bibtex', label: 'BibTeX (.bib)' },
    { id: 'json', label: 'Full backup (.json)' },
  ],
  exportFile: (items, format) => ({
    fileName: `x.${format}`,
    mimeType: 'text/plain',
    text: `${items.length}`,
  }),
  citation: () => '',
};

function start(handlers: FakeHandlers = {}, prefs: PagePrefs = DEFAULT_PAGE_PREFS): FakeEnv {
  const env = fakeEnv(
    {
      listLibrary: [makeItem(), makeItem()],
      listSnapshots: [],
      getSyncStatus: SYNC,
      datasetInfo: { version: '494b1794b201f746', records: 1588, seededAt: Date.UTC(2026, 0, 1) },
      taxonomyCounts: { quantization: 180, pruning: 90 },
      ...handlers,
    },
    {
      commands: [
        { name: 'toggle-save', description: 'Save or remove the current paper', shortcut: 'Alt+Shift+S' },
        { name: 'toggle-overlay', description: 'Show or hide', shortcut: '' },
      ],
    },
  );
  page = mountPage(<OptionsContainer env={env} prefs={prefs} exporter={EXPORTER} />);
  return env;
}

const $ = (testId: string) => page!.$(`[data-testid="${testId}"]`) as HTMLInputElement;

describe('settings', () => {
  it('shows the stored settings and writes each toggle to extension storage', async () => {
    await fakeBrowser.storage.local.set({ settings: { ...DEFAULT_SETTINGS, compact: true } });
    start();
    await waitFor(() => expect($('compact').checked).toBe(true));
    expect($('site-arxiv').checked).toBe(true);
    expect($('site-arxiv').getAttribute('role')).toBe('switch');
    $('site-arxiv').click();
    await waitFor(async () =>
      expect((await getSettings()).sites).toEqual({ ...DEFAULT_SETTINGS.sites, arxiv: false }),
    );
    $('site-openreview').click();
    $('not-in-survey-chip').click();
    $('compact').click();
    await waitFor(async () =>
      expect(await getSettings()).toEqual({
        ...DEFAULT_SETTINGS,
        sites: { ...DEFAULT_SETTINGS.sites, arxiv: false, openreview: false },
        showNotInSurveyChip: false,
        compact: false,
      }),
    );
  });

  it('follows settings changed elsewhere (the overlay, another options tab)', async () => {
    start();
    await settle();
    await fakeBrowser.storage.local.set({ settings: { ...DEFAULT_SETTINGS, showNotInSurveyChip: false } });
    await waitFor(() => expect($('not-in-survey-chip').checked).toBe(false));
  });

  it('theme radios and the language select write the page preferences', async () => {
    start({}, { theme: 'system', language: 'default' });
    await settle();
    expect($('theme-system').checked).toBe(true);
    $('theme-dark').click();
    await waitFor(async () => expect((await getPagePrefs()).theme).toBe('dark'));
    choose($('language'), 'zh_CN');
    await waitFor(async () => expect(await getPagePrefs()).toEqual({ theme: 'dark', language: 'zh_CN' }));
  });

  it('lists the shortcuts and opens the browser’s shortcut settings', async () => {
    const env = start();
    await waitFor(() => expect(page!.$('[data-testid="shortcuts-table"]')).not.toBeNull());
    const rows = page!.$$('[data-testid="shortcuts-table"] tbody tr').map((r) => r.textContent);
    expect(rows).toEqual([
      'Save or remove the current paperAlt+Shift+S',
      'Show or hide the overlay on this paperNot set',
    ]);
    $('open-shortcuts').click();
    expect(env.shortcutsOpened).toBe(1);
  });
});

describe('data', () => {
  it('exports the whole library in the chosen format', async () => {
    const env = start();
    await waitFor(() => expect($('library-size').textContent).toBe('Your library has 2 papers.'));
    choose($('export-format'), 'json');
    await settle();
    $('export-button').click();
    await waitFor(() =>
      expect(env.downloads).toEqual([{ fileName: 'x.json', mimeType: 'text/plain', text: '2' }]),
    );
  });

  it('lists the library again once per burst of library changes, not once per change', async () => {
    let items = [makeItem(), makeItem()];
    const env = start({ listLibrary: () => items });
    await waitFor(() => expect($('library-size').textContent).toBe('Your library has 2 papers.'));
    const before = env.send.named('listLibrary').length;
    items = [makeItem(), makeItem(), makeItem()];
    // An import announces up to 200 keys one by one, then "*".
    for (let i = 0; i < 201; i++) env.fireLibraryChange();
    await waitFor(() => expect($('library-size').textContent).toBe('Your library has 3 papers.'));
    await new Promise((resolve) => setTimeout(resolve, LIBRARY_REFRESH_DELAY_MS * 2));
    expect(env.send.named('listLibrary').length - before).toBe(1);
    // A later change is listed again.
    items = [makeItem()];
    env.fireLibraryChange();
    await waitFor(() => expect($('library-size').textContent).toBe('Your library has 1 paper.'));
    expect(env.send.named('listLibrary').length - before).toBe(2);
  });

  const REPORT: ImportReport = {
    added: 3,
    merged: 1,
    unchanged: 2,
    rejected: [{ index: 4, reason: 'no title' }],
    snapshotId: null,
  };

  it('import: file → dry run preview → confirm → import, with the format detected', async () => {
    const env = start({
      importLibrary: (input) => (input.dryRun ? REPORT : { ...REPORT, snapshotId: 7 }),
    });
    await settle();
    const file = new File(['@article{a, title={A}}'], 'refs.bib', { type: 'application/x-bibtex' });
    const input = $('import-file');
    Object.defineProperty(input, 'files', { value: [file], configurable: true });
    input.dispatchEvent(new Event('change', { bubbles: true }));
    await waitFor(() => expect(page!.$('[data-testid="import-preview"]')).not.toBeNull());
    expect(env.send.named('importLibrary')).toEqual([
      { format: 'bibtex', text: '@article{a, title={A}}', dryRun: true },
    ]);
    expect($('import-added').textContent).toBe('add 3 new papers');
    expect($('import-rejected').textContent).toBe('skip 1 entries it cannot read');
    expect(page!.$('[data-testid="import-preview"] details')!.textContent).toContain('Entry 5: no title');
    $('import-confirm').click();
    await waitFor(() => expect(page!.$('[data-testid="import-done"]')).not.toBeNull());
    expect(env.send.named('importLibrary')[1]).toEqual({
      format: 'bibtex',
      text: '@article{a, title={A}}',
      dryRun: false,
    });
  });

  it('import: cancel sends nothing more; an unknown format and a failing dry run are reported', async () => {
    const env = start({
      importLibrary: (input) => (input.text.includes('bad') ? new Error('Invalid JSON at 1:2') : REPORT),
    });
    await settle();
    const pick = (name: string, text: string) => {
      const input = $('import-file');
      Object.defineProperty(input, 'files', { value: [new File([text], name)], configurable: true });
      input.dispatchEvent(new Event('change', { bubbles: true }));
    };
    pick('lib.json', '{"items": []}');
    await waitFor(() => expect(page!.$('[data-testid="import-preview"]')).not.toBeNull());
    $('import-cancel').click();
    await settle();
    expect(page!.$('[data-testid="import-preview"]')).toBeNull();
    pick('notes.txt', 'hello');
    await waitFor(() =>
      expect(page!.$('[role="alert"]')?.textContent).toContain('neither a JSON backup nor a BibTeX file'),
    );
    pick('bad.json', '{bad');
    await waitFor(() => expect(page!.$('[role="alert"]')?.textContent).toContain('Invalid JSON at 1:2'));
    expect(env.send.named('importLibrary').map((i) => (i as { dryRun: boolean }).dryRun)).toEqual([
      true,
      true,
    ]);
  });

  it('import: a preview with nothing to add or merge cannot be confirmed', async () => {
    start({ importLibrary: { added: 0, merged: 0, unchanged: 5, rejected: [], snapshotId: null } });
    await settle();
    const input = $('import-file');
    Object.defineProperty(input, 'files', { value: [new File(['[]'], 'same.json')], configurable: true });
    input.dispatchEvent(new Event('change', { bubbles: true }));
    await waitFor(() => expect(page!.$('[data-testid="import-preview"]')).not.toBeNull());
    expect(($('import-confirm') as unknown as HTMLButtonElement).disabled).toBe(true);
  });

  it('backups: listed newest first; restore asks, then sends restoreSnapshot with the id', async () => {
    const env = start({
      listSnapshots: [
        { id: 1, createdAt: Date.UTC(2026, 0, 1), reason: 'import', count: 10 },
        { id: 2, createdAt: Date.UTC(2026, 0, 2), reason: 'bulk-delete', count: 12 },
      ],
      restoreSnapshot: { restored: 12 },
    });
    await waitFor(() => expect(page!.$$('[data-testid="snapshot-row"]')).toHaveLength(2));
    expect(page!.$$('[data-testid="snapshot-row"]').map((r) => r.children[1]!.textContent)).toEqual([
      'a bulk delete',
      'an import',
    ]);
    (page!.$$('[data-testid="restore"]')[0] as HTMLButtonElement).click();
    await settle();
    expect(env.send.named('restoreSnapshot')).toEqual([]);
    $('restore-yes').click();
    await waitFor(() => expect(page!.$('.app-notice-success')?.textContent).toContain('Restored 12 papers.'));
    expect(env.send.named('restoreSnapshot')).toEqual([{ id: 2 }]);
  });

  it.each(['', 'delete', 'DELETE ', 'DEL'])('clear stays disabled for %j', async (typed) => {
    const env = start({ clearLibrary: { removed: 2 } });
    await settle();
    typeInto($('clear-confirm'), typed);
    await settle();
    expect(($('clear-button') as unknown as HTMLButtonElement).disabled).toBe(true);
    $('clear-button').click();
    expect(env.send.named('clearLibrary')).toEqual([]);
  });

  it('clear sends clearLibrary {confirm: "DELETE"} once DELETE is typed', async () => {
    const env = start({ clearLibrary: { removed: 2 } });
    await settle();
    typeInto($('clear-confirm'), 'DELETE');
    await settle();
    $('clear-button').click();
    await waitFor(() => expect(env.send.named('clearLibrary')).toEqual([{ confirm: 'DELETE' }]));
    await waitFor(() => expect(page!.$('.app-notice-success')?.textContent).toContain('Removed 2 papers.'));
    expect($('clear-confirm').value).toBe('');
  });
});

describe('sync and dataset', () => {
  it('shows the sync status and toggles it with setSyncEnabled, then shows the new status', async () => {
    let enabled = false;
    const env = start({
      getSyncStatus: () => ({ ...SYNC, enabled, itemsSynced: enabled ? 2 : 0 }),
      setSyncEnabled: (input) => {
        enabled = input.enabled;
        return { ...SYNC, enabled, itemsSynced: 2, lastSyncedAt: Date.UTC(2026, 0, 15) };
      },
    });
    await waitFor(() => expect(page!.$('[data-testid="sync-status"]')).not.toBeNull());
    expect($('sync-status').textContent).toContain('2 KB of 100 KB (2%)');
    expect($('sync-toggle').checked).toBe(false);
    $('sync-toggle').click();
    await waitFor(() => expect($('sync-status').textContent).toContain('Papers synced2'));
    expect($('sync-toggle').checked).toBe(true);
    expect(env.send.named('setSyncEnabled')).toEqual([{ enabled: true }]);
  });

  it('a failing setSyncEnabled shows the error and puts the switch back', async () => {
    start({ setSyncEnabled: () => new Error('sync storage is disabled by policy') });
    await waitFor(() => expect(page!.$('[data-testid="sync-status"]')).not.toBeNull());
    $('sync-toggle').click();
    await waitFor(() =>
      expect(page!.$('[data-testid="section-sync"] [role="alert"]')?.textContent).toContain(
        'disabled by policy',
      ),
    );
    expect($('sync-toggle').checked).toBe(false);
  });

  it('warns when over quota or in error', async () => {
    start({ getSyncStatus: { ...SYNC, enabled: true, overQuota: true, error: 'QUOTA_BYTES_PER_ITEM' } });
    await waitFor(() => expect(page!.$$('[data-testid="section-sync"] [role="alert"]')).toHaveLength(2));
    expect(page!.$('[data-testid="section-sync"]')!.textContent).toContain(
      'Sync problem: QUOTA_BYTES_PER_ITEM',
    );
  });

  it('shows the dataset version, counts per leaf (all 18), and the licences', async () => {
    start();
    await waitFor(() => expect(page!.$('[data-testid="dataset-facts"]')).not.toBeNull());
    expect($('dataset-facts').textContent).toContain('494b1794b201f746');
    expect($('dataset-facts').textContent).toContain('1,588');
    await waitFor(() =>
      expect(page!.$$('[data-testid="leaf-counts"] tbody tr')).toHaveLength(LEAF_IDS.length),
    );
    expect(page!.$('[data-testid="leaf-counts"] tr[data-leaf="quantization"]')!.textContent).toContain('180');
    expect(
      page!.$('[data-testid="leaf-counts"] tr[data-leaf="knowledge-distillation"]')!.textContent,
    ).toContain('0');
    const huangowen = page!.$('[data-testid="licences"] tr[data-source="huangowen"]')!;
    expect(huangowen.textContent).toContain('MIT');
    expect(huangowen.textContent).toContain('Copyright (c) 2023 Owen Huang');
    expect(page!.$('[data-testid="licences"] tr[data-source="aiot"]')!.textContent).toContain('None stated');
    expect(page!.$('[data-testid="section-privacy"]')!.textContent).toContain('stored only in this browser');
  });

  it('reports a background that does not answer instead of failing silently', async () => {
    start({
      datasetInfo: () => new Error('Could not reach the background for datasetInfo'),
      listSnapshots: () => new Error('listSnapshots is not available'),
      getSyncStatus: () => new Error('getSyncStatus is not available'),
    });
    await waitFor(() => expect(page!.$('[data-testid="section-dataset"] [role="alert"]')).not.toBeNull());
    expect(page!.$('[data-testid="section-data"] [role="alert"]')!.textContent).toContain(
      'listSnapshots is not available',
    );
    expect(page!.$('[data-testid="section-sync"] [role="alert"]')!.textContent).toContain(
      'getSyncStatus is not available',
    );
  });
});
