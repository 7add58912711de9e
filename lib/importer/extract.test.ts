import { describe, expect, it } from 'vitest';
import type { SourceId } from '../dataset/schema';
import { EXTRACTORS, type Extracted } from './extract';
import { walkItems } from './markdown';

/** Run a source's extractor over every item of a snippet. */
function extract(source: Exclude<SourceId, 'manual'>, ...lines: string[]): (Extracted | null)[] {
  return walkItems(`${lines.join('\n')}\n`).map((item) => EXTRACTORS[source](item));
}

function one(source: Exclude<SourceId, 'manual'>, ...lines: string[]): Extracted {
  const [x] = extract(source, ...lines);
  if (!x) throw new Error('no entry extracted');
  return x;
}

describe('aiot', () => {
  it('reads title, venue and links of the standard entry', () => {
    const x = one(
      'aiot',
      '- GPTQ: Accurate Quantization for Generative Pre-trained Transformers, <ins>ICLR, 2023</ins> [[Paper](https://openreview.net/forum?id=tcbBPnfwxS)] [[Code](https://github.com/IST-DASLab/gptq)]',
    );
    expect(x.title).toBe('GPTQ: Accurate Quantization for Generative Pre-trained Transformers');
    expect(x.venueText).toBe('ICLR, 2023');
    expect(x.paperUrl).toBe('https://openreview.net/forum?id=tcbBPnfwxS');
    expect(x.links.map((l) => l.url)).toEqual([
      'https://openreview.net/forum?id=tcbBPnfwxS',
      'https://github.com/IST-DASLab/gptq',
    ]);
  });

  it('handles the broken closing tag "2024/ins>"', () => {
    const x = one(
      'aiot',
      '- GaLore: Memory-Efficient LLM Training, <ins>arXiv, 2024/ins> [[Paper](https://arxiv.org/abs/2403.03507)] ',
    );
    expect(x.title).toBe('GaLore: Memory-Efficient LLM Training');
    expect(x.venueText).toBe('arXiv, 2024');
    expect(x.paperUrl).toBe('https://arxiv.org/abs/2403.03507');
  });

  it('handles "[[Paper]](url)" instead of "[[Paper](url)]"', () => {
    const x = one(
      'aiot',
      '- Memformer: A Memory-Augmented Transformer, <ins>AACL-Findings, 2020</ins> [[Paper]](https://arxiv.org/abs/2010.06891) [[Code](https://github.com/a/b)]',
    );
    expect(x.paperUrl).toBe('https://arxiv.org/abs/2010.06891');
  });

  it('handles a trailing space inside the URL parentheses', () => {
    const x = one(
      'aiot',
      '- QA-LoRA: Quantization-Aware Low-Rank Adaptation, <ins>arXiv, 2023</ins> [[Paper](https://arxiv.org/abs/2309.14717 )]',
    );
    expect(x.paperUrl).toBe('https://arxiv.org/abs/2309.14717');
  });

  it('handles a missing opening <ins> ("Title, 2024</ins>")', () => {
    const x = one(
      'aiot',
      '- JetMoE: Reaching Llama2 Performance with 0.1M Dollars, 2024</ins> [[Paper](https://arxiv.org/abs/2404.07413)]',
    );
    expect(x.title).toBe('JetMoE: Reaching Llama2 Performance with 0.1M Dollars');
    expect(x.venueText).toBe('2024');
  });

  it('handles a missing comma and a full-width comma before <ins>', () => {
    expect(
      one(
        'aiot',
        '- Prefix-Tuning: Optimizing Continuous Prompts <ins>ACL, 2021</ins> [[Paper](https://aclanthology.org/2021.acl-long.353/)]',
      ).title,
    ).toBe('Prefix-Tuning: Optimizing Continuous Prompts');
    expect(
      one(
        'aiot',
        '- P-Tuning v2: Prompt Tuning Can Be Comparable，<ins>ACL-Short, 2022</ins> [[Paper](https://aclanthology.org/2022.acl-short.8/)]',
      ).title,
    ).toBe('P-Tuning v2: Prompt Tuning Can Be Comparable');
  });

  it('ignores TOC lines (no external link)', () => {
    expect(
      extract('aiot', '- [🤖 Model-Centric Methods](#-Model-Centric)', '  - [Quantization](#Quantization)'),
    ).toEqual([null, null]);
  });
});

describe('horseee', () => {
  const row =
    '| [![Star](https://img.shields.io/github/stars/IST-DASLab/sparsegpt.svg?style=social&label=Star)](https://github.com/IST-DASLab/sparsegpt) [![Publish](https://img.shields.io/badge/Conference-ICML\'23-blue)]() [![Type](https://img.shields.io/badge/Unstructured-C2A4A6)]() <br> :star: [SparseGPT: Massive Language Models Can Be Accurately Pruned in One-Shot](https://github.com/IST-DASLab/sparsegpt) <br> Elias Frantar, Dan Alistarh| <img width="522" alt="image" src="https://arxiv.org/html/2301.00774v1/x1.png"> |[Github](https://github.com/IST-DASLab/sparsegpt) [paper](https://arxiv.org/abs/2301.00774) |[//]: #07/21';

  it('reads a table row: title link (even to GitHub), badge venue, [paper] link as the paper', () => {
    const x = one(
      'horseee',
      '## Network Pruning',
      '| Title & Authors | Introduction | Links |',
      '|:----|  :----: | :---:|',
      row,
    );
    expect(x.title).toBe('SparseGPT: Massive Language Models Can Be Accurately Pruned in One-Shot');
    expect(x.venueText).toBe("ICML'23");
    expect(x.paperUrl).toBe('https://arxiv.org/abs/2301.00774');
  });

  it('never takes the arXiv-hosted figure of <img src> as a link', () => {
    const x = one('horseee', '| Title & Authors | Introduction | Links |', '|---|---|---|', row);
    expect(x.links.map((l) => l.url)).not.toContain('https://arxiv.org/html/2301.00774v1/x1.png');
    expect(x.links.filter((l) => l.url.includes('arxiv.org'))).toEqual([
      { url: 'https://arxiv.org/abs/2301.00774', label: 'paper' },
    ]);
  });

  it('reads the bullet format of tuning.md with URL-encoded badge venues', () => {
    const x = one(
      'horseee',
      "* [![Publish](https://img.shields.io/badge/Conference-EMNLP'24%20Findings-blue)]() [![Star](https://img.shields.io/github/stars/a/b.svg?style=social&label=Star)](https://github.com/a/b) [Model Balancing Helps Low-data Training and Fine-tuning](https://arxiv.org/abs/2410.12178). Zihang Liu, Yuanzhe Hu. [[Paper]](https://arxiv.org/abs/2410.12178) [[Github]](https://github.com/a/b)",
    );
    expect(x.title).toBe('Model Balancing Helps Low-data Training and Fine-tuning');
    expect(x.venueText).toBe("EMNLP'24%20Findings");
    expect(x.paperUrl).toBe('https://arxiv.org/abs/2410.12178');
  });

  it('has no venue when there is no Publish badge', () => {
    expect(
      one(
        'horseee',
        '* [CPET: Effective PET](https://arxiv.org/abs/2307.07705). W. Zhao. [[Paper]](https://arxiv.org/abs/2307.07705)',
      ).venueText,
    ).toBeNull();
  });
});

describe('huangowen', () => {
  it('reads "Title <br> Venue Year [[Paper]](url) [[Code]](url)"', () => {
    const x = one(
      'huangowen',
      '- GPTQ: Accurate Post-Training Quantization for Generative Pre-trained Transformers <br> ICLR 2023 [[Paper]](https://arxiv.org/abs/2210.17323) [[Code]](https://github.com/IST-DASLab/gptq)',
    );
    expect(x.title).toBe('GPTQ: Accurate Post-Training Quantization for Generative Pre-trained Transformers');
    expect(x.venueText).toBe('ICLR 2023');
    expect(x.paperUrl).toBe('https://arxiv.org/abs/2210.17323');
  });

  it('reads the multi-line form (title, blank line, indented venue and links)', () => {
    const [a, b] = extract(
      'huangowen',
      '- SDMPrune: Self-Distillation MLP Pruning for Efficient Large Language Models',
      '',
      '  Arxiv 2025  [[Paper]](https://arxiv.org/abs/2506.11120) [[Code]](https://github.com/visresearch/SDMPrune)',
      '',
      '- FineGates: LLMs Finetuning with Compression using Stochastic Gates',
      '',
      '  Arxiv 2025  [[Paper]](https://arxiv.org/abs/2412.12951)',
    );
    expect(a?.title).toBe('SDMPrune: Self-Distillation MLP Pruning for Efficient Large Language Models');
    expect(a?.venueText).toBe('Arxiv 2025');
    expect(a?.paperUrl).toBe('https://arxiv.org/abs/2506.11120');
    expect(b?.title).toBe('FineGates: LLMs Finetuning with Compression using Stochastic Gates');
  });

  it('accepts lowercase [[paper]] and survives "[[Blog]] (url)"', () => {
    const x = one(
      'huangowen',
      '- Compressed but Compromised? <br> NeurIPS Lock-LLM Workshop 2025 [[paper]](https://openreview.net/pdf?id=OkNfb8SmLh) [[Blog]] (https://example.medium.com/post)',
    );
    expect(x.title).toBe('Compressed but Compromised?');
    expect(x.paperUrl).toBe('https://openreview.net/pdf?id=OkNfb8SmLh');
  });
});

describe('tiingweii', () => {
  const head = [
    '|  Date  |       Keywords     | Paper    | Venue |',
    '| :---------: | :------------: | :---: | :---------: |',
  ];

  it('reads Date, Keywords, Paper and Venue by header name', () => {
    const x = one(
      'tiingweii',
      ...head,
      '| 2022 | Mixture of Experts | [GLaM: Efficient Scaling](https://proceedings.mlr.press/v162/du22c.html) | ICML|',
    );
    expect(x).toMatchObject({
      title: 'GLaM: Efficient Scaling',
      year: 2022,
      keywords: 'Mixture of Experts',
      venueText: 'ICML 2022',
      paperUrl: 'https://proceedings.mlr.press/v162/du22c.html',
    });
  });

  it('skips the metrics tables, which have no Paper column', () => {
    const rows = extract(
      'tiingweii',
      '|  Metric | Description | Example Usage |',
      '| :---: | :---: | :---: |',
      '| FLOPs | the number of operations | [\\[FLOPs\\]](https://arxiv.org/pdf/2309.13192.pdf) |',
      '| Training Time | total duration |[\\[minutes, days\\]](https://arxiv.org/pdf/2309.13192.pdf)<br>[\\[hours\\]](https://www.jmlr.org/papers/v24.pdf)|',
    );
    expect(rows).toEqual([null, null]);
  });
});

describe('albalak', () => {
  it('reads "[Title](url): Year<br/>&emsp;Authors<br/>"', () => {
    const x = one(
      'albalak',
      '- [FastText.zip: Compressing text classification models](https://arxiv.org/abs/1612.03651): 2016<br/>&emsp;Armand Joulin and Edouard Grave<br/>',
    );
    expect(x).toMatchObject({
      title: 'FastText.zip: Compressing text classification models',
      year: 2016,
      venueText: null,
    });
  });

  it('takes the title from the text when a space breaks the link', () => {
    const x = one(
      'albalak',
      '- [DoGE: Domain Reweighting with Generalization Estimation](https://arxiv.org/abs/arXiv preprint): 2023<br/>&emsp;Simin Fan<br/>',
    );
    expect(x.title).toBe('DoGE: Domain Reweighting with Generalization Estimation');
  });
});

describe('xnhyacinth', () => {
  it('reads "N. [**Title.**](url) _Authors._ Venue Year. [badge](github)"', () => {
    const x = one(
      'xnhyacinth',
      '3. [**Longformer: The Long-Document Transformer.**](https://arxiv.org/abs/2004.05150) _Iz Beltagy, Matthew E. Peters, Arman Cohan._ Arxiv 2020. [![GitHub Repo stars](https://img.shields.io/github/stars/allenai/longformer)](https://github.com/allenai/longformer)',
    );
    expect(x.title).toBe('Longformer: The Long-Document Transformer.');
    expect(x.venueText).toBe('Arxiv 2020');
    expect(x.paperUrl).toBe('https://arxiv.org/abs/2004.05150');
    expect(x.links.map((l) => l.url)).toContain('https://github.com/allenai/longformer');
  });

  it('takes the last sentence as the venue when authors are not emphasised', () => {
    expect(
      one(
        'xnhyacinth',
        '4. [**SwingArena.**](https://arxiv.org/abs/2505.23932) Wendong Xu, Jing Xiong, Ngai Wong. Arxiv 2025.',
      ).venueText,
    ).toBe('Arxiv 2025');
  });

  it('reads authors in *…* too', () => {
    expect(
      one('xnhyacinth', '1. [**T.**](https://arxiv.org/abs/2004.05150) *A, B.* EMNLP 2020.').venueText,
    ).toBe('EMNLP 2020');
  });
});

describe('xuefuzhao', () => {
  it.each([
    [
      '- Switch Transformers: Scaling to Trillion Parameter Models [[11 Jan 2021]](https://arxiv.org/abs/2101.03961)',
      'Switch Transformers: Scaling to Trillion Parameter Models',
      null,
      2021,
      'https://arxiv.org/abs/2101.03961',
    ],
    [
      '- Hash layers for large sparse models [[NeurIPS2021]](https://arxiv.org/abs/2106.04426)',
      'Hash layers for large sparse models',
      'NeurIPS2021',
      2021,
      'https://arxiv.org/abs/2106.04426',
    ],
    [
      '- Merging Experts into One [[EMNLP 2023](https://arxiv.org/abs/2310.09832)]',
      'Merging Experts into One',
      'EMNLP 2023',
      2023,
      'https://arxiv.org/abs/2310.09832',
    ],
    [
      '- DeepSeekMoE: Towards Ultimate Expert Specialization [Jan 2024] [Repo](https://github.com/deepseek-ai/DeepSeek-MoE) [Paper](https://arxiv.org/abs/2401.06066)',
      'DeepSeekMoE: Towards Ultimate Expert Specialization',
      null,
      2024,
      'https://arxiv.org/abs/2401.06066',
    ],
    [
      '- Exploring Routing Strategies [[28 Sept 2020]](https://openreview.net/forum?id=ey1XXNzcIZS)',
      'Exploring Routing Strategies',
      null,
      2020,
      'https://openreview.net/forum?id=ey1XXNzcIZS',
    ],
    [
      '- CPM-2: Large-scale cost-effective pre-trained language models [[AI Open]](https://www.sciencedirect.com/science/article/pii/S2666651021000310)',
      'CPM-2: Large-scale cost-effective pre-trained language models',
      'AI Open',
      null,
      'https://www.sciencedirect.com/science/article/pii/S2666651021000310',
    ],
  ])('%s', (line, title, venueText, year, paperUrl) => {
    expect(one('xuefuzhao', line)).toMatchObject({ title, venueText, year, paperUrl });
  });
});

describe('rzfan525', () => {
  it('reads the three-line entry (bold title, blank line, authors + link + venue + date)', () => {
    const [a, b] = extract(
      'rzfan525',
      '## Papers',
      '1. **Deep Learning Scaling is Predictable, Empirically**',
      '',
      '   *Joel Hestness, Sharan Narang* [[paper]](https://arxiv.org/abs/1712.00409) Arxiv 2017.12',
      '   ',
      '3. **A Constructive Prediction of the Generalization Error Across Scales**',
      '',
      '   *Jonathan S. Rosenfeld* [[paper]](https://arxiv.org/abs/1909.12673) ICLR2020 2019.09',
    );
    expect(a).toMatchObject({
      title: 'Deep Learning Scaling is Predictable, Empirically',
      venueText: 'Arxiv',
      year: 2017,
      paperUrl: 'https://arxiv.org/abs/1712.00409',
    });
    expect(b).toMatchObject({ venueText: 'ICLR2020', year: 2019 });
  });
});

describe('curated', () => {
  it('reads "[Title](url) — Venue Year"', () => {
    expect(
      one('curated', '- [Mixed Precision Training](https://arxiv.org/abs/1710.03740) — ICLR 2018'),
    ).toMatchObject({
      title: 'Mixed Precision Training',
      venueText: 'ICLR 2018',
      paperUrl: 'https://arxiv.org/abs/1710.03740',
    });
  });

  it('is not fooled by verification-log lines without links', () => {
    expect(extract('curated', '- 1712.00409 — local: RZFan525/Awesome-ScalingLaws; files: 4+ files')).toEqual(
      [null],
    );
  });
});
