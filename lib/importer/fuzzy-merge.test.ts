import { describe, expect, it } from 'vitest';
import { FUZZY_TITLE_THRESHOLD } from '../catalog/title-match';
import { ArxivTitleMatcher, HEAD_MATCH_MIN, type TitledGroup, titleHead } from './fuzzy-merge';

/** Real titles of the dataset, so that the IDF weights of the similarity look like the real ones. */
const BACKGROUND = [
  'Scaling Laws for Neural Language Models',
  'Training Compute-Optimal Large Language Models',
  'Deduplicating Training Data Makes Language Models Better',
  'Data Selection for Language Models via Importance Resampling',
  'FlashAttention: Fast and Memory-Efficient Exact Attention with IO-Awareness',
  'Longformer: The Long-Document Transformer',
  'Reformer: The Efficient Transformer',
  'RoFormer: Enhanced Transformer with Rotary Position Embedding',
  'Extending Context Window of Large Language Models via Positional Interpolation',
  'Switch Transformers: Scaling to Trillion Parameter Models with Simple and Efficient Sparsity',
  'Mamba: Linear-Time Sequence Modeling with Selective State Spaces',
  'Mixed Precision Training',
  'ZeRO: Memory Optimizations Toward Training Trillion Parameter Models',
  'LoRA: Low-Rank Adaptation of Large Language Models',
  'QLoRA: Efficient Finetuning of Quantized LLMs',
  'SmoothQuant: Accurate and Efficient Post-Training Quantization for Large Language Models',
  'LLM.int8(): 8-bit Matrix Multiplication for Transformers at Scale',
  'SparseGPT: Massive Language Models Can Be Accurately Pruned in One-Shot',
  'A Simple and Effective Pruning Approach for Large Language Models',
  'LLM-Pruner: On the Structural Pruning of Large Language Models',
  'Knowledge Distillation of Large Language Models',
  'ASVD: Activation-aware Singular Value Decomposition for Compressing Large Language Models',
  'OmniQuant: Omnidirectionally Calibrated Quantization for Large Language Models',
  'SpQR: A Sparse-Quantized Representation for Near-Lossless LLM Weight Compression',
  'QuIP: 2-Bit Quantization of Large Language Models With Guarantees',
  'LongRAG: Enhancing Retrieval-Augmented Generation with Long-context LLMs',
  'PEARL: Personalized Streaming Video Understanding Model',
  'Boost Vision Transformer with GPU-Friendly Sparsity and Quantization',
].map((t, i): TitledGroup => ({ key: `arxiv:bg.${String(i).padStart(2, '0')}`, titles: [t] }));

const GPTQ: TitledGroup = {
  key: 'arxiv:2210.17323',
  titles: [
    'GPTQ: Accurate Post-Training Quantization for Generative Pre-trained Transformers',
    'Gptq: Accurate posttraining quantization for generative pre-trained transformers',
  ],
};
const AWQ: TitledGroup = {
  key: 'arxiv:2306.00978',
  titles: ['AWQ: Activation-aware Weight Quantization for LLM Compression and Acceleration'],
};
const QIGEN: TitledGroup = {
  key: 'arxiv:2307.03738',
  titles: ['QIGen: Generating Efficient Kernels for Quantized Inference on Large Language Models'],
};
const ADAMIX: TitledGroup = {
  key: 'arxiv:2205.12410',
  titles: ['AdaMix: Mixture-of-Adapter for Parameter-efficient Tuning of Large Language Models'],
};
const LILLAMA_A: TitledGroup = {
  key: 'arxiv:2412.16719',
  titles: [
    'Large Language Models Compression via Low-Rank Feature Distillation',
    'Lillama: Large Language Models Compression with Low-Rank Feature Distillation',
  ],
};
const LILLAMA_B: TitledGroup = {
  key: 'arxiv:2412.18232',
  titles: ['Lillama: Large Language Models Compression via Low-Rank Feature Distillation'],
};
const ARXIV = [...BACKGROUND, GPTQ, AWQ, QIGEN, ADAMIX, LILLAMA_A, LILLAMA_B];

const other = (key: string, ...titles: string[]): TitledGroup => ({ key, titles });

const OTHERS = {
  gptq: other('openreview:tcbBPnfwxS', 'GPTQ: Accurate Quantization for Generative Pre-trained Transformers'),
  awq: other(
    'url:dl.acm.org/doi/pdf/10.1145/3714983.3714987',
    'AWQ: Activation-aware Weight Quantization for On-Device LLM Compression and Acceleration',
  ),
  qigen: other(
    'openreview:jjazoNAf1S',
    'Generating Efficient Kernels for Quantized Inference on Large Language Models',
  ),
  adamix: other(
    'acl:2022.emnlp-main.388',
    'AdaMix: Mixture-of-Adaptations for Parameter-efficient Model Tuning',
  ),
  // Different papers that resemble an arXiv paper of the list.
  boost: other(
    'acl:2023.findings-acl.15',
    'Boost Transformer-based Language Models with GPU-Friendly Sparsity and Quantization',
  ),
  pearl: other(
    'acl:2024.eacl-long.29',
    'PEARL: Prompting Large Language Models to Plan and Execute Actions Over Long Documents',
  ),
  longrag: other(
    'openreview:longrag',
    'LongRAG: A Dual-Perspective Retrieval-Augmented Generation Paradigm for Long-Context Question Answering',
  ),
  unrelated: other('url:example.org/paper', 'Sparse Autoencoders Find Interpretable Features'),
};

const matcher = new ArxivTitleMatcher(ARXIV, [...ARXIV, ...Object.values(OTHERS)]);

describe('ArxivTitleMatcher.match', () => {
  it.each([
    ['GPTQ, OpenReview title without "Post-Training"', OTHERS.gptq, GPTQ.key, 'fuzzy'],
    ['AWQ, venue title with "On-Device"', OTHERS.awq, AWQ.key, 'fuzzy'],
    ['QIGen, OpenReview title without the acronym', OTHERS.qigen, QIGEN.key, 'fuzzy'],
    ['AdaMix, EMNLP title vs the arXiv v1 title (named head)', OTHERS.adamix, ADAMIX.key, 'head'],
  ] as const)('merges %s', (_name, group, target, how) => {
    const m = matcher.match(group);
    expect(m).toMatchObject({ target, how });
    if (how === 'fuzzy') expect(m?.score).toBeGreaterThanOrEqual(FUZZY_TITLE_THRESHOLD);
    else {
      expect(m?.score).toBeGreaterThanOrEqual(HEAD_MATCH_MIN);
      expect(m?.score).toBeLessThan(FUZZY_TITLE_THRESHOLD);
    }
  });

  it.each([
    ['a similar title of another paper (Boost Transformer vs Boost Vision Transformer)', OTHERS.boost],
    ['a shared head with an unrelated rest (PEARL)', OTHERS.pearl],
    ['a shared head with a different paper (LongRAG, 0.49)', OTHERS.longrag],
    ['an unrelated title', OTHERS.unrelated],
  ])('does not merge %s', (_name, group) => {
    expect(matcher.match(group)).toBeNull();
  });

  it('does not merge a title that matches two arXiv records (it cannot say which)', () => {
    const ambiguous = other(
      'openreview:lillama',
      'Lillama: Large Language Models Compression via Low-Rank Feature Distillation',
    );
    expect(matcher.match(ambiguous)).toBeNull();
  });

  it('does not use a named head that a third record also opens with', () => {
    const third = other('acl:adamix-other', 'AdaMix: Adaptive Mixing of Speech Corpora');
    const crowded = new ArxivTitleMatcher(ARXIV, [...ARXIV, OTHERS.adamix, third]);
    expect(crowded.match(OTHERS.adamix)).toBeNull();
  });
});

describe('ArxivTitleMatcher.nearDuplicates', () => {
  it('reports arXiv records whose titles match each other, once per pair, sorted', () => {
    expect(matcher.nearDuplicates()).toEqual([
      {
        a: LILLAMA_A.key,
        b: LILLAMA_B.key,
        titleA: expect.any(String),
        titleB: LILLAMA_B.titles[0],
        score: expect.any(Number),
      },
    ]);
    const [pair] = matcher.nearDuplicates();
    expect(pair?.score).toBeGreaterThanOrEqual(FUZZY_TITLE_THRESHOLD);
  });

  it('reports nothing when no two arXiv titles are near-identical', () => {
    expect(new ArxivTitleMatcher(BACKGROUND, BACKGROUND).nearDuplicates()).toEqual([]);
  });
});

describe('titleHead', () => {
  it.each([
    ['AdaMix: Mixture-of-Adaptations for Parameter-efficient Model Tuning', 'adamix'],
    ['LLM.int8(): 8-bit Matrix Multiplication', 'llm int8'],
    ['Less is More: Task-aware Layer-wise Distillation', 'less is more'],
    ['Mixed Precision Training', null],
    ['Ratio:1', null],
    [': leading colon', null],
    ['A very long first clause that goes on and on past forty letters: subtitle', null],
  ])('%s → %s', (title, head) => {
    expect(titleHead(title)).toBe(head);
  });
});
