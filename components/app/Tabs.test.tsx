// @vitest-environment happy-dom
import { useState } from 'preact/hooks';
import { afterEach, describe, expect, it } from 'vitest';
import { Tabs } from './Tabs';
import { mountPage, type Page, press, settle } from './test-helpers';

let page: Page | undefined;
afterEach(() => page?.unmount());

const TABS = [
  { id: 'paper', label: 'This paper' },
  { id: 'library', label: 'My library' },
  { id: 'browse', label: 'Browse' },
] as const;

function Harness({ start }: { start: (typeof TABS)[number]['id'] }) {
  const [selected, setSelected] = useState<(typeof TABS)[number]['id']>(start);
  return <Tabs tabs={TABS} selected={selected} onSelect={setSelected} idPrefix="t" label="Views" />;
}

const tabs = (p: Page) => p.$$('[role="tab"]');
const selectedId = (p: Page) => tabs(p).find((t) => t.getAttribute('aria-selected') === 'true')?.id;

describe('Tabs', () => {
  it('is a labelled tablist with one tab stop on the selected tab', () => {
    page = mountPage(<Harness start="library" />);
    const list = page.$('[role="tablist"]')!;
    expect(list.getAttribute('aria-label')).toBe('Views');
    expect(tabs(page).map((t) => [t.textContent, t.getAttribute('aria-selected'), t.tabIndex])).toEqual([
      ['This paper', 'false', -1],
      ['My library', 'true', 0],
      ['Browse', 'false', -1],
    ]);
    for (const tab of tabs(page)) expect(tab.getAttribute('aria-controls')).toBe('t-panel');
  });

  it.each([
    ['ArrowRight', 'library', 't-tab-browse'],
    ['ArrowRight', 'browse', 't-tab-paper'],
    ['ArrowLeft', 'paper', 't-tab-browse'],
    ['ArrowLeft', 'library', 't-tab-paper'],
    ['Home', 'browse', 't-tab-paper'],
    ['End', 'paper', 't-tab-browse'],
  ] as const)('%s from %s selects and focuses %s', async (key, start, expected) => {
    page = mountPage(<Harness start={start} />);
    const current = page.$(`#t-tab-${start}`)!;
    current.focus();
    press(current, key);
    await settle();
    expect(selectedId(page)).toBe(expected);
    expect(document.activeElement?.id).toBe(expected);
  });

  it('ignores other keys and selects on click', async () => {
    page = mountPage(<Harness start="paper" />);
    press(page.$('#t-tab-paper')!, 'ArrowDown');
    press(page.$('#t-tab-paper')!, 'a');
    await settle();
    expect(selectedId(page)).toBe('t-tab-paper');
    page.$('#t-tab-browse')!.click();
    await settle();
    expect(selectedId(page)).toBe('t-tab-browse');
  });
});
