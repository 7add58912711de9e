import { describe, expect, it } from 'vitest';
import { normalizeTitle, titleTokens } from './title';

// ---------------------------------------------------------------------------------------------------------
// Tables

/** Pairs a reader would call the same title (as they appear across arXiv, OpenReview, BibTeX, the survey). */
const SAME: [string, string][] = [
  [
    'LoRA: Low-Rank Adaptation of Large Language Models',
    'LoRA: Low-rank adaptation of large language models',
  ],
  ['QLoRA: Efficient Finetuning of Quantized LLMs', '{QLoRA}: Efficient Finetuning of Quantized {LLMs}'],
  [
    'FlashAttention: Fast and Memory-Efficient Exact Attention with IO-Awareness',
    'FlashAttention: Fast and Memory\u2011Efficient Exact Attention with IO\u2011Awareness', // non-breaking hyphen
  ],
  [
    'SmoothQuant: Accurate and Efficient Post-Training Quantization for Large Language Models',
    'SmoothQuant \u2014 accurate and efficient post\u2013training quantization for large language models',
  ],
  [
    'GPTQ: Accurate Post-Training Quantization for Generative Pre-trained Transformers',
    '  GPTQ:  Accurate  Post-training\tQuantization for Generative Pre-Trained Transformers. ',
  ],
  ['\\textsc{Mixtral} of Experts', 'Mixtral of Experts'],
  [
    'Efficient Memory Management for Large Language Model Serving with \\emph{PagedAttention}',
    'Efficient Memory Management for Large Language Model Serving with PagedAttention',
  ],
  [
    'Fast Inference from Transformers via Speculative Decoding',
    'FAST INFERENCE FROM TRANSFORMERS VIA SPECULATIVE DECODING',
  ],
  [
    "Don't Stop Pretraining: Adapt Language Models to Domains and Tasks",
    'Don\u2019t Stop Pretraining: Adapt Language Models to Domains and Tasks',
  ],
  [
    '"Are Emergent Abilities of Large Language Models a Mirage?"',
    '\u201cAre Emergent Abilities of Large Language Models a Mirage?\u201d',
  ],
  ['Schr\\"{o}dinger Bridges for Language Models', 'Schrödinger bridges for language models'],
  ['Schr\\"odinger Bridges for Language Models', 'Schro\u0308dinger Bridges for Language Models'], // combining diaeresis
  ['Sparse Attention \\`{a} la Carte', 'Sparse attention à la carte'],
  ['\\L{}ukasz and the Gro\\ss{}e Modelle', 'Łukasz and the Große Modelle'],
  ['Łukasz and the Große Modelle', 'Lukasz and the Grosse Modelle'],
  ['\\LaTeX{} Tables from Images', 'LaTeX Tables from Images'],
  ['$\\mathcal{O}(n)$ Attention', 'O(n) Attention'],
  ['Efficient \\emph{Fine-Tuning}', 'Efficient \ufb01ne-tuning'], // "ﬁ" ligature
  ['\uff26\uff55\uff4c\uff4c-width \uff2c\uff2c\uff2d', 'Full-width LLM'],
  [
    'The Efficiency Spectrum of Large Language Models: An Algorithmic Survey',
    'the efficiency spectrum of large language models an algorithmic survey',
  ],
  ['ΟΔΟΣ: A Greek Title', 'οδος: a greek title'], // final sigma
];

/** Pairs that look alike but are different papers. */
const DIFFERENT: [string, string][] = [
  [
    'LoRA: Low-Rank Adaptation of Large Language Models',
    'LoRA+: Efficient Low Rank Adaptation of Large Models',
  ],
  ['QLoRA: Efficient Finetuning of Quantized LLMs', 'LoRA: Efficient Finetuning of Quantized LLMs'],
  [
    'Llama 2: Open Foundation and Fine-Tuned Chat Models',
    'LLaMA: Open and Efficient Foundation Language Models',
  ],
  [
    'FlashAttention-2: Faster Attention with Better Parallelism and Work Partitioning',
    'FlashAttention-3: Faster Attention with Better Parallelism and Work Partitioning',
  ],
  ['Mixtral of Experts', 'Mixture of Experts'],
  ['Attention Is All You Need', 'Attention Is Not All You Need'],
  ['Language Models are Few-Shot Learners', 'Language Models are Unsupervised Multitask Learners'],
  [
    'BERT: Pre-training of Deep Bidirectional Transformers',
    'BART: Pre-training of Deep Bidirectional Transformers',
  ],
  [
    'Phi-2: The Surprising Power of Small Language Models',
    'Phi-3: The Surprising Power of Small Language Models',
  ],
  ['α-Divergence Minimisation', 'β-Divergence Minimisation'],
];

describe('normalizeTitle tables', () => {
  it.each(SAME)('%j == %j', (a, b) => {
    expect(normalizeTitle(a)).toBe(normalizeTitle(b));
    expect(normalizeTitle(a)).not.toBe('');
  });

  it.each(DIFFERENT)('%j != %j', (a, b) => {
    expect(normalizeTitle(a)).not.toBe(normalizeTitle(b));
  });

  it.each([
    [
      'LoRA: Low-Rank Adaptation of Large Language Models',
      'lora low rank adaptation of large language models',
    ],
    ['  Große   Modelle!  ', 'grosse modelle'],
    ['\\LaTeX{} is \\emph{great}', 'latex is great'],
    ["Erd\\H{o}s--R\\'enyi Graphs", 'erdos renyi graphs'],
    ['$\\alpha$-Divergence', 'alpha divergence'],
    ['ℂ-valued Networks', 'c valued networks'],
    ['', ''],
    ['  --- ', ''],
  ])('%j -> %j', (input, expected) => {
    expect(normalizeTitle(input)).toBe(expected);
  });

  it('tokenises into the normalised words', () => {
    expect(titleTokens('QLoRA: Efficient Finetuning of Quantized LLMs')).toEqual([
      'qlora',
      'efficient',
      'finetuning',
      'of',
      'quantized',
      'llms',
    ]);
    expect(titleTokens(' -- ')).toEqual([]);
  });

  it('returns an empty string, never throws, for non-strings', () => {
    for (const value of [undefined, null, 42, {}, [], Symbol('x'), () => 'x']) {
      expect(normalizeTitle(value as unknown as string)).toBe('');
      expect(titleTokens(value as unknown as string)).toEqual([]);
    }
  });
});

// ---------------------------------------------------------------------------------------------------------
// Property tests (seeded PRNG, so failures reproduce)

/** mulberry32: a tiny seeded PRNG returning floats in [0, 1). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function makeGen(seed: number) {
  const rand = prng(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[int(0, xs.length - 1)]!;
  // Letters across scripts, plus the ones whose case mappings are irregular.
  const LETTERS = [
    ...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789',
    ...'éÉàÀüÜöÖñÑçÇåÅøØłŁæÆœŒðÐþÞ',
    ...'ßẞıİſǅǄǆﬁﬀ',
    ...'αβγδσςΣΑΒΓΔΩωᾳΐ',
    ...'абвгдАБВГДёЁ',
    ...'漢字かなカナ한국어',
    ...'²½ℂℌ①ⅳ',
  ];
  const SEPARATORS = [
    ' ',
    ' ',
    ' ',
    '  ',
    '\t',
    '-',
    '\u2013',
    '\u2014',
    ': ',
    ', ',
    '. ',
    "'",
    '\u2019',
    '/',
    '(',
    ')',
    '"',
    '\u00a0',
    '?',
    '!',
  ];
  const word = () => Array.from({ length: int(1, 9) }, () => pick(LETTERS)).join('');
  /** A title-like string: words of mixed scripts joined by mixed punctuation. */
  const title = () =>
    Array.from({ length: int(1, 8) }, word).join(pick(SEPARATORS)) + pick(['', '', '.', '?']);
  /** Any string: random code units (lone surrogates included), astral characters and LaTeX-ish syntax. */
  const junk = () =>
    Array.from({ length: int(0, 30) }, () => {
      const r = rand();
      if (r < 0.3) return String.fromCharCode(int(0, 0xffff));
      if (r < 0.4) return String.fromCodePoint(int(0x10000, 0x10ffff));
      if (r < 0.6)
        return pick(['\\', '{', '}', '$', '\\emph{', '\\"', "\\'", '\\ss', '\\L{}', '\\i', ' ', '-']);
      return pick(LETTERS);
    }).join('');
  const ascii = () =>
    Array.from({ length: int(1, 8) }, () =>
      Array.from({ length: int(1, 10) }, () =>
        pick([...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789']),
      ).join(''),
    );
  return { rand, int, pick, title, junk, ascii };
}

const OUTPUT_SHAPE = /^(?:[\p{L}\p{N}]+(?: [\p{L}\p{N}]+)*)?$/u;
const RUNS = 3000;

describe('normalizeTitle properties', () => {
  it('never throws; output is single-spaced lower-case letters and digits; idempotent', () => {
    const g = makeGen(1);
    for (let n = 0; n < RUNS; n++) {
      const s = g.rand() < 0.5 ? g.title() : g.junk();
      const out = normalizeTitle(s);
      expect(out, s).toMatch(OUTPUT_SHAPE);
      expect(out.toLowerCase(), s).toBe(out);
      expect(normalizeTitle(out), s).toBe(out);
    }
  });

  it('is idempotent on every single code point', () => {
    const bad: string[] = [];
    for (let cp = 0; cp <= 0x10ffff; cp += cp < 0x3000 ? 1 : 7) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const s = `a${String.fromCodePoint(cp)}b`;
      const out = normalizeTitle(s);
      if (normalizeTitle(out) !== out || !OUTPUT_SHAPE.test(out)) bad.push(cp.toString(16));
    }
    expect(bad).toEqual([]);
  });

  it('is invariant under case changes', () => {
    const g = makeGen(2);
    for (let n = 0; n < RUNS; n++) {
      const s = g.title();
      const out = normalizeTitle(s);
      expect(normalizeTitle(s.toUpperCase()), s).toBe(out);
      expect(normalizeTitle(s.toLowerCase()), s).toBe(out);
      // Flip the case of random characters only.
      const mixed = [...s].map((c) => (g.rand() < 0.5 ? c.toUpperCase() : c.toLowerCase())).join('');
      expect(normalizeTitle(mixed), s).toBe(out);
    }
  });

  it("is invariant under '-' -> en/em dash, and under the choice of separators", () => {
    const g = makeGen(3);
    for (let n = 0; n < RUNS; n++) {
      const s = g.title();
      const dashed = s.replace(/-/g, () => g.pick(['\u2013', '\u2014', '\u2010', '\u2212']));
      expect(normalizeTitle(dashed), s).toBe(normalizeTitle(s));
      const words = g.ascii();
      const spaced = words.join(' ');
      const punctuated = words
        .map((w, i) => (i === 0 ? w : g.pick([' - ', '\u2014', ': ', ', ', ' (', ') ', '/', '  ']) + w))
        .join('');
      expect(normalizeTitle(punctuated), punctuated).toBe(normalizeTitle(spaced));
    }
  });

  it('is invariant under adding accents', () => {
    const g = makeGen(4);
    const PRECOMPOSED: Record<string, string[]> = {
      a: ['á', 'à', 'â', 'ä', 'å', 'ã', 'ā'],
      e: ['é', 'è', 'ê', 'ë', 'ē', 'ė'],
      i: ['í', 'ì', 'î', 'ï'],
      o: ['ó', 'ò', 'ô', 'ö', 'õ', 'ő', 'ø'],
      u: ['ú', 'ù', 'û', 'ü', 'ű', 'ů'],
      c: ['ç', 'č', 'ć'],
      n: ['ñ', 'ń', 'ň'],
      s: ['š', 'ś', 'ş'],
      z: ['ž', 'ź', 'ż'],
      l: ['ł', 'ľ'],
      E: ['É', 'È', 'Ê'],
      O: ['Ö', 'Ø', 'Ó'],
    };
    for (let n = 0; n < RUNS; n++) {
      const plain = g.ascii().join(' ');
      const accented = [...plain]
        .map((c) => {
          if (g.rand() < 0.5) return c;
          const options = PRECOMPOSED[c];
          // Either a precomposed letter or the letter followed by 1-2 combining marks (U+0300-U+036F), except
          // U+0345: the Greek iota subscript is a letter in disguise (Unicode upper-cases it to Ι), not an accent.
          if (options && g.rand() < 0.6) return g.pick(options);
          if (!/[a-zA-Z]/.test(c)) return c;
          const mark = () => String.fromCharCode(g.pick([g.int(0x300, 0x344), g.int(0x346, 0x36f)]));
          return c + Array.from({ length: g.int(1, 2) }, mark).join('');
        })
        .join('');
      expect(normalizeTitle(accented), accented).toBe(normalizeTitle(plain));
    }
  });

  it('is invariant under LaTeX wrappers and accent commands', () => {
    const g = makeGen(5);
    const WRAPPERS = [
      (x: string) => `\\emph{${x}}`,
      (x: string) => `\\textbf{${x}}`,
      (x: string) => `\\textsc {${x}}`,
      (x: string) => `\\mathrm{${x}}`,
      (x: string) => `{${x}}`,
      (x: string) => `{{${x}}}`,
      (x: string) => `$${x}$`,
    ];
    const ACCENTS: [string, string][] = [
      ["\\'{e}", 'é'],
      ["\\'e", 'é'],
      ['\\"{o}', 'ö'],
      ['\\"o', 'ö'],
      ['\\`{a}', 'à'],
      ['\\^{i}', 'î'],
      ['\\~{n}', 'ñ'],
      ['\\c{c}', 'ç'],
      ['\\v{s}', 'š'],
      ['\\H{o}', 'ő'],
      ['\\ss{}', 'ß'],
      ['\\o{}', 'ø'],
      ['\\L{}', 'Ł'],
    ];
    for (let n = 0; n < RUNS; n++) {
      const words = g.ascii();
      const plain = words.join(' ');
      const wrapped = words.map((w) => (g.rand() < 0.5 ? g.pick(WRAPPERS)(w) : w)).join(' ');
      expect(normalizeTitle(wrapped), wrapped).toBe(normalizeTitle(plain));
      // A LaTeX accent inside a word equals the unicode letter it stands for.
      const [tex, letter] = g.pick(ACCENTS);
      const w = g.pick(words);
      const cut = g.int(0, w.length);
      const withTex = `${plain} ${w.slice(0, cut)}${tex}${w.slice(cut)}`;
      const withLetter = `${plain} ${w.slice(0, cut)}${letter}${w.slice(cut)}`;
      expect(normalizeTitle(withTex), withTex).toBe(normalizeTitle(withLetter));
    }
  });
});
