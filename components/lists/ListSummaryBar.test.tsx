// @vitest-environment happy-dom
import { afterEach, describe, expect, test, vi } from 'vitest';
import { buttonByName, type Mounted, mount } from '../shared/test-utils';
import { ListSummaryBar, type ListSummaryBarProps, summaryText } from './ListSummaryBar';

let view: Mounted | undefined;
afterEach(() => view?.unmount());

const props = (over: Partial<ListSummaryBarProps> = {}): ListSummaryBarProps => ({
  kind: 'entries',
  matched: 12,
  total: 48,
  showOnly: false,
  highlight: false,
  onShowOnly: () => {},
  onHighlight: () => {},
  onDismiss: () => {},
  ...over,
});

describe('summaryText', () => {
  test.each([
    [{ kind: 'entries', matched: 12, total: 48 }, '12 of 48 entries are in the efficiency survey'],
    [{ kind: 'entries', matched: 1, total: 48 }, '1 of 48 entries is in the efficiency survey'],
    [{ kind: 'entries', matched: 1, total: 1 }, '1 of 1 entry is in the efficiency survey'],
    [
      { kind: 'references', matched: 12, total: 48, mostly: 'Quantization' },
      '12 of 48 references are in the efficiency survey, mostly Quantization',
    ],
    [
      { kind: 'references', matched: 3, total: 40, mostly: null },
      '3 of 40 references are in the efficiency survey',
    ],
  ] as const)('%j -> %s', (input, text) => {
    expect(summaryText(input)).toBe(text);
  });
});

describe('ListSummaryBar', () => {
  test('shows the text and two toggles with their pressed state', () => {
    view = mount(<ListSummaryBar {...props({ showOnly: true })} />);
    expect(view.$('[data-testid="list-bar-text"]')?.textContent).toBe(
      '12 of 48 entries are in the efficiency survey',
    );
    expect(buttonByName(view.root, 'Show only survey papers')?.getAttribute('aria-pressed')).toBe('true');
    expect(buttonByName(view.root, 'Highlight')?.getAttribute('aria-pressed')).toBe('false');
    expect(view.$('section')?.getAttribute('aria-label')).toBe('Efficiency survey');
  });

  test('toggles call back with the new value; dismiss calls back', () => {
    const onShowOnly = vi.fn();
    const onHighlight = vi.fn();
    const onDismiss = vi.fn();
    view = mount(<ListSummaryBar {...props({ highlight: true, onShowOnly, onHighlight, onDismiss })} />);
    buttonByName(view.root, 'Show only survey papers')!.click();
    buttonByName(view.root, 'Highlight')!.click();
    buttonByName(view.root, 'Hide this bar')!.click();
    expect(onShowOnly).toHaveBeenCalledWith(true);
    expect(onHighlight).toHaveBeenCalledWith(false);
    expect(onDismiss).toHaveBeenCalledTimes(1);
  });

  test.each([
    [0, 60],
    [0, 0],
  ])('renders nothing when %i of %i entries match', (matched, total) => {
    view = mount(<ListSummaryBar {...props({ matched, total })} />);
    expect(view.root.childNodes.length).toBe(0);
  });
});
