import { useId } from 'preact/hooks';
import { plural, t } from '../../lib/app/i18n';
import type { SearchHit } from '../../lib/catalog/types';
import type { PaperRecord } from '../../lib/dataset/schema';
import { NodeSelect, Notice } from './controls';
import { PaperList } from './PaperList';

export interface SearchViewProps {
  query: string;
  leaf: string | null;
  onQueryChange: (query: string) => void;
  onLeafChange: (leaf: string | null) => void;
  status: 'idle' | 'loading' | 'ready' | 'error';
  errorMessage?: string | null;
  hits: readonly SearchHit[];
  savedKeys: ReadonlySet<string>;
  pendingKeys?: ReadonlySet<string>;
  onToggleSave: (record: PaperRecord) => void;
  counts?: Readonly<Record<string, number>>;
}

/** Title search over the survey dataset, optionally within a taxonomy node. */
export function SearchView(props: SearchViewProps) {
  const id = useId();
  return (
    <div class="app-view app-search-view" data-testid="search-view">
      <form
        class="app-search-form"
        onSubmit={(e) => {
          e.preventDefault();
          props.onQueryChange(props.query);
        }}
      >
        <label for={id} class="app-label">
          {t('search_label')}
        </label>
        <input
          id={id}
          type="search"
          class="app-input app-search"
          placeholder={t('search_placeholder')}
          value={props.query}
          data-testid="search-input"
          onInput={(e) => props.onQueryChange(e.currentTarget.value)}
        />
        <NodeSelect
          label={t('search_within')}
          anyLabel={t('search_anywhere')}
          value={props.leaf}
          onChange={props.onLeafChange}
          counts={props.counts}
          testId="search-leaf"
        />
      </form>
      {props.status === 'idle' && <p class="el-muted">{t('search_hint')}</p>}
      {props.status === 'loading' && (
        <p class="el-muted" role="status">
          {t('search_loading')}
        </p>
      )}
      {props.status === 'error' && <Notice kind="error">{props.errorMessage || t('search_error')}</Notice>}
      {props.status === 'ready' && (
        <>
          <p class="el-muted app-count" aria-live="polite" data-testid="search-count">
            {plural(props.hits.length, 'search_resultOne', 'search_resultsMany')}
          </p>
          <PaperList
            entries={props.hits.map((hit) => ({ record: hit.record }))}
            savedKeys={props.savedKeys}
            pendingKeys={props.pendingKeys}
            onToggleSave={props.onToggleSave}
            label={t('search_resultsLabel')}
            emptyText={t('search_noResults')}
            testId="search-list"
          />
        </>
      )}
    </div>
  );
}
