/**
 * Per-paper admission rules for *ambiguous* sections (taxonomy-mapping.md: a section that mixes leaves, fits a
 * leaf only loosely, or is out of scope with a minority that fits). Entries of such sections are NOT imported
 * unless one of these rules admits them; the rest are counted as "ambiguous, not imported" (or, for out-of-scope
 * sections, kept as negatives).
 *
 * Every rule is a named keyword/regex test over the entry's title, scoped to the ambiguous headings it was written
 * for. No rule lists paper ids: a rule must say *why* a title belongs to a leaf. Rules are tried in order and the
 * first match wins, so narrow rules (quantised fine-tuning) come before broad ones (PEFT). An admitted entry
 * records `confidence: 'rule'` and `rule: <name>` in its provenance. data/DATASET.md lists the admissions per rule.
 */
import type { LeafId } from '../taxonomy';

/** One heading a rule may be applied under. */
export interface RuleScope {
  source: string;
  heading: string;
}

export interface TitleRule {
  name: string;
  /** Why titles matching this rule belong to `leaves`; printed in DATASET.md. */
  why: string;
  scope: readonly RuleScope[];
  /** The title matches when any of these match... */
  match: readonly RegExp[];
  /** ...and none of these do. */
  unless?: readonly RegExp[];
  leaves: readonly LeafId[];
}

const s = (source: string, heading: string): RuleScope => ({ source, heading });

const AIOT_MEMFT = s('aiot', 'Memory-Efficient Fine-Tuning');
const HORSEEE_TUNING = s('horseee', 'Tuning');
const HORSEEE_TRAINING = s('horseee', 'Efficient Training');
const HORSEEE_ARCH = s('horseee', 'Efficient Architecture of LLM');
const HUANG_OTHER = s('huangowen', 'Other');
const TIING_ARCH = s('tiingweii', 'Efficient Transformer Architecture');
const TIING_FULLFT = s('tiingweii', 'Full-Parameter Fine-Tuning');
const AIOT_RECURRENT = s('aiot', 'Recurrent Structure');
const AIOT_SEGMENT = s('aiot', 'Segmentation and Sliding Window');
const XNH_RECURRENT = s('xnhyacinth', '4. Recurrent Transformers');

/** The rules, in the order they are tried. */
export const TITLE_RULES: readonly TitleRule[] = [
  {
    name: 'quantised-fine-tuning',
    why: 'Fine-tuning of quantised models (QLoRA, QA-LoRA, LoftQ, PEQA…) is both parameter-efficient tuning and quantization.',
    scope: [AIOT_MEMFT, HORSEEE_TUNING],
    match: [
      /\bQ[A-Za-z-]*LoRA\b|\bLoftQ\b/,
      /quantiz\w*.*\b(?:fine-?tun|finetun|adapt)|\b(?:fine-?tun|finetun)\w*.*\bquantiz/i,
      /\bsub-\d-bit\b/i,
    ],
    leaves: ['parameter-efficient-fine-tuning', 'quantization'],
  },
  {
    name: 'low-precision-training',
    why: 'Training in FP8/FP4 or mixed precision is Mixed Precision Training.',
    scope: [HORSEEE_TRAINING],
    match: [/\b(?:FP8|FP4|INT8|mixed[- ]precision|low[- ]precision)\b.*\btrain/i],
    leaves: ['mixed-precision-training'],
  },
  {
    name: 'zero-memory-sharding',
    why: 'The ZeRO family shards or offloads optimizer state to break the GPU memory wall: Memory Optimization.',
    scope: [s('aiot', 'System-Level Pre-Training Efficiency Optimization')],
    match: [/\bZeRO\b/, /\boffload/i, /\bmemory (?:optimi[sz]ations?|wall)\b/i],
    leaves: ['memory-optimization'],
  },
  {
    name: 'memory-efficient-training',
    why:
      'Titles about memory-efficient training or fine-tuning (low-memory optimizers, zeroth-order/forward-only ' +
      'tuning, gradient projection, full-parameter tuning on limited resources) are Memory Optimization.',
    scope: [AIOT_MEMFT, TIING_FULLFT, HORSEEE_TRAINING, HORSEEE_TUNING, HUANG_OTHER],
    match: [
      /\bmemory[- ]efficient (?:[\w-]+ ){0,3}(?:training|fine-?tuning|finetuning|adaptation|optimi[sz]\w*)\b/i,
      /\bmemory[- ]efficient full parameter\b/i,
      /\blimited resources\b|\bjust forward passes\b|\bzeroth[- ]order\b|\bgradient low[- ]rank projection\b/i,
      /\boptimizer states?\b|\blow[- ]memory optimi[sz]/i,
    ],
    leaves: ['memory-optimization'],
  },
  {
    name: 'parameter-efficient-tuning',
    why:
      'Titles naming a PEFT method (LoRA and variants, adapters, prefix/prompt tuning, "parameter-efficient") ' +
      'are Parameter-Efficient Fine-Tuning.',
    scope: [HORSEEE_TUNING, HUANG_OTHER, s('aiot', 'MoE-Efficient-Supervised-Fine-Tuning')],
    match: [
      /LoRA\b|LoRA[-+]/,
      /\bparameter[- ]efficient\b|\bPEFT\b|\badapters?\b|\bprefix[- ]tuning\b|\bprompt[- ]tuning\b/i,
      /\blow[- ]rank (?:\w+ )?adaptation\b|\brank-1 adapt/i,
      /\bexpert-speciali[sz]ed fine-tuning\b/i,
    ],
    leaves: ['parameter-efficient-fine-tuning'],
  },
  {
    name: 'data-efficient-tuning',
    why: 'Fine-tuning with less or selected data (core-sets, data pruning, low-data) is Data-Efficient Fine-Tuning.',
    scope: [HORSEEE_TUNING],
    match: [/\bdata[- ]efficient\b|\bcore-?set\b|\bdata (?:selection|pruning)\b|\blow-data\b/i],
    leaves: ['data-efficient-fine-tuning'],
  },
  {
    name: 'flashattention',
    why: "FlashAttention 1/2/3 are IO-aware exact attention kernels, the survey's example of Efficient Attention.",
    scope: [s('aiot', 'Algorithm-Hardware Co-Design'), HUANG_OTHER],
    match: [/\bflash-?attention\b/i],
    leaves: ['efficient-attention'],
  },
  {
    name: 'positional-encoding',
    why:
      'Position encodings, RoPE/ALiBi, length extrapolation and context-window extension are Efficient ' +
      'Positional Encoding.',
    scope: [
      s('xnhyacinth', '6.3 Length Extrapolation & Inference-Time Context Extension'),
      TIING_ARCH,
      AIOT_SEGMENT,
    ],
    match: [
      /\bposition(?:al)?\b|\bRoPE\b|\brotary\b|\bALiBi\b|\blinear biases\b/i,
      /\bextrapolat|\blength[- ]generali[sz]|\blength extension\b|\bself-extend\b/i,
      /\bcontext window extension\b|\bextend(?:ing)? (?:the )?context (?:window|length)\b/i,
    ],
    leaves: ['efficient-positional-encoding'],
  },
  {
    name: 'recurrent-attention-free',
    why:
      'RNN-style and state-space sequence models without softmax attention (RWKV, RetNet, Hyena, xLSTM, Griffin, ' +
      'Mamba, MatMul-free, DeltaNet…) are Attention-Free.',
    scope: [s('aiot', 'Other Sequential Models'), AIOT_RECURRENT, XNH_RECURRENT, HORSEEE_ARCH, TIING_ARCH],
    match: [
      /\bRWKV\b|\bRNNs?\b|\brecurrent neural network\b|\blinear recurrences?\b|\bgated recurrent\b/i,
      /\bxLSTM\b|\bHyena\b|\bGriffin\b|\bRecurrentGemma\b|\bRetentive Network\b|\bRetNet\b/i,
      /\bMatMul-free\b|\bMEGALODON\b|\bDiJiang\b|\bEagle and Finch\b|\bGoldFinch\b|\bLinearizing\b/i,
      /\bstate[- ]space\b|\bMamba\b|\bSSMs?\b|\battention[- ]free\b|\bdelta rule\b/i,
    ],
    unless: [/\blinear attention\b|\bsparse attention\b/i],
    leaves: ['attention-free'],
  },
  {
    name: 'segment-recurrent-attention',
    why:
      'Segment-level recurrence and compressed-memory attention (Transformer-XL, Compressive Transformer, RMT, ' +
      'Block-Recurrent, Infini-attention) are the recurrence family of efficient attention.',
    scope: [AIOT_RECURRENT, AIOT_SEGMENT, XNH_RECURRENT],
    match: [
      /\btransformer-xl\b|\bcompressive transformers?\b|\brecurrent memory transformer\b|\bRMT\b/i,
      /\bblock-recurrent\b|\bsegmented recurrent transformer\b|\bmemformer\b|\binfinite memory transformer\b/i,
      /\binfini-attention\b/i,
    ],
    leaves: ['efficient-attention'],
  },
  {
    name: 'efficient-attention-mechanism',
    why: 'Sparse, linear, sliding-window, shared/latent-KV and IO-aware attention mechanisms are Efficient Attention.',
    scope: [
      HORSEEE_ARCH,
      TIING_ARCH,
      AIOT_SEGMENT,
      s('xnhyacinth', '3.4 Architectural KV Reduction & Cache Sharing'),
      s('xnhyacinth', '17.3 Prefill & Sparse Attention Acceleration'),
    ],
    match: [
      /\bsparse attention\b|\blinear attention\b|\befficient attentions?\b|\battention with linear\b/i,
      /\bsliding[- ]window\b|\battention sinks?\b|\bflash-?attention\b|\bgated attention\b|\bdilated attention\b/i,
      /\bcross-layer attention\b|\bshared attention\b|\battention sharing\b|\bcross-layer (?:kv|key-value) sharing\b/i,
      /\bmulti-query\b|\bgrouped[- ]query\b|\bGQA\b|\blatent attention\b|\bMLA\b|\bamong attention heads\b/i,
      /\bLongNet\b|\bkernel density estimation\b|\bself-attention does not need\b|\bthe efficient transformer\b/i,
    ],
    leaves: ['efficient-attention'],
  },
  {
    name: 'mixture-of-experts',
    why: 'MoE training and serving systems (FastMoE, DeepSpeed-MoE, MegaBlocks, GShard) are Sparse Modeling.',
    scope: [s('xuefuzhao', 'MoE System')],
    match: [/\bmixture[- ]of[- ]experts?\b|\bMoE\b|\w+-?MoE\b|\bconditional computation\b/i],
    leaves: ['sparse-modeling'],
  },
  {
    name: 'parallel-training-systems',
    why: 'Data/tensor/pipeline parallelism and large-scale distributed training systems are Parallelism Techniques.',
    scope: [
      s('aiot', 'System-Level Pre-Training Efficiency Optimization'),
      HORSEEE_TRAINING,
      s('xuefuzhao', 'MoE System'),
    ],
    match: [
      /\bparalleli[sz]\w*|\bpipeline\b|\bMegatron\b|\bsharded data\b|\bsharding\b|\bdistributed (?:training|dataflow)\b/i,
      /\btraining (?:super-large|of massive)\b|\btraining to more than [\d,]+ GPUs\b|\bAlpa\b|\bPathways\b/i,
    ],
    leaves: ['parallelism-techniques'],
  },
  {
    name: 'low-rank-compression',
    why:
      'Low-rank / SVD / tensor-train factorisation of weights for compression is Low-Rank Decomposition (LoRA ' +
      'adapters and gradient projection are excluded: they are PEFT and Memory Optimization).',
    scope: [HUANG_OTHER, s('xnhyacinth', '12.2 Distillation / Pruning')],
    match: [
      /\blow[- ]rank (?:decomposition|factori[sz]ation|approximation|compression|weight sharing)\b/i,
      /\bSVD\b|\bsingular value\b|\bsingular spectrum\b|\btensor[- ]train\b|\btensor networks?\b|\btensori[sz]ing\b/i,
      /\bweight factori[sz]ation\b|\bmatrix decomposition\b|\bcompression via (?:the )?[\w-]+ (?:[\w-]+ )?decomposition\b/i,
      /\bdecomposition (?:of pretrained|for (?:large language model )?compression)\b/i,
    ],
    unless: [/\blow[- ]rank adaptation\b|\bgradient low[- ]rank projection\b/i],
    leaves: ['low-rank-decomposition'],
  },
  {
    name: 'pruning',
    why: 'Titles about pruning or sparsification of weights, heads or layers are Pruning.',
    scope: [s('xnhyacinth', '12.2 Distillation / Pruning')],
    match: [/\bprun\w*|\bsparsit|\bsparsif|\bunimportant layer\b/i],
    leaves: ['pruning'],
  },
  {
    name: 'distillation',
    why: 'Titles about knowledge distillation are Knowledge Distillation.',
    scope: [s('xnhyacinth', '12.2 Distillation / Pruning')],
    match: [/\bdistill/i],
    leaves: ['knowledge-distillation'],
  },
  {
    name: 'kv-cache-quantization',
    why:
      'Quantising the KV cache or attention to few bits is Quantization (the leaf covers weights, activations and ' +
      'the KV cache); KV eviction and merging without quantisation are not.',
    scope: [
      s('xnhyacinth', '3.2 Quantization / Compression'),
      s('xnhyacinth', '17.2 Quantization-Aware Long-Context Inference'),
    ],
    match: [/quantiz|\b\d+(?:\.\d+)?-bits?\b|\blow-bit\b|\b1 bit\b|\bmixed[- ]precision\b/i],
    leaves: ['quantization'],
  },
  {
    name: 'data-mixing-importance-sampling',
    why:
      'Importance resampling, data-mixture optimisation, distributionally robust reweighting and model-aware data ' +
      'influence are Active Learning / Importance Sampling.',
    scope: [
      s('albalak', 'Domain-Specific Selection'),
      s('albalak', 'Data Mixing'),
      s('aiot', 'Data Selection for Efficient Pre-Training'),
    ],
    match: [
      /\bimportance (?:re)?sampling\b|\bdata mix(?:ing|tures?)\b|\bdistributionally robust\b|\breweight/i,
      /\bskills framework\b|\bdata influence\b|\bmodel-aware data(?:set)? selection\b|\bdatamodels\b/i,
    ],
    leaves: ['active-learning-importance-sampling'],
  },
  {
    name: 'pretraining-data-selection',
    why: 'Selecting or filtering pre-training documents for a target domain is Data Filtering.',
    scope: [
      s('albalak', 'Domain-Specific Selection'),
      s('aiot', 'Data Selection for Efficient Pre-Training'),
    ],
    match: [
      /\b(?:data|document|dataset) (?:selection|acquisition|filtering)\b/i,
      /\bselection of (?:[\w-]+ ){0,3}training data\b/i,
    ],
    leaves: ['data-filtering'],
  },
  {
    name: 'alignment-data-selection',
    why: 'Choosing fewer or better preference/alignment examples is Data-Efficient Fine-Tuning.',
    scope: [s('albalak', 'Data Selection for Preference Fine-tuning: Alignment')],
    match: [
      /\bdata (?:selection|quality)\b|\bgood data\b|\bhigh-quality (?:feedback|data)\b|\bless is more\b/i,
      /\brejection sampling\b|\bdataset difficulty\b/i,
    ],
    leaves: ['data-efficient-fine-tuning'],
  },
  {
    name: 'prompting-technique',
    why: 'Titles naming a prompting technique (CoT prompting, automatic prompt generation) are prompt engineering, which the survey files under Data-Efficient Fine-Tuning.',
    scope: [
      s('aiot', 'Instruction Generation'),
      s('aiot', 'Multi-Step Reasoning'),
      s('aiot', 'Prompt Generation'),
    ],
    match: [/\bprompt(?:s|ing)?\b|\bprompt engineers?\b/i],
    leaves: ['data-efficient-fine-tuning'],
  },
  {
    name: 'initialisation-for-stability',
    why: 'Initialisation and normalisation schemes that let deep transformers train without diverging (DeepNet, Fixup, ReZero, T-Fixup) are Stable Training Strategies.',
    scope: [s('aiot', 'Initialization Techniques')],
    match: [/\binitiali[sz]\w*|\bfixup\b|\brezero\b|\bdeepnet\b|\bnormali[sz]ation\b|\bresidual\b/i],
    leaves: ['stable-training-strategies'],
  },
  {
    name: 'optimizer-for-stability',
    why: 'New optimizers for LLM pre-training (Lion, Sophia) are filed with Stable Training Strategies, as in the curated supplement.',
    scope: [s('aiot', 'Training Optimizers')],
    match: [/\boptimi[sz]er\b|\boptimization algorithms\b/i],
    leaves: ['stable-training-strategies'],
  },
];

/** The first rule scoped to (source, heading) whose pattern matches the title, or null. */
export function matchRule(
  rules: readonly TitleRule[],
  source: string,
  heading: string,
  title: string,
): TitleRule | null {
  for (const rule of rules) {
    if (!rule.scope.some((sc) => sc.source === source && sc.heading === heading)) continue;
    if (!rule.match.some((re) => re.test(title))) continue;
    if (rule.unless?.some((re) => re.test(title))) continue;
    return rule;
  }
  return null;
}
