import { describe, expect, it } from 'vitest';
import { latexTitle, latexValue } from '../export/latex';
import { randomText, randomTools } from '../export/test-random';
import { decodeLatex } from './latex-decode';

describe('decodeLatex', () => {
  it.each([
    // Accents, in every spelling BibTeX files use.
    ['Schr\\"odinger', 'Schrödinger'],
    ['Schr{\\"o}dinger', 'Schrödinger'],
    ['Schr\\"{o}dinger', 'Schrödinger'],
    ['Schr\\" odinger', 'Schrödinger'],
    ["Jos\\'e", 'José'],
    ["Jos\\'{e}", 'José'],
    ["Mar\\'{\\i}a", 'María'],
    ["Mar\\'\\i a", 'María'],
    ['\\L{}ukasz', 'Łukasz'],
    ['{\\L}ukasz', 'Łukasz'],
    ['\\L ukasz', 'Łukasz'],
    ['Erd\\H{o}s', 'Erdős'],
    ['\\v{C}ech', 'Čech'],
    ['\\v Cech', 'Čech'],
    ['Gar\\c{c}on', 'Garçon'],
    ['\\c c', 'ç'],
    ['Ma\\~nana', 'Mañana'],
    ['\\`a la', 'à la'],
    ['\\^ile', 'île'],
    ['\\k{a}', 'ą'],
    ['\\r{A}ngstr\\"om', 'Ångström'],
    ['\\aa{}', 'å'],
    ['Gro\\ss e', 'Große'],
    ['Gro{\\ss}e', 'Große'],
    ['\\o{}', 'ø'],
    ['\\={a}', 'ā'],
    ['\\.{Z}', 'Ż'],
    ['\\u{a}', 'ă'],
    // Escapes and text symbols.
    ['Q\\&A', 'Q&A'],
    ['50\\% off', '50% off'],
    ['\\$5', '$5'],
    ['\\#1', '#1'],
    ['a\\_b', 'a_b'],
    ['\\{x\\}', '{x}'],
    ['C:\\textbackslash{}Temp', 'C:\\Temp'],
    ['\\textasciitilde{}x\\textasciicircum{}', '~x^'],
    ['\\textbraceleft{}\\textbraceright{}', '{}'],
    ['\\~{}', '~'],
    ['\\^{}', '^'],
    // Formatting commands keep their content; grouping braces vanish.
    ['\\emph{Very} \\textbf{bold} \\textit{ideas}', 'Very bold ideas'],
    ['{{LoRA}: Low-Rank}', 'LoRA: Low-Rank'],
    ['\\href{https://x.test}{the link}', 'the link'],
    ['\\href{https://x.test/a\\}b}{the link}', 'the link'],
    ['\\url{https://x.test}', 'https://x.test'],
    ['\\LaTeX{} and \\TeX', 'LaTeX and TeX'],
    ['\\alpha-Net', 'α-Net'],
    ['\\unknowncommand here', 'unknowncommand here'],
    // Ligatures and spaces.
    ['1--2', '1–2'],
    ['a---b', 'a—b'],
    ['-{}-', '--'],
    ["``quoted''", '“quoted”'],
    ['`{}`', '``'],
    ['a~b', 'a b'],
    ['a\\ b', 'a b'],
    ['a\\\\b', 'a b'],
    ['  many\n\t spaces  ', 'many spaces'],
    ['hy\\-phen', 'hyphen'],
    // Math is verbatim, dollars included; an unclosed dollar is literal.
    ['Sub-$\\mathcal{O}(n)$ attention', 'Sub-$\\mathcal{O}(n)$ attention'],
    ['$O(n^2)$ Memory', '$O(n^2)$ Memory'],
    ['$a\\$b$', '$a\\$b$'],
    ['costs $5', 'costs $5'],
    // Unicode passes through untouched.
    ['中文标题 Ελληνικά עברית 😀', '中文标题 Ελληνικά עברית 😀'],
    ['a\u00A0b', 'a\u00A0b'],
    // Degenerate input.
    ['', ''],
    ['\\', ''],
    ['{', ''],
    ['}}}', ''],
    ['\\"', '¨'],
    ['\\"{}', '¨'],
  ])('%j → %j', (input, expected) => {
    expect(decodeLatex(input)).toBe(expected);
  });

  it('keeps line breaks only when asked', () => {
    expect(decodeLatex('first line\n  second\\&line ', { keepNewlines: true })).toBe(
      'first line\nsecond&line',
    );
    expect(decodeLatex('first line\r\nsecond', { keepNewlines: true })).toBe('first line\nsecond');
    expect(decodeLatex('first line\nsecond')).toBe('first line second');
  });

  it('returns "" for non-strings instead of throwing', () => {
    expect(decodeLatex(undefined as never)).toBe('');
    expect(decodeLatex(42 as never)).toBe('');
  });

  it('stays fast on hostile nesting and unclosed groups', () => {
    const hostile = [
      '\\"{'.repeat(50_000),
      '{'.repeat(200_000),
      '$'.repeat(100_000),
      `\\"${'\\"'.repeat(50_000)}o`,
    ];
    const start = performance.now();
    for (const text of hostile) expect(typeof decodeLatex(text)).toBe('string');
    expect(performance.now() - start).toBeLessThan(3_000);
  });
});

describe('decodeLatex inverts lib/export/latex.ts', () => {
  const collapse = (text: string) =>
    text
      .replace(/[\u0000-\u001F\u007F]/g, ' ')
      .replace(/[ \t\n\r\f\v]+/g, ' ')
      .trim();

  it.each([
    'Q&A at 50% of the Cost: $O(n^2)$ Attention_v2, {Braces}, ~Tildes^, C:\\Temp -- and #Tags',
    'Unbalanced { brace',
    'Unbalanced } brace',
    '}{',
    '$5 and $10',
    '$x$',
    '$ not math $',
    "``double'' and `single' quotes",
    '---',
    'Email me @ home',
    '\\"o is not an accent here',
    '$\\alpha$-Net and \\alpha',
  ])('title %j', (title) => {
    expect(decodeLatex(latexTitle(title))).toBe(collapse(title));
  });

  it('random titles (seeded)', () => {
    const tools = randomTools(7);
    for (let n = 0; n < 2_000; n++) {
      const text = randomText(tools, 40);
      expect(decodeLatex(latexTitle(text)), `seed 7 case ${n}: ${JSON.stringify(text)}`).toBe(collapse(text));
    }
  });

  it('random notes keep their lines (seeded)', () => {
    const tools = randomTools(8);
    for (let n = 0; n < 1_000; n++) {
      const text = randomText(tools, 40).replace(/[\r\u0000-\u0009\u000B-\u001F\u007F]/g, '');
      const expected = text.replace(/[ \t]*\n[ \t]*/g, '\n').trim();
      expect(decodeLatex(latexValue(text, true), { keepNewlines: true }), `seed 8 case ${n}`).toBe(expected);
    }
  });
});
