/**
 * Training and honest evaluation of the paper classifier (lib/classifier/model.ts). Build-time only: used by
 * scripts/train-classifier.ts and its test, never imported by extension code.
 *
 * Everything is deterministic: folds come from a seeded PRNG over examples sorted by id, training is
 * full-batch (no sampling order), and ties break by index. The same inputs give byte-identical output.
 */
import type { PaperRecord } from '../dataset/schema';
import { LEAF_IDS, type LeafId } from '../taxonomy';
import { normalizeTitle } from '../text/title';
import { textFeatures } from './features';
import {
  CLASSES,
  decide,
  encodeBase64,
  loadModel,
  logitsOf,
  MODEL_FORMAT,
  MODEL_VERSION,
  OUT_OF_SCOPE,
  type SerializedModel,
  softmax,
  type Weighting,
  weightInputs,
} from './model';

/** Where a training example comes from (negatives are reported separately per group). */
export type ExampleGroup = 'survey' | 'out-of-scope-list' | 'non-llm';

/** One training example: a title and its leaves (none for a negative). */
export interface Example {
  id: string;
  title: string;
  /** The record's leaves; empty means the out-of-scope class. */
  labels: LeafId[];
  group: ExampleGroup;
}

/** A curated non-LLM title (data/non-llm-titles.json). */
export interface CuratedTitle {
  title: string;
  field: string;
}

/**
 * The training set: every survey record (the survey itself excluded: it is the taxonomy, not a placement), the
 * awesome-lists' out-of-scope records and the curated non-LLM titles as negatives. A title that occurs twice
 * (normalised) is kept once, survey first, so the same text never sits in two folds.
 */
export function examplesFrom(
  papers: readonly PaperRecord[],
  negatives: readonly PaperRecord[],
  nonLlm: readonly CuratedTitle[],
): Example[] {
  const seen = new Set<string>();
  const out: Example[] = [];
  const push = (example: Example) => {
    const norm = normalizeTitle(example.title);
    if (!norm || seen.has(norm)) return;
    seen.add(norm);
    out.push(example);
  };
  for (const r of papers) {
    if (!r.isSurvey && r.leaves.length > 0)
      push({ id: r.id, title: r.title, labels: [...r.leaves], group: 'survey' });
  }
  for (const r of negatives) push({ id: r.id, title: r.title, labels: [], group: 'out-of-scope-list' });
  nonLlm.forEach((t, i) => {
    push({ id: `non-llm:${String(i).padStart(4, '0')}`, title: t.title, labels: [], group: 'non-llm' });
  });
  return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Hyper-parameters of one candidate model. */
export interface TrainConfig {
  algorithm: 'logistic-regression' | 'naive-bayes';
  /** A feature must occur in at least this many training titles. */
  minDf: number;
  /** L2 penalty (logistic regression). */
  l2: number;
  /** Full-batch Adam steps (logistic regression). */
  iterations: number;
  learningRate: number;
  /** Additive smoothing (naive Bayes). */
  alpha: number;
  /** See SerializedModel.abstractWeight. */
  abstractWeight: number;
}

/** The candidates compared by cross-validation; the best (see chooseCandidate) ships. */
export const CANDIDATES: readonly TrainConfig[] = [
  {
    algorithm: 'logistic-regression',
    minDf: 2,
    l2: 5e-5,
    iterations: 60,
    learningRate: 0.2,
    alpha: 0,
    abstractWeight: 0.5,
  },
  {
    algorithm: 'naive-bayes',
    minDf: 2,
    l2: 0,
    iterations: 0,
    learningRate: 0,
    alpha: 0.1,
    abstractWeight: 0.2,
  },
];

/** Settings of the evaluation. */
export const EVALUATION = {
  folds: 5,
  seed: 20231201,
  /** The threshold is the lowest one whose false-positive rate on negatives (held out) is at most this. */
  maxFalsePositiveRate: 0.05,
  calibrationBins: 15,
} as const;

/** Thresholds of the report's trade-off table. */
const TRADEOFF_THRESHOLDS = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8];

const CLASS_COUNT = CLASSES.length;
const OOS_INDEX = LEAF_IDS.length;

/** mulberry32: a tiny seeded PRNG (deterministic folds). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The class an example is stratified by: its first leaf, or out-of-scope. */
function stratum(e: Example): string {
  return e.labels[0] ?? OUT_OF_SCOPE;
}

/**
 * Stratified, seeded k-fold assignment: within each stratum (first leaf / out-of-scope) the examples are
 * shuffled and dealt round-robin, continuing the deal across strata so fold sizes stay even.
 */
export function assignFolds(examples: readonly Example[], k: number, seed: number): number[] {
  const random = prng(seed);
  const byStratum = new Map<string, number[]>();
  examples.forEach((e, i) => {
    const key = stratum(e);
    byStratum.set(key, [...(byStratum.get(key) ?? []), i]);
  });
  const folds = new Array<number>(examples.length).fill(0);
  let next = 0;
  for (const key of [...byStratum.keys()].sort()) {
    const members = byStratum.get(key)!;
    for (let i = members.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [members[i], members[j]] = [members[j]!, members[i]!];
    }
    for (const i of members) {
      folds[i] = next;
      next = (next + 1) % k;
    }
  }
  return folds;
}

/** Soft target over CLASSES: 1/n on each of the example's n leaves, or 1 on out-of-scope. */
function target(e: Example): Float64Array {
  const y = new Float64Array(CLASS_COUNT);
  if (e.labels.length === 0) y[OOS_INDEX] = 1;
  for (const leaf of e.labels) y[LEAF_IDS.indexOf(leaf)]! += 1 / e.labels.length;
  return y;
}

/** Sparse rows of the training matrix. */
interface Row {
  indices: number[];
  values: number[];
}

const round = (x: number, digits: number) => {
  const f = 10 ** digits;
  // +0 turns -0 into 0 so the JSON never holds "-0".
  return Math.round(x * f) / f + 0;
};

/** Train one model on `examples` and serialise it (temperature 1 and threshold 0.5 until calibrated). */
export function trainModel(
  examples: readonly Example[],
  config: TrainConfig,
  inputsHash = '',
): SerializedModel {
  const featureCounts = examples.map((e) => textFeatures(e.title));
  const df = new Map<string, number>();
  for (const counts of featureCounts) for (const f of counts.keys()) df.set(f, (df.get(f) ?? 0) + 1);
  const vocabulary = [...df.keys()]
    .filter((f) => df.get(f)! >= config.minDf)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const index = new Map(vocabulary.map((f, i) => [f, i]));
  const weighting: Weighting = config.algorithm === 'logistic-regression' ? 'tfidf-l2' : 'counts';
  const n = examples.length;
  // idf rounded as stored, so training sees exactly what the shipped model computes.
  const idf =
    weighting === 'tfidf-l2' ? vocabulary.map((f) => round(Math.log((1 + n) / (1 + df.get(f)!)) + 1, 3)) : [];
  const rows: Row[] = featureCounts.map((counts) => {
    const known = new Map<number, number>();
    for (const [f, c] of counts) {
      const i = index.get(f);
      if (i !== undefined) known.set(i, c);
    }
    return weightInputs(weighting, idf, known);
  });
  const targets = examples.map(target);
  const { weights, bias } =
    config.algorithm === 'logistic-regression'
      ? trainLogistic(rows, targets, vocabulary.length, config)
      : trainNaiveBayes(rows, targets, vocabulary.length, config);
  return serialise({
    algorithm: config.algorithm,
    weighting,
    inputsHash,
    vocabulary,
    idf,
    weights,
    bias,
    abstractWeight: config.abstractWeight,
  });
}

/**
 * Multinomial logistic regression with soft targets and L2, trained by full-batch Adam (deterministic: no
 * sampling). The rows are packed into typed arrays (CSR) and the loops written out: this runs
 * iterations × examples × features × classes multiply-adds, for every fold.
 */
function trainLogistic(
  rows: readonly Row[],
  targets: readonly Float64Array[],
  features: number,
  config: TrainConfig,
): { weights: Float64Array; bias: Float64Array } {
  const C = CLASS_COUNT;
  const n = rows.length;
  const start = new Int32Array(n + 1);
  rows.forEach((row, i) => {
    start[i + 1] = start[i]! + row.indices.length;
  });
  const cols = new Int32Array(start[n]!);
  const vals = new Float64Array(start[n]!);
  rows.forEach((row, i) => {
    cols.set(row.indices, start[i]!);
    vals.set(row.values, start[i]!);
  });
  const Y = new Float64Array(n * C);
  targets.forEach((y, i) => {
    Y.set(y, i * C);
  });

  const W = new Float64Array(features * C);
  const b = new Float64Array(C);
  const mW = new Float64Array(W.length);
  const vW = new Float64Array(W.length);
  const mb = new Float64Array(C);
  const vb = new Float64Array(C);
  const gW = new Float64Array(W.length);
  const gb = new Float64Array(C);
  const p = new Float64Array(C);
  const beta1 = 0.9;
  const beta2 = 0.999;
  const eps = 1e-8;
  const lr = config.learningRate;
  for (let step = 1; step <= config.iterations; step++) {
    gW.fill(0);
    gb.fill(0);
    for (let i = 0; i < n; i++) {
      const from = start[i]!;
      const to = start[i + 1]!;
      for (let c = 0; c < C; c++) p[c] = b[c]!;
      for (let k = from; k < to; k++) {
        const base = cols[k]! * C;
        const v = vals[k]!;
        for (let c = 0; c < C; c++) p[c]! += W[base + c]! * v;
      }
      let max = -Infinity;
      for (let c = 0; c < C; c++) if (p[c]! > max) max = p[c]!;
      let sum = 0;
      for (let c = 0; c < C; c++) {
        p[c] = Math.exp(p[c]! - max);
        sum += p[c]!;
      }
      for (let c = 0; c < C; c++) {
        p[c] = (p[c]! / sum - Y[i * C + c]!) / n;
        gb[c]! += p[c]!;
      }
      for (let k = from; k < to; k++) {
        const base = cols[k]! * C;
        const v = vals[k]!;
        for (let c = 0; c < C; c++) gW[base + c]! += v * p[c]!;
      }
    }
    const correction1 = 1 - beta1 ** step;
    const correction2 = 1 - beta2 ** step;
    for (let j = 0; j < W.length; j++) {
      const g = gW[j]! + config.l2 * W[j]!;
      mW[j] = beta1 * mW[j]! + (1 - beta1) * g;
      vW[j] = beta2 * vW[j]! + (1 - beta2) * g * g;
      W[j]! -= (lr * (mW[j]! / correction1)) / (Math.sqrt(vW[j]! / correction2) + eps);
    }
    for (let c = 0; c < C; c++) {
      const g = gb[c]!;
      mb[c] = beta1 * mb[c]! + (1 - beta1) * g;
      vb[c] = beta2 * vb[c]! + (1 - beta2) * g * g;
      b[c]! -= (lr * (mb[c]! / correction1)) / (Math.sqrt(vb[c]! / correction2) + eps);
    }
  }
  return { weights: W, bias: b };
}

/** Multinomial naive Bayes with fractional (soft-label) counts and additive smoothing. */
function trainNaiveBayes(
  rows: readonly Row[],
  targets: readonly Float64Array[],
  features: number,
  config: TrainConfig,
): { weights: Float64Array; bias: Float64Array } {
  const C = CLASS_COUNT;
  const counts = new Float64Array(features * C);
  const totals = new Float64Array(C);
  const docs = new Float64Array(C);
  rows.forEach((row, i) => {
    const y = targets[i]!;
    for (let c = 0; c < C; c++) docs[c]! += y[c]!;
    for (let k = 0; k < row.indices.length; k++) {
      for (let c = 0; c < C; c++) {
        const add = row.values[k]! * y[c]!;
        counts[row.indices[k]! * C + c]! += add;
        totals[c]! += add;
      }
    }
  });
  const weights = new Float64Array(features * C);
  for (let f = 0; f < features; f++) {
    for (let c = 0; c < C; c++) {
      weights[f * C + c] = Math.log(
        (counts[f * C + c]! + config.alpha) / (totals[c]! + config.alpha * features),
      );
    }
  }
  const bias = new Float64Array(C);
  for (let c = 0; c < C; c++) bias[c] = Math.log((docs[c]! + 1) / (rows.length + C));
  return { weights, bias };
}

/** Quantise to the JSON form: rows centred across classes, int8 per class column with one scale each. */
function serialise(parts: {
  algorithm: string;
  weighting: Weighting;
  inputsHash: string;
  vocabulary: string[];
  idf: number[];
  weights: Float64Array;
  bias: Float64Array;
  abstractWeight: number;
}): SerializedModel {
  const C = CLASS_COUNT;
  const features = parts.vocabulary.length;
  const centred = new Float64Array(parts.weights.length);
  for (let f = 0; f < features; f++) {
    let mean = 0;
    for (let c = 0; c < C; c++) mean += parts.weights[f * C + c]!;
    mean /= C;
    for (let c = 0; c < C; c++) centred[f * C + c] = parts.weights[f * C + c]! - mean;
  }
  const scales: number[] = [];
  for (let c = 0; c < C; c++) {
    let max = 0;
    for (let f = 0; f < features; f++) max = Math.max(max, Math.abs(centred[f * C + c]!));
    // Rounded first, so the quantisation below uses exactly the scale that is stored.
    scales.push(max > 0 ? Number((max / 127).toPrecision(6)) : 1);
  }
  const bytes = new Int8Array(features * C);
  for (let f = 0; f < features; f++) {
    for (let c = 0; c < C; c++) {
      bytes[f * C + c] = Math.max(-127, Math.min(127, Math.round(centred[f * C + c]! / scales[c]!)));
    }
  }
  let biasMean = 0;
  for (let c = 0; c < C; c++) biasMean += parts.bias[c]!;
  biasMean /= C;
  return {
    format: MODEL_FORMAT,
    version: MODEL_VERSION,
    algorithm: parts.algorithm,
    weighting: parts.weighting,
    inputsHash: parts.inputsHash,
    classes: [...CLASSES],
    vocabulary: parts.vocabulary,
    idf: parts.idf,
    weights: encodeBase64(new Uint8Array(bytes.buffer)),
    scales,
    bias: Array.from(parts.bias, (x) => round(x - biasMean, 4)),
    abstractWeight: parts.abstractWeight,
    temperature: 1,
    threshold: 0.5,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Evaluation
// ---------------------------------------------------------------------------------------------------------

/** Raw logits (temperature 1 whatever the model says) of a loaded model for a title. */
function logitsWith(loaded: ReturnType<typeof loadModel>, title: string): Float64Array {
  const counts = new Map<number, number>();
  for (const [f, c] of textFeatures(title)) {
    const i = loaded.index.get(f);
    if (i !== undefined) counts.set(i, c);
  }
  return logitsOf(
    loaded.weights,
    loaded.bias,
    loaded.classCount,
    weightInputs(loaded.meta.weighting, loaded.idf, counts),
  );
}

/** Class indexes that count as correct for an example (its leaves, or out-of-scope). */
function trueClasses(e: Example): number[] {
  return e.labels.length === 0 ? [OOS_INDEX] : e.labels.map((l) => LEAF_IDS.indexOf(l));
}

/** Mean negative log-likelihood (probability mass on any true class) at a temperature. */
function meanNll(logits: readonly Float64Array[], examples: readonly Example[], temperature: number): number {
  let sum = 0;
  logits.forEach((l, i) => {
    const p = softmax(l, temperature);
    const mass = trueClasses(examples[i]!).reduce((s, c) => s + p[c]!, 0);
    sum -= Math.log(Math.max(mass, 1e-12));
  });
  return sum / Math.max(1, logits.length);
}

/** Temperature minimising the held-out NLL (golden-section search on log T in [1/20, 20]); 4 decimals. */
export function fitTemperature(logits: readonly Float64Array[], examples: readonly Example[]): number {
  let lo = Math.log(0.05);
  let hi = Math.log(20);
  const phi = (Math.sqrt(5) - 1) / 2;
  let a = hi - phi * (hi - lo);
  let b = lo + phi * (hi - lo);
  let fa = meanNll(logits, examples, Math.exp(a));
  let fb = meanNll(logits, examples, Math.exp(b));
  for (let i = 0; i < 60; i++) {
    if (fa <= fb) {
      hi = b;
      b = a;
      fb = fa;
      a = hi - phi * (hi - lo);
      fa = meanNll(logits, examples, Math.exp(a));
    } else {
      lo = a;
      a = b;
      fa = fb;
      b = lo + phi * (hi - lo);
      fb = meanNll(logits, examples, Math.exp(b));
    }
  }
  return round(Math.exp((lo + hi) / 2), 4);
}

/** The decision rule's score (see decide()): the highest leaf probability. */
export function leafScore(p: ArrayLike<number>): number {
  let max = 0;
  for (let c = 0; c < LEAF_IDS.length; c++) max = Math.max(max, p[c]!);
  return max;
}

/**
 * The lowest threshold (in steps of 0.01) at which at most `maxRate` of the negatives get a leaf. Lowest,
 * because every step up rejects more survey-like papers too.
 */
export function chooseThreshold(
  probabilities: readonly ArrayLike<number>[],
  examples: readonly Example[],
  maxRate: number,
): number {
  const scores = probabilities.flatMap((p, i) => (examples[i]!.labels.length === 0 ? [leafScore(p)] : []));
  for (let step = 1; step <= 100; step++) {
    const threshold = step / 100;
    const fp = scores.filter((s) => s >= threshold).length;
    if (fp <= maxRate * scores.length) return threshold;
  }
  return 1;
}

/** Expected calibration error of the top class (equal-width bins over confidence). */
export function expectedCalibrationError(
  probabilities: readonly ArrayLike<number>[],
  examples: readonly Example[],
  bins: number,
): number {
  const count = new Array<number>(bins).fill(0);
  const confidence = new Array<number>(bins).fill(0);
  const correct = new Array<number>(bins).fill(0);
  probabilities.forEach((p, i) => {
    let best = 0;
    for (let c = 1; c < CLASS_COUNT; c++) if (p[c]! > p[best]!) best = c;
    const conf = p[best]!;
    const bin = Math.min(bins - 1, Math.floor(conf * bins));
    count[bin]!++;
    confidence[bin]! += conf;
    if (trueClasses(examples[i]!).includes(best)) correct[bin]!++;
  });
  return eceFrom(count, confidence, correct, probabilities.length);
}

/** One bin of a reliability diagram: held-out examples whose top-class confidence falls in [from, to). */
export interface ReliabilityBin {
  from: number;
  to: number;
  count: number;
  meanConfidence: number;
  accuracy: number;
}

/** The reliability diagram behind expectedCalibrationError (empty bins left out). */
export function reliability(
  probabilities: readonly ArrayLike<number>[],
  examples: readonly Example[],
  bins: number,
): ReliabilityBin[] {
  const out: ReliabilityBin[] = [];
  for (let k = 0; k < bins; k++)
    out.push({ from: k / bins, to: (k + 1) / bins, count: 0, meanConfidence: 0, accuracy: 0 });
  probabilities.forEach((p, i) => {
    let best = 0;
    for (let c = 1; c < CLASS_COUNT; c++) if (p[c]! > p[best]!) best = c;
    const bin = out[Math.min(bins - 1, Math.floor(p[best]! * bins))]!;
    bin.count++;
    bin.meanConfidence += p[best]!;
    if (trueClasses(examples[i]!).includes(best)) bin.accuracy++;
  });
  return out
    .filter((b) => b.count > 0)
    .map((b) => ({ ...b, meanConfidence: b.meanConfidence / b.count, accuracy: b.accuracy / b.count }));
}

/** Σ over bins of (bin share) × |accuracy − mean confidence|. */
function eceFrom(count: number[], confidence: number[], correct: number[], total: number): number {
  let ece = 0;
  for (let k = 0; k < count.length; k++) {
    if (count[k]! === 0) continue;
    ece += (count[k]! / total) * Math.abs(correct[k]! / count[k]! - confidence[k]! / count[k]!);
  }
  return ece;
}

/** Leaves of a probability vector, most likely first (ties by survey order). */
function rankedLeaves(p: ArrayLike<number>): number[] {
  return LEAF_IDS.map((_, c) => c).sort((a, b) => p[b]! - p[a]! || a - b);
}

/** Figures of one leaf over the held-out survey records. */
export interface LeafFigures {
  leaf: LeafId;
  /** Survey records with this leaf (a multi-leaf record counts under each of its leaves). */
  support: number;
  /** Share of them whose top-1 leaf is one of their leaves. */
  top1: number;
  top3: number;
  /** Held-out records whose top-1 leaf is this one, and the share of those that carry it. */
  predicted: number;
  precision: number | null;
}

/** The evaluation of one candidate, from held-out predictions only. */
export interface Evaluation {
  config: TrainConfig;
  examples: { survey: number; outOfScopeList: number; nonLlm: number; multiLeaf: number };
  /** Survey records: top-1 / top-3 over the 18 leaves (a hit when the leaf is any of the record's leaves). */
  top1: number;
  top3: number;
  /** All examples, 19 classes at argmax (negatives must get out-of-scope): the candidate-selection score. */
  argmaxAccuracy: number;
  perLeaf: LeafFigures[];
  /** Cross-fitted: each fold's temperature and threshold come from the other folds' held-out predictions. */
  calibration: { nllRaw: number; nllCalibrated: number; eceRaw: number; eceCalibrated: number };
  decision: {
    /** Mean of the per-fold thresholds (each chosen on the other folds). */
    meanThreshold: number;
    /** Negatives predicted as a leaf. */
    falsePositiveRate: number;
    falsePositiveRateOutOfScopeList: number;
    falsePositiveRateNonLlm: number;
    /** Survey records that get a leaf at all, and the share of those leaves that are right. */
    coverage: number;
    precision: number;
    /** Survey records whose shown prediction is one of their leaves (misses include "out of scope"). */
    endToEndTop1: number;
  };
  /** Reliability of the cross-fitted calibrated probabilities. */
  reliability: ReliabilityBin[];
  /** False-positive rate and coverage at other thresholds (cross-fitted temperatures). */
  tradeoff: { threshold: number; falsePositiveRate: number; coverage: number; precision: number }[];
  /** Fitted on all held-out predictions: what the shipped model uses. */
  temperature: number;
  threshold: number;
}

/** k-fold cross-validation of one candidate: held-out logits for every example. */
export function crossValidate(
  examples: readonly Example[],
  config: TrainConfig,
  folds: readonly number[],
  k: number,
): Float64Array[] {
  const logits = new Array<Float64Array>(examples.length);
  for (let fold = 0; fold < k; fold++) {
    const train = examples.filter((_, i) => folds[i] !== fold);
    const model = loadModel(trainModel(train, config));
    examples.forEach((e, i) => {
      if (folds[i] === fold) logits[i] = logitsWith(model, e.title);
    });
  }
  return logits;
}

/** Turn held-out logits into the report's figures (see Evaluation). */
export function evaluate(
  examples: readonly Example[],
  config: TrainConfig,
  logits: readonly Float64Array[],
  folds: readonly number[],
  k: number,
): Evaluation {
  const raw = logits.map((l) => softmax(l));
  const survey = examples.map((_e, i) => i).filter((i) => examples[i]!.labels.length > 0);
  const negatives = examples.map((_e, i) => i).filter((i) => examples[i]!.labels.length === 0);
  const share = (hits: number, total: number) => (total === 0 ? 0 : hits / total);

  // Placement quality over the 18 leaves (survey records only).
  let top1 = 0;
  let top3 = 0;
  const perLeaf = new Map<
    LeafId,
    { support: number; top1: number; top3: number; predicted: number; right: number }
  >(LEAF_IDS.map((l) => [l, { support: 0, top1: 0, top3: 0, predicted: 0, right: 0 }]));
  for (const i of survey) {
    const e = examples[i]!;
    const ranked = rankedLeaves(raw[i]!);
    const truth = trueClasses(e);
    const hit1 = truth.includes(ranked[0]!);
    const hit3 = ranked.slice(0, 3).some((c) => truth.includes(c));
    if (hit1) top1++;
    if (hit3) top3++;
    for (const leaf of e.labels) {
      const f = perLeaf.get(leaf)!;
      f.support++;
      if (hit1) f.top1++;
      if (hit3) f.top3++;
    }
    const predicted = perLeaf.get(LEAF_IDS[ranked[0]!]!)!;
    predicted.predicted++;
    if (hit1) predicted.right++;
  }
  let argmaxHits = 0;
  raw.forEach((p, i) => {
    let best = 0;
    for (let c = 1; c < CLASS_COUNT; c++) if (p[c]! > p[best]!) best = c;
    if (trueClasses(examples[i]!).includes(best)) argmaxHits++;
  });

  // Cross-fitted calibration and decision: fold f is scored with a temperature and threshold fitted on the
  // held-out predictions of the other folds, so no figure is measured on what its settings were fitted to.
  const calibrated = new Array<Float64Array>(examples.length);
  const thresholds: number[] = [];
  for (let fold = 0; fold < k; fold++) {
    const others = examples.map((_, i) => i).filter((i) => folds[i] !== fold);
    const otherExamples = others.map((i) => examples[i]!);
    const temperature = fitTemperature(
      others.map((i) => logits[i]!),
      otherExamples,
    );
    const threshold = chooseThreshold(
      others.map((i) => softmax(logits[i]!, temperature)),
      otherExamples,
      EVALUATION.maxFalsePositiveRate,
    );
    thresholds.push(threshold);
    examples.forEach((_, i) => {
      if (folds[i] === fold) calibrated[i] = softmax(logits[i]!, temperature);
    });
  }
  const foldThreshold = (i: number) => thresholds[folds[i]!]!;
  const isLeaf = (i: number) => decide(calibrated[i]!, foldThreshold(i)).kind === 'leaf';
  const fpIn = (group: ExampleGroup) => {
    const members = negatives.filter((i) => examples[i]!.group === group);
    return share(members.filter(isLeaf).length, members.length);
  };
  const covered = survey.filter(isLeaf);
  const right = covered.filter((i) => {
    const p = decide(calibrated[i]!, foldThreshold(i));
    return p.kind === 'leaf' && examples[i]!.labels.includes(p.leaf);
  });

  const tradeoff = TRADEOFF_THRESHOLDS.map((t) => {
    const fp = negatives.filter((i) => leafScore(calibrated[i]!) >= t).length;
    const got = survey.filter((i) => leafScore(calibrated[i]!) >= t);
    const ok = got.filter((i) => examples[i]!.labels.includes(LEAF_IDS[rankedLeaves(calibrated[i]!)[0]!]!));
    return {
      threshold: t,
      falsePositiveRate: share(fp, negatives.length),
      coverage: share(got.length, survey.length),
      precision: share(ok.length, got.length),
    };
  });
  const temperature = fitTemperature(logits, examples);
  const threshold = chooseThreshold(
    logits.map((l) => softmax(l, temperature)),
    examples,
    EVALUATION.maxFalsePositiveRate,
  );
  const bins = EVALUATION.calibrationBins;
  return {
    config,
    examples: {
      survey: survey.length,
      outOfScopeList: negatives.filter((i) => examples[i]!.group === 'out-of-scope-list').length,
      nonLlm: negatives.filter((i) => examples[i]!.group === 'non-llm').length,
      multiLeaf: survey.filter((i) => examples[i]!.labels.length > 1).length,
    },
    top1: share(top1, survey.length),
    top3: share(top3, survey.length),
    argmaxAccuracy: share(argmaxHits, examples.length),
    perLeaf: LEAF_IDS.map((leaf) => {
      const f = perLeaf.get(leaf)!;
      return {
        leaf,
        support: f.support,
        top1: share(f.top1, f.support),
        top3: share(f.top3, f.support),
        predicted: f.predicted,
        precision: f.predicted === 0 ? null : f.right / f.predicted,
      };
    }),
    calibration: {
      nllRaw: meanNll(logits, examples, 1),
      nllCalibrated:
        calibrated.reduce((s, p, i) => {
          const mass = trueClasses(examples[i]!).reduce((m, c) => m + p[c]!, 0);
          return s - Math.log(Math.max(mass, 1e-12));
        }, 0) / examples.length,
      eceRaw: expectedCalibrationError(raw, examples, bins),
      eceCalibrated: expectedCalibrationError(calibrated, examples, bins),
    },
    reliability: reliability(calibrated, examples, bins),
    tradeoff,
    decision: {
      meanThreshold: thresholds.reduce((s, t) => s + t, 0) / thresholds.length,
      falsePositiveRate: share(negatives.filter(isLeaf).length, negatives.length),
      falsePositiveRateOutOfScopeList: fpIn('out-of-scope-list'),
      falsePositiveRateNonLlm: fpIn('non-llm'),
      coverage: share(covered.length, survey.length),
      precision: share(right.length, covered.length),
      endToEndTop1: share(right.length, survey.length),
    },
    temperature,
    threshold,
  };
}

/** The candidate that ships: the highest 19-class held-out argmax accuracy (ties: the earlier candidate). */
export function chooseCandidate(evaluations: readonly Evaluation[]): Evaluation {
  return evaluations.reduce((best, e) => (e.argmaxAccuracy > best.argmaxAccuracy ? e : best));
}
