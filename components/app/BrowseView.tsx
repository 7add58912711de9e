import { useId, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { plural, t } from '../../lib/app/i18n';
import { foldText, queryTokens } from '../../lib/app/library-view';
import type { PaperRecord } from '../../lib/dataset/schema';
import { getNode } from '../../lib/taxonomy';
import { TaxonomyPath } from '../overlay/TaxonomyPath';
import { TaxonomyTree } from '../overlay/TaxonomyTree';
import { Notice } from './controls';
import { PaperList } from './PaperList';

export type NodeSort = 'year-desc' | 'year-asc' | 'title';

export interface BrowseViewProps {
  /** Papers per node; null while loading. */
  counts: Readonly<Record<string, number>> | null;
  countsError?: string | null;
  /** The open node, or null for the tree alone. */
  nodeId: string | null;
  nodeStatus: 'idle' | 'loading' | 'ready' | 'error';
  nodeError?: string | null;
  /** The open node's papers, in `sort` order. */
  papers: readonly PaperRecord[];
  sort: NodeSort;
  onSortChange: (sort: NodeSort) => void;
  savedKeys: ReadonlySet<string>;
  pendingKeys?: ReadonlySet<string>;
  onToggleSave: (record: PaperRecord) => void;
  nodeHref: (nodeId: string) => string;
  /** Where "all topics" goes (the tree). */
  treeHref: string;
  /** 'split': tree and node side by side (browser tab); 'stack': one at a time (popup, side panel). */
  layout: 'split' | 'stack';
  /** Papers shown before "Show more". */
  pageSize?: number;
}

/** Taxonomy browser: the survey's tree with paper counts; a node opens its papers (search within, sort). */
export function BrowseView(props: BrowseViewProps) {
  const { nodeId, layout } = props;
  const treeRef = useRef<HTMLElement>(null);
  // TaxonomyTree (shared with the overlay) has no notion of a current node; mark the open node's link here.
  useLayoutEffect(() => {
    const links = treeRef.current?.querySelectorAll<HTMLAnchorElement>(
      '[data-testid="tree-node"] > .el-tree-row > a',
    );
    for (const link of links ?? []) {
      const current = link.closest<HTMLElement>('[data-testid="tree-node"]')?.dataset.nodeId === nodeId;
      if (current) link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
    }
  });
  const tree = (
    <nav class="app-tree" aria-label={t('browse_treeLabel')} data-testid="browse-tree" ref={treeRef}>
      {props.countsError && <Notice kind="error">{props.countsError}</Notice>}
      <TaxonomyTree
        nodeHref={props.nodeHref}
        counts={props.counts ?? undefined}
        label={t('browse_treeLabel')}
      />
    </nav>
  );
  if (!nodeId) {
    return (
      <div class="app-view app-browse" data-testid="browse-view" data-node="">
        <p class="el-muted">{t('browse_intro')}</p>
        {tree}
      </div>
    );
  }
  const node = <NodePapers key={nodeId} {...props} nodeId={nodeId} />;
  if (layout === 'split') {
    return (
      <div class="app-browse-split" data-testid="browse-view" data-node={nodeId}>
        {tree}
        {node}
      </div>
    );
  }
  return (
    <div class="app-view app-browse" data-testid="browse-view" data-node={nodeId}>
      <a class="app-back" href={props.treeHref} data-testid="browse-back">
        <span aria-hidden="true">←</span> {t('browse_allTopics')}
      </a>
      {node}
    </div>
  );
}

function NodePapers(props: BrowseViewProps & { nodeId: string }) {
  const { nodeId, papers } = props;
  const [query, setQuery] = useState('');
  const [limit, setLimit] = useState(props.pageSize ?? 100);
  const searchId = useId();
  const sortId = useId();
  const node = getNode(nodeId);
  const tokens = queryTokens(query);
  const shown = useMemo(
    () =>
      tokens.length ? papers.filter((p) => tokens.every((tok) => foldText(p.title).includes(tok))) : papers,
    [papers, tokens.join(' ')],
  );
  if (!node) return <Notice kind="error">{t('browse_unknownNode', nodeId)}</Notice>;
  return (
    <section class="app-node" aria-labelledby="node-title" data-testid="node-papers">
      <TaxonomyPath nodeId={nodeId} nodeHref={props.nodeHref} />
      <h2 class="app-card-title" id="node-title">
        {node.name}
      </h2>
      {node.description && <p class="el-muted app-node-desc">{node.description}</p>}
      <div class="app-search-row">
        <label for={searchId} class="el-sr-only">
          {t('browse_searchWithin', node.name)}
        </label>
        <input
          id={searchId}
          type="search"
          class="app-input app-search"
          placeholder={t('browse_searchPlaceholder')}
          value={query}
          data-testid="node-search"
          onInput={(e) => setQuery(e.currentTarget.value)}
        />
        <label for={sortId} class="el-sr-only">
          {t('library_sortLabel')}
        </label>
        <select
          id={sortId}
          value={props.sort}
          data-testid="node-sort"
          onChange={(e) => props.onSortChange(e.currentTarget.value as NodeSort)}
        >
          <option value="year-desc">{t('sort_yearDesc')}</option>
          <option value="year-asc">{t('sort_yearAsc')}</option>
          <option value="title">{t('sort_titleAsc')}</option>
        </select>
      </div>
      {props.nodeStatus === 'loading' && (
        <p class="el-muted" role="status">
          {t('browse_loading')}
        </p>
      )}
      {props.nodeStatus === 'error' && <Notice kind="error">{props.nodeError || t('browse_error')}</Notice>}
      {props.nodeStatus === 'ready' && (
        <>
          <p class="el-muted app-count" aria-live="polite" data-testid="node-count">
            {tokens.length
              ? t('library_shownOfTotal', [shown.length, papers.length])
              : plural(papers.length, 'count_paperOne', 'count_papersMany')}
          </p>
          <PaperList
            entries={shown.slice(0, limit).map((record) => ({ record }))}
            savedKeys={props.savedKeys}
            pendingKeys={props.pendingKeys}
            onToggleSave={props.onToggleSave}
            label={t('browse_papersIn', node.name)}
            emptyText={tokens.length ? t('browse_noMatch') : t('browse_empty')}
            testId="node-list"
          />
          {shown.length > limit && (
            <button
              type="button"
              class="el-btn el-more"
              data-testid="node-more"
              onClick={() => setLimit(limit + (props.pageSize ?? 100))}
            >
              {t('browse_showMore', shown.length - limit)}
            </button>
          )}
        </>
      )}
    </section>
  );
}
