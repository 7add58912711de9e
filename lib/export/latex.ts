/**
 * Plain text to BibTeX field values. Non-ASCII characters are kept as UTF-8 (biber/biblatex read UTF-8 natively,
 * and with `\usepackage[utf8]{inputenc}`, the default since LaTeX 2018, so does classic BibTeX for Latin
 * scripts); converting "ö" to `\"{o}` would gain nothing for them and has no equivalent for 中文 or עברית.
 *
 * What is escaped is exactly what lib/import/latex-decode.ts undoes, so export → import gives the text back:
 * the ten LaTeX specials, the ligatures TeX would form (`--`, ``` `` ```, `''`), and `@` at the start of a line
 * (where a BibTeX reader could take it for a new entry). Well-formed inline math (`$O(n^2)$`, as arXiv titles
 * write it) is passed through as math.
 */

/** A run of text, or an inline-math span kept verbatim (with its dollars). */
export interface TextSegment {
  math: boolean;
  text: string;
}

/** True when braces in `text` nest properly (never more closing than opening, all closed). */
export function bracesBalanced(text: string): boolean {
  let depth = 0;
  for (const ch of text) {
    if (ch === '{') depth++;
    else if (ch === '}' && --depth < 0) return false;
  }
  return depth === 0;
}

// What breaks LaTeX or BibTeX inside math (comments, parameters, alignment tabs, control characters, an
// escaped dollar that a reader could take for the closing one): a span holding any of it is not taken for math.
const UNSAFE_IN_MATH = /[%#&\u0000-\u001F\u007F]|\\\$/;

/**
 * Split text into plain runs and inline math. A `$…$` span counts as math with pandoc's rule (the opening `$`
 * is followed by a non-space, the closing one preceded by a non-space and not followed by a digit, so
 * "$5 and $10" stays text), when its braces balance and it holds nothing unsafe.
 */
export function splitMath(text: string): TextSegment[] {
  const segments: TextSegment[] = [];
  let plainStart = 0;
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf('$', i);
    if (open === -1) break;
    i = open + 1;
    const first = text[open + 1];
    // Not after a backslash (an escaped dollar) or another dollar (display math, left as text).
    if (open > 0 && (text[open - 1] === '\\' || text[open - 1] === '$')) continue;
    if (first === undefined || first === '$' || /\s/.test(first)) continue;
    let close = -1;
    for (let j = open + 2; j < text.length; j++) {
      if (text[j] !== '$') continue;
      if (/\s/.test(text[j - 1]!) || text[j - 1] === '\\' || /[\d$]/.test(text[j + 1] ?? '')) continue;
      close = j;
      break;
    }
    if (close === -1) break;
    const span = text.slice(open, close + 1);
    if (!bracesBalanced(span) || UNSAFE_IN_MATH.test(span)) continue;
    if (open > plainStart) segments.push({ math: false, text: text.slice(plainStart, open) });
    segments.push({ math: true, text: span });
    plainStart = close + 1;
    i = close + 1;
  }
  if (plainStart < text.length) segments.push({ math: false, text: text.slice(plainStart) });
  return segments;
}

/** How literal braces are written: `\{ \}` when they pair up, else the brace-free text commands. */
export type BraceStyle = 'escape' | 'command';

const SIMPLE: Readonly<Record<string, string>> = {
  '&': '\\&',
  '%': '\\%',
  $: '\\$',
  '#': '\\#',
  _: '\\_',
  '~': '\\textasciitilde{}',
  '^': '\\textasciicircum{}',
  '\\': '\\textbackslash{}',
};

/**
 * Escape plain text for a BibTeX field (never inside math). BibTeX counts every brace, escaped or not, so an
 * unpaired brace is written as `\textbraceleft{}`/`\textbraceright{}` (style 'command'); paired ones read
 * better as `\{`/`\}`. Control characters become spaces; line breaks are kept only when `keepNewlines`.
 */
export function escapeLatex(text: string, braces: BraceStyle, keepNewlines = false): string {
  let out = '';
  let lineStart = true;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    const next = text[i + 1];
    if (ch === '\n' && keepNewlines) {
      out += '\n';
      lineStart = true;
      continue;
    }
    if (ch === '@' && lineStart) out += '{@}';
    else if (ch === '{') out += braces === 'escape' ? '\\{' : '\\textbraceleft{}';
    else if (ch === '}') out += braces === 'escape' ? '\\}' : '\\textbraceright{}';
    else if (SIMPLE[ch] !== undefined) out += SIMPLE[ch];
    // Break the ligatures TeX would form: "--" (en dash), "``" and "''" (curly quotes).
    else if ((ch === '-' || ch === '`' || ch === "'") && next === ch) out += `${ch}{}`;
    else if (/[\u0000-\u001F\u007F]/.test(ch)) out += ' ';
    else out += ch;
    if (!/[ \t]/.test(ch)) lineStart = false;
  }
  return out;
}

/** The brace style a value needs: 'escape' when the braces of its plain (non-math) text pair up. */
export function braceStyleFor(segments: readonly TextSegment[]): BraceStyle {
  const plain = segments
    .filter((s) => !s.math)
    .map((s) => s.text)
    .join('');
  return bracesBalanced(plain) ? 'escape' : 'command';
}

/** Escape a whole value (math spans verbatim), e.g. a name, a tag or a note. */
export function latexValue(text: string, keepNewlines = false): string {
  const segments = splitMath(text);
  const style = braceStyleFor(segments);
  return segments.map((s) => (s.math ? s.text : escapeLatex(s.text, style, keepNewlines))).join('');
}

const UPPER = /\p{Lu}/u;
const DIGIT = /\p{Nd}/u;
const EDGE_PUNCT = /^([^\p{L}\p{N}]*)(.*?)([^\p{L}\p{N}]*)$/su;

/**
 * Whether a word must keep its capitals when a style changes the title's case: an upper-case letter after the
 * first one of any hyphen/slash-separated part (LoRA, GPT-3, mT5, Q&A), or capitals mixed with digits (T5).
 * "Low-Rank", "Large", "Ελληνικά" are ordinary title-case words and are left to the style.
 */
export function needsCaseProtection(word: string): boolean {
  for (const part of word.split(/[-/‐–]/)) {
    const chars = Array.from(part);
    if (chars.slice(1).some((ch) => UPPER.test(ch))) return true;
    if (chars.some((ch) => UPPER.test(ch)) && chars.some((ch) => DIGIT.test(ch))) return true;
  }
  return false;
}

/**
 * A title as a BibTeX value body: escaped, ASCII whitespace collapsed (BibTeX does so anyway), words whose
 * capitals matter wrapped in braces ("{LoRA}:") and math spans braced so no style touches them.
 */
export function latexTitle(title: string): string {
  const segments = splitMath(title.replace(/[ \t\n\r\f\v]+/g, ' ').trim());
  const style = braceStyleFor(segments);
  let out = '';
  for (const segment of segments) {
    if (segment.math) {
      out += `{${segment.text}}`;
      continue;
    }
    for (const piece of segment.text.split(/( )/)) {
      if (piece === ' ' || piece === '') {
        out += piece;
        continue;
      }
      const [, lead = '', core = '', trail = ''] = EDGE_PUNCT.exec(piece) ?? [];
      if (core !== '' && needsCaseProtection(core)) {
        out += `${escapeLatex(lead, style)}{${escapeLatex(core, style)}}${escapeLatex(trail, style)}`;
      } else {
        out += escapeLatex(piece, style);
      }
    }
  }
  return out;
}
