import { describe, expect, it } from 'vitest';
import { bracesBalanced, escapeLatex, latexTitle, latexValue, needsCaseProtection, splitMath } from './latex';

describe('escapeLatex', () => {
  it.each([
    ['&%$#_', '\\&\\%\\$\\#\\_'],
    ['~^', '\\textasciitilde{}\\textasciicircum{}'],
    ['C:\\Temp', 'C:\\textbackslash{}Temp'],
    ['a--b', 'a-{}-b'],
    ['a---b', 'a-{}-{}-b'],
    ["``q''", "`{}`q'{}'"],
    ["single ` and ' stay", "single ` and ' stay"],
    ['ctrl\u0000\u001Bchars', 'ctrl  chars'],
    ['Ünïcödé 中文 😀', 'Ünïcödé 中文 😀'],
    ['plain text', 'plain text'],
  ])('%j → %j', (text, expected) => {
    expect(escapeLatex(text, 'escape')).toBe(expected);
  });

  it('writes braces as \\{ \\} or, when unpaired, as brace-free commands', () => {
    expect(escapeLatex('{x}', 'escape')).toBe('\\{x\\}');
    expect(escapeLatex('{x', 'command')).toBe('\\textbraceleft{}x');
    expect(latexValue('a { b')).toBe('a \\textbraceleft{} b');
    expect(latexValue('a } b {')).toBe('a \\textbraceright{} b \\textbraceleft{}');
    expect(latexValue('{a} {b}')).toBe('\\{a\\} \\{b\\}');
  });

  it('protects "@" at the start of a line (a reader could take it for an entry) and keeps line breaks on request', () => {
    expect(escapeLatex('@misc{x}\n  @article', 'escape', true)).toBe('{@}misc\\{x\\}\n  {@}article');
    expect(escapeLatex('mail me@home', 'escape', true)).toBe('mail me@home');
    expect(escapeLatex('a\nb', 'escape')).toBe('a b');
  });
});

describe('splitMath', () => {
  it.each([
    [
      '$O(n^2)$ Memory',
      [
        ['$O(n^2)$', true],
        [' Memory', false],
      ],
    ],
    [
      'Sub-$\\mathcal{O}(n)$ x',
      [
        ['Sub-', false],
        ['$\\mathcal{O}(n)$', true],
        [' x', false],
      ],
    ],
    // Negatives: pandoc's rules, unsafe content, escaped dollars, display math.
    ['$5 and $10', [['$5 and $10', false]]],
    ['costs $ 5$', [['costs $ 5$', false]]],
    ['$x $', [['$x $', false]]],
    ['$a$1', [['$a$1', false]]],
    ['$50% off$', [['$50% off$', false]]],
    ['$a{b$', [['$a{b$', false]]],
    ['\\$x$', [['\\$x$', false]]],
    ['$$x$$', [['$$x$$', false]]],
    ['no math', [['no math', false]]],
    ['', []],
  ])('%j', (text, expected) => {
    expect(splitMath(text).map((s) => [s.text, s.math])).toEqual(expected);
  });
});

describe('needsCaseProtection', () => {
  it.each([
    ['LoRA', true],
    ['GPT-3', true],
    ['mT5', true],
    ['T5', true],
    ['QLoRA', true],
    ['Q&A', true],
    ['BERT', true],
    ['iPhone', true],
    ['Attention_v2', true],
    // Ordinary title-case words are left to the style.
    ['Low-Rank', false],
    ['Mixture-of-Experts', false],
    ['Large', false],
    ['the', false],
    ['A', false],
    ['Ελληνικά', false],
    ['中文', false],
    ['2021', false],
  ])('%s → %s', (word, expected) => {
    expect(needsCaseProtection(word)).toBe(expected);
  });
});

describe('latexTitle', () => {
  it.each([
    ['LoRA: Low-Rank Adaptation', '{LoRA}: Low-Rank Adaptation'],
    ['Is GPT-3 (Really) All?', 'Is {GPT-3} (Really) All?'],
    ['Self-attention Does Not Need $O(n^2)$ Memory', 'Self-attention Does Not Need {$O(n^2)$} Memory'],
    ['Q&A at 50%', '{Q\\&A} at 50\\%'],
    ['  spaced\n\ttitle  ', 'spaced title'],
    ['(QLoRA),', '({QLoRA}),'],
  ])('%j → %j', (title, expected) => {
    expect(latexTitle(title)).toBe(expected);
  });

  it('always yields balanced braces', () => {
    for (const title of ['{', '}', '}{', '{LoRA', 'LoRA}', '$a{$ {', 'A{B C}D', '\\{']) {
      expect(bracesBalanced(latexTitle(title)), title).toBe(true);
    }
  });
});
