import { describe, expect, it } from 'vitest';
import type { SourceId } from '../dataset/schema';
import type { LeafId } from '../taxonomy';
import {
  crossListedDrops,
  DATA_SELECTION_SCOPES,
  DATA_TERM_WORDS,
  isDataTitle,
  NOT_DATA_WORDS,
} from './cross-listing';
import type { RawEntry } from './entries';
import type { MergeInput } from './merge';

let line = 0;

/** An admitted entry of `source` under `heading`, filed under `leaves`. */
function admitted(
  source: Exclude<SourceId, 'manual'>,
  heading: string,
  title: string,
  leaves: LeafId[],
  confidence: 'confident' | 'rule' | 'curated' = source === 'curated' ? 'curated' : 'confident',
): MergeInput {
  line++;
  const entry: RawEntry = {
    source,
    file: `${source}.md`,
    line,
    heading: [heading],
    title,
    arxivId: '2106.09685',
    arxivIds: ['2106.09685'],
    openreviewId: null,
    aclId: null,
    paperUrlKey: null,
    code: [],
    other: [],
    venueText: null,
    venue: null,
    year: null,
    keywords: null,
    rule: { heading, leaf: leaves[0] ?? 'out-of-scope', confidence: 'confident', note: '' },
    override: null,
    erratum: null,
    hasPaperLink: true,
    repairedUrls: [],
  };
  return {
    entry,
    disposition: { kind: 'admitted', leaves, confidence, rule: confidence === 'rule' ? 'r' : null },
  };
}

const negative = (source: Exclude<SourceId, 'manual'>, heading: string, title: string): MergeInput => {
  const m = admitted(source, heading, title, []);
  return { entry: m.entry, disposition: { kind: 'negative' } };
};

const LORA = 'LoRA: Low-Rank Adaptation of Large Language Models';
const TASK_FT = 'Data Selection for Task-specific Fine-tuning';
const DEFT: LeafId = 'data-efficient-fine-tuning';
const PEFT: LeafId = 'parameter-efficient-fine-tuning';

const dropsOf = (members: MergeInput[]) =>
  crossListedDrops(members).map((d) => [d.member.entry.source, d.member.entry.rule?.heading, d.dropped]);

describe('crossListedDrops', () => {
  it('drops the data leaf of a general method cited in a data-selection section (LoRA)', () => {
    const members = [
      admitted('aiot', 'Low-Rank Adaptation', LORA, [PEFT]),
      admitted('albalak', TASK_FT, LORA, [DEFT]),
      admitted('curated', 'Parameter-Efficient Fine-Tuning', LORA, [PEFT]),
    ];
    const drops = crossListedDrops(members);
    expect(drops.map((d) => [d.member, d.dropped])).toEqual([[members[1], [DEFT]]]);
    expect(drops[0]?.keptFrom).toEqual([
      { leaf: PEFT, source: 'aiot' },
      { leaf: PEFT, source: 'curated' },
    ]);
  });

  it.each([
    [
      'the title is about data',
      [
        admitted('curated', 'Active Learning / Importance Sampling', 'Efficient Online Data Mixing', [
          'active-learning-importance-sampling',
        ]),
        admitted('albalak', TASK_FT, 'Efficient Online Data Mixing For Language Model Pre-Training', [DEFT]),
      ],
    ],
    [
      'no other source files the paper',
      [
        admitted('albalak', TASK_FT, 'Distributionally Robust Neural Networks', [DEFT]),
        admitted(
          'albalak',
          'Data Mixing',
          'Distributionally Robust Neural Networks',
          ['active-learning-importance-sampling'],
          'rule',
        ),
      ],
    ],
    [
      'the other filing is only a rule admission, not a confident one',
      [
        admitted(
          'aiot',
          'Memory-Efficient Fine-Tuning',
          'LISA: Layerwise Importance Sampling',
          ['memory-optimization'],
          'rule',
        ),
        admitted('tiingweii', 'Importance Sampling', 'LISA: Layerwise Importance Sampling', [
          'active-learning-importance-sampling',
        ]),
      ],
    ],
    [
      'the other filing is itself in a data-selection section (two such sections never cancel out)',
      [
        admitted('aiot', 'Data Selection for Efficient Fine-Tuning', 'How to Train Efficient LLMs', [DEFT]),
        admitted('tiingweii', 'Importance Sampling', 'How to Train Efficient LLMs', [
          'active-learning-importance-sampling',
        ]),
      ],
    ],
    [
      'the other source gives the same leaf',
      [
        admitted('aiot', 'Data Selection for Efficient Fine-Tuning', LORA, [DEFT]),
        admitted('huangowen', 'Other', LORA, [DEFT]),
      ],
    ],
    [
      'the only other entry is a negative (out of scope is not a leaf)',
      [negative('aiot', 'Speculative Decoding', LORA), admitted('albalak', TASK_FT, LORA, [DEFT])],
    ],
    [
      'the confident filing elsewhere comes from the same source',
      [
        admitted('aiot', 'Low-Rank Adaptation', LORA, [PEFT]),
        admitted('aiot', 'Data Selection for Efficient Fine-Tuning', LORA, [DEFT]),
      ],
    ],
    [
      'the section is not a data-selection section',
      [admitted('aiot', 'Low-Rank Adaptation', LORA, [PEFT]), admitted('huangowen', 'Other', LORA, [DEFT])],
    ],
  ])('keeps every leaf when %s', (_why, members) => {
    expect(dropsOf(members)).toEqual([]);
  });

  it('drops only the leaves nobody else gives, and every data-section entry of the paper', () => {
    const palm = 'Palm: Scaling language modeling with pathways';
    const members = [
      admitted('tiingweii', 'Distributed Training', palm, ['parallelism-techniques']),
      admitted('albalak', 'Language Filtering', palm, ['data-filtering']),
      admitted('albalak', 'Data Quality', palm, ['data-filtering']),
      admitted(
        'albalak',
        'Data Mixing',
        palm,
        ['active-learning-importance-sampling', 'parallelism-techniques'],
        'rule',
      ),
    ];
    expect(dropsOf(members)).toEqual([
      ['albalak', 'Language Filtering', ['data-filtering']],
      ['albalak', 'Data Quality', ['data-filtering']],
      ['albalak', 'Data Mixing', ['active-learning-importance-sampling']],
    ]);
  });

  it('applies only to the scopes it is given', () => {
    const members = [
      admitted('aiot', 'Low-Rank Adaptation', LORA, [PEFT]),
      admitted('albalak', TASK_FT, LORA, [DEFT]),
    ];
    expect(crossListedDrops(members, [])).toEqual([]);
    expect(crossListedDrops(members, [{ source: 'albalak', heading: TASK_FT }])).toHaveLength(1);
  });

  it('scopes every albalak fine-tuning section', () => {
    for (const heading of [
      'Data Selection for Instruction-Tuning and Multitask Training',
      'Data Selection for Preference Fine-tuning: Alignment',
      'Data Selection for In-Context Learning',
      TASK_FT,
    ])
      expect(DATA_SELECTION_SCOPES).toContainEqual({ source: 'albalak', heading });
  });
});

describe('isDataTitle', () => {
  it.each([
    'Data Selection for Language Models via Importance Resampling',
    'How to Train Data-Efficient LLMs',
    'Aya Dataset: An Open-Access Collection for Multilingual Instruction Tuning',
    'Not All Samples Are Created Equal: Deep Learning with Importance Sampling',
    'What Makes Good In-Context Examples for GPT-3?',
    'Rethinking the Role of Demonstrations',
    'Large Language Models Are Human-Level Prompt Engineers',
    'Competence-based Curriculum Learning for Neural Machine Translation',
    'Beyond neural scaling laws: beating power law scaling via data pruning',
    'Deduplicating Training Data Makes Language Models Better',
    'DEFT: Data Efficient Fine-Tuning via Unsupervised Core-Set Selection',
    'Training Subset Selection for Weak Supervision',
  ])('data title: %s', (title) => {
    expect(isDataTitle(title)).toBe(true);
  });

  it.each([
    LORA,
    'GLaM: Efficient Scaling of Language Models with Mixture-of-Experts',
    'Palm: Scaling language modeling with pathways',
    'GPT-4 Technical Report',
    'LISA: Layerwise Importance Sampling for Memory-Efficient Large Language Model Fine-Tuning',
    'Sheared LLaMA: Accelerating Language Model Pre-training via Structured Pruning',
    'Mamba: Linear-Time Sequence Modeling with Selective State Spaces',
  ])('not a data title: %s', (title) => {
    expect(isDataTitle(title)).toBe(false);
  });

  it('matches every form of every word DATASET.md lists, and none of the words it says are not data words', () => {
    const forms = DATA_TERM_WORDS.flatMap((w) =>
      w.split('/').flatMap((f) => {
        const bare = f.replace(/…/g, '');
        return bare.includes('(s)') ? [bare.replace('(s)', ''), bare.replace('(s)', 's')] : [bare];
      }),
    );
    expect(forms).toContain('datasets');
    for (const form of forms) expect(isDataTitle(`Notes on ${form} here`), form).toBe(true);
    for (const w of NOT_DATA_WORDS) expect(isDataTitle(`Notes on ${w} here`), w).toBe(false);
  });
});
