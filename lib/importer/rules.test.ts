import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSourcesConfig } from './config';
import { checkRules } from './index';
import { matchRule, TITLE_RULES, type TitleRule } from './rules';

type Case = [source: string, heading: string, title: string];

/** Titles each rule must admit (under one of its headings). Every rule has at least one. */
const ADMIT: Record<string, Case[]> = {
  'quantised-fine-tuning': [
    ['aiot', 'Memory-Efficient Fine-Tuning', 'QLoRA: Efficient Finetuning of Quantized LLMs'],
    [
      'aiot',
      'Memory-Efficient Fine-Tuning',
      'QA-LoRA: Quantization-Aware Low-Rank Adaptation of Large Language Models',
    ],
    [
      'aiot',
      'Memory-Efficient Fine-Tuning',
      'LoftQ: LoRA-Fine-Tuning-Aware Quantization for Large Language Models',
    ],
    ['horseee', 'Tuning', 'QEFT: Quantization for Efficient Fine-Tuning of LLMs'],
  ],
  'low-precision-training': [
    [
      'horseee',
      'Efficient Training',
      'COAT: Compressing Optimizer states and Activation for Memory-Efficient FP8 Training',
    ],
  ],
  'zero-memory-sharding': [
    [
      'aiot',
      'System-Level Pre-Training Efficiency Optimization',
      'ZeRO: Memory Optimizations Toward Training Trillion Parameter Models',
    ],
    [
      'aiot',
      'System-Level Pre-Training Efficiency Optimization',
      'ZeRO-Offload: Democratizing Billion-Scale Model Training',
    ],
  ],
  'memory-efficient-training': [
    [
      'aiot',
      'Memory-Efficient Fine-Tuning',
      'Full Parameter Fine-tuning for Large Language Models with Limited Resources',
    ],
    ['aiot', 'Memory-Efficient Fine-Tuning', 'Fine-Tuning Language Models with Just Forward Passes'],
    [
      'aiot',
      'Memory-Efficient Fine-Tuning',
      'GaLore: Memory-Efficient LLM Training by Gradient Low-Rank Projection',
    ],
    [
      'tiingweii',
      'Full-Parameter Fine-Tuning',
      'BAdam: A Memory Efficient Full Parameter Optimization Method for Large Language Models',
    ],
  ],
  'parameter-efficient-tuning': [
    ['horseee', 'Tuning', 'LoRA+: Efficient Low Rank Adaptation of Large Models'],
    ['horseee', 'Tuning', 'LoRMA: Low-Rank Multiplicative Adaptation for LLMs'],
    ['huangowen', 'Other', 'LongLoRA: Efficient Fine-tuning of Long-Context Large Language Models'],
    [
      'aiot',
      'MoE-Efficient-Supervised-Fine-Tuning',
      'Let the Expert Stick to His Last: Expert-Specialized Fine-Tuning for Sparse Architectural Large Language Models',
    ],
  ],
  'data-efficient-tuning': [
    [
      'horseee',
      'Tuning',
      'DEFT: Data Efficient Fine-Tuning for Large Language Models via Unsupervised Core-Set Selection',
    ],
  ],
  flashattention: [
    [
      'aiot',
      'Algorithm-Hardware Co-Design',
      'FlashAttention-2: Faster Attention with Better Parallelism and Work Partitioning',
    ],
    ['huangowen', 'Other', 'FlashAttention: Fast and Memory-Efficient Exact Attention with IO-Awareness'],
  ],
  'positional-encoding': [
    [
      'xnhyacinth',
      '6.3 Length Extrapolation & Inference-Time Context Extension',
      'Train Short, Test Long: Attention with Linear Biases Enables Input Length Extrapolation.',
    ],
    [
      'tiingweii',
      'Efficient Transformer Architecture',
      'Two Stones Hit One Bird: Bilevel Positional Encoding for Better Length Extrapolation',
    ],
  ],
  'recurrent-attention-free': [
    ['aiot', 'Other Sequential Models', 'RWKV: Reinventing RNNs for the Transformer Era'],
    ['aiot', 'Other Sequential Models', 'Hyena Hierarchy: Towards Larger Convolutional Language Models'],
    [
      'aiot',
      'Other Sequential Models',
      'Griffin: Mixing Gated Linear Recurrences with Local Attention for Efficient Language Models',
    ],
    [
      'aiot',
      'Recurrent Structure',
      'Retentive Network: A Successor to Transformer for Large Language Models',
    ],
    ['xnhyacinth', '4. Recurrent Transformers', 'xLSTM: Extended Long Short-Term Memory.'],
    ['tiingweii', 'Efficient Transformer Architecture', 'An Attention Free Transformer'],
  ],
  'segment-recurrent-attention': [
    [
      'aiot',
      'Recurrent Structure',
      'Transformer-XL: Attentive Language Models Beyond a Fixed-Length Context',
    ],
    ['xnhyacinth', '4. Recurrent Transformers', 'Scaling Transformer to 1M tokens and beyond with RMT.'],
  ],
  'efficient-attention-mechanism': [
    ['aiot', 'Segmentation and Sliding Window', 'Efficient Streaming Language Models with Attention Sinks'],
    [
      'tiingweii',
      'Efficient Transformer Architecture',
      'Transformers are RNNs: Fast Autoregressive Transformers with Linear Attention',
    ],
    [
      'xnhyacinth',
      '3.4 Architectural KV Reduction & Cache Sharing',
      'GQA: Training Generalized Multi-Query Transformer Models from Multi-Head Checkpoints.',
    ],
    [
      'horseee',
      'Efficient Architecture of LLM',
      'SeerAttention: Learning Intrinsic Sparse Attention in Your LLMs',
    ],
  ],
  'mixture-of-experts': [
    ['xuefuzhao', 'MoE System', 'FastMoE: A Fast Mixture-of-Expert Training System'],
    [
      'xuefuzhao',
      'MoE System',
      'GShard: Scaling Giant Models with Conditional Computation and Automatic Sharding',
    ],
  ],
  'parallel-training-systems': [
    [
      'aiot',
      'System-Level Pre-Training Efficiency Optimization',
      'Megatron-LM: Training Multi-Billion Parameter Language Models Using Model Parallelism',
    ],
    [
      'xuefuzhao',
      'MoE System',
      'Alpa: Automating Inter- and Intra-Operator Parallelism for Distributed Deep Learning',
    ],
    [
      'horseee',
      'Efficient Training',
      'BitPipe: Bidirectional Interleaved Pipeline Parallelism for Accelerating Large Models Training',
    ],
  ],
  'low-rank-compression': [
    [
      'huangowen',
      'Other',
      'TensorGPT: Efficient Compression of the Embedding Layer in LLMs based on the Tensor-Train Decomposition',
    ],
    ['huangowen', 'Other', 'LORD: Low Rank Decomposition Of Monolingual Code LLMs For One-Shot Compression'],
    [
      'xnhyacinth',
      '12.2 Distillation / Pruning',
      'AdaSVD: Adaptive Singular Value Decomposition for Large Language Models.',
    ],
  ],
  pruning: [
    [
      'xnhyacinth',
      '12.2 Distillation / Pruning',
      'LLM-Pruner: On the Structural Pruning of Large Language Models.',
    ],
  ],
  distillation: [
    [
      'xnhyacinth',
      '12.2 Distillation / Pruning',
      'Rethinking Kullback-Leibler Divergence in Knowledge Distillation for Large Language Models.',
    ],
  ],
  'kv-cache-quantization': [
    [
      'xnhyacinth',
      '3.2 Quantization / Compression',
      'SVDq: 1.25-bit and 410x Key Cache Compression for LLM Attention.',
    ],
    [
      'xnhyacinth',
      '17.2 Quantization-Aware Long-Context Inference',
      'KVTuner: Sensitivity-Aware Layer-wise Mixed Precision KV Cache Quantization.',
    ],
  ],
  'data-mixing-importance-sampling': [
    ['albalak', 'Data Mixing', 'DoReMi: Optimizing Data Mixtures Speeds Up Language Model Pretraining'],
    ['albalak', 'Domain-Specific Selection', 'Data Selection for Language Models via Importance Resampling'],
  ],
  'pretraining-data-selection': [
    ['albalak', 'Domain-Specific Selection', 'Intelligent Selection of Language Model Training Data'],
  ],
  'alignment-data-selection': [
    ['albalak', 'Data Selection for Preference Fine-tuning: Alignment', 'LIMA: Less Is More for Alignment'],
  ],
  'prompting-technique': [
    ['aiot', 'Multi-Step Reasoning', 'Chain-of-Thought Prompting Elicits Reasoning in Large Language Models'],
  ],
  'initialisation-for-stability': [
    ['aiot', 'Initialization Techniques', 'Fixup Initialization: Residual Learning without Normalization'],
  ],
  'optimizer-for-stability': [
    [
      'aiot',
      'Training Optimizers',
      'Sophia: A Scalable Stochastic Second-order Optimizer for Language Model Pre-training',
    ],
  ],
};

/** Titles no rule may admit under that heading: the examples of taxonomy-mapping.md's notes, and near misses. */
const REJECT: Case[] = [
  ['aiot', 'Other Sequential Models', 'Differential Transformer'],
  [
    'aiot',
    'Other Sequential Models',
    'You Only Cache Once: Decoder-Decoder Architectures for Language Models',
  ],
  [
    'aiot',
    'Other Sequential Models',
    'MEGABYTE: Predicting Million-byte Sequences with Multiscale Transformers',
  ],
  [
    'aiot',
    'Other Sequential Models',
    'PanGu-π: Enhancing Language Model Architectures via Nonlinearity Compensation',
  ],
  ['aiot', 'Memory-Efficient Fine-Tuning', 'ReFT: Representation Finetuning for Language Models'],
  ['aiot', 'Algorithm-Hardware Co-Design', 'FlashDecoding++: Faster Large Language Model Inference on GPUs'],
  [
    'aiot',
    'Algorithm-Hardware Co-Design',
    'PowerInfer: Fast Large Language Model Serving with a Consumer-grade GPU',
  ],
  ['aiot', 'Multi-Step Reasoning', 'Tree of Thoughts: Deliberate Problem Solving with Large Language Models'],
  ['aiot', 'Training Optimizers', 'Towards Optimal Learning of Language Models'],
  ['aiot', 'Data Selection for Efficient Pre-Training', 'Span Selection Pre-training for Question Answering'],
  ['huangowen', 'Other', 'CaM: Cache Merging for Memory-efficient LLMs Inference'],
  ['huangowen', 'Other', 'Medusa: Simple LLM Inference Acceleration Framework with Multiple Decoding Heads'],
  [
    'huangowen',
    'Other',
    'SkipDecode: Autoregressive Skip Decoding with Batching and Caching for Efficient LLM Inference',
  ],
  ['huangowen', 'Other', 'Efficient Streaming Language Models with Attention Sinks'],
  [
    'tiingweii',
    'Efficient Transformer Architecture',
    'MobileLLM: Optimizing Sub-billion Parameter Language Models for On-Device Use Cases',
  ],
  [
    'tiingweii',
    'Full-Parameter Fine-Tuning',
    'PMC-LLaMA: Towards Building Open-source Language Models for Medicine',
  ],
  ['xnhyacinth', '4. Recurrent Transformers', 'Memorizing Transformers.'],
  [
    'xnhyacinth',
    '3.2 Quantization / Compression',
    'When Precision Meets Position: BFloat16 Breaks Down RoPE in Long-Context Training.',
  ],
  [
    'xnhyacinth',
    '17.2 Quantization-Aware Long-Context Inference',
    'ChunkKV: Semantic-Preserving KV Cache Compression for Efficient Long-Context LLM Inference.',
  ],
  ['albalak', 'Data Mixing', 'The Pile: An 800GB Dataset of Diverse Text for Language Modeling'],
  ['albalak', 'Data Mixing', 'LLaMA: Open and Efficient Foundation Language Models'],
  ['xuefuzhao', 'MoE Application', 'Spatial Mixture-of-Experts'],
  // Scope: a rule does not fire outside the headings it was written for.
  [
    'aiot',
    'Mixture of Experts',
    'FlashAttention: Fast and Memory-Efficient Exact Attention with IO-Awareness',
  ],
  ['aiot', 'Scaling Models', 'Staged Training for Transformer Language Models'],
  [
    'horseee',
    'Hardware/System',
    'FlashAttention-2: Faster Attention with Better Parallelism and Work Partitioning',
  ],
];

describe('TITLE_RULES', () => {
  it('every rule has admission examples in this table', () => {
    expect(Object.keys(ADMIT).sort()).toEqual(TITLE_RULES.map((r) => r.name).sort());
  });

  it('rule names are unique and every rule names a why and a leaf', () => {
    const names = TITLE_RULES.map((r) => r.name);
    expect(new Set(names).size).toBe(names.length);
    for (const r of TITLE_RULES) {
      expect(r.why.length).toBeGreaterThan(20);
      expect(r.leaves.length).toBeGreaterThan(0);
    }
  });

  for (const [name, cases] of Object.entries(ADMIT))
    it.each(cases)(`${name} admits %s / %s: %s`, (source, heading, title) => {
      expect(matchRule(TITLE_RULES, source, heading, title)?.name).toBe(name);
    });

  it.each(REJECT)('no rule admits %s / %s: %s', (source, heading, title) => {
    expect(matchRule(TITLE_RULES, source, heading, title)).toBeNull();
  });

  it('gives QLoRA both PEFT and quantization', () => {
    expect(
      matchRule(
        TITLE_RULES,
        'aiot',
        'Memory-Efficient Fine-Tuning',
        'QLoRA: Efficient Finetuning of Quantized LLMs',
      )?.leaves,
    ).toEqual(['parameter-efficient-fine-tuning', 'quantization']);
  });

  it('tries rules in order: the first match wins', () => {
    const a: TitleRule = {
      name: 'a',
      why: 'a',
      scope: [{ source: 's', heading: 'h' }],
      match: [/x/],
      leaves: ['pruning'],
    };
    const b: TitleRule = { ...a, name: 'b', leaves: ['quantization'] };
    expect(matchRule([a, b], 's', 'h', 'x')?.name).toBe('a');
    expect(matchRule([b, a], 's', 'h', 'x')?.name).toBe('b');
    expect(matchRule([{ ...a, unless: [/x/] }, b], 's', 'h', 'x')?.name).toBe('b');
  });
});

describe('checkRules', () => {
  const config = parseSourcesConfig(
    JSON.parse(readFileSync(new URL('../../data/sources.json', import.meta.url), 'utf8')),
  );

  it('accepts the shipped rules against data/sources.json', () => {
    expect(() => checkRules(config, TITLE_RULES)).not.toThrow();
  });

  it('rejects a rule scoped to a heading that does not exist', () => {
    const stale: TitleRule = {
      name: 'stale',
      why: '',
      scope: [{ source: 'aiot', heading: 'Nope' }],
      match: [/x/],
      leaves: ['pruning'],
    };
    expect(() => checkRules(config, [stale])).toThrow(/has no heading "Nope"/);
  });

  it('rejects a rule scoped to a confident heading', () => {
    const wrong: TitleRule = {
      name: 'wrong',
      why: '',
      scope: [{ source: 'aiot', heading: 'Quantization' }],
      match: [/x/],
      leaves: ['pruning'],
    };
    expect(() => checkRules(config, [wrong])).toThrow(/not an ambiguous heading/);
  });
});
