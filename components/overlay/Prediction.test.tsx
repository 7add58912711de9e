// @vitest-environment happy-dom
import { afterEach, describe, expect, test, vi } from 'vitest';
import type { Prediction as PredictionValue } from '../../lib/classifier/model';
import {
  accessibleName,
  type Mounted,
  makeRelated,
  mount,
  spokenText,
  testNodeHref,
} from '../shared/test-utils';
import { Overlay, type OverlayProps } from './Overlay';
import { formatConfidence, Prediction } from './Prediction';

let view: Mounted | undefined;
afterEach(() => view?.unmount());

const QUANTIZATION: PredictionValue = {
  kind: 'leaf',
  leaf: 'quantization',
  confidence: 0.82,
  alternatives: [
    { leaf: 'pruning', confidence: 0.09 },
    { leaf: 'low-rank-decomposition', confidence: 0.04 },
  ],
};
const OUT_OF_SCOPE: PredictionValue = { kind: 'out-of-scope', confidence: 0.93 };

describe('Prediction', () => {
  test('says "Likely: Quantization, 82% — a prediction, not in the survey" with the leaf chip', () => {
    view = mount(<Prediction prediction={QUANTIZATION} />);
    const line = view.$('[data-testid="prediction"]')!;
    expect(line.dataset.kind).toBe('prediction');
    expect(line.dataset.predictedLeaf).toBe('quantization');
    expect(view.$('[data-testid="prediction-text"]')!.textContent).toBe('Likely: Quantization, 82%');
    expect(spokenText(line)).toBe('Likely: Quantization, 82% — a prediction, not in the survey');
    // The chip is shown but not read out (its name would repeat the leaf just read).
    const chip = view.$('[data-testid="leaf-chip"]')!;
    expect(chip.closest('[aria-hidden="true"]')).not.toBeNull();
    expect(chip.dataset.leaf).toBe('quantization');
    expect(line.title).toBe('Other candidates: Pruning 9%, Low-Rank Decomposition 4%');
  });

  test.each<[string, PredictionValue | null | undefined]>([
    ['an out-of-scope answer', OUT_OF_SCOPE],
    ['no prediction', null],
    ['an undefined prediction', undefined],
    ['an unknown leaf', { ...QUANTIZATION, leaf: 'teleportation' as never }],
    ['an area id instead of a leaf', { ...QUANTIZATION, leaf: 'inference-efficiency' as never }],
  ])('renders nothing for %s', (_name, prediction) => {
    view = mount(<Prediction prediction={prediction} />);
    expect(view.root.childNodes.length).toBe(0);
  });

  test('no tooltip without alternatives', () => {
    view = mount(<Prediction prediction={{ ...QUANTIZATION, alternatives: [] }} />);
    expect(view.$('[data-testid="prediction"]')!.hasAttribute('title')).toBe(false);
  });

  test.each([
    [0.82, '82%'],
    [0.305, '31%'],
    [0.996, '>99%'],
    [1, '>99%'],
    [0.004, '<1%'],
    [Number.NaN, '?%'],
  ])('formatConfidence(%f) = %s', (confidence, text) => {
    expect(formatConfidence(confidence)).toBe(text);
  });
});

describe('Overlay, not in the survey, with a prediction', () => {
  const related = [
    makeRelated({ id: 'arxiv:2210.17323', arxivId: '2210.17323', title: 'GPTQ', year: 2022 }),
    makeRelated({ id: 'arxiv:2306.00978', arxivId: '2306.00978', title: 'AWQ', year: 2023 }),
  ];
  const props = (overrides: Partial<OverlayProps> = {}): OverlayProps => ({
    state: 'not-in-survey',
    paper: null,
    related,
    relatedHasMore: true,
    onMoreRelated: vi.fn(),
    saved: false,
    onToggleSave: vi.fn(),
    savedKeys: new Set<string>(),
    collapsed: false,
    onToggleCollapsed: vi.fn(),
    onDismiss: vi.fn(),
    nodeHref: testNodeHref,
    showNotInSurveyChip: true,
    prediction: QUANTIZATION,
    ...overrides,
  });

  test('the chip says "not in the survey", then the prediction and related works (no "More": no record to page from)', () => {
    view = mount(<Overlay {...props()} />);
    const chip = view.$('[data-testid="not-in-survey-chip"]')!;
    expect(chip.querySelector('.el-chip-text')!.textContent).toBe('Not in the efficiency survey');
    expect(chip.querySelector('[data-testid="prediction"]')).not.toBeNull();
    expect(spokenText(chip)).toContain('Likely: Quantization, 82% — a prediction, not in the survey');
    const list = chip.querySelector('[data-testid="predicted-related"]')!;
    expect(list.querySelector('h3')!.textContent).toBe('Related works in the survey');
    expect([...list.querySelectorAll('[data-testid="related-list"] li')].length).toBe(2);
    expect([...chip.querySelectorAll('button')].map(accessibleName)).toEqual([
      'Save to my list',
      'Dismiss Efficiency Lens',
    ]);
    // Never presented as membership: no placement, no taxonomy path, no "In the efficiency survey" heading.
    expect(view.$('[data-testid="leaf-placement"], [data-testid="taxonomy-path"], h2')).toBeNull();
  });

  test.each<[string, Partial<OverlayProps>]>([
    ['an out-of-scope prediction', { prediction: OUT_OF_SCOPE }],
    ['no prediction', { prediction: null }],
  ])('with %s: the plain chip, without related works', (_name, overrides) => {
    view = mount(<Overlay {...props(overrides)} />);
    expect(view.$('[data-testid="not-in-survey-chip"]')).not.toBeNull();
    expect(view.$('[data-testid="prediction"], [data-testid="related-list"]')).toBeNull();
  });

  test('collapsed: the prediction line stays, the related works go', () => {
    view = mount(<Overlay {...props({ collapsed: true })} />);
    expect(view.$('[data-testid="prediction"]')).not.toBeNull();
    expect(view.$('[data-testid="related-list"]')).toBeNull();
  });

  test('the showNotInSurveyChip setting hides the prediction too', () => {
    view = mount(<Overlay {...props({ showNotInSurveyChip: false })} />);
    expect(view.root.childNodes.length).toBe(0);
  });

  test('a prediction never shows on a survey paper', () => {
    const paper = related[0]!.record;
    view = mount(
      <Overlay {...props({ state: 'in-survey', paper: { ...paper, leaves: ['quantization'] } })} />,
    );
    expect(view.$('[data-testid="prediction"]')).toBeNull();
  });
});
