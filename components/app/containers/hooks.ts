import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { type ActivePaper, activePaperFromTab } from '../../../lib/app/active-paper';
import type { AppMessages } from '../../../lib/app/api';
import type { AppEnv } from '../../../lib/app/env';
import { saveRecord } from '../../../lib/app/library-actions';
import { parseRoute, type Route, routeHash } from '../../../lib/app/routes';
import type { SearchHit } from '../../../lib/catalog/types';
import type { PaperRecord } from '../../../lib/dataset/schema';
import type { LibraryItem } from '../../../lib/db/schema';
import { libraryKeyFor } from '../../../lib/library-key';
import { paperUrl } from '../../shared/links';

/**
 * The connected side of the pages: hooks that fetch through `env.send` and keep page state. Components below
 * components/app get their data from these through props.
 */

type LoadState = 'loading' | 'ready' | 'error';

/** A route, or an update of the current one (so quick successive changes compose). */
export type RouteChange = Route | ((current: Route | null) => Route);

/** The route in location.hash, kept in sync both ways; `fallback` is used while the hash names no route. */
export function useHashRoute(fallback: Route | null, win: Window = window) {
  const [route, setRoute] = useState<Route | null>(() => parseRoute(win.location.hash));
  // The latest route, for updates that arrive before the next render.
  const current = useRef(route);
  current.current = route;
  useEffect(() => {
    const onHash = () => {
      current.current = parseRoute(win.location.hash);
      setRoute(current.current);
    };
    win.addEventListener('hashchange', onHash);
    return () => win.removeEventListener('hashchange', onHash);
  }, [win]);
  const navigate = useCallback(
    (change: RouteChange, replace = false) => {
      const next = typeof change === 'function' ? change(current.current) : change;
      current.current = next;
      const hash = routeHash(next);
      if (replace) win.history.replaceState(null, '', hash);
      else if (win.location.hash !== hash) win.location.hash = hash;
      setRoute(next);
    },
    [win],
  );
  return { route: route ?? fallback, navigate };
}

export interface LibraryState {
  items: LibraryItem[];
  status: LoadState;
  error: string | null;
  /** Library keys, for saved marks. */
  keys: ReadonlySet<string>;
  reload(): Promise<void>;
  /** Put a stored item (a save or update reply) into the list without a reload. */
  upsert(item: LibraryItem): void;
  remove(key: string): void;
}

/** The saved papers, loaded once and again whenever any page or tab changes the library. */
export function useLibrary(env: AppEnv): LibraryState {
  const [items, setItems] = useState<LibraryItem[]>([]);
  const [status, setStatus] = useState<LoadState>('loading');
  const [error, setError] = useState<string | null>(null);
  const generation = useRef(0);

  const reload = useCallback(async () => {
    const mine = ++generation.current;
    const reply = await env.send('listLibrary', {});
    // A slower, older reply must not overwrite a newer one.
    if (mine !== generation.current) return;
    if (reply.ok) {
      setItems(reply.value);
      setStatus('ready');
      setError(null);
    } else {
      setStatus((s) => (s === 'ready' ? s : 'error'));
      setError(reply.error);
    }
  }, [env]);

  useEffect(() => {
    void reload();
    let timer: ReturnType<typeof setTimeout> | null = null;
    // Changes come in bursts (a bulk action announces once per item in some versions): reload once per burst.
    const off = env.onLibraryChange(() => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => void reload(), 150);
    });
    return () => {
      off();
      if (timer) clearTimeout(timer);
    };
  }, [env, reload]);

  const upsert = useCallback((item: LibraryItem) => {
    setItems((list) => {
      const index = list.findIndex((i) => i.key === item.key);
      if (index < 0) return [item, ...list];
      const next = [...list];
      next[index] = item;
      return next;
    });
  }, []);
  const remove = useCallback((key: string) => setItems((list) => list.filter((i) => i.key !== key)), []);
  const keys = useMemo(() => new Set(items.map((i) => i.key)), [items]);
  return { items, status, error, keys, reload, upsert, remove };
}

export type ActivePaperState =
  | { state: 'loading' }
  | { state: 'no-paper' }
  | { state: 'error'; error: string; active: ActivePaper | null }
  | {
      state: 'in-survey' | 'not-in-survey';
      active: ActivePaper;
      lookup: AppMessages['lookupPaper']['output'];
    };

/** The paper in the active tab and its lookup; follows tab switches when `follow` (side panel). */
export function useActivePaper(env: AppEnv, enabled: boolean, follow: boolean): ActivePaperState {
  const [state, setState] = useState<ActivePaperState>({ state: enabled ? 'loading' : 'no-paper' });
  const generation = useRef(0);
  const load = useCallback(async () => {
    const mine = ++generation.current;
    const active = activePaperFromTab(await env.activeTab());
    if (mine !== generation.current) return;
    if (!active) {
      setState({ state: 'no-paper' });
      return;
    }
    const identity =
      active.ref.kind === 'arxiv' ? { arxivId: active.ref.id } : { openreviewId: active.ref.id };
    const reply = await env.send('lookupPaper', {
      ...identity,
      ...(active.titleHint ? { title: active.titleHint } : {}),
      relatedLimit: 8,
    });
    if (mine !== generation.current) return;
    if (!reply.ok) setState({ state: 'error', error: reply.error, active });
    else setState({ state: reply.value.paper ? 'in-survey' : 'not-in-survey', active, lookup: reply.value });
  }, [env]);

  useEffect(() => {
    if (!enabled) return;
    void load();
    if (!follow) return;
    return env.onActiveTabChange(() => void load());
  }, [env, enabled, follow, load]);
  return state;
}

/** Papers per taxonomy node, fetched once when first needed. */
export function useCounts(env: AppEnv, enabled: boolean) {
  const [counts, setCounts] = useState<Record<string, number> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const started = useRef(false);
  useEffect(() => {
    if (!enabled || started.current) return;
    started.current = true;
    void env.send('taxonomyCounts', {}).then((reply) => {
      if (reply.ok) setCounts(reply.value);
      else setError(reply.error);
    });
  }, [env, enabled]);
  return { counts, error };
}

export type NodeSort = 'year-desc' | 'year-asc' | 'title';

/** A taxonomy node's papers, refetched when the node or the sort changes. */
export function useNodePapers(env: AppEnv, nodeId: string | null, sort: NodeSort) {
  const [papers, setPapers] = useState<PaperRecord[]>([]);
  const [status, setStatus] = useState<'idle' | LoadState>('idle');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!nodeId) {
      setStatus('idle');
      return;
    }
    let live = true;
    setStatus('loading');
    void env.send('listNode', { nodeId, sort }).then((reply) => {
      if (!live) return;
      if (reply.ok) {
        setPapers(reply.value);
        setStatus('ready');
      } else {
        setError(reply.error);
        setStatus('error');
      }
    });
    return () => {
      live = false;
    };
  }, [env, nodeId, sort]);
  return { papers, status, error };
}

/** Catalog search, debounced while typing; a blank query shows nothing. */
export function useSearch(env: AppEnv, query: string, leaf: string | null, delay = 200) {
  const [hits, setHits] = useState<SearchHit[]>([]);
  const [status, setStatus] = useState<'idle' | LoadState>('idle');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!query.trim()) {
      setStatus('idle');
      setHits([]);
      return;
    }
    let live = true;
    setStatus('loading');
    const timer = setTimeout(() => {
      void env.send('searchCatalog', { query, ...(leaf ? { leaf } : {}), limit: 50 }).then((reply) => {
        if (!live) return;
        if (reply.ok) {
          setHits(reply.value);
          setStatus('ready');
        } else {
          setError(reply.error);
          setStatus('error');
        }
      });
    }, delay);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [env, query, leaf, delay]);
  return { hits, status, error };
}

/** Save / unsave catalog records (Browse, Search, related works), with per-key pending state. */
export function useRecordSaving(env: AppEnv, library: LibraryState, onError: (message: string) => void) {
  const [pending, setPending] = useState<ReadonlySet<string>>(new Set());
  const toggle = useCallback(
    async (record: PaperRecord) => {
      const key = libraryKeyFor(record);
      if (!key) return;
      setPending((p) => new Set(p).add(key));
      try {
        if (library.keys.has(key)) {
          const reply = await env.send('unsavePaper', { key });
          if (reply.ok) library.remove(key);
          else onError(reply.error);
        } else {
          const reply = await saveRecord(env.send, record, paperUrl(record));
          if (reply.ok) library.upsert(reply.value);
          else onError(reply.error);
        }
      } finally {
        setPending((p) => {
          const next = new Set(p);
          next.delete(key);
          return next;
        });
      }
    },
    [env, library, onError],
  );
  return { pending, toggle };
}
