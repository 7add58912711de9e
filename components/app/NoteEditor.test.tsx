// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NoteEditor } from './NoteEditor';
import { mountPage, type Page, typeInto, useEnglish } from './test-helpers';

let page: Page | undefined;
beforeEach(() => {
  useEnglish();
  vi.useFakeTimers();
});
afterEach(() => {
  page?.unmount();
  vi.useRealTimers();
});

const flush = async () => {
  await vi.advanceTimersByTimeAsync(0);
};
// Preact runs effects after paint (requestAnimationFrame, with a timeout fallback): let that happen.
const paint = async () => {
  await vi.advanceTimersByTimeAsync(120);
};

describe('NoteEditor', () => {
  it('saves once, after typing pauses, with the last text, and says so', async () => {
    const onSave = vi.fn(async () => true);
    page = mountPage(<NoteEditor note="" onSave={onSave} delay={500} />);
    const area = page.$('[data-testid="note-input"]')!;
    typeInto(area, 'Fir');
    await vi.advanceTimersByTimeAsync(300);
    typeInto(area, 'First thought');
    await vi.advanceTimersByTimeAsync(499);
    expect(onSave).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(onSave).toHaveBeenCalledExactlyOnceWith('First thought');
    await flush();
    expect(page.$('[data-testid="note-status"]')!.textContent).toBe('Saved');
  });

  it('saves at once on blur, and not again for unchanged text', async () => {
    const onSave = vi.fn(async () => true);
    page = mountPage(<NoteEditor note="old" onSave={onSave} delay={500} />);
    const area = page.$('[data-testid="note-input"]') as HTMLTextAreaElement;
    expect(area.value).toBe('old');
    typeInto(area, 'new');
    area.dispatchEvent(new FocusEvent('blur'));
    expect(onSave).toHaveBeenCalledExactlyOnceWith('new');
    await vi.advanceTimersByTimeAsync(1000);
    area.dispatchEvent(new FocusEvent('blur'));
    expect(onSave).toHaveBeenCalledTimes(1);
  });

  it('flushes a pending save when unmounted', async () => {
    const onSave = vi.fn(async () => true);
    page = mountPage(<NoteEditor note="" onSave={onSave} delay={500} />);
    await paint();
    typeInto(page.$('[data-testid="note-input"]')!, 'typed and closed');
    page.unmount();
    page = undefined;
    // Preact runs unmount cleanups after paint too.
    await paint();
    expect(onSave).toHaveBeenCalledExactlyOnceWith('typed and closed');
  });

  it('flushes a pending save when the page is hidden (a popup closing does not blur its fields)', async () => {
    const onSave = vi.fn(async () => true);
    page = mountPage(<NoteEditor note="" onSave={onSave} delay={500} />);
    await paint();
    typeInto(page.$('[data-testid="note-input"]')!, 'last words');
    window.dispatchEvent(new Event('pagehide'));
    expect(onSave).toHaveBeenCalledExactlyOnceWith('last words');
  });

  it('shows an error when saving fails, and keeps the text', async () => {
    page = mountPage(<NoteEditor note="" onSave={async () => false} delay={100} />);
    const area = page.$('[data-testid="note-input"]') as HTMLTextAreaElement;
    typeInto(area, 'keep me');
    await vi.advanceTimersByTimeAsync(100);
    await flush();
    expect(page.$('[data-testid="note-status"]')!.textContent).toMatch(/Could not save the note/);
    expect(area.value).toBe('keep me');
  });

  it('takes a new stored note when the user is not typing', async () => {
    const onSave = vi.fn(async () => true);
    page = mountPage(<NoteEditor note="one" onSave={onSave} />);
    await paint();
    page.rerender(<NoteEditor note="two" onSave={onSave} />);
    await paint();
    expect((page.$('[data-testid="note-input"]') as HTMLTextAreaElement).value).toBe('two');
    expect(onSave).not.toHaveBeenCalled();
  });
});
