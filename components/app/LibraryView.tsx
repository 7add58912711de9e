import { useId, useMemo, useState } from 'preact/hooks';
import { msg, plural, t } from '../../lib/app/i18n';
import {
  EMPTY_FILTER,
  filterLibrary,
  isFiltered,
  LIBRARY_SORTS,
  type LibraryFilter,
  type LibrarySort,
  libraryFacets,
} from '../../lib/app/library-view';
import {
  deselectAll,
  type Selection,
  selectAll,
  selectionState,
  selectRange,
  toggleKey,
} from '../../lib/app/selection';
import { parseTagInput } from '../../lib/app/tags';
import type { LibraryItem, ReadingStatus } from '../../lib/db/schema';
import { LeafChip } from '../overlay/LeafChip';
import { NodeSelect, Notice, STATUS_LABEL_KEYS, STATUSES, StatusSelect } from './controls';
import { VirtualList } from './VirtualList';

/** An export format the page can produce (lib/export). */
export interface ExportOption {
  id: string;
  label: string;
}

/** What a row's copy buttons copy. */
export type CopyKind = 'bibtex' | 'markdown';

export interface LibraryViewProps {
  /** The whole library (the view filters and sorts it). */
  items: readonly LibraryItem[];
  status: 'loading' | 'ready' | 'error';
  errorMessage?: string;
  filter: LibraryFilter;
  onFilterChange: (filter: LibraryFilter) => void;
  selection: Selection;
  /** Called with an update of the current selection (an updater, so quick successive clicks compose). */
  onSelectionChange: (update: (current: Selection) => Selection) => void;
  onBulkAddTags: (keys: string[], tags: string[]) => void;
  onBulkRemoveTags: (keys: string[], tags: string[]) => void;
  onBulkStatus: (keys: string[], status: ReadingStatus) => void;
  onBulkDelete: (keys: string[]) => void;
  /** Export the given items; the bulk bar offers it for the selection. */
  onExport?: (format: string, items: LibraryItem[]) => void;
  exportOptions?: readonly ExportOption[];
  onCopy?: (item: LibraryItem, kind: CopyKind) => void;
  /** Open an item's page (Enter on a row). */
  onOpen: (item: LibraryItem) => void;
  /** True while a bulk action runs. */
  busy?: boolean;
  notice?: { kind: 'info' | 'error' | 'success'; text: string } | null;
  onDismissNotice?: () => void;
  locale: string;
  /** Filters start folded away in the small popup. */
  filtersOpenByDefault?: boolean;
}

const SORT_LABEL_KEYS = {
  'saved-desc': msg('sort_savedDesc'),
  'saved-asc': msg('sort_savedAsc'),
  'year-desc': msg('sort_yearDesc'),
  'year-asc': msg('sort_yearAsc'),
  'title-asc': msg('sort_titleAsc'),
} as const satisfies Record<LibrarySort, string>;

/** Row height estimate (px) at the default font size; VirtualList measures the real one. */
const ROW_HEIGHT = 84;

/** "My library": search, filters, sort, multi-select with bulk actions, and a windowed list of saved papers. */
export function LibraryView(props: LibraryViewProps) {
  const { items, filter, selection, onSelectionChange, locale } = props;
  const shown = useMemo(() => filterLibrary(items, filter, locale), [items, filter, locale]);
  const facets = useMemo(() => libraryFacets(items), [items]);
  const shownKeys = useMemo(() => shown.map((item) => item.key), [shown]);
  const [anchor, setAnchor] = useState<string | null>(null);
  const [filtersOpen, setFiltersOpen] = useState(props.filtersOpenByDefault ?? false);
  const searchId = useId();
  const sortId = useId();
  const tagFilterId = useId();
  const yearFilterId = useId();
  const filtersId = useId();

  const set = (change: Partial<LibraryFilter>) => props.onFilterChange({ ...filter, ...change });
  const activeFilters = [filter.leaf, filter.tag, filter.status, filter.year].filter(
    (v) => v !== null,
  ).length;
  const allState = selectionState(selection, shownKeys);
  const shownSet = useMemo(() => new Set(shownKeys), [shownKeys]);
  const hiddenSelected = [...selection].filter((key) => !shownSet.has(key)).length;

  const toggleRow = (key: string, shift: boolean) => {
    onSelectionChange((current) =>
      shift ? selectRange(current, shownKeys, anchor, key) : toggleKey(current, key),
    );
    setAnchor(key);
  };

  if (props.status === 'loading') {
    return (
      <div class="app-view app-center" data-testid="library-view" data-state="loading" aria-busy="true">
        <p class="el-muted" role="status">
          {t('library_loading')}
        </p>
      </div>
    );
  }
  if (props.status === 'error') {
    return (
      <div class="app-view" data-testid="library-view" data-state="error">
        <Notice kind="error">{props.errorMessage || t('library_error')}</Notice>
      </div>
    );
  }
  if (items.length === 0) {
    return (
      <div class="app-view app-center" data-testid="library-view" data-state="empty">
        <p class="app-empty-title">{t('library_emptyTitle')}</p>
        <p class="el-muted">{t('library_emptyHint')}</p>
      </div>
    );
  }

  return (
    <div class="app-library" data-testid="library-view" data-state="ready">
      <div class="app-toolbar">
        <div class="app-search-row">
          <label for={searchId} class="el-sr-only">
            {t('library_searchLabel')}
          </label>
          <input
            id={searchId}
            type="search"
            class="app-input app-search"
            placeholder={t('library_searchPlaceholder')}
            value={filter.text}
            data-testid="library-search"
            onInput={(e) => set({ text: e.currentTarget.value })}
          />
          <label for={sortId} class="el-sr-only">
            {t('library_sortLabel')}
          </label>
          <select
            id={sortId}
            value={filter.sort}
            data-testid="library-sort"
            onChange={(e) => set({ sort: e.currentTarget.value as LibrarySort })}
          >
            {LIBRARY_SORTS.map((sort) => (
              <option key={sort} value={sort}>
                {t(SORT_LABEL_KEYS[sort])}
              </option>
            ))}
          </select>
          <button
            type="button"
            class="el-btn"
            aria-expanded={filtersOpen}
            aria-controls={filtersId}
            data-testid="filters-toggle"
            onClick={() => setFiltersOpen(!filtersOpen)}
          >
            {activeFilters ? t('library_filtersCount', activeFilters) : t('library_filters')}
          </button>
        </div>
        {filtersOpen && (
          <div class="app-filters" id={filtersId} data-testid="library-filters">
            <NodeSelect
              label={t('filter_leaf')}
              anyLabel={t('filter_anyLeaf')}
              value={filter.leaf}
              onChange={(leaf) => set({ leaf })}
              testId="filter-leaf"
            />
            <span class="app-field">
              <label for={tagFilterId}>{t('filter_tag')}</label>
              <select
                id={tagFilterId}
                value={filter.tag ?? ''}
                data-testid="filter-tag"
                onChange={(e) => set({ tag: e.currentTarget.value || null })}
              >
                <option value="">{t('filter_anyTag')}</option>
                {facets.tags.map(({ tag, count }) => (
                  <option key={tag} value={tag}>{`${tag} (${count})`}</option>
                ))}
              </select>
            </span>
            <span class="app-field">
              <label for={`${tagFilterId}-status`}>{t('filter_status')}</label>
              <select
                id={`${tagFilterId}-status`}
                value={filter.status ?? ''}
                data-testid="filter-status"
                onChange={(e) => set({ status: (e.currentTarget.value || null) as ReadingStatus | null })}
              >
                <option value="">{t('filter_anyStatus')}</option>
                {STATUSES.map((status) => (
                  <option key={status} value={status}>
                    {`${t(STATUS_LABEL_KEYS[status])} (${facets.statusCounts[status]})`}
                  </option>
                ))}
              </select>
            </span>
            <span class="app-field">
              <label for={yearFilterId}>{t('filter_year')}</label>
              <select
                id={yearFilterId}
                value={filter.year === null ? '' : String(filter.year)}
                data-testid="filter-year"
                onChange={(e) => {
                  const value = e.currentTarget.value;
                  set({ year: value === '' ? null : value === 'none' ? 'none' : Number(value) });
                }}
              >
                <option value="">{t('filter_anyYear')}</option>
                {facets.years.map((year) => (
                  <option key={year} value={String(year)}>
                    {year}
                  </option>
                ))}
                {facets.hasUnknownYear && <option value="none">{t('filter_noYear')}</option>}
              </select>
            </span>
            {activeFilters > 0 && (
              <button
                type="button"
                class="el-btn"
                data-testid="clear-filters"
                onClick={() =>
                  props.onFilterChange({ ...EMPTY_FILTER, text: filter.text, sort: filter.sort })
                }
              >
                {t('filter_clear')}
              </button>
            )}
          </div>
        )}
        <div class="app-select-row">
          <label class="app-check">
            <input
              type="checkbox"
              checked={allState === 'all'}
              indeterminate={allState === 'some'}
              disabled={shown.length === 0}
              data-testid="select-all"
              onChange={() =>
                onSelectionChange((current) =>
                  selectionState(current, shownKeys) === 'all'
                    ? deselectAll(current, shownKeys)
                    : selectAll(current, shownKeys),
                )
              }
            />
            <span>{t('library_selectAllShown')}</span>
          </label>
          <span class="el-muted app-count" data-testid="library-count" aria-live="polite">
            {isFiltered(filter)
              ? t('library_shownOfTotal', [
                  shown.length.toLocaleString(locale),
                  items.length.toLocaleString(locale),
                ])
              : plural(items.length, 'count_paperOne', 'count_papersMany')}
          </span>
        </div>
      </div>

      {selection.size > 0 && (
        <BulkBar
          count={selection.size}
          hidden={hiddenSelected}
          busy={props.busy ?? false}
          exportOptions={props.exportOptions ?? []}
          tagSuggestions={facets.tags.map((t) => t.tag)}
          onAddTags={(tags) => props.onBulkAddTags([...selection], tags)}
          onRemoveTags={(tags) => props.onBulkRemoveTags([...selection], tags)}
          onStatus={(status) => props.onBulkStatus([...selection], status)}
          onDelete={() => props.onBulkDelete([...selection])}
          onExport={
            props.onExport
              ? (format) =>
                  props.onExport?.(
                    format,
                    items.filter((item) => selection.has(item.key)),
                  )
              : undefined
          }
          onClear={() => onSelectionChange(() => new Set())}
        />
      )}

      {props.notice && (
        <Notice kind={props.notice.kind} onDismiss={props.onDismissNotice}>
          {props.notice.text}
        </Notice>
      )}

      {shown.length === 0 ? (
        <div class="app-center" data-testid="library-no-match">
          <p class="el-muted">{t('library_noMatch')}</p>
          <button
            type="button"
            class="el-btn"
            onClick={() => props.onFilterChange({ ...EMPTY_FILTER, sort: filter.sort })}
          >
            {t('filter_clearAll')}
          </button>
        </div>
      ) : (
        <VirtualList
          items={shown}
          getKey={(item) => item.key}
          rowHeight={ROW_HEIGHT}
          label={t('library_listLabel')}
          testId="library-list"
          onActivate={(item) => props.onOpen(item)}
          onToggle={(item, _index, event) => toggleRow(item.key, event.shiftKey)}
          renderRow={(item) => (
            <LibraryRow
              item={item}
              selected={selection.has(item.key)}
              onToggleSelected={(shift) => toggleRow(item.key, shift)}
              onCopy={props.onCopy}
              locale={locale}
            />
          )}
        />
      )}
    </div>
  );
}

interface LibraryRowProps {
  item: LibraryItem;
  selected: boolean;
  onToggleSelected: (shift: boolean) => void;
  onCopy?: ((item: LibraryItem, kind: CopyKind) => void) | undefined;
  locale: string;
}

const MAX_TAGS_IN_ROW = 3;

function LibraryRow({ item, selected, onToggleSelected, onCopy, locale }: LibraryRowProps) {
  const extraTags = item.tags.length - MAX_TAGS_IN_ROW;
  return (
    <div
      class={`app-row${selected ? ' app-row-selected' : ''}`}
      data-testid="library-row"
      data-key={item.key}
    >
      <input
        type="checkbox"
        class="app-row-check"
        checked={selected}
        aria-label={t('library_selectItem', item.title)}
        data-testid="row-select"
        // The box toggles itself and the selection follows; no preventDefault: a cancelled click is undone by the
        // browser *after* the re-render, which would leave the box out of step with the selection.
        onClick={(e) => onToggleSelected(e.shiftKey)}
      />
      <div class="app-row-main">
        <a class="app-row-title" href={item.url} target="_blank" rel="noopener noreferrer" title={item.title}>
          {item.title}
        </a>
        <div class="app-row-meta">
          {item.leaves.map((leaf) => (
            <LeafChip key={leaf} leafId={leaf} />
          ))}
          {item.year !== null && <span>{item.year}</span>}
          <span class={`app-status app-status-${item.status}`}>{t(STATUS_LABEL_KEYS[item.status])}</span>
          {item.tags.slice(0, MAX_TAGS_IN_ROW).map((tag) => (
            <span key={tag} class="app-tag app-tag-small">
              {tag}
            </span>
          ))}
          {extraTags > 0 && <span class="el-muted">{`+${extraTags.toLocaleString(locale)}`}</span>}
          {item.note && (
            <span class="app-has-note" title={item.note}>
              <span aria-hidden="true">✎</span>
              <span class="el-sr-only">{t('library_hasNote')}</span>
            </span>
          )}
        </div>
      </div>
      {onCopy && (
        <div class="app-row-actions">
          <button
            type="button"
            class="el-btn app-mini"
            aria-label={t('library_copyBibtexNamed', item.title)}
            title={t('library_copyBibtex')}
            data-testid="copy-bibtex"
            onClick={() => onCopy(item, 'bibtex')}
          >
            BibTeX
          </button>
          <button
            type="button"
            class="el-btn app-mini"
            aria-label={t('library_copyMarkdownNamed', item.title)}
            title={t('library_copyMarkdown')}
            data-testid="copy-markdown"
            onClick={() => onCopy(item, 'markdown')}
          >
            MD
          </button>
        </div>
      )}
    </div>
  );
}

interface BulkBarProps {
  count: number;
  hidden: number;
  busy: boolean;
  exportOptions: readonly ExportOption[];
  tagSuggestions: readonly string[];
  onAddTags: (tags: string[]) => void;
  onRemoveTags: (tags: string[]) => void;
  onStatus: (status: ReadingStatus) => void;
  onDelete: () => void;
  onExport?: ((format: string) => void) | undefined;
  onClear: () => void;
}

function BulkBar(props: BulkBarProps) {
  const [tagText, setTagText] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [format, setFormat] = useState(props.exportOptions[0]?.id ?? '');
  const tagId = useId();
  const listId = useId();
  const formatId = useId();
  const tags = parseTagInput(tagText);
  return (
    <div
      class="app-bulk"
      role="toolbar"
      aria-label={t('bulk_label')}
      data-testid="bulk-bar"
      aria-busy={props.busy || undefined}
    >
      <div class="app-bulk-head">
        <strong data-testid="bulk-count">
          {props.hidden > 0
            ? t('bulk_selectedHidden', [props.count, props.hidden])
            : t('bulk_selected', props.count)}
        </strong>
        <button type="button" class="el-btn" data-testid="bulk-clear" onClick={props.onClear}>
          {t('bulk_clearSelection')}
        </button>
      </div>
      <div class="app-bulk-actions">
        <span class="app-inline">
          <label for={tagId} class="el-sr-only">
            {t('bulk_tagsLabel')}
          </label>
          <input
            id={tagId}
            type="text"
            class="app-input app-input-short"
            placeholder={t('bulk_tagsPlaceholder')}
            value={tagText}
            list={props.tagSuggestions.length ? listId : undefined}
            data-testid="bulk-tags"
            onInput={(e) => setTagText(e.currentTarget.value)}
          />
          <datalist id={listId}>
            {props.tagSuggestions.map((tag) => (
              <option key={tag} value={tag} />
            ))}
          </datalist>
          <button
            type="button"
            class="el-btn"
            disabled={props.busy || tags.length === 0}
            data-testid="bulk-add-tags"
            onClick={() => {
              props.onAddTags(tags);
              setTagText('');
            }}
          >
            {t('bulk_addTags')}
          </button>
          <button
            type="button"
            class="el-btn"
            disabled={props.busy || tags.length === 0}
            data-testid="bulk-remove-tags"
            onClick={() => {
              props.onRemoveTags(tags);
              setTagText('');
            }}
          >
            {t('bulk_removeTags')}
          </button>
        </span>
        <StatusSelect
          label={t('bulk_statusLabel')}
          value=""
          placeholder={t('bulk_statusPlaceholder')}
          disabled={props.busy}
          onChange={props.onStatus}
          testId="bulk-status"
        />
        {props.onExport && props.exportOptions.length > 0 && (
          <span class="app-inline">
            <label for={formatId} class="el-sr-only">
              {t('export_formatLabel')}
            </label>
            <select
              id={formatId}
              value={format}
              data-testid="bulk-export-format"
              onChange={(e) => setFormat(e.currentTarget.value)}
            >
              {props.exportOptions.map((option) => (
                <option key={option.id} value={option.id}>
                  {option.label}
                </option>
              ))}
            </select>
            <button
              type="button"
              class="el-btn"
              disabled={props.busy}
              data-testid="bulk-export"
              onClick={() => props.onExport?.(format)}
            >
              {t('bulk_export')}
            </button>
          </span>
        )}
        {confirming ? (
          <span class="app-inline app-confirm" data-testid="bulk-delete-confirm">
            <span>{t('bulk_deleteConfirm', props.count)}</span>
            <button
              type="button"
              class="el-btn app-danger"
              disabled={props.busy}
              data-testid="bulk-delete-yes"
              onClick={() => {
                setConfirming(false);
                props.onDelete();
              }}
            >
              {t('bulk_deleteYes')}
            </button>
            <button type="button" class="el-btn" onClick={() => setConfirming(false)}>
              {t('common_cancel')}
            </button>
          </span>
        ) : (
          <button
            type="button"
            class="el-btn app-danger"
            disabled={props.busy}
            data-testid="bulk-delete"
            onClick={() => setConfirming(true)}
          >
            {t('bulk_delete')}
          </button>
        )}
      </div>
    </div>
  );
}
