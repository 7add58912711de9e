import { z } from 'zod';
import { ArxivIdSchema, LeafIdSchema, PaperRecord } from './dataset/schema';
import {
  HttpUrl,
  LIBRARY_EDIT_LIMITS,
  LIBRARY_LIMITS,
  LibraryItem,
  LibraryKey,
  OpenReviewIdSchema,
  ReadingStatus,
  SnapshotInfo,
} from './db/schema';
import { parseArxivId } from './paper-id';
import { SITE_IDS } from './settings-schema';
import { SyncStatus } from './sync/status';
import { getNode } from './taxonomy';
import { normalizeTitle } from './text/title';

/**
 * Every message between the content scripts / extension pages and the background, declared once with zod
 * (webext-messenger / Bitwarden CommandDefinition style) and validated on arrival, with Hypothesis-style
 * Result replies: an Error does not survive structured cloning, so failures travel as strings.
 *
 * Content scripts run next to hostile pages, so every string and array is capped: a page that tampers with
 * what the content script reads cannot make the background allocate or store without bound.
 */

/** A reply: the value, or why there is none. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: string };

/** Caps on message fields (characters / items). */
export const MESSAGE_LIMITS = {
  title: LIBRARY_LIMITS.title,
  url: LIBRARY_LIMITS.url,
  query: 300,
  id: LIBRARY_LIMITS.id,
  recordId: LIBRARY_LIMITS.key,
  savedStateKeys: 5_000,
  /** lookupMany: entries per page (arXiv shows at most 2,000 per listing page). */
  lookupManyEntries: 5_000,
  relatedLimit: 50,
  relatedOffset: 1_000,
  searchLimit: 200,
  /** lookupPaper's abstract (the classifier reads at most this much; lib/classifier/model.ts). */
  abstract: 5_000,
  /** importLibrary's text: 20 MiB of characters. */
  importText: 20 * 1024 * 1024,
} as const;

/** Accepts "2312.00678", "2312.00678v2", "arXiv:2312.00678" or "math.GT/0309136"; yields the canonical versionless id. */
const ArxivIdInput = z
  .string()
  .max(MESSAGE_LIMITS.id)
  .transform((id) => parseArxivId(id.trim())?.id ?? id)
  .pipe(ArxivIdSchema);

const TitleInput = z.string().max(MESSAGE_LIMITS.title);

const hasText = (title: string | undefined): boolean => !!title && normalizeTitle(title) !== '';

/** A taxonomy node id (area, group or leaf). */
const NodeId = z
  .string()
  .max(100)
  .refine((id) => getNode(id) !== undefined, 'unknown taxonomy node');

/** How lookupPaper found its record (CatalogIndexApi's LookupResult.matchedBy). */
export const MatchedBy = z.enum(['arxiv-id', 'openreview-id', 'title-exact', 'title-fuzzy']);

/** A related work as sent over the wire (lib/catalog/types.ts RelatedWork). */
export const RelatedWorkSchema = z.object({
  record: PaperRecord,
  score: z.number(),
  reason: z.string(),
  sharedLeaves: z.array(LeafIdSchema),
});

const Probability = z.number().min(0).max(1);

/**
 * The classifier's guess for a paper outside the survey (lib/classifier/model.ts Prediction): a leaf with its
 * calibrated probability, or out-of-scope. A prediction, never survey membership.
 */
export const PredictionSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('leaf'),
    leaf: LeafIdSchema,
    confidence: Probability,
    alternatives: z.array(z.object({ leaf: LeafIdSchema, confidence: Probability })),
  }),
  z.object({ kind: z.literal('out-of-scope'), confidence: Probability }),
]);

/** A search hit as sent over the wire (lib/catalog/types.ts SearchHit). */
export const SearchHitSchema = z.object({ record: PaperRecord, score: z.number() });

/** Identity fields shared by lookupPaper and savePaper; at least one must identify the paper. */
const PaperIdentity = {
  arxivId: ArxivIdInput.optional(),
  openreviewId: OpenReviewIdSchema.optional(),
};

/**
 * What the background writes to browser.storage.local after every library change: one per changed key (at
 * most LIBRARY_CHANGE_ANNOUNCE_CAP per operation), and after a bulk change a final {key: '*', saved: false}
 * meaning "many papers changed: ask again for every key you show".
 */
export const LibraryChange = z.object({ key: z.string(), saved: z.boolean(), at: z.number() });
export type LibraryChange = z.infer<typeof LibraryChange>;
/** The `key` of the "many changed; refresh" announcement (never a library key). */
export const LIBRARY_CHANGE_ALL_KEYS = '*';
/** Per-key announcements per operation; beyond this only the '*' announcement tells the tabs. */
export const LIBRARY_CHANGE_ANNOUNCE_CAP = 200;
/** The browser.storage.local key that content scripts watch (storage.onChanged) for library changes. */
export const LIBRARY_CHANGE_STORAGE_KEY = 'libraryChange';

interface RequestDefinition {
  input: z.ZodType;
  output: z.ZodType;
  /** Accepted only from the extension's own pages (popup, options, side panel), never from content scripts. */
  extensionPagesOnly?: true;
}

/** A tag as a user edit sets it: trimmed, then 1–64 characters. */
const TagInput = z
  .string()
  .max(1_000)
  .transform((tag) => tag.trim())
  .pipe(z.string().min(1, 'empty tag').max(LIBRARY_EDIT_LIMITS.tag));
const TagsInput = z.array(TagInput).max(LIBRARY_EDIT_LIMITS.tags);
const KeysInput = z.array(LibraryKey).max(LIBRARY_EDIT_LIMITS.keys);
const Count = z.number().int().nonnegative();

/** One entry of an import file that was not imported, and why (index 0-based in the file's entries). */
export const ImportRejection = z.object({ index: z.number().int(), reason: z.string() });

/** The message catalogue. Names are part of the contract with the overlay and the popup. */
export const requests = {
  /** The catalog entry for a paper (by arXiv id, OpenReview id or title), related works and saved state. */
  lookupPaper: {
    input: z
      .strictObject({
        ...PaperIdentity,
        title: TitleInput.optional(),
        /** The page's abstract, when it shows one: read by the classifier for papers outside the survey. */
        abstract: z.string().max(MESSAGE_LIMITS.abstract).optional(),
        relatedLimit: z.number().int().min(0).max(MESSAGE_LIMITS.relatedLimit).optional(),
      })
      .refine((q) => q.arxivId !== undefined || q.openreviewId !== undefined || hasText(q.title), {
        message: 'give at least one of arxivId, openreviewId or a title with letters or digits',
      }),
    output: z.object({
      paper: PaperRecord.nullable(),
      matchedBy: MatchedBy.nullable(),
      /** The match score (1 for ids and exact titles), null when nothing matched. */
      score: z.number().nullable(),
      related: z.array(RelatedWorkSchema),
      saved: z.boolean(),
      libraryKey: z.string(),
      /**
       * For a paper NOT in the survey with a title: the classifier's guess (related works then come from its
       * leaf). Null for survey papers, without a title, or when the model cannot be loaded. Optional so that
       * replies built before the classifier existed still parse.
       */
      prediction: PredictionSchema.nullable().optional(),
    }),
  },
  /**
   * Many papers at once (a listing, search results, a reference list): per entry, null or a compact hit, in
   * input order. No records and no related works (2,000 entries per page); the card asks lookupPaper.
   */
  lookupMany: {
    input: z.strictObject({
      entries: z
        .array(z.strictObject({ ...PaperIdentity, title: TitleInput.optional() }))
        .max(MESSAGE_LIMITS.lookupManyEntries),
    }),
    output: z.array(
      z
        .object({
          recordId: z.string(),
          title: z.string(),
          year: z.number().nullable(),
          leaves: z.array(LeafIdSchema),
          libraryKey: z.string(),
          saved: z.boolean(),
          matchedBy: MatchedBy,
          score: z.number(),
        })
        .nullable(),
    ),
  },
  /**
   * The catalog as the lists content script needs it to annotate entries that carry an arXiv id by itself
   * (lib/lists/list-index.ts), asked at document_start so the answer is there at DOMContentLoaded; plus the
   * saved arXiv keys, and whether the site is switched on (the background keeps the settings in memory: a
   * storage read of the content script's own took 60–100 ms at document_start, more than the whole round
   * trip). Nothing leaves the browser: content scripts run in their own world, the page sees none of it.
   */
  listIndex: {
    /** The site the page belongs to: the reply says whether the user has it switched on. */
    input: z.strictObject({ site: z.enum(SITE_IDS as [string, ...string[]]) }),
    output: z.strictObject({
      enabled: z.boolean(),
      arxiv: z.string(),
      titles: z.string(),
      saved: z.array(z.string()),
    }),
  },
  /** More related works for a catalog record ("show more"). */
  relatedWorks: {
    input: z.strictObject({
      recordId: z.string().min(1).max(MESSAGE_LIMITS.recordId),
      limit: z.number().int().min(1).max(MESSAGE_LIMITS.relatedLimit),
      offset: z.number().int().min(0).max(MESSAGE_LIMITS.relatedOffset),
    }),
    output: z.array(RelatedWorkSchema),
  },
  /** Ranked title search over the catalog, optionally within a taxonomy node. */
  searchCatalog: {
    input: z.strictObject({
      query: z.string().max(MESSAGE_LIMITS.query),
      leaf: NodeId.optional(),
      limit: z.number().int().min(1).max(MESSAGE_LIMITS.searchLimit),
    }),
    output: z.array(SearchHitSchema),
  },
  /** Papers under a taxonomy node. */
  listNode: {
    input: z.strictObject({ nodeId: NodeId, sort: z.enum(['year-desc', 'year-asc', 'title']).optional() }),
    output: z.array(PaperRecord),
  },
  /** Papers per taxonomy node id. */
  taxonomyCounts: { input: z.strictObject({}), output: z.record(z.string(), z.number()) },
  /** Saved state of many papers at once (listing pages). */
  getSavedState: {
    input: z.strictObject({ keys: z.array(LibraryKey).max(MESSAGE_LIMITS.savedStateKeys) }),
    output: z.record(z.string(), z.boolean()),
  },
  /** Save (or update) a paper in the library; the key is derived from the ids/title when absent. */
  savePaper: {
    input: z
      .strictObject({
        key: LibraryKey.optional(),
        ...PaperIdentity,
        title: TitleInput.min(1),
        authors: z.array(z.string().max(LIBRARY_LIMITS.author)).max(LIBRARY_LIMITS.authors).optional(),
        url: HttpUrl,
        leaves: z.array(LeafIdSchema).max(32).optional(),
      })
      .refine(
        (p) =>
          p.key !== undefined || p.arxivId !== undefined || p.openreviewId !== undefined || hasText(p.title),
        {
          message: 'give a key, an id, or a title with letters or digits',
        },
      ),
    output: LibraryItem,
  },
  /** Remove a paper from the library. */
  unsavePaper: { input: z.strictObject({ key: LibraryKey }), output: z.object({ removed: z.boolean() }) },
  /** The whole library, newest first. Extension pages only: a web page must not read the user's list. */
  listLibrary: { input: z.strictObject({}), output: z.array(LibraryItem), extensionPagesOnly: true },
  /** Change one saved paper's tags (replaced as a whole), note and/or status; bumps updatedAt. */
  updateLibraryItem: {
    input: z.strictObject({
      key: LibraryKey,
      tags: TagsInput.optional(),
      note: z.string().max(LIBRARY_LIMITS.note).optional(),
      status: ReadingStatus.optional(),
    }),
    output: LibraryItem,
    extensionPagesOnly: true,
  },
  /** Add/remove tags and/or set the status of many saved papers, all or nothing. */
  bulkUpdateLibrary: {
    input: z.strictObject({
      keys: KeysInput,
      addTags: TagsInput.optional(),
      removeTags: TagsInput.optional(),
      status: ReadingStatus.optional(),
    }),
    output: z.object({ updated: Count }),
    extensionPagesOnly: true,
  },
  /** Remove many papers (after a 'bulk-delete' snapshot). */
  bulkRemoveLibrary: {
    input: z.strictObject({ keys: KeysInput }),
    output: z.object({ removed: Count }),
    extensionPagesOnly: true,
  },
  /**
   * Import a JSON backup or a BibTeX file: parse and validate, snapshot, merge and write in one transaction
   * (all or nothing). With dryRun, report what would happen and write nothing.
   */
  importLibrary: {
    input: z.strictObject({
      format: z.enum(['json', 'bibtex']),
      text: z.string().max(MESSAGE_LIMITS.importText),
      dryRun: z.boolean().optional(),
    }),
    output: z.object({
      added: Count,
      merged: Count,
      unchanged: Count,
      rejected: z.array(ImportRejection),
      snapshotId: z.number().int().positive().nullable(),
    }),
    extensionPagesOnly: true,
  },
  /** The kept snapshots (the last 10), newest first. */
  listSnapshots: { input: z.strictObject({}), output: z.array(SnapshotInfo), extensionPagesOnly: true },
  /** Make the library what a snapshot holds (after a 'before-restore' snapshot of the current one). */
  restoreSnapshot: {
    input: z.strictObject({ id: z.number().int().positive() }),
    output: z.object({ restored: Count }),
    extensionPagesOnly: true,
  },
  /** Remove every paper (after a 'clear' snapshot). The literal confirm keeps a stray call from doing it. */
  clearLibrary: {
    input: z.strictObject({ confirm: z.literal('DELETE') }),
    output: z.object({ removed: Count }),
    extensionPagesOnly: true,
  },
  /** Whether the library syncs through the browser account, and how much of it fits. */
  getSyncStatus: { input: z.strictObject({}), output: SyncStatus, extensionPagesOnly: true },
  /** Turn sync on (syncs at once) or off. */
  setSyncEnabled: {
    input: z.strictObject({ enabled: z.boolean() }),
    output: SyncStatus,
    extensionPagesOnly: true,
  },
  /**
   * Open the taxonomy browser (an extension page) at a node. Content scripts ask for this because a web page may
   * not navigate to an extension URL itself.
   */
  openTaxonomyBrowser: {
    input: z.strictObject({ nodeId: NodeId.optional() }),
    output: z.object({ opened: z.boolean() }),
  },
  /** Which dataset the catalog holds. */
  datasetInfo: {
    input: z.strictObject({}),
    output: z.object({ version: z.string(), records: z.number(), seededAt: z.number().nullable() }),
  },
} as const satisfies Record<string, RequestDefinition>;

/** Name of a declared message. */
export type RequestName = keyof typeof requests;
/** What a caller passes to sendMessage. */
export type RequestInput<K extends RequestName> = z.input<(typeof requests)[K]['input']>;
/** What a handler receives (parsed, defaults applied). */
export type ParsedInput<K extends RequestName> = z.output<(typeof requests)[K]['input']>;
/** What a caller receives. */
export type RequestOutput<K extends RequestName> = z.output<(typeof requests)[K]['output']>;
/** What a handler may return (validated again on the caller's side). */
export type HandlerOutput<K extends RequestName> = z.input<(typeof requests)[K]['output']>;

/** The fields of runtime.MessageSender that the checks use. */
export interface MessageSender {
  id?: string | undefined;
  url?: string | undefined;
}

/** Passed to each handler next to its input. */
export interface HandlerContext {
  sender: MessageSender;
}

/** One function per declared message. */
export type MessageHandlers = {
  [K in RequestName]: (
    input: ParsedInput<K>,
    context: HandlerContext,
  ) => Promise<HandlerOutput<K>> | HandlerOutput<K>;
};

/** A runtime.onMessage listener. */
export type MessageListener = (
  message: unknown,
  sender: MessageSender,
  sendResponse: (response: Result<unknown>) => void,
) => true;

const MAX_LISTED_ISSUES = 8;

/** "path: message; …" for the first few zod issues. */
export function formatIssues(error: z.ZodError): string {
  const listed = error.issues
    .slice(0, MAX_LISTED_ISSUES)
    // Clipped: a key name of a rejected message is the sender's text, of any length.
    .map((issue) => clip(`${issue.path.length ? issue.path.join('.') : '(input)'}: ${issue.message}`, 200));
  const more =
    error.issues.length > MAX_LISTED_ISSUES ? `; and ${error.issues.length - MAX_LISTED_ISSUES} more` : '';
  return listed.join('; ') + more;
}

/** Shorten untrusted text before echoing it in an error. */
function clip(text: string, max = 80): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : typeof value;
}

function isRequestName(name: string): name is RequestName {
  return Object.hasOwn(requests, name);
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Everything a listener decides before running a handler; exported for tests and for other transports. */
export async function dispatchMessage(
  handlers: MessageHandlers,
  message: unknown,
  sender: MessageSender,
  options: { extensionOrigin: string; extensionId: string },
): Promise<Result<unknown>> {
  if (typeof message !== 'object' || message === null || Array.isArray(message)) {
    return { ok: false, error: `Malformed message: expected {type, input}, got ${describe(message)}` };
  }
  const { type, input } = message as { type?: unknown; input?: unknown };
  if (typeof type !== 'string') {
    return { ok: false, error: `Malformed message: "type" must be a message name, got ${describe(type)}` };
  }
  if (!isRequestName(type)) return { ok: false, error: `Unknown message type "${clip(type)}"` };
  if (!sender || sender.id !== options.extensionId) {
    return { ok: false, error: `Rejected ${type}: the sender is not this extension` };
  }
  const definition: RequestDefinition = requests[type];
  if (definition.extensionPagesOnly && !(sender.url ?? '').startsWith(options.extensionOrigin)) {
    return {
      ok: false,
      error: `Rejected ${type}: only the extension's own pages may send it (sender: ${clip(sender.url ?? 'unknown')})`,
    };
  }
  if (!('input' in message)) return { ok: false, error: `Malformed message: ${type} has no "input"` };
  const parsed = definition.input.safeParse(input);
  if (!parsed.success)
    return { ok: false, error: `Invalid input for ${type}: ${formatIssues(parsed.error)}` };
  try {
    const handler = handlers[type] as (input: unknown, context: HandlerContext) => unknown;
    return { ok: true, value: await handler(parsed.data, { sender }) };
  } catch (error) {
    return { ok: false, error: `${type} failed: ${errorMessage(error)}` };
  }
}

/**
 * A runtime.onMessage listener that validates the message shape, the sender and the input, runs the handler
 * and replies with a Result via sendResponse. It returns `true` (keep the channel open) rather than a Promise:
 * WXT's fake browser ignores returned Promises, and real browsers accept both.
 */
export function createMessageHandler(
  handlers: MessageHandlers,
  options: {
    /** runtime.getURL(''), e.g. "chrome-extension://<id>/": the prefix of every extension page URL. */
    extensionOrigin: string;
    /** runtime.id: messages from any other extension are refused. */
    extensionId: string;
  },
): MessageListener {
  return (message, sender, sendResponse) => {
    dispatchMessage(handlers, message, sender, options)
      .catch((error: unknown) => ({ ok: false as const, error: `Message failed: ${errorMessage(error)}` }))
      .then((reply) => {
        try {
          sendResponse(reply);
        } catch {
          // The sender went away (tab closed, page navigated): nobody is left to tell.
        }
      });
    return true;
  };
}

/** The part of the browser API sendMessage needs. */
export interface MessagingBrowser {
  runtime: { sendMessage(message: unknown): Promise<unknown> };
}

/**
 * Send a declared message to the background and validate the reply. Never rejects: bad input, an
 * unreachable background and malformed replies all come back as {ok: false, error}.
 */
export async function sendMessage<K extends RequestName>(
  name: K,
  input: RequestInput<K>,
  options: { browser: MessagingBrowser },
): Promise<Result<RequestOutput<K>>> {
  const definition: RequestDefinition = requests[name];
  const checked = definition.input.safeParse(input);
  if (!checked.success)
    return { ok: false, error: `Invalid input for ${name}: ${formatIssues(checked.error)}` };
  let reply: unknown;
  try {
    reply = await options.browser.runtime.sendMessage({ type: name, input });
  } catch (error) {
    return { ok: false, error: `Could not reach the background for ${name}: ${errorMessage(error)}` };
  }
  if (reply === undefined) return { ok: false, error: `No reply from the background for ${name}` };
  const failure = z.object({ ok: z.literal(false), error: z.string() }).safeParse(reply);
  if (failure.success) return failure.data;
  const success = z.object({ ok: z.literal(true), value: definition.output }).safeParse(reply);
  if (!success.success) {
    return { ok: false, error: `Malformed reply to ${name}: ${formatIssues(success.error)}` };
  }
  return { ok: true, value: success.data.value as RequestOutput<K> };
}
