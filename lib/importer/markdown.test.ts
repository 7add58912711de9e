import { describe, expect, it } from 'vitest';
import { headingText, parseMarkdown, tokensText, walkItems } from './markdown';

const md = (...lines: string[]) => `${lines.join('\n')}\n`;

describe('walkItems', () => {
  it('tracks the heading path, popping siblings and deeper levels', () => {
    const items = walkItems(
      md(
        '# Top',
        '## A',
        '### A1',
        '- [x](https://a.org/1)',
        '## B',
        '- [y](https://a.org/2)',
        '#### B-deep',
        '- [z](https://a.org/3)',
        '### B1',
        '- [w](https://a.org/4)',
      ),
    );
    expect(items.map((i) => i.headings)).toEqual([
      ['Top', 'A', 'A1'],
      ['Top', 'B'],
      ['Top', 'B', 'B-deep'],
      ['Top', 'B', 'B1'],
    ]);
  });

  it('reads headings with a leading space (tiingweii) and strips badges from heading text', () => {
    const items = walkItems(
      md(
        '# List [![Awesome](https://awesome.re/badge.svg)](https://awesome.re)',
        ' ## LLM Architecture Design',
        ' ### Efficient Transformer Architecture',
        '- [p](https://arxiv.org/abs/2106.09685)',
      ),
    );
    expect(items[0]?.headings).toEqual([
      'List',
      'LLM Architecture Design',
      'Efficient Transformer Architecture',
    ]);
  });

  it('does not treat bold pseudo-headings (XueFuzhao) as headings', () => {
    const items = walkItems(
      md(
        '## MoE Model',
        '**Publication**',
        '- a [[ICML 2023]](https://arxiv.org/abs/2306.04073)',
        '',
        '**arXiv**',
        '- b [[1 Jun 2022]](https://arxiv.org/abs/2206.00277)',
      ),
    );
    expect(items).toHaveLength(2);
    expect(items.every((i) => i.headings.join('/') === 'MoE Model')).toBe(true);
  });

  it('ignores fenced code, HTML comments and headings inside them', () => {
    const items = walkItems(
      md(
        '## Real',
        '```markdown',
        '## Fake heading',
        '- [not an item](https://arxiv.org/abs/2101.00001)',
        '```',
        '<!--',
        '- [commented out](https://arxiv.org/abs/2101.00002)',
        '-->',
        '- [kept](https://arxiv.org/abs/2101.00003)',
      ),
    );
    expect(items).toHaveLength(1);
    expect(items[0]?.headings).toEqual(['Real']);
    expect(tokensText(items[0]?.blocks.flat() ?? [])).toBe('kept');
  });

  it('parses markdown between <details> tags', () => {
    const items = walkItems(
      md(
        '## News',
        '<details><summary>Month</summary>',
        '',
        '- [p](https://arxiv.org/abs/2101.00001)',
        '',
        '</details>',
      ),
    );
    expect(items).toHaveLength(1);
  });

  it('returns nested list items separately and keeps them out of the parent', () => {
    const items = walkItems(
      md(
        '- **[2026.05.27]**',
        '  - Paper: [A](https://arxiv.org/abs/2605.27980)',
        '  - Paper: [B](https://arxiv.org/abs/2605.28069)',
      ),
    );
    expect(items).toHaveLength(3);
    expect(items[0]?.blocks.flat().some((t) => t.t === 'link')).toBe(false);
    expect(items.map((i) => i.line)).toEqual([1, 2, 3]);
  });

  it('keeps continuation paragraphs of a list item as extra blocks (RZFan525, HuangOwen)', () => {
    const items = walkItems(
      md(
        '1. **Title**',
        '',
        '   *Authors* [[paper]](https://arxiv.org/abs/1712.00409) Arxiv 2017.12',
        '',
        '2. **Next**',
      ),
    );
    expect(items).toHaveLength(2);
    expect(items[0]?.blocks).toHaveLength(2);
    expect(items[0]?.line).toBe(1);
  });

  it('returns table rows with the header, one block per cell, and no header row', () => {
    const items = walkItems(
      md(
        '### T',
        '| Date | Keywords | Paper | Venue |',
        '|---|---|---|---|',
        '| 2024 | MoE | [P](https://arxiv.org/abs/2401.04088) | ICML |',
      ),
    );
    expect(items).toHaveLength(1);
    expect(items[0]?.kind).toBe('tableRow');
    expect(items[0]?.header).toEqual(['Date', 'Keywords', 'Paper', 'Venue']);
    expect(items[0]?.blocks).toHaveLength(4);
    expect(items[0]?.line).toBe(4);
  });

  it('keeps <img> as HTML, never as a link, and badges as links wrapping images', () => {
    const items = walkItems(
      md(
        '| T | I |',
        '|---|---|',
        '| [![Star](https://img.shields.io/github/stars/a/b.svg)](https://github.com/a/b) [Paper title](https://arxiv.org/abs/2301.00774) | <img src="https://arxiv.org/html/2411.02063v1/x1.png"> |',
      ),
    );
    const tokens = items[0]?.blocks.flat() ?? [];
    const links = tokens.filter((t) => t.t === 'link');
    expect(links.map((l) => (l.t === 'link' ? [l.url, l.image] : null))).toEqual([
      ['https://github.com/a/b', true],
      ['https://arxiv.org/abs/2301.00774', false],
    ]);
    expect(tokens.some((t) => t.t === 'html' && t.v.includes('x1.png'))).toBe(true);
  });

  it('marks emphasis and strong text', () => {
    const items = walkItems(md('1. [**T.**](https://arxiv.org/abs/1904.10509) _A, B._ Arxiv 2019.'));
    const texts = (items[0]?.blocks.flat() ?? []).filter((t) => t.t === 'text');
    expect(texts.find((t) => t.t === 'text' && t.em)?.v).toBe('A, B.');
    expect(texts.find((t) => t.t === 'text' && !t.em && t.v.includes('Arxiv'))?.v.trim()).toBe('Arxiv 2019.');
  });

  it('returns nothing for an empty document', () => {
    expect(walkItems('')).toEqual([]);
  });
});

describe('headingText', () => {
  it('keeps emoji and resolves escapes', () => {
    const tree = parseMarkdown('## 🤖 Model-Centric Methods\n## Metrics \\& Benchmarks\n');
    const [a, b] = tree.children;
    expect(a && headingText(a)).toBe('🤖 Model-Centric Methods');
    expect(b && headingText(b)).toBe('Metrics & Benchmarks');
  });
});
