import { describe, expect, it } from 'vitest';
import { normalizeTitle } from '../text/title';
import { CatalogIndex } from './index';
import { TEST_RECORDS } from './test-records';
import { alignTerms, FUZZY_TITLE_THRESHOLD, prepareTitle, titleSimilarity } from './title-match';

const index = CatalogIndex.fromRecords(TEST_RECORDS);
const uniform = () => 1;

describe('byTitle: the same paper under another spelling', () => {
  // [query, expected record id, exact?]
  const POSITIVE: [string, string, boolean][] = [
    // Case, punctuation, LaTeX, unicode dashes, accents: the normal forms are equal.
    ['lora: low-rank adaptation of large language models', 'arxiv:2106.09685', true],
    ['{LoRA}: Low-Rank Adaptation of Large Language Models', 'arxiv:2106.09685', true],
    ['\\emph{Mamba}: Linear-Time Sequence Modeling with Selective State Spaces', 'arxiv:2312.00752', true],
    ['Prefix\u2010Tuning: Optimizing Continuous Prompts for Generation', 'arxiv:2101.00190', true],
    ['RoFormer \u2014 Enhanced Transformer with Rotary Position Embedding', 'arxiv:2104.09864', true],
    ['R\u00e9former: The Efficient Transformer', 'arxiv:2001.04451', true],
    [
      'Megatron-LM: Training Multi-Billion Parameter Language Models using Model Parallelism.',
      'arxiv:1909.08053',
      true,
    ],
    // A known variant title is an exact match too.
    ['MiniLLM: Knowledge Distillation of Large Language Models', 'arxiv:2306.08543', true],
    // Typos.
    ['SparseGPT: Masive Language Models Can Be Accurately Pruned in One-Shot', 'arxiv:2301.00774', false],
    ['Mamba: Linear-Time Sequence Modelling with Selective Sate Spaces', 'arxiv:2312.00752', false],
    ['Efficently Modeling Long Sequences with Structured State Spaces', 'arxiv:2111.00396', false],
    // A missing or extra word.
    [
      'Switch Transformers: Scaling to Trillion Parameter Models with Efficient Sparsity',
      'arxiv:2101.03961',
      false,
    ],
    [
      'GPipe: Efficient Training of Giant Neural Networks using Pipeline Model Parallelism',
      'arxiv:1811.06965',
      false,
    ],
    ['Deduplicating Training Data Makes Large Language Models Better', 'arxiv:2107.06499', false],
    // LLMs vs Large Language Models, Finetuning vs Fine-Tuning.
    ['QLoRA: Efficient Fine-Tuning of Quantized Large Language Models', 'arxiv:2305.14314', false],
    ['Smoothquant: accurate and efficient post-training quantization for LLMs', 'arxiv:2211.10438', false],
    ['Training Compute Optimal LLMs', 'arxiv:2203.15556', false],
    // Subtitle differences: an acronym head the list dropped, a title cut at its colon, a subtitle alone.
    ['Wanda: A Simple and Effective Pruning Approach for Large Language Models', 'arxiv:2306.11695', false],
    ['DistilBERT, a distilled version of BERT', 'arxiv:1910.01108', false],
    ['Attention with Linear Biases Enables Input Length Extrapolation', 'arxiv:2108.12409', false],
    // Venue title vs arXiv title.
    [
      'AWQ: Activation-aware Weight Quantization for On-Device LLM Compression and Acceleration',
      'arxiv:2306.00978',
      false,
    ],
  ];

  it.each(POSITIVE)('%s', (query, id, exact) => {
    const match = index.byTitle(query);
    expect(match?.record.id).toBe(id);
    expect(match?.exact).toBe(exact);
    if (exact) expect(match?.score).toBe(1);
    else {
      expect(match?.score).toBeGreaterThanOrEqual(FUZZY_TITLE_THRESHOLD);
      expect(match?.score).toBeLessThan(1);
    }
  });
});

describe('byTitle: a different paper with a similar title does not match', () => {
  const NEGATIVE: string[] = [
    'Vector Quantization for Speech Codecs',
    'Knowledge Distillation for Crop Disease Detection',
    // Sequels and "+" variants: same words, another paper.
    'Mamba-2: Linear-Time Sequence Modeling with Selective State Spaces',
    'LoRA+: Efficient Low Rank Adaptation of Large Models',
    'FlashAttention-3: Fast and Accurate Attention with Asynchrony and Low-precision',
    // One or two topical words differ.
    'QA-LoRA: Quantization-Aware Low-Rank Adaptation of Large Language Models',
    'Scaling Laws for Neural Machine Translation',
    'Scaling Laws for Transfer',
    'Scaling Laws for Neural Language Models with Mixture of Experts',
    'Training Compute-Optimal Large Language Models via Data Pruning',
    // A survey of the topic is not the paper on it.
    'A Survey on Knowledge Distillation of Large Language Models',
    'Efficient Large Language Models: A Survey',
    // Too short to identify a paper.
    'Mixture of Experts',
    'Switch Transformers',
    'GPT-4 Technical Report',
  ];

  it.each(NEGATIVE)('%s', (query) => {
    expect(index.byTitle(query)).toBeUndefined();
  });

  it.each(['', '   ', '!!!', '{}'])('%j is not a title', (query) => {
    expect(index.byTitle(query)).toBeUndefined();
  });
});

describe('titleSimilarity', () => {
  const sim = (a: string, b: string) => titleSimilarity(prepareTitle(a), prepareTitle(b), uniform);

  it('is 1 for equal normal forms and symmetric otherwise', () => {
    expect(sim('Mixed Precision Training', 'mixed-precision training')).toBe(1);
    const pairs: [string, string][] = [
      ['LoRA: Low-Rank Adaptation of Large Language Models', 'LoRA: Low Rank Adaption of LLMs'],
      ['Scaling Laws for Neural Language Models', 'Scaling Laws for Transfer'],
      ['A Survey on Curriculum Learning', 'Curriculum Learning: A Survey'],
    ];
    for (const [a, b] of pairs) expect(sim(a, b)).toBeCloseTo(sim(b, a), 12);
  });

  it('vetoes different version marks, even through a subtitle', () => {
    expect(sim('Qwen2 Technical Report', 'Qwen Technical Report')).toBe(0);
    expect(
      sim(
        'Speed Always Wins II: A Survey on Efficient Architectures',
        'Speed Always Wins: A Survey on Efficient Architectures',
      ),
    ).toBe(0);
    expect(
      sim(
        'Mamba-2: Linear-Time Sequence Modeling with Selective State Spaces',
        'Linear-Time Sequence Modeling with Selective State Spaces',
      ),
    ).toBe(0);
  });

  it('cares about word order', () => {
    // The same words, two different surveys (arXiv 2010.13166 and 2101.10382).
    expect(sim('A Survey on Curriculum Learning', 'Curriculum Learning: A Survey')).toBeLessThan(
      FUZZY_TITLE_THRESHOLD,
    );
  });
});

describe('PreparedTitle.split', () => {
  // [title, head's normal form, subtitle's normal form] (null: no head)
  const CASES: [string, string | null, string | null][] = [
    [
      'LoRA: Low-Rank Adaptation of Large Language Models',
      'lora',
      'low rank adaptation of large language models',
    ],
    [
      'SpinQuant -- LLM quantization with learned rotations',
      'spinquant',
      'llm quantization with learned rotations',
    ],
    ['QLoRA\u2014 Efficient Finetuning', null, null],
    ['RoFormer \u2014 Enhanced Transformer', 'roformer', 'enhanced transformer'],
    [
      '\\textbf{QLoRA}: Efficient {Finetuning} of Quantized $\\mathrm{LLMs}$',
      'qlora',
      'efficient finetuning of quantized llms',
    ],
    ['Ｍamba: Linear-Time Sequence Modeling', 'mamba', 'linear time sequence modeling'],
    ['Mixed Precision Training', null, null],
    [': A Survey', null, null],
    ['Pre-training without a separator', null, null],
  ];

  it.each(CASES)('%s', (title, head, tail) => {
    const split = prepareTitle(title).split;
    expect(split?.head.norm ?? null).toBe(head);
    expect(split?.tail.norm ?? null).toBe(tail);
    // Derived from the whole title's normal form, it must equal normalising the subtitle on its own.
    if (split) expect(split.tail.norm).toBe(normalizeTitle(split.tail.raw));
  });
});

describe('alignTerms', () => {
  it('pairs equal words, split words and typos, and rewrites b in a’s words', () => {
    const { creditA, creditB, alignedB } = alignTerms(
      ['efficient', 'finetuning', 'of', 'quantized', 'llm'],
      ['efficient', 'fine', 'tuning', 'of', 'quantised', 'llm'],
    );
    expect(creditA).toEqual([1, 1, 1, 0.8, 1]);
    expect(creditB).toEqual([1, 1, 1, 1, 0.8, 1]);
    expect(alignedB).toEqual(['efficient', 'finetuning', 'of', 'quantized', 'llm']);
  });

  it('leaves unrelated words unpaired', () => {
    const { creditA, creditB } = alignTerms(['vector', 'quantization'], ['speech', 'codec']);
    expect(creditA).toEqual([0, 0]);
    expect(creditB).toEqual([0, 0]);
  });
});
