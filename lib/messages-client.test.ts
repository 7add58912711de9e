import { describe, expect, it } from 'vitest';
import { LIBRARY_CHANGE_STORAGE_KEY } from './messages';
import { LIBRARY_CHANGE_KEY, parseLibraryChange, request } from './messages-client';

const browserReplying = (reply: unknown) => ({
  runtime: {
    sendMessage: async (message: unknown) => {
      if (reply instanceof Error) throw reply;
      return typeof reply === 'function' ? reply(message) : reply;
    },
  },
});

describe('request (content-script sender)', () => {
  it('sends {type, input} and passes a success reply through', async () => {
    let sent: unknown;
    const browser = browserReplying((m: unknown) => {
      sent = m;
      return { ok: true, value: { a: 1 } };
    });
    const reply = await request('taxonomyCounts', {}, { browser });
    expect(sent).toEqual({ type: 'taxonomyCounts', input: {} });
    expect(reply).toEqual({ ok: true, value: { a: 1 } });
  });

  it('passes an error reply through', async () => {
    expect(
      await request('taxonomyCounts', {}, { browser: browserReplying({ ok: false, error: 'nope' }) }),
    ).toEqual({
      ok: false,
      error: 'nope',
    });
  });

  it.each([undefined, null, 'text', 42, { ok: 'yes' }, { ok: true }, { ok: false, error: 3 }])(
    'turns a malformed reply %j into an error',
    async (bad) => {
      const reply = await request('taxonomyCounts', {}, { browser: browserReplying(bad) });
      expect(reply).toEqual({ ok: false, error: 'Malformed reply to taxonomyCounts' });
    },
  );

  it('turns an unreachable background into an error, never a rejection', async () => {
    const reply = await request(
      'taxonomyCounts',
      {},
      { browser: browserReplying(new Error('Receiving end does not exist')) },
    );
    expect(reply.ok).toBe(false);
    expect(!reply.ok && reply.error).toContain('Receiving end does not exist');
  });
});

describe('parseLibraryChange', () => {
  it('uses the same storage key as the background', () => {
    expect(LIBRARY_CHANGE_KEY).toBe(LIBRARY_CHANGE_STORAGE_KEY);
  });

  it('accepts a change and rejects anything else', () => {
    expect(parseLibraryChange({ key: 'arxiv:2106.09685', saved: true, at: 5 })).toEqual({
      key: 'arxiv:2106.09685',
      saved: true,
      at: 5,
    });
    for (const bad of [null, 1, 'x', {}, { key: 1, saved: true, at: 1 }, { key: 'k', saved: 'yes', at: 1 }]) {
      expect(parseLibraryChange(bad)).toBeNull();
    }
  });
});
