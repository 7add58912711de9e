import { describe, expect, it } from 'vitest';
import {
  deselectAll,
  EMPTY_SELECTION,
  pruneSelection,
  selectAll,
  selectionState,
  selectRange,
  toggleKey,
} from './selection';

const KEYS = ['a', 'b', 'c', 'd', 'e'];
const sel = (...keys: string[]) => new Set(keys);

describe('selection', () => {
  it('toggles one key without touching the input', () => {
    const start = sel('a');
    expect([...toggleKey(start, 'b')].sort()).toEqual(['a', 'b']);
    expect([...toggleKey(start, 'a')]).toEqual([]);
    expect([...start]).toEqual(['a']);
  });

  it.each<[string[], string | null, string, string[]]>([
    [[], 'b', 'd', ['b', 'c', 'd']],
    [[], 'd', 'b', ['b', 'c', 'd']],
    [['a'], 'c', 'c', ['a', 'c']],
    [['e'], 'a', 'b', ['a', 'b', 'e']],
    // No anchor, or an anchor not shown any more: a plain toggle.
    [[], null, 'c', ['c']],
    [['c'], null, 'c', []],
    [[], 'zz', 'b', ['b']],
    // A key that is not shown: plain toggle too.
    [['a'], 'a', 'zz', ['a', 'zz']],
  ])('range from %j, anchor %j to %j', (start, anchor, key, expected) => {
    expect([...selectRange(sel(...start), KEYS, anchor, key)].sort()).toEqual(expected);
  });

  it('select all / deselect all act on the shown keys only', () => {
    const start = sel('x');
    const all = selectAll(start, ['a', 'b']);
    expect([...all].sort()).toEqual(['a', 'b', 'x']);
    expect([...deselectAll(all, ['a', 'b'])]).toEqual(['x']);
  });

  it('prunes removed keys and keeps identity when nothing changes', () => {
    const start = sel('a', 'b');
    expect(pruneSelection(start, new Set(['a', 'b', 'c']))).toBe(start);
    expect([...pruneSelection(start, new Set(['b']))]).toEqual(['b']);
    expect([...pruneSelection(start, new Set())]).toEqual([]);
    expect(pruneSelection(EMPTY_SELECTION, new Set())).toBe(EMPTY_SELECTION);
  });

  it.each<[string[], string[], 'none' | 'some' | 'all']>([
    [[], KEYS, 'none'],
    [['zz'], KEYS, 'none'],
    [['a'], KEYS, 'some'],
    [KEYS, KEYS, 'all'],
    [[...KEYS, 'zz'], KEYS, 'all'],
    [['a'], ['a'], 'all'],
    [[], [], 'none'],
  ])('state of %j over %j is %s', (selected, shown, state) => {
    expect(selectionState(sel(...selected), shown)).toBe(state);
  });
});
