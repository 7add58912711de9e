import type { RelatedWork } from '../../lib/catalog/types';
import { paperUrl } from '../shared/links';
import { LeafChip } from './LeafChip';

export interface RelatedListProps {
  /** Shown in the order given; the caller decides how many (5–8 at first, more after `onMore`). */
  items: readonly RelatedWork[];
  /** Record ids that are in the user's list; those items get a "Saved" mark. */
  savedKeys: ReadonlySet<string>;
  /** Show a "More" button; it is only shown when `onMore` is given too. */
  hasMore?: boolean;
  onMore?: () => void;
  /** Hide the why-related text (compact overlay). */
  hideReasons?: boolean;
}

/** Related works: a link per paper with year, venue, leaf chips, why it is related, and a Saved mark. */
export function RelatedList({
  items,
  savedKeys,
  hasMore = false,
  onMore,
  hideReasons = false,
}: RelatedListProps) {
  return (
    <div class="el-related" data-testid="related-list">
      {items.length === 0 ? (
        <p class="el-muted" data-testid="related-empty">
          No related works in the dataset.
        </p>
      ) : (
        <ul class="el-related-items">
          {items.map((item) => (
            <RelatedItem
              key={item.record.id}
              item={item}
              saved={savedKeys.has(item.record.id)}
              hideReason={hideReasons}
            />
          ))}
        </ul>
      )}
      {hasMore && onMore && (
        <button
          type="button"
          class="el-btn el-more"
          data-testid="related-more"
          aria-label="More related works"
          onClick={onMore}
        >
          More
        </button>
      )}
    </div>
  );
}

function RelatedItem({
  item,
  saved,
  hideReason,
}: {
  item: RelatedWork;
  saved: boolean;
  hideReason: boolean;
}) {
  const { record } = item;
  const href = paperUrl(record);
  const meta = [record.year === null ? null : String(record.year), record.venue].filter(Boolean).join(' · ');
  return (
    <li class="el-related-item" data-testid="related-item" data-record-id={record.id}>
      {href ? (
        <a class="el-related-title" href={href} title={record.title}>
          {record.title}
        </a>
      ) : (
        <span class="el-related-title">{record.title}</span>
      )}
      <div class="el-related-meta">
        {record.leaves.map((leaf) => (
          <LeafChip key={leaf} leafId={leaf} />
        ))}
        {meta && <span data-testid="related-meta">{meta}</span>}
        {saved && (
          <span class="el-saved-mark" data-testid="saved-mark">
            Saved
          </span>
        )}
      </div>
      {!hideReason && item.reason && (
        <p class="el-reason" data-testid="related-reason">
          {item.reason}
        </p>
      )}
    </li>
  );
}
