import { describe, expect, it } from 'vitest';
import { detectImportFormat } from './import-file';

describe('detectImportFormat', () => {
  it.each<[string, string, 'json' | 'bibtex' | null]>([
    ['library.json', '', 'json'],
    ['export.csl.json', '[]', 'json'],
    ['refs.bib', '', 'bibtex'],
    ['REFS.BIBTEX', '', 'bibtex'],
    ['backup', '  {"format": "efficiency-lens-library"}', 'json'],
    ['backup', '\uFEFF[{"id": 1}]', 'json'],
    ['refs.txt', '\n@article{hu2021lora,', 'bibtex'],
    ['refs.txt', '% comment\n@misc{x,', 'bibtex'],
    // The name wins over the content: a mislabelled file is refused by the background with a reason.
    ['refs.bib', '{"not": "bibtex"}', 'bibtex'],
    ['notes.txt', 'just some text', null],
    ['empty', '', null],
    ['image.png', '\x89PNG', null],
  ])('%s with %j → %s', (name, text, format) => {
    expect(detectImportFormat(name, text)).toBe(format);
  });
});
