/**
 * The taxonomy of Ding et al., "The Efficiency Spectrum of Large Language Models: An Algorithmic Survey"
 * (arXiv 2312.00678), as a tree of stable slug ids. Descriptions are our own one-sentence summaries.
 *
 * Ids are stable: they are stored in the user's library (leaves at the time of saving) and in deep links,
 * so renaming one needs a library migration. `section` is the survey section of the area (§3–§7); the
 * survey's own subsection numbers are not given because we could not check them against the paper.
 * `code` is the short label used on chips (it matches the codes in shared/taxonomy-mapping.md).
 */
export const TAXONOMY = [
  {
    id: 'budget-efficiency',
    name: 'Budget Efficiency',
    section: 3,
    description:
      'Deciding how to spend a fixed compute budget before training, by predicting performance from scale.',
    children: [
      {
        id: 'scaling-laws',
        name: 'Scaling Laws',
        code: 'SL',
        description:
          'Empirical laws that relate loss or ability to model size, data and compute, used to choose compute-optimal configurations.',
      },
    ],
  },
  {
    id: 'data-efficiency',
    name: 'Data Efficiency',
    section: 4,
    description:
      'Getting more out of each training example: choosing, weighting and ordering the data a model sees.',
    children: [
      {
        id: 'data-filtering',
        name: 'Data Filtering',
        code: 'DF',
        description:
          'Removing low-quality, duplicated, toxic or off-language text from pre-training corpora so fewer tokens teach more.',
      },
      {
        id: 'active-learning-importance-sampling',
        name: 'Active Learning / Importance Sampling',
        code: 'AL',
        description:
          'Picking or re-weighting the most informative examples (by loss, gradient or uncertainty) instead of sampling uniformly.',
      },
      {
        id: 'curriculum-learning',
        name: 'Curriculum Learning',
        code: 'CL',
        description:
          'Ordering training data or sequence lengths from easy to hard to speed up and stabilise training.',
      },
    ],
  },
  {
    id: 'architecture-efficiency',
    name: 'Architecture Efficiency',
    section: 5,
    description:
      'Model designs that cost less per token, especially for long inputs and very large parameter counts.',
    children: [
      {
        id: 'efficient-attention',
        name: 'Efficient Attention',
        code: 'EA',
        description:
          'Sparse, low-rank, linear or IO-aware attention that cuts the quadratic time and memory cost of self-attention.',
      },
      {
        id: 'efficient-positional-encoding',
        name: 'Efficient Positional Encoding',
        code: 'PE',
        description:
          'Position encodings (relative, rotary, ALiBi, interpolation) that let models extend or extrapolate to longer contexts cheaply.',
      },
      {
        id: 'sparse-modeling',
        name: 'Sparse Modeling (Mixture of Experts)',
        code: 'SM',
        description:
          'Conditional computation, mostly Mixture-of-Experts, that grows parameters while activating only a few per token.',
      },
      {
        id: 'attention-free',
        name: 'Attention-Free',
        code: 'AF',
        description:
          'Sequence models without softmax attention, such as state-space models, RWKV-style recurrences and long convolutions.',
      },
    ],
  },
  {
    id: 'training-tuning-efficiency',
    name: 'Training & Tuning Efficiency',
    section: 6,
    description: 'Making pre-training and adaptation of large models feasible on real hardware budgets.',
    children: [
      {
        id: 'scalable-training',
        name: 'Scalable Training',
        description:
          'Techniques that let pre-training scale across devices and model sizes without diverging or running out of memory.',
        children: [
          {
            id: 'stable-training-strategies',
            name: 'Stable Training Strategies',
            code: 'STAB',
            description:
              'Initialisation, normalisation, optimiser and schedule choices that keep very large training runs from diverging.',
          },
          {
            id: 'mixed-precision-training',
            name: 'Mixed Precision Training',
            code: 'MP',
            description:
              'Training in FP16, BF16 or FP8 with loss scaling and master weights to halve memory and raise throughput.',
          },
          {
            id: 'parallelism-techniques',
            name: 'Parallelism Techniques',
            code: 'PAR',
            description:
              'Data, tensor, pipeline and sequence parallelism for spreading one model over many accelerators.',
          },
          {
            id: 'memory-optimization',
            name: 'Memory Optimization',
            code: 'MEM',
            description:
              'Sharding optimiser state, offloading, activation checkpointing and low-memory optimisers to fit larger models.',
          },
        ],
      },
      {
        id: 'scalable-tuning',
        name: 'Scalable Tuning',
        description: 'Adapting a pre-trained model to new tasks with a fraction of the parameters or data.',
        children: [
          {
            id: 'parameter-efficient-fine-tuning',
            name: 'Parameter-Efficient Fine-Tuning',
            code: 'PEFT',
            description:
              'Adapters, LoRA, prefix and prompt tuning: training a small set of added or selected parameters.',
          },
          {
            id: 'data-efficient-fine-tuning',
            name: 'Data-Efficient Fine-Tuning',
            code: 'DEFT',
            description:
              'Selecting fewer, better instruction or task examples, and prompt engineering, to adapt models with little data.',
          },
        ],
      },
    ],
  },
  {
    id: 'inference-efficiency',
    name: 'Inference Efficiency',
    section: 7,
    description: 'Shrinking and speeding up a trained model so it is cheaper to store and run.',
    children: [
      {
        id: 'pruning',
        name: 'Pruning',
        code: 'PR',
        description:
          'Removing weights, heads, channels or layers (unstructured or structured) with little loss in quality.',
      },
      {
        id: 'knowledge-distillation',
        name: 'Knowledge Distillation',
        code: 'KD',
        description:
          'Training a smaller student model to reproduce the outputs or reasoning of a larger teacher.',
      },
      {
        id: 'quantization',
        name: 'Quantization',
        code: 'Q',
        description:
          'Representing weights, activations or the KV cache in fewer bits, after or during training.',
      },
      {
        id: 'low-rank-decomposition',
        name: 'Low-Rank Decomposition',
        code: 'LR',
        description:
          'Factorising weight matrices into products of smaller matrices to cut parameters and compute.',
      },
    ],
  },
] as const satisfies readonly TaxonomyAreaInput[];

type TaxonomyLeafInput = { id: string; name: string; code: string; description: string };
type TaxonomyGroupInput = {
  id: string;
  name: string;
  description: string;
  children: readonly TaxonomyLeafInput[];
};
type TaxonomyAreaInput = {
  id: string;
  name: string;
  section: number;
  description: string;
  children: readonly (TaxonomyLeafInput | TaxonomyGroupInput)[];
};
