// @vitest-environment happy-dom
import { afterEach, expect, test } from 'vitest';
import { LEAF_IDS, TAXONOMY_NODES } from '../../lib/taxonomy';
import { type Mounted, mount, spokenText, testNodeHref } from '../shared/test-utils';
import { TaxonomyTree } from './TaxonomyTree';

let view: Mounted | undefined;
afterEach(() => view?.unmount());

const nodeEl = (v: Mounted, id: string) => v.$(`[data-testid="tree-node"][data-node-id="${id}"]`)!;
const ownCount = (li: HTMLElement) => li.querySelector(':scope > .el-tree-row > [data-testid="node-count"]');

test('renders every taxonomy node once, as nested lists mirroring the tree', () => {
  view = mount(<TaxonomyTree nodeHref={testNodeHref} />);
  const items = view.$$('[data-testid="tree-node"]');
  expect(items.map((li) => li.dataset.nodeId)).toEqual(TAXONOMY_NODES.map((n) => n.id));
  const tree = view.$('[data-testid="taxonomy-tree"]')!;
  expect(tree.tagName).toBe('UL');
  expect(tree.getAttribute('aria-label')).toBe('Survey taxonomy');
  for (const node of TAXONOMY_NODES) {
    const li = nodeEl(view, node.id);
    expect(li.tagName).toBe('LI');
    expect(li.dataset.kind).toBe(node.kind);
    // The parent <li> is the nearest ancestor list item: the nesting is real, not indentation.
    const parentLi = li.parentElement!.closest('li');
    expect(parentLi?.dataset.nodeId ?? null).toBe(node.parentId);
    expect(li.parentElement!.tagName).toBe('UL');
    const link = li.querySelector(':scope > .el-tree-row > a')!;
    expect(link.getAttribute('href')).toBe(testNodeHref(node.id));
    expect(link.textContent).toBe(node.kind === 'area' ? `§${node.section} ${node.name}` : node.name);
  }
  // Leaves carry their chip; areas and groups do not.
  expect(view.$$('[data-testid="leaf-chip"]').length).toBe(LEAF_IDS.length);
});

test('without counts no count is shown', () => {
  view = mount(<TaxonomyTree nodeHref={testNodeHref} />);
  expect(view.$$('[data-testid="node-count"]').length).toBe(0);
});

test('shows the given count per node; a node missing from counts shows 0', () => {
  const counts = {
    'inference-efficiency': 412,
    quantization: 180,
    'scalable-training': 1,
    'stable-training-strategies': 0,
  };
  view = mount(<TaxonomyTree nodeHref={testNodeHref} counts={counts} />);
  expect(view.$$('[data-testid="node-count"]').length).toBe(TAXONOMY_NODES.length);
  const cases: [string, string][] = [
    ['inference-efficiency', '412 papers'],
    ['quantization', '180 papers'],
    ['scalable-training', '1 paper'],
    ['stable-training-strategies', '0 papers'],
    ['pruning', '0 papers'],
    ['budget-efficiency', '0 papers'],
  ];
  for (const [id, spoken] of cases) {
    const count = ownCount(nodeEl(view, id))!;
    expect(spokenText(count)).toBe(spoken);
    expect(count.firstChild!.textContent).toBe(spoken.split(' ')[0]);
  }
});

test('custom label', () => {
  view = mount(<TaxonomyTree nodeHref={testNodeHref} label="Browse the taxonomy" />);
  expect(view.$('[data-testid="taxonomy-tree"]')!.getAttribute('aria-label')).toBe('Browse the taxonomy');
});
