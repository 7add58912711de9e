import { describe, expect, it } from 'vitest';
import { libraryItem } from '../db/library-test-helpers';
import type { LibraryItem, Tombstone } from '../db/schema';
import { type DecodedSync, decodeFromSync, encodeForSync, encodeRecord } from './codec';
import { mergeSync, remoteIsBehind } from './merge';

/** What storage.sync would hold after a browser with these items and tombstones pushed (full tier). */
function remoteOf(items: LibraryItem[], tombstones: Tombstone[] = []): DecodedSync {
  return decodeFromSync(encodeForSync(items, tombstones).entries);
}

/** A remote holding exactly these records (any tier). */
function remoteRecords(records: unknown[], tombstones: { k: string; d: number }[] = []): DecodedSync {
  return decodeFromSync({
    'lib:meta': { v: 1, n: 1, i: records.length, t: records.length, d: tombstones.length },
    'lib:0': [...records, ...tombstones],
  });
}

const A = libraryItem('a', 100, { note: 'local note', tags: ['x'] });
const keys = (items: LibraryItem[]) => items.map((i) => i.key).sort();

describe('mergeSync: per key, newer wins and deletions are honoured', () => {
  const table: [
    string,
    { local?: LibraryItem; localDead?: number; remote?: LibraryItem; remoteDead?: number },
    { item?: Partial<LibraryItem>; deletedAt?: number; upsert: boolean; delete: boolean },
  ][] = [
    ['only local', { local: A }, { item: { note: 'local note' }, upsert: false, delete: false }],
    ['only remote (new here)', { remote: A }, { item: { note: 'local note' }, upsert: true, delete: false }],
    [
      'remote newer',
      { local: A, remote: { ...A, note: 'remote', updatedAt: 200 } },
      { item: { note: 'remote', updatedAt: 200 }, upsert: true, delete: false },
    ],
    [
      'local newer',
      { local: { ...A, updatedAt: 300 }, remote: { ...A, note: 'remote', updatedAt: 200 } },
      { item: { note: 'local note', updatedAt: 300 }, upsert: false, delete: false },
    ],
    [
      'remote tombstone newer than the local item',
      { local: A, remoteDead: 150 },
      { deletedAt: 150, upsert: false, delete: true },
    ],
    [
      'remote tombstone at the same time as the edit',
      { local: A, remoteDead: 100 },
      { deletedAt: 100, upsert: false, delete: true },
    ],
    [
      'local edit newer than a remote tombstone: it comes back',
      { local: { ...A, updatedAt: 300 }, remoteDead: 150 },
      { item: { updatedAt: 300 }, upsert: false, delete: false },
    ],
    [
      'remote edit newer than the local tombstone: resurrected here',
      { localDead: 150, remote: { ...A, updatedAt: 300 } },
      { item: { updatedAt: 300 }, upsert: true, delete: false },
    ],
    [
      'remote item older than the local tombstone: stays deleted',
      { localDead: 150, remote: A },
      { deletedAt: 150, upsert: false, delete: false },
    ],
    [
      'both tombstones: the later one is kept',
      { localDead: 150, remoteDead: 170 },
      { deletedAt: 170, upsert: false, delete: false },
    ],
  ];
  it.each(table)('%s', (_name, state, expected) => {
    const remote = remoteOf(
      state.remote ? [state.remote] : [],
      state.remoteDead ? [{ key: A.key, deletedAt: state.remoteDead }] : [],
    );
    const merged = mergeSync(
      state.local ? [state.local] : [],
      remote,
      state.localDead ? [{ key: A.key, deletedAt: state.localDead }] : [],
    );
    if (expected.item) {
      expect(merged.items).toEqual([expect.objectContaining({ key: A.key, ...expected.item })]);
      expect(merged.tombstones).toEqual([]);
      if (state.localDead) expect(merged.delta.clearedTombstones).toEqual([A.key]);
    } else {
      expect(merged.items).toEqual([]);
      expect(merged.tombstones).toEqual([{ key: A.key, deletedAt: expected.deletedAt }]);
      const storeLocally = expected.deletedAt !== state.localDead;
      expect(merged.delta.tombstones).toEqual(
        storeLocally ? [{ key: A.key, deletedAt: expected.deletedAt }] : [],
      );
    }
    expect(merged.delta.upserts.map((i) => i.key)).toEqual(expected.upsert ? [A.key] : []);
    expect(merged.delta.deletions).toEqual(expected.delete ? [A.key] : []);
  });

  it('merging what you pushed changes nothing', () => {
    const items = [A, libraryItem('b', 5), libraryItem('c', 7, { status: 'read' })];
    const dead = [{ key: 'title:d', deletedAt: 9 }];
    const merged = mergeSync(items, remoteOf(items, dead), dead);
    expect(merged.delta).toEqual({ upserts: [], deletions: [], tombstones: [], clearedTombstones: [] });
    expect(keys(merged.items)).toEqual(keys(items));
  });
});

describe('mergeSync: fields a record left out or cut', () => {
  const full: LibraryItem = {
    ...A,
    authors: ['Ada'],
    year: 2024,
    leaves: ['pruning'],
    note: `${'long note '.repeat(50)}end`,
  };

  it('a newer compact record keeps the local authors, year, leaves and the note it cut', () => {
    const newer = { ...full, status: 'read' as const, updatedAt: 500 };
    const record = encodeRecord(newer, 'compact');
    expect(record).toMatchObject({ x: 'aly', nt: 1 });
    const merged = mergeSync([full], remoteRecords([record]), []);
    expect(merged.items).toEqual([{ ...full, status: 'read', updatedAt: 500 }]);
  });

  it('a newer minimal record keeps the local note entirely', () => {
    const merged = mergeSync(
      [full],
      remoteRecords([encodeRecord({ ...full, updatedAt: 500 }, 'minimal')]),
      [],
    );
    expect(merged.items).toEqual([{ ...full, updatedAt: 500 }]);
  });

  it('a cut note that no longer matches the local one replaces it (the edit is newer)', () => {
    const edited = { ...full, note: `Rewritten. ${'x'.repeat(2_000)}`, updatedAt: 500 };
    const merged = mergeSync([full], remoteRecords([encodeRecord(edited)]), []);
    expect(merged.items[0]!.note.startsWith('Rewritten. xxx')).toBe(true);
    expect(merged.items[0]!.note.length).toBeLessThan(edited.note.length);
  });

  it('a cut tag list keeps the local tags when they extend it', () => {
    const tags = Array.from({ length: 60 }, (_, i) => `tag number ${i}`);
    const local = { ...A, tags };
    const record = encodeRecord({ ...local, updatedAt: 500 });
    expect(record.gt).toBe(1);
    expect(mergeSync([local], remoteRecords([record]), []).items[0]!.tags).toEqual(tags);
  });

  it('a new item with left-out details is completed from the catalog when possible', () => {
    const record = encodeRecord({ ...full, title: `${'Long title '.repeat(30)}`.trim() }, 'minimal');
    const recover = (item: LibraryItem) =>
      item.key === A.key
        ? { leaves: ['quantization' as const], year: 2023, title: `${'Long title '.repeat(30)}`.trim() }
        : undefined;
    const merged = mergeSync([], remoteRecords([record]), [], { recover });
    expect(merged.items[0]).toMatchObject({ leaves: ['quantization'], year: 2023, authors: [], note: '' });
    expect(merged.items[0]!.title.length).toBeGreaterThan(200);
    // An invalid answer from the catalog is ignored, not written.
    const bad = mergeSync([], remoteRecords([record]), [], {
      recover: () => ({ leaves: ['warp' as never] }),
    });
    expect(bad.items[0]).toMatchObject({ leaves: [], year: null });
  });
});

describe('mergeSync: ties on updatedAt', () => {
  it('two browsers with different contents at the same time agree on one winner', () => {
    const mine = { ...A, note: 'mine' };
    const theirs = { ...A, note: 'theirs' };
    const here = mergeSync([mine], remoteOf([theirs]), []).items[0]!;
    const there = mergeSync([theirs], remoteOf([mine]), []).items[0]!;
    expect(here).toEqual(there);
    expect(['mine', 'theirs']).toContain(here.note);
  });

  it('equal contents are not rewritten', () => {
    expect(mergeSync([A], remoteOf([A]), []).delta.upserts).toEqual([]);
  });
});

describe('remoteIsBehind', () => {
  const B = libraryItem('b', 50);
  const ours = (items: LibraryItem[], dead: Tombstone[] = []) => remoteOf(items, dead);
  it.each([
    ['remote empty, local has items', [A], [], remoteOf([]), true],
    ['both empty', [], [], remoteOf([]), false],
    ['same state', [A, B], [], remoteOf([A, B]), false],
    ['local edit newer', [{ ...A, updatedAt: 101 }], [], remoteOf([A]), true],
    ['remote newer', [A], [], remoteOf([{ ...A, updatedAt: 101 }]), false],
    [
      'same time, different content (never a reason to write)',
      [{ ...A, note: 'other' }],
      [],
      remoteOf([A]),
      false,
    ],
    ['a local deletion remote lacks', [], [{ key: A.key, deletedAt: 200 }], remoteOf([A]), true],
    [
      'a deletion remote already has',
      [],
      [{ key: A.key, deletedAt: 200 }],
      remoteOf([], [{ key: A.key, deletedAt: 200 }]),
      false,
    ],
    ['an item remote lacks', [A, B], [], remoteOf([A]), true],
  ] as const)('%s → %s', (_name, items, dead, remote, behind) => {
    expect(remoteIsBehind(ours([...items], [...dead]), remote)).toBe(behind);
  });

  it('never writes over data in a newer format', () => {
    const newer = decodeFromSync({ 'lib:meta': { v: 9, n: 0, i: 0, t: 0, d: 0 } });
    expect(remoteIsBehind(ours([A]), newer)).toBe(false);
  });
});
