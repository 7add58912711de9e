/**
 * The on-device paper classifier: a linear model over title (and abstract) features that guesses which
 * taxonomy leaf a paper OUTSIDE the survey would fall under, or that it falls under none. It is trained at
 * build time by scripts/train-classifier.ts (lib/classifier/train.ts) and shipped as data/classifier.json.
 *
 * A prediction is never survey membership: the overlay shows it as "Likely: Quantization, 82%" next to "not in
 * the survey". The confidence is a probability calibrated on held-out folds (temperature scaling), and a leaf is
 * predicted only when it reaches a threshold chosen on held-out data to keep false positives on out-of-scope
 * papers low (data/CLASSIFIER.md has the figures).
 */
import { isLeafId, LEAF_IDS, type LeafId } from '../taxonomy';
import { textFeatures } from './features';

/** The class of papers outside the survey's taxonomy (the awesome-lists' out-of-scope entries, non-LLM papers). */
export const OUT_OF_SCOPE = 'out-of-scope';

/** The model's classes, in the order of its weight columns: the 18 leaves in survey order, then OUT_OF_SCOPE. */
export const CLASSES: readonly (LeafId | typeof OUT_OF_SCOPE)[] = [...LEAF_IDS, OUT_OF_SCOPE];

/** `format` of data/classifier.json. */
export const MODEL_FORMAT = 'efficiency-lens-classifier';
/** Bumped when the JSON layout changes (a model of another version is refused, not misread). */
export const MODEL_VERSION = 1;

/** Cap on the abstract's characters used for features (the message schema caps it too). */
export const MAX_ABSTRACT_CHARS = 5_000;

/** How raw feature counts become the model's inputs. */
export type Weighting =
  /** Logistic regression: sublinear tf × idf, L2-normalised (a long abstract does not inflate the logits). */
  | 'tfidf-l2'
  /** Multinomial naive Bayes: raw counts times log-probabilities. */
  | 'counts';

/** data/classifier.json as written by the trainer. */
export interface SerializedModel {
  format: typeof MODEL_FORMAT;
  version: typeof MODEL_VERSION;
  /** Which algorithm produced the weights (informational; `weighting` decides how inputs are built). */
  algorithm: string;
  weighting: Weighting;
  /** sha256 (first 16 hex) of the training examples and settings: the test's regenerate-and-compare key. */
  inputsHash: string;
  classes: string[];
  /** Feature strings (see features.ts); index i is row i of the weights. */
  vocabulary: string[];
  /** Per-feature idf (3 decimals) for 'tfidf-l2'; empty for 'counts'. */
  idf: number[];
  /**
   * Int8 weights, row-major [feature][class], base64. Each row was centred across classes (a per-feature
   * constant added to every class leaves the softmax unchanged), then each class column was scaled by
   * `scales[class]` (weight = int8 × scale).
   */
  weights: string;
  scales: number[];
  bias: number[];
  /** Abstract features count this much relative to the title's (the model was trained on titles only). */
  abstractWeight: number;
  /** Softmax temperature fitted on held-out folds (probability = softmax(logits / temperature)). */
  temperature: number;
  /** A leaf is predicted only when its calibrated probability is at least this. */
  threshold: number;
}

/** A model ready for predict(): validated, with the vocabulary as a map and the weights dequantised. */
export interface ClassifierModel {
  readonly meta: Omit<SerializedModel, 'vocabulary' | 'idf' | 'weights' | 'scales' | 'bias'>;
  readonly index: ReadonlyMap<string, number>;
  readonly idf: Float64Array | null;
  /** Dequantised weights, [feature * classCount + class]. */
  readonly weights: Float64Array;
  readonly bias: Float64Array;
  readonly classCount: number;
}

/** What predict() reads from a page. */
export interface PaperText {
  title: string;
  abstract?: string | undefined;
}

/** A leaf with its calibrated probability (0–1). */
export interface LeafConfidence {
  leaf: LeafId;
  confidence: number;
}

/** The classifier's answer. */
export type Prediction =
  | {
      kind: 'leaf';
      leaf: LeafId;
      /** Calibrated probability of `leaf` (≥ the model's threshold). */
      confidence: number;
      /** The next most likely leaves (at most 3), most likely first. */
      alternatives: LeafConfidence[];
    }
  | {
      kind: 'out-of-scope';
      /**
       * The calibrated probability of the out-of-scope class. It can be below 0.5: no leaf reached the
       * threshold although the probability is spread over several leaves.
       */
      confidence: number;
    };

const ALTERNATIVES = 3;

function fail(message: string): never {
  throw new Error(`Invalid classifier model: ${message}`);
}

function isFiniteNumberArray(value: unknown, length: number): value is number[] {
  return (
    Array.isArray(value) &&
    value.length === length &&
    value.every((x) => typeof x === 'number' && Number.isFinite(x))
  );
}

/** Base64 to bytes, with a clear error for anything that is not base64. */
function decodeBase64(text: string): Uint8Array {
  let binary: string;
  try {
    binary = atob(text);
  } catch {
    fail('weights are not base64');
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Bytes to base64 (the trainer's side of decodeBase64). */
export function encodeBase64(bytes: Uint8Array): string {
  let binary = '';
  // Chunked: String.fromCharCode(...bytes) overflows the argument limit on large arrays.
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

/**
 * Validate a parsed data/classifier.json (or its text) and prepare it for predict(). Throws an Error whose
 * message starts "Invalid classifier model:" and says what is wrong; never anything else.
 */
export function loadModel(json: unknown): ClassifierModel {
  let value = json;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch (error) {
      fail(`not JSON (${error instanceof Error ? error.message : String(error)})`);
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail('not an object');
  const m = value as Partial<Record<keyof SerializedModel, unknown>>;
  if (m.format !== MODEL_FORMAT) fail(`format is ${JSON.stringify(m.format)}, expected "${MODEL_FORMAT}"`);
  if (m.version !== MODEL_VERSION) fail(`version ${JSON.stringify(m.version)}, expected ${MODEL_VERSION}`);
  if (typeof m.algorithm !== 'string') fail('algorithm is not a string');
  if (m.weighting !== 'tfidf-l2' && m.weighting !== 'counts') fail('unknown weighting');
  if (typeof m.inputsHash !== 'string') fail('inputsHash is not a string');
  if (
    !Array.isArray(m.classes) ||
    m.classes.length !== CLASSES.length ||
    m.classes.some((c, i) => c !== CLASSES[i])
  ) {
    fail(`classes must be the ${LEAF_IDS.length} taxonomy leaves in survey order, then "${OUT_OF_SCOPE}"`);
  }
  const classCount = CLASSES.length;
  const vocabulary = m.vocabulary;
  if (!Array.isArray(vocabulary) || vocabulary.some((f) => typeof f !== 'string' || f === '')) {
    fail('vocabulary is not an array of non-empty strings');
  }
  const index = new Map<string, number>();
  for (const [i, feature] of (vocabulary as string[]).entries()) {
    if (index.has(feature)) fail(`feature "${feature}" appears twice in the vocabulary`);
    index.set(feature, i);
  }
  const size = index.size;
  let idf: Float64Array | null = null;
  if (m.weighting === 'tfidf-l2') {
    if (!isFiniteNumberArray(m.idf, size) || m.idf.some((x) => x <= 0)) {
      fail(`idf must hold ${size} positive numbers (one per feature)`);
    }
    idf = Float64Array.from(m.idf);
  }
  if (typeof m.weights !== 'string') fail('weights is not a string');
  const bytes = decodeBase64(m.weights);
  if (bytes.length !== size * classCount) {
    fail(`weights hold ${bytes.length} bytes, expected ${size * classCount} (features × classes)`);
  }
  if (!isFiniteNumberArray(m.scales, classCount)) fail(`scales must hold ${classCount} finite numbers`);
  if (!isFiniteNumberArray(m.bias, classCount)) fail(`bias must hold ${classCount} finite numbers`);
  const scales = m.scales;
  const signed = new Int8Array(bytes.buffer, bytes.byteOffset, bytes.length);
  const weights = new Float64Array(signed.length);
  for (let i = 0; i < signed.length; i++) weights[i] = signed[i]! * scales[i % classCount]!;
  if (typeof m.abstractWeight !== 'number' || !(m.abstractWeight >= 0 && m.abstractWeight <= 1)) {
    fail('abstractWeight must be a number in [0, 1]');
  }
  if (typeof m.temperature !== 'number' || !(m.temperature > 0 && Number.isFinite(m.temperature))) {
    fail('temperature must be a positive number');
  }
  if (typeof m.threshold !== 'number' || !(m.threshold >= 0 && m.threshold <= 1)) {
    fail('threshold must be a number in [0, 1]');
  }
  return {
    meta: {
      format: MODEL_FORMAT,
      version: MODEL_VERSION,
      algorithm: m.algorithm,
      weighting: m.weighting,
      inputsHash: m.inputsHash,
      classes: [...CLASSES],
      abstractWeight: m.abstractWeight,
      temperature: m.temperature,
      threshold: m.threshold,
    },
    index,
    idf,
    weights,
    bias: Float64Array.from(m.bias),
    classCount,
  };
}

/** A text's features as the model's sparse input vector (known features only), before weighting. */
function rawCounts(model: ClassifierModel, paper: PaperText): Map<number, number> {
  const counts = new Map<number, number>();
  const add = (text: string, weight: number) => {
    if (weight <= 0) return;
    for (const [feature, n] of textFeatures(text)) {
      const i = model.index.get(feature);
      if (i !== undefined) counts.set(i, (counts.get(i) ?? 0) + n * weight);
    }
  };
  add(typeof paper.title === 'string' ? paper.title : '', 1);
  if (typeof paper.abstract === 'string' && paper.abstract !== '') {
    add(paper.abstract.slice(0, MAX_ABSTRACT_CHARS), model.meta.abstractWeight);
  }
  return counts;
}

/**
 * Turn feature counts into input values the way the model was trained: sublinear tf × idf, L2-normalised
 * ('tfidf-l2'), or the counts themselves ('counts'). Shared with the trainer.
 */
export function weightInputs(
  weighting: Weighting,
  idf: ArrayLike<number> | null,
  counts: ReadonlyMap<number, number>,
): { indices: number[]; values: number[] } {
  const indices = [...counts.keys()].sort((a, b) => a - b);
  if (weighting === 'counts') return { indices, values: indices.map((i) => counts.get(i)!) };
  const values = indices.map((i) => (1 + Math.log(counts.get(i)!)) * (idf?.[i] ?? 1));
  // A fractional count (an abstract word, weight < 1) gives 1 + log(c) < 1; never let it go negative.
  for (let k = 0; k < values.length; k++) values[k] = Math.max(values[k]!, 0);
  const norm = Math.sqrt(values.reduce((s, v) => s + v * v, 0));
  return { indices, values: norm > 0 ? values.map((v) => v / norm) : values };
}

/** Raw (uncalibrated) logits of a weighted input vector. */
export function logitsOf(
  weights: ArrayLike<number>,
  bias: ArrayLike<number>,
  classCount: number,
  input: { indices: readonly number[]; values: readonly number[] },
): Float64Array {
  const out = Float64Array.from(bias as ArrayLike<number>);
  for (let k = 0; k < input.indices.length; k++) {
    const row = input.indices[k]! * classCount;
    const v = input.values[k]!;
    for (let c = 0; c < classCount; c++) out[c]! += weights[row + c]! * v;
  }
  return out;
}

/** softmax(logits / temperature), numerically stable. */
export function softmax(logits: ArrayLike<number>, temperature = 1): Float64Array {
  const n = logits.length;
  const out = new Float64Array(n);
  let max = -Infinity;
  for (let c = 0; c < n; c++) max = Math.max(max, logits[c]! / temperature);
  let sum = 0;
  for (let c = 0; c < n; c++) {
    out[c] = Math.exp(logits[c]! / temperature - max);
    sum += out[c]!;
  }
  for (let c = 0; c < n; c++) out[c]! /= sum;
  return out;
}

/** Calibrated class probabilities of a paper, in CLASSES order. */
export function classProbabilities(model: ClassifierModel, paper: PaperText): Float64Array {
  const input = weightInputs(model.meta.weighting, model.idf, rawCounts(model, paper));
  return softmax(logitsOf(model.weights, model.bias, model.classCount, input), model.meta.temperature);
}

/**
 * The decision rule on calibrated probabilities (CLASSES order), shared by predict() and the evaluation: the
 * most likely leaf when its probability reaches the threshold, else out-of-scope.
 */
export function decide(probabilities: ArrayLike<number>, threshold: number): Prediction {
  const leaves: LeafConfidence[] = [];
  for (let c = 0; c < LEAF_IDS.length; c++) {
    leaves.push({ leaf: LEAF_IDS[c]!, confidence: probabilities[c]! });
  }
  // Ties (rare, e.g. an empty input) break by survey order, so the answer is deterministic.
  leaves.sort((a, b) => b.confidence - a.confidence);
  const top = leaves[0]!;
  if (top.confidence >= threshold && top.confidence > 0) {
    return {
      kind: 'leaf',
      leaf: top.leaf,
      confidence: top.confidence,
      alternatives: leaves.slice(1, 1 + ALTERNATIVES),
    };
  }
  return { kind: 'out-of-scope', confidence: probabilities[LEAF_IDS.length]! };
}

/**
 * Predict where a paper outside the survey would sit: the most likely leaf when its calibrated probability
 * reaches the model's threshold, else out-of-scope. Never throws on odd input (a missing title reads as empty).
 */
export function predict(model: ClassifierModel, paper: PaperText): Prediction {
  return decide(classProbabilities(model, paper), model.meta.threshold);
}

/** True for a leaf id the model can predict (a guard for data coming from elsewhere). */
export function isPredictableLeaf(value: unknown): value is LeafId {
  return typeof value === 'string' && isLeafId(value);
}
