/**
 * Storage failures said plainly. IndexedDB reports a full disk as a DOMException named QuotaExceededError (often
 * as the transaction's error, after an abort) and an unusable database (storage disabled, a private window in
 * some browsers, a corrupt profile) as a failed or refused open; the raw texts ("QuotaExceededError", "The
 * operation failed for reasons unrelated to the database itself") tell a user nothing. The background rewrites
 * them with {@link describeStorageError} so that every UI (overlay, popup, side panel) shows why nothing was saved.
 */

/** Prefix of every rewritten message, so UIs and tests can tell a storage failure from other errors. */
export const STORAGE_ERROR_PREFIX = 'Browser storage';

function errorName(error: unknown): string {
  return error && typeof error === 'object' && 'name' in error
    ? String((error as { name: unknown }).name)
    : '';
}

function errorText(error: unknown): string {
  return error instanceof Error || (error && typeof error === 'object' && 'message' in error)
    ? String((error as { message: unknown }).message)
    : String(error);
}

/** The error and its causes (error.cause chains, as lib/db wraps some failures), outermost first. */
function chain(error: unknown): unknown[] {
  const seen: unknown[] = [];
  let current = error;
  while (current !== undefined && current !== null && !seen.includes(current) && seen.length < 8) {
    seen.push(current);
    current = (current as { cause?: unknown }).cause;
  }
  return seen;
}

/**
 * A clear message for an IndexedDB quota or availability failure, or null when `error` is something else (those
 * keep their own message). `action` names what failed, e.g. "savePaper".
 */
export function describeStorageError(error: unknown, action: string): string | null {
  for (const e of chain(error)) {
    const name = errorName(e);
    const text = errorText(e);
    if (name === 'QuotaExceededError' || /quota/i.test(text)) {
      return `${STORAGE_ERROR_PREFIX} is full: ${action} was not saved. Free some disk space (or remove papers or old snapshots) and try again.`;
    }
    if (
      /indexedDB is not (?:defined|available)/i.test(text) ||
      (e instanceof ReferenceError && /indexedDB/.test(text)) ||
      ((name === 'InvalidStateError' || name === 'UnknownError' || name === 'SecurityError') &&
        /open|database|backing store|storage/i.test(text))
    ) {
      return `${STORAGE_ERROR_PREFIX} is unavailable: the extension cannot open its database, so ${action} did not run and nothing was saved. Check that this browser profile allows site data (not a private window with storage disabled) and restart the browser.`;
    }
  }
  return null;
}
