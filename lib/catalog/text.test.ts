import { describe, expect, it } from 'vitest';
import { editDistance, normTerms, searchTerms, setDice, singular, trigrams, versionSignature } from './text';

describe('singular', () => {
  it.each([
    ['models', 'model'],
    ['transformers', 'transformer'],
    ['llms', 'llm'],
    ['process', 'process'], // double s
    ['bus', 'bus'], // too short to be a plural we care about
    ['int8s', 'int8s'], // words with digits are names
    ['attention', 'attention'],
  ])('%s → %s', (word, expected) => {
    expect(singular(word)).toBe(expected);
  });
});

describe('normTerms', () => {
  it.each([
    ['quantized llms', ['quantized', 'llm']],
    ['quantized large language models', ['quantized', 'llm']],
    [
      'deduplicating training data makes language models better',
      ['deduplicating', 'training', 'data', 'make', 'lm', 'better'],
    ],
    ['masked lms', ['masked', 'lm']],
    // One typo inside the phrase still collapses it; two do not.
    ['large langauge models', ['llm']],
    ['large langauge modles', ['large', 'langauge', 'modle']],
    ['large models', ['large', 'model']],
    ['', []],
  ])('%j', (norm, expected) => {
    expect(normTerms(norm)).toEqual(expected);
  });
});

describe('searchTerms', () => {
  it('adds the words of collapsed phrases so "language" finds LLM titles', () => {
    expect(searchTerms(['efficient', 'llm'])).toEqual(['efficient', 'llm', 'large', 'language', 'model']);
    expect(searchTerms(['masked', 'lm'])).toEqual(['masked', 'lm', 'language', 'model']);
  });
});

describe('versionSignature', () => {
  it.each([
    ['Qwen2 Technical Report', '2'],
    ['Qwen2.5 Technical Report', '2 5'],
    ['Speed Always Wins II: A Survey', '2'],
    ['LoRA+: Efficient Low Rank Adaptation', '+'],
    ['LoRA+ and Mamba++', '+ ++'],
    ['LoRA: Low-Rank Adaptation', ''],
    ['Vision Transformers', ''], // "vision" is not a numeral
    ['Part IV of the Series', '4'],
  ])('%s → %j', (raw, expected) => {
    const norm = raw
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, ' ')
      .trim();
    expect(versionSignature(raw, norm)).toBe(expected);
  });
});

describe('editDistance', () => {
  it.each([
    ['quantization', 'quantization', 2, 0],
    ['surgeon', 'srugeon', 1, 1], // transposition counts once
    ['language', 'langauge', 1, 1],
    ['model', 'mdel', 1, 1],
    ['pruning', 'pruned', 1, 2], // gives up: max + 1
    ['attention', 'retention', 2, 2],
    ['lora', 'qlora', 1, 1],
    ['abc', 'xyz', 1, 2],
  ])('%s / %s (max %d) = %d', (a, b, max, expected) => {
    expect(editDistance(a, b, max)).toBe(expected);
    expect(editDistance(b, a, max)).toBe(expected);
  });

  it('handles words longer than its scratch buffer', () => {
    const long = 'x'.repeat(200);
    expect(editDistance(long, `${long}y`, 2)).toBe(1);
  });
});

describe('trigrams and setDice', () => {
  it('pads the ends and ignores repeats', () => {
    expect([...trigrams('abab')].sort()).toEqual([' ab', 'aba', 'ab ', 'bab'].sort());
  });

  it('is 1 for equal sets, 0 for disjoint ones, symmetric in between', () => {
    const a = trigrams('quantization');
    const b = trigrams('quantisation');
    expect(setDice(a, a)).toBe(1);
    expect(setDice(a, trigrams('pruning'))).toBe(0);
    expect(setDice(a, b)).toBeCloseTo(setDice(b, a), 12);
    expect(setDice(a, b)).toBeGreaterThan(0.5);
    expect(setDice(a, b)).toBeLessThan(1);
  });
});
