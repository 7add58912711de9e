import { describe, expect, it } from 'vitest';
import { describeStorageError, STORAGE_ERROR_PREFIX } from './storage-errors';

const quota = new DOMException('The quota has been exceeded.', 'QuotaExceededError');

describe('describeStorageError', () => {
  it.each([
    ['QuotaExceededError', quota, 'is full'],
    ['a quota error as the cause of a wrapped one', new Error('Cannot save x', { cause: quota }), 'is full'],
    ['a message that only says quota', new Error('Transaction aborted: quota exceeded'), 'is full'],
    [
      "Chrome's failed open",
      new DOMException('Internal error opening backing store for indexedDB.open.', 'UnknownError'),
      'is unavailable',
    ],
    [
      "Firefox's refused open (private window, old versions)",
      new DOMException(
        'A mutation operation was attempted on a database that did not allow mutations.',
        'InvalidStateError',
      ),
      'is unavailable',
    ],
    ['no indexedDB global', new ReferenceError('indexedDB is not defined'), 'is unavailable'],
  ])('%s → a clear message', (_, error, says) => {
    const text = describeStorageError(error, 'the request (savePaper)');
    expect(text).toContain(`${STORAGE_ERROR_PREFIX} ${says}`);
    expect(text).toContain('the request (savePaper)');
  });

  it.each([
    ['a validation error', new Error('Cannot save arxiv:1: title: Too small')],
    ['an unknown key', new Error('arxiv:2106.09685 is not in the library')],
    ['a constraint error', new DOMException('Key already exists', 'ConstraintError')],
    [
      'an InvalidStateError about something else',
      new DOMException('The transaction has finished.', 'InvalidStateError'),
    ],
    ['a string', 'boom'],
    ['undefined', undefined],
    ['a self-referencing cause', Object.assign(new Error('loop'), { cause: undefined as unknown })],
  ])('%s → null (keeps its own message)', (_, error) => {
    if (error instanceof Error && error.message === 'loop') (error as { cause: unknown }).cause = error;
    expect(describeStorageError(error, 'x')).toBeNull();
  });
});
