import { describe, expect, it } from 'vitest';
import {
  aclFromUrl,
  arxivFromUrl,
  arxivFromUrlLenient,
  arxivIdDate,
  isCodeUrl,
  isNoiseUrl,
  isPaperUrl,
  normalizeUrl,
  openreviewFromUrl,
  parseArxivId,
  storedUrl,
} from './ids';

describe('parseArxivId', () => {
  it.each([
    ['2106.09685', '2106.09685', null],
    ['2106.09685v2', '2106.09685', 2],
    ['arXiv:2305.14314', '2305.14314', null],
    ['  1409.0473 ', '1409.0473', null],
    ['0704.0001', '0704.0001', null],
    ['cs/0112017', 'cs/0112017', null],
    ['hep-th/9901001v3', 'hep-th/9901001', 3],
    ['math.GT/0309136', 'math/0309136', null],
  ])('%s → %s', (input, id, version) => {
    expect(parseArxivId(input)).toEqual({ id, version });
  });

  it.each([
    ['', 'empty'],
    ['2113.00001', 'month 13'],
    ['2100.00001', 'month 00'],
    ['0703.0001', 'before the new scheme (April 2007)'],
    ['2106.0968', '4 digits after 2015'],
    ['1412.12345', '5 digits before 2015'],
    ['2106.09685v', 'bare v'],
    ['2407.11681mini', 'junk suffix'],
    ['arXiv', 'a word'],
    ['cs/011201', 'short old-style number'],
  ])('rejects %s (%s)', (input) => {
    expect(parseArxivId(input)).toBeNull();
  });

  it('never throws on non-strings', () => {
    expect(parseArxivId(undefined as unknown as string)).toBeNull();
  });
});

describe('arxivIdDate', () => {
  it.each([
    ['2312.00678', 2023, 12],
    ['1706.03762', 2017, 6],
    ['cs/9912012', 1999, 12],
    ['hep-th/0101001', 2001, 1],
  ])('%s → %i-%i', (id, year, month) => {
    expect(arxivIdDate(id)).toEqual({ year, month });
  });

  it('is null for an invalid id', () => {
    expect(arxivIdDate('2313.00001')).toBeNull();
  });
});

describe('arxivFromUrl', () => {
  it.each([
    ['https://arxiv.org/abs/2106.09685', '2106.09685'],
    ['https://arxiv.org/abs/2305.11186v2', '2305.11186'],
    ['https://arxiv.org/pdf/2306.03078', '2306.03078'],
    ['https://arxiv.org/pdf/2304.01933.pdf', '2304.01933'],
    ['https://arxiv.org/pdf/2304.01933v3.pdf', '2304.01933'],
    ['https://arxiv.org/html/2402.07871v1', '2402.07871'],
    ['http://arxiv.org/abs/2312.03863', '2312.03863'],
    ['https://www.arxiv.org/abs/2401.00001', '2401.00001'],
    ['https://export.arxiv.org/abs/2401.00001', '2401.00001'],
    ['https://browse.arxiv.org/abs/2402.00858', '2402.00858'],
    ['https://arxiv.org/abs/2309.14717 ', '2309.14717'],
    ['https://arxiv.org/abs/2106.09685/', '2106.09685'],
    ['https://huggingface.co/papers/2309.08520', '2309.08520'],
    ['https://doi.org/10.48550/arXiv.2303.16199', '2303.16199'],
    ['https://arxiv.org/abs/cs/0112017', 'cs/0112017'],
  ])('%s → %s', (url, id) => {
    expect(arxivFromUrl(url)?.id).toBe(id);
  });

  it.each([
    ['https://arxiv.org/html/2411.02063v1/x1.png', 'a figure inside the HTML version'],
    ['https://arxiv.org/abs/arXiv', 'no id'],
    ['https://arxiv.org/list/cs.CL/recent', 'a listing'],
    ['https://github.com/microsoft/LoRA', 'code'],
    ['https://doi.org/10.1145/3503221.3508418', 'a non-arXiv DOI'],
    ['https://huggingface.co/papers', 'no id on a HF page'],
    ['https://notarxiv.org/abs/2106.09685', 'another host'],
    ['arxiv.org/abs/2106.09685', 'no scheme'],
    ['https://arxiv.org/abs/2407.11681mini', 'junk (strict)'],
  ])('rejects %s (%s)', (url) => {
    expect(arxivFromUrl(url)).toBeNull();
  });

  it('recovers ids with junk glued on only in lenient mode', () => {
    expect(arxivFromUrlLenient('https://arxiv.org/abs/2407.11681mini')?.id).toBe('2407.11681');
    expect(arxivFromUrlLenient('https://arxiv.org/abs/1911.02972v')?.id).toBe('1911.02972');
    expect(arxivFromUrlLenient('https://arxiv.org/html/2411.02063v1/x1.png')).toBeNull();
    expect(arxivFromUrlLenient('https://github.com/x/2407.11681')).toBeNull();
  });
});

describe('openreviewFromUrl', () => {
  it.each([
    ['https://openreview.net/forum?id=tcbBPnfwxS', 'tcbBPnfwxS'],
    ['https://openreview.net/pdf?id=bsCCJHbO8A', 'bsCCJHbO8A'],
    ['https://openreview.net/forum?id=-tYCaP0phY_&noteId=x', '-tYCaP0phY_'],
  ])('%s → %s', (url, id) => {
    expect(openreviewFromUrl(url)).toBe(id);
  });

  it.each([
    ['https://openreview.net/attachment?id=-tYCaP0phY_&name=supplementary_material'],
    ['https://openreview.net/group?id=ICLR.cc/2024/Conference'],
    ['https://openreview.net/forum'],
    ['https://example.com/forum?id=abc'],
  ])('rejects %s', (url) => {
    expect(openreviewFromUrl(url)).toBeNull();
  });
});

describe('aclFromUrl', () => {
  it.each([
    ['https://aclanthology.org/2023.acl-demo.26/', '2023.acl-demo.26'],
    ['https://aclanthology.org/2023.findings-acl.15.pdf', '2023.findings-acl.15'],
    ['https://aclanthology.org/L18-1550', 'L18-1550'],
    ['https://www.aclweb.org/anthology/P19-1355.pdf', 'P19-1355'],
  ])('%s → %s', (url, id) => {
    expect(aclFromUrl(url)).toBe(id);
  });

  it.each([
    ['https://aclanthology.org/events/acl-2023/'],
    ['https://aclanthology.org/'],
    ['https://example.org/2023.acl-long.1'],
  ])('rejects %s', (url) => {
    expect(aclFromUrl(url)).toBeNull();
  });
});

describe('normalizeUrl', () => {
  it.each([
    ['https://www.Example.org/a/b/', 'example.org/a/b'],
    ['http://example.org/a#frag', 'example.org/a'],
    ['https://example.org/p?id=1', 'example.org/p?id=1'],
    [
      'https://dl.acm.org/doi/abs/10.1145/3626772.3657807?casa_token=SPJz:dTVQ',
      'dl.acm.org/doi/abs/10.1145/3626772.3657807',
    ],
    ['https://example.org/p?utm_source=x&id=2', 'example.org/p?id=2'],
  ])('%s → %s', (url, norm) => {
    expect(normalizeUrl(url)).toBe(norm);
  });

  it('storedUrl keeps the link but drops tracking parameters', () => {
    expect(storedUrl('https://dl.acm.org/doi/abs/10.1145/1?casa_token=abc')).toBe(
      'https://dl.acm.org/doi/abs/10.1145/1',
    );
    expect(storedUrl('https://www.example.org/a/?x=1#f')).toBe('https://www.example.org/a/?x=1#f');
    expect(storedUrl('ftp://example.org/a')).toBeNull();
  });

  it('is null for non-http input', () => {
    expect(normalizeUrl('#anchor')).toBeNull();
    expect(normalizeUrl('mailto:a@b.c')).toBeNull();
  });
});

describe('link kinds', () => {
  it.each([
    ['https://arxiv.org/abs/2106.09685', true],
    ['https://openreview.net/forum?id=tcbBPnfwxS', true],
    ['https://aclanthology.org/2023.acl-long.1/', true],
    ['https://proceedings.neurips.cc/paper/2021/hash/x-Abstract.html', true],
    ['https://dl.acm.org/doi/10.1145/3503221.3508418', true],
    ['http://keg.cs.tsinghua.edu.cn/papers/BaGuaLu.pdf', true],
    ['https://research.facebook.com/publications/no-language-left-behind/', true],
    ['https://github.com/microsoft/LoRA', false],
    ['https://github.com/x/y/blob/main/paper.pdf', false],
    ['https://www.reddit.com/r/LocalLLaMA/comments/x', false],
    ['https://paperswithcode.com/paper/pose', false],
    [
      'https://storage.courtlistener.com/recap/gov.uscourts.cand.414822/gov.uscourts.cand.414822.1.0_1.pdf',
      false,
    ],
    ['https://img.shields.io/badge/Conference-ICLR-blue.pdf', false],
  ])('isPaperUrl(%s) = %s', (url, expected) => {
    expect(isPaperUrl(url)).toBe(expected);
  });

  it.each([
    ['https://github.com/microsoft/LoRA', true],
    ['https://gitlab.com/a/b', true],
    ['https://github.com/tuidan', false],
    ['https://arxiv.org/abs/2106.09685', false],
  ])('isCodeUrl(%s) = %s', (url, expected) => {
    expect(isCodeUrl(url)).toBe(expected);
  });

  it('treats badges and non-URLs as noise', () => {
    expect(isNoiseUrl('https://img.shields.io/github/stars/x/y.svg')).toBe(true);
    expect(isNoiseUrl('')).toBe(true);
    expect(isNoiseUrl('https://github.com/x/y')).toBe(false);
  });
});
