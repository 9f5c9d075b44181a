/**
 * The traces the chart shows, following the schedules without holding up typing. Measured
 * (npm run bench -- schedules-panel): three 100,000-step schedules take 40–50 ms to trace in
 * Chromium and 8–11 ms to draw; one re-traced schedule 15–20 ms; eight of the slower classes 190 ms
 * and more. So a change is applied `delayMs` after the last edit (trailing: typing "0.05" traces once,
 * and the chart keeps its curves meanwhile), and what needs tracing runs in slices of `sliceMs`
 * between input events and paints; the chart switches to the new curves when all are complete.
 *
 * Slices on the main thread rather than a Web Worker, after trying both in code-server (VS Code
 * 1.100): a worker from the extension's own files is refused whatever the CSP (its script is
 * cross-origin to the webview: SecurityError), and a blob worker runs only with `worker-src blob:`
 * plus `connect-src ${cspSource}` to fetch its code, loosening the panels' CSP (scripts only by
 * nonce) for work that slices already keep within a frame.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { TraceStore, traceKey, type TraceRequest, type TraceSet } from './traceStore';

export interface TraceTiming {
  /** Quiet time after a change before it is traced. */
  readonly delayMs: number;
  /** Longest stretch of tracing between two chances for input and painting. */
  readonly sliceMs: number;
}

export const TRACE_TIMING: TraceTiming = { delayMs: 120, sliceMs: 8 };

export interface TracesState {
  /** The latest complete set: the current inputs' traces, or the previous ones while those compute. */
  readonly shown: TraceSet;
  /** Whether `shown` is behind the inputs (a change waiting out the delay, or being traced). */
  readonly pending: boolean;
}

function signatureOf(request: TraceRequest): string {
  return request.items.map((item) => `${item.id}=${traceKey(item.input, request.iterations, request.stepsPerEpoch)}`).join('\n');
}

export function useTraces(request: TraceRequest, timing: TraceTiming = TRACE_TIMING): TracesState {
  const store = useRef<TraceStore | null>(null);
  store.current ??= new TraceStore();
  // A label, colour or visibility change makes a new request with the same signature: nothing to trace.
  const signature = useMemo(() => signatureOf(request), [request]);
  const [applied, setApplied] = useState(() => ({ request, signature }));
  // Every edit restarts the wait, also one that leaves the value as it was ("0." → "0.0").
  useEffect(() => {
    if (signature === applied.signature) return undefined;
    const timer = setTimeout(() => setApplied({ request, signature }), timing.delayMs);
    return () => clearTimeout(timer);
  }, [request]);

  // Bumped when background slices finish the applied request.
  const [finished, setFinished] = useState(0);
  const opened = useRef(false);
  const complete = useMemo(() => {
    const traces = store.current!;
    traces.want(applied.request);
    // The first set is traced at once: there are no curves yet to show meanwhile.
    traces.work(opened.current ? timing.sliceMs : Infinity);
    opened.current = true;
    return traces.complete(applied.request);
  }, [applied, finished]);
  const shown = useRef<TraceSet | undefined>(undefined);
  if (complete) shown.current = complete;

  useEffect(() => {
    if (complete) return undefined;
    const slice = () => {
      if (store.current!.work(timing.sliceMs)) setFinished((n) => n + 1);
      else timer = setTimeout(slice, 0);
    };
    let timer = setTimeout(slice, 0);
    return () => clearTimeout(timer);
  }, [complete]);

  return { shown: shown.current!, pending: !complete || signature !== applied.signature };
}
