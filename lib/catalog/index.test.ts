import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { PaperRecord } from '../dataset/schema';
import { isArxivId } from '../paper-id';
import { LEAF_IDS, TAXONOMY_NODES } from '../taxonomy';
import { arxivKey, CatalogIndex, displayTerms } from './index';
import { TEST_RECORDS } from './test-records';

const index = CatalogIndex.fromRecords(TEST_RECORDS);
/** Ids of records, or of the records in search hits and related works. */
const ids = (items: readonly ({ id: string } | { record: { id: string } })[]) =>
  items.map((x) => ('record' in x ? x.record.id : x.id));
const byId = (id: string) => {
  const r = TEST_RECORDS.find((x) => x.id === id);
  if (!r) throw new Error(`fixture has no ${id}`);
  return r;
};

/** Deterministic shuffle (mulberry32), so a failing order can be reproduced. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  let a = seed >>> 0;
  const random = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe('the fixture', () => {
  it('is valid per the PaperRecord schema, with unique ids and canonical arXiv ids', () => {
    const parsed = z.array(PaperRecord).parse(TEST_RECORDS);
    expect(parsed).toHaveLength(TEST_RECORDS.length);
    expect(new Set(ids(TEST_RECORDS)).size).toBe(TEST_RECORDS.length);
    for (const r of TEST_RECORDS) {
      if (r.arxivId) {
        expect(isArxivId(r.arxivId)).toBe(true);
        expect(r.id).toBe(`arxiv:${r.arxivId}`);
      }
    }
    expect(TEST_RECORDS.filter((r) => r.isSurvey)).toHaveLength(1);
  });
});

describe('exact lookups', () => {
  it('finds records by catalog id', () => {
    expect(index.size).toBe(TEST_RECORDS.length);
    expect(index.get('arxiv:2106.09685')?.title).toBe('LoRA: Low-Rank Adaptation of Large Language Models');
    expect(index.get('url:dl.acm.org/doi/10.1145/1553374.1553380')?.title).toBe('Curriculum Learning');
    expect(index.get('arxiv:9999.99999')).toBeUndefined();
    expect(index.get('')).toBeUndefined();
  });

  it.each([
    ['2106.09685', 'arxiv:2106.09685'],
    ['2106.09685v2', 'arxiv:2106.09685'],
    ['arXiv:2106.09685', 'arxiv:2106.09685'],
    ['ARXIV:2106.09685V1', 'arxiv:2106.09685'],
    [' 2305.14314 ', 'arxiv:2305.14314'],
    ['1701.06538', 'arxiv:1701.06538'],
  ])('byArxivId(%j)', (query, id) => {
    expect(index.byArxivId(query)?.id).toBe(id);
  });

  it.each(['2106.0968', '2106.096851', '9711200', '', '   ', 'openreview:nZeVKeeFYf9'])(
    'byArxivId(%j) finds nothing',
    (query) => {
      expect(index.byArxivId(query)).toBeUndefined();
    },
  );

  it('accepts old-style ids, with version, subject class or upper case', () => {
    const old: PaperRecord = {
      ...byId('arxiv:2001.08361'),
      id: 'arxiv:hep-th/9711200',
      arxivId: 'hep-th/9711200',
      title: 'The Large N Limit of Superconformal Field Theories and Supergravity',
      normTitle: 'the large n limit of superconformal field theories and supergravity',
    };
    const withOld = CatalogIndex.fromRecords([...TEST_RECORDS, old]);
    for (const q of ['hep-th/9711200', 'hep-th/9711200v3', 'HEP-TH/9711200', 'arXiv:hep-th/9711200']) {
      expect(withOld.byArxivId(q)?.id).toBe('arxiv:hep-th/9711200');
    }
    expect(arxivKey('math.GT/0309136v2')).toBe('math/0309136');
  });

  it('finds records by OpenReview id, case-sensitively', () => {
    expect(index.byOpenReviewId('nZeVKeeFYf9')?.id).toBe('arxiv:2106.09685');
    expect(index.byOpenReviewId('tcbBPnfwxS')?.id).toBe('openreview:tcbBPnfwxS');
    expect(index.byOpenReviewId('nzevkeefyf9')).toBeUndefined();
    expect(index.byOpenReviewId('')).toBeUndefined();
  });

  it('never throws on values that are not strings', () => {
    const bad = 42 as unknown as string;
    expect(index.get(bad)).toBeUndefined();
    expect(index.byArxivId(bad)).toBeUndefined();
    expect(index.byOpenReviewId(bad)).toBeUndefined();
    expect(index.byTitle(bad)).toBeUndefined();
    expect(index.search(bad)).toEqual([]);
    expect(index.related(bad)).toEqual([]);
    expect(index.relatedToTitle(bad)).toEqual([]);
    expect(index.byLeaf(bad)).toEqual([]);
  });
});

describe('lookup', () => {
  it('resolves arXiv ids', () => {
    expect(index.lookup({ kind: 'arxiv', id: '2106.09685v3' })).toMatchObject({
      record: { id: 'arxiv:2106.09685' },
      matchedBy: 'arxiv-id',
      score: 1,
    });
    expect(index.lookup({ kind: 'arxiv', id: '2401.00001' })).toBeUndefined();
  });

  it('resolves OpenReview ids, then their arXiv id, then their title', () => {
    expect(index.lookup({ kind: 'openreview', id: 'nZeVKeeFYf9' })).toMatchObject({
      record: { id: 'arxiv:2106.09685' },
      matchedBy: 'openreview-id',
    });
    expect(index.lookup({ kind: 'openreview', id: 'unknownId1', arxivId: '2305.14314' })).toMatchObject({
      record: { id: 'arxiv:2305.14314' },
      matchedBy: 'arxiv-id',
    });
    expect(
      index.lookup({
        kind: 'openreview',
        id: 'unknownId1',
        title: 'SparseGPT: Massive Language Models Can Be Accurately Pruned in One-Shot',
      }),
    ).toMatchObject({ record: { id: 'arxiv:2301.00774' }, matchedBy: 'title-exact', score: 1 });
    const fuzzy = index.lookup({
      kind: 'openreview',
      id: 'unknownId1',
      arxivId: '2401.00001',
      title: 'Wanda: A Simple and Effective Pruning Approach for Large Language Models',
    });
    expect(fuzzy).toMatchObject({ record: { id: 'arxiv:2306.11695' }, matchedBy: 'title-fuzzy' });
    expect(fuzzy!.score).toBeLessThan(1);
    expect(index.lookup({ kind: 'openreview', id: 'unknownId1' })).toBeUndefined();
    expect(
      index.lookup({ kind: 'openreview', id: 'unknownId1', title: 'Vector Quantization for Speech Codecs' }),
    ).toBeUndefined();
  });

  it('resolves titles', () => {
    expect(index.lookup({ kind: 'title', title: 'Mixed Precision Training' })).toMatchObject({
      record: { id: 'arxiv:1710.03740' },
      matchedBy: 'title-exact',
    });
    expect(
      index.lookup({ kind: 'title', title: 'Knowledge Distillation for Crop Disease Detection' }),
    ).toBeUndefined();
  });

  it('rejects malformed queries without throwing', () => {
    expect(index.lookup(null as never)).toBeUndefined();
    expect(index.lookup({ kind: 'doi', id: '10.1/x' } as never)).toBeUndefined();
  });
});

describe('byLeaf', () => {
  it('lists the papers of a leaf, newest first, ties by title', () => {
    const papers = index.byLeaf('quantization');
    expect(new Set(ids(papers))).toEqual(
      new Set(TEST_RECORDS.filter((r) => r.leaves.includes('quantization')).map((r) => r.id)),
    );
    for (let i = 1; i < papers.length; i++) {
      const [a, b] = [papers[i - 1]!, papers[i]!];
      expect(a.year! >= b.year!).toBe(true);
      if (a.year === b.year) expect(a.normTitle < b.normTitle).toBe(true);
    }
    expect(ids(papers).slice(0, 3)).toEqual([
      'arxiv:2306.00978',
      'openreview:tcbBPnfwxS',
      'arxiv:2305.14314',
    ]);
  });

  it('sorts oldest first or by title on request; papers without a year go last', () => {
    expect(ids(index.byLeaf('sparse-modeling', { sort: 'year-asc' }))).toEqual([
      'arxiv:1701.06538',
      'arxiv:2006.16668',
      'arxiv:2101.03961',
      'url:link.springer.com/article/10.1007/s10462-012-9338-y',
    ]);
    expect(ids(index.byLeaf('sparse-modeling')).at(-1)).toBe(
      'url:link.springer.com/article/10.1007/s10462-012-9338-y',
    );
    const titles = index.byLeaf('parameter-efficient-fine-tuning', { sort: 'title' }).map((r) => r.normTitle);
    expect(titles).toEqual([...titles].sort());
    expect(titles[0]).toBe('lora low rank adaptation of large language models');
  });

  it('takes group and area ids, counting a paper once', () => {
    const training = ids(index.byLeaf('scalable-training'));
    expect(training.filter((id) => id === 'arxiv:1910.02054')).toHaveLength(1); // ZeRO: two leaves in the group
    expect(training).toContain('arxiv:2205.14135'); // FlashAttention: memory optimisation
    expect(index.byLeaf('inference-efficiency')).toHaveLength(13);
  });

  it('never lists the survey, and knows no other ids', () => {
    const surveyWithLeaf = { ...byId('arxiv:2312.00678'), leaves: ['quantization' as const] };
    const withLeaf = CatalogIndex.fromRecords([...TEST_RECORDS.filter((r) => !r.isSurvey), surveyWithLeaf]);
    expect(ids(withLeaf.byLeaf('quantization'))).not.toContain('arxiv:2312.00678');
    expect(index.byLeaf('no-such-leaf')).toEqual([]);
    expect(index.byLeaf('arxiv:2106.09685')).toEqual([]);
  });
});

describe('counts', () => {
  const counts = index.counts();

  it('has every taxonomy node, leaves to areas', () => {
    expect(Object.keys(counts).sort()).toEqual(TAXONOMY_NODES.map((n) => n.id).sort());
  });

  it.each([
    ['quantization', 6],
    ['parameter-efficient-fine-tuning', 5],
    ['parallelism-techniques', 4],
    ['memory-optimization', 3],
    ['scalable-training', 8], // ZeRO, FlashAttention(-2) and GShard sit in two leaves; each counts once
    ['training-tuning-efficiency', 14],
    ['inference-efficiency', 13],
    ['architecture-efficiency', 14],
    ['curriculum-learning', 1],
  ])('%s: %d', (node, n) => {
    expect(counts[node]).toBe(n);
  });

  it('counts each leaf as byLeaf lists it', () => {
    for (const leaf of LEAF_IDS) expect(counts[leaf]).toBe(index.byLeaf(leaf).length);
  });

  it('does not count the survey even if it had leaves', () => {
    const surveyWithLeaf = { ...byId('arxiv:2312.00678'), leaves: ['quantization' as const] };
    const withLeaf = CatalogIndex.fromRecords([...TEST_RECORDS.filter((r) => !r.isSurvey), surveyWithLeaf]);
    expect(withLeaf.counts().quantization).toBe(6);
  });

  it('returns a copy', () => {
    const mine = index.counts();
    mine.quantization = 999;
    expect(index.counts().quantization).toBe(6);
  });
});

describe('search', () => {
  it('matches the last word as a prefix', () => {
    const hits = index.search('quantiz');
    expect(hits.length).toBeGreaterThanOrEqual(5);
    for (const h of hits) expect(h.record.normTitle).toMatch(/\bquantiz/);
    expect(ids(hits)).toEqual(
      expect.arrayContaining(['arxiv:2210.17323', 'arxiv:2306.00978', 'arxiv:2305.14314']),
    );
  });

  it('treats the last word as complete after a space', () => {
    expect(index.search('quantiz ')).toEqual([]);
    expect(index.search('lora ').map((h) => h.record.id)).toEqual(['arxiv:2106.09685']);
  });

  it('ranks by BM25, then year (newest first), then id', () => {
    const hits = index.search('models ');
    expect(hits.length).toBeGreaterThan(5);
    for (let i = 1; i < hits.length; i++) {
      const [a, b] = [hits[i - 1]!, hits[i]!];
      expect(a.score).toBeGreaterThanOrEqual(b.score);
      if (a.score === b.score) {
        expect((a.record.year ?? 0) >= (b.record.year ?? 0)).toBe(true);
      }
    }
    const flash = index.search('flash attention');
    // Both FlashAttention titles score the same on these words; the newer one comes first.
    expect(ids(flash).slice(0, 2)).toEqual(['arxiv:2307.08691', 'arxiv:2205.14135']);
    expect(flash[0]!.score).toBe(flash[1]!.score);
  });

  it('finds a typed arXiv id, catalog id or OpenReview id first', () => {
    expect(ids(index.search('2106.09685'))).toEqual(['arxiv:2106.09685']);
    expect(ids(index.search('arXiv:2106.09685v3 quantization'))[0]).toBe('arxiv:2106.09685');
    expect(ids(index.search('arxiv:2305.14314'))[0]).toBe('arxiv:2305.14314');
    expect(ids(index.search('nZeVKeeFYf9'))[0]).toBe('arxiv:2106.09685');
    const withText = index.search('2106.09685 quantization');
    expect(withText[0]!.score).toBeGreaterThan(withText[1]!.score);
  });

  it('filters by leaf, group or area; an unknown node finds nothing', () => {
    expect(index.search('quantiz', { leaf: 'pruning' })).toEqual([]);
    const peft = index.search('tuning', { leaf: 'parameter-efficient-fine-tuning' });
    expect(peft.length).toBeGreaterThan(0);
    for (const h of peft) expect(h.record.leaves).toContain('parameter-efficient-fine-tuning');
    for (const h of index.search('training', { leaf: 'training-tuning-efficiency' })) {
      expect(
        h.record.leaves.some((l) =>
          [
            'stable-training-strategies',
            'mixed-precision-training',
            'parallelism-techniques',
            'memory-optimization',
            'parameter-efficient-fine-tuning',
            'data-efficient-fine-tuning',
          ].includes(l),
        ),
      ).toBe(true);
    }
    expect(index.search('quantiz', { leaf: 'nope' })).toEqual([]);
    expect(index.search('2106.09685', { leaf: 'quantization' })).toEqual([]);
  });

  it('honours the limit and ignores empty queries', () => {
    expect(index.search('models ', { limit: 3 })).toHaveLength(3);
    expect(index.search('models ', { limit: 0 })).toEqual([]);
    expect(index.search('')).toEqual([]);
    expect(index.search('   ')).toEqual([]);
    expect(index.search('zzzzqqq')).toEqual([]);
  });

  it('searches function words only when nothing else was typed', () => {
    expect(index.search('the of ').length).toBeGreaterThan(0);
    expect(ids(index.search('the lora '))).toEqual(['arxiv:2106.09685']);
  });

  it('finds "LLM" titles by "language" and spelled-out titles by "llm"', () => {
    expect(ids(index.search('quantized language '))).toContain('arxiv:2305.14314'); // "Quantized LLMs"
    expect(ids(index.search('llm pruning '))).toContain('arxiv:2306.11695'); // "... Large Language Models"
  });
});

describe('related', () => {
  const REASON =
    /^(?:(?:same leaf|same leaves|same area): [^·]+?(?: · shares terms: .+)?|shares terms: .+|central in .+)$/;

  it('puts papers sharing a leaf first, then the rest of the area; never self, never the survey', () => {
    for (const r of TEST_RECORDS.filter((x) => !x.isSurvey)) {
      const related = index.related(r.id);
      expect(ids(related)).not.toContain(r.id);
      expect(ids(related)).not.toContain('arxiv:2312.00678');
      for (const w of related) expect(w.reason).toMatch(REASON);
      // Scores fall, and a paper sharing more leaves is never below one sharing fewer.
      for (let i = 1; i < related.length; i++) {
        expect(related[i - 1]!.score).toBeGreaterThanOrEqual(related[i]!.score);
        expect(related[i - 1]!.sharedLeaves.length).toBeGreaterThanOrEqual(related[i]!.sharedLeaves.length);
      }
    }
  });

  it('LoRA: the other PEFT papers, then the rest of Training & Tuning Efficiency', () => {
    const related = index.related('arxiv:2106.09685');
    expect(related).toHaveLength(8);
    expect(new Set(ids(related.slice(0, 4)))).toEqual(
      new Set(['arxiv:2305.14314', 'arxiv:2101.00190', 'arxiv:1902.00751', 'arxiv:2104.08691']),
    );
    expect(related[0]!.record.id).toBe('arxiv:2305.14314'); // QLoRA: shares "lora" (in "qlora")
    expect(related[0]!.reason).toBe('same leaf: Parameter-Efficient Fine-Tuning · shares terms: lora');
    expect(related[1]!.reason).toBe('same leaf: Parameter-Efficient Fine-Tuning');
    expect(related[1]!.sharedLeaves).toEqual(['parameter-efficient-fine-tuning']);
    for (const w of related.slice(4)) {
      expect(w.reason).toMatch(/^same area: Training & Tuning Efficiency/);
      expect(w.sharedLeaves).toEqual([]);
    }
  });

  it('names shared leaves in survey order and hyphenated shared terms whole', () => {
    const flash = index.related('arxiv:2205.14135');
    expect(flash[0]!.record.id).toBe('arxiv:2307.08691');
    expect(flash[0]!.sharedLeaves).toEqual(['efficient-attention', 'memory-optimization']);
    expect(flash[0]!.reason).toBe(
      'same leaves: Efficient Attention, Memory Optimization · shares terms: flashattention, attention',
    );
    const dora = index.relatedToTitle('DoRA: Weight-Decomposed Low-Rank Adaptation', {
      leaves: ['parameter-efficient-fine-tuning'],
    });
    expect(dora[0]!.record.id).toBe('arxiv:2106.09685');
    expect(dora[0]!.reason).toBe(
      'same leaf: Parameter-Efficient Fine-Tuning · shares terms: low-rank, adaptation',
    );
  });

  it('does not let generic words ("language models", "LLM", "efficient", "via") make papers related', () => {
    const kaplan = index.related('arxiv:2001.08361');
    expect(kaplan[0]!.record.id).toBe('arxiv:2010.14701');
    expect(kaplan[0]!.reason).toBe('same leaf: Scaling Laws · shares terms: scaling, laws');
    const chinchilla = kaplan.find((w) => w.record.id === 'arxiv:2203.15556');
    expect(chinchilla?.reason).toBe('same leaf: Scaling Laws');
    // A title of nothing but generic words shares no terms with anything.
    const generic = index.relatedToTitle('Towards Efficient Large Language Models via a New Approach');
    expect(generic).toEqual([]);
  });

  it('ranks title similarity within a tier, with a mild boost for newer papers', () => {
    const gptq = index.related('arxiv:2210.17323');
    expect(gptq[0]!.record.id).toBe('arxiv:2211.10438'); // SmoothQuant: "accurate", "post-training quantization"
    // Two quantization papers sharing nothing with GPTQ's title: the newer one ranks higher.
    const qlora = gptq.find((w) => w.record.id === 'arxiv:2305.14314')!;
    const int8 = gptq.find((w) => w.record.id === 'arxiv:2208.07339')!;
    expect(qlora.score).toBeGreaterThan(int8.score);
  });

  it('skips another record of the same paper (an OpenReview copy of an arXiv paper)', () => {
    expect(ids(index.related('arxiv:2210.17323'))).not.toContain('openreview:tcbBPnfwxS');
    expect(ids(index.related('openreview:tcbBPnfwxS'))).not.toContain('arxiv:2210.17323');
    const quantization = ids(index.related('arxiv:2305.14314', { limit: 20 }));
    expect(
      quantization.filter((id) => id === 'arxiv:2210.17323' || id === 'openreview:tcbBPnfwxS'),
    ).toHaveLength(1);
  });

  it('for the survey: the most central papers, a few per area, round-robin in survey order', () => {
    const central = index.related('arxiv:2312.00678');
    expect(central).toHaveLength(8);
    expect(central.slice(0, 5).map((w) => w.reason.replace(/ · .*/, ''))).toEqual([
      'central in Budget Efficiency',
      'central in Data Efficiency',
      'central in Architecture Efficiency',
      'central in Training & Tuning Efficiency',
      'central in Inference Efficiency',
    ]);
    expect(central[2]!.record.id).toBe('arxiv:2205.14135'); // FlashAttention: listed by 4 sources
    expect(central[2]!.reason).toBe('central in Architecture Efficiency · listed by 4 sources');
    expect(ids(central)).not.toContain('arxiv:2312.00678');
    for (let i = 1; i < central.length; i++) expect(central[i - 1]!.score).toBeGreaterThan(central[i]!.score);
  });

  it('honours the limit; an unknown id has no related works', () => {
    expect(index.related('arxiv:2106.09685', { limit: 2 })).toHaveLength(2);
    expect(index.related('arxiv:2106.09685', { limit: 0 })).toEqual([]);
    expect(index.related('arxiv:0000.00000')).toEqual([]);
  });
});

describe('relatedToTitle', () => {
  it('without leaves: papers sharing topical words, each saying which', () => {
    const related = index.relatedToTitle('Vector Quantization for Speech Codecs');
    expect(related.length).toBeGreaterThan(0);
    for (const w of related) {
      expect(w.reason).toBe('shares terms: quantization');
      expect(w.sharedLeaves).toEqual([]);
      expect(w.record.normTitle).toContain('quantization');
    }
  });

  it('with leaves: same ranking as for a catalog paper', () => {
    const related = index.relatedToTitle('Block-wise Quantization of Transformer Weights', {
      leaves: ['quantization'],
    });
    expect(related).toHaveLength(8);
    expect(related.slice(0, 5).every((w) => w.sharedLeaves[0] === 'quantization')).toBe(true);
    expect(related.slice(5).every((w) => w.reason.startsWith('same area: Inference Efficiency'))).toBe(true);
  });

  it('leaves out the catalog paper the title belongs to, and ignores unknown leaves', () => {
    const lora = byId('arxiv:2106.09685');
    expect(ids(index.relatedToTitle(lora.title, { leaves: lora.leaves }))).not.toContain(lora.id);
    expect(index.relatedToTitle('Block-wise Quantization', { leaves: ['nope' as never] })).toEqual(
      index.relatedToTitle('Block-wise Quantization'),
    );
    expect(index.relatedToTitle('', { leaves: [] })).toEqual([]);
  });
});

describe('displayTerms', () => {
  it.each([
    [
      'LoRA: Low-Rank Adaptation of Large Language Models',
      ['rank', 'adaptation'],
      ['low', 'rank', 'adaptation'],
      ['low-rank', 'adaptation'],
    ],
    ['LoRA: Low-Rank Adaptation of Large Language Models', ['rank'], ['rank'], ['rank']],
    [
      'Post-Training Quantization for GPTs',
      ['quantization', 'post'],
      ['quantization', 'post', 'training'],
      ['post-training', 'quantization'],
    ],
    ['Scaling Laws for Neural Language Models', ['law'], ['law'], ['laws']],
  ])('%s %j', (title, terms, shared, expected) => {
    expect(displayTerms(title, terms, shared)).toEqual(expected);
  });
});

describe('determinism', () => {
  /** Everything the index answers, as one JSON string. */
  function snapshot(ix: CatalogIndex): string {
    const out: unknown[] = [];
    for (const r of TEST_RECORDS) {
      out.push(ix.related(r.id).map((w) => [w.record.id, w.score, w.reason, w.sharedLeaves]));
      out.push(ix.byTitle(r.title.toUpperCase())?.record.id);
    }
    for (const q of ['quantiz', 'models ', 'flash attention', 'training', '2106.09685', 'llm pruning']) {
      out.push(ix.search(q).map((h) => [h.record.id, h.score]));
    }
    for (const node of TAXONOMY_NODES) {
      for (const sort of ['year-desc', 'year-asc', 'title'] as const)
        out.push(ids(ix.byLeaf(node.id, { sort })));
    }
    out.push(ix.counts());
    out.push(ix.relatedToTitle('Vector Quantization for Speech Codecs').map((w) => [w.record.id, w.score]));
    out.push(
      [
        'Mamba: Linear-Time Sequence Modelling with Selective Sate Spaces',
        'DistilBERT, a distilled version of BERT',
      ].map((t) => ix.byTitle(t)),
    );
    return JSON.stringify(out);
  }

  const reference = snapshot(index);

  it('gives the same answers twice', () => {
    expect(snapshot(index)).toBe(reference);
  });

  it('does not depend on the order of the records', () => {
    expect(snapshot(CatalogIndex.fromRecords([...TEST_RECORDS].reverse()))).toBe(reference);
    for (const seed of [1, 2, 3])
      expect(snapshot(CatalogIndex.fromRecords(shuffled(TEST_RECORDS, seed)))).toBe(reference);
  });

  it('builds the same index lazily', () => {
    expect(snapshot(CatalogIndex.fromRecords(TEST_RECORDS, { lazy: true }))).toBe(reference);
  });

  it('keeps the first of two records with the same id', () => {
    const lora = byId('arxiv:2106.09685');
    const dup = CatalogIndex.fromRecords([lora, { ...lora, title: 'Another Title' }, ...TEST_RECORDS]);
    expect(dup.size).toBe(TEST_RECORDS.length);
    expect(dup.get(lora.id)?.title).toBe(lora.title);
  });

  it('does not modify its input', () => {
    const input = [...TEST_RECORDS];
    const before = JSON.stringify(input);
    CatalogIndex.fromRecords(input).warm();
    expect(JSON.stringify(input)).toBe(before);
  });
});
