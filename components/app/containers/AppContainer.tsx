import type { ComponentChild } from 'preact';
import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import type { AppEnv } from '../../../lib/app/env';
import type { Exporter } from '../../../lib/app/exporting';
import { locale, t } from '../../../lib/app/i18n';
import {
  bulkAddTags,
  bulkRemove,
  bulkRemoveTags,
  bulkSetStatus,
  updateItem,
} from '../../../lib/app/library-actions';
import { EMPTY_FILTER, type LibraryFilter } from '../../../lib/app/library-view';
import { nodeHref, type Route, routeForView, routeHash, type ViewId } from '../../../lib/app/routes';
import { EMPTY_SELECTION, pruneSelection, type Selection } from '../../../lib/app/selection';
import type { Result } from '../../../lib/messages';
import { type AppLayout, AppShell } from '../AppShell';
import { BrowseView } from '../BrowseView';
import { type CopyKind, LibraryView } from '../LibraryView';
import { PaperView } from '../PaperView';
import { SearchView } from '../SearchView';
import {
  type NodeSort,
  useActivePaper,
  useCounts,
  useHashRoute,
  useLibrary,
  useNodePapers,
  useRecordSaving,
  useSearch,
} from './hooks';

export interface AppContainerProps {
  env: AppEnv;
  layout: AppLayout;
  /** lib/export behind the Exporter interface; null hides export and copy buttons. */
  exporter?: Exporter | null;
  /** The window whose hash holds the route (tests pass happy-dom's). */
  win?: Window;
}

/** The search route to update (a search field only changes while the search view is shown). */
const asSearch = (route: Route | null): Extract<Route, { view: 'search' }> =>
  route?.view === 'search' ? route : { view: 'search', query: '', leaf: null };

type NoticeState = { kind: 'info' | 'error' | 'success'; text: string } | null;

const VIEWS_BY_LAYOUT: Record<AppLayout, readonly ViewId[]> = {
  popup: ['paper', 'library', 'browse', 'search'],
  sidepanel: ['paper', 'library', 'browse', 'search'],
  // A full tab is not looking at a paper: "This paper" would always be empty there.
  tab: ['library', 'browse', 'search'],
};

/** The popup, side panel and browser-tab app, connected to the background through `env`. */
export function AppContainer({ env, layout, exporter = null, win = window }: AppContainerProps) {
  const views = VIEWS_BY_LAYOUT[layout];
  const hasPaperView = views.includes('paper');
  const { route: hashRoute, navigate } = useHashRoute(null, win);
  const library = useLibrary(env);
  const active = useActivePaper(env, hasPaperView, layout === 'sidepanel');

  // Without a route in the hash: "This paper" when the active tab is a paper, else the library (browse in a
  // tab). Decided once, on the first answer: the side panel must not jump to the library whenever the user
  // switches to a tab that is not a paper.
  const [firstAnswer, setFirstAnswer] = useState<'paper' | 'no-paper' | null>(null);
  useEffect(() => {
    if (firstAnswer === null && active.state !== 'loading') {
      setFirstAnswer(active.state === 'no-paper' ? 'no-paper' : 'paper');
    }
  }, [active.state, firstAnswer]);
  const fallback: Route = !hasPaperView
    ? { view: 'browse', nodeId: null }
    : (firstAnswer ?? (active.state === 'no-paper' ? 'no-paper' : 'paper')) === 'no-paper'
      ? { view: 'library' }
      : { view: 'paper' };
  const route = hashRoute && views.includes(hashRoute.view) ? hashRoute : fallback;

  const [notice, setNotice] = useState<NoticeState>(null);
  const [busy, setBusy] = useState(false);
  const [filter, setFilter] = useState<LibraryFilter>(EMPTY_FILTER);
  const [selection, setSelection] = useState<Selection>(EMPTY_SELECTION);
  const [nodeSort, setNodeSort] = useState<NodeSort>('year-desc');
  const [savePending, setSavePending] = useState(false);
  const [paperError, setPaperError] = useState<string | null>(null);

  const showError = useCallback((text: string) => setNotice({ kind: 'error', text }), []);
  const saving = useRecordSaving(env, library, showError);
  const needCatalog = route.view === 'browse' || route.view === 'search';
  const counts = useCounts(env, needCatalog);
  const node = useNodePapers(env, route.view === 'browse' ? route.nodeId : null, nodeSort);
  const search = useSearch(
    env,
    route.view === 'search' ? route.query : '',
    route.view === 'search' ? route.leaf : null,
  );

  // Keys removed elsewhere leave the selection.
  useEffect(() => setSelection((s) => pruneSelection(s, library.keys)), [library.keys]);

  // The item of "This paper", if saved.
  const paperKey = 'lookup' in active ? active.lookup.libraryKey : null;
  const paperItem = useMemo(
    () => (paperKey ? (library.items.find((i) => i.key === paperKey) ?? null) : null),
    [library.items, paperKey],
  );

  const runBulk = async <T,>(action: () => Promise<Result<T>>, success: (value: T) => string) => {
    setBusy(true);
    setNotice(null);
    try {
      const reply = await action();
      if (reply.ok) setNotice({ kind: 'success', text: success(reply.value) });
      else showError(reply.error);
    } finally {
      await library.reload();
      setBusy(false);
    }
  };

  const copy = async (item: (typeof library.items)[number], kind: CopyKind) => {
    if (!exporter) return;
    try {
      await env.copyText(exporter.citation(item, kind));
      setNotice({ kind: 'success', text: kind === 'bibtex' ? t('copy_bibtexDone') : t('copy_markdownDone') });
    } catch (error) {
      showError(t('copy_failed', (error as Error).message));
    }
  };

  const exportItems = (format: string, items: readonly (typeof library.items)[number][]) => {
    if (!exporter) return;
    try {
      const file = exporter.exportFile(items, format, env.now());
      env.download(file.fileName, file.mimeType, file.text);
      setNotice({ kind: 'success', text: t('export_done', [items.length, file.fileName]) });
    } catch (error) {
      showError(t('export_failed', (error as Error).message));
    }
  };

  const toggleThisPaper = async () => {
    if (!('lookup' in active)) return;
    const { lookup, active: tab } = active;
    setSavePending(true);
    setPaperError(null);
    try {
      if (paperItem) {
        const reply = await env.send('unsavePaper', { key: paperItem.key });
        if (reply.ok) library.remove(paperItem.key);
        else setPaperError(reply.error);
      } else {
        const ids = tab.ref.kind === 'arxiv' ? { arxivId: tab.ref.id } : { openreviewId: tab.ref.id };
        const title =
          lookup.paper?.title ??
          tab.titleHint ??
          (tab.ref.kind === 'arxiv' ? `arXiv:${tab.ref.id}` : `OpenReview ${tab.ref.id}`);
        const reply = await env.send('savePaper', {
          key: lookup.libraryKey,
          ...ids,
          title,
          url: tab.url,
          ...(lookup.paper ? { leaves: lookup.paper.leaves } : {}),
        });
        if (reply.ok) library.upsert(reply.value);
        else setPaperError(reply.error);
      }
    } finally {
      setSavePending(false);
    }
  };

  const updateThisPaper = async (change: Parameters<typeof updateItem>[2]): Promise<boolean> => {
    if (!paperItem) return false;
    const reply = await updateItem(env.send, paperItem.key, change);
    if (reply.ok) library.upsert(reply.value);
    else setPaperError(reply.error);
    return reply.ok;
  };

  const tagSuggestions = useMemo(() => {
    const all = new Map<string, string>();
    for (const item of library.items) for (const tag of item.tags) all.set(tag.toLowerCase(), tag);
    return [...all.values()].sort((a, b) => a.localeCompare(b));
  }, [library.items]);

  const uiLocale = locale();
  let panel: ComponentChild;
  switch (route.view) {
    case 'paper': {
      const state = active.state;
      panel = (
        <PaperView
          state={state}
          errorMessage={'error' in active ? active.error : undefined}
          active={'active' in active ? active.active : null}
          paper={'lookup' in active ? active.lookup.paper : null}
          fuzzy={'lookup' in active && active.lookup.matchedBy === 'title-fuzzy'}
          prediction={'lookup' in active ? (active.lookup.prediction ?? null) : null}
          related={'lookup' in active ? active.lookup.related : undefined}
          savedKeys={library.keys}
          pendingKeys={saving.pending}
          onToggleSaveRelated={(record) => void saving.toggle(record)}
          item={paperItem}
          savePending={savePending}
          onToggleSave={() => void toggleThisPaper()}
          onStatusChange={(status) => void updateThisPaper({ status })}
          onTagsChange={(tags) => void updateThisPaper({ tags })}
          onNoteSave={(note) => updateThisPaper({ note })}
          tagSuggestions={tagSuggestions}
          nodeHref={nodeHref}
          actionError={paperError ?? (notice?.kind === 'error' ? notice.text : null)}
          onDismissError={() => {
            setPaperError(null);
            setNotice(null);
          }}
        />
      );
      break;
    }
    case 'library':
      panel = (
        <LibraryView
          items={library.items}
          status={library.status}
          errorMessage={library.error ?? undefined}
          filter={filter}
          onFilterChange={setFilter}
          selection={selection}
          onSelectionChange={setSelection}
          busy={busy}
          notice={notice}
          onDismissNotice={() => setNotice(null)}
          locale={uiLocale}
          filtersOpenByDefault={layout === 'tab'}
          onOpen={(item) => env.openTab(item.url)}
          onBulkAddTags={(keys, tags) =>
            void runBulk(
              () => bulkAddTags(env.send, keys, tags),
              (v) => t('bulk_updatedDone', v.updated),
            )
          }
          onBulkRemoveTags={(keys, tags) =>
            void runBulk(
              () => bulkRemoveTags(env.send, keys, tags),
              (v) => t('bulk_updatedDone', v.updated),
            )
          }
          onBulkStatus={(keys, status) =>
            void runBulk(
              () => bulkSetStatus(env.send, keys, status),
              (v) => t('bulk_updatedDone', v.updated),
            )
          }
          onBulkDelete={(keys) =>
            void runBulk(
              () => bulkRemove(env.send, keys),
              (v) => t('bulk_removedDone', v.removed),
            )
          }
          exportOptions={exporter?.formats}
          onExport={exporter ? exportItems : undefined}
          onCopy={exporter ? (item, kind) => void copy(item, kind) : undefined}
        />
      );
      break;
    case 'browse':
      panel = (
        <>
          {notice?.kind === 'error' && (
            <p class="app-inline-error" role="alert">
              {notice.text}
            </p>
          )}
          <BrowseView
            counts={counts.counts}
            countsError={counts.error}
            nodeId={route.nodeId}
            nodeStatus={node.status}
            nodeError={node.error}
            papers={node.papers}
            sort={nodeSort}
            onSortChange={setNodeSort}
            savedKeys={library.keys}
            pendingKeys={saving.pending}
            onToggleSave={(record) => void saving.toggle(record)}
            nodeHref={nodeHref}
            treeHref={routeHash({ view: 'browse', nodeId: null })}
            layout={layout === 'tab' ? 'split' : 'stack'}
          />
        </>
      );
      break;
    case 'search':
      panel = (
        <>
          {notice?.kind === 'error' && (
            <p class="app-inline-error" role="alert">
              {notice.text}
            </p>
          )}
          <SearchView
            query={route.query}
            leaf={route.leaf}
            onQueryChange={(query) => navigate((r) => ({ ...asSearch(r), query }), true)}
            onLeafChange={(leaf) => navigate((r) => ({ ...asSearch(r), leaf }), true)}
            status={search.status}
            errorMessage={search.error}
            hits={search.hits}
            savedKeys={library.keys}
            pendingKeys={saving.pending}
            onToggleSave={(record) => void saving.toggle(record)}
            counts={counts.counts ?? undefined}
          />
        </>
      );
      break;
  }

  return (
    <AppShell
      layout={layout}
      views={views}
      view={route.view}
      onSelectView={(view) => {
        setNotice(null);
        navigate(routeForView(view));
      }}
      onOpenOptions={() => env.openOptions()}
      onOpenInTab={
        layout === 'popup'
          ? () =>
              env.openExtensionPage(`/browse.html${route.view === 'paper' ? '#/library' : routeHash(route)}`)
          : undefined
      }
      libraryCount={library.status === 'ready' ? library.items.length : undefined}
    >
      {panel}
    </AppShell>
  );
}
