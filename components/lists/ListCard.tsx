import type { RelatedWork } from '../../lib/catalog/types';
import { RelatedList } from '../overlay/RelatedList';
import { SaveButton } from '../overlay/SaveButton';
import { TaxonomyPath } from '../overlay/TaxonomyPath';

export interface ListCardProps {
  /** The catalog's title and year of the entry (from lookupMany). */
  title: string;
  year: number | null;
  leaves: readonly string[];
  /** 'loading' until lookupPaper answered (paths show at once; related works and Save wait). */
  state: 'loading' | 'ready' | 'error';
  related: readonly RelatedWork[];
  /** Record ids of related works in the user's list. */
  relatedSaved: ReadonlySet<string>;
  saved: boolean;
  savePending: boolean;
  onToggleSave: () => void;
  onClose: () => void;
  nodeHref: (nodeId: string) => string;
  errorMessage?: string | undefined;
}

/**
 * The small card a list chip opens: where the paper sits in the taxonomy (one path per leaf), its related
 * works and Save. A non-modal dialog; Escape and the close button close it (the controller returns focus to
 * the chip).
 */
export function ListCard(props: ListCardProps) {
  const { title, year, leaves, state } = props;
  return (
    <section
      class="el-card el-list-card"
      data-testid="list-card"
      role="dialog"
      aria-label={`Efficiency survey: ${title}`}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.stopPropagation();
          props.onClose();
        }
      }}
    >
      <div class="el-header">
        <span class="el-title" data-testid="list-card-title">
          {title}
          {year !== null && <span class="el-muted"> ({year})</span>}
        </span>
        <button
          type="button"
          class="el-btn el-icon-btn"
          data-testid="list-card-close"
          aria-label="Close"
          onClick={props.onClose}
        >
          <span aria-hidden="true">×</span>
        </button>
      </div>
      <div class="el-body el-list-card-body">
        <ul class="el-list-paths">
          {leaves.map((leaf) => (
            <li key={leaf} data-testid="list-card-path" data-leaf={leaf}>
              <TaxonomyPath nodeId={leaf} nodeHref={props.nodeHref} />
            </li>
          ))}
        </ul>
        {state === 'error' && (
          <p class="el-muted" role="alert" data-testid="list-card-error">
            {props.errorMessage ?? 'Could not load the details.'}
          </p>
        )}
        {state === 'loading' && (
          <p class="el-muted" data-testid="list-card-loading">
            Loading related works…
          </p>
        )}
        {state === 'ready' && (
          <>
            <h3 class="el-list-heading">Related works</h3>
            <RelatedList items={props.related} savedKeys={props.relatedSaved} hideReasons />
          </>
        )}
        <div class="el-list-actions">
          <SaveButton saved={props.saved} pending={props.savePending} onToggle={props.onToggleSave} />
        </div>
      </div>
    </section>
  );
}
