// @vitest-environment happy-dom
import { afterEach, describe, expect, test, vi } from 'vitest';
import { accessibleName, type Mounted, makeRelated, mount } from '../shared/test-utils';
import { RelatedList } from './RelatedList';

let view: Mounted | undefined;
afterEach(() => view?.unmount());

const items = [
  makeRelated({
    id: 'arxiv:2210.17323',
    arxivId: '2210.17323',
    title: 'GPTQ',
    year: 2022,
    venue: 'ICLR 2023',
  }),
  makeRelated(
    {
      id: 'openreview:abc123',
      arxivId: null,
      openreviewId: 'abc123',
      title: 'Only On OpenReview',
      year: null,
      venue: null,
      leaves: ['pruning', 'knowledge-distillation'],
    },
    'shares terms: sparse, distillation',
  ),
  makeRelated(
    {
      id: 'acl:2023.acl-long.1',
      arxivId: null,
      title: 'ACL Only',
      year: 2023,
      venue: 'ACL',
      links: { code: [], openreview: null, other: ['https://aclanthology.org/2023.acl-long.1/'] },
    },
    '',
  ),
  makeRelated({ id: 'url:none', arxivId: null, title: 'No Link At All', year: 2021 }),
];

const itemEls = (v: Mounted) => v.$$('[data-testid="related-item"]');

describe('RelatedList', () => {
  test('one list item per related work, in order, with the best link', () => {
    view = mount(<RelatedList items={items} savedKeys={new Set()} />);
    const els = itemEls(view);
    expect(els.map((li) => li.dataset.recordId)).toEqual(items.map((i) => i.record.id));
    const hrefs = els.map((li) => li.querySelector('a.el-related-title')?.getAttribute('href') ?? null);
    expect(hrefs).toEqual([
      'https://arxiv.org/abs/2210.17323',
      'https://openreview.net/forum?id=abc123',
      'https://aclanthology.org/2023.acl-long.1/',
      null,
    ]);
    // Every link has discernible text: the title.
    for (const [i, li] of els.entries()) {
      const title = li.querySelector('.el-related-title')!;
      expect(accessibleName(title)).toBe(items[i]!.record.title);
    }
  });

  test('year and venue when known, nothing when neither', () => {
    view = mount(<RelatedList items={items} savedKeys={new Set()} />);
    const metas = itemEls(view).map(
      (li) => li.querySelector('[data-testid="related-meta"]')?.textContent ?? null,
    );
    expect(metas).toEqual(['2022 · ICLR 2023', null, '2023 · ACL', '2021']);
  });

  test('a chip per leaf of the related paper, named by the leaf', () => {
    view = mount(<RelatedList items={items} savedKeys={new Set()} />);
    const chips = itemEls(view).map((li) =>
      [...li.querySelectorAll('[data-testid="leaf-chip"]')].map((c) => accessibleName(c)),
    );
    expect(chips).toEqual([
      ['Quantization'],
      ['Pruning', 'Knowledge Distillation'],
      ['Quantization'],
      ['Quantization'],
    ]);
  });

  test('why-related text when given; none for an empty reason; hidden with hideReasons', () => {
    view = mount(<RelatedList items={items} savedKeys={new Set()} />);
    const reasons = itemEls(view).map(
      (li) => li.querySelector('[data-testid="related-reason"]')?.textContent ?? null,
    );
    expect(reasons).toEqual([
      'same leaf: Quantization',
      'shares terms: sparse, distillation',
      null,
      'same leaf: Quantization',
    ]);
    view.rerender(<RelatedList items={items} savedKeys={new Set()} hideReasons />);
    expect(view.$$('[data-testid="related-reason"]').length).toBe(0);
  });

  test('Saved mark exactly on the items whose record id is in savedKeys', () => {
    const savedKeys = new Set(['openreview:abc123', 'url:none', 'arxiv:not-in-list']);
    view = mount(<RelatedList items={items} savedKeys={savedKeys} />);
    const marked = itemEls(view).map(
      (li) => li.querySelector('[data-testid="saved-mark"]')?.textContent ?? null,
    );
    expect(marked).toEqual([null, 'Saved', null, 'Saved']);
  });

  test.each([
    [true, true, true],
    [true, false, false],
    [false, true, false],
    [false, false, false],
  ])('hasMore=%s onMore given=%s: More button shown=%s', (hasMore, withHandler, shown) => {
    const onMore = vi.fn();
    view = mount(
      <RelatedList
        items={items}
        savedKeys={new Set()}
        hasMore={hasMore}
        onMore={withHandler ? onMore : undefined}
      />,
    );
    const more = view.$('[data-testid="related-more"]') as HTMLButtonElement | null;
    expect(more !== null).toBe(shown);
    if (more) {
      expect(more.type).toBe('button');
      expect(accessibleName(more)).toBe('More related works');
      expect(more.textContent).toBe('More');
      more.click();
      expect(onMore).toHaveBeenCalledTimes(1);
    }
  });

  test('an empty list says so instead of rendering an empty list', () => {
    view = mount(<RelatedList items={[]} savedKeys={new Set()} />);
    expect(view.$('ul')).toBeNull();
    expect(view.$('[data-testid="related-empty"]')!.textContent).toBe('No related works in the dataset.');
  });
});
