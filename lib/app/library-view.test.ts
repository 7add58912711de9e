import { describe, expect, it } from 'vitest';
import { LibraryItem } from '../db/schema';
import {
  EMPTY_FILTER,
  filterLibrary,
  foldText,
  isFiltered,
  type LibraryFilter,
  libraryFacets,
  queryTokens,
  sortLibrary,
} from './library-view';

function item(key: string, overrides: Partial<LibraryItem>): LibraryItem {
  return LibraryItem.parse({
    key: `arxiv:${key}`,
    arxivId: key,
    openreviewId: null,
    catalogId: null,
    title: 'Untitled',
    authors: [],
    year: 2023,
    leaves: [],
    url: `https://arxiv.org/abs/${key}`,
    savedAt: 0,
    updatedAt: 0,
    tags: [],
    note: '',
    status: 'to-read',
    ...overrides,
  });
}

const LORA = item('2106.09685', {
  title: 'LoRA: Low-Rank Adaptation of Large Language Models',
  year: 2021,
  leaves: ['parameter-efficient-fine-tuning'],
  tags: ['PEFT', 'to cite'],
  note: 'Rank 8 works well for attention weights.',
  savedAt: 3000,
  status: 'read',
});
const GPTQ = item('2210.17323', {
  title: 'GPTQ: Accurate Post-Training Quantization for Generative Pre-trained Transformers',
  year: 2022,
  leaves: ['quantization'],
  tags: ['quant'],
  note: 'Compare with AWQ — Lin et al.',
  savedAt: 1000,
  status: 'reading',
});
const AWQ = item('2306.00978', {
  title: 'AWQ: Activation-aware Weight Quantization for LLM Compression and Acceleration',
  year: 2023,
  leaves: ['quantization'],
  tags: ['Quant', 'to cite'],
  savedAt: 2000,
});
const SPARSE = item('2301.00774', {
  title: 'SparseGPT: Massive Language Models Can Be Accurately Pruned in One-Shot',
  year: null,
  leaves: ['pruning', 'quantization'],
  note: 'Résumé: pruning café',
  savedAt: 4000,
  status: 'read',
});
const ALL = [LORA, GPTQ, AWQ, SPARSE];
const keys = (items: LibraryItem[]) => items.map((i) => i.arxivId);
const f = (change: Partial<LibraryFilter>): LibraryFilter => ({ ...EMPTY_FILTER, ...change });

describe('filterLibrary', () => {
  it.each<[string, Partial<LibraryFilter>, (string | null)[]]>([
    ['no filter: newest saved first', {}, ['2301.00774', '2106.09685', '2306.00978', '2210.17323']],
    ['title word', { text: 'quantization' }, ['2306.00978', '2210.17323']],
    ['case-insensitive', { text: 'LORA' }, ['2106.09685']],
    ['every word must match (AND)', { text: 'quantization accurate' }, ['2210.17323']],
    ['words across title, tag and note', { text: 'awq lin' }, ['2210.17323']],
    ['a word in the note of one and the title of another', { text: 'awq' }, ['2306.00978', '2210.17323']],
    ['tag text', { text: 'peft' }, ['2106.09685']],
    ['note text', { text: 'attention weights' }, ['2106.09685']],
    ['accents folded both ways', { text: 'resume cafe' }, ['2301.00774']],
    ['accented query', { text: 'Résumé' }, ['2301.00774']],
    ['prefix of a word', { text: 'quant' }, ['2306.00978', '2210.17323']],
    ['no match', { text: 'diffusion' }, []],
    ['blank text is no filter', { text: '   ' }, ['2301.00774', '2106.09685', '2306.00978', '2210.17323']],
    ['leaf', { leaf: 'quantization' }, ['2301.00774', '2306.00978', '2210.17323']],
    ['leaf via its area', { leaf: 'training-tuning-efficiency' }, ['2106.09685']],
    ['leaf with nothing in it', { leaf: 'knowledge-distillation' }, []],
    ['unknown node matches nothing', { leaf: 'no-such-node' }, []],
    ['tag, case-insensitive', { tag: 'quant' }, ['2306.00978', '2210.17323']],
    ['tag shared by two', { tag: 'to cite' }, ['2106.09685', '2306.00978']],
    ['missing tag', { tag: 'nope' }, []],
    ['status', { status: 'read' }, ['2301.00774', '2106.09685']],
    ['status with nobody', { status: 'reading' }, ['2210.17323']],
    ['year', { year: 2022 }, ['2210.17323']],
    ['no year', { year: 'none' }, ['2301.00774']],
    ['year without items', { year: 1999 }, []],
    [
      'combined',
      { leaf: 'quantization', tag: 'quant', text: 'awq', year: 2023, status: 'to-read' },
      ['2306.00978'],
    ],
    ['combined, one filter excludes', { leaf: 'quantization', status: 'read', year: 2023 }, []],
  ])('%s', (_, change, expected) => {
    expect(keys(filterLibrary(ALL, f(change)))).toEqual(expected);
  });

  it('does not change its input', () => {
    const copy = [...ALL];
    filterLibrary(ALL, f({ sort: 'title-asc', text: 'a' }));
    expect(ALL).toEqual(copy);
  });
});

describe('sortLibrary', () => {
  it.each<[LibraryFilter['sort'], (string | null)[]]>([
    ['saved-desc', ['2301.00774', '2106.09685', '2306.00978', '2210.17323']],
    ['saved-asc', ['2210.17323', '2306.00978', '2106.09685', '2301.00774']],
    // Unknown years last in both directions.
    ['year-desc', ['2306.00978', '2210.17323', '2106.09685', '2301.00774']],
    ['year-asc', ['2106.09685', '2210.17323', '2306.00978', '2301.00774']],
    ['title-asc', ['2306.00978', '2210.17323', '2106.09685', '2301.00774']],
  ])('%s', (sort, expected) => {
    expect(keys(sortLibrary(ALL, sort))).toEqual(expected);
    // Deterministic whatever the input order.
    expect(keys(sortLibrary([...ALL].reverse(), sort))).toEqual(expected);
  });

  it('breaks ties on save time, then key', () => {
    const a = item('2401.00001', { year: 2024, savedAt: 5 });
    const b = item('2401.00002', { year: 2024, savedAt: 9 });
    const c = item('2401.00003', { year: 2024, savedAt: 9 });
    expect(keys(sortLibrary([a, b, c], 'year-desc'))).toEqual(['2401.00002', '2401.00003', '2401.00001']);
  });

  it('sorts titles with numbers naturally and ignores case', () => {
    const t2 = item('2401.00010', { title: 'Model 2' });
    const t10 = item('2401.00011', { title: 'model 10' });
    const t1 = item('2401.00012', { title: 'Model 1' });
    expect(keys(sortLibrary([t10, t2, t1], 'title-asc'))).toEqual(['2401.00012', '2401.00010', '2401.00011']);
  });
});

describe('helpers', () => {
  it('folds text and splits queries', () => {
    expect(foldText('  Ça   VA\tbien ')).toBe('ca va bien');
    expect(queryTokens('LoRA  lora Rank')).toEqual(['lora', 'rank']);
    expect(queryTokens('   ')).toEqual([]);
  });

  it('knows when a filter is set', () => {
    expect(isFiltered(EMPTY_FILTER)).toBe(false);
    expect(isFiltered(f({ sort: 'title-asc' }))).toBe(false);
    expect(isFiltered(f({ text: ' ' }))).toBe(false);
    expect(isFiltered(f({ text: 'x' }))).toBe(true);
    expect(isFiltered(f({ year: 'none' }))).toBe(true);
    expect(isFiltered(f({ status: 'read' }))).toBe(true);
  });

  it('computes facets: tags merged by case and counted once per item, years newest first', () => {
    const twice = item('2401.00020', { tags: ['quant', 'QUANT'], year: 2024 });
    const facets = libraryFacets([...ALL, twice]);
    expect(facets.tags).toEqual([
      { tag: 'quant', count: 3 },
      { tag: 'to cite', count: 2 },
      { tag: 'PEFT', count: 1 },
    ]);
    expect(facets.years).toEqual([2024, 2023, 2022, 2021]);
    expect(facets.hasUnknownYear).toBe(true);
    expect(facets.statusCounts).toEqual({ 'to-read': 2, reading: 1, read: 2 });
    expect(libraryFacets([])).toEqual({
      tags: [],
      years: [],
      hasUnknownYear: false,
      statusCounts: { 'to-read': 0, reading: 0, read: 0 },
    });
  });
});
