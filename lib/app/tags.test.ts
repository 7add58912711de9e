import { describe, expect, it } from 'vitest';
import { localeMessages } from '../../components/app/test-helpers';
import { LIBRARY_EDIT_LIMITS } from '../db/schema';
import { setMessages } from './i18n';
import {
  addTags,
  cleanTag,
  dedupeTags,
  describeTagProblem,
  parseTagInput,
  removeTags,
  TAG_LIMITS,
  tagProblem,
} from './tags';

describe('tags', () => {
  it.each<[string, string[]]>([
    ['llm', ['llm']],
    ['llm, to cite,  quantization ', ['llm', 'to cite', 'quantization']],
    ['a,,b,', ['a', 'b']],
    ['  ', []],
    ['', []],
    [',', []],
    ['LLM, llm, Llm', ['LLM']],
    ['量化，剪枝、蒸馏', ['量化', '剪枝', '蒸馏']],
    ['multi\nline', ['multi', 'line']],
    ['tabs\tand   spaces', ['tabs and spaces']],
  ])('parseTagInput(%j) → %j', (input, tags) => {
    expect(parseTagInput(input)).toEqual(tags);
  });

  it('cleans, dedupes, adds and removes case-insensitively', () => {
    expect(cleanTag('  a \t b ')).toBe('a b');
    expect(dedupeTags(['A', 'a', ' b', 'B ', ''])).toEqual(['A', 'b']);
    expect(addTags(['llm'], ['LLM', 'new'])).toEqual(['llm', 'new']);
    expect(removeTags(['LLM', 'keep'], ['llm'])).toEqual(['keep']);
    expect(removeTags(['x'], ['y'])).toEqual(['x']);
  });

  it('reports tags the library would refuse', () => {
    expect(tagProblem(['ok'])).toBeNull();
    // The limits of updateLibraryItem / bulkUpdateLibrary (LIBRARY_EDIT_LIMITS).
    expect(TAG_LIMITS).toEqual({ length: LIBRARY_EDIT_LIMITS.tag, count: LIBRARY_EDIT_LIMITS.tags });
    const max = TAG_LIMITS.length;
    expect(tagProblem(['x'.repeat(max)])).toBeNull();
    expect(tagProblem(['ok', 'x'.repeat(max + 1)])).toEqual({ kind: 'too-long', tag: 'x'.repeat(max + 1) });
    expect(tagProblem(Array.from({ length: TAG_LIMITS.count }, (_, i) => `t${i}`))).toBeNull();
    expect(tagProblem(Array.from({ length: TAG_LIMITS.count + 1 }, (_, i) => `t${i}`))).toEqual({
      kind: 'too-many',
    });
  });

  it('describes problems with the limits in the message', () => {
    setMessages(localeMessages('en'), 'en');
    try {
      expect(describeTagProblem({ kind: 'too-long', tag: 'y'.repeat(70) })).toBe(
        `The tag “${'y'.repeat(40)}…” is too long (at most ${TAG_LIMITS.length} characters).`,
      );
      expect(describeTagProblem({ kind: 'too-many' })).toBe(
        `Too many tags on one paper (at most ${TAG_LIMITS.count}).`,
      );
    } finally {
      setMessages(null);
    }
  });
});
