import { describe, expect, it } from 'vitest';
import { BM25_B, BM25_K1, Bm25Index } from './bm25';

const DOCS = [
  ['post', 'training', 'quantization', 'llm'], // 0
  ['quantization', 'aware', 'training'], // 1
  ['quantized', 'llm', 'finetuning'], // 2
  ['pruning', 'llm'], // 3
  ['llm', 'llm', 'survey'], // 4: a repeated word
  ['llmcbench', 'compression', 'benchmark'], // 5
];

describe('Bm25Index', () => {
  const index = new Bm25Index(DOCS);

  it('uses the usual parameters', () => {
    expect(BM25_K1).toBe(1.2);
    expect(BM25_B).toBe(0.75);
  });

  it('counts document frequency once per document', () => {
    expect(index.df('llm')).toBe(4);
    expect(index.df('quantization')).toBe(2);
    expect(index.df('missing')).toBe(0);
    expect(index.docsWith('llm')).toEqual([0, 2, 3, 4]);
  });

  it('gives rare words a higher idf, never a negative one', () => {
    expect(index.idf('llmcbench')).toBeGreaterThan(index.idf('quantization'));
    expect(index.idf('quantization')).toBeGreaterThan(index.idf('llm'));
    expect(index.idf('llm')).toBeGreaterThan(0);
  });

  it('matches the BM25 formula for a single term', () => {
    const scores = index.score(['pruning']);
    const n = DOCS.length;
    const avg = DOCS.reduce((s, d) => s + d.length, 0) / n;
    const idf = Math.log(1 + (n - 1 + 0.5) / (1 + 0.5));
    const expected = (idf * (BM25_K1 + 1)) / (1 + BM25_K1 * (1 - BM25_B + (BM25_B * 2) / avg));
    expect([...scores.keys()]).toEqual([3]);
    expect(scores.get(3)).toBeCloseTo(expected, 12);
  });

  it('rewards term frequency with saturation', () => {
    const scores = index.score(['llm']);
    expect(scores.get(4)!).toBeGreaterThan(scores.get(3)!);
    expect(scores.get(4)!).toBeLessThan(2 * scores.get(3)!);
  });

  it('expands a prefix to the indexed words it starts, minus excluded ones', () => {
    expect(index.expandPrefix('quant')).toEqual(['quantization', 'quantized']);
    expect(index.expandPrefix('llm')).toEqual(['llm', 'llmcbench']);
    expect(index.expandPrefix('llm', new Set(['llm']))).toEqual(['llmcbench']);
    expect(index.expandPrefix('zzz')).toEqual([]);
    expect(index.expandPrefix('')).toEqual([]);
  });

  it('scores a prefix as one term: rare completions do not win on rarity', () => {
    const scores = index.score([], index.expandPrefix('llm'), 'llm');
    // llmcbench is rarer than llm, but the user typed "llm": its document must not outrank llm's.
    expect(scores.get(5)!).toBeLessThan(scores.get(3)!);
    // "quant": quantization (2 documents) and quantized (1) count alike, so length decides.
    const quant = index.score([], index.expandPrefix('quant'), 'quant');
    expect([...quant.keys()].sort()).toEqual([0, 1, 2]);
    expect(quant.get(1)!).toBeCloseTo(quant.get(2)!, 12); // both 3 words long
    expect(quant.get(1)!).toBeGreaterThan(quant.get(0)!); // 3 words beat 4
  });

  it('is empty for an empty collection', () => {
    const empty = new Bm25Index([]);
    expect(empty.score(['llm']).size).toBe(0);
    expect(empty.expandPrefix('l')).toEqual([]);
  });
});
