import { describe, expect, it } from 'vitest';
import type { SourceId } from '../dataset/schema';
import { chooseTitle, chooseValue, cleanTitle, titleKey } from './titles';

const PRIORITY: SourceId[] = [
  'curated',
  'huangowen',
  'xnhyacinth',
  'tiingweii',
  'albalak',
  'xuefuzhao',
  'aiot',
  'horseee',
  'rzfan525',
];

describe('cleanTitle', () => {
  it.each([
    [
      'OmniQuant: OmniQuant: Omnidirectionally Calibrated Quantization',
      'OmniQuant: Omnidirectionally Calibrated Quantization',
    ],
    ['Longformer: The Long-Document Transformer.', 'Longformer: The Long-Document Transformer'],
    ['  **Scaling   Laws**  ', 'Scaling Laws'],
    ['Title,', 'Title'],
    ['Title，', 'Title'],
    ['Are Emergent Abilities a Mirage?', 'Are Emergent Abilities a Mirage?'],
    ['Wait for it...', 'Wait for it...'],
    ['LLM.int8(): 8-bit Matrix Multiplication', 'LLM.int8(): 8-bit Matrix Multiplication'],
    ['A: B: C', 'A: B: C'],
  ])('%s → %s', (raw, clean) => {
    expect(cleanTitle(raw)).toBe(clean);
  });
});

describe('titleKey', () => {
  it('ignores case, punctuation and spacing', () => {
    expect(titleKey('GPTQ: Accurate Post-Training Quantization')).toBe(
      titleKey('Gptq: Accurate posttraining quantization'),
    );
    expect(titleKey('Scaling Laws for Transfer')).not.toBe(
      titleKey('Scaling Laws for Neural Language Models'),
    );
  });
});

describe('chooseTitle', () => {
  it('prefers the curated supplement over any majority', () => {
    const r = chooseTitle(
      [
        { source: 'huangowen', title: 'Designing Effective Sparse Expert Models' },
        { source: 'xuefuzhao', title: 'Designing Effective Sparse Expert Models' },
        { source: 'curated', title: 'ST-MoE: Designing Stable and Transferable Sparse Expert Models' },
      ],
      PRIORITY,
    );
    expect(r).toEqual({
      title: 'ST-MoE: Designing Stable and Transferable Sparse Expert Models',
      variants: ['Designing Effective Sparse Expert Models'],
    });
  });

  it('takes the title written by most sources, counting each source once', () => {
    const r = chooseTitle(
      [
        { source: 'huangowen', title: 'vLLM: Efficient Memory Management' },
        { source: 'huangowen', title: 'vLLM: Efficient Memory Management' },
        { source: 'aiot', title: 'Efficient Memory Management' },
        { source: 'horseee', title: 'Efficient Memory Management' },
      ],
      PRIORITY,
    );
    expect(r.title).toBe('Efficient Memory Management');
    expect(r.variants).toEqual(['vLLM: Efficient Memory Management']);
  });

  it('breaks ties by source priority', () => {
    const votes = [
      { source: 'aiot' as const, title: 'Title From AIoT' },
      { source: 'huangowen' as const, title: 'Title From HuangOwen' },
    ];
    expect(chooseTitle(votes, PRIORITY).title).toBe('Title From HuangOwen');
    expect(chooseTitle(votes, ['aiot', 'huangowen']).title).toBe('Title From AIoT');
  });

  it('treats spacing slips as the same title and keeps the spelling with more words', () => {
    const r = chooseTitle(
      [
        { source: 'huangowen', title: 'LongRoPE: Extending LLM ContextWindow Beyond 2 Million Tokens' },
        { source: 'aiot', title: 'LongRoPE: Extending LLM Context Window Beyond 2 Million Tokens' },
      ],
      PRIORITY,
    );
    expect(r).toEqual({
      title: 'LongRoPE: Extending LLM Context Window Beyond 2 Million Tokens',
      variants: [],
    });
  });

  it('picks the spelling most sources wrote within one title', () => {
    const r = chooseTitle(
      [
        {
          source: 'tiingweii',
          title: 'Zero: Memory optimizations toward training trillion parameter models',
        },
        { source: 'aiot', title: 'ZeRO: Memory Optimizations Toward Training Trillion Parameter Models' },
        { source: 'horseee', title: 'ZeRO: Memory Optimizations Toward Training Trillion Parameter Models' },
      ],
      PRIORITY,
    );
    expect(r.title).toBe('ZeRO: Memory Optimizations Toward Training Trillion Parameter Models');
  });

  it('throws when there is no usable title', () => {
    expect(() => chooseTitle([], PRIORITY)).toThrow(/no usable title/);
    expect(() => chooseTitle([{ source: 'aiot', title: '  ...  ' }], PRIORITY)).toThrow();
  });
});

describe('chooseValue', () => {
  it.each([
    [[], null],
    [[{ value: 'ICLR 2023', source: 'aiot' }], 'ICLR 2023'],
    [
      [
        { value: 'ICLR 2022', source: 'aiot' },
        { value: 'ICLR 2023', source: 'horseee' },
        { value: 'ICLR 2023', source: 'huangowen' },
      ],
      'ICLR 2023',
    ],
    [
      [
        { value: 'NeurIPS 2023', source: 'huangowen' },
        { value: 'NeurIPS 2023', source: 'aiot' },
        { value: 'ICML 2023', source: 'curated' },
      ],
      'ICML 2023',
    ],
    [
      [
        { value: 'A 2020', source: 'horseee' },
        { value: 'B 2020', source: 'tiingweii' },
      ],
      'B 2020',
    ],
  ] as const)('%j → %s', (votes, expected) => {
    expect(chooseValue([...votes], PRIORITY)).toBe(expected);
  });
});
