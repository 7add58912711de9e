// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { nodeHref } from '../../lib/app/routes';
import { TAXONOMY_NODES } from '../../lib/taxonomy';
import { makeRecord } from '../shared/test-utils';
import { BrowseView, type BrowseViewProps } from './BrowseView';
import { SearchView, type SearchViewProps } from './SearchView';
import { mountPage, type Page, settle, typeInto, useEnglish } from './test-helpers';

let page: Page | undefined;
beforeEach(useEnglish);
afterEach(() => page?.unmount());

const PAPERS = Array.from({ length: 7 }, (_, i) =>
  makeRecord({
    id: `arxiv:2401.0001${i}`,
    arxivId: `2401.0001${i}`,
    title: i % 2 ? `Sparse attention ${i}` : `Quantized cache ${i}`,
    year: 2020 + i,
  }),
);

function browse(props: Partial<BrowseViewProps>) {
  const base: BrowseViewProps = {
    counts: { quantization: 7, 'inference-efficiency': 9 },
    nodeId: null,
    nodeStatus: 'idle',
    papers: [],
    sort: 'year-desc',
    onSortChange: vi.fn(),
    savedKeys: new Set(),
    onToggleSave: vi.fn(),
    nodeHref,
    treeHref: '#/browse',
    layout: 'stack',
  };
  return <BrowseView {...base} {...props} />;
}

describe('BrowseView', () => {
  it('without a node: the whole tree with counts, every node a hash link', () => {
    page = mountPage(browse({}));
    const links = page.$$('[data-testid="tree-node"] > .el-tree-row > a');
    expect(links).toHaveLength(TAXONOMY_NODES.length);
    expect(links.map((a) => a.getAttribute('href'))).toEqual(TAXONOMY_NODES.map((n) => `#/node/${n.id}`));
    expect(page.$('[data-node-id="quantization"] [data-testid="node-count"]')!.textContent).toBe('7 papers');
    expect(page.$('[aria-current]')).toBeNull();
  });

  it('stacked (popup, side panel): a node replaces the tree, with a way back and its breadcrumb', () => {
    page = mountPage(browse({ nodeId: 'quantization', nodeStatus: 'ready', papers: PAPERS }));
    expect(page.$('[data-testid="browse-tree"]')).toBeNull();
    expect(page.$('[data-testid="browse-back"]')!.getAttribute('href')).toBe('#/browse');
    expect(page.$('#node-title')!.textContent).toBe('Quantization');
    expect(page.$('[data-testid="taxonomy-path"]')!.textContent).toContain('Inference Efficiency');
    expect(page.$('[data-testid="node-count"]')!.textContent).toBe('7 papers');
  });

  it('split (browser tab): tree and node side by side, the open node marked aria-current', async () => {
    page = mountPage(
      browse({ nodeId: 'quantization', nodeStatus: 'ready', papers: PAPERS, layout: 'split' }),
    );
    await settle();
    expect(page.$('[data-testid="browse-tree"]')).not.toBeNull();
    expect(page.$$('[aria-current="page"]').map((a) => a.textContent)).toEqual(['Quantization']);
    page.rerender(browse({ nodeId: 'pruning', nodeStatus: 'ready', papers: [], layout: 'split' }));
    await settle();
    expect(page.$$('[aria-current="page"]').map((a) => a.textContent)).toEqual(['Pruning']);
    expect(page.$('[data-testid="node-list-empty"]')!.textContent).toBe('No papers under this topic.');
  });

  it('search within the node filters titles; "Show more" pages through long lists', async () => {
    page = mountPage(browse({ nodeId: 'quantization', nodeStatus: 'ready', papers: PAPERS, pageSize: 3 }));
    expect(page.$$('[data-testid="paper-item"]')).toHaveLength(3);
    page.$('[data-testid="node-more"]')!.click();
    await settle();
    expect(page.$$('[data-testid="paper-item"]')).toHaveLength(6);
    typeInto(page.$('[data-testid="node-search"]')!, 'sparse');
    await settle();
    expect(page.$$('[data-testid="paper-item"]').map((li) => li.querySelector('a')!.textContent)).toEqual([
      'Sparse attention 1',
      'Sparse attention 3',
      'Sparse attention 5',
    ]);
    expect(page.$('[data-testid="node-count"]')!.textContent).toBe('3 of 7');
    typeInto(page.$('[data-testid="node-search"]')!, 'nothing like this');
    await settle();
    expect(page.$('[data-testid="node-list-empty"]')!.textContent).toBe('No paper title here matches.');
  });

  it('loading, error and unknown node states', () => {
    page = mountPage(browse({ nodeId: 'quantization', nodeStatus: 'loading' }));
    expect(page.$('[role="status"]')!.textContent).toBe('Loading papers…');
    page.rerender(browse({ nodeId: 'quantization', nodeStatus: 'error', nodeError: 'listNode failed' }));
    expect(page.$('[role="alert"]')!.textContent).toBe('listNode failed');
    page.rerender(browse({ nodeId: 'no-such-node', nodeStatus: 'ready' }));
    expect(page.$('[role="alert"]')!.textContent).toBe('Unknown topic “no-such-node”.');
  });
});

function search(props: Partial<SearchViewProps>) {
  const base: SearchViewProps = {
    query: '',
    leaf: null,
    onQueryChange: vi.fn(),
    onLeafChange: vi.fn(),
    status: 'idle',
    hits: [],
    savedKeys: new Set(),
    onToggleSave: vi.fn(),
  };
  return <SearchView {...base} {...props} />;
}

describe('SearchView', () => {
  it('idle, loading, error, no hits, hits', () => {
    page = mountPage(search({}));
    expect(page.container.textContent).toContain('Type a title or a few words');
    page.rerender(search({ query: 'x', status: 'loading' }));
    expect(page.$('[role="status"]')!.textContent).toBe('Searching…');
    page.rerender(search({ query: 'x', status: 'error', errorMessage: 'searchCatalog failed' }));
    expect(page.$('[role="alert"]')!.textContent).toBe('searchCatalog failed');
    page.rerender(search({ query: 'x', status: 'ready', hits: [] }));
    expect(page.$('[data-testid="search-list-empty"]')!.textContent).toBe('No paper in the dataset matches.');
    expect(page.$('[data-testid="search-count"]')!.textContent).toBe('0 results');
    const onToggleSave = vi.fn();
    page.rerender(
      search({
        query: 'x',
        status: 'ready',
        hits: PAPERS.slice(0, 2).map((record) => ({ record, score: 1 })),
        savedKeys: new Set(['arxiv:2401.00011']),
        onToggleSave,
      }),
    );
    expect(page.$('[data-testid="search-count"]')!.textContent).toBe('2 results');
    const toggles = page.$$('[data-testid="save-toggle"]');
    expect(toggles.map((b) => b.getAttribute('aria-pressed'))).toEqual(['false', 'true']);
    toggles[0]!.click();
    expect(onToggleSave).toHaveBeenCalledWith(PAPERS[0]);
  });

  it('typing and choosing a node report upwards', () => {
    const onQueryChange = vi.fn();
    const onLeafChange = vi.fn();
    page = mountPage(search({ onQueryChange, onLeafChange }));
    typeInto(page.$('[data-testid="search-input"]')!, 'lora');
    const select = page.$('[data-testid="search-leaf"]') as HTMLSelectElement;
    select.value = 'parameter-efficient-fine-tuning';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    select.value = '';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    expect(onQueryChange).toHaveBeenCalledWith('lora');
    expect(onLeafChange.mock.calls).toEqual([['parameter-efficient-fine-tuning'], [null]]);
  });

  it('a paper without any link cannot be saved', () => {
    const orphan = makeRecord({ id: 'url:x', arxivId: null, openreviewId: null, title: 'No Link Paper' });
    page = mountPage(search({ query: 'x', status: 'ready', hits: [{ record: orphan, score: 1 }] }));
    expect((page.$('[data-testid="save-toggle"]') as HTMLButtonElement).disabled).toBe(true);
    expect(page.$('[data-testid="paper-item"] a')).toBeNull();
  });
});
