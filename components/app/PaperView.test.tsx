// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { activePaperFromTab } from '../../lib/app/active-paper';
import { nodeHref } from '../../lib/app/routes';
import { makeRecord, makeRelated } from '../shared/test-utils';
import { PaperView, type PaperViewProps } from './PaperView';
import { makeItem, mountPage, type Page, useEnglish } from './test-helpers';

let page: Page | undefined;
beforeEach(useEnglish);
afterEach(() => page?.unmount());

const ACTIVE = activePaperFromTab({
  url: 'https://arxiv.org/pdf/2306.00978v2',
  title: 'AWQ: Activation-aware Weight Quantization',
})!;
const AWQ = makeRecord({
  title: 'AWQ: Activation-aware Weight Quantization',
  leaves: ['quantization', 'pruning'],
});

function view(props: Partial<PaperViewProps>) {
  const base: PaperViewProps = {
    state: 'in-survey',
    active: ACTIVE,
    paper: AWQ,
    related: [],
    savedKeys: new Set(),
    onToggleSaveRelated: vi.fn(),
    item: null,
    onToggleSave: vi.fn(),
    onStatusChange: vi.fn(),
    onTagsChange: vi.fn(),
    onNoteSave: vi.fn(async () => true),
    nodeHref,
  };
  return <PaperView {...base} {...props} />;
}

const state = (p: Page) => p.$('[data-testid="paper-view"]')!.dataset.state;

describe('PaperView states', () => {
  it('loading: a busy status, nothing else', () => {
    page = mountPage(view({ state: 'loading' }));
    expect(state(page)).toBe('loading');
    expect(page.$('[role="status"]')!.textContent).toMatch(/Looking up/);
    expect(page.$('[data-testid="save-toggle"]')).toBeNull();
  });

  it('no-paper: explains which tabs work', () => {
    page = mountPage(view({ state: 'no-paper', active: null, paper: null }));
    expect(state(page)).toBe('no-paper');
    expect(page.container.textContent).toMatch(/not an arXiv or OpenReview paper/);
    expect(page.$('[data-testid="save-toggle"]')).toBeNull();
  });

  it('error: shows the message as an alert', () => {
    page = mountPage(view({ state: 'error', errorMessage: 'Could not reach the background' }));
    expect(page.$('[role="alert"]')!.textContent).toBe('Could not reach the background');
  });

  it('in-survey, not saved: title links to the canonical page, every leaf placement, related works, Save', () => {
    const related = [
      makeRelated(
        { id: 'arxiv:2210.17323', arxivId: '2210.17323', title: 'GPTQ' },
        'same leaf: Quantization',
      ),
    ];
    page = mountPage(view({ related, savedKeys: new Set(['arxiv:2210.17323']) }));
    expect(state(page)).toBe('in-survey');
    expect(page.$('[data-testid="survey-badge"]')!.textContent).toBe('In the efficiency survey');
    const title = page.$('#paper-title a') as HTMLAnchorElement;
    expect(title.textContent).toBe(AWQ.title);
    expect(title.href).toBe('https://arxiv.org/abs/2306.00978');
    expect(title.target).toBe('_blank');
    expect(page.$$('[data-testid="leaf-placement"]').map((l) => l.dataset.leaf)).toEqual([
      'quantization',
      'pruning',
    ]);
    expect(page.$('[data-testid="leaf-placement"] [data-node-id="quantization"]')!.getAttribute('href')).toBe(
      '#/node/quantization',
    );
    const relatedItem = page.$('[data-testid="related"] [data-testid="paper-item"]')!;
    expect(relatedItem.textContent).toContain('same leaf: Quantization');
    expect(relatedItem.querySelector('[data-testid="save-toggle"]')!.getAttribute('aria-pressed')).toBe(
      'true',
    );
    const save = page.$('.app-card-actions [data-testid="save-toggle"]')!;
    expect(save.getAttribute('aria-pressed')).toBe('false');
    expect(save.textContent).toContain('Save');
    // Not saved: no status, tags or note.
    expect(page.$('[data-testid="paper-status"]')).toBeNull();
    expect(page.$('[data-testid="paper-notes"]')).toBeNull();
  });

  it('in-survey, saved: status select, tags and note of the item', () => {
    const item = makeItem({ status: 'reading', tags: ['to cite'], note: 'check group size' });
    const onStatusChange = vi.fn();
    page = mountPage(view({ item, onStatusChange }));
    expect(page.$('.app-card-actions [data-testid="save-toggle"]')!.getAttribute('aria-pressed')).toBe(
      'true',
    );
    const status = page.$('[data-testid="paper-status"]') as HTMLSelectElement;
    expect(status.value).toBe('reading');
    status.value = 'read';
    status.dispatchEvent(new Event('change', { bubbles: true }));
    expect(onStatusChange).toHaveBeenCalledWith('read');
    expect(page.$$('[data-testid="tag"]').map((t) => t.textContent)).toEqual(['to cite×']);
    expect((page.$('[data-testid="note-input"]') as HTMLTextAreaElement).value).toBe('check group size');
  });

  it('not-in-survey: says so, shows the tab title and the id, and still offers Save', () => {
    const onToggleSave = vi.fn();
    page = mountPage(view({ state: 'not-in-survey', paper: null, related: [], onToggleSave }));
    expect(page.$('[data-testid="survey-badge"]')!.textContent).toBe('Not in the efficiency survey');
    expect(page.$('#paper-title')!.textContent).toBe('AWQ: Activation-aware Weight Quantization');
    expect(page.$('.app-card-meta')!.textContent).toContain('arXiv:2306.00978');
    expect(page.$('[data-testid="not-in-survey-text"]')).not.toBeNull();
    expect(page.$('[data-testid="leaf-placement"]')).toBeNull();
    page.$('.app-card-actions [data-testid="save-toggle"]')!.click();
    expect(onToggleSave).toHaveBeenCalledOnce();
  });

  it('not-in-survey with a prediction: shows it as a prediction, never as a survey leaf', () => {
    page = mountPage(
      view({
        state: 'not-in-survey',
        paper: null,
        related: [],
        prediction: { kind: 'leaf', leaf: 'pruning', confidence: 0.71, alternatives: [] },
      }),
    );
    expect(page.$('[data-testid="prediction-text"]')!.textContent).toBe('Likely: Pruning, 71%');
    expect(page.$('[data-testid="survey-badge"]')!.textContent).toBe('Not in the efficiency survey');
    page.unmount();
    page = mountPage(
      view({
        state: 'not-in-survey',
        paper: null,
        related: [],
        prediction: { kind: 'out-of-scope', confidence: 0.9 },
      }),
    );
    expect(page.$('[data-testid="prediction"]')).toBeNull();
  });

  it('not-in-survey without a usable tab title: the id is the title', () => {
    const active = activePaperFromTab({
      url: 'https://openreview.net/pdf?id=nZeVKeeFYf9',
      title: 'nZeVKeeFYf9.pdf',
    })!;
    page = mountPage(view({ state: 'not-in-survey', active, paper: null }));
    expect(page.$('#paper-title')!.textContent).toBe('OpenReview nZeVKeeFYf9');
  });

  it('fuzzy matches are marked, a pending save disables the button, and action errors show', () => {
    const onDismissError = vi.fn();
    page = mountPage(view({ fuzzy: true, savePending: true, actionError: 'Save failed', onDismissError }));
    expect(page.$('[data-testid="matched-by-title"]')).not.toBeNull();
    expect((page.$('.app-card-actions [data-testid="save-toggle"]') as HTMLButtonElement).disabled).toBe(
      true,
    );
    expect(page.$('[role="alert"]')!.textContent).toContain('Save failed');
    (page.$('[role="alert"] button') as HTMLButtonElement).click();
    expect(onDismissError).toHaveBeenCalledOnce();
  });
});
