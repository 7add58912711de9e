// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mountPage, type Page, press, settle } from './test-helpers';
import { VirtualList } from './VirtualList';

let page: Page | undefined;
afterEach(() => page?.unmount());

const ITEMS = Array.from({ length: 1000 }, (_, i) => ({ id: `k${i}`, label: `Row ${i}` }));

function mountList(extra: Partial<Parameters<typeof VirtualList<(typeof ITEMS)[number]>>[0]> = {}) {
  return mountPage(
    <VirtualList
      items={ITEMS}
      getKey={(item) => item.id}
      renderRow={(item) => (
        <span>
          {item.label} <button type="button">act</button>
        </span>
      )}
      rowHeight={50}
      label="Things"
      fallbackViewport={500}
      overscan={2}
      {...extra}
    />,
  );
}

const rows = (p: Page) => p.$$('[data-vrow]');

describe('VirtualList', () => {
  it('renders only a window of rows, with spacers for the rest and set size/position for each row', () => {
    page = mountList();
    const shown = rows(page);
    // 500 px / 50 px = 10 rows, plus 2 overscan below (none above at the top).
    expect(shown.map((r) => r.dataset.vrow)).toEqual(Array.from({ length: 12 }, (_, i) => String(i)));
    const list = page.$('ul')!;
    expect(list.getAttribute('aria-label')).toBe('Things');
    expect(list.style.paddingTop).toBe('0px');
    expect(list.style.paddingBottom).toBe(`${(1000 - 12) * 50}px`);
    expect(shown[3]!.getAttribute('aria-setsize')).toBe('1000');
    expect(shown[3]!.getAttribute('aria-posinset')).toBe('4');
  });

  it('renders the rows under a scroll position', async () => {
    page = mountList();
    const scroller = page.$('[data-testid="virtual-list"]')!;
    scroller.scrollTop = 50 * 500;
    scroller.dispatchEvent(new Event('scroll'));
    await settle();
    const shown = rows(page).map((r) => Number(r.dataset.vrow));
    expect(shown[0]).toBe(498);
    expect(shown.at(-1)).toBe(511);
    expect(page.$('ul')!.style.paddingTop).toBe(`${498 * 50}px`);
  });

  it('has one tab stop; arrows, Home/End and PageDown move focus, scrolling the target into the window', async () => {
    page = mountList();
    expect(
      rows(page)
        .filter((r) => r.tabIndex === 0)
        .map((r) => r.dataset.vrow),
    ).toEqual(['0']);
    const first = rows(page)[0]!;
    first.focus();
    press(first, 'ArrowDown');
    await settle();
    expect((document.activeElement as HTMLElement).dataset.vrow).toBe('1');
    press(document.activeElement as HTMLElement, 'ArrowUp');
    await settle();
    expect((document.activeElement as HTMLElement).dataset.vrow).toBe('0');
    press(document.activeElement as HTMLElement, 'ArrowUp');
    await settle();
    expect((document.activeElement as HTMLElement).dataset.vrow).toBe('0');
    press(document.activeElement as HTMLElement, 'End');
    await settle();
    expect((document.activeElement as HTMLElement).dataset.vrow).toBe('999');
    expect(
      rows(page)
        .filter((r) => r.tabIndex === 0)
        .map((r) => r.dataset.vrow),
    ).toEqual(['999']);
    press(document.activeElement as HTMLElement, 'Home');
    await settle();
    press(document.activeElement as HTMLElement, 'PageDown');
    await settle();
    expect((document.activeElement as HTMLElement).dataset.vrow).toBe('9');
  });

  it('Enter activates and Space toggles the focused row; keys inside a row’s controls are left alone', async () => {
    const onActivate = vi.fn();
    const onToggle = vi.fn();
    page = mountList({ onActivate, onToggle });
    const row = rows(page)[2]!;
    row.focus();
    press(row, 'Enter');
    press(row, ' ');
    expect(onActivate).toHaveBeenCalledWith(ITEMS[2], 2, row);
    expect(onToggle).toHaveBeenCalledOnce();
    expect(onToggle.mock.calls[0]![0]).toBe(ITEMS[2]);
    const button = row.querySelector('button')!;
    press(button, 'Enter');
    press(button, 'ArrowDown');
    await settle();
    expect(onActivate).toHaveBeenCalledTimes(1);
    expect(document.activeElement).not.toBe(rows(page)[3]);
  });

  it('renders nothing for an empty list and copes with the list shrinking under a scroll position', async () => {
    page = mountList({ items: [] });
    expect(rows(page)).toHaveLength(0);
    page.rerender(
      <VirtualList
        items={ITEMS}
        getKey={(i) => i.id}
        renderRow={(i) => i.label}
        rowHeight={50}
        label="x"
        fallbackViewport={500}
      />,
    );
    const scroller = page.$('[data-testid="virtual-list"]')!;
    scroller.scrollTop = 40_000;
    scroller.dispatchEvent(new Event('scroll'));
    await settle();
    page.rerender(
      <VirtualList
        items={ITEMS.slice(0, 3)}
        getKey={(i) => i.id}
        renderRow={(i) => i.label}
        rowHeight={50}
        label="x"
        fallbackViewport={500}
      />,
    );
    await settle();
    expect(rows(page).map((r) => r.dataset.vrow)).toEqual(['0', '1', '2']);
  });
});
