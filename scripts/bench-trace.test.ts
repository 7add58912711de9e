import { describe, expect, it } from 'vitest';
import { coldMilestones, loadCost, type TraceEvent } from './bench-trace';

const EXT = 'aibghcmchiadnjcdlppkhbnefkaingdc';
const OTHER_EXT = 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb';
const BROWSER = 1;
const PAGE = 7;

/** An event at `ms` (trace timestamps are µs). */
function ev(name: string, ms: number, extra: Partial<TraceEvent> = {}): TraceEvent {
  return { name, cat: 'test', ph: 'X', ts: ms * 1000, pid: BROWSER, ...extra };
}

const FRAME = 'F1';
const dcl = (ms: number, pid = PAGE, frame = FRAME) =>
  ev('MarkDOMContent', ms, { pid, ph: 'I', args: { data: { frame, isOutermostMainFrame: true } } });
const requested = (ms: number, ext = EXT) =>
  ev('ServiceWorkerVersion::StartWorkerRequested', ms, {
    ph: 'I',
    args: { Script: `chrome-extension://${ext}/background.js` },
  });
const channel = (ms: number, pid = PAGE) =>
  ev('ExtensionFrameHost::OpenChannelToExtension', ms, {
    args: { render_process_host: { child_process_id: pid } },
  });

/** A cold load as Chromium 156 records it: worker woken by the navigation, before DOMContentLoaded. */
const COLD: TraceEvent[] = [
  requested(900),
  ev('ServiceWorkerInstalledScriptsSender::OnFinished', 1000),
  dcl(1050),
  channel(1080),
  ev('ServiceWorkerVersion::StartWorkerFinished', 1200),
  ev('Database::GetAllOperation', 1210, { dur: 40_000 }),
];

describe('coldMilestones', () => {
  it('reads every milestone of a cold load, relative to DOMContentLoaded', () => {
    expect(coldMilestones(COLD, EXT, FRAME, 330)).toEqual({
      workerRequested: -150,
      scriptLoaded: -50,
      workerRunning: 150,
      messageSent: 30,
      rowsReadStart: 160,
      rowsReadEnd: 200,
      answerPainted: 330,
    });
  });

  it('does not depend on the order the events arrive in', () => {
    expect(coldMilestones([...COLD].reverse(), EXT, FRAME, 330)).toEqual(
      coldMilestones(COLD, EXT, FRAME, 330),
    );
  });

  it('leaves the worker milestones empty on a warm load (no start, no getAll)', () => {
    expect(coldMilestones([dcl(50), channel(60)], EXT, FRAME, 70)).toEqual({
      workerRequested: null,
      scriptLoaded: null,
      workerRunning: null,
      messageSent: 10,
      rowsReadStart: null,
      rowsReadEnd: null,
      answerPainted: 70,
    });
  });

  it.each([
    ['no DOMContentLoaded at all', COLD.filter((e) => e.name !== 'MarkDOMContent')],
    [
      "only another tab's DOMContentLoaded",
      [...COLD.filter((e) => e.name !== 'MarkDOMContent'), dcl(1050, PAGE, 'F2')],
    ],
  ])('returns only the probe figure when there is %s', (_, events) => {
    expect(coldMilestones(events, EXT, FRAME, 12)).toEqual({
      workerRequested: null,
      scriptLoaded: null,
      workerRunning: null,
      messageSent: null,
      rowsReadStart: null,
      rowsReadEnd: null,
      answerPainted: 12,
    });
  });

  it("ignores another extension's worker start", () => {
    const events = [
      requested(800, OTHER_EXT),
      ...COLD.filter((e) => !e.name.includes('StartWorkerRequested')),
    ];
    expect(coldMilestones(events, EXT, FRAME, null)).toMatchObject({
      workerRequested: null,
      scriptLoaded: null,
      workerRunning: null,
    });
  });

  it('ignores channels opened by other processes and, with no commit event, before DOMContentLoaded', () => {
    const events = [
      ...COLD.filter((e) => !e.name.includes('OpenChannel')),
      channel(1000),
      channel(1060, 99),
      channel(1090),
    ];
    expect(coldMilestones(events, EXT, FRAME, null).messageSent).toBe(40);
  });

  it('finds a lookup sent before DOMContentLoaded (document_start) from the document commit on', () => {
    const commit = ev('CommitLoad', 800, { pid: PAGE, args: { data: { frame: FRAME } } });
    const events = [
      channel(700), // the previous document's
      commit,
      channel(870),
      ev('Database::GetAllOperation', 880, { dur: 30_000 }),
      requested(820),
      dcl(1050),
      channel(1100),
    ];
    expect(coldMilestones(events, EXT, FRAME, 120)).toMatchObject({
      workerRequested: -230,
      messageSent: -180,
      rowsReadStart: -170,
      rowsReadEnd: -140,
    });
  });

  it("anchors on the measured tab's DOMContentLoaded when other tabs report one first", () => {
    const events = [dcl(1000, PAGE, 'F2'), dcl(1010, 8, 'F3'), ...COLD];
    expect(coldMilestones(events, EXT, FRAME, 330)).toEqual(coldMilestones(COLD, EXT, FRAME, 330));
  });

  it('takes the first getAll after the lookup, not an earlier one', () => {
    const events = [ev('Database::GetAllOperation', 1060, { dur: 1000 }), ...COLD];
    expect(coldMilestones(events, EXT, FRAME, null)).toMatchObject({ rowsReadStart: 160, rowsReadEnd: 200 });
  });
});

describe('loadCost', () => {
  const MAIN = 70;
  const onMain = (name: string, ms: number, durMs: number, args?: Record<string, unknown>) =>
    ev(name, ms, { pid: PAGE, tid: MAIN, dur: durMs * 1000, ...(args ? { args } : {}) });
  const mark = (name: string, ms: number, frame = FRAME) =>
    ev(name, ms, { pid: PAGE, tid: MAIN, ph: 'I', args: { data: { frame } } });
  const script = (ms: number, durMs: number, url: string) =>
    onMain('EvaluateScript', ms, durMs, { data: { url } });
  const task = (ms: number, durMs: number) => onMain('ThreadControllerImpl::RunTask', ms, durMs);

  const LOAD: TraceEvent[] = [
    mark('MarkDOMContent', 100),
    task(95, 10), // 5 ms of it after DOMContentLoaded
    task(110, 8),
    script(111, 6, `chrome-extension://${EXT}/content-scripts/papers.js`),
    task(112, 2), // nested in the previous task: not counted twice
    task(125, 20), // cut at the load event
    mark('MarkLoad', 130),
    task(150, 5), // after load
    { ...task(104, 3), tid: 71 }, // another thread
  ];

  it('sums top-level main-thread tasks between DOMContentLoaded and load, and the content script', () => {
    expect(loadCost(LOAD, FRAME, EXT)).toEqual({
      commitToDcl: null,
      busyCommitToDcl: null,
      dclToLoad: 30,
      busyDclToLoad: 18,
      contentScriptEval: 6,
    });
  });

  it('also measures commit → DOMContentLoaded, with a content script evaluated before DOMContentLoaded', () => {
    const events = [
      script(40, 9, `chrome-extension://${EXT}/content-scripts/papers.js`), // the previous document's
      mark('CommitLoad', 50),
      task(60, 20),
      script(61, 4, `chrome-extension://${EXT}/content-scripts/papers.js`),
      task(90, 15), // 10 ms before DOMContentLoaded
      ...LOAD.filter((e) => e.name !== 'EvaluateScript'),
    ];
    expect(loadCost(events, FRAME, EXT)).toEqual({
      commitToDcl: 50,
      busyCommitToDcl: 30,
      dclToLoad: 30,
      busyDclToLoad: 18,
      contentScriptEval: 4,
    });
  });

  it("does not count another extension's or the page's own scripts as the content script", () => {
    const events = [
      ...LOAD.filter((e) => e.name !== 'EvaluateScript'),
      script(111, 6, `chrome-extension://${OTHER_EXT}/x.js`),
      script(120, 2, 'https://arxiv.org/static/a.js'),
    ];
    expect(loadCost(events, FRAME, EXT).contentScriptEval).toBe(0);
    expect(loadCost(LOAD, FRAME, null).contentScriptEval).toBe(0);
  });

  it.each([
    ['no load event', LOAD.filter((e) => e.name !== 'MarkLoad')],
    [
      "another tab's marks only",
      LOAD.map((e) => (e.name.startsWith('Mark') ? mark(e.name, e.ts / 1000, 'F2') : e)),
    ],
  ])('gives null timings when there is %s', (_, events) => {
    expect(loadCost(events, FRAME, EXT)).toMatchObject({ dclToLoad: null, busyDclToLoad: null });
  });
});
