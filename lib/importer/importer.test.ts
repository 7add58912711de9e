import { describe, expect, it } from 'vitest';
import { PaperRecord } from '../dataset/schema';
import {
  DATA_SELECTION_SCOPES,
  importDataset,
  parseSourcesConfig,
  type RuleScope,
  type SourcesConfig,
  serializeRecords,
  TITLE_RULES,
  type TitleRule,
} from './index';
import { renderDatasetMd } from './report';

const SURVEY = {
  arxivId: '2312.00678',
  title: 'The Efficiency Spectrum of Large Language Models: An Algorithmic Survey',
  venue: null,
};

const licence = { spdx: null, notice: null, note: 'test' };

/** A small configuration with four sources and a few headings of each kind. */
function testConfig(extra: Partial<SourcesConfig> = {}): SourcesConfig {
  return parseSourcesConfig({
    survey: SURVEY,
    priority: ['curated', 'huangowen', 'xnhyacinth', 'tiingweii', 'aiot', 'horseee'],
    sources: [
      {
        id: 'aiot',
        repo: 'a/aiot',
        commit: null,
        url: null,
        files: ['aiot.md'],
        licence,
        headings: [
          { heading: 'Quantization', leaf: 'quantization', confidence: 'confident' },
          {
            heading: 'Parameter-Efficient Fine-Tuning',
            leaf: 'parameter-efficient-fine-tuning',
            confidence: 'confident',
          },
          { heading: 'Memory-Efficient Fine-Tuning', leaf: 'memory-optimization', confidence: 'ambiguous' },
          { heading: 'Speculative Decoding', leaf: 'out-of-scope', confidence: 'confident' },
          { heading: 'LLM Frameworks', leaf: 'skip', confidence: 'confident' },
        ],
      },
      {
        id: 'huangowen',
        repo: 'a/huang',
        commit: null,
        url: null,
        files: ['huang.md'],
        licence,
        headings: [
          { heading: 'Quantization', leaf: 'quantization', confidence: 'confident' },
          { heading: 'Survey', leaf: 'out-of-scope', confidence: 'confident' },
        ],
      },
      {
        id: 'tiingweii',
        repo: 'a/tiing',
        commit: null,
        url: null,
        files: ['tiing.md'],
        licence,
        headings: [
          { heading: 'Non-transformer Architecture', leaf: 'attention-free', confidence: 'confident' },
        ],
      },
      {
        id: 'curated',
        repo: 'this',
        commit: null,
        url: null,
        files: ['curated.md'],
        licence,
        headings: [{ heading: 'Memory Optimization', leaf: 'memory-optimization', confidence: 'confident' }],
      },
    ],
    keywordOverrides: [
      {
        source: 'tiingweii',
        heading: 'Non-transformer Architecture',
        column: 'Keywords',
        equals: 'Mixture of Experts',
        leaf: 'sparse-modeling',
      },
    ],
    errata: [
      {
        source: 'huangowen',
        wrongId: '2401.18079',
        correctId: '2402.00858',
        title: 'Can Large Language Models Understand Context?',
        line: 3,
      },
    ],
    ...extra,
  });
}

const AIOT = `# AIoT
## 🤖 Model-Centric Methods
#### Quantization
##### Weight-Only Quantization
- OmniQuant: OmniQuant: Omnidirectionally Calibrated Quantization, <ins>ICLR, 2024</ins> [[Paper](https://arxiv.org/abs/2308.13137)]
- GPTQ: Accurate Post-Training Quantization for Generative Pre-trained Transformers, <ins>ICLR, 2023</ins> [[Paper](https://openreview.net/forum?id=tcbBPnfwxS)] [[Code](https://github.com/IST-DASLab/gptq)]
- LLM.int8(): 8-bit Matrix Multiplication for Transformers at Scale, <ins>NeurlPS, 2022</ins> [[Paper](https://openreview.net/forum?id=dXiGWqBoxaD)]
#### Parameter-Efficient Fine-Tuning
- LoRA: Low-Rank Adaptation of Large Language Models, <ins>ICLR, 2022</ins> [[Paper](https://arxiv.org/abs/2106.09685v2)]
- Prefix-Tuning: Optimizing Continuous Prompts for Generation <ins>ACL, 2021</ins> [[Paper](https://aclanthology.org/2021.acl-long.353/)]
#### Memory-Efficient Fine-Tuning
- QLoRA: Efficient Finetuning of Quantized LLMs, <ins>NeurIPS, 2023</ins> [[Paper](https://arxiv.org/abs/2305.14314)]
- ReFT: Representation Finetuning for Language Models, <ins>arXiv, 2024/ins> [[Paper](https://arxiv.org/abs/2404.03592)]
- Memory-Efficient Selective Fine-Tuning, <ins>ICML Workshop, 2023</ins> [[Paper](https://openreview.net/forum?id=zaNbLceVwm)]
#### Speculative Decoding
- Medusa: Simple Framework, <ins>arXiv, 2024</ins> [[Paper](https://arxiv.org/abs/2401.10774)]
- TriForce: Lossless Acceleration, <ins>arXiv, 2024</ins> [[Paper](https://github.com/Infini-AI-Lab/TriForce)]
- QLoRA: Efficient Finetuning of Quantized LLMs, <ins>NeurIPS, 2023</ins> [[Paper](https://arxiv.org/abs/2305.14314)]
### Unmapped Section
- Some Paper, <ins>arXiv, 2023</ins> [[Paper](https://arxiv.org/abs/2301.00001)]
### LLM Frameworks
- DeepSpeed [[Code](https://github.com/microsoft/DeepSpeed)] [[Paper](https://arxiv.org/abs/2301.00002)]
`;

const HUANG = `## Papers
### Quantization
- Can Large Language Models Understand Context? <br> Arxiv 2024 [[Paper]](https://arxiv.org/abs/2401.18079)
- GPTQ: Accurate Post-Training Quantization for Generative Pre-trained Transformers <br> ICLR 2023 [[Paper]](https://arxiv.org/pdf/2210.17323v2.pdf)
- KVQuant: Towards 10 Million Context Length LLM Inference <br> NeurIPS 2024 [[Paper]](https://arxiv.org/abs/2401.18079)
- LoRA: Low-Rank Adaptation of Large Language Models <br> Arxiv 2021 [[Paper]](https://www.arxiv.org/abs/2106.09685)
- Quantized Thing One <br> Arxiv 2024 [[Paper]](https://arxiv.org/abs/2402.11111)
- Quantized Thing One <br> Arxiv 2024 [[Paper]](https://arxiv.org/abs/2402.22222)
- Quantized Thing One <br> Arxiv 2024 [[Paper]](https://arxiv.org/abs/2402.22222)
### Survey
- The Efficiency Spectrum of Large Language Models: An Algorithmic Survey <br> Arxiv 2023 [[Paper]](https://arxiv.org/abs/2312.00678)
- Retrieval-Augmented Generation for LLMs: A Survey <br> Arxiv 2023 [[Paper]](https://arxiv.org/abs/2312.10997)
`;

const TIING = ` ## LLM Architecture Design
 ### Non-transformer Architecture
|  Date  |       Keywords     | Paper    | Venue |
| :---------: | :------------: | :-----------------------------------------:| :---------: |
| 2023 | Selective State Space Model | [Mamba: Linear-Time Sequence Modeling with Selective State Spaces](https://arxiv.org/abs/2312.00752) | ArXiv |
| 2022 | Mixture of Experts | [GLaM: Efficient Scaling of Language Models with Mixture-of-Experts](https://proceedings.mlr.press/v162/du22c.html) | ICML|
| 2022 | Mixture of Experts | [Switch Transformers](https://jmlr.org/papers/v23/21-0998.html) | JMLR |
`;

const CURATED = `## Memory Optimization
- [ZeRO: Memory Optimizations Toward Training Trillion Parameter Models](https://arxiv.org/abs/1910.02054) — SC 2020
- [LLM.int8(): 8-bit Matrix Multiplication for Transformers at Scale](https://arxiv.org/abs/2208.07339) — NeurIPS 2022
`;

function files(overrides: Record<string, string> = {}): Map<string, string> {
  return new Map(
    Object.entries({
      'aiot.md': AIOT,
      'huang.md': HUANG,
      'tiing.md': TIING,
      'curated.md': CURATED,
      ...overrides,
    }),
  );
}

/** The shipped rules, narrowed to the headings of a test configuration (importDataset rejects stale scopes). */
function rulesFor(config: SourcesConfig): TitleRule[] {
  const has = (source: string, heading: string) =>
    config.sources.some((s) => s.id === source && s.headings.some((h) => h.heading === heading));
  return TITLE_RULES.map((r) => ({ ...r, scope: r.scope.filter((sc) => has(sc.source, sc.heading)) })).filter(
    (r) => r.scope.length > 0,
  );
}

/** The shipped data-selection scopes of the cross-listing rule that a test configuration has. */
function scopesFor(config: SourcesConfig): RuleScope[] {
  return DATA_SELECTION_SCOPES.filter((sc) =>
    config.sources.some((s) => s.id === sc.source && s.headings.some((h) => h.heading === sc.heading)),
  );
}

const run = (f = files()) => importDataset(testConfig(), f, rulesFor(testConfig()), scopesFor(testConfig()));
const byId = (records: readonly PaperRecord[]) => new Map(records.map((r) => [r.id, r]));

describe('importDataset', () => {
  const result = run();
  const papers = byId(result.papers);
  const negatives = byId(result.negatives);

  it('produces records that satisfy the schema, sorted by id', () => {
    for (const r of [...result.papers, ...result.negatives])
      expect(PaperRecord.safeParse(r).success).toBe(true);
    const ids = result.papers.map((r) => r.id);
    expect(ids).toEqual([...ids].sort());
  });

  it('merges entries by arXiv id across versions, pdf links and hosts', () => {
    const lora = papers.get('arxiv:2106.09685');
    expect(lora?.provenance.map((p) => p.source)).toEqual(['aiot', 'huangowen']);
    expect(lora?.year).toBe(2021);
    expect(lora?.venue).toBe('ICLR 2022');
  });

  it('folds a non-arXiv entry into the arXiv record with the same title, keeping its OpenReview id', () => {
    const gptq = papers.get('arxiv:2210.17323');
    expect(gptq?.provenance).toHaveLength(2);
    expect(gptq?.openreviewId).toBe('tcbBPnfwxS');
    expect(gptq?.links.openreview).toBe('https://openreview.net/forum?id=tcbBPnfwxS');
    expect(gptq?.links.code).toEqual(['https://github.com/IST-DASLab/gptq']);
    expect(papers.has('openreview:tcbBPnfwxS')).toBe(false);
    expect(result.report.mergedByTitle.map((m) => m.id)).toContain('arxiv:2210.17323');
  });

  it('merges an OpenReview-only entry with the curated arXiv entry of the same title', () => {
    const int8 = papers.get('arxiv:2208.07339');
    expect(int8?.leaves).toEqual(['memory-optimization', 'quantization']);
    expect(int8?.openreviewId).toBe('dXiGWqBoxaD');
    expect(int8?.venue).toBe('NeurIPS 2022');
  });

  it('keys papers without an arXiv id by OpenReview id, ACL id or URL', () => {
    expect(papers.get('acl:2021.acl-long.353')?.title).toBe(
      'Prefix-Tuning: Optimizing Continuous Prompts for Generation',
    );
    expect(papers.get('acl:2021.acl-long.353')?.year).toBe(2021);
    expect(papers.get('acl:2021.acl-long.353')?.arxivId).toBeNull();
    expect(papers.get('url:proceedings.mlr.press/v162/du22c.html')?.leaves).toEqual(['sparse-modeling']);
  });

  it('applies errata by source, wrong id and title, leaving other entries with that id alone', () => {
    expect(papers.get('arxiv:2402.00858')?.title).toBe('Can Large Language Models Understand Context?');
    expect(papers.get('arxiv:2401.18079')?.title).toBe(
      'KVQuant: Towards 10 Million Context Length LLM Inference',
    );
    expect(papers.get('arxiv:2401.18079')?.titleVariants).toEqual([]);
    expect(result.report.errata.map((e) => e.matched)).toEqual([1]);
  });

  it('fixes the repeated acronym and keeps the title as written in provenance', () => {
    const omni = papers.get('arxiv:2308.13137');
    expect(omni?.title).toBe('OmniQuant: Omnidirectionally Calibrated Quantization');
    expect(omni?.provenance[0]?.title).toBe(
      'OmniQuant: OmniQuant: Omnidirectionally Calibrated Quantization',
    );
  });

  it('normalises venues ("NeurlPS" → NeurIPS, "arXiv" → none)', () => {
    expect(papers.get('arxiv:2305.14314')?.venue).toBe('NeurIPS 2023');
    expect(papers.get('arxiv:2402.00858')?.venue).toBeNull();
  });

  it('admits ambiguous entries only through a named rule, with leaves in survey order', () => {
    const qlora = papers.get('arxiv:2305.14314');
    expect(qlora?.leaves).toEqual(['parameter-efficient-fine-tuning', 'quantization']);
    const ruled = qlora?.provenance.filter((p) => p.confidence === 'rule');
    expect(ruled?.map((p) => [p.leaf, p.rule])).toEqual([
      ['parameter-efficient-fine-tuning', 'quantised-fine-tuning'],
      ['quantization', 'quantised-fine-tuning'],
    ]);
    expect(papers.get('openreview:zaNbLceVwm')?.provenance[0]?.rule).toBe('memory-efficient-training');
    expect(papers.has('arxiv:2404.03592')).toBe(false);
    expect(negatives.has('arxiv:2404.03592')).toBe(false);
    expect(result.report.ambiguous).toEqual([
      {
        source: 'aiot',
        heading: 'Memory-Efficient Fine-Tuning',
        count: 1,
        examples: ['ReFT: Representation Finetuning for Language Models'],
      },
    ]);
  });

  it('keeps out-of-scope entries as negatives, unless the paper is in papers.json', () => {
    expect(negatives.get('arxiv:2401.10774')?.leaves).toEqual([]);
    expect(negatives.get('arxiv:2401.10774')?.provenance[0]?.leaf).toBeNull();
    expect(negatives.has('arxiv:2305.14314')).toBe(false);
    const outOfScope = papers.get('arxiv:2305.14314')?.provenance.find((p) => p.leaf === null);
    expect(outOfScope?.heading.at(-1)).toBe('Speculative Decoding');
    for (const n of result.negatives) expect(papers.has(n.id)).toBe(false);
  });

  it('includes the survey with isSurvey and no leaves, as the only leafless paper', () => {
    const survey = papers.get('arxiv:2312.00678');
    expect(survey).toMatchObject({ isSurvey: true, leaves: [], title: SURVEY.title, year: 2023 });
    expect(result.papers.filter((r) => r.leaves.length === 0).map((r) => r.id)).toEqual(['arxiv:2312.00678']);
    expect(negatives.has('arxiv:2312.00678')).toBe(false);
  });

  it('re-maps rows by the Keywords override and reads tiingweii tables', () => {
    expect(papers.get('arxiv:2312.00752')?.leaves).toEqual(['attention-free']);
    expect(papers.get('url:jmlr.org/papers/v23/21-0998.html')?.leaves).toEqual(['sparse-modeling']);
  });

  it('lets unlisted sub-headings inherit, and counts skipped, unmapped and link-less entries', () => {
    expect(papers.get('arxiv:2308.13137')?.leaves).toEqual(['quantization']);
    const aiot = result.report.sources.find((s) => s.id === 'aiot');
    expect(aiot).toMatchObject({ skipped: 1, unmapped: 1, noPaperLink: 1, ambiguous: 1 });
    expect(result.report.unmapped.map((u) => u.title)).toEqual(['Some Paper']);
    expect(result.report.noPaperLink.map((u) => u.title)).toEqual(['TriForce: Lossless Acceleration']);
    expect(papers.has('arxiv:2301.00001')).toBe(false);
  });

  it('never lets two records share a title: the better-supported id wins and the other is reported', () => {
    expect(papers.has('arxiv:2402.22222')).toBe(false);
    expect(papers.get('arxiv:2402.11111')?.title).toBe('Quantized Thing One');
    expect(result.report.dropped.map((d) => d.id)).toEqual(['arxiv:2402.22222']);
    const norms = [...result.papers, ...result.negatives].map((r) => r.normTitle);
    expect(new Set(norms).size).toBe(norms.length);
  });

  it('is deterministic', () => {
    const again = run();
    expect(serializeRecords(again.papers)).toBe(serializeRecords(result.papers));
    expect(serializeRecords(again.negatives)).toBe(serializeRecords(result.negatives));
  });

  it('creates the survey record from the configuration when no list names it', () => {
    const r = run(files({ 'huang.md': '## Papers\n### Quantization\n' }));
    const survey = r.papers.find((p) => p.isSurvey);
    expect(survey?.provenance).toEqual([
      expect.objectContaining({ source: 'manual', confidence: 'manual', leaf: null, title: SURVEY.title }),
    ]);
    expect(PaperRecord.safeParse(survey).success).toBe(true);
  });

  it('rejects rules scoped to headings the configuration does not have', () => {
    expect(() => importDataset(testConfig(), files())).toThrow(/has no heading/);
  });

  it('rejects cross-listing scopes the configuration does not have, or that map to no leaf', () => {
    const rules = rulesFor(testConfig());
    expect(() => importDataset(testConfig(), files(), rules)).toThrow(
      /cross-listing scope: albalak has no heading/,
    );
    expect(() =>
      importDataset(testConfig(), files(), rules, [{ source: 'aiot', heading: 'Speculative Decoding' }]),
    ).toThrow(/does not map to a leaf/);
  });

  it('fails clearly on a missing source file', () => {
    const f = files();
    f.delete('tiing.md');
    expect(() => run(f)).toThrow(/missing source files: tiing\.md/);
  });

  it('renders DATASET.md deterministically, with counts, errata and licences', () => {
    const md = renderDatasetMd({
      config: testConfig(),
      report: result.report,
      papers: result.papers,
      negatives: result.negatives,
      version: '0123456789abcdef',
    });
    expect(md).toBe(
      renderDatasetMd({
        config: testConfig(),
        report: result.report,
        papers: result.papers,
        negatives: result.negatives,
        version: '0123456789abcdef',
      }),
    );
    expect(md).toContain(`${result.papers.length} papers`);
    expect(md).toContain(
      '| huangowen | 3 | Can Large Language Models Understand Context? | 2401.18079 | 2402.00858 | 1 |',
    );
    expect(md).toContain('quantised-fine-tuning');
    expect(md).not.toContain('\r');
    expect(md.endsWith('\n')).toBe(true);
  });
});

describe('parseSourcesConfig', () => {
  it.each([
    [{ survey: SURVEY, priority: [], sources: [] }, /sources/],
    [
      {
        survey: SURVEY,
        priority: [],
        sources: [
          {
            id: 'aiot',
            repo: 'r',
            commit: null,
            url: null,
            files: ['a.md'],
            licence,
            headings: [{ heading: 'X', leaf: 'not-a-leaf', confidence: 'confident' }],
          },
        ],
      },
      /headings/,
    ],
    [
      {
        survey: SURVEY,
        priority: [],
        sources: [
          { id: 'nobody', repo: 'r', commit: null, url: null, files: ['a.md'], licence, headings: [] },
        ],
      },
      /id/,
    ],
    [
      {
        survey: SURVEY,
        priority: [],
        sources: [
          { id: 'aiot', repo: 'r', commit: null, url: null, files: ['a.md'], licence, headings: [] },
          { id: 'aiot', repo: 'r', commit: null, url: null, files: ['b.md'], licence, headings: [] },
        ],
      },
      /listed twice/,
    ],
    [
      {
        survey: SURVEY,
        priority: [],
        sources: [{ id: 'aiot', repo: 'r', commit: null, url: null, files: ['a.md'], licence, headings: [] }],
        errata: [{ source: 'aiot', wrongId: '2401.1807', correctId: '2402.00858', title: 't', line: 1 }],
      },
      /wrongId/,
    ],
  ])('rejects an invalid configuration (%#)', (json, message) => {
    expect(() => parseSourcesConfig(json)).toThrow(message);
  });

  it('rejects non-objects with a clear message', () => {
    expect(() => parseSourcesConfig(null)).toThrow(/data\/sources\.json is invalid/);
  });
});
