import { describe, expect, it } from 'vitest';
import { nodeIdFromHash, taxonomyBrowserPath } from '../browse-path';
import { TAXONOMY_NODES } from '../taxonomy';
import { nodeHref, parseRoute, type Route, routeForView, routeHash, VIEWS } from './routes';

describe('parseRoute', () => {
  it.each<[string, Route | null]>([
    ['#/paper', { view: 'paper' }],
    ['#/library', { view: 'library' }],
    ['#/browse', { view: 'browse', nodeId: null }],
    ['#/node/quantization', { view: 'browse', nodeId: 'quantization' }],
    ['#/node/inference-efficiency', { view: 'browse', nodeId: 'inference-efficiency' }],
    // lib/browse-path.ts percent-encodes ids; they decode back.
    ['#/node/%71uantization', { view: 'browse', nodeId: 'quantization' }],
    ['#/search', { view: 'search', query: '', leaf: null }],
    ['#/search?q=low%20rank', { view: 'search', query: 'low rank', leaf: null }],
    [
      '#/search?q=lora&leaf=parameter-efficient-fine-tuning',
      { view: 'search', query: 'lora', leaf: 'parameter-efficient-fine-tuning' },
    ],
    ['/library', { view: 'library' }],
    // Negative and damaged cases: an unknown node opens the tree, an unknown leaf is dropped, the rest is no route.
    ['#/node/not-a-node', { view: 'browse', nodeId: null }],
    ['#/node/%E0%A4%A', { view: 'browse', nodeId: null }],
    ['#/node/', { view: 'browse', nodeId: null }],
    ['#/search?leaf=bogus&q=x', { view: 'search', query: 'x', leaf: null }],
    ['', null],
    ['#', null],
    ['#/', null],
    ['#/settings', null],
    ['#library', null],
    ['#/LIBRARY', null],
    ['#/paper/extra', null],
  ])('%j → %j', (hash, route) => {
    expect(parseRoute(hash)).toEqual(route);
  });

  it('caps a huge search query', () => {
    const route = parseRoute(`#/search?q=${'a'.repeat(5000)}`);
    expect(route).toMatchObject({ view: 'search' });
    expect((route as { query: string }).query.length).toBe(300);
  });
});

describe('routeHash', () => {
  it('round-trips every view and every taxonomy node', () => {
    const routes: Route[] = [
      ...VIEWS.map(routeForView),
      ...TAXONOMY_NODES.map((n) => ({ view: 'browse' as const, nodeId: n.id })),
      { view: 'search', query: 'sparse & "moe" #1?', leaf: 'quantization' },
      { view: 'search', query: '量化 模型', leaf: null },
    ];
    for (const route of routes) expect(parseRoute(routeHash(route))).toEqual(route);
  });

  it('writes node routes in lib/browse-path.ts format, so the overlay links and the pages agree', () => {
    for (const node of TAXONOMY_NODES) {
      const hash = nodeHref(node.id);
      expect(taxonomyBrowserPath(node.id)).toBe(`/browse.html${hash}`);
      expect(nodeIdFromHash(hash)).toBe(node.id);
    }
  });

  it.each<[Route, string]>([
    [{ view: 'paper' }, '#/paper'],
    [{ view: 'library' }, '#/library'],
    [{ view: 'browse', nodeId: null }, '#/browse'],
    [{ view: 'browse', nodeId: 'pruning' }, '#/node/pruning'],
    [{ view: 'search', query: '', leaf: null }, '#/search'],
    [{ view: 'search', query: 'a b', leaf: null }, '#/search?q=a+b'],
  ])('%j → %s', (route, hash) => {
    expect(routeHash(route)).toBe(hash);
  });
});
