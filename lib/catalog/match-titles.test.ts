import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { PaperRecord } from '../dataset/schema';
import { CatalogIndex } from './index';
import { buildEvalSet, scholarStyleTitles, scoreEval, seededRandom, truncateTitle } from './title-eval';
import { BATCH_TITLE_THRESHOLD, isDerivative, matchTitles, prepareTitle } from './title-match';

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
  });
});
