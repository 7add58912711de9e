/**
 * BibTeX field values (LaTeX markup) to plain text: accents (`\"o`, `{\"o}`, `\"{o}`, `\'{\i}`, `\v c`) become
 * precomposed UTF-8, letter commands (`\ss`, `\L`, `\o`) their letters, escapes (`\&`, `\%`, `\_`) their
 * characters, text commands (`\textbackslash{}`, `\textasciitilde{}`) their symbols, formatting commands
 * (`\emph{…}`, `\textbf{…}`) their content, grouping braces vanish, `~` is a space and TeX's ligatures
 * (`--`, `---`, ``` `` ```, `''`) become – — “ ”. Inline math (`$O(n^2)$`) is kept verbatim, dollars included:
 * that is how arXiv writes titles, and how lib/export/latex.ts writes math back.
 *
 * Never throws, runs in linear time (accent arguments nest at most MAX_DEPTH deep), and is the exact inverse
 * of lib/export/latex.ts for any text that module produces.
 */

// Accent commands to combining marks (U+0300 block).
const ACCENTS: Readonly<Record<string, string>> = {
  '`': '\u0300',
  "'": '\u0301',
  '^': '\u0302',
  '~': '\u0303',
  '=': '\u0304',
  u: '\u0306',
  '.': '\u0307',
  '"': '\u0308',
  r: '\u030A',
  H: '\u030B',
  v: '\u030C',
  d: '\u0323',
  c: '\u0327',
  k: '\u0328',
  b: '\u0331',
  t: '\u0361',
};
// What an accent with an empty argument (`\~{}`, `\^{}`) prints: the spacing form of the accent.
const SPACING_ACCENTS: Readonly<Record<string, string>> = {
  '`': '`',
  "'": '´',
  '^': '^',
  '~': '~',
  '=': '¯',
  '.': '˙',
  '"': '¨',
};

// Control words that stand for a character or a short text.
const SYMBOLS: Readonly<Record<string, string>> = {
  ss: 'ß',
  SS: 'SS',
  ae: 'æ',
  AE: 'Æ',
  oe: 'œ',
  OE: 'Œ',
  aa: 'å',
  AA: 'Å',
  o: 'ø',
  O: 'Ø',
  l: 'ł',
  L: 'Ł',
  i: 'ı',
  j: 'ȷ',
  dh: 'ð',
  DH: 'Ð',
  th: 'þ',
  TH: 'Þ',
  ng: 'ŋ',
  NG: 'Ŋ',
  dj: 'đ',
  DJ: 'Đ',
  textbackslash: '\\',
  textbraceleft: '{',
  textbraceright: '}',
  textasciitilde: '~',
  textasciicircum: '^',
  textunderscore: '_',
  textdollar: '$',
  textbar: '|',
  textless: '<',
  textgreater: '>',
  textendash: '–',
  textemdash: '—',
  textquoteleft: '‘',
  textquoteright: '’',
  textquotedblleft: '“',
  textquotedblright: '”',
  textquotedbl: '"',
  textquotesingle: "'",
  guillemotleft: '«',
  guillemotright: '»',
  guillemetleft: '«',
  guillemetright: '»',
  textellipsis: '…',
  ldots: '…',
  dots: '…',
  textregistered: '®',
  texttrademark: '™',
  textcopyright: '©',
  copyright: '©',
  textdegree: '°',
  textsection: '§',
  S: '§',
  textparagraph: '¶',
  P: '¶',
  pounds: '£',
  textsterling: '£',
  texteuro: '€',
  euro: '€',
  textperiodcentered: '·',
  textbullet: '•',
  textdagger: '†',
  dag: '†',
  textasteriskcentered: '*',
  textexclamdown: '¡',
  textquestiondown: '¿',
  quad: ' ',
  qquad: ' ',
  LaTeX: 'LaTeX',
  LaTeXe: 'LaTeX2e',
  TeX: 'TeX',
  BibTeX: 'BibTeX',
  // Greek letters outside math (\alpha-NET); inside math they are kept verbatim with the math.
  alpha: 'α',
  beta: 'β',
  gamma: 'γ',
  delta: 'δ',
  epsilon: 'ε',
  varepsilon: 'ε',
  zeta: 'ζ',
  eta: 'η',
  theta: 'θ',
  kappa: 'κ',
  lambda: 'λ',
  mu: 'μ',
  nu: 'ν',
  xi: 'ξ',
  pi: 'π',
  rho: 'ρ',
  sigma: 'σ',
  tau: 'τ',
  phi: 'φ',
  chi: 'χ',
  psi: 'ψ',
  omega: 'ω',
  Gamma: 'Γ',
  Delta: 'Δ',
  Theta: 'Θ',
  Lambda: 'Λ',
  Pi: 'Π',
  Sigma: 'Σ',
  Phi: 'Φ',
  Psi: 'Ψ',
  Omega: 'Ω',
};

// Control symbols: `\&` and friends are the character itself; spacing commands a space; the rest nothing.
const CONTROL_SYMBOLS: Readonly<Record<string, string>> = {
  '&': '&',
  '%': '%',
  $: '$',
  '#': '#',
  _: '_',
  '{': '{',
  '}': '}',
  ' ': ' ',
  '\n': ' ',
  '\t': ' ',
  '\\': ' ',
  ',': ' ',
  ';': ' ',
  ':': ' ',
  '>': ' ',
  '!': '',
  '/': '',
  '-': '',
  '@': '',
};

// `\href{url}{text}` prints its second argument only.
const SKIP_FIRST_ARGUMENT: ReadonlySet<string> = new Set(['href']);
// Accent arguments nest rarely more than twice (`\'{\i}`); deeper nesting is flattened, never recursed.
const MAX_DEPTH = 8;
// Control-word names are short; the cap keeps a run of letters after a backslash from being scanned as one.
const MAX_COMMAND = 40;

const isLetter = (ch: string | undefined) => ch !== undefined && /[A-Za-z]/.test(ch);
const isSpace = (ch: string | undefined) => ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r';

/**
 * For each '{' that is closed, the index just past its matching '}', found in one pass so that no argument is
 * scanned twice. A backslash escapes the next character, as in `\{`.
 */
function matchBraces(src: string): Map<number, number> {
  const ends = new Map<number, number>();
  const open: number[] = [];
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    if (ch === '\\') i++;
    else if (ch === '{') open.push(i);
    else if (ch === '}' && open.length > 0) ends.set(open.pop()!, i + 1);
  }
  return ends;
}

/** Put an accent on the first character of `base` (dotless ı/ȷ take it as i/j, as LaTeX's `\'{\i}` means). */
function accent(mark: string, spacing: string | undefined, base: string): string {
  const chars = Array.from(base);
  if (chars.length === 0) return spacing ?? '';
  const first = chars[0] === 'ı' ? 'i' : chars[0] === 'ȷ' ? 'j' : chars[0]!;
  return `${first}${mark}`.normalize('NFC') + chars.slice(1).join('');
}

/** One decoding pass over a value (or, one level down, over an accent's argument). */
class Decoder {
  // Computed on first use: most values have no accent argument to look up.
  private ends: Map<number, number> | null = null;
  // Set once a '$' finds no closing '$': none further on can either, so later ones are taken literally.
  private mathExhausted = false;

  constructor(
    private readonly src: string,
    private readonly depth: number,
  ) {}

  /** Index just past the '}' closing the group that opens at `open`; undefined when it is never closed. */
  private groupEnd(open: number): number | undefined {
    this.ends ??= matchBraces(this.src);
    return this.ends.get(open);
  }

  run(): string {
    const src = this.src;
    let out = '';
    let i = 0;
    while (i < src.length) {
      const ch = src[i]!;
      if (ch === '{' || ch === '}') {
        i++;
      } else if (ch === '$') {
        const end = this.mathExhausted ? -1 : this.mathEnd(i);
        if (end === -1) {
          this.mathExhausted = true;
          out += '$';
          i++;
        } else {
          out += src.slice(i, end + 1);
          i = end + 1;
        }
      } else if (ch === '~') {
        out += ' ';
        i++;
      } else if (ch === '-' && src[i + 1] === '-') {
        const em = src[i + 2] === '-';
        out += em ? '—' : '–';
        i += em ? 3 : 2;
      } else if ((ch === '`' || ch === "'") && src[i + 1] === ch) {
        out += ch === '`' ? '“' : '”';
        i += 2;
      } else if (ch === '\\') {
        const [text, next] = this.command(i);
        out += text;
        i = next;
      } else {
        out += ch;
        i++;
      }
    }
    return out;
  }

  /** Index of the `$` closing math opened at `open`, or -1. Escaped dollars (`\$`) do not close it. */
  private mathEnd(open: number): number {
    const src = this.src;
    for (let i = open + 1; i < src.length; i++) {
      if (src[i] === '\\') i++;
      else if (src[i] === '$') return i;
    }
    return -1;
  }

  /** The argument of an accent starting at `i`: [decoded text, index after it]. */
  private accentArgument(i: number): [string, number] {
    const src = this.src;
    let j = i;
    while (isSpace(src[j])) j++;
    if (j >= src.length) return ['', j];
    if (src[j] === '{') {
      const end = this.groupEnd(j);
      // An argument that never closes is malformed: the accent gets none, and reading goes on after the '{'.
      if (end === undefined) return ['', j + 1];
      const inner = src.slice(j + 1, end - 1);
      if (this.depth >= MAX_DEPTH) return [inner.replace(/[{}\\]/g, ''), end];
      return [new Decoder(inner, this.depth + 1).run(), end];
    }
    if (src[j] === '\\') {
      if (this.depth >= MAX_DEPTH) return ['', j + 1];
      const [text, end] = new Decoder(src.slice(j, j + MAX_COMMAND + 2), this.depth + 1).command(0);
      return [text, j + end];
    }
    const char = String.fromCodePoint(src.codePointAt(j)!);
    return [char, j + char.length];
  }

  /** A command starting at the backslash at `i`: [its text, index after it]. */
  command(i: number): [string, number] {
    const src = this.src;
    const next = src[i + 1];
    if (next === undefined) return ['', i + 1];
    if (!isLetter(next)) {
      // Control symbol.
      const mark = ACCENTS[next];
      if (mark !== undefined) {
        const [base, end] = this.accentArgument(i + 2);
        return [accent(mark, SPACING_ACCENTS[next], base), end];
      }
      if (next === '\r') return [' ', i + 2];
      return [CONTROL_SYMBOLS[next] ?? next, i + 2];
    }
    let j = i + 1;
    while (j < src.length && j - i <= MAX_COMMAND && isLetter(src[j])) j++;
    const name = src.slice(i + 1, j);
    // TeX swallows the spaces after a control word, and an empty group right after one only ends it.
    const nameEnd = j;
    while (isSpace(src[j])) j++;
    const mark = ACCENTS[name];
    if (mark !== undefined && name.length === 1) {
      const [base, end] = this.accentArgument(j);
      return [accent(mark, undefined, base), end];
    }
    if (src[j] === '{' && src[j + 1] === '}') j += 2;
    if (Object.hasOwn(SYMBOLS, name)) return [SYMBOLS[name]!, j];
    if (SKIP_FIRST_ARGUMENT.has(name) && src[j] === '{') return ['', this.groupEnd(j) ?? j];
    // A formatting or unknown command with an argument (\emph{…}, \textbf{…}, \url{…}): its content remains,
    // as the braces are dropped. Without an argument, the name is all a reader can use, kept as a word.
    if (src[j] === '{') return ['', j];
    return [j > nameEnd ? `${name} ` : name, j];
  }
}

/** Options of decodeLatex. */
export interface DecodeOptions {
  /** Keep line breaks (for notes); otherwise all ASCII whitespace runs become one space. */
  keepNewlines?: boolean;
}

/** Plain text of a BibTeX field value. Never throws. */
export function decodeLatex(value: string, options: DecodeOptions = {}): string {
  if (typeof value !== 'string') return '';
  let text: string;
  try {
    text = new Decoder(value, 0).run();
  } catch {
    // Nothing above throws by design; a value it cannot read is better dropped than crashing an import.
    return '';
  }
  if (options.keepNewlines) {
    return text
      .replace(/\r\n?/g, '\n')
      .replace(/[ \t]*\n[ \t]*/g, '\n')
      .trim();
  }
  return text.replace(/[ \t\n\r\f\v]+/g, ' ').trim();
}
