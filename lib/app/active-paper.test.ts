import { describe, expect, it } from 'vitest';
import { activePaperFromTab, titleFromTabTitle } from './active-paper';

describe('activePaperFromTab', () => {
  it.each([
    ['https://arxiv.org/abs/2106.09685', 'arxiv', '2106.09685', 'https://arxiv.org/abs/2106.09685'],
    ['https://arxiv.org/abs/2106.09685v2', 'arxiv', '2106.09685', 'https://arxiv.org/abs/2106.09685'],
    ['https://arxiv.org/pdf/2106.09685v2', 'arxiv', '2106.09685', 'https://arxiv.org/abs/2106.09685'],
    ['https://arxiv.org/pdf/2106.09685.pdf', 'arxiv', '2106.09685', 'https://arxiv.org/abs/2106.09685'],
    ['https://arxiv.org/html/2312.00678v1', 'arxiv', '2312.00678', 'https://arxiv.org/abs/2312.00678'],
    ['https://export.arxiv.org/abs/cs/0112017', 'arxiv', 'cs/0112017', 'https://arxiv.org/abs/cs/0112017'],
    [
      'https://openreview.net/forum?id=nZeVKeeFYf9',
      'openreview',
      'nZeVKeeFYf9',
      'https://openreview.net/forum?id=nZeVKeeFYf9',
    ],
    [
      'https://openreview.net/pdf?id=nZeVKeeFYf9',
      'openreview',
      'nZeVKeeFYf9',
      'https://openreview.net/forum?id=nZeVKeeFYf9',
    ],
  ])('%s → %s %s', (url, kind, id, canonical) => {
    const paper = activePaperFromTab({ url });
    expect(paper?.ref.kind).toBe(kind);
    expect(paper?.ref.id).toBe(id);
    expect(paper?.url).toBe(canonical);
  });

  it.each([
    null,
    {},
    { url: '' },
    { url: 'chrome://newtab/' },
    { url: 'https://arxiv.org/list/cs.CL/recent' },
    { url: 'https://arxiv.org/' },
    { url: 'https://openreview.net/group?id=ICLR.cc' },
    { url: 'https://example.org/abs/2106.09685' },
    { url: 'not a url' },
  ])('%j is not a paper', (tab) => {
    expect(activePaperFromTab(tab)).toBeNull();
  });
});

describe('titleFromTabTitle', () => {
  it.each<[string | null | undefined, string | null]>([
    [
      '[2106.09685] LoRA: Low-Rank Adaptation of Large Language Models',
      'LoRA: Low-Rank Adaptation of Large Language Models',
    ],
    [
      'LoRA: Low-Rank Adaptation of Large Language Models | OpenReview',
      'LoRA: Low-Rank Adaptation of Large Language Models',
    ],
    ['Attention Is All You Need - arXiv', 'Attention Is All You Need'],
    ['  Spaced   out   title words  ', 'Spaced out title words'],
    ['大型 语言 模型 的 高效 推理', '大型 语言 模型 的 高效 推理'],
    ['[2106.09685] LoRA', 'LoRA'],
    ['Forum', null],
    ['pdf', null],
    ['2106.09685v2.pdf', null],
    ['2106.09685', null],
    ['[2106.09685]', null],
    ['arXiv', null],
    ['OpenReview', null],
    ['', null],
    [null, null],
    [undefined, null],
  ])('%j → %j', (title, expected) => {
    expect(titleFromTabTitle(title)).toBe(expected);
  });
});
