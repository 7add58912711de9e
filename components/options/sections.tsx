import type { ComponentChildren } from 'preact';
import { useId, useState } from 'preact/hooks';
import type { ImportReport, SnapshotInfo, SyncStatus } from '../../lib/app/api';
import type { CommandInfo } from '../../lib/app/env';
import { formatBytes, formatDateTime } from '../../lib/app/format';
import { LANGUAGES, type Language, type MessageKey, msg, plural, t } from '../../lib/app/i18n';
import { SOURCE_LICENCES } from '../../lib/app/licences';
import { THEMES, type Theme } from '../../lib/app/preferences';
import type { Settings } from '../../lib/settings';
import { getNode, LEAF_IDS } from '../../lib/taxonomy';
import { Notice } from '../app/controls';
import { LeafChip } from '../overlay/LeafChip';

/** The options page's sections, each presentational: values and callbacks come in through props. */

function Section({ id, title, children }: { id: string; title: string; children: ComponentChildren }) {
  return (
    <section class="opt-section" aria-labelledby={`${id}-title`} data-testid={`section-${id}`}>
      <h2 class="opt-h2" id={`${id}-title`}>
        {title}
      </h2>
      {children}
    </section>
  );
}

function Toggle(props: {
  label: string;
  hint?: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  testId: string;
  disabled?: boolean;
}) {
  const id = useId();
  return (
    <div class="opt-row">
      <input
        id={id}
        type="checkbox"
        role="switch"
        aria-checked={props.checked}
        checked={props.checked}
        disabled={props.disabled}
        data-testid={props.testId}
        aria-describedby={props.hint ? `${id}-hint` : undefined}
        onChange={(e) => props.onChange(e.currentTarget.checked)}
      />
      <div>
        <label for={id}>{props.label}</label>
        {props.hint && (
          <p class="el-muted opt-hint" id={`${id}-hint`}>
            {props.hint}
          </p>
        )}
      </div>
    </div>
  );
}

export interface OverlaySectionProps {
  settings: Settings;
  /** A change computed from the current stored settings (so quick successive toggles compose). */
  onChange: (change: (current: Settings) => Partial<Settings>) => void;
}

/** Where the overlay shows and how. */
export function OverlaySection({ settings, onChange }: OverlaySectionProps) {
  return (
    <Section id="overlay" title={t('options_overlayHeading')}>
      <Toggle
        label={t('options_siteArxiv')}
        checked={settings.sites.arxiv}
        testId="site-arxiv"
        onChange={(arxiv) => onChange((current) => ({ sites: { ...current.sites, arxiv } }))}
      />
      <Toggle
        label={t('options_siteOpenreview')}
        checked={settings.sites.openreview}
        testId="site-openreview"
        onChange={(openreview) => onChange((current) => ({ sites: { ...current.sites, openreview } }))}
      />
      <Toggle
        label={t('options_compact')}
        hint={t('options_compactHint')}
        checked={settings.compact}
        testId="compact"
        onChange={(compact) => onChange(() => ({ compact }))}
      />
      <Toggle
        label={t('options_notInSurveyChip')}
        hint={t('options_notInSurveyChipHint')}
        checked={settings.showNotInSurveyChip}
        testId="not-in-survey-chip"
        onChange={(showNotInSurveyChip) => onChange(() => ({ showNotInSurveyChip }))}
      />
    </Section>
  );
}

const THEME_KEYS = {
  system: msg('theme_system'),
  light: msg('theme_light'),
  dark: msg('theme_dark'),
} as const satisfies Record<Theme, MessageKey>;

const LANGUAGE_KEYS = {
  default: msg('language_default'),
  en: msg('language_en'),
  zh_CN: msg('language_zhCN'),
} as const satisfies Record<Language, MessageKey>;

export interface AppearanceSectionProps {
  theme: Theme;
  language: Language;
  onTheme: (theme: Theme) => void;
  onLanguage: (language: Language) => void;
}

/** Theme and language of the extension's pages. */
export function AppearanceSection(props: AppearanceSectionProps) {
  const languageId = useId();
  return (
    <Section id="appearance" title={t('options_appearanceHeading')}>
      <fieldset class="opt-fieldset">
        <legend>{t('options_theme')}</legend>
        <div class="opt-radios">
          {THEMES.map((theme) => (
            <label key={theme} class="opt-radio">
              <input
                type="radio"
                name="theme"
                value={theme}
                checked={props.theme === theme}
                data-testid={`theme-${theme}`}
                onChange={() => props.onTheme(theme)}
              />
              <span>{t(THEME_KEYS[theme])}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <div class="opt-row opt-row-field">
        <label for={languageId}>{t('options_language')}</label>
        <select
          id={languageId}
          value={props.language}
          data-testid="language"
          onChange={(e) => props.onLanguage(e.currentTarget.value as Language)}
        >
          {LANGUAGES.map((language) => (
            <option key={language} value={language}>
              {t(LANGUAGE_KEYS[language])}
            </option>
          ))}
        </select>
      </div>
      <p class="el-muted opt-hint">{t('options_languageHint')}</p>
    </Section>
  );
}

const COMMAND_KEYS: Record<string, MessageKey> = {
  'toggle-save': msg('shortcut_toggleSave'),
  'toggle-overlay': msg('shortcut_toggleOverlay'),
  _execute_action: msg('shortcut_openPopup'),
};

export interface ShortcutsSectionProps {
  commands: readonly CommandInfo[] | null;
  onOpenShortcutSettings: () => void;
}

/** The keyboard shortcuts and where to change them (the browser's own page). */
export function ShortcutsSection({ commands, onOpenShortcutSettings }: ShortcutsSectionProps) {
  return (
    <Section id="shortcuts" title={t('options_shortcutsHeading')}>
      <p class="el-muted">{t('options_shortcutsIntro')}</p>
      {commands && commands.length > 0 && (
        <table class="opt-table" data-testid="shortcuts-table">
          <thead>
            <tr>
              <th scope="col">{t('shortcut_action')}</th>
              <th scope="col">{t('shortcut_keys')}</th>
            </tr>
          </thead>
          <tbody>
            {commands.map((command) => {
              const key = COMMAND_KEYS[command.name];
              return (
                <tr key={command.name}>
                  <td>{key ? t(key) : command.description || command.name}</td>
                  <td>
                    {command.shortcut ? (
                      <kbd>{command.shortcut}</kbd>
                    ) : (
                      <span class="el-muted">{t('shortcut_none')}</span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <button type="button" class="el-btn" data-testid="open-shortcuts" onClick={onOpenShortcutSettings}>
        {t('options_shortcutsChange')}
      </button>
    </Section>
  );
}

/** Where an import is. */
export type ImportStep =
  | { step: 'idle' }
  | { step: 'checking'; fileName: string }
  | { step: 'preview'; fileName: string; format: 'json' | 'bibtex'; report: ImportReport }
  | { step: 'importing'; fileName: string }
  | { step: 'done'; fileName: string; report: ImportReport }
  | { step: 'error'; message: string };

const SNAPSHOT_REASON_KEYS: Record<string, MessageKey> = {
  import: msg('snapshot_import'),
  'bulk-delete': msg('snapshot_bulkDelete'),
  clear: msg('snapshot_clear'),
  'before-restore': msg('snapshot_beforeRestore'),
  daily: msg('snapshot_daily'),
};

/** At most this many rejected entries are listed in the import preview. */
const MAX_REJECTIONS_SHOWN = 20;

export interface DataSectionProps {
  libraryCount: number | null;
  exportFormats: readonly { id: string; label: string }[];
  onExport: (format: string) => void;
  importStep: ImportStep;
  onImportFile: (file: File) => void;
  onImportConfirm: () => void;
  onImportCancel: () => void;
  snapshots: readonly SnapshotInfo[] | null;
  snapshotsError?: string | null;
  onRestore: (id: SnapshotInfo['id']) => void;
  onClear: () => void;
  busy: boolean;
  notice: { kind: 'info' | 'error' | 'success'; text: string } | null;
  onDismissNotice: () => void;
  locale: string;
}

/** Export, import, backups and clearing the library. */
export function DataSection(props: DataSectionProps) {
  const [format, setFormat] = useState(props.exportFormats[0]?.id ?? '');
  const [confirmText, setConfirmText] = useState('');
  const [restoring, setRestoring] = useState<SnapshotInfo['id'] | null>(null);
  const formatId = useId();
  const fileId = useId();
  const clearId = useId();
  const { importStep: step } = props;
  return (
    <Section id="data" title={t('options_dataHeading')}>
      {props.notice && (
        <Notice kind={props.notice.kind} onDismiss={props.onDismissNotice}>
          {props.notice.text}
        </Notice>
      )}
      <p class="el-muted" data-testid="library-size">
        {props.libraryCount === null
          ? ''
          : t('options_librarySize', plural(props.libraryCount, 'count_paperOne', 'count_papersMany'))}
      </p>

      <h3 class="opt-h3">{t('options_exportHeading')}</h3>
      <div class="app-inline">
        <label for={formatId}>{t('export_formatLabel')}</label>
        <select
          id={formatId}
          value={format}
          data-testid="export-format"
          onChange={(e) => setFormat(e.currentTarget.value)}
        >
          {props.exportFormats.map((option) => (
            <option key={option.id} value={option.id}>
              {option.label}
            </option>
          ))}
        </select>
        <button
          type="button"
          class="el-btn"
          data-testid="export-button"
          disabled={props.busy || !props.libraryCount}
          onClick={() => props.onExport(format)}
        >
          {t('options_exportButton')}
        </button>
      </div>

      <h3 class="opt-h3">{t('options_importHeading')}</h3>
      <p class="el-muted opt-hint">{t('options_importHint')}</p>
      <div class="app-inline">
        <label for={fileId}>{t('options_importChoose')}</label>
        <input
          id={fileId}
          type="file"
          accept=".json,.bib,.bibtex,application/json,application/x-bibtex,text/plain"
          data-testid="import-file"
          disabled={props.busy || step.step === 'checking' || step.step === 'importing'}
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            if (file) props.onImportFile(file);
            e.currentTarget.value = '';
          }}
        />
      </div>
      <ImportStatus step={step} onConfirm={props.onImportConfirm} onCancel={props.onImportCancel} />

      <h3 class="opt-h3">{t('options_backupsHeading')}</h3>
      <p class="el-muted opt-hint">{t('options_backupsHint')}</p>
      {props.snapshotsError && <Notice kind="error">{props.snapshotsError}</Notice>}
      {props.snapshots && props.snapshots.length === 0 && <p class="el-muted">{t('options_backupsNone')}</p>}
      {props.snapshots && props.snapshots.length > 0 && (
        <table class="opt-table" data-testid="snapshots-table">
          <thead>
            <tr>
              <th scope="col">{t('snapshot_when')}</th>
              <th scope="col">{t('snapshot_reason')}</th>
              <th scope="col">{t('snapshot_count')}</th>
              <th scope="col">
                <span class="el-sr-only">{t('snapshot_actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {props.snapshots.map((snapshot) => {
              const reasonKey = SNAPSHOT_REASON_KEYS[snapshot.reason];
              return (
                <tr key={snapshot.id} data-testid="snapshot-row">
                  <td>{formatDateTime(snapshot.createdAt, props.locale)}</td>
                  <td>{reasonKey ? t(reasonKey) : snapshot.reason}</td>
                  <td>{snapshot.count.toLocaleString(props.locale)}</td>
                  <td>
                    {restoring === snapshot.id ? (
                      <span class="app-inline">
                        <button
                          type="button"
                          class="el-btn app-danger"
                          data-testid="restore-yes"
                          disabled={props.busy}
                          onClick={() => {
                            setRestoring(null);
                            props.onRestore(snapshot.id);
                          }}
                        >
                          {t('snapshot_restoreConfirm', snapshot.count)}
                        </button>
                        <button type="button" class="el-btn" onClick={() => setRestoring(null)}>
                          {t('common_cancel')}
                        </button>
                      </span>
                    ) : (
                      <button
                        type="button"
                        class="el-btn"
                        data-testid="restore"
                        disabled={props.busy}
                        onClick={() => setRestoring(snapshot.id)}
                      >
                        {t('snapshot_restore')}
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}

      <h3 class="opt-h3">{t('options_clearHeading')}</h3>
      <p class="el-muted opt-hint">{t('options_clearHint')}</p>
      <div class="app-inline">
        <label for={clearId}>{t('options_clearTypeLabel')}</label>
        <input
          id={clearId}
          type="text"
          class="app-input app-input-short"
          autocomplete="off"
          spellcheck={false}
          value={confirmText}
          data-testid="clear-confirm"
          onInput={(e) => setConfirmText(e.currentTarget.value)}
        />
        <button
          type="button"
          class="el-btn app-danger"
          data-testid="clear-button"
          disabled={props.busy || confirmText !== 'DELETE'}
          onClick={() => {
            setConfirmText('');
            props.onClear();
          }}
        >
          {t('options_clearButton')}
        </button>
      </div>
    </Section>
  );
}

function ImportStatus({
  step,
  onConfirm,
  onCancel,
}: {
  step: ImportStep;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  switch (step.step) {
    case 'idle':
      return null;
    case 'checking':
      return (
        <p class="el-muted" role="status" data-testid="import-checking">
          {t('import_checking', step.fileName)}
        </p>
      );
    case 'importing':
      return (
        <p class="el-muted" role="status" data-testid="import-running">
          {t('import_running', step.fileName)}
        </p>
      );
    case 'error':
      return <Notice kind="error">{step.message}</Notice>;
    case 'preview':
    case 'done': {
      const { report } = step;
      const nothing = report.added + report.merged === 0;
      return (
        <div
          class="opt-import"
          data-testid={step.step === 'preview' ? 'import-preview' : 'import-done'}
          role="status"
        >
          <p>
            <strong>
              {step.step === 'preview'
                ? t('import_previewTitle', step.fileName)
                : t('import_doneTitle', step.fileName)}
            </strong>
          </p>
          <ul class="opt-list">
            <li data-testid="import-added">{t('import_added', report.added)}</li>
            <li data-testid="import-merged">{t('import_merged', report.merged)}</li>
            <li data-testid="import-unchanged">{t('import_unchanged', report.unchanged)}</li>
            <li data-testid="import-rejected">{t('import_rejected', report.rejected.length)}</li>
          </ul>
          {report.rejected.length > 0 && (
            <details>
              <summary>{t('import_rejectedDetails')}</summary>
              <ul class="opt-list">
                {report.rejected.slice(0, MAX_REJECTIONS_SHOWN).map((r) => (
                  <li key={r.index}>{t('import_rejectedEntry', [r.index + 1, r.reason])}</li>
                ))}
                {report.rejected.length > MAX_REJECTIONS_SHOWN && (
                  <li>{t('import_rejectedMore', report.rejected.length - MAX_REJECTIONS_SHOWN)}</li>
                )}
              </ul>
            </details>
          )}
          {step.step === 'preview' ? (
            <div class="app-inline">
              <button
                type="button"
                class="el-btn"
                data-testid="import-confirm"
                disabled={nothing}
                onClick={onConfirm}
              >
                {t('import_confirm')}
              </button>
              <button type="button" class="el-btn" data-testid="import-cancel" onClick={onCancel}>
                {t('common_cancel')}
              </button>
              {nothing && <span class="el-muted">{t('import_nothingToDo')}</span>}
            </div>
          ) : (
            <p class="el-muted">{t('import_backupTaken')}</p>
          )}
        </div>
      );
    }
  }
}

export interface SyncSectionProps {
  status: SyncStatus | null;
  error?: string | null;
  pending: boolean;
  onToggle: (enabled: boolean) => void;
  locale: string;
}

/** The optional copy of the library in the browser's own sync storage. */
export function SyncSection({ status, error, pending, onToggle, locale }: SyncSectionProps) {
  const percent =
    status && status.quotaBytes > 0
      ? Math.min(100, Math.round((status.bytesUsed / status.quotaBytes) * 100))
      : 0;
  return (
    <Section id="sync" title={t('options_syncHeading')}>
      <p class="el-muted opt-hint">{t('options_syncHint')}</p>
      {error && <Notice kind="error">{error}</Notice>}
      {status && (
        <>
          <Toggle
            label={t('options_syncToggle')}
            checked={status.enabled}
            disabled={pending}
            testId="sync-toggle"
            onChange={onToggle}
          />
          <dl class="opt-facts" data-testid="sync-status">
            <dt>{t('sync_lastSynced')}</dt>
            <dd>{status.lastSyncedAt ? formatDateTime(status.lastSyncedAt, locale) : t('sync_never')}</dd>
            <dt>{t('sync_items')}</dt>
            <dd>{status.itemsSynced.toLocaleString(locale)}</dd>
            <dt>{t('sync_quota')}</dt>
            <dd>
              <meter min={0} max={100} value={percent} high={90} aria-label={t('sync_quota')} />{' '}
              {t('sync_quotaUsed', [
                formatBytes(status.bytesUsed, locale),
                formatBytes(status.quotaBytes, locale),
                percent,
              ])}
            </dd>
          </dl>
          {status.overQuota && <Notice kind="error">{t('sync_overQuota')}</Notice>}
          {status.error && <Notice kind="error">{t('sync_error', status.error)}</Notice>}
        </>
      )}
    </Section>
  );
}

export interface DatasetSectionProps {
  info: { version: string; records: number; seededAt: number | null } | null;
  counts: Readonly<Record<string, number>> | null;
  error?: string | null;
  locale: string;
}

/** What the bundled dataset is: version, papers per leaf, sources and their licences. */
export function DatasetSection({ info, counts, error, locale }: DatasetSectionProps) {
  return (
    <Section id="dataset" title={t('options_datasetHeading')}>
      <p class="el-muted opt-hint">{t('options_datasetIntro')}</p>
      {error && <Notice kind="error">{error}</Notice>}
      {info && (
        <dl class="opt-facts" data-testid="dataset-facts">
          <dt>{t('dataset_version')}</dt>
          <dd>
            <code>{info.version}</code>
          </dd>
          <dt>{t('dataset_records')}</dt>
          <dd>{info.records.toLocaleString(locale)}</dd>
          <dt>{t('dataset_seededAt')}</dt>
          <dd>{info.seededAt ? formatDateTime(info.seededAt, locale) : t('dataset_notSeeded')}</dd>
        </dl>
      )}
      {counts && (
        <details>
          <summary>{t('dataset_perLeaf')}</summary>
          <table class="opt-table" data-testid="leaf-counts">
            <thead>
              <tr>
                <th scope="col">{t('dataset_leaf')}</th>
                <th scope="col">{t('dataset_papers')}</th>
              </tr>
            </thead>
            <tbody>
              {LEAF_IDS.map((leaf) => (
                <tr key={leaf} data-leaf={leaf}>
                  <td>
                    <LeafChip leafId={leaf} /> {getNode(leaf)?.name}
                  </td>
                  <td class="opt-num">{(counts[leaf] ?? 0).toLocaleString(locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
      <h3 class="opt-h3">{t('dataset_sourcesHeading')}</h3>
      <p class="el-muted opt-hint">{t('dataset_sourcesIntro')}</p>
      <table class="opt-table opt-licences" data-testid="licences">
        <thead>
          <tr>
            <th scope="col">{t('dataset_source')}</th>
            <th scope="col">{t('dataset_licence')}</th>
          </tr>
        </thead>
        <tbody>
          {SOURCE_LICENCES.map((source) => (
            <tr key={source.id} data-source={source.id}>
              <td>
                {source.url ? (
                  <a href={source.url} target="_blank" rel="noopener noreferrer">
                    {source.repo}
                  </a>
                ) : (
                  source.repo
                )}
                {source.commit && (
                  <span class="el-muted">
                    {' '}
                    @ <code>{source.commit}</code>
                  </span>
                )}
              </td>
              <td>
                {source.spdx ?? <span class="el-muted">{t('dataset_noLicence')}</span>}
                {source.notice && <div class="el-muted opt-hint">{source.notice}</div>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
  );
}

/** What the extension does with data (nothing leaves the browser). */
export function PrivacySection() {
  return (
    <Section id="privacy" title={t('options_privacyHeading')}>
      <ul class="opt-list opt-privacy">
        <li>{t('privacy_local')}</li>
        <li>{t('privacy_noNetwork')}</li>
        <li>{t('privacy_sync')}</li>
        <li>{t('privacy_pages')}</li>
      </ul>
    </Section>
  );
}
