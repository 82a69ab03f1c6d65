// Where a page's main thread spent its time, from a Chromium performance trace (what DevTools' Performance panel
// records): script evaluation and compilation, event handlers and timers, style recalculation, layout, paint,
// garbage collection. Used by the renderer benchmark with BENCH_TRACE=1 to say what the interface's wait is made of.
import type { CDPSession } from 'playwright-core';

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  args?: { name?: string };
}

const CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8.execute',
  'v8',
  'blink.user_timing',
].join(',');

/** The trace events' names worth summing, with what they mean (nested ones are counted inside their parent too). */
const KINDS: Record<string, string> = {
  RunTask: 'task (everything)',
  EvaluateScript: 'script evaluation',
  'v8.compile': 'compile',
  'v8.compileModule': 'compile module',
  'v8.evaluateModule': 'evaluate module',
  FunctionCall: 'JS calls (events, timers)',
  EventDispatch: 'DOM event dispatch',
  FireAnimationFrame: 'animation frame callbacks',
  UpdateLayoutTree: 'style recalculation',
  Layout: 'layout',
  PrePaint: 'pre-paint',
  Paint: 'paint',
  Layerize: 'layerize',
  MajorGC: 'major GC',
  MinorGC: 'minor GC',
  'V8.GC_SCAVENGER': 'scavenge',
  ParseAuthorStyleSheet: 'parse CSS',
  ParseHTML: 'parse HTML',
};

export async function startTrace(cdp: CDPSession): Promise<void> {
  await cdp.send('Tracing.start', { categories: CATEGORIES, transferMode: 'ReportEvents' });
}

/** Stops the trace and sums the main thread's time per kind, as lines of text. */
export async function stopTrace(cdp: CDPSession): Promise<string> {
  const events: TraceEvent[] = [];
  const onData = (data: { value: unknown[] }) => {
    events.push(...(data.value as TraceEvent[]));
  };
  cdp.on('Tracing.dataCollected', onData);
  const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
  await cdp.send('Tracing.end');
  await complete;
  cdp.off('Tracing.dataCollected', onData);
  const main = events.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const sums = new Map<string, { ms: number; n: number }>();
  for (const e of events) {
    if (main && (e.pid !== main.pid || e.tid !== main.tid)) continue;
    if (e.ph !== 'X' || e.dur === undefined || !(e.name in KINDS)) continue;
    const s = sums.get(e.name) ?? { ms: 0, n: 0 };
    s.ms += e.dur / 1000;
    s.n += 1;
    sums.set(e.name, s);
  }
  return [...sums.entries()]
    .sort((a, b) => b[1].ms - a[1].ms)
    .map(([name, s]) => `${s.ms.toFixed(0).padStart(7)} ms ${String(s.n).padStart(6)}×  ${KINDS[name]} (${name})`)
    .join('\n');
}
