// @vitest-environment happy-dom
import { describe, expect, test } from 'vitest';
import { arxivAbsUrl, openreviewForumUrl, paperUrl, safeHttpUrl } from './links';

type LinkFields = Parameters<typeof paperUrl>[0];
const none: LinkFields = {
  arxivId: null,
  openreviewId: null,
  links: { code: [], openreview: null, other: [] },
};

describe('paperUrl', () => {
  test.each<[string, LinkFields, string | null]>([
    ['new-style arXiv id', { ...none, arxivId: '2312.00678' }, 'https://arxiv.org/abs/2312.00678'],
    [
      'old-style arXiv id keeps its slash',
      { ...none, arxivId: 'cs/0112017' },
      'https://arxiv.org/abs/cs/0112017',
    ],
    [
      'arXiv wins over OpenReview',
      {
        ...none,
        arxivId: '2106.09685',
        links: { code: [], openreview: 'https://openreview.net/forum?id=nZeVKeeFYf9', other: [] },
      },
      'https://arxiv.org/abs/2106.09685',
    ],
    [
      'stored OpenReview link',
      {
        ...none,
        openreviewId: 'abc',
        links: { code: [], openreview: 'https://openreview.net/forum?id=nZeVKeeFYf9', other: [] },
      },
      'https://openreview.net/forum?id=nZeVKeeFYf9',
    ],
    [
      'OpenReview forum id only',
      { ...none, openreviewId: 'nZeVKeeFYf9' },
      'https://openreview.net/forum?id=nZeVKeeFYf9',
    ],
    [
      'first other link',
      {
        ...none,
        links: {
          code: ['https://github.com/x/y'],
          openreview: null,
          other: ['https://aclanthology.org/2023.acl-long.1/', 'https://b.example/'],
        },
      },
      'https://aclanthology.org/2023.acl-long.1/',
    ],
    ['no links at all', none, null],
    [
      'code links are not paper links',
      { ...none, links: { code: ['https://github.com/x/y'], openreview: null, other: [] } },
      null,
    ],
    // Hostile or broken data from third-party markdown must never become an href.
    [
      'javascript: other link is skipped',
      { ...none, links: { code: [], openreview: null, other: ['javascript:alert(1)'] } },
      null,
    ],
    [
      'javascript: skipped, next usable one taken',
      {
        ...none,
        links: {
          code: [],
          openreview: null,
          other: ['javascript:alert(1)', 'not a url', 'https://ok.example/p'],
        },
      },
      'https://ok.example/p',
    ],
    [
      'data: OpenReview link falls back to the forum id',
      {
        ...none,
        openreviewId: 'F1',
        links: { code: [], openreview: 'data:text/html,<script>1</script>', other: [] },
      },
      'https://openreview.net/forum?id=F1',
    ],
  ])('%s', (_name, paper, expected) => {
    expect(paperUrl(paper)).toBe(expected);
  });
});

describe('url builders', () => {
  test('encode ids that contain URL syntax', () => {
    expect(openreviewForumUrl('a&b=c#d')).toBe('https://openreview.net/forum?id=a%26b%3Dc%23d');
    expect(arxivAbsUrl('2401.00001?x')).toBe('https://arxiv.org/abs/2401.00001%3Fx');
  });

  test.each([
    ['https://a.example/x', 'https://a.example/x'],
    ['http://a.example/x', 'http://a.example/x'],
    ['javascript:alert(1)', null],
    ['JAVASCRIPT:alert(1)', null],
    ['data:text/html,x', null],
    ['ftp://a.example/', null],
    ['/relative', null],
    ['', null],
    [null, null],
    [undefined, null],
  ])('safeHttpUrl(%j) = %j', (input, expected) => {
    expect(safeHttpUrl(input)).toBe(expected);
  });
});
