/**
 * A debounced call with explicit flush and cancel: the note editor saves after a pause in typing, and flushes
 * when it loses focus or is unmounted so nothing typed is lost.
 */
export interface Debounced<A extends unknown[]> {
  (...args: A): void;
  /** Run the pending call now (no-op when none is pending). */
  flush(): void;
  /** Drop the pending call. */
  cancel(): void;
  pending(): boolean;
}

/** `fn` called `wait` ms after the last call, with the last call's arguments. */
export function debounce<A extends unknown[]>(fn: (...args: A) => void, wait: number): Debounced<A> {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let lastArgs: A | null = null;
  const run = () => {
    timer = null;
    const args = lastArgs;
    lastArgs = null;
    if (args) fn(...args);
  };
  const debounced = ((...args: A) => {
    lastArgs = args;
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(run, wait);
  }) as Debounced<A>;
  debounced.flush = () => {
    if (timer !== null) clearTimeout(timer);
    run();
  };
  debounced.cancel = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    lastArgs = null;
  };
  debounced.pending = () => timer !== null;
  return debounced;
}
