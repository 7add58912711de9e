import { LibraryItem, libraryKeyFor } from '../db/schema';

/**
 * An awkward library for the export golden files and the round-trip tests: LaTeX specials, accents, non-Latin
 * scripts, emoji, a very long title, an old-style arXiv id, OpenReview-only and title-only items, empty tags and
 * notes, both author name orders, and two papers with the same first author, year and first title word.
 */

/** The export time used by every golden file: 2026-11-28T09:30:00Z. */
export const FIXTURE_NOW = Date.UTC(2026, 10, 28, 9, 30, 0);

const T0 = Date.UTC(2025, 0, 15, 12, 0, 0);
const HOUR = 3_600_000;

type Spec = Partial<LibraryItem> & Pick<LibraryItem, 'title' | 'url'>;

function item(spec: Spec): LibraryItem {
  const base: Omit<LibraryItem, 'key'> = {
    arxivId: null,
    openreviewId: null,
    catalogId: null,
    authors: [],
    year: null,
    leaves: [],
    savedAt: T0,
    updatedAt: T0,
    tags: [],
    note: '',
    status: 'to-read',
    ...spec,
  };
  const key = libraryKeyFor(base);
  if (!key) throw new Error(`fixture "${spec.title}" has no key`);
  // Parsed like the store does, so fields come in schema order (as items read back from IndexedDB do).
  return LibraryItem.parse({ key, ...base });
}

const LONG_TITLE =
  'LoRA Revisited: A Very Long Title About Low-Rank Adapters That Goes On and On, Covering Rank Selection, ' +
  'Initialisation, Scaling Factors, Merging, Quantised Bases (QLoRA), Mixture-of-Experts Variants, Federated ' +
  'Settings, Continual Learning, Vision Transformers, Diffusion Models, Speech, Code, Multilingual Tokenisers, ' +
  'Reinforcement Learning from Human Feedback, Long-Context Extension, Hardware-Aware Kernels, Memory Budgets ' +
  'Under 24 GB, Serving Thousands of Adapters at Once, and Many Other Topics That Keep This Title Far Longer ' +
  'Than Any Reasonable Title Should Be, Just to See Whether Exporters Wrap, Truncate or Mangle It 🧪';

/** The fixture items, in export order. */
export const FIXTURE_LIBRARY: readonly LibraryItem[] = [
  item({
    arxivId: '2106.09685',
    openreviewId: 'nZeVKeeFYf',
    catalogId: 'arxiv:2106.09685',
    title: 'LoRA: Low-Rank Adaptation of Large Language Models',
    authors: [
      'Edward J. Hu',
      'Yelong Shen',
      'Phillip Wallis',
      'Zeyuan Allen-Zhu',
      'Yuanzhi Li',
      'Shean Wang',
      'Lu Wang',
      'Weizhu Chen',
    ],
    year: 2021,
    leaves: ['parameter-efficient-fine-tuning'],
    url: 'https://arxiv.org/abs/2106.09685',
    savedAt: T0,
    updatedAt: T0 + 5 * HOUR,
    tags: ['PEFT', 'to cite'],
    note: 'Rank r ≪ d; 10,000× fewer trainable params & 3× less GPU memory (see §4).',
    status: 'read',
  }),
  item({
    arxivId: '2307.01234',
    title: 'Q&A at 50% of the Cost: $O(n^2)$ Attention_v2, {Braces}, ~Tildes^, C:\\Temp -- and #Tags',
    authors: [
      'Schrödinger, Erwin',
      'Łukasz Kaiser',
      'José María García-Pérez',
      'Ludwig van Beethoven',
      'Martin Luther King Jr.',
    ],
    year: 2023,
    leaves: ['efficient-attention'],
    url: 'https://arxiv.org/pdf/2307.01234v2',
    savedAt: T0 + HOUR,
    updatedAt: T0 + HOUR,
  }),
  item({
    arxivId: 'hep-th/9711200',
    title: 'The Large N Limit of Superconformal Field Theories and Supergravity',
    authors: ['Juan M. Maldacena'],
    url: 'https://arxiv.org/abs/hep-th/9711200',
    savedAt: T0 + 2 * HOUR,
    updatedAt: T0 + 2 * HOUR,
    tags: ['classic'],
    status: 'read',
  }),
  item({
    openreviewId: 'Bkg6RiCqY7',
    title: 'GPT-3 Is All You Need? Revisiting QLoRA, mT5 and T5 at Scale',
    authors: ['Ελένη Παπαδοπούλου', 'Alexander M. Rush'],
    year: 2024,
    url: 'https://openreview.net/forum?id=Bkg6RiCqY7',
    savedAt: T0 + 3 * HOUR,
    updatedAt: T0 + 4 * HOUR,
    tags: ['ICLR 2024', 'reading group', 'a, b; c'],
    note: 'Reviewers: 8/6/6 — accepted 🎉',
    status: 'reading',
  }),
  item({
    title: '中文标题：大型语言模型的高效推理综述',
    authors: ['张伟', '李娜'],
    year: 2024,
    leaves: ['quantization', 'pruning'],
    url: 'https://example.org/papers?id=42&lang=zh-CN',
    savedAt: T0 + 4 * HOUR,
    updatedAt: T0 + 4 * HOUR,
    tags: ['中文', '🚀 priority'],
    note: '🚀 must read\nSecond line: 第二行',
  }),
  item({
    arxivId: '2110.05555',
    title: LONG_TITLE,
    authors: ['Hu, Edward'],
    year: 2021,
    url: 'https://arxiv.org/abs/2110.05555',
    savedAt: T0 - HOUR,
    updatedAt: T0 - HOUR,
  }),
  item({
    arxivId: '2401.00001',
    title: 'Ελληνικά και עברית: Multilingual Tokenizers 😀 for Efficient LLMs',
    authors: ['OpenAI'],
    year: 2024,
    url: 'https://arxiv.org/abs/2401.00001',
    savedAt: T0 + 6 * HOUR,
    updatedAt: T0 + 6 * HOUR,
    tags: ['tokenizers'],
  }),
  item({
    title: 'עברית: מודלים יעילים לשפה',
    url: 'https://aclanthology.org/2024.example-1.1/',
    savedAt: T0 + 7 * HOUR,
    updatedAt: T0 + 7 * HOUR,
  }),
];

/** Primary classes known for some fixture papers (the others have none, or an old-style archive). */
export const FIXTURE_PRIMARY_CLASSES: ReadonlyMap<string, string> = new Map([
  ['2106.09685', 'cs.CL'],
  ['2307.01234', 'cs.LG'],
  ['2401.00001', 'not a category!'],
]);
