// @vitest-environment happy-dom
import { afterEach, describe, expect, test, vi } from 'vitest';
import { pathLabel } from '../../lib/taxonomy';
import { buttonByName, type Mounted, makeRelated, mount, testNodeHref } from '../shared/test-utils';
import { ListCard, type ListCardProps } from './ListCard';

let view: Mounted | undefined;
afterEach(() => view?.unmount());

const props = (over: Partial<ListCardProps> = {}): ListCardProps => ({
  title: 'QLoRA: Efficient Finetuning of Quantized LLMs',
  year: 2023,
  leaves: ['parameter-efficient-fine-tuning', 'quantization'],
  state: 'ready',
  related: [
    makeRelated({
      id: 'arxiv:2106.09685',
      arxivId: '2106.09685',
      title: 'LoRA',
      leaves: ['parameter-efficient-fine-tuning'],
    }),
  ],
  relatedSaved: new Set(['arxiv:2106.09685']),
  saved: false,
  savePending: false,
  onToggleSave: () => {},
  onClose: () => {},
  nodeHref: testNodeHref,
  ...over,
});

describe('ListCard', () => {
  test('is a dialog named after the paper, with one taxonomy path per leaf', () => {
    view = mount(<ListCard {...props()} />);
    const dialog = view.$('[role="dialog"]')!;
    expect(dialog.getAttribute('aria-label')).toBe(
      'Efficiency survey: QLoRA: Efficient Finetuning of Quantized LLMs',
    );
    expect(view.$('[data-testid="list-card-title"]')?.textContent).toBe(
      'QLoRA: Efficient Finetuning of Quantized LLMs (2023)',
    );
    const paths = view.$$('[data-testid="taxonomy-path"]').map((p) => p.getAttribute('aria-label'));
    expect(paths).toEqual([
      `Taxonomy path: ${pathLabel('parameter-efficient-fine-tuning')}`,
      `Taxonomy path: ${pathLabel('quantization')}`,
    ]);
    // Links point at the taxonomy browser.
    expect(view.$('[data-testid="taxonomy-path"] a')?.getAttribute('href')).toMatch(
      /^chrome-extension:\/\/abc\//,
    );
  });

  test('ready: related works with their saved mark, and Save', () => {
    view = mount(<ListCard {...props()} />);
    expect(view.$$('[data-testid="related-item"]').map((e) => e.dataset.recordId)).toEqual([
      'arxiv:2106.09685',
    ]);
    expect(view.$('[data-testid="saved-mark"]')).not.toBeNull();
    expect(view.$('[data-testid="save-button"]')?.getAttribute('aria-pressed')).toBe('false');
  });

  test.each([
    ['loading', 'list-card-loading', 'related-list'],
    ['error', 'list-card-error', 'related-list'],
  ] as const)('%s: shows %s and no related list', (state, shown, hidden) => {
    view = mount(
      <ListCard {...props({ state, errorMessage: state === 'error' ? 'background gone' : undefined })} />,
    );
    expect(view.$(`[data-testid="${shown}"]`)).not.toBeNull();
    expect(view.$(`[data-testid="${hidden}"]`)).toBeNull();
    // The paths and Save do not wait for the details.
    expect(view.$$('[data-testid="taxonomy-path"]')).toHaveLength(2);
    expect(view.$('[data-testid="save-button"]')).not.toBeNull();
  });

  test('the error text is the message given, as text', () => {
    view = mount(<ListCard {...props({ state: 'error', errorMessage: '<b>nope</b>' })} />);
    expect(view.$('[data-testid="list-card-error"]')?.textContent).toBe('<b>nope</b>');
    expect(view.$('[data-testid="list-card-error"] b')).toBeNull();
  });

  test('Save, Close and Escape call back', () => {
    const onToggleSave = vi.fn();
    const onClose = vi.fn();
    view = mount(<ListCard {...props({ saved: true, onToggleSave, onClose })} />);
    buttonByName(view.root, 'Saved')!.click();
    expect(onToggleSave).toHaveBeenCalledTimes(1);
    buttonByName(view.root, 'Close')!.click();
    view.$('[role="dialog"]')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(onClose).toHaveBeenCalledTimes(2);
  });

  test('a pending save keeps Save busy', () => {
    view = mount(<ListCard {...props({ savePending: true })} />);
    expect(view.$('[data-testid="save-button"]')?.getAttribute('aria-busy')).toBe('true');
  });
});
