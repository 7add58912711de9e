import { recordKey } from '../../lib/app/library-actions';
import type { PaperRecord } from '../../lib/dataset/schema';
import { LeafChip } from '../overlay/LeafChip';
import { paperUrl } from '../shared/links';
import { SaveToggle } from './controls';

export interface PaperListEntry {
  record: PaperRecord;
  /** Why it is listed (related works), shown under the title. */
  reason?: string;
}

export interface PaperListProps {
  entries: readonly PaperListEntry[];
  /** Library keys of saved papers. */
  savedKeys: ReadonlySet<string>;
  /** Library keys with a save/unsave in flight. */
  pendingKeys?: ReadonlySet<string>;
  onToggleSave: (record: PaperRecord) => void;
  /** Accessible name of the list. */
  label: string;
  /** Shown instead of the list when there are no entries. */
  emptyText: string;
  testId?: string;
}

/**
 * Catalog papers (related works, a taxonomy node's papers, search hits): a link to each paper's page, year and
 * venue, leaf chips, and a Save toggle that names the paper for screen readers.
 */
export function PaperList({
  entries,
  savedKeys,
  pendingKeys,
  onToggleSave,
  label,
  emptyText,
  testId = 'paper-list',
}: PaperListProps) {
  if (entries.length === 0) {
    return (
      <p class="el-muted" data-testid={`${testId}-empty`}>
        {emptyText}
      </p>
    );
  }
  return (
    <ul class="app-papers" aria-label={label} data-testid={testId}>
      {entries.map(({ record, reason }) => {
        const key = recordKey(record);
        const href = paperUrl(record);
        const meta = [record.year === null ? null : String(record.year), record.venue]
          .filter(Boolean)
          .join(' · ');
        return (
          <li key={record.id} class="app-paper" data-testid="paper-item" data-record-id={record.id}>
            <div class="app-paper-main">
              {href ? (
                <a
                  class="app-paper-title"
                  href={href}
                  target="_blank"
                  rel="noopener noreferrer"
                  title={record.title}
                >
                  {record.title}
                </a>
              ) : (
                <span class="app-paper-title">{record.title}</span>
              )}
              <div class="app-paper-meta">
                {record.leaves.map((leaf) => (
                  <LeafChip key={leaf} leafId={leaf} />
                ))}
                {meta && <span>{meta}</span>}
              </div>
              {reason && <p class="el-reason">{reason}</p>}
            </div>
            <SaveToggle
              compact
              saved={key !== null && savedKeys.has(key)}
              pending={key !== null && (pendingKeys?.has(key) ?? false)}
              disabled={key === null || !href}
              title={record.title}
              onToggle={() => onToggleSave(record)}
            />
          </li>
        );
      })}
    </ul>
  );
}
