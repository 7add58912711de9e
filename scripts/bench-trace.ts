/**
 * Reading a Chromium trace of one page load (scripts/bench-browser.ts): when the extension's service worker was
 * asked for, loaded, running, when the content script sent its lookup and when the catalog rows were read.
 * Pure, so it is tested on hand-made events.
 */

/** One traced cold load: milestones in ms relative to DOMContentLoaded (negative: before it); null when absent. */
export interface ColdMilestones {
  /** The browser asks for the stopped worker (the tab's navigation wakes it: the background listens to tabs). */
  workerRequested: number | null;
  /** background.js handed to the new worker process (process start + script load done). */
  scriptLoaded: number | null;
  /** The worker is running: background.js evaluated, its first turn done. */
  workerRunning: number | null;
  /** The content script opened its message channel (lookupPaper). */
  messageSent: number | null;
  /** The catalog's getAll (loadAllRecords) in the browser's IndexedDB backend: start and end. */
  rowsReadStart: number | null;
  rowsReadEnd: number | null;
  /** The page painted the answer (probe). */
  answerPainted: number | null;
}

/** The fields of a Chrome trace event this module reads. */
export interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid?: number;
  args?: Record<string, unknown>;
}

/** The frame's CDP id in an event's args, if it names one. */
function frameOf(e: TraceEvent): string | undefined {
  return (e.args?.data as { frame?: string } | undefined)?.frame;
}

/** The last commit of `frameId` before its DOMContentLoaded: where the measured document starts. */
function documentCommit(
  byTime: readonly TraceEvent[],
  frameId: string,
  dcl: TraceEvent,
): TraceEvent | undefined {
  return byTime.filter((e) => e.name === 'CommitLoad' && frameOf(e) === frameId && e.ts <= dcl.ts).at(-1);
}

/**
 * Extracts the milestones of the load in `frameId` (the tab's main frame, its CDP id) from a trace's events. Only the browser process and the page's renderer are read: a
 * trace started from a page's DevTools session does not include the extension's new renderer process, so what
 * happens inside the worker is seen from its edges (script delivered, worker running, IndexedDB requests).
 */
export function coldMilestones(
  events: readonly TraceEvent[],
  extensionId: string,
  frameId: string,
  answerPaintSinceDcl: number | null,
): ColdMilestones {
  const byTime = [...events].filter((e) => typeof e.ts === 'number').sort((a, b) => a.ts - b.ts);
  // The measured tab's DOMContentLoaded: other tabs' documents (even blank ones) report theirs in the same trace.
  const dcl = byTime.find((e) => e.name === 'MarkDOMContent' && frameOf(e) === frameId);
  const none: ColdMilestones = {
    workerRequested: null,
    scriptLoaded: null,
    workerRunning: null,
    messageSent: null,
    rowsReadStart: null,
    rowsReadEnd: null,
    answerPainted: answerPaintSinceDcl,
  };
  if (!dcl) return none;
  const rel = (e: TraceEvent | undefined, end = false) =>
    e ? (e.ts + (end ? (e.dur ?? 0) : 0) - dcl.ts) / 1000 : null;
  const requested = byTime.find(
    (e) =>
      e.name === 'ServiceWorkerVersion::StartWorkerRequested' &&
      String(e.args?.Script ?? '').includes(extensionId),
  );
  const after = (from: TraceEvent | undefined, name: string) =>
    from ? byTime.find((e) => e.ts >= from.ts && e.name === name) : undefined;
  const scriptLoaded = after(requested, 'ServiceWorkerInstalledScriptsSender::OnFinished');
  const running = after(requested, 'ServiceWorkerVersion::StartWorkerFinished');
  // The document's first message is lookupPaper (settings and the dismissed flag come from storage, not
  // messages), sent before or after DOMContentLoaded depending on the content script's run_at: look from the
  // document's commit. Channels opened by other processes (extension pages) are not the page's.
  const commit = documentCommit(byTime, frameId, dcl);
  const message = byTime.find(
    (e) =>
      e.ts >= (commit ?? dcl).ts &&
      e.name === 'ExtensionFrameHost::OpenChannelToExtension' &&
      (e.args?.render_process_host as { child_process_id?: number } | undefined)?.child_process_id ===
        dcl.pid,
  );
  const getAll = byTime.find(
    (e) => e.ts >= (message?.ts ?? dcl.ts) && e.name === 'Database::GetAllOperation',
  );
  return {
    workerRequested: rel(requested),
    scriptLoaded: rel(scriptLoaded),
    workerRunning: rel(running),
    messageSent: rel(message),
    rowsReadStart: rel(getAll),
    rowsReadEnd: rel(getAll, true),
    answerPainted: answerPaintSinceDcl,
  };
}

/** Main-thread cost of one load in the page's renderer, in ms; null when the trace lacks the events. */
export interface LoadCost {
  /** Document commit → DOMContentLoaded, and the time the main thread spent running tasks in it. */
  commitToDcl: number | null;
  busyCommitToDcl: number | null;
  /** DOMContentLoaded → load event, and the time the main thread spent running tasks in it. */
  dclToLoad: number | null;
  busyDclToLoad: number | null;
  /** Evaluating the extension's content script (its synchronous first run included), wherever it falls. */
  contentScriptEval: number;
}

/**
 * How busy the main thread of `frameId`'s renderer was from the document's commit to DOMContentLoaded and from
 * there to the load event, and how much of it was the extension's content script being evaluated. On a page
 * served from localhost the load event follows DOMContentLoaded within milliseconds, so main-thread work
 * delays it one for one.
 */
export function loadCost(
  events: readonly TraceEvent[],
  frameId: string,
  extensionId: string | null,
): LoadCost {
  const byTime = [...events].filter((e) => typeof e.ts === 'number').sort((a, b) => a.ts - b.ts);
  const dcl = byTime.find((e) => e.name === 'MarkDOMContent' && frameOf(e) === frameId);
  const load = dcl && byTime.find((e) => e.name === 'MarkLoad' && frameOf(e) === frameId && e.ts >= dcl.ts);
  const commit = dcl && documentCommit(byTime, frameId, dcl);
  const onMain = (e: TraceEvent) => dcl !== undefined && e.pid === dcl.pid && e.tid === dcl.tid;
  const prefix = extensionId ? `chrome-extension://${extensionId}/` : null;
  const contentScriptEval =
    byTime
      .filter(
        (e) =>
          e.name === 'EvaluateScript' &&
          onMain(e) &&
          (commit === undefined || e.ts >= commit.ts) &&
          prefix !== null &&
          String((e.args?.data as { url?: string } | undefined)?.url ?? '').startsWith(prefix),
      )
      .reduce((sum, e) => sum + (e.dur ?? 0), 0) / 1000;
  // Top-level tasks only (nested RunTask events would count twice): time covered by none before is counted.
  const tasks = byTime.filter(
    (e) => e.name === 'ThreadControllerImpl::RunTask' && onMain(e) && e.dur !== undefined,
  );
  const busy = (from: number, to: number): number => {
    let total = 0;
    let coveredUntil = Number.NEGATIVE_INFINITY;
    for (const task of tasks) {
      const start = Math.max(task.ts, from, coveredUntil);
      const end = Math.min(task.ts + task.dur!, to);
      if (end > start) total += end - start;
      coveredUntil = Math.max(coveredUntil, task.ts + task.dur!);
    }
    return total / 1000;
  };
  return {
    commitToDcl: dcl && commit ? (dcl.ts - commit.ts) / 1000 : null,
    busyCommitToDcl: dcl && commit ? busy(commit.ts, dcl.ts) : null,
    dclToLoad: dcl && load ? (load.ts - dcl.ts) / 1000 : null,
    busyDclToLoad: dcl && load ? busy(dcl.ts, load.ts) : null,
    contentScriptEval,
  };
}
