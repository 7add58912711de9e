// @vitest-environment happy-dom
import { afterEach, describe, expect, test, vi } from 'vitest';
import { accessibleName, type Mounted, mount } from '../shared/test-utils';
import { SaveButton } from './SaveButton';

let view: Mounted | undefined;
afterEach(() => view?.unmount());

describe('SaveButton', () => {
  test.each([
    [false, 'Save to my list', 'false'],
    [true, 'Saved', 'true'],
  ])('saved=%s is named %j with aria-pressed=%s', (saved, name, pressed) => {
    view = mount(<SaveButton saved={saved} onToggle={() => {}} />);
    const button = view.$('[data-testid="save-button"]') as HTMLButtonElement;
    expect(button.tagName).toBe('BUTTON');
    expect(button.type).toBe('button');
    expect(accessibleName(button)).toBe(name);
    expect(button.getAttribute('aria-pressed')).toBe(pressed);
    expect(button.disabled).toBe(false);
  });

  test('click calls onToggle once', () => {
    const onToggle = vi.fn();
    view = mount(<SaveButton saved={false} onToggle={onToggle} />);
    view.$('button')!.click();
    expect(onToggle).toHaveBeenCalledTimes(1);
  });

  test('pending marks the button busy and aria-disabled and swallows clicks, but keeps it focusable', () => {
    const onToggle = vi.fn();
    view = mount(<SaveButton saved={false} pending onToggle={onToggle} />);
    const button = view.$('button') as HTMLButtonElement;
    expect(button.getAttribute('aria-disabled')).toBe('true');
    expect(button.getAttribute('aria-busy')).toBe('true');
    // Not `disabled`: a disabled button loses keyboard focus in Chromium (test/e2e/overlay-layout.e2e.ts).
    expect(button.disabled).toBe(false);
    button.click();
    expect(onToggle).not.toHaveBeenCalled();
    view.rerender(<SaveButton saved={false} onToggle={onToggle} />);
    expect(button.hasAttribute('aria-disabled')).toBe(false);
    button.click();
    expect(onToggle).toHaveBeenCalledTimes(1);
  });

  test('re-rendering flips the name and pressed state in place', () => {
    view = mount(<SaveButton saved={false} onToggle={() => {}} />);
    const before = view.$('button');
    view.rerender(<SaveButton saved onToggle={() => {}} />);
    expect(view.$('button')).toBe(before);
    expect(accessibleName(before!)).toBe('Saved');
    expect(before!.getAttribute('aria-pressed')).toBe('true');
    expect(before!.hasAttribute('aria-busy')).toBe(false);
  });
});
