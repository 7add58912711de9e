// @vitest-environment happy-dom
import { useState } from 'preact/hooks';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TagsEditor } from './TagsEditor';
import { mountPage, type Page, press, settle, typeInto, useEnglish } from './test-helpers';

let page: Page | undefined;
beforeEach(useEnglish);
afterEach(() => page?.unmount());

describe('TagsEditor', () => {
  it('shows each tag with a named remove button', () => {
    const onChange = vi.fn();
    page = mountPage(<TagsEditor tags={['llm', 'to cite']} onChange={onChange} />);
    expect(page.$$('[data-testid="tag"]').map((t) => t.querySelector('.app-tag-text')!.textContent)).toEqual([
      'llm',
      'to cite',
    ]);
    const remove = page.$('[aria-label="Remove tag “to cite”"]')!;
    remove.click();
    expect(onChange).toHaveBeenCalledWith(['llm']);
  });

  it.each<[string, string[], string[] | null]>([
    ['new', ['a'], ['a', 'new']],
    ['A', ['a'], null],
    ['   ', ['a'], null],
  ])('Enter with %j on %j → %j', async (text, tags, expected) => {
    const onChange = vi.fn();
    page = mountPage(<TagsEditor tags={tags} onChange={onChange} />);
    const input = page.$('[data-testid="tag-input"]')!;
    typeInto(input, text);
    press(input, 'Enter');
    await settle();
    if (expected) expect(onChange).toHaveBeenCalledExactlyOnceWith(expected);
    else expect(onChange).not.toHaveBeenCalled();
  });

  it('a comma commits the text before it and keeps the rest as the draft', async () => {
    const onChange = vi.fn();
    page = mountPage(<TagsEditor tags={[]} onChange={onChange} />);
    const input = page.$('[data-testid="tag-input"]') as HTMLInputElement;
    typeInto(input, 'first,sec');
    await settle();
    expect(onChange).toHaveBeenCalledWith(['first']);
    expect(input.value).toBe('sec');
  });

  it('typing "x, y" then Enter adds both (with the parent keeping the tags)', async () => {
    const seen: string[][] = [];
    function Harness() {
      const [tags, setTags] = useState<string[]>(['a']);
      return (
        <TagsEditor
          tags={tags}
          onChange={(next) => {
            seen.push(next);
            setTags(next);
          }}
        />
      );
    }
    page = mountPage(<Harness />);
    const input = page.$('[data-testid="tag-input"]') as HTMLInputElement;
    typeInto(input, 'x, y');
    await settle();
    press(input, 'Enter');
    await settle();
    expect(seen).toEqual([
      ['a', 'x'],
      ['a', 'x', 'y'],
    ]);
    expect(input.value).toBe('');
  });

  it('Backspace in the empty input removes the last tag', () => {
    const onChange = vi.fn();
    page = mountPage(<TagsEditor tags={['a', 'b']} onChange={onChange} />);
    press(page.$('[data-testid="tag-input"]')!, 'Backspace');
    expect(onChange).toHaveBeenCalledWith(['a']);
  });

  it('refuses a tag that is too long, with an alert, and keeps the draft', async () => {
    const onChange = vi.fn();
    page = mountPage(<TagsEditor tags={[]} onChange={onChange} />);
    const input = page.$('[data-testid="tag-input"]') as HTMLInputElement;
    typeInto(input, 'x'.repeat(65));
    press(input, 'Enter');
    await settle();
    expect(onChange).not.toHaveBeenCalled();
    expect(page.$('[role="alert"]')!.textContent).toMatch(/too long/);
    expect(input.value).toHaveLength(65);
    expect(input.getAttribute('aria-invalid')).toBe('true');
  });
});
