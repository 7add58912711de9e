import { afterAll, describe, expect, it } from 'vitest';
import { closeDocuments, loadDocument } from './test-helpers';
import {
  cleanAuthors,
  cleanText,
  elementText,
  MAX_AUTHOR_LENGTH,
  MAX_AUTHORS,
  MAX_TITLE_LENGTH,
} from './text';

afterAll(closeDocuments);

describe('cleanText', () => {
  it.each([
    ['  A   title\n\twith\u00A0spaces ', 'A title with spaces'],
    ['<b>markup</b> &amp; entities', '<b>markup</b> &amp; entities'],
    ['\u200B\uFEFF Title \u200D\u2060', 'Title'],
    ['A\u200Bb', 'A\u200Bb'],
    ['\u202Eevil\u202C text', '\u202Eevil\u202C text'],
    ['\u2067עברית\u2069', '\u2067עברית\u2069'],
  ])('cleans %j to %j', (raw, expected) => {
    expect(cleanText(raw)).toBe(expected);
  });

  it.each([
    [''],
    ['   '],
    ['\u200B\u00A0\n'],
    ['\u202E\u202C'],
    [' \u2067\u200B\u2069 '],
    ['\u200E\u00AD\u200F'],
    [null],
    [undefined],
    [42],
    [{}],
  ])('gives null for %j', (raw) => {
    expect(cleanText(raw)).toBeNull();
  });

  it('caps at the limit and never splits a surrogate pair', () => {
    expect(cleanText('x'.repeat(5000))).toHaveLength(MAX_TITLE_LENGTH);
    const emoji = `${'a'.repeat(9)}😀😀`; // the cut at 10 falls inside the first emoji
    expect(cleanText(emoji, 10)).toBe('a'.repeat(9));
    expect(cleanText(`${'a'.repeat(8)}😀😀`, 10)).toBe(`${'a'.repeat(8)}😀`);
  });

  it('does not leave a trailing space at the cut', () => {
    expect(cleanText('abcd efgh', 5)).toBe('abcd');
  });

  it('bounds the work on multi-megabyte input', () => {
    const huge = 'word '.repeat(2_000_000);
    const started = performance.now();
    const out = cleanText(huge);
    expect(out).toHaveLength(MAX_TITLE_LENGTH - 1); // the cut falls after "word", before its space
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('elementText', () => {
  const doc = loadDocument(
    `<!DOCTYPE html><html><body>
      <h1 id="t"><span class="descriptor">Title:</span> Hello <b>bold</b><script>evil()</script><style>p{}</style>
        <noscript>no js</noscript><template><p>tpl</p></template><!-- comment --> world</h1>
      <p id="br">Name<sup>1</sup><br>Affiliation</p>
      <div id="deep"></div>
    </body></html>`,
    'https://example.org/',
  );

  it('reads text nodes only, leaves out skipped subtrees and script-like elements', () => {
    expect(elementText(doc.getElementById('t'), { skip: '.descriptor' })).toBe('Hello bold world');
    expect(elementText(doc.getElementById('t'))).toBe('Title: Hello bold world');
  });

  it('stops at stopAt and skips by selector', () => {
    expect(elementText(doc.getElementById('br'), { skip: 'sup', stopAt: 'br' })).toBe('Name');
    expect(elementText(doc.getElementById('br'))).toBe('Name1Affiliation');
  });

  it('gives null for a missing or empty element', () => {
    expect(elementText(null)).toBeNull();
    expect(elementText(doc.getElementById('deep'))).toBeNull();
  });
});

describe('cleanAuthors', () => {
  it('cleans, drops empties, keeps repeated names, caps length and count', () => {
    expect(cleanAuthors([' Ada  Lovelace ', '', null, '\u200B', 'Wei Zhang', 'Wei Zhang'])).toEqual([
      'Ada Lovelace',
      'Wei Zhang',
      'Wei Zhang',
    ]);
    expect(cleanAuthors(['n'.repeat(1000)])[0]).toHaveLength(MAX_AUTHOR_LENGTH);
    expect(cleanAuthors(Array.from({ length: 500 }, (_, i) => `Author ${i}`))).toHaveLength(MAX_AUTHORS);
  });
});
