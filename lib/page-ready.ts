/**
 * When a content script may touch the page: once it is parsed, and (for work that would otherwise delay the
 * page's load event) once it has loaded. Shared by the paper and the lists content scripts.
 */

/** Resolves once the document is parsed (at once if it already is). */
export function domReady(doc: Document, signal: AbortSignal): Promise<void> {
  if (doc.readyState !== 'loading') return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      doc.removeEventListener('DOMContentLoaded', done);
      signal.removeEventListener('abort', done);
      resolve();
    };
    doc.addEventListener('DOMContentLoaded', done);
    signal.addEventListener('abort', done);
  });
}

/**
 * Resolves in the task after the window's load event, or after `capMs`, whichever comes first (at once if the
 * page has loaded already). The task after, not inside the load event: work done in a load listener's microtasks
 * would still hold up the page's own load listeners.
 */
export function pageLoadedOrCap(doc: Document, signal: AbortSignal, capMs: number): Promise<void> {
  const win = doc.defaultView;
  if (doc.readyState === 'complete' || !win || signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    let cap: ReturnType<typeof setTimeout> | undefined;
    const done = () => {
      win.removeEventListener('load', onLoad);
      signal.removeEventListener('abort', done);
      clearTimeout(cap);
      resolve();
    };
    const onLoad = () => {
      clearTimeout(cap);
      setTimeout(done, 0);
    };
    win.addEventListener('load', onLoad);
    signal.addEventListener('abort', done);
    cap = setTimeout(done, capMs);
  });
}
