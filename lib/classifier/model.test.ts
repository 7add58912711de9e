import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LEAF_IDS } from '../taxonomy';
import { textFeatures } from './features';
import {
  CLASSES,
  decide,
  encodeBase64,
  loadModel,
  MAX_ABSTRACT_CHARS,
  OUT_OF_SCOPE,
  predict,
  type SerializedModel,
  softmax,
} from './model';

const committedText = readFileSync(new URL('../../data/classifier.json', import.meta.url), 'utf8');
const committed = JSON.parse(committedText) as SerializedModel;
const model = loadModel(committedText);

/** A tiny valid model: two features, weights chosen by hand. */
function tinyModel(overrides: Partial<SerializedModel> = {}): SerializedModel {
  const C = CLASSES.length;
  const bytes = new Int8Array(2 * C);
  // Rows follow the sorted vocabulary: 0 = "protein" → out-of-scope, 1 = "quantization" → Quantization.
  bytes[0 * C + C - 1] = 100;
  bytes[1 * C + LEAF_IDS.indexOf('quantization')] = 100;
  return {
    format: 'efficiency-lens-classifier',
    version: 1,
    algorithm: 'hand-made',
    weighting: 'counts',
    inputsHash: 'test',
    classes: [...CLASSES],
    vocabulary: ['protein', 'quantization'],
    idf: [],
    weights: encodeBase64(new Uint8Array(bytes.buffer)),
    scales: new Array(C).fill(0.1),
    bias: new Array(C).fill(0),
    abstractWeight: 0.5,
    temperature: 1,
    threshold: 0.5,
    ...overrides,
  };
}

describe('features', () => {
  it.each([
    [
      'unigrams without stop words, bigrams, prefixes of long words',
      'Quantization of the Weights',
      ['quantization', '~quanti', 'weight', 'quantization_weight'],
    ],
    [
      '"large language models" collapses to llm',
      'Pruning Large Language Models',
      ['pruning', 'llm', 'pruning_llm'],
    ],
    ['no prefix for words with digits', 'GPTQ4bitquantizer', ['gptq4bitquantizer']],
  ])('%s', (_name, title, expected) => {
    expect([...textFeatures(title).keys()].sort()).toEqual([...expected].sort());
  });

  it.each([
    ['empty', ''],
    ['punctuation only', '?? !!'],
    ['stop words only', 'of the and'],
    ['not a string', 42 as unknown as string],
  ])('has no features for %s', (_name, text) => {
    expect(textFeatures(text).size).toBe(0);
  });

  it('counts repeats', () => {
    expect(textFeatures('sparse sparse attention').get('sparse')).toBe(2);
  });
});

describe('loadModel', () => {
  it('accepts the committed model and a tiny hand-made one, as object or text', () => {
    expect(model.index.size).toBe(committed.vocabulary.length);
    expect(model.classCount).toBe(LEAF_IDS.length + 1);
    expect(loadModel(tinyModel()).index.size).toBe(2);
    expect(loadModel(JSON.stringify(tinyModel())).meta.algorithm).toBe('hand-made');
  });

  const C = CLASSES.length;
  it.each<[string, unknown, RegExp]>([
    ['not JSON', '{"format": ', /not JSON/],
    ['null', null, /not an object/],
    ['an array', [], /not an object/],
    ['another format', { ...tinyModel(), format: 'x' }, /format is "x"/],
    ['another version', { ...tinyModel(), version: 2 }, /version 2, expected 1/],
    ['no algorithm', { ...tinyModel(), algorithm: 3 }, /algorithm/],
    ['unknown weighting', { ...tinyModel(), weighting: 'bm25' }, /unknown weighting/],
    ['classes out of order', { ...tinyModel(), classes: [...CLASSES].reverse() }, /classes must be/],
    ['a class missing', { ...tinyModel(), classes: CLASSES.slice(1) }, /classes must be/],
    ['vocabulary with a number', { ...tinyModel(), vocabulary: ['a', 1] }, /vocabulary/],
    ['duplicate feature', { ...tinyModel(), vocabulary: ['a', 'a'] }, /appears twice/],
    ['weights not base64', { ...tinyModel(), weights: '%%%' }, /not base64/],
    [
      'weights too short',
      { ...tinyModel(), weights: encodeBase64(new Uint8Array(C)) },
      new RegExp(`hold ${C} bytes, expected ${2 * C}`),
    ],
    ['a scale missing', { ...tinyModel(), scales: [1] }, /scales/],
    ['a NaN bias', { ...tinyModel(), bias: [...new Array(C - 1).fill(0), Number.NaN] }, /bias/],
    ['idf missing for tf-idf', { ...tinyModel(), weighting: 'tfidf-l2' }, /idf must hold 2/],
    ['a zero idf', { ...tinyModel(), weighting: 'tfidf-l2', idf: [1, 0] }, /idf/],
    ['threshold above 1', { ...tinyModel(), threshold: 1.5 }, /threshold/],
    ['zero temperature', { ...tinyModel(), temperature: 0 }, /temperature/],
    ['abstract weight as text', { ...tinyModel(), abstractWeight: '0.5' }, /abstractWeight/],
  ])('refuses %s with a clear error', (_name, json, message) => {
    expect(() => loadModel(json)).toThrow(/^Invalid classifier model: /);
    expect(() => loadModel(json)).toThrow(message);
  });
});

describe('predict (tiny model)', () => {
  const tiny = loadModel(tinyModel());
  it('predicts the leaf its feature points to, with the alternatives', () => {
    const p = predict(tiny, { title: 'Quantization' });
    expect(p.kind).toBe('leaf');
    if (p.kind !== 'leaf') return;
    expect(p.leaf).toBe('quantization');
    // logit 10 against 0 for the 18 others: e^10 / (e^10 + 18).
    expect(p.confidence).toBeCloseTo(Math.exp(10) / (Math.exp(10) + 18), 10);
    expect(p.alternatives).toHaveLength(3);
    expect(p.alternatives.every((a) => a.confidence < p.confidence)).toBe(true);
  });

  it.each([
    ['a text with only the out-of-scope feature', { title: 'Protein' }],
    ['an empty title (uniform probabilities stay under the threshold)', { title: '' }],
    ['a title of unknown words', { title: 'Gravitational lensing' }],
    ['a title that is not a string', { title: 7 as unknown as string }],
  ])('says out-of-scope for %s', (_name, paper) => {
    expect(predict(tiny, paper).kind).toBe('out-of-scope');
  });

  it('reads the abstract at its weight, and only its first MAX_ABSTRACT_CHARS characters', () => {
    expect(predict(tiny, { title: 'A study', abstract: 'We study quantization.' }).kind).toBe('leaf');
    const late = `${'x '.repeat(MAX_ABSTRACT_CHARS)} quantization`;
    expect(predict(tiny, { title: 'A study', abstract: late }).kind).toBe('out-of-scope');
    const zero = loadModel(tinyModel({ abstractWeight: 0 }));
    expect(predict(zero, { title: 'A study', abstract: 'quantization' }).kind).toBe('out-of-scope');
  });

  it('applies the temperature', () => {
    const hot = loadModel(tinyModel({ temperature: 10, threshold: 0.1 }));
    const p = predict(hot, { title: 'quantization' });
    expect(p.kind).toBe('leaf');
    if (p.kind === 'leaf') expect(p.confidence).toBeCloseTo(Math.exp(1) / (Math.exp(1) + 18), 10);
  });
});

describe('decide', () => {
  const probs = (top: number, oos: number) => {
    const p = new Array<number>(CLASSES.length).fill((1 - top - oos) / (CLASSES.length - 2));
    p[LEAF_IDS.indexOf('pruning')] = top;
    p[CLASSES.indexOf(OUT_OF_SCOPE)] = oos;
    return p;
  };
  it.each([
    [0.8, 0.1, 0.3, 'leaf'],
    [0.3, 0.6, 0.3, 'leaf'],
    [0.29, 0.6, 0.3, 'out-of-scope'],
    [0.5, 0.1, 0.9, 'out-of-scope'],
  ])('top leaf %f, out-of-scope %f, threshold %f → %s', (top, oos, threshold, kind) => {
    const p = decide(probs(top, oos), threshold);
    expect(p.kind).toBe(kind);
    if (p.kind === 'leaf') expect([p.leaf, p.confidence]).toEqual(['pruning', top]);
    else expect(p.confidence).toBe(oos);
  });

  it('softmax is stable for huge logits and sums to 1', () => {
    const p = softmax([1000, 999, -1000]);
    expect(p[0]! + p[1]! + p[2]!).toBeCloseTo(1, 12);
    expect(p[0]).toBeGreaterThan(p[1]!);
  });
});

describe('the committed model', () => {
  // Titles that are not in the dataset (checked below), with the leaf a reader would give them.
  it.each([
    ['BitNet b1.58: Training 1-bit Transformers at Scale', 'quantization'],
    ['Sparse Upcycling of Dense Checkpoints into Mixture-of-Experts Language Models', 'sparse-modeling'],
    [
      'Extending Context Windows of Large Language Models via Positional Interpolation',
      'efficient-positional-encoding',
    ],
    ['Scaling Laws for Reward Model Overoptimization', 'scaling-laws'],
  ])('places "%s" under %s', (title, leaf) => {
    const p = predict(model, { title });
    expect(p.kind).toBe('leaf');
    if (p.kind === 'leaf') {
      expect(p.leaf).toBe(leaf);
      expect(p.confidence).toBeGreaterThanOrEqual(model.meta.threshold);
    }
  });

  it.each([
    'A Survey of Protein Folding with Cryo-EM',
    'Gravitational Lensing of Distant Quasars by Galaxy Clusters',
    'Bayesian Deep Learning for Weather Forecasting',
  ])('says out-of-scope for "%s"', (title) => {
    expect(predict(model, { title }).kind).toBe('out-of-scope');
  });

  it('uses titles the dataset does not hold', () => {
    const papers = JSON.parse(readFileSync(new URL('../../data/papers.json', import.meta.url), 'utf8')) as {
      normTitle: string;
    }[];
    const known = new Set(papers.map((p) => p.normTitle));
    for (const title of [
      'bitnet b1 58 training 1 bit transformers at scale',
      'a survey of protein folding with cryo em',
    ])
      expect(known.has(title)).toBe(false);
  });
});
