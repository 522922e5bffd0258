// Shared by the task measurements (startup-tasks.mjs, train-tasks.mjs): the page's top-level main-thread tasks
// from a Chromium trace, with self time by trace event, and the functions a V8 CPU profile sampled inside a span.

/** The trace categories both measurements record. */
export const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'v8.execute', 'blink', 'blink.user_timing', 'loading', 'toplevel'];

/** A trace event's name, with the function, script or event type where it has one. */
export function traceLabel(e) {
  const d = e.args?.data ?? {};
  const url = (d.url ?? d.fileName ?? '').split('/').pop();
  if (e.name === 'FunctionCall') return `FunctionCall ${d.functionName || '(anon)'} ${url}`;
  if (e.name === 'EvaluateScript' || e.name === 'v8.evaluateModule' || /compile/i.test(e.name)) return `${e.name} ${url}`;
  if (e.name === 'TimerFire' || e.name === 'FireIdleCallback' || e.name === 'EventDispatch') return `${e.name} ${d.type ?? ''}`;
  return e.name;
}

/**
 * Top-level slices (≥ `minMs`) of the renderer main thread of the process that set the user-timing mark
 * `markName` (tracing records every renderer), each with self time (µs) by trace label; `sinceMark` keeps
 * only the slices from the mark on. Throws when the trace has no such mark.
 * @param {any[]} events @param {string} markName @param {{ minMs: number, sinceMark?: boolean }} options
 */
export function mainThreadTasks(events, markName, { minMs, sinceMark = false }) {
  const names = new Map();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') names.set(`${e.pid}:${e.tid}`, e.args.name);
  const mark = events.filter((e) => e.name === markName).pop();
  if (!mark) throw new Error(`no ${markName} mark in the trace`);
  const mains = new Set([...names].filter(([k, n]) => n === 'CrRendererMain' && k.startsWith(`${mark.pid}:`)).map(([k]) => k));
  const slices = events.filter((e) => mains.has(`${e.pid}:${e.tid}`) && e.ph === 'X' && e.dur !== undefined && (!sinceMark || e.ts >= mark.ts)).sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const tasks = [];
  const stack = [];
  for (const e of slices) {
    while (stack.length && stack[stack.length - 1].end <= e.ts) stack.pop();
    const parent = stack[stack.length - 1];
    const key = traceLabel(e);
    if (!parent) {
      const task = { ts: e.ts, dur: e.dur, self: new Map([[key, e.dur]]) };
      tasks.push(task);
      stack.push({ end: e.ts + e.dur, task, key });
      continue;
    }
    // A child's time is its own, not its parent's.
    const { task } = parent;
    task.self.set(parent.key, (task.self.get(parent.key) ?? 0) - e.dur);
    task.self.set(key, (task.self.get(key) ?? 0) + e.dur);
    stack.push({ end: e.ts + e.dur, task, key });
  }
  return { mark: mark.ts, tasks: tasks.filter((t) => t.dur >= minMs * 1000) };
}

/** The key of a sampled frame: function, script and line. */
export function frameKey(f) {
  return `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}`;
}

/** Self time (µs) by function inside [from, to) µs, from a CPU profile; idle samples are left out. */
export function sampledSelfIn(profile, from, to) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  let t = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i];
    const next = i + 1 < profile.timeDeltas.length ? profile.timeDeltas[i + 1] : 0;
    if (t < from || t >= to) continue;
    const f = byId.get(profile.samples[i]).callFrame;
    if (f.functionName === '(idle)') continue;
    const key = frameKey(f);
    self.set(key, (self.get(key) ?? 0) + next);
  }
  return self;
}

/** µs → whole ms. */
export const ms = (us) => Math.round(us / 1000);

/** The `n` largest positive entries of a µs map, as "N ms  key" lines. */
export const topOf = (map, n) =>
  [...map]
    .filter(([, v]) => v > 0)
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, v]) => `${ms(v)} ms  ${k}`);
