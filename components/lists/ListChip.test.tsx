// @vitest-environment happy-dom
import { afterEach, describe, expect, test, vi } from 'vitest';
import { getNode } from '../../lib/taxonomy';
import { accessibleName, spokenText } from '../shared/test-utils';
import { type ListChipProps, MAX_CHIP_LEAVES, renderListChip } from './ListChip';

const hosts: HTMLElement[] = [];
afterEach(() => {
  for (const host of hosts.splice(0)) host.remove();
});

/** Draw a chip into a fresh open shadow root, as the lists content script does. */
function mount(props: ListChipProps, onToggle: () => void = () => {}) {
  const host = document.createElement('efficiency-lens-test');
  document.body.append(host);
  hosts.push(host);
  const root = host.attachShadow({ mode: 'open' });
  renderListChip(root, props, onToggle);
  return {
    root,
    $: (selector: string) => root.querySelector<HTMLElement>(selector),
    $$: (selector: string) => [...root.querySelectorAll<HTMLElement>(selector)],
    rerender: (next: ListChipProps) => renderListChip(root, next),
  };
}

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
    const view = mount({ leaves, saved });
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
    const view = mount({ leaves: ['quantization', 'data-filtering'], saved: false });
    expect(view.$$('[data-leaf]').map((e) => e.dataset.area)).toEqual([
      'inference-efficiency',
      'data-efficiency',
    ]);
  });

  test(`draws at most ${MAX_CHIP_LEAVES} codes and "+N" for the rest, but names all leaves`, () => {
    const leaves = ['quantization', 'pruning', 'knowledge-distillation'];
    const view = mount({ leaves, saved: false });
    expect(view.$$('[data-leaf]')).toHaveLength(MAX_CHIP_LEAVES);
    expect(view.$('.el-list-more')?.textContent).toBe(`+${leaves.length - MAX_CHIP_LEAVES}`);
    for (const leaf of leaves) expect(accessibleName(view.$('button')!)).toContain(name(leaf));
  });

  test('click toggles once per click; a re-render updates the same button (focus stays) without binding again', () => {
    const onToggle = vi.fn();
    const view = mount({ leaves: ['quantization'], saved: false }, onToggle);
    const button = view.$('button')!;
    expect(button.getAttribute('aria-expanded')).toBe('false');
    button.focus();
    button.click();
    expect(onToggle).toHaveBeenCalledTimes(1);
    view.rerender({ leaves: ['quantization'], saved: true, expanded: true });
    expect(view.$$('button')).toEqual([button]);
    expect(view.root.activeElement).toBe(button);
    expect(button.getAttribute('aria-expanded')).toBe('true');
    expect(view.$('[data-testid="list-chip-saved"]')).not.toBeNull();
    button.click();
    expect(onToggle).toHaveBeenCalledTimes(2);
    view.rerender({ leaves: ['quantization'], saved: false });
    expect(view.$('[data-testid="list-chip-saved"]')).toBeNull();
    expect(button.dataset.saved).toBe('false');
  });

  test('chips with the same props are separate buttons, each calling only its own handler', () => {
    const [one, two] = [vi.fn(), vi.fn()];
    const a = mount({ leaves: ['pruning'], saved: false }, one);
    const b = mount({ leaves: ['pruning'], saved: false }, two);
    expect(a.$('button')).not.toBe(b.$('button'));
    b.$('button')!.click();
    expect([one.mock.calls.length, two.mock.calls.length]).toEqual([0, 1]);
    // Updating one leaves the other as it was.
    a.rerender({ leaves: ['pruning'], saved: true });
    expect(b.$('button')!.dataset.saved).toBe('false');
    expect(b.$('[data-testid="list-chip-saved"]')).toBeNull();
  });

  test('an unknown leaf id is named by its id, not dropped, and gets no area', () => {
    const view = mount({ leaves: ['no-such-leaf'], saved: false });
    expect(accessibleName(view.$('button')!)).toContain('no-such-leaf');
    expect(view.$('[data-leaf]')?.textContent).toBe('?');
    expect(view.$('[data-leaf]')?.hasAttribute('data-area')).toBe(false);
  });

  test('page-supplied text cannot become markup: leaf ids are text', () => {
    const view = mount({ leaves: ['<img src=x onerror=alert(1)>'], saved: false });
    expect(view.$$('img')).toHaveLength(0);
  });
});
