// @vitest-environment happy-dom
import { afterEach, expect, test } from 'vitest';
import { LEAF_IDS, TAXONOMY_NODES } from '../../lib/taxonomy';
import { accessibleName, type Mounted, mount } from '../shared/test-utils';
import { LeafChip } from './LeafChip';

let view: Mounted | undefined;
afterEach(() => view?.unmount());

test.each([
  ['quantization', 'Q', 'Quantization', 'inference-efficiency'],
  ['scaling-laws', 'SL', 'Scaling Laws', 'budget-efficiency'],
  [
    'parameter-efficient-fine-tuning',
    'PEFT',
    'Parameter-Efficient Fine-Tuning',
    'training-tuning-efficiency',
  ],
  ['efficient-attention', 'EA', 'Efficient Attention', 'architecture-efficiency'],
  ['data-filtering', 'DF', 'Data Filtering', 'data-efficiency'],
])('%s shows code %s, is named %s, coloured by %s', (leafId, code, name, area) => {
  view = mount(<LeafChip leafId={leafId} />);
  const chip = view.$('[data-testid="leaf-chip"]')!;
  expect(chip.querySelector('[aria-hidden="true"]')!.textContent).toBe(code);
  expect(chip.title).toBe(name);
  expect(accessibleName(chip)).toBe(name);
  expect(chip.dataset.area).toBe(area);
});

test.each([
  ['unknown id', 'not-a-leaf'],
  ['an area is not a leaf', 'inference-efficiency'],
  ['a group is not a leaf', 'scalable-training'],
  ['empty', ''],
])('renders nothing for %s', (_name, id) => {
  view = mount(<LeafChip leafId={id} />);
  expect(view.root.childNodes.length).toBe(0);
});

test('every leaf has a code and an area, and the five areas are all used', () => {
  const areas = new Set<string>();
  for (const leaf of LEAF_IDS) {
    view = mount(<LeafChip leafId={leaf} />);
    const chip = view.$('[data-testid="leaf-chip"]')!;
    expect(spokenCode(chip)).not.toBe('');
    areas.add(chip.dataset.area ?? '');
    view.unmount();
    view = undefined;
  }
  expect([...areas].sort()).toEqual(
    TAXONOMY_NODES.filter((n) => n.kind === 'area')
      .map((n) => n.id)
      .sort(),
  );
});

function spokenCode(chip: HTMLElement): string {
  return chip.querySelector('[aria-hidden="true"]')?.textContent ?? '';
}
