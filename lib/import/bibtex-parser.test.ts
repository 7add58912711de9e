import { describe, expect, it } from 'vitest';
import { type BibEntry, type BibError, parseBibtex } from './bibtex-parser';

const entries = (text: string) => parseBibtex(text).blocks.filter((b): b is BibEntry => b.kind === 'entry');
const errors = (text: string) => parseBibtex(text).blocks.filter((b): b is BibError => b.kind === 'error');
const fields = (text: string) => Object.fromEntries(entries(text)[0]?.fields ?? []);

describe('parseBibtex: values', () => {
  it.each([
    ['braces', '@misc{k, title = {A {Nested} Title}}', { title: 'A {Nested} Title' }],
    ['quotes', '@misc{k, title = "A {"}quoted{"} Title"}', { title: 'A {"}quoted{"} Title' }],
    ['bare number', '@misc{k, year = 2021}', { year: '2021' }],
    ['month macro', '@misc{k, month = dec}', { month: 'December' }],
    ['@string macro', '@string{x = "Expanded"} @misc{k, journal = x}', { journal: 'Expanded' }],
    ['@STRING in braces', '@STRING{x = {Expanded}} @misc{k, journal = X}', { journal: 'Expanded' }],
    ['undefined macro', '@misc{k, journal = nowhere}', { journal: '' }],
    ['concatenation', '@string{a = "Ad"} @misc{k, t = a # "vances " # {in} # 1}', { t: 'Advances in1' }],
    ['upper-case names', '@ARTICLE{k, TITLE = {T}, Author = {A}}', { title: 'T', author: 'A' }],
    ['trailing comma', '@misc{k, title = {T},\n}', { title: 'T' }],
    ['first of a repeated field wins', '@misc{k, title = {First}, title = {Second}}', { title: 'First' }],
    ['parentheses', '@misc(k, title = {T (with parens)})', { title: 'T (with parens)' }],
    ['no space anywhere', '@misc{k,title={T},year=2020}', { title: 'T', year: '2020' }],
    [
      'field names with colons and dashes',
      '@misc{k, bdsk-url-1 = {u}, x:y = {v}}',
      { 'bdsk-url-1': 'u', 'x:y': 'v' },
    ],
  ])('%s', (_, text, expected) => {
    expect(fields(text)).toEqual(expected);
  });

  it('reads type, key and line of each entry', () => {
    const text = 'junk\n\n@Article{first,\n title={A}}\n@misc{second-key:2021/x, title={B}}';
    expect(entries(text).map(({ type, key, line, index }) => ({ type, key, line, index }))).toEqual([
      { type: 'article', key: 'first', line: 3, index: 0 },
      { type: 'misc', key: 'second-key:2021/x', line: 5, index: 1 },
    ]);
  });

  it('accepts an entry with no key or no fields', () => {
    expect(entries('@misc{title = {No key}}')[0]).toMatchObject({
      key: '',
      fields: new Map([['title', 'No key']]),
    });
    expect(entries('@misc{lonely}')[0]).toMatchObject({ key: 'lonely', fields: new Map() });
  });
});

describe('parseBibtex: what is not an entry', () => {
  it.each([
    ['@comment', '@comment{ an {unbalanced} comment with @misc{inside, title={x}} }'],
    ['@preamble', '@preamble{ "\\newcommand{\\x}{y}" }'],
    ['@string', '@string{ a = "b" }'],
    ['an e-mail address', 'write to me@example.org please'],
    ['an @ before nothing', 'trailing @'],
    ['free text', 'no entries here at all'],
    ['empty', ''],
  ])('%s yields no entry', (_, text) => {
    expect(parseBibtex(text).blocks).toEqual([]);
  });
});

describe('parseBibtex: malformed entries', () => {
  it.each([
    ['unclosed brace at the end of the file', '@misc{k, title = {never closed', /file ends/],
    ['unclosed quote', '@misc{k, title = "never closed', /unclosed quote/],
    ['missing =', '@misc{k, title {x}}', /expected "=" after "title"/],
    ['missing comma between fields', '@misc{k, title = {x} year = 2020}', /expected "," or "}"/],
    ['a value that is not a value', '@misc{k, title = ,}', /expected a value/],
    ['missing comma after the key', '@misc{k title = {x}}', /expected ","/],
    ['an extra closing brace in a quoted value', '@misc{k, title = "a } b"}', /unbalanced "}"/],
    ['the file ends after the key', '@misc{k,', /file ends/],
  ])('%s is reported, not thrown', (_, text, message) => {
    const found = errors(text);
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toMatch(message);
    expect(found[0]!.index).toBe(0);
  });

  it('resumes at the next line-starting entry after an unclosed brace', () => {
    const text =
      '@misc{a, title = {Open {brace,\n  year = 2020}\n\n@misc{b, title = {B}}\n@misc{c, title = {C}}';
    const { blocks } = parseBibtex(text);
    expect(blocks.map((b) => b.kind)).toEqual(['error', 'entry', 'entry']);
    expect((blocks[0] as BibError).message).toMatch(/runs into the entry on line 4/);
    expect(blocks.map((b) => b.index)).toEqual([0, 1, 2]);
  });

  it('resumes after a broken entry even when the next one is on the same line', () => {
    const { blocks } = parseBibtex('@misc{a, title = } @misc{b, title = {B}}');
    expect(blocks.map((b) => b.kind)).toEqual(['error', 'entry']);
  });

  it('stops after maxEntries and says so', () => {
    const text = Array.from({ length: 5 }, (_, i) => `@misc{k${i}, title = {T${i}}}`).join('\n');
    const result = parseBibtex(text, { maxEntries: 3 });
    expect(result.blocks).toHaveLength(3);
    expect(result.stoppedEarly).toMatch(/more than 3 entries/);
    expect(parseBibtex(text).stoppedEarly).toBeNull();
  });

  it('stays linear on input built to make resumption rescan the file', () => {
    const hostile = [
      '@a{k,t={'.repeat(40_000), // every entry unclosed, all on one line
      '@a{'.repeat(100_000),
      `@misc{k, t = {${'{'.repeat(100_000)}`,
      '@string{x = x # x # '.repeat(20_000),
      `${'@misc{k, title = "'.repeat(30_000)}`,
    ];
    for (const text of hostile) {
      const start = performance.now();
      const result = parseBibtex(text);
      expect(Array.isArray(result.blocks)).toBe(true);
      expect(performance.now() - start).toBeLessThan(5_000);
    }
  });

  it('is not confused by prototype-like names', () => {
    const text = '@string{__proto__ = "p"} @misc{constructor, __proto__ = {x}, title = __proto__}';
    const [entry] = entries(text);
    expect(entry!.key).toBe('constructor');
    expect(entry!.fields.get('__proto__')).toBe('x');
    expect(entry!.fields.get('title')).toBe('p');
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});
