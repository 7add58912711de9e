/**
 * Context guard for code that must run only in the extension origin (the background service worker and the
 * extension's own pages). IndexedDB is per origin: a database opened from a content script would belong to the
 * *page* (one copy per website, readable by that site), so lib/db/* calls `assertExtensionOrigin()` first.
 * Modelled on webext-messenger's "throw when registered in the wrong context".
 */

/** URL schemes of extension pages and service workers (Chromium, Firefox, Safari). */
export const EXTENSION_PROTOCOLS: ReadonlySet<string> = new Set([
  'chrome-extension:',
  'moz-extension:',
  'safari-web-extension:',
]);

/** The parts of a global scope the guard looks at; pass a plain object in tests instead of mocking globals. */
export interface ExecutionEnv {
  location?: { protocol: string; origin?: string } | undefined;
  process?: { versions?: { node?: string } } | undefined;
}

/** Where code is running, as far as IndexedDB ownership is concerned. */
export type ContextKind = 'extension' | 'node' | 'page' | 'unknown';

/**
 * Classify `env`: an extension page or worker, Node (tests, CLI, bench: no page origin exists there), a web
 * page (what a content script sees), or something without a location that is not Node.
 */
export function contextKind(env: ExecutionEnv = globalThis as ExecutionEnv): ContextKind {
  const protocol = env.location?.protocol;
  if (typeof protocol === 'string') return EXTENSION_PROTOCOLS.has(protocol) ? 'extension' : 'page';
  // Every browser scope (window, worker, service worker) has a location; only a non-browser runtime lacks one.
  if (typeof env.process?.versions?.node === 'string') return 'node';
  return 'unknown';
}

/** True when IndexedDB opened here belongs to the extension (or to a Node test/CLI process). */
export function isExtensionOrigin(env: ExecutionEnv = globalThis as ExecutionEnv): boolean {
  const kind = contextKind(env);
  return kind === 'extension' || kind === 'node';
}

/** Throw a clear error unless running in the extension origin (or Node); `what` names the caller. */
export function assertExtensionOrigin(
  env: ExecutionEnv = globalThis as ExecutionEnv,
  what = 'The IndexedDB catalog and library',
): void {
  const kind = contextKind(env);
  if (kind === 'extension' || kind === 'node') return;
  const where =
    kind === 'page'
      ? `a web page origin (${env.location?.origin ?? env.location?.protocol})`
      : 'an unknown context (no location, not Node)';
  throw new Error(
    `${what} can only be used in the extension origin (background or extension pages), not from ${where}. ` +
      'Content scripts must ask the background through lib/messages.ts.',
  );
}
