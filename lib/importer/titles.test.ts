import { describe, expect, it } from 'vitest';
import type { SourceId } from '../dataset/schema';
import {
  chooseTitle,
  chooseValue,
  cleanTitle,
  likelyTypos,
  titleKey,
  titleVocabulary,
  unknownWords,
} from './titles';

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

/** A vocabulary with the two IntactKV titles as one record, and other records that use "language" and "model". */
const INTACT_TYPO = 'IntactKV: Improving Large Languagze Model Quantization by Keeping Pivot Tokens Intact';
const INTACT = 'IntactKV: Improving Large Language Model Quantization by Keeping Pivot Tokens Intact';
const VOCAB = titleVocabulary([
  [INTACT_TYPO, INTACT],
  ['Scaling Laws for Neural Language Models'],
  ['Training Compute-Optimal Large Language Models', 'Training Compute-Optimal Large Language Models'],
  ['GPTQ: Accurate Post-Training Quantization for Generative Pre-trained Transformers'],
  ['Junk DNA Hypothesis: A Task-Centric Angle of LLM Pre-trained Weights through Sparsity'],
  [
    'QIGen: Generating Efficient Kernels for Quantized Inference on Large Language Models',
    'Generating Efficient Kernels for Quantized Inference on Large Language Models',
  ],
]);

describe('titleVocabulary', () => {
  it('counts each distinct title once, however often it is written or spaced', () => {
    expect(VOCAB.get('training')).toBe(2);
    expect(VOCAB.get('language')).toBe(5);
    expect(VOCAB.get('languagze')).toBe(1);
    expect(VOCAB.get('intactkv')).toBe(2);
  });
});

describe('unknownWords', () => {
  it.each([
    [INTACT_TYPO, ['languagze']],
    [INTACT, []],
    // Coined names are unique by design and are not ordinary words.
    ['QIGen: Generating Efficient Kernels for Quantized Inference on Large Language Models', []],
    [
      'Junk DNA Hypothesis: A Task-Centric Angle of LLM Pre-trained Weights through Sparsity',
      ['junk', 'hypothesis', 'task', 'centric', 'angle', 'weights', 'through', 'sparsity'],
    ],
  ])('%s → %j', (title, words) => {
    expect(unknownWords(title, VOCAB)).toEqual(words);
  });
});

describe('likelyTypos', () => {
  it.each([
    ['a unique word one letter from a common word of the other title', INTACT_TYPO, [INTACT], ['languagze']],
    ['the correct spelling', INTACT, [INTACT_TYPO], []],
    [
      'rare but real words with no near partner in the other title',
      'Junk DNA Hypothesis: A Task-Centric Angle of LLM Pre-trained Weights through Sparsity',
      [
        'Pruning Small Pre-Trained Weights Irreversibly and Monotonically Impairs Difficult Downstream Tasks in LLMs',
      ],
      [],
    ],
    ['no competing title', INTACT_TYPO, [], []],
  ])('%s', (_why, title, others, typos) => {
    expect(likelyTypos(title, others, VOCAB)).toEqual(typos);
  });
});

describe('chooseTitle tie-breaks', () => {
  it('prefers the title without a likely typo over source priority (IntactKV)', () => {
    const votes = [
      { source: 'huangowen' as const, title: INTACT_TYPO, linked: true },
      { source: 'aiot' as const, title: INTACT, linked: true },
    ];
    expect(chooseTitle(votes, PRIORITY, { vocabulary: VOCAB })).toEqual({
      title: INTACT,
      variants: [INTACT_TYPO],
    });
    // Without the vocabulary the tie falls through to priority, which is how the typo used to win.
    expect(chooseTitle(votes, PRIORITY).title).toBe(INTACT_TYPO);
  });

  it('never lets the typo test overrule more sources', () => {
    const votes = [
      { source: 'huangowen' as const, title: INTACT_TYPO },
      { source: 'horseee' as const, title: INTACT_TYPO },
      { source: 'aiot' as const, title: INTACT },
    ];
    expect(chooseTitle(votes, PRIORITY, { vocabulary: VOCAB }).title).toBe(INTACT_TYPO);
  });

  it("prefers the title written beside the record's arXiv link over a venue title merged by similarity", () => {
    const qigen = 'QIGen: Generating Efficient Kernels for Quantized Inference on Large Language Models';
    const venue = 'Generating Efficient Kernels for Quantized Inference on Large Language Models';
    const votes = [
      { source: 'huangowen' as const, title: venue, linked: false },
      { source: 'huangowen' as const, title: qigen, linked: true },
    ];
    expect(chooseTitle(votes, PRIORITY, { vocabulary: VOCAB }).title).toBe(qigen);
    // Unlinked on both sides: the old order (priority, then alphabetical) decides.
    expect(
      chooseTitle(
        votes.map((v) => ({ ...v, linked: false })),
        PRIORITY,
      ).title,
    ).toBe(venue);
  });

  it('falls back to source priority when neither title has a typo nor a link advantage', () => {
    const votes = [
      {
        source: 'aiot' as const,
        title: 'Junk DNA Hypothesis: A Task-Centric Angle of LLM Pre-trained Weights through Sparsity',
      },
      {
        source: 'huangowen' as const,
        title:
          'Pruning Small Pre-Trained Weights Irreversibly and Monotonically Impairs Difficult Downstream Tasks in LLMs',
      },
    ];
    expect(chooseTitle(votes, PRIORITY, { vocabulary: VOCAB }).title).toMatch(/^Pruning Small/);
  });
});
