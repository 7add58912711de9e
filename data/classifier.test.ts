/**
 * The committed classifier (data/classifier.json) and its evaluation (data/CLASSIFIER.md) are what
 * scripts/train-classifier.ts produces from the committed data: retrained here and compared byte for byte
 * (the report up to its measured "Speed" section). Also lints data/non-llm-titles.json.
 */
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { examplesFrom } from '../lib/classifier/train';
import { normalizeTitle } from '../lib/text/title';
import {
  buildClassifier,
  type ClassifierBuild,
  checkedPart,
  inputsHash,
  readInputs,
  renderReport,
  SPEED_HEADING,
} from '../scripts/train-classifier';

const read = (name: string) => readFileSync(new URL(`./${name}`, import.meta.url), 'utf8');
const modelText = read('classifier.json');
const report = read('CLASSIFIER.md');
const inputs = readInputs();

describe('data/non-llm-titles.json', () => {
  const file = JSON.parse(read('non-llm-titles.json')) as {
    description?: unknown;
    provenance?: unknown;
    titles: { title: string; field: string }[];
  };
  it('states its provenance and holds titled entries with a field, each title once', () => {
    expect(typeof file.provenance).toBe('string');
    expect(file.provenance as string).toMatch(/from memory/);
    expect(file.titles.length).toBeGreaterThan(500);
    for (const t of file.titles) {
      expect(typeof t.title === 'string' && normalizeTitle(t.title) !== '', JSON.stringify(t)).toBe(true);
      expect(t.field).toMatch(/^[a-z]+$/);
    }
    const norms = file.titles.map((t) => normalizeTitle(t.title));
    expect(new Set(norms).size).toBe(norms.length);
  });

  it('is 2-space JSON with a trailing newline', () => {
    const text = read('non-llm-titles.json');
    expect(text).toBe(`${JSON.stringify(JSON.parse(text), null, 2)}\n`);
  });
});

describe('data/classifier.json and data/CLASSIFIER.md', () => {
  let build: ClassifierBuild;
  beforeAll(() => {
    build = buildClassifier(inputs);
  }, 120_000);

  it('records the hash of the inputs it was trained on', () => {
    const examples = examplesFrom(inputs.papers, inputs.negatives, inputs.nonLlm);
    expect(JSON.parse(modelText).inputsHash).toBe(inputsHash(examples));
  });

  it('is what the training script produces from the committed data', () => {
    // On a mismatch: run `npx tsx scripts/train-classifier.ts` and commit both files.
    expect(build.modelJson === modelText, 'data/classifier.json is stale or was edited').toBe(true);
  });

  it('reports the figures the code computes', () => {
    expect(report).toContain(SPEED_HEADING);
    expect(checkedPart(renderReport(build, null))).toBe(checkedPart(report));
  });

  it('ships calibration and a threshold chosen on held-out data, and stays small', () => {
    const model = JSON.parse(modelText);
    expect(model.temperature).toBe(build.chosen.temperature);
    expect(model.threshold).toBe(build.chosen.threshold);
    expect(model.threshold).toBeGreaterThan(0);
    // A budget, so a change that doubles the model is a decision rather than an accident.
    expect(gzipSync(modelText).length).toBeLessThan(100 * 1024);
  });
});
