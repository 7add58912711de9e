import { openDB } from 'idb';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { FIXTURE_RECORDS, fixtureDataset, uniqueDbName, V1 } from '../db/test-fixtures';
import { buildJsonBackup } from '../export/json-backup';
import { randomText, randomTools } from '../export/test-random';
import {
  type MessageListener,
  type MessageSender,
  type RequestName,
  type Result,
  requests,
} from '../messages';
import { type BackgroundService, startBackground } from './index';

/**
 * Fuzzing the background's message boundary (issue #6): many thousands of seeded random and mutated messages
 * go through the listener that startBackground registers, over fake-indexeddb and WXT's fakeBrowser, from
 * every kind of sender (our pages, our content script, a web page, another extension, no sender at all).
 *
 * The oracle (`verdict`) is written here, apart from lib/messages.ts: a message is acceptable only when it is
 * a plain object naming a declared message, comes from this extension, from an extension page when the message
 * is extensionPagesOnly, and its input passes the declared schema. For every message the oracle rejects:
 * the listener returns `true` synchronously without throwing, replies exactly once with {ok: false} and a
 * short error that says which check failed, and opens no read-write transaction, writes nothing to
 * storage.local and opens no tab. Every 2,000 messages (and at the end) both databases and storage.local are
 * dumped and compared with the dump taken before the run: they must be identical.
 *
 * The two `control:` tests prove the harness can fail: the same run against a listener whose sender checks are
 * defeated (every sender made to look like our popup, or like our content script) must report violations,
 * including writes. A third mutation was made by hand (2026-11-28) and is not kept: in dispatchMessage,
 * `definition.input.safeParse(input)` replaced by `{ success: true, data: input }` made the main test fail
 * with replies `ok: true` for rejected inputs and a changed library dump.
 */

const SEED = 0x5eed_0006;
const ITERATIONS = 20_000;
const CHECKPOINT_EVERY = 2_000;

const EXT_ID = fakeBrowser.runtime.id;
const ORIGIN = fakeBrowser.runtime.getURL('/');

/** Senders, each with whether it may send ordinary and extension-pages-only messages. */
const SENDERS: Record<string, MessageSender | undefined> = {
  popup: { id: EXT_ID, url: `${ORIGIN}popup.html` },
  options: { id: EXT_ID, url: `${ORIGIN}options.html#/library` },
  contentScript: { id: EXT_ID, url: 'https://arxiv.org/abs/2106.09685' },
  // A content script on a hostile page whose URL mentions our origin: still not an extension page.
  spoofedPageUrl: { id: EXT_ID, url: `https://evil.example/${ORIGIN}popup.html` },
  lookalikeOrigin: { id: EXT_ID, url: `${ORIGIN.replace(/\/$/, '')}.evil.example/popup.html` },
  ownIdNoUrl: { id: EXT_ID },
  webPage: { url: 'https://evil.example/' },
  otherExtension: {
    id: 'abcdefghijklmnopabcdefghijklmnop',
    url: 'chrome-extension://abcdefghijklmnop/x.html',
  },
  otherExtensionClaimingOurUrl: { id: 'other-extension', url: `${ORIGIN}popup.html` },
  emptySender: {},
  noSender: undefined,
};
const PRIVILEGED_SENDERS = ['popup', 'options'] as const;

/** Messages that never change the library, storage or tabs when accepted (the rest are sent only when rejected). */
const READ_ONLY: ReadonlySet<RequestName> = new Set<RequestName>([
  'lookupPaper',
  'lookupMany',
  'listIndex',
  'relatedWorks',
  'searchCatalog',
  'listNode',
  'taxonomyCounts',
  'getSavedState',
  'listLibrary',
  'listSnapshots',
  'getSyncStatus',
  'datasetInfo',
]);

const LORA = FIXTURE_RECORDS[0]!;
const SAVED_KEYS = ['arxiv:2106.09685', 'arxiv:2305.14314', 'title:a paper saved before the run'];
const BACKUP = buildJsonBackup(
  [
    {
      key: 'arxiv:2210.17323',
      arxivId: '2210.17323',
      openreviewId: null,
      catalogId: null,
      title: 'GPTQ',
      authors: [],
      year: 2022,
      leaves: [],
      url: 'https://arxiv.org/abs/2210.17323',
      savedAt: 1,
      updatedAt: 1,
      tags: [],
      note: '',
      status: 'to-read',
    },
  ],
  { now: 1_700_000_000_000 },
);

/** One valid input per declared message: what the mutations start from. */
const TEMPLATES: { [K in RequestName]: unknown } = {
  lookupPaper: { arxivId: LORA.arxivId, title: LORA.title, relatedLimit: 3 },
  lookupMany: { entries: [{ arxivId: LORA.arxivId }, { title: 'QLoRA' }, { openreviewId: 'rJl-b3RcF7' }] },
  listIndex: { site: 'arxiv' },
  relatedWorks: { recordId: LORA.id, limit: 5, offset: 0 },
  searchCatalog: { query: 'quantization', leaf: 'quantization', limit: 10 },
  listNode: { nodeId: 'quantization', sort: 'title' },
  taxonomyCounts: {},
  getSavedState: { keys: SAVED_KEYS },
  savePaper: { arxivId: '2210.17323', title: 'GPTQ', url: 'https://arxiv.org/abs/2210.17323', leaves: [] },
  unsavePaper: { key: SAVED_KEYS[0] },
  listLibrary: {},
  updateLibraryItem: { key: SAVED_KEYS[0], tags: ['llm'], note: 'n', status: 'read' },
  bulkUpdateLibrary: { keys: SAVED_KEYS, addTags: ['x'], removeTags: ['y'], status: 'reading' },
  bulkRemoveLibrary: { keys: SAVED_KEYS },
  importLibrary: { format: 'json', text: BACKUP },
  listSnapshots: {},
  restoreSnapshot: { id: 1 },
  clearLibrary: { confirm: 'DELETE' },
  getSyncStatus: {},
  setSyncEnabled: { enabled: true },
  openTaxonomyBrowser: { nodeId: 'quantization' },
  datasetInfo: {},
};
const NAMES = Object.keys(TEMPLATES) as RequestName[];

// ---------------------------------------------------------------------------------------------------------
// Generators

type Tools = ReturnType<typeof randomTools>;

const HOSTILE_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'valueOf',
  '',
  ' ',
];
const TRICKY_STRINGS = [
  '',
  ' ',
  '\u0000',
  '\uD800',
  '\uDFFF',
  '\u202Egnp.exe',
  '\u200B\u200D\uFEFF',
  'e\u0301\u0301\u0301',
  '<script>alert(1)</script>',
  'javascript:alert(1)',
  'data:text/html,<b>x</b>',
  'https://evil.example/',
  'arxiv:',
  'arxiv: 2106.09685',
  '2106.09685v0',
  '9912.12345',
  'title:',
  'title: ',
  'openreview:../../etc',
  'DELETE ',
  'delete',
  '__proto__',
  'NaN',
  '1e309',
  '%00',
  '$\u007B7*7}', // a template-injection probe
  `{{constructor.constructor("x")()}}`,
  '😀'.repeat(50),
];

function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  // Plain assignment to "__proto__" would set the prototype; a page's JSON.parse makes an own property.
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function nested(depth: number, asObject: boolean): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = asObject ? { a: value } : [value];
  return value;
}

function randomString(t: Tools): string {
  switch (t.int(4)) {
    case 0:
      return t.pick(TRICKY_STRINGS);
    case 1:
      return randomText(t, 20);
    case 2:
      return String.fromCharCode(...Array.from({ length: t.int(12) }, () => t.int(0x10000)));
    default:
      return t.pick(NAMES) + t.pick(['', ' ', 'x', '\u0000']);
  }
}

/** Any value a structured-clone channel can carry (and a few it cannot quite: deep nesting). */
function randomValue(t: Tools, depth = 3): unknown {
  switch (t.int(depth > 0 ? 22 : 16)) {
    case 0:
      return null;
    case 1:
      return undefined;
    case 2:
      return t.int(2) === 0;
    case 3:
      return t.int(2_000) - 1_000;
    case 4:
      return t.pick([
        Number.NaN,
        Number.POSITIVE_INFINITY,
        Number.NEGATIVE_INFINITY,
        -0,
        2 ** 53 + 1,
        1.5,
        1e308,
      ]);
    case 5:
      return BigInt(t.int(1_000));
    case 6:
    case 7:
    case 8:
      return randomString(t);
    case 9:
      return new Date(t.int(2) ? Number.NaN : 0);
    case 10:
      return new Map([['type', 'clearLibrary']]);
    case 11:
      return new Uint8Array(t.int(16));
    case 12:
      return /re/g;
    case 13:
      return 'x'.repeat(t.pick([1_000, 65_536, 1 << 20]));
    case 14:
      return nested(t.pick([10, 100, 1_000]), t.int(2) === 0);
    case 15:
      return [];
    case 16:
    case 17:
      return Array.from({ length: t.int(5) }, () => randomValue(t, depth - 1));
    default: {
      const object: Record<string, unknown> = {};
      for (let i = t.int(5); i > 0; i--) {
        const key = t.int(3) === 0 ? t.pick(HOSTILE_KEYS) : randomString(t);
        setOwn(object, key, randomValue(t, depth - 1));
      }
      return object;
    }
  }
}

/** A copy of `input` with one thing wrong (or, by chance, still right: the oracle decides). */
function mutateInput(t: Tools, name: RequestName, input: unknown): unknown {
  const copy = structuredClone(input) as Record<string, unknown>;
  const keys = Object.keys(copy);
  const key =
    keys.length && t.int(5) > 0 ? t.pick(keys) : t.pick([...HOSTILE_KEYS, 'extra', 'x'.repeat(100_000)]);
  switch (t.int(12)) {
    case 0:
      return randomValue(t); // the whole input replaced
    case 1:
      return t.pick([[copy], [], Object.values(copy), JSON.stringify(copy), null]);
    case 2:
      delete copy[key];
      return copy;
    case 3:
      // Huge strings: 1 MiB anywhere, and just over the 20 MiB import cap for importLibrary's text.
      setOwn(
        copy,
        key,
        name === 'importLibrary' && key === 'text' && t.int(4) === 0
          ? `{${' '.repeat(20 * 1024 * 1024)}}`
          : 'y'.repeat(1 << 20),
      );
      return copy;
    case 4:
      setOwn(copy, key, nested(t.pick([500, 2_000, 10_000]), t.int(2) === 0));
      return copy;
    case 5: {
      // Prototype-pollution shapes, as a page's JSON.parse would produce them.
      const polluted = JSON.parse(`{"__proto__": {"polluted": true, "extensionPagesOnly": false}}`);
      setOwn(copy, t.pick(['__proto__', 'constructor', key]), polluted);
      return copy;
    }
    case 6:
      setOwn(copy, key, t.pick([Number.NaN, Number.POSITIVE_INFINITY, -1, 1.5, 2 ** 53, -0, 0]));
      return copy;
    case 7:
      // Arrays where scalars or objects go, and over-long arrays of junk.
      setOwn(
        copy,
        key,
        t.int(2)
          ? [copy[key]]
          : Array.from({ length: t.pick([2, 10_001, 50_000]) }, (_, i) => (i % 7 === 0 ? i : `arxiv:x${i}`)),
      );
      return copy;
    case 8:
      setOwn(copy, key, randomString(t));
      return copy;
    default:
      setOwn(copy, key, randomValue(t));
      return copy;
  }
}

/** The envelope around an input: sometimes wrong itself. */
function envelope(t: Tools, type: unknown, input: unknown): unknown {
  switch (t.int(12)) {
    case 0:
      return { type }; // no input
    case 1:
      return { type, input, extra: randomValue(t, 1) };
    case 2:
      return [type, input];
    case 3: {
      const message: Record<string, unknown> = { type, input };
      setOwn(message, '__proto__', { type: 'clearLibrary', input: { confirm: 'DELETE' } });
      return message;
    }
    default:
      return { type, input };
  }
}

interface Case {
  message: unknown;
  sender: MessageSender | undefined;
  senderName: string;
  kind: string;
}

function randomSenderName(t: Tools): string {
  return t.pick(Object.keys(SENDERS));
}

function generate(t: Tools): Case {
  const roll = t.int(100);
  const name = t.pick(NAMES);
  if (roll < 10) {
    const senderName = randomSenderName(t);
    return { message: randomValue(t), sender: SENDERS[senderName], senderName, kind: 'random value' };
  }
  if (roll < 20) {
    const senderName = t.pick(PRIVILEGED_SENDERS);
    const type = t.pick([
      randomString(t),
      name.toUpperCase(),
      ` ${name}`,
      `${name}\u0000`,
      ...HOSTILE_KEYS,
      randomValue(t, 1),
      'x'.repeat(1 << 16),
    ]);
    return {
      message: envelope(t, type, TEMPLATES[name]),
      sender: SENDERS[senderName],
      senderName,
      kind: 'unknown type',
    };
  }
  if (roll < 45) {
    // A valid message from a sender that may not send it (for ordinary messages: not this extension).
    const senderName = randomSenderName(t);
    return {
      message: { type: name, input: TEMPLATES[name] },
      sender: SENDERS[senderName],
      senderName,
      kind: 'valid message, any sender',
    };
  }
  const senderName = t.int(3) === 0 ? randomSenderName(t) : t.pick([...PRIVILEGED_SENDERS, 'contentScript']);
  return {
    message: envelope(t, name, mutateInput(t, name, TEMPLATES[name])),
    sender: SENDERS[senderName],
    senderName,
    kind: 'mutated input',
  };
}

// ---------------------------------------------------------------------------------------------------------
// The oracle, written apart from lib/messages.ts

type Verdict = { accept: true; name: RequestName } | { accept: false; expect: RegExp };

function verdict(message: unknown, sender: MessageSender | undefined): Verdict {
  if (typeof message !== 'object' || message === null || Array.isArray(message)) {
    return { accept: false, expect: /^Malformed message/ };
  }
  const type = (message as { type?: unknown }).type;
  if (typeof type !== 'string') return { accept: false, expect: /^Malformed message/ };
  if (!Object.hasOwn(TEMPLATES, type)) return { accept: false, expect: /^Unknown message type/ };
  const name = type as RequestName;
  if (sender?.id !== EXT_ID)
    return { accept: false, expect: /^Rejected \w+: the sender is not this extension$/ };
  const definition = requests[name] as { input: { safeParse(v: unknown): { success: boolean } } } & {
    extensionPagesOnly?: true;
  };
  if (definition.extensionPagesOnly && !(sender.url ?? '').startsWith(ORIGIN)) {
    return { accept: false, expect: /^Rejected \w+: only the extension's own pages may send it/ };
  }
  if (!Object.hasOwn(message, 'input'))
    return { accept: false, expect: /^Malformed message: \w+ has no "input"/ };
  if (!definition.input.safeParse((message as { input: unknown }).input).success) {
    return { accept: false, expect: /^Invalid input for \w+: \S/ };
  }
  return { accept: true, name };
}

// ---------------------------------------------------------------------------------------------------------
// Side-effect probes

/** Read-write (and version-change) transactions opened anywhere since the probe was installed. */
const writes = { transactions: 0, storageSets: 0, tabsOpened: 0 };
const originalTransaction = IDBDatabase.prototype.transaction;

beforeAll(() => {
  IDBDatabase.prototype.transaction = function (
    this: IDBDatabase,
    ...args: Parameters<IDBDatabase['transaction']>
  ) {
    if (args[1] === 'readwrite') writes.transactions++;
    return originalTransaction.apply(this, args);
  } as IDBDatabase['transaction'];
});
afterAll(() => {
  IDBDatabase.prototype.transaction = originalTransaction;
});

/** Every store of a database, keys and values, as one string. */
async function dumpDb(name: string): Promise<string> {
  const db = await openDB(name);
  try {
    const stores: Record<string, unknown> = {};
    for (const store of [...db.objectStoreNames].sort()) {
      stores[store] = { keys: await db.getAllKeys(store), values: await db.getAll(store) };
    }
    return JSON.stringify(stores);
  } finally {
    db.close();
  }
}

interface World {
  service: BackgroundService;
  listener: MessageListener;
  dump(): Promise<string>;
}

const services: BackgroundService[] = [];

async function startWorld(): Promise<World> {
  const catalogDbName = uniqueDbName('fuzz-catalog');
  const libraryDbName = uniqueDbName('fuzz-library');
  let clock = 1_000;
  const service = startBackground({
    browser: fakeBrowser,
    bundled: fixtureDataset(V1),
    now: () => clock++,
    catalogDbName,
    libraryDbName,
    logger: { warn: () => undefined },
    syncDebounceMs: 0,
  });
  services.push(service);
  expect(fakeBrowser.runtime.onMessage.hasListener(service.listener)).toBe(true);
  // Seed the catalog and fill the library through the real handlers, so the run starts from a realistic state.
  const context = { sender: SENDERS.popup! };
  await service.handlers.datasetInfo({}, context);
  for (const key of SAVED_KEYS) {
    const arxivId = key.startsWith('arxiv:') ? key.slice('arxiv:'.length) : undefined;
    await service.handlers.savePaper(
      { key, arxivId, title: key.slice(key.indexOf(':') + 1), url: 'https://example.org/' },
      context,
    );
  }
  await service.handlers.updateLibraryItem({ key: SAVED_KEYS[0]!, tags: ['y'], note: 'kept' }, context);
  await service.handlers.bulkRemoveLibrary({ keys: [SAVED_KEYS[2]!] }, context); // a snapshot and a tombstone
  await service.handlers.savePaper(
    { key: SAVED_KEYS[2]!, title: 'back again', url: 'https://example.org/' },
    context,
  );
  await service.sync?.idle();

  const storage = fakeBrowser.storage.local;
  const originalSet = storage.set.bind(storage);
  storage.set = (async (items: Record<string, unknown>) => {
    writes.storageSets++;
    return originalSet(items);
  }) as typeof storage.set;
  const originalCreate = fakeBrowser.tabs.create.bind(fakeBrowser.tabs);
  fakeBrowser.tabs.create = (async (properties: Parameters<typeof fakeBrowser.tabs.create>[0]) => {
    writes.tabsOpened++;
    return originalCreate(properties);
  }) as typeof fakeBrowser.tabs.create;

  return {
    service,
    listener: service.listener,
    async dump() {
      const local = await storage.get(null);
      return `${await dumpDb(catalogDbName)}\n${await dumpDb(libraryDbName)}\n${JSON.stringify(local)}`;
    },
  };
}

beforeEach(() => {
  fakeBrowser.reset();
});
afterEach(async () => {
  for (const service of services.splice(0)) await service.close();
});

/** A structured clone, as the browser delivers it; the raw value when it cannot be cloned (too deep). */
function asDelivered(message: unknown): unknown {
  try {
    return structuredClone(message);
  } catch {
    return message;
  }
}

/** Call the listener as the browser would; resolves with the one reply (or a description of what went wrong). */
async function deliver(
  listener: MessageListener,
  message: unknown,
  sender: MessageSender | undefined,
): Promise<{ reply?: unknown; problem?: string }> {
  let replies = 0;
  let settle: (value: { reply?: unknown; problem?: string }) => void = () => undefined;
  const done = new Promise<{ reply?: unknown; problem?: string }>((resolve) => {
    settle = resolve;
  });
  let returned: unknown;
  try {
    returned = listener(message, sender as MessageSender, (reply) => {
      replies++;
      if (replies > 1) settle({ problem: 'replied twice' });
      else settle({ reply: structuredClone(reply) });
    });
  } catch (error) {
    return { problem: `listener threw: ${String(error)}` };
  }
  if (returned !== true) return { problem: `listener returned ${String(returned)}, not true` };
  const timer = new Promise<{ problem: string }>((resolve) => {
    setTimeout(() => resolve({ problem: 'no reply within 10 s' }), 10_000).unref?.();
  });
  return Promise.race([done, timer]);
}

interface RunReport {
  iterations: number;
  rejected: number;
  acceptedReads: number;
  skippedValidWrites: number;
  byKind: Record<string, number>;
  bySender: Record<string, { rejected: number; accepted: number }>;
  violations: string[];
}

function describeCase(i: number, c: Case): string {
  let text: string;
  try {
    text = JSON.stringify(c.message, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v)) ?? String(c.message);
  } catch {
    text = '(unprintable: too deep)';
  }
  return `#${i} ${c.kind} from ${c.senderName}: ${text.slice(0, 160)}`;
}

/** Run the seeded fuzz against a listener; violations say what broke and on which case. */
async function fuzz(
  world: World,
  listener: MessageListener,
  iterations: number,
  seed: number,
): Promise<RunReport> {
  const t = randomTools(seed);
  const report: RunReport = {
    iterations: 0,
    rejected: 0,
    acceptedReads: 0,
    skippedValidWrites: 0,
    byKind: {},
    bySender: {},
    violations: [],
  };
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  process.on('unhandledRejection', onUnhandled);
  const before = await world.dump();
  try {
    while (report.iterations < iterations && report.violations.length < 20) {
      const c = generate(t);
      const message = asDelivered(c.message);
      const expected = verdict(message, c.sender);
      if (expected.accept && !READ_ONLY.has(expected.name)) {
        // A mutation that left a write valid, from a sender allowed to send it: it would write, as it should.
        report.skippedValidWrites++;
        continue;
      }
      report.iterations++;
      report.byKind[c.kind] = (report.byKind[c.kind] ?? 0) + 1;
      report.bySender[c.senderName] ??= { rejected: 0, accepted: 0 };
      const counts = report.bySender[c.senderName]!;
      const writesBefore = { ...writes };
      const { reply, problem } = await deliver(listener, message, c.sender);
      // Built only when something broke: stringifying megabyte messages 20,000 times would dominate the run.
      const n = report.iterations;
      const where = (): string => describeCase(n, c);
      if (problem) {
        report.violations.push(`${where()}: ${problem}`);
        continue;
      }
      const result = reply as Result<unknown>;
      if (typeof result !== 'object' || result === null || typeof result.ok !== 'boolean') {
        report.violations.push(`${where()}: the reply is not a Result`);
        continue;
      }
      if (expected.accept) {
        counts.accepted++;
        report.acceptedReads++;
        if (!result.ok && (typeof result.error !== 'string' || result.error === '')) {
          report.violations.push(`${where()}: a failed read gave no error text`);
        }
        continue;
      }
      counts.rejected++;
      report.rejected++;
      if (result.ok) {
        report.violations.push(`${where()}: accepted, but the oracle rejects it (${expected.expect})`);
      } else if (!expected.expect.test(result.error) || result.error.length > 2_000) {
        report.violations.push(
          `${where()}: error ${JSON.stringify(result.error.slice(0, 200))} (${result.error.length} chars) does not match ${expected.expect}`,
        );
      }
      const wrote = (['transactions', 'storageSets', 'tabsOpened'] as const).filter(
        (probe) => writes[probe] !== writesBefore[probe],
      );
      if (wrote.length) report.violations.push(`${where()}: a rejected message caused ${wrote.join(', ')}`);
      if (report.iterations % CHECKPOINT_EVERY === 0 && (await world.dump()) !== before) {
        report.violations.push(`after ${where()}: the databases or storage.local changed`);
      }
    }
    await world.service.sync?.idle();
    if ((await world.dump()) !== before)
      report.violations.push('at the end: the databases or storage.local changed');
    // Let any stray promise settle before looking for unhandled rejections.
    await new Promise((resolve) => setTimeout(resolve, 50));
    for (const reason of unhandled) report.violations.push(`unhandled rejection: ${String(reason)}`);
    if (({} as Record<string, unknown>).polluted !== undefined)
      report.violations.push('Object.prototype was polluted');
  } finally {
    process.off('unhandledRejection', onUnhandled);
  }
  return report;
}

describe('background message fuzz', () => {
  it('has a template for every declared message (a new message must join the fuzz)', () => {
    expect(NAMES.sort()).toEqual(Object.keys(requests).sort());
    for (const name of NAMES) {
      expect(requests[name].input.safeParse(TEMPLATES[name]).success, name).toBe(true);
    }
  });

  it(`rejects ${ITERATIONS} random and mutated messages with clear errors, and writes nothing`, async () => {
    const world = await startWorld();
    const report = await fuzz(world, world.listener, ITERATIONS, SEED);
    expect(report.violations).toEqual([]);
    expect(report.iterations).toBe(ITERATIONS);
    // The run must actually exercise each path, not just one.
    expect(report.rejected).toBeGreaterThan(ITERATIONS * 0.8);
    expect(report.acceptedReads).toBeGreaterThan(100);
    for (const kind of ['random value', 'unknown type', 'valid message, any sender', 'mutated input']) {
      expect(report.byKind[kind], kind).toBeGreaterThan(ITERATIONS / 20);
    }
    for (const name of ['webPage', 'otherExtension', 'contentScript', 'noSender', 'spoofedPageUrl']) {
      expect(report.bySender[name]?.rejected, name).toBeGreaterThan(100);
    }
    console.info(
      `message fuzz: ${report.iterations} messages (seed ${SEED.toString(16)}), ${report.rejected} rejected, ` +
        `${report.acceptedReads} valid reads accepted, ${report.skippedValidWrites} valid writes not sent; ` +
        `by kind ${JSON.stringify(report.byKind)}`,
    );
  }, 600_000);

  it('control: with the extension-page check defeated (senders look like our content script → popup), the run fails', async () => {
    const world = await startWorld();
    // Rewrites every sender of ours into the popup: what dispatchMessage would do without its page check.
    const noPageCheck: MessageListener = (message, sender, respond) =>
      world.listener(
        message,
        sender?.id === EXT_ID ? { id: EXT_ID, url: `${ORIGIN}popup.html` } : sender,
        respond,
      );
    const report = await fuzz(world, noPageCheck, 3_000, SEED + 1);
    expect(report.violations.length).toBeGreaterThan(0);
    expect(report.violations.some((v) => /accepted, but the oracle rejects it/.test(v))).toBe(true);
    expect(report.violations.some((v) => /caused transactions|changed/.test(v))).toBe(true);
  }, 120_000);

  it('control: with the extension-id check defeated (every sender claims our id), the run fails', async () => {
    const world = await startWorld();
    const noIdCheck: MessageListener = (message, sender, respond) =>
      world.listener(message, { ...(sender ?? {}), id: EXT_ID }, respond);
    const report = await fuzz(world, noIdCheck, 3_000, SEED + 2);
    expect(report.violations.some((v) => /accepted, but the oracle rejects it/.test(v))).toBe(true);
  }, 120_000);
});
