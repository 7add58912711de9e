import { describe, expect, it } from 'vitest';
import { benchClassifier, percentiles } from './bench-classifier';

describe('percentiles', () => {
  it.each<[number[], number, number]>([
    [[5], 5, 5],
    [[3, 1, 2], 2, 3],
    [Array.from({ length: 100 }, (_, i) => 100 - i), 51, 96],
    [[], 0, 0],
  ])('%j → median %d, p95 %d', (samples, median, p95) => {
    expect(percentiles(samples)).toEqual({ median, p95 });
  });
});

describe('benchClassifier', () => {
  it('reports size, load time and both prediction timings of the committed model', () => {
    const doc = benchClassifier();
    expect(doc).toMatch(/\| data\/classifier\.json \| [\d.]+ KiB raw, [\d.]+ KiB gzip \|/);
    expect(doc).toMatch(/\| load \(parse \+ validate \+ dequantise\) \| median [\d.]+ ms, p95 [\d.]+ ms \|/);
    expect(doc).toMatch(/\| predict, title only \| median [\d.]+ µs, p95 [\d.]+ µs \| \d+ dataset titles \|/);
    expect(doc).toMatch(/\| predict, title \+ ~1,500-char abstract \| median [\d.]+ µs/);
  }, 60_000);
});
