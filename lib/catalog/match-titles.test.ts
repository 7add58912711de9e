import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { PaperRecord } from '../dataset/schema';
import { normalizeTitle } from '../text/title';
import { CatalogIndex } from './index';
import { buildEvalSet, scholarStyleTitles, scoreEval, seededRandom, truncateTitle } from './title-eval';
import {
  BATCH_TITLE_THRESHOLD,
  headsDiffer,
  isDerivative,
  isVenueEdit,
  matchTitles,
  prepareTitle,
  VENUE_SCORE,
} from './title-match';

const load = (file: string) =>
  JSON.parse(readFileSync(new URL(`../../data/${file}`, import.meta.url), 'utf8')) as PaperRecord[];
const papers = load('papers.json');
const negatives = load('negatives.json');
const index = CatalogIndex.fromRecords(papers, { lazy: true });
const one = (title: string) => matchTitles(index, [title])[0] ?? null;

describe('matchTitles: the same paper as a list page prints it', () => {
  // [title as a page shows it, catalog id, matchedBy]
  const POSITIVE: [string, string, 'title-exact' | 'title-fuzzy'][] = [
    // Case, punctuation, spacing.
    ['lora: low-rank adaptation of large language models', 'arxiv:2106.09685', 'title-exact'],
    ['LORA: LOW-RANK ADAPTATION OF LARGE LANGUAGE MODELS.', 'arxiv:2106.09685', 'title-exact'],
    ['LoRA -  Low Rank Adaptation of Large Language Models', 'arxiv:2106.09685', 'title-exact'],
    // LaTeX: commands, braces, math.
    ['\\textbf{QLoRA}: Efficient Finetuning of Quantized {LLMs}', 'arxiv:2305.14314', 'title-exact'],
    [
      '$\\mathrm{SmoothQuant}$: Accurate and Efficient Post-Training Quantization for Large Language Models',
      'arxiv:2211.10438',
      'title-exact',
    ],
    // Unicode: curly quotes, dashes, ligatures (NFKC), decomposed accents, full-width letters.
    ['LLM.int8(): 8-bit Matrix Multiplication for Transformers at Scale', 'arxiv:2208.07339', 'title-exact'],
    ['Eﬃcient Streaming Language Models with Attention Sinks', 'arxiv:2309.17453', 'title-exact'],
    ['QLoRA\u2014Efficient Finetuning of Quantized LLMs', 'arxiv:2305.14314', 'title-exact'],
    ['Ｍamba: Linear-Time Sequence Modeling with Selective State Spaces', 'arxiv:2312.00752', 'title-exact'],
    [
      'Mamba: Line\u0301ar-Time Sequence Modeling with Selective State Spaces',
      'arxiv:2312.00752',
      'title-exact',
    ],
    // Plurals and "LLMs" vs "Large Language Models": same canonical terms.
    ['QLoRA: Efficient Finetuning of Quantized Large Language Models', 'arxiv:2305.14314', 'title-fuzzy'],
    // Cut short by the page, with "…", "..." or ". . .", also mid-word.
    [
      'Efficient Memory Management for Large Language Model Serving with …',
      'arxiv:2309.06180',
      'title-fuzzy',
    ],
    [
      'SmoothQuant: Accurate and Efficient Post-Training Quantization for Large ...',
      'arxiv:2211.10438',
      'title-fuzzy',
    ],
    ['SmoothQuant: Accurate and Efficient Post-Training Quantiz…', 'arxiv:2211.10438', 'title-fuzzy'],
    [
      'SmoothQuant: Accurate and Efficient Post-Training Quantization for LLMs . . .',
      'arxiv:2211.10438',
      'title-fuzzy',
    ],
    // Venue versions: another wording, a dropped acronym head, a typo.
    [
      'AWQ: Activation-aware Weight Quantization for On-Device LLM Compression and Acceleration',
      'arxiv:2306.00978',
      'title-exact',
    ],
    ['Efficient Finetuning of Quantized LLMs', 'arxiv:2305.14314', 'title-fuzzy'],
    [
      'SparseGPT: Massive Language Models Can Be Accurately Pruned in One Shot',
      'arxiv:2301.00774',
      'title-exact',
    ],
    [
      'SparseGPT: Masive Language Models Can Be Accurately Pruned in One-Shot',
      'arxiv:2301.00774',
      'title-fuzzy',
    ],
  ];

  it.each(POSITIVE)('%s', (title, id, matchedBy) => {
    const match = one(title);
    expect(match?.record.id).toBe(id);
    expect(match?.matchedBy).toBe(matchedBy);
    if (matchedBy === 'title-exact') expect(match?.score).toBe(1);
    else expect(match?.score).toBeGreaterThanOrEqual(BATCH_TITLE_THRESHOLD);
  });
});

describe('matchTitles: other papers, short titles and junk do not match', () => {
  const NEGATIVE: string[] = [
    // Short and generic: only an exact title may match them, and these are no catalog title.
    'Mixture of Experts',
    'Switch Transformers',
    'Attention',
    'Quantization',
    'A Survey',
    // A prefix too short to say which paper it is.
    'Efficient Large Language Models …',
    'LoRA: Low-Rank …',
    // Prefixes two catalog papers share.
    'A Survey on …',
    // Sequels and derivatives: the same words around another paper.
    'Mamba-2: Linear-Time Sequence Modeling with Selective State Spaces',
    'A Survey of QLoRA: Efficient Finetuning of Quantized LLMs',
    'QLoRA: Efficient Finetuning of Quantized LLMs for Speech Recognition Tasks',
    'Revisiting Efficient Memory Management for Large Language Model Serving with PagedAttention',
    // A different paper with a similar title.
    'Vector Quantization for Speech Codecs',
    'Efficient Long-range Language Modeling with …',
    // Junk.
    '',
    '   ',
    '…',
    '...',
    '<img src=x onerror=alert(1)>',
    'x'.repeat(100_000),
  ];

  it.each(NEGATIVE.map((t) => [t.length > 80 ? `${t.slice(0, 20)}… (${t.length} chars)` : t, t]))(
    '%s',
    (_label, title) => {
      expect(one(title)).toBeNull();
    },
  );

  it('gives null for non-strings and [] for a non-array, without throwing', () => {
    const junk = [null, undefined, 42, {}, ['LoRA']] as unknown as string[];
    expect(matchTitles(index, junk)).toEqual([null, null, null, null, null]);
    expect(matchTitles(index, 'LoRA' as unknown as string[])).toEqual([]);
  });
});

describe('matchTitles: venue versions the similarity alone misses (issue #5)', () => {
  // [title as a list page shows it, catalog id]; each is below the threshold by similarity alone (or vetoed
  // by version marks), so a match at VENUE_SCORE shows the rule did it.
  const POSITIVE: [string, string][] = [
    // Small words dropped.
    ['Understanding Difficulty of Training Transformers', 'arxiv:2004.08249'],
    ['Finding Transformer Circuits Edge Pruning', 'arxiv:2406.16778'],
    // A leading article dropped, also from titles too short for the similarity.
    ['Survey of RWKV', 'arxiv:2412.14847'],
    ['Attention Free Transformer', 'arxiv:2105.14103'],
    // The head dropped, and with it the version marks ("-2", "D4", "H2O").
    ['Faster Attention with Better Parallelism and Work Partitioning', 'arxiv:2307.08691'],
    ['Improving LLM Pretraining via Document De-Duplication and Diversification', 'arxiv:2308.12284'],
    ['Heavy-Hitter Oracle for Efficient Generative Inference of Large Language Models', 'arxiv:2306.14048'],
    // The same method name, a word or two dropped or added in the subtitle, "LLMs" for "Large Language Models".
    ['LongLoRA: Efficient Fine-tuning of LLMs', 'arxiv:2309.12307'],
    ['BitNet: Scaling Efficient 1-bit Transformers for LLMs', 'arxiv:2310.11453'],
    ['LLM-Rank: A Graph Theoretical Approach to LLMs', 'arxiv:2410.13299'],
    ['Mixture-of-Depths: Dynamically allocating compute in language models', 'arxiv:2404.02258'],
    ['Zephyr: Direct Distillation of Alignment', 'arxiv:2310.16944'],
  ];

  it.each(POSITIVE)('%s', (title, id) => {
    const match = one(title);
    expect(match?.record.id).toBe(id);
    expect(match?.matchedBy).toBe('title-fuzzy');
    expect(match?.score).toBe(VENUE_SCORE);
  });

  it('finds the words the similarity used to veto once the leading article is ignored', () => {
    // "An Empirical Exploration of …" minus "An" read as "<X> with a word in front", like "Revisiting <X>".
    const match = one('Empirical Exploration of Curriculum Learning for Neural Machine Translation');
    expect(match?.record.id).toBe('arxiv:1811.00739');
    expect(match?.score).toBeGreaterThanOrEqual(BATCH_TITLE_THRESHOLD);
  });

  const NEGATIVE: string[] = [
    // Another method's name over a catalog paper's subtitle (the similarity passed these before issue #5).
    'DreamDDP: Memory Optimizations Toward Training Trillion Parameter Models',
    'Scatterbrain: Heavy-Hitter Oracle for Efficient Generative Inference of Large Language Models',
    // Sequels: the marks differ, on the whole title or on the part alone.
    'LongLoRA-2: Efficient Fine-tuning of Long-Context Large Language Models',
    'FlashAttention-3: Faster Attention with Better Parallelism and Work Partitioning',
    // Extended to another task: the catalog title with words behind it is a derivative, head or not.
    'LongLoRA: Efficient Fine-tuning of Long-Context Large Language Models for Speech Recognition Tasks',
    'BitNet: Scaling 1-bit Transformers for Large Language Models in Speech',
    // A word dropped AND one added, or a word that is not small ("without"): not a venue edit.
    'Understanding Difficulty of Training Vision Transformers',
    'Finding Transformer Circuits without Edge Pruning',
    'A Survey of Curriculum Learning for Neural Machine Translation',
  ];

  it.each(NEGATIVE)('no match: %s', (title) => {
    expect(one(title)).toBeNull();
  });

  it('never accepts a replaced word, even under the same method name', () => {
    // Between 0.88 and 0.90 by similarity (a known near miss, bench/titles.md): the default threshold (0.90)
    // leaves it, and asked at VENUE_SCORE the rules must not add what the similarity does not give.
    for (const title of [
      'AlphaPruning: Using Heavy-Tailed Self Recommendation Theory for Improved Layer-wise Pruning of Large Language Models',
      'AlphaPruning: Using Heavy-Tailed Self Regularization Theory for Improved Layer-wise Pruning of Vision Transformers',
    ]) {
      expect(matchTitles(index, [title], { threshold: 0.88 })[0]?.record.id).toBe('arxiv:2410.10912');
      expect(one(title)).toBeNull();
      expect(matchTitles(index, [title], { threshold: VENUE_SCORE })[0]).toBeNull();
    }
  });

  it('is off when the caller asks for more confidence than VENUE_SCORE', () => {
    expect(one('Survey of RWKV')?.score).toBe(VENUE_SCORE);
    expect(matchTitles(index, ['Survey of RWKV'], { threshold: VENUE_SCORE + 0.01 })[0]).toBeNull();
  });

  describe('on a small catalog: a head or part two papers share names neither', () => {
    const base = papers.slice(0, 200);
    const record = (id: string, title: string): PaperRecord => ({
      ...papers[0]!,
      id,
      title,
      normTitle: normalizeTitle(title),
      titleVariants: [],
    });
    const fooNet = record('test:foonet', 'FooNet: Sparse Attention for Long Document Summarization');
    const fooNetToo = record('test:foonet-qa', 'FooNet: Dense Retrieval for Open Domain Question Answering');
    const partOwner = record(
      'test:alpha',
      'Alpha-1: Fast Kernels for Sparse Attention on Many Small Devices',
    );
    const partTwin = record('test:beta', 'Beta-2: Fast Kernels for Sparse Attention on Many Small Devices');
    const reworded = 'FooNet: Sparse Attention for Long Summarization';
    const part = 'Fast Kernels for Sparse Attention on Many Small Devices';

    it('matches when one paper has it', () => {
      const catalog = { all: () => [...base, fooNet, partOwner] };
      const matches = matchTitles(catalog, [reworded, part]);
      expect(matches.map((m) => m?.record.id)).toEqual(['test:foonet', 'test:alpha']);
      expect(matches.map((m) => m?.score)).toEqual([VENUE_SCORE, VENUE_SCORE]);
    });

    it('does not when two papers have it', () => {
      const catalog = { all: () => [...base, fooNet, fooNetToo, partOwner, partTwin] };
      expect(matchTitles(catalog, [reworded, part])).toEqual([null, null]);
    });
  });
});

describe('matchTitles on the whole catalog', () => {
  it('matches every catalog title exactly, to its own record or an equal-title twin', () => {
    const results = matchTitles(
      index,
      papers.map((p) => p.title),
    );
    results.forEach((r, i) => {
      expect(r?.matchedBy).toBe('title-exact');
      expect(r?.record.normTitle).toBe(papers[i]!.normTitle);
    });
  });

  it('answers in input order, and the same title the same way each time', () => {
    const titles = scholarStyleTitles(papers, negatives, 60);
    const first = matchTitles(index, titles);
    const again = matchTitles(index, [...titles].reverse()).reverse();
    expect(again.map((m) => m?.record.id ?? null)).toEqual(first.map((m) => m?.record.id ?? null));
  });
});

/**
 * The evaluation of bench/titles.md, asserted: if a change to the matcher or the data moves these numbers,
 * the threshold must be chosen again (scripts/bench-titles.ts prints the sweep).
 */
describe('evaluation at the chosen threshold', () => {
  const cases = buildEvalSet(papers, negatives);
  const report = scoreEval(
    cases,
    matchTitles(
      index,
      cases.map((c) => c.title),
    ),
  );

  it('is large and varied enough to mean something', () => {
    expect(report.positives.cases).toBeGreaterThanOrEqual(2000);
    expect(report.negatives.cases).toBeGreaterThanOrEqual(2500);
    for (const kind of ['case', 'punctuation', 'latex', 'unicode', 'truncated', 'venue', 'typo']) {
      expect(report.byKind[kind]?.cases).toBeGreaterThanOrEqual(250);
    }
    for (const kind of ['near-miss-sequel', 'near-miss-word', 'near-miss-head']) {
      expect(report.byKind[kind]?.cases).toBeGreaterThanOrEqual(100);
    }
  });

  it('finds ≥ 90% of venue versions, and ≤ 2% of other methods over a catalog subtitle', () => {
    const venue = report.byKind.venue!;
    expect(venue.correct / venue.cases).toBeGreaterThanOrEqual(0.9);
    const head = report.byKind['near-miss-head']!;
    expect(head.wrong / head.cases).toBeLessThanOrEqual(0.02);
  });

  it('keeps false matches on negatives under 1%, and none on real papers outside the catalog', () => {
    expect(report.falseMatchRate).toBeLessThan(0.01);
    expect(report.byKind['other-paper']?.wrong).toBe(0);
    expect(report.byKind['other-paper-truncated']?.wrong).toBe(0);
    expect(report.byKind['near-miss-sequel']?.wrong).toBe(0);
    // A positive is never matched to another catalog paper.
    expect(report.positives.wrong).toBe(0);
  });

  it('has precision ≥ 99% and recall ≥ 95%', () => {
    expect(report.precision).toBeGreaterThanOrEqual(0.99);
    expect(report.recall).toBeGreaterThanOrEqual(0.95);
    // Normalisation alone (case, punctuation, LaTeX, unicode) never misses.
    for (const kind of ['case', 'punctuation', 'latex', 'unicode']) {
      expect(report.byKind[kind]?.missed).toBe(0);
    }
  });

  it('would let more false matches through at a lower threshold (the threshold is doing work)', () => {
    const lower = scoreEval(
      cases,
      matchTitles(
        index,
        cases.map((c) => c.title),
        { threshold: 0.8 },
      ),
    );
    expect(lower.falseMatchRate).toBeGreaterThan(report.falseMatchRate * 2);
    expect(lower.recall).toBeGreaterThan(report.recall);
  });
});

describe('evaluation helpers', () => {
  it('seededRandom is deterministic and in [0, 1)', () => {
    const a = seededRandom(7);
    const b = seededRandom(7);
    const xs = Array.from({ length: 100 }, () => a());
    expect(xs).toEqual(Array.from({ length: 100 }, () => b()));
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(new Set(xs).size).toBe(100);
  });

  it('truncateTitle cuts at a word boundary and leaves short titles alone', () => {
    expect(
      truncateTitle('Efficient Memory Management for Large Language Model Serving with PagedAttention', 40),
    ).toBe('Efficient Memory Management for Large …');
    expect(truncateTitle('Mixed Precision Training', 40)).toBeNull();
  });

  it('isDerivative spots a whole title inside a longer one, but not a dropped head or subtitle', () => {
    const d = (a: string, b: string) => isDerivative(prepareTitle(a), prepareTitle(b));
    expect(d('A Survey of Mixed Precision Training', 'Mixed Precision Training')).toBe(true);
    expect(d('Mixed Precision Training for Speech Tasks', 'Mixed Precision Training')).toBe(true);
    expect(d('Efficient Finetuning of Quantized LLMs', 'QLoRA: Efficient Finetuning of Quantized LLMs')).toBe(
      false,
    );
    expect(
      d('Scaling Laws for Neural Language Models', 'Scaling Laws for Neural Language Models: A Study'),
    ).toBe(false);
    expect(d('Mixed Precision Training', 'Mixed Precision Training')).toBe(false);
    // A leading article is not a word in front; "A Survey of" still is.
    expect(
      d('Empirical Exploration of Curriculum Learning', 'An Empirical Exploration of Curriculum Learning'),
    ).toBe(false);
    expect(d('A Survey of Curriculum Learning', 'Curriculum Learning')).toBe(true);
    expect(d('The Survey of Curriculum Learning', 'A Curriculum Learning')).toBe(true);
  });

  it('isVenueEdit accepts small words or one short run added, never a replaced word', () => {
    const t = (s: string) => s.split(' ');
    const YES: [string, string][] = [
      ['understanding the difficulty of training', 'understanding difficulty of training'],
      ['finding circuits with edge pruning', 'finding circuits edge pruning'],
      [
        'efficient fine tuning of long context large language model',
        'efficient fine tuning of large language model',
      ],
      ['scaling efficient 1 bit transformer', 'scaling 1 bit transformer'],
      ['a b c', 'a b c'],
    ];
    const NO: [string, string][] = [
      ['using self regularization theory', 'using self recommendation theory'],
      ['attention is all you need', 'attention is not all you need'],
      ['efficient fine tuning of large vision and language model', 'efficient fine tuning of model'],
      [
        'understanding difficulty of training vision transformer',
        'understanding the difficulty of training transformer',
      ],
      ['a b c d', 'a x b c y d'],
    ];
    for (const [a, b] of YES) {
      expect(isVenueEdit(t(a), t(b)), `${a} / ${b}`).toBe(true);
      expect(isVenueEdit(t(b), t(a)), `${b} / ${a}`).toBe(true);
    }
    for (const [a, b] of NO) {
      expect(isVenueEdit(t(a), t(b)), `${a} / ${b}`).toBe(false);
      expect(isVenueEdit(t(b), t(a)), `${b} / ${a}`).toBe(false);
    }
  });

  it('headsDiffer only when both titles have heads and no word of one is in the other', () => {
    const h = (a: string, b: string) => headsDiffer(prepareTitle(a), prepareTitle(b));
    expect(h('DreamDDP: Memory Optimizations', 'ZeRO: Memory Optimizations')).toBe(true);
    expect(h('Aya Dataset: Restoring Expressivity', 'MHLA: Restoring Expressivity')).toBe(true);
    expect(h('LLM-Adapters: An Adapter Family', 'LLM-Pruner: An Adapter Family')).toBe(true);
    expect(h('ZeRO: Memory Optimizations', 'zero - memory optimizations')).toBe(false);
    // A typo or a split word is the same head; a head inside a longer one is too (the marks tell sequels).
    expect(h('SmoothQuant: Accurate Quantization', 'SmothQuant: Accurate Quantization')).toBe(false);
    expect(h('BitNet: Scaling 1-bit Transformers', 'BitNet a4.8: 4-bit Activations')).toBe(false);
    // A title without a head decides nothing.
    expect(h('Memory Optimizations Toward Training', 'ZeRO: Memory Optimizations Toward Training')).toBe(
      false,
    );
  });
});
