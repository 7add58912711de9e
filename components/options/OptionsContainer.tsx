import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { SnapshotInfo, SyncStatus } from '../../lib/app/api';
import { debounce } from '../../lib/app/debounce';
import type { CommandInfo, OptionsEnv } from '../../lib/app/env';
import type { Exporter } from '../../lib/app/exporting';
import { locale, t } from '../../lib/app/i18n';
import { detectImportFormat, MAX_IMPORT_BYTES } from '../../lib/app/import-file';
import type { PagePrefs } from '../../lib/app/preferences';
import { updatePagePrefs } from '../../lib/app/preferences';
import {
  DEFAULT_SETTINGS,
  getSettings,
  repairSettings,
  type Settings,
  settingsItem,
  updateSettings,
} from '../../lib/settings';
import {
  AppearanceSection,
  DataSection,
  DatasetSection,
  type ImportStep,
  OverlaySection,
  PrivacySection,
  ShortcutsSection,
  SyncSection,
} from './sections';

export interface OptionsContainerProps {
  env: OptionsEnv;
  prefs: PagePrefs;
  exporter: Exporter | null;
}

type NoticeState = { kind: 'info' | 'error' | 'success'; text: string } | null;

/** Quiet time after a library change before the page lists the library again (a burst counts once). */
export const LIBRARY_REFRESH_DELAY_MS = 150;

/** A file the user picked, read as text (File.text() where it exists, else FileReader). */
async function readFileText(file: File): Promise<string> {
  if (typeof file.text === 'function') return file.text();
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result ?? ''));
    reader.onerror = () => reject(reader.error ?? new Error('unreadable file'));
    reader.readAsText(file);
  });
}

/** The options page, connected: settings and page preferences in extension storage, the rest through messages. */
export function OptionsContainer({ env, prefs, exporter }: OptionsContainerProps) {
  const [settings, setSettings] = useState<Settings>(DEFAULT_SETTINGS);
  const [settingsError, setSettingsError] = useState<string | null>(null);
  const [commands, setCommands] = useState<CommandInfo[] | null>(null);
  const [libraryCount, setLibraryCount] = useState<number | null>(null);
  const [snapshots, setSnapshots] = useState<SnapshotInfo[] | null>(null);
  const [snapshotsError, setSnapshotsError] = useState<string | null>(null);
  const [sync, setSync] = useState<SyncStatus | null>(null);
  const [syncError, setSyncError] = useState<string | null>(null);
  const [syncPending, setSyncPending] = useState(false);
  const [dataset, setDataset] = useState<{
    version: string;
    records: number;
    seededAt: number | null;
  } | null>(null);
  const [counts, setCounts] = useState<Record<string, number> | null>(null);
  const [datasetError, setDatasetError] = useState<string | null>(null);
  const [importStep, setImportStep] = useState<ImportStep>({ step: 'idle' });
  const [pendingImport, setPendingImport] = useState<{ format: 'json' | 'bibtex'; text: string } | null>(
    null,
  );
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<NoticeState>(null);
  const uiLocale = locale();

  useEffect(() => {
    getSettings().then(setSettings, (e: Error) => setSettingsError(e.message));
    const off = settingsItem.watch((value) => setSettings(repairSettings(value)));
    env.commands().then(setCommands, () => setCommands([]));
    env.send('datasetInfo', {}).then((r) => (r.ok ? setDataset(r.value) : setDatasetError(r.error)));
    env.send('taxonomyCounts', {}).then((r) => (r.ok ? setCounts(r.value) : setDatasetError(r.error)));
    return off;
  }, [env]);

  const refreshLibrary = useCallback(async () => {
    const [list, snaps, status] = await Promise.all([
      env.send('listLibrary', {}),
      env.send('listSnapshots', {}),
      env.send('getSyncStatus', {}),
    ]);
    if (list.ok) setLibraryCount(list.value.length);
    if (snaps.ok) {
      setSnapshots([...snaps.value].sort((a, b) => b.createdAt - a.createdAt));
      setSnapshotsError(null);
    } else setSnapshotsError(snaps.error);
    if (status.ok) {
      setSync(status.value);
      setSyncError(null);
    } else setSyncError(status.error);
  }, [env]);

  useEffect(() => {
    void refreshLibrary();
    // Once per burst of changes, not once per change: an import or a clear announces up to 200 keys one by one,
    // and each refresh lists the whole library. Refreshing on every announcement made importing 1,000 papers
    // from this page take 6 s instead of 0.6 s in Chromium (scripts/bench-library.ts).
    const refresh = debounce(() => void refreshLibrary(), LIBRARY_REFRESH_DELAY_MS);
    const off = env.onLibraryChange(() => refresh());
    return () => {
      off();
      refresh.cancel();
    };
  }, [env, refreshLibrary]);

  // Writes run one after another, each on the latest stored value: two quick toggles must not overwrite
  // each other (updateSettings reads, merges and writes).
  const writes = useRef<Promise<void>>(Promise.resolve());
  const changeSettings = (update: (current: Settings) => Partial<Settings>) => {
    writes.current = writes.current.then(async () => {
      try {
        setSettings(await updateSettings(update(await getSettings())));
        setSettingsError(null);
      } catch (error) {
        setSettingsError((error as Error).message);
      }
    });
  };

  const changePrefs = (change: Partial<PagePrefs>) => {
    writes.current = writes.current.then(async () => {
      try {
        await updatePagePrefs(change);
      } catch (error) {
        setSettingsError((error as Error).message);
      }
    });
  };

  const exportAll = async (format: string) => {
    if (!exporter) return;
    setBusy(true);
    try {
      const list = await env.send('listLibrary', {});
      if (!list.ok) {
        setNotice({ kind: 'error', text: list.error });
        return;
      }
      const file = exporter.exportFile(list.value, format, env.now());
      env.download(file.fileName, file.mimeType, file.text);
      setNotice({ kind: 'success', text: t('export_done', [list.value.length, file.fileName]) });
    } catch (error) {
      setNotice({ kind: 'error', text: t('export_failed', (error as Error).message) });
    } finally {
      setBusy(false);
    }
  };

  const pickImportFile = async (file: File) => {
    setNotice(null);
    if (file.size > MAX_IMPORT_BYTES) {
      setImportStep({ step: 'error', message: t('import_tooBig', file.name) });
      return;
    }
    setImportStep({ step: 'checking', fileName: file.name });
    let text: string;
    try {
      text = await readFileText(file);
    } catch (error) {
      setImportStep({
        step: 'error',
        message: t('import_unreadable', [file.name, (error as Error).message]),
      });
      return;
    }
    const format = detectImportFormat(file.name, text);
    if (!format) {
      setImportStep({ step: 'error', message: t('import_unknownFormat', file.name) });
      return;
    }
    const reply = await env.send('importLibrary', { format, text, dryRun: true });
    if (!reply.ok) {
      setImportStep({ step: 'error', message: reply.error });
      return;
    }
    setPendingImport({ format, text });
    setImportStep({ step: 'preview', fileName: file.name, format, report: reply.value });
  };

  const confirmImport = async () => {
    if (importStep.step !== 'preview' || !pendingImport) return;
    const { fileName } = importStep;
    setImportStep({ step: 'importing', fileName });
    setBusy(true);
    try {
      const reply = await env.send('importLibrary', { ...pendingImport, dryRun: false });
      setPendingImport(null);
      setImportStep(
        reply.ok ? { step: 'done', fileName, report: reply.value } : { step: 'error', message: reply.error },
      );
    } finally {
      setBusy(false);
      await refreshLibrary();
    }
  };

  const restore = async (id: SnapshotInfo['id']) => {
    setBusy(true);
    try {
      const reply = await env.send('restoreSnapshot', { id });
      setNotice(
        reply.ok
          ? { kind: 'success', text: t('snapshot_restored', reply.value.restored) }
          : { kind: 'error', text: reply.error },
      );
    } finally {
      setBusy(false);
      await refreshLibrary();
    }
  };

  const clear = async () => {
    setBusy(true);
    try {
      const reply = await env.send('clearLibrary', { confirm: 'DELETE' });
      setNotice(
        reply.ok
          ? { kind: 'success', text: t('options_cleared', reply.value.removed) }
          : { kind: 'error', text: reply.error },
      );
    } finally {
      setBusy(false);
      await refreshLibrary();
    }
  };

  const toggleSync = async (enabled: boolean) => {
    setSyncPending(true);
    try {
      const reply = await env.send('setSyncEnabled', { enabled });
      if (reply.ok) {
        setSync(reply.value);
        setSyncError(null);
      } else {
        setSyncError(reply.error);
        // Show what did happen (sync may be on although its first run failed).
        const status = await env.send('getSyncStatus', {});
        if (status.ok) setSync(status.value);
      }
    } finally {
      setSyncPending(false);
    }
  };

  return (
    <div class="opt-page" data-testid="options-page">
      <header class="opt-header">
        <h1 class="app-title">
          <span class="app-logo" aria-hidden="true">
            ◎
          </span>
          {t('options_title')}
        </h1>
        <nav aria-label={t('options_sectionsLabel')} class="opt-toc">
          <a href="#overlay-title">{t('options_overlayHeading')}</a>
          <a href="#appearance-title">{t('options_appearanceHeading')}</a>
          <a href="#shortcuts-title">{t('options_shortcutsHeading')}</a>
          <a href="#data-title">{t('options_dataHeading')}</a>
          <a href="#sync-title">{t('options_syncHeading')}</a>
          <a href="#dataset-title">{t('options_datasetHeading')}</a>
          <a href="#privacy-title">{t('options_privacyHeading')}</a>
        </nav>
      </header>
      <main class="opt-main">
        {settingsError && (
          <p class="app-inline-error" role="alert">
            {settingsError}
          </p>
        )}
        <OverlaySection settings={settings} onChange={changeSettings} />
        <AppearanceSection
          theme={prefs.theme}
          language={prefs.language}
          onTheme={(theme) => changePrefs({ theme })}
          onLanguage={(language) => changePrefs({ language })}
        />
        <ShortcutsSection
          commands={commands}
          onOpenShortcutSettings={() =>
            void env
              .openShortcutSettings()
              .catch((error: Error) => setSettingsError(t('options_shortcutsFailed', error.message)))
          }
        />
        <DataSection
          libraryCount={libraryCount}
          exportFormats={exporter?.formats ?? []}
          onExport={(format) => void exportAll(format)}
          importStep={importStep}
          onImportFile={(file) => void pickImportFile(file)}
          onImportConfirm={() => void confirmImport()}
          onImportCancel={() => {
            setPendingImport(null);
            setImportStep({ step: 'idle' });
          }}
          snapshots={snapshots}
          snapshotsError={snapshotsError}
          onRestore={(id) => void restore(id)}
          onClear={() => void clear()}
          busy={busy}
          notice={notice}
          onDismissNotice={() => setNotice(null)}
          locale={uiLocale}
        />
        <SyncSection
          status={sync}
          error={syncError}
          pending={syncPending}
          onToggle={(enabled) => void toggleSync(enabled)}
          locale={uiLocale}
        />
        <DatasetSection info={dataset} counts={counts} error={datasetError} locale={uiLocale} />
        <PrivacySection />
      </main>
    </div>
  );
}
