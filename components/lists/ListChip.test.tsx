// @vitest-environment happy-dom
import { afterEach, describe, expect, test, vi } from 'vitest';
import { getNode } from '../../lib/taxonomy';
import { accessibleName, type Mounted, mount, spokenText } from '../shared/test-utils';
import { ListChip, MAX_CHIP_LEAVES } from './ListChip';

let view: Mounted | undefined;
afterEach(() => view?.unmount());

const name = (id: string) => getNode(id)!.name;
const code = (id: string) => getNode(id)!.code!;

describe('ListChip', () => {
  test.each([
    [['quantization'], false, `In the efficiency survey: ${name('quantization')}. Show details`],
    [
      ['parameter-efficient-fine-tuning', 'quantization'],
      true,
      `In the efficiency survey: ${name('parameter-efficient-fine-tuning')}, ${name('quantization')}. Saved. Show details`,
    ],
  ])('leaves %j, saved=%s: one button named %j', (leaves, saved, label) => {
    view = mount(<ListChip leaves={leaves} saved={saved} onToggle={() => {}} />);
    const buttons = view.$$('button') as HTMLButtonElement[];
    expect(buttons).toHaveLength(1);
    expect(buttons[0]!.type).toBe('button');
    expect(accessibleName(buttons[0]!)).toBe(label);
    expect(buttons[0]!.getAttribute('aria-haspopup')).toBe('dialog');
    // The codes are visible but not read out twice.
    expect(spokenText(buttons[0]!)).toBe('');
    expect(view.$$('[data-leaf]').map((e) => [e.dataset.leaf, e.textContent])).toEqual(
      leaves.map((l) => [l, code(l)]),
    );
    expect(view.$('[data-testid="list-chip-saved"]') !== null).toBe(saved);
    expect(buttons[0]!.dataset.saved).toBe(String(saved));
  });

  test('colours each code by its area', () => {
    view = mount(<ListChip leaves={['quantization', 'data-filtering']} saved={false} onToggle={() => {}} />);
    expect(view.$$('[data-leaf]').map((e) => e.dataset.area)).toEqual([
      'inference-efficiency',
      'data-efficiency',
    ]);
  });

  test(`draws at most ${MAX_CHIP_LEAVES} codes and "+N" for the rest, but names all leaves`, () => {
    const leaves = ['quantization', 'pruning', 'knowledge-distillation'];
    view = mount(<ListChip leaves={leaves} saved={false} onToggle={() => {}} />);
    expect(view.$$('[data-leaf]')).toHaveLength(MAX_CHIP_LEAVES);
    expect(view.$('.el-list-more')?.textContent).toBe(`+${leaves.length - MAX_CHIP_LEAVES}`);
    for (const leaf of leaves) expect(accessibleName(view.$('button')!)).toContain(name(leaf));
  });

  test('click toggles; aria-expanded follows the prop', () => {
    const onToggle = vi.fn();
    view = mount(<ListChip leaves={['quantization']} saved={false} onToggle={onToggle} />);
    const button = view.$('button')!;
    expect(button.getAttribute('aria-expanded')).toBe('false');
    button.click();
    expect(onToggle).toHaveBeenCalledTimes(1);
    view.rerender(<ListChip leaves={['quantization']} saved={false} expanded onToggle={onToggle} />);
    expect(view.$('button')!.getAttribute('aria-expanded')).toBe('true');
  });

  test('an unknown leaf id is named by its id, not dropped', () => {
    view = mount(<ListChip leaves={['no-such-leaf']} saved={false} onToggle={() => {}} />);
    expect(accessibleName(view.$('button')!)).toContain('no-such-leaf');
  });
});
