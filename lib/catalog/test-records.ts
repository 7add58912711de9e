import type { PaperRecord, Provenance, SourceId } from '../dataset/schema';
import type { LeafId } from '../taxonomy';
import { normalizeTitle } from '../text/title';

/**
 * A small hand-written catalog for tests of the index and the lookup CLI: 45 real papers across every area
 * (ids, titles, years and venues checked against the survey's source lists and data/papers.json), with
 * the quirks the real dataset has: multi-leaf papers, a title variant, a paper known by its OpenReview id
 * only (an OpenReview twin of GPTQ), non-arXiv papers (ACM and Springer links, one without a year), an
 * arXiv paper whose list title dropped its acronym (Wanda), and the survey itself with no leaves.
 *
 * Provenance is illustrative: the source lists are real, the line numbers are not. Tests must not depend
 * on this file's exact size or order beyond what they assert themselves.
 */

interface PaperInput {
  id?: string;
  arxivId?: string | null;
  openreviewId?: string | null;
  title: string;
  year: number | null;
  venue?: string | null;
  leaves: LeafId[];
  /** Source lists that file the paper (each gives one provenance entry). */
  sources?: SourceId[];
  titleVariants?: string[];
  isSurvey?: boolean;
  code?: string[];
  other?: string[];
}

const SOURCE_FILES: Record<SourceId, string> = {
  aiot: 'AIoT-MLSys-Lab__Efficient-LLMs-Survey.md',
  horseee: 'horseee__Awesome-Efficient-LLM.md',
  huangowen: 'HuangOwen__Awesome-LLM-Compression.md',
  tiingweii: 'tiingweii-shii__Awesome-Resource-Efficient-LLM-Papers.md',
  albalak: 'alon-albalak__data-selection-survey.md',
  xnhyacinth: 'Xnhyacinth__Awesome-LLM-Long-Context-Modeling.md',
  xuefuzhao: 'XueFuzhao__awesome-mixture-of-experts.md',
  rzfan525: 'RZFan525__Awesome-ScalingLaws.md',
  curated: 'curated-supplement.md',
  manual: 'manual',
};

let line = 0;

function paper(input: PaperInput): PaperRecord {
  const arxivId = input.arxivId ?? null;
  const openreviewId = input.openreviewId ?? null;
  const id = input.id ?? (arxivId ? `arxiv:${arxivId}` : `openreview:${openreviewId}`);
  const sources = input.sources ?? ['curated'];
  const provenance: Provenance[] = sources.map((source) => ({
    source,
    file: SOURCE_FILES[source],
    heading: input.leaves.length > 0 ? [input.leaves[0]!] : ['Surveys'],
    line: ++line,
    leaf: input.leaves[0] ?? null,
    confidence: input.leaves.length > 0 ? (source === 'curated' ? 'curated' : 'confident') : null,
    title: input.title,
  }));
  return {
    id,
    arxivId,
    openreviewId,
    title: input.title,
    normTitle: normalizeTitle(input.title),
    year: input.year,
    venue: input.venue ?? null,
    links: {
      code: input.code ?? [],
      openreview: openreviewId ? `https://openreview.net/forum?id=${openreviewId}` : null,
      other: input.other ?? [],
    },
    leaves: input.leaves,
    isSurvey: input.isSurvey ?? false,
    titleVariants: input.titleVariants ?? [],
    provenance,
  };
}

/** The fixture catalog (not sorted by id, on purpose: the index must not care). */
export const TEST_RECORDS: readonly PaperRecord[] = [
  // Budget efficiency
  paper({
    arxivId: '2001.08361',
    title: 'Scaling Laws for Neural Language Models',
    year: 2020,
    leaves: ['scaling-laws'],
    sources: ['rzfan525', 'curated'],
  }),
  paper({
    arxivId: '2203.15556',
    title: 'Training Compute-Optimal Large Language Models',
    year: 2022,
    venue: 'NeurIPS 2022',
    leaves: ['scaling-laws'],
    sources: ['rzfan525', 'aiot', 'curated'],
  }),
  paper({
    arxivId: '2010.14701',
    title: 'Scaling Laws for Autoregressive Generative Modeling',
    year: 2020,
    leaves: ['scaling-laws'],
  }),
  // Data efficiency
  paper({
    arxivId: '2107.06499',
    title: 'Deduplicating Training Data Makes Language Models Better',
    year: 2021,
    venue: 'ACL 2022',
    leaves: ['data-filtering'],
    sources: ['albalak'],
  }),
  paper({
    arxivId: '2302.03169',
    openreviewId: 'uPSQv0leAu',
    title: 'Data Selection for Language Models via Importance Resampling',
    year: 2023,
    venue: 'NeurIPS 2023',
    leaves: ['data-filtering', 'active-learning-importance-sampling'],
    sources: ['albalak', 'curated'],
  }),
  paper({
    arxivId: '2305.10429',
    openreviewId: 'lXuByUeHhd',
    title: 'DoReMi: Optimizing Data Mixtures Speeds Up Language Model Pretraining',
    year: 2023,
    venue: 'NeurIPS 2023',
    leaves: ['active-learning-importance-sampling'],
    sources: ['albalak', 'curated'],
  }),
  paper({
    id: 'url:dl.acm.org/doi/10.1145/1553374.1553380',
    title: 'Curriculum Learning',
    year: 2009,
    venue: 'ICML 2009',
    leaves: ['curriculum-learning'],
    other: ['https://dl.acm.org/doi/10.1145/1553374.1553380'],
  }),
  // Architecture efficiency
  paper({
    arxivId: '2205.14135',
    title: 'FlashAttention: Fast and Memory-Efficient Exact Attention with IO-Awareness',
    year: 2022,
    venue: 'NeurIPS 2022',
    leaves: ['efficient-attention', 'memory-optimization'],
    sources: ['aiot', 'horseee', 'tiingweii', 'xnhyacinth'],
    code: ['https://github.com/Dao-AILab/flash-attention'],
  }),
  paper({
    arxivId: '2307.08691',
    title: 'FlashAttention-2: Faster Attention with Better Parallelism and Work Partitioning',
    year: 2023,
    venue: 'ICLR 2024',
    leaves: ['efficient-attention', 'memory-optimization'],
    sources: ['aiot', 'xnhyacinth'],
  }),
  paper({
    arxivId: '2004.05150',
    title: 'Longformer: The Long-Document Transformer',
    year: 2020,
    leaves: ['efficient-attention'],
    sources: ['xnhyacinth'],
  }),
  paper({
    arxivId: '2001.04451',
    openreviewId: 'rkgNKkHtvB',
    title: 'Reformer: The Efficient Transformer',
    year: 2020,
    venue: 'ICLR 2020',
    leaves: ['efficient-attention'],
    sources: ['xnhyacinth', 'tiingweii'],
  }),
  paper({
    arxivId: '2108.12409',
    title: 'Train Short, Test Long: Attention with Linear Biases Enables Input Length Extrapolation',
    year: 2021,
    venue: 'ICLR 2022',
    leaves: ['efficient-positional-encoding'],
    sources: ['xnhyacinth'],
  }),
  paper({
    arxivId: '2104.09864',
    title: 'RoFormer: Enhanced Transformer with Rotary Position Embedding',
    year: 2021,
    leaves: ['efficient-positional-encoding'],
    sources: ['xnhyacinth'],
  }),
  paper({
    arxivId: '2306.15595',
    title: 'Extending Context Window of Large Language Models via Positional Interpolation',
    year: 2023,
    leaves: ['efficient-positional-encoding'],
    sources: ['xnhyacinth', 'aiot'],
  }),
  paper({
    arxivId: '2101.03961',
    title: 'Switch Transformers: Scaling to Trillion Parameter Models with Simple and Efficient Sparsity',
    year: 2021,
    venue: 'JMLR 2022',
    leaves: ['sparse-modeling'],
    sources: ['xuefuzhao', 'aiot'],
  }),
  paper({
    arxivId: '1701.06538',
    title: 'Outrageously Large Neural Networks: The Sparsely-Gated Mixture-of-Experts Layer',
    year: 2017,
    venue: 'ICLR 2017',
    leaves: ['sparse-modeling'],
    sources: ['xuefuzhao'],
  }),
  paper({
    arxivId: '2006.16668',
    openreviewId: 'qrwe7XHTmYb',
    title: 'GShard: Scaling Giant Models with Conditional Computation and Automatic Sharding',
    year: 2020,
    venue: 'ICLR 2021',
    leaves: ['sparse-modeling', 'parallelism-techniques'],
    sources: ['xuefuzhao'],
  }),
  paper({
    id: 'url:link.springer.com/article/10.1007/s10462-012-9338-y',
    title: 'Mixture of experts: a literature survey',
    year: null,
    venue: 'Artificial Intelligence Review',
    leaves: ['sparse-modeling'],
    sources: ['xuefuzhao'],
    other: ['https://link.springer.com/article/10.1007/s10462-012-9338-y'],
  }),
  paper({
    arxivId: '2312.00752',
    title: 'Mamba: Linear-Time Sequence Modeling with Selective State Spaces',
    year: 2023,
    leaves: ['attention-free'],
    sources: ['aiot', 'xnhyacinth'],
  }),
  paper({
    arxivId: '2305.13048',
    title: 'RWKV: Reinventing RNNs for the Transformer Era',
    year: 2023,
    venue: 'Findings of EMNLP 2023',
    leaves: ['attention-free'],
    sources: ['aiot'],
  }),
  paper({
    arxivId: '2111.00396',
    title: 'Efficiently Modeling Long Sequences with Structured State Spaces',
    year: 2021,
    venue: 'ICLR 2022',
    leaves: ['attention-free'],
    sources: ['xnhyacinth'],
  }),
  // Training & tuning efficiency
  paper({
    arxivId: '2002.04745',
    title: 'On Layer Normalization in the Transformer Architecture',
    year: 2020,
    venue: 'ICML 2020',
    leaves: ['stable-training-strategies'],
  }),
  paper({
    arxivId: '1710.03740',
    openreviewId: 'r1gs9JgRZ',
    title: 'Mixed Precision Training',
    year: 2017,
    venue: 'ICLR 2018',
    leaves: ['mixed-precision-training'],
  }),
  paper({
    arxivId: '1909.08053',
    title: 'Megatron-LM: Training Multi-Billion Parameter Language Models Using Model Parallelism',
    year: 2019,
    venue: 'SC 2019',
    leaves: ['parallelism-techniques'],
    sources: ['tiingweii', 'curated'],
  }),
  paper({
    arxivId: '1811.06965',
    title: 'GPipe: Efficient Training of Giant Neural Networks using Pipeline Parallelism',
    year: 2018,
    venue: 'NeurIPS 2019',
    leaves: ['parallelism-techniques'],
  }),
  paper({
    arxivId: '1910.02054',
    title: 'ZeRO: Memory Optimizations Toward Training Trillion Parameter Models',
    year: 2019,
    venue: 'SC 2020',
    leaves: ['parallelism-techniques', 'memory-optimization'],
    sources: ['tiingweii', 'curated'],
  }),
  paper({
    arxivId: '2106.09685',
    openreviewId: 'nZeVKeeFYf9',
    title: 'LoRA: Low-Rank Adaptation of Large Language Models',
    year: 2021,
    venue: 'ICLR 2022',
    leaves: ['parameter-efficient-fine-tuning'],
    sources: ['aiot', 'huangowen', 'curated'],
    code: ['https://github.com/microsoft/LoRA'],
  }),
  paper({
    arxivId: '2305.14314',
    title: 'QLoRA: Efficient Finetuning of Quantized LLMs',
    year: 2023,
    venue: 'NeurIPS 2023',
    leaves: ['parameter-efficient-fine-tuning', 'quantization'],
    sources: ['aiot', 'horseee', 'huangowen', 'tiingweii'],
  }),
  paper({
    arxivId: '2101.00190',
    title: 'Prefix-Tuning: Optimizing Continuous Prompts for Generation',
    year: 2021,
    venue: 'ACL 2021',
    leaves: ['parameter-efficient-fine-tuning'],
    sources: ['aiot', 'curated'],
  }),
  paper({
    arxivId: '1902.00751',
    title: 'Parameter-Efficient Transfer Learning for NLP',
    year: 2019,
    venue: 'ICML 2019',
    leaves: ['parameter-efficient-fine-tuning'],
  }),
  paper({
    arxivId: '2104.08691',
    title: 'The Power of Scale for Parameter-Efficient Prompt Tuning',
    year: 2021,
    venue: 'EMNLP 2021',
    leaves: ['parameter-efficient-fine-tuning'],
    sources: ['aiot', 'curated'],
  }),
  paper({
    arxivId: '2305.11206',
    openreviewId: 'KBMOKmX2he',
    title: 'LIMA: Less Is More for Alignment',
    year: 2023,
    leaves: ['data-efficient-fine-tuning'],
    sources: ['albalak'],
  }),
  // Inference efficiency
  paper({
    arxivId: '2210.17323',
    title: 'GPTQ: Accurate Post-Training Quantization for Generative Pre-trained Transformers',
    year: 2022,
    venue: 'ICLR 2023',
    leaves: ['quantization'],
    sources: ['horseee', 'huangowen', 'tiingweii'],
  }),
  paper({
    openreviewId: 'tcbBPnfwxS',
    title: 'GPTQ: Accurate Quantization for Generative Pre-trained Transformers',
    year: 2023,
    venue: 'ICLR 2023',
    leaves: ['quantization'],
    sources: ['aiot'],
  }),
  paper({
    arxivId: '2306.00978',
    title: 'AWQ: Activation-aware Weight Quantization for LLM Compression and Acceleration',
    year: 2023,
    venue: 'MLSys 2024',
    leaves: ['quantization'],
    sources: ['aiot', 'horseee', 'huangowen'],
  }),
  paper({
    arxivId: '2211.10438',
    title: 'SmoothQuant: Accurate and Efficient Post-Training Quantization for Large Language Models',
    year: 2022,
    venue: 'ICML 2023',
    leaves: ['quantization'],
    sources: ['aiot', 'horseee', 'huangowen'],
  }),
  paper({
    arxivId: '2208.07339',
    openreviewId: 'dXiGWqBoxaD',
    title: 'LLM.int8(): 8-bit Matrix Multiplication for Transformers at Scale',
    year: 2022,
    venue: 'NeurIPS 2022',
    leaves: ['quantization'],
    sources: ['huangowen'],
  }),
  paper({
    arxivId: '2301.00774',
    title: 'SparseGPT: Massive Language Models Can Be Accurately Pruned in One-Shot',
    year: 2023,
    venue: 'ICML 2023',
    leaves: ['pruning'],
    sources: ['aiot', 'horseee', 'huangowen'],
  }),
  paper({
    arxivId: '2306.11695',
    title: 'A Simple and Effective Pruning Approach for Large Language Models',
    year: 2023,
    venue: 'ICLR 2024',
    leaves: ['pruning'],
    sources: ['horseee', 'huangowen'],
  }),
  paper({
    arxivId: '2305.11627',
    openreviewId: 'J8Ajf9WfXP1',
    title: 'LLM-Pruner: On the Structural Pruning of Large Language Models',
    year: 2023,
    venue: 'NeurIPS 2023',
    leaves: ['pruning'],
    sources: ['aiot', 'horseee', 'huangowen', 'tiingweii'],
  }),
  paper({
    arxivId: '1910.01108',
    title: 'DistilBERT, a distilled version of BERT: smaller, faster, cheaper and lighter',
    year: 2019,
    leaves: ['knowledge-distillation'],
  }),
  paper({
    arxivId: '2306.08543',
    title: 'Knowledge Distillation of Large Language Models',
    year: 2023,
    venue: 'ICLR 2024',
    leaves: ['knowledge-distillation'],
    sources: ['aiot', 'huangowen'],
    titleVariants: ['MiniLLM: Knowledge Distillation of Large Language Models'],
  }),
  paper({
    arxivId: '2305.02301',
    title:
      'Distilling Step-by-Step! Outperforming Larger Language Models with Less Training Data and Smaller Model Sizes',
    year: 2023,
    venue: 'ACL 2023',
    leaves: ['knowledge-distillation'],
    sources: ['aiot', 'huangowen'],
  }),
  paper({
    arxivId: '2312.05821',
    title: 'ASVD: Activation-aware Singular Value Decomposition for Compressing Large Language Models',
    year: 2023,
    leaves: ['low-rank-decomposition'],
    sources: ['aiot', 'curated'],
  }),
  // The survey: no leaves of its own, never a related work, never counted.
  paper({
    arxivId: '2312.00678',
    title: 'The Efficiency Spectrum of Large Language Models: An Algorithmic Survey',
    year: 2023,
    leaves: [],
    sources: ['aiot'],
    isSurvey: true,
  }),
];
