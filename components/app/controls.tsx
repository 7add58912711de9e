import type { ComponentChildren } from 'preact';
import { useId } from 'preact/hooks';
import { msg, t } from '../../lib/app/i18n';
import type { ReadingStatus } from '../../lib/db/schema';
import { getPath, TAXONOMY_NODES } from '../../lib/taxonomy';

/** Small presentational controls shared by the views: save toggle, status select, node select, notices. */

export interface SaveToggleProps {
  saved: boolean;
  onToggle: () => void;
  pending?: boolean;
  /** The paper's title, for an accessible name that says which paper (lists have one button per row). */
  title?: string;
  compact?: boolean;
  disabled?: boolean;
}

/** Save / Saved toggle (aria-pressed). In lists its accessible name includes the paper's title. */
export function SaveToggle({
  saved,
  onToggle,
  pending = false,
  title,
  compact = false,
  disabled,
}: SaveToggleProps) {
  const text = saved ? t('save_saved') : t('save_save');
  return (
    <button
      type="button"
      class={`el-btn el-save app-save${compact ? ' app-save-compact' : ''}`}
      data-testid="save-toggle"
      aria-pressed={saved}
      aria-busy={pending || undefined}
      aria-label={title ? (saved ? t('save_savedNamed', title) : t('save_saveNamed', title)) : undefined}
      disabled={pending || disabled}
      onClick={onToggle}
    >
      <span class="el-icon" aria-hidden="true">
        {saved ? '★' : '☆'}
      </span>
      <span class={compact ? 'el-sr-only' : undefined}>{text}</span>
    </button>
  );
}

export const STATUS_LABEL_KEYS = {
  'to-read': msg('status_toRead'),
  reading: msg('status_reading'),
  read: msg('status_read'),
} as const satisfies Record<ReadingStatus, string>;

export const STATUSES: readonly ReadingStatus[] = ['to-read', 'reading', 'read'];

export interface StatusSelectProps {
  value: ReadingStatus | '';
  onChange: (status: ReadingStatus) => void;
  /** Visible label text; the select is labelled by it. */
  label: string;
  /** Offer an empty "choose…" first option (bulk actions start with none). */
  placeholder?: string;
  disabled?: boolean;
  testId?: string;
}

/** A labelled reading-status select. */
export function StatusSelect({ value, onChange, label, placeholder, disabled, testId }: StatusSelectProps) {
  const id = useId();
  return (
    <span class="app-field">
      <label for={id}>{label}</label>
      <select
        id={id}
        value={value}
        disabled={disabled}
        data-testid={testId ?? 'status-select'}
        onChange={(e) => {
          const next = e.currentTarget.value;
          if (next) onChange(next as ReadingStatus);
        }}
      >
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {STATUSES.map((status) => (
          <option key={status} value={status}>
            {t(STATUS_LABEL_KEYS[status])}
          </option>
        ))}
      </select>
    </span>
  );
}

export interface NodeSelectProps {
  value: string | null;
  onChange: (nodeId: string | null) => void;
  label: string;
  /** Text of the "any node" option. */
  anyLabel: string;
  counts?: Readonly<Record<string, number>>;
  testId?: string;
}

/** A taxonomy node select (areas, groups and leaves, indented), with an "any" option. */
export function NodeSelect({ value, onChange, label, anyLabel, counts, testId }: NodeSelectProps) {
  const id = useId();
  return (
    <span class="app-field">
      <label for={id}>{label}</label>
      <select
        id={id}
        value={value ?? ''}
        data-testid={testId ?? 'node-select'}
        onChange={(e) => onChange(e.currentTarget.value || null)}
      >
        <option value="">{anyLabel}</option>
        {TAXONOMY_NODES.map((node) => {
          const depth = getPath(node.id).length - 1;
          const count = counts?.[node.id];
          return (
            <option key={node.id} value={node.id}>
              {`${'\u2003'.repeat(depth)}${node.kind === 'area' ? `§${node.section} ` : ''}${node.name}${count !== undefined ? ` (${count})` : ''}`}
            </option>
          );
        })}
      </select>
    </span>
  );
}

export interface NoticeProps {
  kind: 'info' | 'error' | 'success';
  children: ComponentChildren;
  onDismiss?: () => void;
}

/** A status line; errors are announced assertively, the rest politely. */
export function Notice({ kind, children, onDismiss }: NoticeProps) {
  return (
    <div
      class={`app-notice app-notice-${kind}`}
      role={kind === 'error' ? 'alert' : 'status'}
      data-testid="notice"
    >
      <span class="app-notice-text">{children}</span>
      {onDismiss && (
        <button type="button" class="el-btn el-icon-btn" aria-label={t('common_dismiss')} onClick={onDismiss}>
          <span aria-hidden="true">×</span>
        </button>
      )}
    </div>
  );
}
