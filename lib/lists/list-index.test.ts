import { describe, expect, it } from 'vitest';
import { PAPERS } from '../../test/e2e/helpers/dataset';
import { normalizeTitle } from '../text/title';
import { encodeListIndex, ListIndex } from './list-index';

/** The list index's encoding and its verdicts (the rule itself is checked against lookupMany in lookup-many.test.ts). */

const RECORDS = [
  { arxivId: '2106.09685', normTitle: 'lora', leaves: ['parameter-efficient-fine-tuning'] },
  { arxivId: '2305.14314', normTitle: 'qlora', leaves: ['parameter-efficient-fine-tuning', 'quantization'] },
  { arxivId: 'math.GT/0309136', normTitle: 'old style', leaves: ['pruning'] },
  // The survey itself is in the catalog, in no leaf.
  { arxivId: '2312.00678', normTitle: 'the efficiency spectrum', leaves: [] },
  {
    arxivId: null,
    normTitle: normalizeTitle('ETC: Encoding Long and Structured Inputs'),
    leaves: ['efficient-attention'],
  },
  // A second id-less record with the same title: the first one wins.
  {
    arxivId: null,
    normTitle: normalizeTitle('ETC: encoding long and structured inputs'),
    leaves: ['pruning'],
  },
  { arxivId: undefined, normTitle: '', leaves: ['pruning'] },
];

const index = (saved: string[] = []) => new ListIndex({ ...encodeListIndex(RECORDS), saved });

describe('ListIndex', () => {
  it.each([
    [
      'an id in the catalog',
      { arxivId: '2106.09685', title: null },
      ['parameter-efficient-fine-tuning'],
      'arxiv-id',
    ],
    [
      'two leaves, in order',
      { arxivId: '2305.14314', title: 'x' },
      ['parameter-efficient-fine-tuning', 'quantization'],
      'arxiv-id',
    ],
    [
      'an old-style id, as the page writes it',
      { arxivId: 'math/0309136', title: null },
      ['pruning'],
      'arxiv-id',
    ],
    ['a record in no leaf', { arxivId: '2312.00678', title: null }, [], 'arxiv-id'],
    [
      'an unknown id with the exact title of an id-less record (case, punctuation)',
      { arxivId: '2004.08483', title: 'ETC: encoding LONG and structured inputs.' },
      ['efficient-attention'],
      'title-exact',
    ],
  ] as const)('finds %s', (_, entry, leaves, matchedBy) => {
    expect(index().resolve(entry)).toEqual({
      leaves,
      libraryKey: `arxiv:${entry.arxivId}`,
      saved: false,
      matchedBy,
    });
  });

  it.each([
    ['an unknown id', { arxivId: '2401.00001', title: 'Something else' }],
    ['an unknown id without a title', { arxivId: '2401.00001', title: null }],
    [
      'an unknown id whose title is only similar',
      { arxivId: '2004.08483', title: 'ETC: Encoding Long Inputs' },
    ],
    [
      'an unknown id with the title of a record that has another id (another paper)',
      { arxivId: '2401.00002', title: 'LoRA' },
    ],
    ['an unknown id whose title normalises to nothing', { arxivId: '2401.00003', title: '…' }],
  ])('answers null for %s', (_, entry) => {
    expect(index().resolve(entry)).toBeNull();
  });

  it('leaves entries without an arXiv id to lookupMany (undefined)', () => {
    expect(index().resolve({ arxivId: null, title: 'LoRA' })).toBeUndefined();
  });

  it('marks saved keys', () => {
    const local = index(['arxiv:2305.14314']);
    expect(local.resolve({ arxivId: '2305.14314', title: null })?.saved).toBe(true);
    expect(local.resolve({ arxivId: '2106.09685', title: null })?.saved).toBe(false);
  });

  it('drops leaf ids this build does not know, and survives malformed lines', () => {
    const local = new ListIndex({
      arxiv: '2401.00001 quantization,from-a-newer-taxonomy\n\nno-space-line\n 2401.00002 pruning',
      titles: 'no tab here\n\tpruning',
      saved: [],
    });
    expect(local.resolve({ arxivId: '2401.00001', title: null })?.leaves).toEqual(['quantization']);
    expect(local.size).toBe(1);
  });

  it('holds every record of the shipped dataset that has an arXiv id, each with its leaves', () => {
    const local = new ListIndex({ ...encodeListIndex(PAPERS), saved: [] });
    const withId = PAPERS.filter((r) => r.arxivId);
    expect(local.size).toBe(withId.length);
    for (const r of withId)
      expect(local.resolve({ arxivId: r.arxivId!, title: null })?.leaves).toEqual(r.leaves);
    const encoded = encodeListIndex(PAPERS);
    // Small enough to send at document_start (a few tens of KB).
    expect(encoded.arxiv.length + encoded.titles.length).toBeLessThan(100_000);
  });
});
