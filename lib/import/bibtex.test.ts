import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LibraryItem } from '../db/schema';
import { bibNameToText, parseBibtexLibrary, splitNames } from './bibtex';
import { IMPORT_LIMITS } from './types';

const NOW = Date.UTC(2026, 10, 28);
const fixture = (name: string) => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');
const plan = (text: string) => parseBibtexLibrary(text, { now: NOW });
const single = (text: string) => {
  const result = plan(text);
  expect(result.error).toBeNull();
  expect(result.rejected).toEqual([]);
  expect(result.items).toHaveLength(1);
  return result.items[0]!;
};

describe('BibTeX import: files as other tools write them', () => {
  it('Google Scholar: arXiv id from "journal", "and others" dropped, no id → title key', () => {
    const result = plan(fixture('google-scholar.bib'));
    expect(result).toMatchObject({
      format: 'bibtex',
      error: null,
      total: 3,
      rejected: [],
      mergePolicy: 'fill-missing',
    });
    const [lora, qlora, gptq] = result.items;
    expect(lora).toMatchObject({
      key: 'arxiv:2106.09685',
      arxivId: '2106.09685',
      title: 'Lora: Low-rank adaptation of large language models',
      year: 2021,
      url: 'https://arxiv.org/abs/2106.09685',
      savedAt: NOW,
      updatedAt: NOW,
      status: 'to-read',
      leaves: [],
      tags: [],
      note: '',
    });
    expect(lora!.authors).toHaveLength(8);
    expect(lora!.authors[0]).toBe('Edward J Hu');
    expect(qlora).toMatchObject({
      key: 'title:qlora efficient finetuning of quantized llms',
      arxivId: null,
      year: 2023,
      url: 'https://arxiv.org/search/?query=Qlora%3A%20Efficient%20finetuning%20of%20quantized%20llms&searchtype=title',
    });
    expect(gptq).toMatchObject({
      key: 'arxiv:2210.17323',
      title: 'GPTQ: Accurate post-training quantization for generative pre-trained transformers',
    });
  });

  it('DBLP: eprint with eprinttype, an OpenReview url, and CoRR volume "abs/<id>"', () => {
    const result = plan(fixture('dblp.bib'));
    expect(result.rejected).toEqual([]);
    expect(result.items.map((i) => i.key)).toEqual([
      'arxiv:2106.09685',
      'openreview:nZeVKeeFYf',
      'arxiv:1706.03762',
    ]);
    expect(result.items[0]!.authors[3]).toBe('Zeyuan Allen-Zhu');
    expect(result.items[1]).toMatchObject({ url: 'https://openreview.net/forum?id=nZeVKeeFYf', year: 2022 });
    expect(result.items[2]).toMatchObject({ title: 'Attention Is All You Need', year: 2017 });
    expect(result.items[2]!.authors).toContain('Lukasz Kaiser');
  });

  it("arXiv's own export: versioned old-style eprint normalised", () => {
    const result = plan(fixture('arxiv.bib'));
    expect(result.items.map((i) => [i.key, i.year])).toEqual([
      ['arxiv:2106.09685', 2021],
      ['arxiv:hep-th/9711200', 1999],
    ]);
  });

  it('a messy hand-edited file: every entry imported or rejected with its reason', () => {
    const result = plan(fixture('messy.bib'));
    expect(result.error).toBeNull();
    expect(result.total).toBe(12);
    for (const item of result.items) expect(LibraryItem.safeParse(item).success).toBe(true);

    const byIndex = new Map(result.rejected.map((r) => [r.index, r.reason]));
    expect([...byIndex.keys()]).toEqual([3, 4, 7, 8, 10]);
    expect(byIndex.get(3)).toMatch(/^entry 4 \(line \d+, notitle\): no title$/);
    expect(byIndex.get(4)).toMatch(/dup-of-schrodinger\): the same paper as entry 1 \(arxiv:2307\.01234\)/);
    expect(byIndex.get(7)).toMatch(/punctuation-only\): the title has no letters or digits/);
    expect(byIndex.get(8)).toMatch(
      /^entry 9 \(line \d+\): unclosed brace: the value runs into the entry on line \d+/,
    );
    expect(byIndex.get(10)).toMatch(/expected "=" after "title"/);

    const [schrodinger, paren, doiOnly, hostile, hal, after, cjk] = result.items;
    expect(schrodinger).toMatchObject({
      key: 'arxiv:2307.01234',
      title: "Schrödinger's Cat: Q&A at 50% of the Cost",
      authors: ['Erwin Schrödinger', 'Łukasz Kaiser', 'José María García-Pérez', 'OpenAI'],
      year: 2023,
      tags: ['efficiency', 'quantization, low-bit'],
      note: 'Read twice.\nSecond paragraph: see §4.',
    });
    expect(paren).toMatchObject({
      key: 'openreview:Bkg6RiCqY7',
      title: 'Entry in Parentheses with an openreview link',
      authors: ['Ludwig van Beethoven', 'Martin Luther King Jr.'],
      year: 2024,
    });
    expect(doiOnly).toMatchObject({
      key: 'arxiv:2401.00001',
      year: 2024,
      url: 'https://arxiv.org/abs/2401.00001',
    });
    expect(hostile!.key).toBe('title:linked with a javascript url');
    expect(hostile!.url).toMatch(/^https:\/\/arxiv\.org\/search\/\?query=/);
    expect(hal).toMatchObject({ arxivId: null, url: 'https://doi.org/10.1145/3442188.3445922', year: 2021 });
    expect(after).toMatchObject({ url: 'https://example.org/after', tags: ['a', 'b', 'c'] });
    expect(cjk).toMatchObject({
      title: '中文标题：大型语言模型的高效推理综述',
      authors: ['张伟', '李娜'],
      year: null,
    });
  });
});

describe('BibTeX import: identity', () => {
  it.each([
    ['eprint', 'eprint = {2106.09685}', 'arxiv:2106.09685'],
    ['eprint with prefix and version', 'eprint = {arXiv:2106.09685v2}', 'arxiv:2106.09685'],
    ['eprint + archivePrefix', 'eprint = {hep-th/9711200}, archivePrefix = {arXiv}', 'arxiv:hep-th/9711200'],
    ['Mendeley arxivId', 'arxivId = {2106.09685}', 'arxiv:2106.09685'],
    ['arXiv DOI', 'doi = {10.48550/arXiv.2106.09685}', 'arxiv:2106.09685'],
    ['arXiv DOI URL', 'doi = {https://doi.org/10.48550/arXiv.2106.09685}', 'arxiv:2106.09685'],
    ['arXiv abs URL', 'url = {https://arxiv.org/abs/2106.09685v1}', 'arxiv:2106.09685'],
    ['arXiv pdf URL in \\url', 'url = {\\url{https://arxiv.org/pdf/2106.09685}}', 'arxiv:2106.09685'],
    ['Google Scholar journal', 'journal = {arXiv preprint arXiv:2106.09685}', 'arxiv:2106.09685'],
    ['note with the arXiv stamp', 'note = {arXiv:hep-th/9711200 [hep-th]}', 'arxiv:hep-th/9711200'],
    ['DBLP volume', 'journal = {CoRR}, volume = {abs/2106.09685}', 'arxiv:2106.09685'],
    ['OpenReview url', 'url = {https://openreview.net/forum?id=nZeVKeeFYf}', 'openreview:nZeVKeeFYf'],
    ['OpenReview pdf url', 'url = {https://openreview.net/pdf?id=nZeVKeeFYf}', 'openreview:nZeVKeeFYf'],
    ['openreview field', 'openreview = {nZeVKeeFYf}', 'openreview:nZeVKeeFYf'],
    [
      'OpenReview in howpublished',
      'howpublished = {\\url{https://openreview.net/forum?id=nZeVKeeFYf}}',
      'openreview:nZeVKeeFYf',
    ],
    ['arXiv beats OpenReview', 'eprint = {2106.09685}, openreview = {nZeVKeeFYf}', 'arxiv:2106.09685'],
    // Negatives: nothing that only looks like an id.
    ['eprint of another archive', 'eprint = {2106.09685}, archivePrefix = {HAL}', 'title:a paper'],
    ['invalid arXiv id', 'eprint = {2113.00001}', 'title:a paper'],
    ['non-arXiv DOI', 'doi = {10.1145/3442188.3445922}', 'title:a paper'],
    ['other URL', 'url = {https://example.org/paper.pdf}', 'title:a paper'],
    ['OpenReview group URL', 'url = {https://openreview.net/group?id=ICLR.cc/2024}', 'title:a paper'],
    ['arXiv listing URL', 'url = {https://arxiv.org/list/cs.CL/recent}', 'title:a paper'],
  ])('%s', (_, extra, key) => {
    expect(single(`@misc{k, title = {A Paper}, ${extra}}`).key).toBe(key);
  });

  it('keeps both ids when an entry names both', () => {
    const item = single('@misc{k, title = {T}, eprint = {2106.09685}, openreview = {nZeVKeeFYf}}');
    expect(item).toMatchObject({ arxivId: '2106.09685', openreviewId: 'nZeVKeeFYf' });
  });
});

describe('BibTeX import: fields', () => {
  it.each([
    ['Hu, Edward J.', 'Edward J. Hu'],
    ['Edward J. Hu', 'Edward J. Hu'],
    ['{\\L}ukasz Kaiser', 'Łukasz Kaiser'],
    ['Kaiser, {\\L}ukasz', 'Łukasz Kaiser'],
    ['van Beethoven, Ludwig', 'Ludwig van Beethoven'],
    ['King, Jr., Martin Luther', 'Martin Luther King Jr.'],
    ['{OpenAI}', 'OpenAI'],
    ['{Barnes and Noble, Inc.}', 'Barnes and Noble, Inc.'],
    ['others', null],
    ['', null],
  ])('name %j → %j', (raw, expected) => {
    expect(bibNameToText(raw)).toBe(expected);
  });

  it.each([
    ['A and B', ['A', 'B']],
    ['A AND B and\nC', ['A', 'B', 'C']],
    ['{Barnes and Noble} and Anders Andersen', ['{Barnes and Noble}', 'Anders Andersen']],
    ['Alexander Sandberg', ['Alexander Sandberg']],
    ['', []],
  ])('splitNames(%j)', (raw, expected) => {
    expect(splitNames(raw)).toEqual(expected);
  });

  it.each([
    ['year = {2021}', 2021],
    ['year = 2021', 2021],
    ['year = {circa 2019}', 2019],
    ['date = {2020-05-01}', 2020],
    ['year = {1850}', null],
    ['year = {in press}', null],
    ['year = {99999}', null],
  ])('year from %s', (extra, year) => {
    expect(single(`@misc{k, title = {T}, ${extra}}`).year).toBe(year);
  });

  it('falls back to the arXiv id for the year', () => {
    expect(single('@misc{k, title = {T}, eprint = {hep-th/9711200}}').year).toBe(1997);
  });

  it('takes the note from annote/annotation, never from note', () => {
    expect(single('@misc{k, title = {T}, note = {Accepted at ICLR}}').note).toBe('');
    expect(single('@misc{k, title = {T}, annotation = {Mine \\& only mine}}').note).toBe('Mine & only mine');
  });

  it('caps the author list of large collaborations instead of rejecting the paper', () => {
    const authors = Array.from({ length: 3_000 }, (_, i) => `Author${i}, A.`).join(' and ');
    expect(single(`@misc{k, title = {ATLAS}, author = {${authors}}}`).authors).toHaveLength(1_000);
  });

  it('rejects entries whose fields exceed the library limits, with the reason', () => {
    const result = plan(`@misc{k, title = {${'x'.repeat(1_001)}}}\n@misc{ok, title = {Fine}}`);
    expect(result.items.map((i) => i.title)).toEqual(['Fine']);
    expect(result.rejected).toHaveLength(1);
    expect(result.rejected[0]!.reason).toMatch(/^entry 1 \(line 1, k\): title: Too big/);
    expect(result.rejected[0]!.reason.length).toBeLessThanOrEqual(IMPORT_LIMITS.reason);
  });

  it('keeps title-search URLs within the URL limit for long non-Latin titles', () => {
    const item = single(`@misc{k, title = {${'中'.repeat(900)}}}`);
    expect(item.url.length).toBeLessThanOrEqual(2_048);
    expect(() => decodeURIComponent(new URL(item.url).searchParams.get('query') ?? '')).not.toThrow();
  });
});

describe('BibTeX import: whole-file refusals', () => {
  it.each([
    ['empty', ''],
    ['no entries', 'just some text\nwith no entries'],
    ['only strings and comments', '@string{a = "b"}\n@comment{x}'],
    ['JSON', '{"format": "efficiency-lens-library"}'],
  ])('%s → "no entries"', (_, text) => {
    const result = plan(text);
    expect(result.error).toMatch(/No BibTeX entries/);
    expect(result.items).toEqual([]);
  });

  it('refuses more than the entry limit', () => {
    const text = '@misc{k, title = {T}}\n'.repeat(IMPORT_LIMITS.items + 1);
    expect(plan(text).error).toMatch(/more than 50000 entries/);
  });

  it('refuses files over 20 MB', () => {
    const text = `@misc{k, title = {T}, annote = {${'é'.repeat(10 * 1024 * 1024 + 10)}}}`;
    expect(plan(text).error).toMatch(/larger than 20 MB/);
  });

  it('reads a file with a byte-order mark', () => {
    expect(single('\uFEFF@misc{k, title = {T}}').title).toBe('T');
  });

  it('never throws on non-string input', () => {
    expect(parseBibtexLibrary(42 as never, { now: NOW }).error).toMatch(/not text/);
    expect(parseBibtexLibrary('@misc{k, title={T}}', { now: Number.NaN }).error).toMatch(/finite `now`/);
  });
});
