import { describe, expect, it } from 'vitest';
import type { PaperRecord } from '../dataset/schema';
import { LEAF_IDS, type LeafId } from '../taxonomy';
import { CLASSES, loadModel, predict, softmax } from './model';
import {
  assignFolds,
  CANDIDATES,
  chooseThreshold,
  crossValidate,
  type Example,
  evaluate,
  examplesFrom,
  expectedCalibrationError,
  fitTemperature,
  trainModel,
} from './train';

const [LOGISTIC, BAYES] = CANDIDATES as [(typeof CANDIDATES)[0], (typeof CANDIDATES)[1]];

/** A toy corpus: each leaf has its own words; negatives talk about proteins and galaxies. */
function toyExamples(perClass = 10): Example[] {
  const topics: [LeafId | null, string[]][] = [
    ['quantization', ['quantization', 'int4', 'bits', 'weights']],
    ['pruning', ['pruning', 'sparsity', 'unstructured', 'magnitude']],
    ['knowledge-distillation', ['distillation', 'student', 'teacher', 'logits']],
    [null, ['protein', 'galaxy', 'cells', 'climate']],
  ];
  const out: Example[] = [];
  for (const [leaf, words] of topics) {
    for (let i = 0; i < perClass; i++) {
      const a = words[i % 4]!;
      const b = words[(i + 1) % 4]!;
      out.push({
        id: `${leaf ?? 'neg'}:${String(i).padStart(3, '0')}`,
        title: `${a} ${b} study number${i}`,
        labels: leaf ? [leaf] : [],
        group: leaf ? 'survey' : 'out-of-scope-list',
      });
    }
  }
  return out;
}

const record = (id: string, title: string, leaves: LeafId[], isSurvey = false) =>
  ({ id, title, leaves, isSurvey }) as unknown as PaperRecord;

describe('examplesFrom', () => {
  it('keeps survey records with leaves, negatives and curated titles, each normalised title once, sorted by id', () => {
    const examples = examplesFrom(
      [
        record('arxiv:2', 'LoRA: Low-Rank Adaptation', ['parameter-efficient-fine-tuning']),
        record('arxiv:1', 'The Survey', ['quantization'], true),
        record('arxiv:3', 'No leaves', []),
      ],
      [record('acl:x', 'lora low rank adaptation', []), record('acl:y', 'KV cache eviction', [])],
      [
        { title: 'Random Forests', field: 'ml' },
        { title: 'KV Cache Eviction!', field: 'dup' },
      ],
    );
    expect(examples.map((e) => [e.id, e.group, e.labels])).toEqual([
      ['acl:y', 'out-of-scope-list', []],
      ['arxiv:2', 'survey', ['parameter-efficient-fine-tuning']],
      ['non-llm:0000', 'non-llm', []],
    ]);
  });
});

describe('assignFolds', () => {
  const examples = toyExamples(10);
  it('is deterministic for a seed and differs for another seed', () => {
    expect(assignFolds(examples, 5, 1)).toEqual(assignFolds(examples, 5, 1));
    expect(assignFolds(examples, 5, 1)).not.toEqual(assignFolds(examples, 5, 2));
  });

  it('stratifies: every fold gets the same number of each class', () => {
    const folds = assignFolds(examples, 5, 7);
    for (const leaf of ['quantization', 'pruning', null]) {
      const perFold = [0, 0, 0, 0, 0];
      examples.forEach((e, i) => {
        if ((e.labels[0] ?? null) === leaf) perFold[folds[i]!]!++;
      });
      expect(perFold).toEqual([2, 2, 2, 2, 2]);
    }
  });
});

describe('trainModel', () => {
  it.each([
    ['logistic regression', LOGISTIC],
    ['naive Bayes', BAYES],
  ])('%s learns a separable toy corpus and is byte-for-byte deterministic', (_name, config) => {
    const examples = toyExamples(10);
    const json = JSON.stringify(trainModel(examples, config));
    expect(JSON.stringify(trainModel(examples, config))).toBe(json);
    const model = loadModel({ ...JSON.parse(json), threshold: 0.3 });
    const cases: [string, LeafId | 'out-of-scope'][] = [
      ['int4 weights', 'quantization'],
      ['magnitude sparsity', 'pruning'],
      ['teacher student', 'knowledge-distillation'],
      ['protein climate', 'out-of-scope'],
    ];
    for (const [title, expected] of cases) {
      const p = predict(model, { title });
      expect(p.kind === 'leaf' ? p.leaf : p.kind, title).toBe(expected);
    }
  });

  it('drops features seen in fewer than minDf titles', () => {
    const model = trainModel(toyExamples(10), LOGISTIC);
    // "number3" occurs in one title per class but "number3" titles are 4 (one per topic): kept; "int4" kept.
    expect(model.vocabulary).toContain('int4');
    const rare = trainModel(
      [...toyExamples(10), { id: 'z', title: 'zebrafish', labels: [], group: 'non-llm' }],
      LOGISTIC,
    );
    expect(rare.vocabulary).not.toContain('zebrafish');
  });
});

describe('calibration and threshold helpers', () => {
  const examples: Example[] = [
    { id: 'a', title: '', labels: ['quantization'], group: 'survey' },
    { id: 'b', title: '', labels: [], group: 'non-llm' },
  ];
  const leaf = LEAF_IDS.indexOf('quantization');
  const oos = CLASSES.length - 1;
  const vector = (c: number, value: number) => {
    const l = new Float64Array(CLASSES.length);
    l[c] = value;
    return l;
  };

  it('fitTemperature sharpens under-confident logits and softens over-confident ones', () => {
    // Always right with small margins: a low temperature (sharper) lowers the log-loss.
    const right = [vector(leaf, 1), vector(oos, 1)];
    expect(fitTemperature(right, examples)).toBeLessThan(0.2);
    // Right half the time with logit 8: the fit makes the top class 50% likely, e^(8/T) = 18 (the other classes).
    const mixed = [vector(leaf, 8), vector(leaf, 8), vector(oos, 8), vector(oos, 8)];
    const labels = [examples[0]!, examples[1]!, examples[0]!, examples[1]!];
    expect(fitTemperature(mixed, labels)).toBeCloseTo(8 / Math.log(18), 3);
  });

  it('chooseThreshold is the lowest step meeting the false-positive cap', () => {
    const p = (top: number) => {
      const v = new Array<number>(CLASSES.length).fill(0);
      v[leaf] = top;
      v[oos] = 1 - top;
      return v;
    };
    const negatives: Example[] = [0, 1, 2, 3].map((i) => ({
      id: `n${i}`,
      title: '',
      labels: [],
      group: 'non-llm',
    }));
    const probs = [p(0.9), p(0.5), p(0.2), p(0.1)];
    expect(chooseThreshold(probs, negatives, 0.25)).toBe(0.51);
    expect(chooseThreshold(probs, negatives, 0.5)).toBe(0.21);
    expect(chooseThreshold(probs, negatives, 0)).toBe(0.91);
  });

  it('expectedCalibrationError is 0 when confidence matches accuracy and grows with overconfidence', () => {
    const confident = (right: boolean) => {
      const v = new Array<number>(CLASSES.length).fill(0);
      v[right ? leaf : oos] = 1;
      return v;
    };
    expect(expectedCalibrationError([confident(true)], [examples[0]!], 10)).toBe(0);
    expect(
      expectedCalibrationError([confident(false), confident(true)], [examples[0]!, examples[0]!], 10),
    ).toBe(0.5);
    const uniform = Array.from(softmax(new Float64Array(CLASSES.length)));
    expect(expectedCalibrationError([uniform], [examples[0]!], 10)).toBeCloseTo(1 / CLASSES.length, 10);
  });
});

describe('crossValidate + evaluate (toy corpus)', () => {
  it('reports held-out figures in range, a top-1 hit on any of several leaves, and per-fold thresholds', () => {
    const examples = toyExamples(10);
    // One two-leaf record: a top-1 of either leaf is a hit.
    examples.push({
      id: 'multi:1',
      title: 'pruning quantization',
      labels: ['pruning', 'quantization'],
      group: 'survey',
    });
    const folds = assignFolds(examples, 5, 3);
    const logits = crossValidate(examples, LOGISTIC, folds, 5);
    expect(logits.every((l) => l instanceof Float64Array && l.length === CLASSES.length)).toBe(true);
    const e = evaluate(examples, LOGISTIC, logits, folds, 5);
    expect(e.examples).toEqual({ survey: 31, outOfScopeList: 10, nonLlm: 0, multiLeaf: 1 });
    expect(e.top1).toBeGreaterThan(0.9);
    expect(e.top3).toBeGreaterThanOrEqual(e.top1);
    expect(e.perLeaf.find((f) => f.leaf === 'pruning')!.support).toBe(11);
    expect(e.perLeaf.find((f) => f.leaf === 'scaling-laws')).toMatchObject({
      support: 0,
      predicted: 0,
      precision: null,
    });
    for (const x of [e.decision.falsePositiveRate, e.decision.coverage, e.calibration.eceCalibrated])
      expect(x).toBeGreaterThanOrEqual(0);
    expect(e.reliability.reduce((s, b) => s + b.count, 0)).toBe(examples.length);
    expect(e.threshold).toBeGreaterThan(0);
  });
});
