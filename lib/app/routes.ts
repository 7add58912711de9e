import { nodeIdFromHash, taxonomyBrowserPath } from '../browse-path';
import { getNode } from '../taxonomy';

/**
 * Hash routes shared by the popup, the side panel and the browser tab, so any view can be linked to:
 *   #/paper   #/library   #/browse   #/node/<id>   #/search?q=<text>&leaf=<node id>
 * "#/node/<id>" is lib/browse-path.ts's format (the overlay links to /browse.html#/node/<id>).
 */

/** The top-level views, in tab order. */
export const VIEWS = ['paper', 'library', 'browse', 'search'] as const;
export type ViewId = (typeof VIEWS)[number];

export type Route =
  | { view: 'paper' }
  | { view: 'library' }
  | { view: 'browse'; nodeId: string | null }
  | { view: 'search'; query: string; leaf: string | null };

const MAX_QUERY = 300;

/** The route in a location hash, or null when the hash names no route (the page then picks its default). */
export function parseRoute(hash: string): Route | null {
  const raw = hash.startsWith('#') ? hash.slice(1) : hash;
  if (raw.startsWith('/node/')) {
    const nodeId = nodeIdFromHash(`#${raw}`);
    // An unknown node (a stale link after a taxonomy change) opens the tree rather than an empty page.
    return { view: 'browse', nodeId: nodeId && getNode(nodeId) ? nodeId : null };
  }
  const [path, query = ''] = raw.split('?', 2) as [string, string?];
  switch (path) {
    case '/paper':
      return { view: 'paper' };
    case '/library':
      return { view: 'library' };
    case '/browse':
      return { view: 'browse', nodeId: null };
    case '/search': {
      const params = new URLSearchParams(query);
      const leaf = params.get('leaf');
      return {
        view: 'search',
        query: (params.get('q') ?? '').slice(0, MAX_QUERY),
        leaf: leaf && getNode(leaf) ? leaf : null,
      };
    }
    default:
      return null;
  }
}

/** The hash of a route ("#/node/quantization"); parseRoute(routeHash(r)) gives r back. */
export function routeHash(route: Route): string {
  switch (route.view) {
    case 'browse':
      return route.nodeId ? taxonomyBrowserPath(route.nodeId).replace('/browse.html', '') : '#/browse';
    case 'search': {
      const params = new URLSearchParams();
      if (route.query) params.set('q', route.query);
      if (route.leaf) params.set('leaf', route.leaf);
      const text = params.toString();
      return text ? `#/search?${text}` : '#/search';
    }
    default:
      return `#/${route.view}`;
  }
}

/** The route a view's tab opens (browse and search start empty). */
export function routeForView(view: ViewId): Route {
  if (view === 'browse') return { view, nodeId: null };
  if (view === 'search') return { view, query: '', leaf: null };
  return { view };
}

/** href of a taxonomy node inside the same page. */
export function nodeHref(nodeId: string): string {
  return routeHash({ view: 'browse', nodeId });
}
