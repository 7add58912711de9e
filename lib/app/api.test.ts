import { describe, expect, it } from 'vitest';
import { LibraryItem } from '../db/schema';
import { createSend, unwrap } from './api';

const ITEM = LibraryItem.parse({
  key: 'arxiv:2106.09685',
  arxivId: '2106.09685',
  openreviewId: null,
  catalogId: null,
  title: 'LoRA',
  authors: [],
  year: 2021,
  leaves: [],
  url: 'https://arxiv.org/abs/2106.09685',
  savedAt: 1,
  updatedAt: 1,
  tags: [],
  note: '',
  status: 'to-read',
});

describe('createSend', () => {
  it('sends {type, input} through runtime.sendMessage and validates the reply', async () => {
    const sent: unknown[] = [];
    const send = createSend({
      runtime: {
        sendMessage: async (message) => {
          sent.push(message);
          return { ok: true, value: [ITEM] };
        },
      },
    });
    expect(await send('listLibrary', {})).toEqual({ ok: true, value: [ITEM] });
    expect(sent).toEqual([{ type: 'listLibrary', input: {} }]);
  });

  it('turns a malformed reply, a dead background and bad input into error replies, never a rejection', async () => {
    const garbage = createSend({
      runtime: { sendMessage: async () => ({ ok: true, value: [{ nope: 1 }] }) },
    });
    expect(await garbage('listLibrary', {})).toMatchObject({
      ok: false,
      error: /Malformed reply to listLibrary/,
    });
    const dead = createSend({
      runtime: {
        sendMessage: async () => {
          throw new Error('Receiving end does not exist.');
        },
      },
    });
    expect(await dead('taxonomyCounts', {})).toMatchObject({
      ok: false,
      error: /Could not reach the background/,
    });
    const never = createSend({ runtime: { sendMessage: async () => ({ ok: true, value: {} }) } });
    expect(await never('searchCatalog', { query: 'x', limit: 0 })).toMatchObject({
      ok: false,
      error: /Invalid input for searchCatalog/,
    });
  });

  it('reports a message the background does not declare as an error reply', async () => {
    const send = createSend({ runtime: { sendMessage: async () => ({ ok: true, value: null }) } });
    const reply = await (send as (name: string, input: unknown) => Promise<unknown>)('noSuchMessage', {});
    expect(reply).toMatchObject({ ok: false, error: /noSuchMessage is not available/ });
  });

  it('unwrap returns the value or throws the error text', () => {
    expect(unwrap({ ok: true, value: 3 })).toBe(3);
    expect(() => unwrap({ ok: false, error: 'boom' })).toThrow('boom');
  });
});
