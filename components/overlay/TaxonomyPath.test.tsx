// @vitest-environment happy-dom
import { afterEach, expect, test } from 'vitest';
import { type Mounted, mount, testNodeHref } from '../shared/test-utils';
import { TaxonomyPath } from './TaxonomyPath';

let view: Mounted | undefined;
afterEach(() => view?.unmount());

test.each([
  [
    'quantization',
    [
      ['inference-efficiency', 'Inference Efficiency'],
      ['quantization', 'Quantization'],
    ],
  ],
  [
    'mixed-precision-training',
    [
      ['training-tuning-efficiency', 'Training & Tuning Efficiency'],
      ['scalable-training', 'Scalable Training'],
      ['mixed-precision-training', 'Mixed Precision Training'],
    ],
  ],
  [
    'scalable-tuning',
    [
      ['training-tuning-efficiency', 'Training & Tuning Efficiency'],
      ['scalable-tuning', 'Scalable Tuning'],
    ],
  ],
])('%s: one link per level, in order, to nodeHref', (nodeId, expected) => {
  view = mount(<TaxonomyPath nodeId={nodeId} nodeHref={testNodeHref} />);
  const list = view.$('[data-testid="taxonomy-path"]')!;
  expect(list.tagName).toBe('OL');
  const links = [...list.querySelectorAll('a')];
  expect(links.map((a) => [a.dataset.nodeId, a.textContent])).toEqual(expected);
  expect(links.map((a) => a.getAttribute('href'))).toEqual(expected.map(([id]) => testNodeHref(id!)));
  expect(list.getAttribute('aria-label')).toBe(`Taxonomy path: ${expected.map(([, n]) => n).join(' > ')}`);
  // Separators are decoration only.
  for (const sep of list.querySelectorAll('.el-path-sep'))
    expect(sep.getAttribute('aria-hidden')).toBe('true');
  expect(list.querySelectorAll('.el-path-sep').length).toBe(expected.length - 1);
});

test.each(['', 'nope', '__proto__'])('unknown node %j renders nothing', (nodeId) => {
  view = mount(<TaxonomyPath nodeId={nodeId} nodeHref={testNodeHref} />);
  expect(view.root.childNodes.length).toBe(0);
});
