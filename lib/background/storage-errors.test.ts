import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { STORAGE_ERROR_PREFIX } from '../db/storage-errors';
import { fixtureDataset, uniqueDbName, V1 } from '../db/test-fixtures';
import { type MessageSender, sendMessage } from '../messages';
import { type BackgroundService, startBackground } from './index';
import { senderBrowser } from './test-messaging';

/**
 * IndexedDB full or unavailable (issue #6): the reply is {ok: false} with a message that says so, and nothing is
 * stored or announced as saved. Simulated in fake-indexeddb by making a store's put throw QuotaExceededError,
 * and indexedDB.open fail the way Chrome's does when the backing store cannot be opened.
 */

const PAGE: MessageSender = { id: fakeBrowser.runtime.id, url: 'https://arxiv.org/abs/2106.09685' };
const POPUP: MessageSender = { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/popup.html') };

function client(sender: MessageSender) {
  return senderBrowser(sender);
}

const SAVE = { arxivId: '2106.09685', title: 'LoRA', url: 'https://arxiv.org/abs/2106.09685' };
const services: BackgroundService[] = [];
const restore: (() => void)[] = [];
let announced: unknown[] = [];

function start() {
  const service = startBackground({
    browser: fakeBrowser,
    bundled: fixtureDataset(V1),
    catalogDbName: uniqueDbName('se-catalog'),
    libraryDbName: uniqueDbName('se-library'),
    logger: { warn: () => undefined },
  });
  services.push(service);
  return service;
}

beforeEach(() => {
  fakeBrowser.reset();
  announced = [];
  fakeBrowser.storage.onChanged.addListener((changes) => announced.push(changes));
});
afterEach(async () => {
  for (const undo of restore.splice(0)) undo();
  for (const service of services.splice(0)) await service.close();
});

describe('storage full or unavailable', () => {
  it('a save over quota replies with a clear error and stores nothing; the next save after space is freed works', async () => {
    start();
    const proto = IDBObjectStore.prototype;
    const put = proto.put;
    let full = true;
    proto.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      if (full && this.name === 'items')
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.apply(this, args);
    };
    restore.push(() => {
      proto.put = put;
    });

    const reply = await sendMessage('savePaper', SAVE, { browser: client(PAGE) });
    expect(reply.ok).toBe(false);
    expect(!reply.ok && reply.error).toContain(`${STORAGE_ERROR_PREFIX} is full`);
    const list = await sendMessage('listLibrary', {}, { browser: client(POPUP) });
    expect(list).toEqual({ ok: true, value: [] });
    expect(announced).toEqual([]);

    full = false;
    const again = await sendMessage('savePaper', SAVE, { browser: client(PAGE) });
    expect(again.ok).toBe(true);
  });

  it('a database that cannot be opened gives a clear error for saves and for the library list', async () => {
    const open = indexedDB.open;
    indexedDB.open = () => {
      throw new DOMException('Internal error opening backing store for indexedDB.open.', 'UnknownError');
    };
    restore.push(() => {
      indexedDB.open = open;
    });
    start();
    for (const [name, input, sender] of [
      ['savePaper', SAVE, PAGE],
      ['listLibrary', {}, POPUP],
      ['lookupPaper', { arxivId: '2106.09685' }, PAGE],
    ] as const) {
      const reply = await sendMessage(name, input as never, { browser: client(sender) });
      expect(reply.ok, name).toBe(false);
      expect(!reply.ok && reply.error, name).toContain(`${STORAGE_ERROR_PREFIX} is unavailable`);
    }
    expect(announced).toEqual([]);
  });

  it('other failures keep their own message (negative case)', async () => {
    start();
    const reply = await sendMessage(
      'updateLibraryItem',
      { key: 'arxiv:2106.09685', note: 'x' },
      { browser: client(POPUP) },
    );
    expect(reply.ok).toBe(false);
    expect(!reply.ok && reply.error).toContain('is not in the library');
    expect(!reply.ok && reply.error).not.toContain(STORAGE_ERROR_PREFIX);
  });
});
