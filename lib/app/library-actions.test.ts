import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeSend, localeMessages } from '../../components/app/test-helpers';
import { makeRecord } from '../../components/shared/test-utils';
import type { PaperRecord } from '../dataset/schema';
import { setMessages } from './i18n';
import {
  BULK_CHUNK,
  bulkAddTags,
  bulkRemove,
  bulkRemoveTags,
  bulkSetStatus,
  bulkUpdate,
  chunk,
  recordKey,
  saveRecord,
  updateItem,
} from './library-actions';

beforeEach(() => setMessages(localeMessages('en'), 'en'));
afterEach(() => setMessages(null));

const keys = (n: number) => Array.from({ length: n }, (_, i) => `arxiv:2401.${String(i).padStart(5, '0')}`);

describe('bulk actions', () => {
  it('each sends one bulkUpdateLibrary with exactly its change', async () => {
    const send = fakeSend({ bulkUpdateLibrary: (input) => ({ updated: input.keys.length }) });
    expect(await bulkAddTags(send, ['a:1', 'a:2'], ['x', 'X', ' y '])).toEqual({
      ok: true,
      value: { updated: 2 },
    });
    expect(await bulkRemoveTags(send, ['a:1'], ['x'])).toEqual({ ok: true, value: { updated: 1 } });
    expect(await bulkSetStatus(send, ['a:3'], 'read')).toEqual({ ok: true, value: { updated: 1 } });
    expect(send.calls).toEqual([
      { name: 'bulkUpdateLibrary', input: { keys: ['a:1', 'a:2'], addTags: ['x', 'y'] } },
      { name: 'bulkUpdateLibrary', input: { keys: ['a:1'], removeTags: ['x'] } },
      { name: 'bulkUpdateLibrary', input: { keys: ['a:3'], status: 'read' } },
    ]);
  });

  it('refuses empty selections and empty changes without sending anything', async () => {
    const send = fakeSend({ bulkUpdateLibrary: { updated: 0 }, bulkRemoveLibrary: { removed: 0 } });
    expect(await bulkAddTags(send, [], ['x'])).toEqual({ ok: false, error: 'Nothing is selected.' });
    expect(await bulkAddTags(send, ['a:1'], [' ', ''])).toMatchObject({
      ok: false,
      error: /No change was given/,
    });
    expect(await bulkUpdate(send, ['a:1'], {})).toMatchObject({ ok: false });
    expect(await bulkAddTags(send, ['a:1'], ['x'.repeat(65)])).toMatchObject({
      ok: false,
      error: /too long/,
    });
    expect(await bulkRemove(send, [])).toEqual({ ok: false, error: 'Nothing is selected.' });
    expect(send.calls).toEqual([]);
  });

  it(`splits big selections into messages of ${BULK_CHUNK} keys and adds up the counts`, async () => {
    const send = fakeSend({
      bulkUpdateLibrary: (input) => ({ updated: input.keys.length }),
      bulkRemoveLibrary: (input) => ({ removed: input.keys.length - 1 }),
    });
    const many = keys(BULK_CHUNK * 2 + 7);
    expect(await bulkSetStatus(send, [...many, many[0]!], 'reading')).toEqual({
      ok: true,
      value: { updated: many.length },
    });
    expect(send.named('bulkUpdateLibrary').map((i) => (i as { keys: string[] }).keys.length)).toEqual([
      BULK_CHUNK,
      BULK_CHUNK,
      7,
    ]);
    expect(await bulkRemove(send, many)).toEqual({ ok: true, value: { removed: many.length - 3 } });
    expect(send.named('bulkRemoveLibrary')).toHaveLength(3);
  });

  it('stops at the first failing chunk and says how many were done', async () => {
    let n = 0;
    const send = fakeSend({
      bulkUpdateLibrary: (input) => (++n === 2 ? new Error('disk full') : { updated: input.keys.length }),
      bulkRemoveLibrary: () => new Error('locked'),
    });
    const result = await bulkAddTags(send, keys(BULK_CHUNK * 3), ['t']);
    expect(result).toEqual({ ok: false, error: `disk full (${BULK_CHUNK} were updated before the error.)` });
    expect(send.named('bulkUpdateLibrary')).toHaveLength(2);
    // A failure on the first chunk is passed through as it is.
    expect(await bulkRemove(send, ['a:1'])).toEqual({ ok: false, error: 'locked' });
  });
});

describe('single-item actions', () => {
  it('updateItem sends cleaned tags, and refuses tags the library cannot store', async () => {
    const send = fakeSend({ updateLibraryItem: (input) => new Error(`echo ${JSON.stringify(input)}`) });
    await updateItem(send, 'arxiv:1', { tags: ['a', 'A', ' b '] });
    await updateItem(send, 'arxiv:1', { note: 'n', status: 'read' });
    expect(send.calls.map((c) => c.input)).toEqual([
      { key: 'arxiv:1', tags: ['a', 'b'] },
      { key: 'arxiv:1', note: 'n', status: 'read' },
    ]);
    const tooMany = Array.from({ length: 51 }, (_, i) => `t${i}`);
    expect(await updateItem(send, 'arxiv:1', { tags: tooMany })).toMatchObject({
      ok: false,
      error: /Too many tags/,
    });
    expect(send.calls).toHaveLength(2);
  });

  const record = (over: Partial<PaperRecord>) =>
    makeRecord({
      title: 'LoRA',
      leaves: ['parameter-efficient-fine-tuning'],
      arxivId: '2106.09685',
      ...over,
    });

  it('saveRecord sends the record identity, title, page and leaves', async () => {
    const send = fakeSend({ savePaper: () => new Error('stop') });
    await saveRecord(send, record({}), 'https://arxiv.org/abs/2106.09685');
    await saveRecord(
      send,
      record({ id: 'openreview:abcdefgh', arxivId: null, openreviewId: 'abcdefgh' }),
      'https://openreview.net/forum?id=abcdefgh',
    );
    expect(send.calls.map((c) => c.input)).toEqual([
      {
        arxivId: '2106.09685',
        title: 'LoRA',
        url: 'https://arxiv.org/abs/2106.09685',
        leaves: ['parameter-efficient-fine-tuning'],
      },
      {
        openreviewId: 'abcdefgh',
        title: 'LoRA',
        url: 'https://openreview.net/forum?id=abcdefgh',
        leaves: ['parameter-efficient-fine-tuning'],
      },
    ]);
    expect(await saveRecord(send, record({}), null)).toMatchObject({
      ok: false,
      error: /no arXiv, OpenReview or web link/,
    });
    expect(send.calls).toHaveLength(2);
  });

  it('recordKey matches the background key scheme', () => {
    const id = 'url:example';
    expect(recordKey({ id, arxivId: '2106.09685', openreviewId: 'x', title: 'T' })).toBe('arxiv:2106.09685');
    expect(recordKey({ id, arxivId: null, openreviewId: 'abcdefgh', title: 'T' })).toBe(
      'openreview:abcdefgh',
    );
    expect(recordKey({ id, arxivId: null, openreviewId: null, title: 'Some Title!' })).toBe(
      'title:some title',
    );
    // Nothing to derive a key from: the record's own id.
    expect(recordKey({ id, arxivId: null, openreviewId: null, title: '!!!' })).toBe(id);
  });

  it('chunk splits evenly and keeps the tail', () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunk([], 2)).toEqual([]);
  });
});
