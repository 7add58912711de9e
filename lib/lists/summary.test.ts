import { describe, expect, it } from 'vitest';
import { getNode } from '../taxonomy';
import { entryIdentity, mostlyLeaf, mostlyName } from './summary';

const hit = (...leaves: string[]) => ({ leaves });

describe('mostlyLeaf', () => {
  it.each([
    ['no hits', [], null],
    ['only misses', [null, null], null],
    ['one hit is not "mostly"', [hit('quantization')], null],
    [
      'a clear leader',
      [hit('quantization'), hit('quantization', 'pruning'), hit('pruning'), hit('quantization')],
      'quantization',
    ],
    ['a tie names none', [hit('quantization'), hit('pruning'), hit('quantization'), hit('pruning')], null],
    [
      'a paper counts once per leaf',
      [hit('pruning', 'pruning', 'pruning'), hit('quantization'), hit('quantization')],
      'quantization',
    ],
    ['unknown leaves are ignored', [hit('nope'), hit('nope'), hit('nope'), hit('quantization')], null],
    [
      'misses between hits',
      [hit('knowledge-distillation'), null, hit('knowledge-distillation')],
      'knowledge-distillation',
    ],
  ])('%s', (_what, hits, want) => {
    expect(mostlyLeaf(hits)).toBe(want);
  });

  it('does not depend on the order of the page', () => {
    const hits = [hit('quantization'), hit('pruning'), hit('pruning'), hit('quantization'), hit('pruning')];
    expect(mostlyLeaf(hits)).toBe(mostlyLeaf([...hits].reverse()));
  });

  it('gives the leaf name for the summary', () => {
    expect(mostlyName([hit('quantization'), hit('quantization')])).toBe(getNode('quantization')!.name);
    expect(mostlyName([])).toBeNull();
  });
});

describe('entryIdentity', () => {
  it.each([
    [
      { arxivId: '2106.09685', openreviewId: null, title: 'LoRA' },
      { arxivId: '2106.09685', title: 'LoRA' },
    ],
    [{ arxivId: null, openreviewId: 'abc', title: null }, { openreviewId: 'abc' }],
    [{ arxivId: null, openreviewId: null, title: null }, {}],
    [{ arxivId: null, openreviewId: null, title: '' }, {}],
  ])('%j -> %j', (entry, want) => {
    expect(entryIdentity(entry)).toEqual(want);
  });

  it('caps the title it sends', () => {
    expect(entryIdentity({ arxivId: null, openreviewId: null, title: 'x'.repeat(5000) }).title).toHaveLength(
      1000,
    );
  });
});
