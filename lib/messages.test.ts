import { describe, expect, it } from 'vitest';
import { FIXTURE_RECORDS } from './db/test-fixtures';
import {
  createMessageHandler,
  dispatchMessage,
  type MessageHandlers,
  type MessageSender,
  type MessagingBrowser,
  type RequestName,
  type Result,
  requests,
  sendMessage,
} from './messages';

const EXTENSION_ID = 'test-extension-id';
const ORIGIN = `chrome-extension://${EXTENSION_ID}/`;
const OPTIONS = { extensionOrigin: ORIGIN, extensionId: EXTENSION_ID };
const CONTENT_SCRIPT: MessageSender = { id: EXTENSION_ID, url: 'https://arxiv.org/abs/2106.09685' };
const POPUP: MessageSender = { id: EXTENSION_ID, url: `${ORIGIN}popup.html` };

const LORA = FIXTURE_RECORDS[0]!;
const ITEM = {
  key: 'arxiv:2106.09685',
  arxivId: '2106.09685',
  openreviewId: null,
  catalogId: LORA.id,
  title: LORA.title,
  authors: [],
  year: 2021,
  leaves: LORA.leaves,
  url: 'https://arxiv.org/abs/2106.09685',
  savedAt: 1,
  updatedAt: 1,
  tags: [],
  note: '',
  status: 'to-read' as const,
};

const SYNC_STATUS = {
  enabled: true,
  lastSyncedAt: 5,
  bytesUsed: 100,
  quotaBytes: 102_400,
  itemsSynced: 1,
  overQuota: false,
  error: null,
};

/** Handlers that record what they were called with and answer with valid canned values. */
function recordingHandlers() {
  const calls: [RequestName, unknown][] = [];
  const record =
    <K extends RequestName>(name: K, value: unknown) =>
    (input: unknown) => {
      calls.push([name, input]);
      return value;
    };
  const handlers = {
    lookupPaper: record('lookupPaper', {
      paper: LORA,
      matchedBy: 'arxiv-id',
      score: 1,
      related: [],
      saved: false,
      libraryKey: 'arxiv:2106.09685',
    }),
    relatedWorks: record('relatedWorks', []),
    searchCatalog: record('searchCatalog', [{ record: LORA, score: 0.5 }]),
    listNode: record('listNode', [LORA]),
    taxonomyCounts: record('taxonomyCounts', { quantization: 3 }),
    getSavedState: record('getSavedState', {}),
    savePaper: record('savePaper', ITEM),
    unsavePaper: record('unsavePaper', { removed: true }),
    listLibrary: record('listLibrary', [ITEM]),
    updateLibraryItem: record('updateLibraryItem', ITEM),
    bulkUpdateLibrary: record('bulkUpdateLibrary', { updated: 1 }),
    bulkRemoveLibrary: record('bulkRemoveLibrary', { removed: 1 }),
    importLibrary: record('importLibrary', {
      added: 1,
      merged: 0,
      unchanged: 0,
      rejected: [],
      snapshotId: 3,
    }),
    listSnapshots: record('listSnapshots', [{ id: 3, createdAt: 1, reason: 'import', count: 1 }]),
    restoreSnapshot: record('restoreSnapshot', { restored: 1 }),
    clearLibrary: record('clearLibrary', { removed: 1 }),
    getSyncStatus: record('getSyncStatus', SYNC_STATUS),
    setSyncEnabled: record('setSyncEnabled', SYNC_STATUS),
    datasetInfo: record('datasetInfo', { version: 'abc', records: 1, seededAt: null }),
  } as unknown as MessageHandlers;
  return { handlers, calls };
}

/** A transport that clones the message like a browser does and calls the listener with a chosen sender. */
function transport(
  listener: ReturnType<typeof createMessageHandler>,
  sender: MessageSender,
): MessagingBrowser {
  return {
    runtime: {
      sendMessage: (message) =>
        new Promise((resolve) => {
          const keepOpen = listener(structuredClone(message), sender, (reply) =>
            resolve(structuredClone(reply)),
          );
          expect(keepOpen).toBe(true);
        }),
    },
  };
}

const long = (n: number) => 'x'.repeat(n);

// Each message's input: valid cases the schema must accept, invalid ones it must refuse (with the field named).
const inputTable: [RequestName, unknown, boolean, RegExp?][] = [
  ['lookupPaper', { arxivId: '2106.09685' }, true],
  ['lookupPaper', { arxivId: '2106.09685v3' }, true],
  ['lookupPaper', { arxivId: 'arXiv:2106.09685' }, true],
  ['lookupPaper', { arxivId: 'hep-th/9901001' }, true],
  ['lookupPaper', { arxivId: '2113.00001' }, false, /arxivId/],
  ['lookupPaper', { openreviewId: 'rJl-b3RcF7' }, true],
  ['lookupPaper', { title: 'LoRA', relatedLimit: 0 }, true],
  ['lookupPaper', { title: long(1000) }, true],
  ['lookupPaper', {}, false, /at least one of arxivId, openreviewId or a title/],
  ['lookupPaper', { title: '?? !!' }, false, /at least one/],
  ['lookupPaper', { title: long(1001) }, false, /title: Too big/],
  ['lookupPaper', { arxivId: 'not-an-id' }, false, /arxivId: not a .*arXiv id/],
  ['lookupPaper', { arxivId: long(100_000) }, false, /arxivId: Too big/],
  ['lookupPaper', { openreviewId: 'a b' }, false, /openreviewId: not an OpenReview forum id/],
  ['lookupPaper', { arxivId: '2106.09685', relatedLimit: 51 }, false, /relatedLimit/],
  ['lookupPaper', { arxivId: '2106.09685', relatedLimit: 1.5 }, false, /relatedLimit/],
  ['lookupPaper', { arxivId: '2106.09685', extra: true }, false, /Unrecognized key/],
  ['lookupPaper', 'LoRA', false, /expected object/],
  ['relatedWorks', { recordId: 'arxiv:2106.09685', limit: 8, offset: 8 }, true],
  ['relatedWorks', { recordId: 'arxiv:2106.09685', limit: 0, offset: 0 }, false, /limit/],
  ['relatedWorks', { recordId: 'arxiv:2106.09685', limit: 8, offset: -1 }, false, /offset/],
  ['relatedWorks', { recordId: '', limit: 8, offset: 0 }, false, /recordId/],
  ['searchCatalog', { query: 'quantization', limit: 20 }, true],
  ['searchCatalog', { query: 'quant', leaf: 'quantization', limit: 200 }, true],
  ['searchCatalog', { query: 'quant', leaf: 'inference-efficiency', limit: 5 }, true],
  ['searchCatalog', { query: long(301), limit: 20 }, false, /query: Too big/],
  ['searchCatalog', { query: 'q', limit: 201 }, false, /limit/],
  ['searchCatalog', { query: 'q', leaf: 'warp-drive', limit: 5 }, false, /leaf: unknown taxonomy node/],
  ['listNode', { nodeId: 'pruning' }, true],
  ['listNode', { nodeId: 'model-compression-or-anything' }, false, /nodeId: unknown taxonomy node/],
  ['listNode', { nodeId: 'pruning', sort: 'random' }, false, /sort/],
  ['taxonomyCounts', {}, true],
  ['taxonomyCounts', { x: 1 }, false, /Unrecognized key/],
  ['taxonomyCounts', undefined, false, /expected object/],
  ['getSavedState', { keys: ['arxiv:2106.09685', 'openreview:rJl-b3RcF7', 'title:lora'] }, true],
  ['getSavedState', { keys: Array.from({ length: 5000 }, (_, i) => `title:${i}`) }, true],
  ['getSavedState', { keys: Array.from({ length: 5001 }, (_, i) => `title:${i}`) }, false, /keys: Too big/],
  ['getSavedState', { keys: ['lora'] }, false, /keys\.0: not a library key/],
  ['getSavedState', { keys: [`title:${long(1200)}`] }, false, /keys\.0: Too big/],
  ['savePaper', { arxivId: '2106.09685', title: 'LoRA', url: 'https://arxiv.org/abs/2106.09685' }, true],
  [
    'savePaper',
    { key: 'title:lora', title: 'LoRA', url: 'http://example.org/x', authors: ['A'], leaves: ['pruning'] },
    true,
  ],
  ['savePaper', { title: 'LoRA', url: 'https://arxiv.org/abs/2106.09685' }, true],
  ['savePaper', { title: '', url: 'https://arxiv.org/' }, false, /title/],
  ['savePaper', { title: '…', url: 'https://arxiv.org/' }, false, /give a key, an id, or a title/],
  ['savePaper', { title: 'LoRA', url: 'javascript:alert(1)' }, false, /url: not an http\(s\) URL/],
  ['savePaper', { title: 'LoRA', url: `https://arxiv.org/${long(2048)}` }, false, /url: Too big/],
  [
    'savePaper',
    { title: 'LoRA', url: 'https://arxiv.org/', leaves: ['warp'] },
    false,
    /leaves\.0: unknown taxonomy leaf/,
  ],
  [
    'savePaper',
    { title: 'LoRA', url: 'https://arxiv.org/', authors: Array(1001).fill('A') },
    false,
    /authors: Too big/,
  ],
  ['savePaper', { title: 'LoRA', url: 'https://arxiv.org/', status: 'read' }, false, /Unrecognized key/],
  ['unsavePaper', { key: 'arxiv:2106.09685' }, true],
  ['unsavePaper', { key: 'arxiv:' }, false, /not a library key/],
  ['unsavePaper', {}, false, /key/],
  ['listLibrary', {}, true],
  ['datasetInfo', {}, true],
  ['updateLibraryItem', { key: 'arxiv:2106.09685', tags: ['a'], note: 'n', status: 'read' }, true],
  ['updateLibraryItem', { key: 'arxiv:2106.09685' }, true],
  ['updateLibraryItem', { key: 'arxiv:2106.09685', tags: [] }, true],
  ['updateLibraryItem', { key: 'arxiv:2106.09685', tags: [long(64)] }, true],
  [
    'updateLibraryItem',
    { key: 'arxiv:2106.09685', tags: Array.from({ length: 50 }, (_, i) => `t${i}`) },
    true,
  ],
  ['updateLibraryItem', { key: 'arxiv:2106.09685', note: long(20_000) }, true],
  ['updateLibraryItem', { key: 'arxiv:2106.09685', tags: [`  ${long(64)}  `] }, true],
  ['updateLibraryItem', { key: 'arxiv:2106.09685', tags: ['   '] }, false, /tags\.0: empty tag/],
  ['updateLibraryItem', { key: 'arxiv:2106.09685', tags: [long(65)] }, false, /tags\.0: Too big/],
  [
    'updateLibraryItem',
    { key: 'arxiv:2106.09685', tags: Array.from({ length: 51 }, (_, i) => `t${i}`) },
    false,
    /tags: Too big/,
  ],
  ['updateLibraryItem', { key: 'arxiv:2106.09685', tags: 'a,b' }, false, /tags/],
  ['updateLibraryItem', { key: 'arxiv:2106.09685', note: long(20_001) }, false, /note: Too big/],
  ['updateLibraryItem', { key: 'arxiv:2106.09685', status: 'done' }, false, /status/],
  ['updateLibraryItem', { key: 'lora', note: '' }, false, /key: not a library key/],
  ['updateLibraryItem', { key: 'arxiv:2106.09685', title: 'x' }, false, /Unrecognized key/],
  [
    'bulkUpdateLibrary',
    { keys: ['title:a', 'title:b'], addTags: [' x '], removeTags: ['y'], status: 'to-read' },
    true,
  ],
  ['bulkUpdateLibrary', { keys: [] }, true],
  [
    'bulkUpdateLibrary',
    { keys: Array.from({ length: 10_000 }, (_, i) => `title:${i}`), status: 'read' },
    true,
  ],
  [
    'bulkUpdateLibrary',
    { keys: Array.from({ length: 10_001 }, (_, i) => `title:${i}`), status: 'read' },
    false,
    /keys: Too big/,
  ],
  ['bulkUpdateLibrary', { keys: ['nope'], status: 'read' }, false, /keys\.0: not a library key/],
  ['bulkUpdateLibrary', { keys: ['title:a'], addTags: [''] }, false, /addTags\.0: empty tag/],
  ['bulkUpdateLibrary', { keys: ['title:a'], removeTags: [long(65)] }, false, /removeTags\.0: Too big/],
  ['bulkRemoveLibrary', { keys: ['title:a'] }, true],
  ['bulkRemoveLibrary', {}, false, /keys/],
  ['bulkRemoveLibrary', { keys: ['*'] }, false, /keys\.0: not a library key/],
  ['importLibrary', { format: 'json', text: '{}' }, true],
  ['importLibrary', { format: 'bibtex', text: '@article{x,}', dryRun: true }, true],
  ['importLibrary', { format: 'json', text: long(20 * 1024 * 1024) }, true],
  ['importLibrary', { format: 'json', text: long(20 * 1024 * 1024 + 1) }, false, /text: Too big/],
  ['importLibrary', { format: 'csv', text: '' }, false, /format/],
  ['importLibrary', { format: 'json', text: 42 }, false, /text/],
  ['importLibrary', { format: 'json', text: '', dryRun: 'yes' }, false, /dryRun/],
  ['listSnapshots', {}, true],
  ['listSnapshots', { all: true }, false, /Unrecognized key/],
  ['restoreSnapshot', { id: 3 }, true],
  ['restoreSnapshot', { id: 0 }, false, /id/],
  ['restoreSnapshot', { id: 1.5 }, false, /id/],
  ['restoreSnapshot', { id: '3' }, false, /id/],
  ['clearLibrary', { confirm: 'DELETE' }, true],
  ['clearLibrary', { confirm: 'delete' }, false, /confirm/],
  ['clearLibrary', {}, false, /confirm/],
  ['getSyncStatus', {}, true],
  ['setSyncEnabled', { enabled: true }, true],
  ['setSyncEnabled', { enabled: 'true' }, false, /enabled/],
  ['setSyncEnabled', {}, false, /enabled/],
];

describe('requests (schemas)', () => {
  it.each(inputTable)('%s %j → accepted: %s', (name, input, accepted, message) => {
    const result = requests[name].input.safeParse(input);
    expect(result.success).toBe(accepted);
    if (!accepted && message)
      expect(JSON.stringify(result.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`))).toMatch(
        message,
      );
  });

  it.each([
    [' arXiv:2106.09685v2 ', '2106.09685'],
    ['2106.09685', '2106.09685'],
    ['math.GT/0309136v1', 'math/0309136'],
  ])('normalises the arXiv id %j to %j', (arxivId, canonical) => {
    expect(requests.lookupPaper.input.parse({ arxivId })).toEqual({ arxivId: canonical });
  });

  it('marks everything that reads or changes the whole library (or its notes) as extension-pages-only', () => {
    const only = Object.entries(requests)
      .filter(([, d]) => 'extensionPagesOnly' in d && d.extensionPagesOnly)
      .map(([n]) => n)
      .sort();
    expect(only).toEqual(
      [
        'listLibrary',
        'updateLibraryItem',
        'bulkUpdateLibrary',
        'bulkRemoveLibrary',
        'importLibrary',
        'listSnapshots',
        'restoreSnapshot',
        'clearLibrary',
        'getSyncStatus',
        'setSyncEnabled',
      ].sort(),
    );
    // What the overlay on arXiv/OpenReview pages needs stays open to content scripts.
    for (const name of ['savePaper', 'unsavePaper', 'getSavedState', 'lookupPaper'] as const) {
      expect(requests[name]).not.toHaveProperty('extensionPagesOnly');
    }
  });

  it('trims tags on the way in', () => {
    expect(requests.updateLibraryItem.input.parse({ key: 'title:a', tags: ['  spaced  ', 'x'] })).toEqual({
      key: 'title:a',
      tags: ['spaced', 'x'],
    });
  });
});

describe('createMessageHandler / dispatchMessage', () => {
  const malformed: [string, unknown, RegExp][] = [
    ['a string', 'lookupPaper', /Malformed message: expected \{type, input\}, got string/],
    ['null', null, /got null/],
    ['a number', 42, /got number/],
    ['an array', [{ type: 'datasetInfo', input: {} }], /got an array/],
    ['no type', { input: {} }, /"type" must be a message name, got undefined/],
    ['a non-string type', { type: 7, input: {} }, /got number/],
    ['an unknown type', { type: 'dropDatabase', input: {} }, /Unknown message type "dropDatabase"/],
    ['an inherited name', { type: 'constructor', input: {} }, /Unknown message type "constructor"/],
    [
      'a huge unknown type (clipped in the error)',
      { type: long(10_000), input: {} },
      /Unknown message type "x{80}…"$/,
    ],
    ['no input', { type: 'datasetInfo' }, /datasetInfo has no "input"/],
    [
      'a null input',
      { type: 'datasetInfo', input: null },
      /Invalid input for datasetInfo: \(input\): .*expected object/,
    ],
    [
      'a huge title',
      { type: 'lookupPaper', input: { title: long(5_000_000) } },
      /Invalid input for lookupPaper: title: Too big/,
    ],
  ];
  it.each(malformed)('rejects %s without calling any handler', async (_name, message, error) => {
    const { handlers, calls } = recordingHandlers();
    const reply = await dispatchMessage(handlers, message, CONTENT_SCRIPT, OPTIONS);
    expect(reply.ok).toBe(false);
    expect(reply.ok ? '' : reply.error).toMatch(error);
    expect(calls).toEqual([]);
  });

  const senders: [string, RequestName, MessageSender, RegExp | null][] = [
    ['a content script, lookupPaper', 'lookupPaper', CONTENT_SCRIPT, null],
    ['the popup, lookupPaper', 'lookupPaper', POPUP, null],
    ['the popup, listLibrary', 'listLibrary', POPUP, null],
    [
      'an options page in a tab, listLibrary',
      'listLibrary',
      { id: EXTENSION_ID, url: `${ORIGIN}options.html#x` },
      null,
    ],
    [
      'another extension',
      'lookupPaper',
      { id: 'evil-extension', url: 'chrome-extension://evil-extension/x.html' },
      /sender is not this extension/,
    ],
    ['a sender without id', 'datasetInfo', {}, /sender is not this extension/],
    [
      'a content script, listLibrary',
      'listLibrary',
      CONTENT_SCRIPT,
      /only the extension's own pages may send it \(sender: https:\/\/arxiv\.org/,
    ],
    [
      'a look-alike origin, listLibrary',
      'listLibrary',
      { id: EXTENSION_ID, url: `https://evil.example/${ORIGIN}` },
      /only the extension's own pages/,
    ],
    [
      'our id without url, listLibrary',
      'listLibrary',
      { id: EXTENSION_ID },
      /only the extension's own pages .*unknown/,
    ],
  ];
  const validInput: Record<RequestName, unknown> = {
    lookupPaper: { arxivId: '2106.09685' },
    lookupMany: { entries: [{ arxivId: '2106.09685' }, { title: 'T' }, {}] },
    listIndex: { site: 'arxiv' },
    relatedWorks: { recordId: 'x', limit: 1, offset: 0 },
    searchCatalog: { query: 'q', limit: 1 },
    listNode: { nodeId: 'pruning' },
    taxonomyCounts: {},
    getSavedState: { keys: [] },
    savePaper: { title: 'T', url: 'https://arxiv.org/' },
    unsavePaper: { key: 'title:t' },
    listLibrary: {},
    openTaxonomyBrowser: { nodeId: 'quantization' },
    datasetInfo: {},
    updateLibraryItem: { key: 'title:t', note: 'n' },
    bulkUpdateLibrary: { keys: ['title:t'], status: 'read' },
    bulkRemoveLibrary: { keys: ['title:t'] },
    importLibrary: { format: 'json', text: '{}' },
    listSnapshots: {},
    restoreSnapshot: { id: 1 },
    clearLibrary: { confirm: 'DELETE' },
    getSyncStatus: {},
    setSyncEnabled: { enabled: false },
  };
  it.each(senders)('sender check: %s', async (_name, type, sender, error) => {
    const { handlers, calls } = recordingHandlers();
    const reply = await dispatchMessage(handlers, { type, input: validInput[type] }, sender, OPTIONS);
    if (error) {
      expect(reply).toEqual({ ok: false, error: expect.stringMatching(error) });
      expect(calls).toEqual([]);
    } else {
      expect(reply.ok).toBe(true);
      expect(calls.map(([n]) => n)).toEqual([type]);
    }
  });

  const libraryManagement: RequestName[] = [
    'updateLibraryItem',
    'bulkUpdateLibrary',
    'bulkRemoveLibrary',
    'importLibrary',
    'listSnapshots',
    'restoreSnapshot',
    'clearLibrary',
    'getSyncStatus',
    'setSyncEnabled',
  ];
  it.each(libraryManagement)('%s: the popup may send it, a content script may not', async (type) => {
    const refused = recordingHandlers();
    const fromPage = await dispatchMessage(
      refused.handlers,
      { type, input: validInput[type] },
      CONTENT_SCRIPT,
      OPTIONS,
    );
    expect(fromPage).toEqual({
      ok: false,
      error: `Rejected ${type}: only the extension's own pages may send it (sender: https://arxiv.org/abs/2106.09685)`,
    });
    expect(refused.calls).toEqual([]);
    const accepted = recordingHandlers();
    const fromPopup = await dispatchMessage(
      accepted.handlers,
      { type, input: validInput[type] },
      POPUP,
      OPTIONS,
    );
    expect(fromPopup.ok).toBe(true);
    expect(accepted.calls.map(([n]) => n)).toEqual([type]);
    // The canned reply passes the declared output schema.
    expect(requests[type].output.safeParse(fromPopup.ok ? fromPopup.value : null).success).toBe(true);
  });

  it('passes the parsed input (with transforms) and the sender to the handler', async () => {
    const seen: unknown[] = [];
    const handlers = {
      ...recordingHandlers().handlers,
      lookupPaper: (input: unknown, context: unknown) => {
        seen.push(input, context);
        return {
          paper: null,
          matchedBy: null,
          score: null,
          related: [],
          saved: false,
          libraryKey: 'arxiv:2106.09685',
        };
      },
    } as MessageHandlers;
    await dispatchMessage(
      handlers,
      { type: 'lookupPaper', input: { arxivId: '2106.09685v4' } },
      CONTENT_SCRIPT,
      OPTIONS,
    );
    expect(seen).toEqual([{ arxivId: '2106.09685' }, { sender: CONTENT_SCRIPT }]);
  });

  it('turns a throwing handler (sync or async) into an error reply', async () => {
    const handlers = {
      ...recordingHandlers().handlers,
      datasetInfo: () => {
        throw new Error('disk on fire');
      },
      taxonomyCounts: async () => {
        throw 'not even an Error';
      },
    } as MessageHandlers;
    expect(await dispatchMessage(handlers, { type: 'datasetInfo', input: {} }, POPUP, OPTIONS)).toEqual({
      ok: false,
      error: 'datasetInfo failed: disk on fire',
    });
    expect(await dispatchMessage(handlers, { type: 'taxonomyCounts', input: {} }, POPUP, OPTIONS)).toEqual({
      ok: false,
      error: 'taxonomyCounts failed: not even an Error',
    });
  });

  it('the listener returns true and answers exactly once through sendResponse', async () => {
    const listener = createMessageHandler(recordingHandlers().handlers, OPTIONS);
    const replies: Result<unknown>[] = [];
    const done = new Promise<void>((resolve) => {
      const keepOpen = listener({ type: 'datasetInfo', input: {} }, POPUP, (reply) => {
        replies.push(reply);
        resolve();
      });
      expect(keepOpen).toBe(true);
    });
    await done;
    await new Promise((r) => setTimeout(r, 10));
    expect(replies).toEqual([{ ok: true, value: { version: 'abc', records: 1, seededAt: null } }]);
  });

  it('survives a sendResponse that throws (the tab went away)', async () => {
    const listener = createMessageHandler(recordingHandlers().handlers, OPTIONS);
    let called = 0;
    listener({ type: 'datasetInfo', input: {} }, POPUP, () => {
      called++;
      throw new Error('port closed');
    });
    await new Promise((r) => setTimeout(r, 10));
    expect(called).toBe(1);
  });
});

describe('sendMessage', () => {
  it('round-trips through the listener with the reply validated and typed', async () => {
    const { handlers, calls } = recordingHandlers();
    const browser = transport(createMessageHandler(handlers, OPTIONS), CONTENT_SCRIPT);
    const reply = await sendMessage('lookupPaper', { arxivId: '2106.09685v2', title: 'LoRA' }, { browser });
    expect(reply.ok).toBe(true);
    if (reply.ok) {
      expect(reply.value.paper?.id).toBe(LORA.id);
      expect(reply.value.libraryKey).toBe('arxiv:2106.09685');
    }
    expect(calls).toEqual([['lookupPaper', { arxivId: '2106.09685', title: 'LoRA' }]]);
  });

  it('passes the background error through', async () => {
    const browser = transport(createMessageHandler(recordingHandlers().handlers, OPTIONS), CONTENT_SCRIPT);
    expect(await sendMessage('listLibrary', {}, { browser })).toEqual({
      ok: false,
      error: expect.stringMatching(/^Rejected listLibrary: only the extension's own pages/),
    });
  });

  it('refuses invalid input locally, without sending', async () => {
    let sent = 0;
    const browser: MessagingBrowser = {
      runtime: {
        sendMessage: async () => {
          sent++;
          return { ok: true, value: {} };
        },
      },
    };
    const reply = await sendMessage('searchCatalog', { query: long(301), limit: 5 }, { browser });
    expect(reply).toEqual({
      ok: false,
      error: expect.stringMatching(/^Invalid input for searchCatalog: query: Too big/),
    });
    expect(sent).toBe(0);
  });

  const badReplies: [string, () => Promise<unknown>, RegExp][] = [
    [
      'no reply (no listener answered)',
      async () => undefined,
      /No reply from the background for datasetInfo/,
    ],
    [
      'a rejected sendMessage',
      async () => Promise.reject(new Error('Receiving end does not exist.')),
      /Could not reach the background for datasetInfo: Receiving end does not exist\./,
    ],
    ['a reply of the wrong shape', async () => ({ version: 'x' }), /Malformed reply to datasetInfo/],
    [
      'a success with an invalid value',
      async () => ({ ok: true, value: { version: 1 } }),
      /Malformed reply to datasetInfo: value\.version/,
    ],
    ['a failure without an error string', async () => ({ ok: false }), /Malformed reply to datasetInfo/],
  ];
  it.each(badReplies)('reports %s as an error, never throwing', async (_name, reply, error) => {
    const browser: MessagingBrowser = { runtime: { sendMessage: reply } };
    expect(await sendMessage('datasetInfo', {}, { browser })).toEqual({
      ok: false,
      error: expect.stringMatching(error),
    });
  });
});
