/**
 * Traces computed a slice at a time and remembered by their inputs: the numbers are those of one
 * uninterrupted run (and the CLI's), however the work is cut, and nothing is traced twice.
 */
import { describe, expect, it } from 'vitest';
import { SCHEDULER_TYPES, parseScheduleSpec, runSchedule } from '../../../src/core/schedule';
import { DEFAULT_CURVE, TraceJob, traceEntry, validationCurve, type TraceInput } from '../../../webview/schedules/compute';
import { starterSpec } from '../../../webview/schedules/model';
import { TraceStore, keyOf, traceKey, type TraceRequest } from '../../../webview/schedules/traceStore';

const input = (scheduler: unknown, fields: Partial<TraceInput> = {}): TraceInput => ({ scheduler, base_lr: 0.1, cadence: 'batch', curve: DEFAULT_CURVE, ...fields });
const request = (inputs: readonly TraceInput[], iterations = 5000, stepsPerEpoch = 1): TraceRequest => ({ items: inputs.map((i, n) => ({ id: n + 1, input: i })), iterations, stepsPerEpoch });

/** A clock that moves 1 ms each time it is read: every look at it finds the budget spent. */
function tickingClock(): () => number {
  let t = 0;
  return () => t++;
}

describe('a trace computed in slices', () => {
  it('has the numbers of one uninterrupted run, for every class and both cadences', () => {
    for (const type of SCHEDULER_TYPES) {
      for (const cadence of ['batch', 'epoch'] as const) {
        const entry = input(starterSpec(type, { baseLr: 0.1, calls: cadence === 'epoch' ? 100 : 9000 }), { cadence, curve: { ...DEFAULT_CURVE, shape: 'noisy' } });
        const whole = traceEntry(entry, 9000, 90);
        const job = new TraceJob(entry, 9000, 90);
        let slices = 1;
        while (!job.advance(() => true)) slices++;
        const sliced = job.done!;
        expect(Array.from(sliced.lrs), `${type} ${cadence}`).toEqual(Array.from(whole.lrs));
        expect(Array.from(sliced.momenta), `${type} ${cadence}`).toEqual(Array.from(whole.momenta));
        expect([sliced.valid, sliced.drops, sliced.raised?.iteration], `${type} ${cadence}`).toEqual([whole.valid, whole.drops, whole.raised?.iteration]);
        if (cadence === 'batch') expect(slices, type).toBeGreaterThan(1);
      }
    }
  });

  it('has the CLI’s numbers for every class', () => {
    for (const type of SCHEDULER_TYPES) {
      const scheduler = starterSpec(type, { baseLr: 0.1, calls: 5000 });
      const job = new TraceJob(input(scheduler), 5000, 1);
      while (!job.advance(() => true));
      const metrics = type === 'ReduceLROnPlateau' ? Array.from(validationCurve(DEFAULT_CURVE, 5000)) : undefined;
      const cli = runSchedule(parseScheduleSpec({ base_lr: 0.1, steps: 5000, scheduler, ...(metrics ? { metrics } : {}) })).lrs;
      expect(Array.from(job.done!.lrs), type).toEqual(cli);
    }
  });

  it('stops where torch raises, in whichever slice that is', () => {
    const entry = input({ type: 'OneCycleLR', max_lr: 0.1, total_steps: 5000 });
    const job = new TraceJob(entry, 9000, 1);
    while (!job.advance(() => true));
    expect(job.done!.raised?.iteration).toBe(5001);
    expect(job.done!.valid).toBe(5001);
    expect(Array.from(job.done!.lrs)).toEqual(Array.from(traceEntry(entry, 9000, 1).lrs));
  });
});

describe('TraceStore', () => {
  it('works within its budget, and completes a request only when every trace is done', () => {
    const store = new TraceStore(16, tickingClock());
    const wanted = request([input({ type: 'CosineAnnealingLR', T_max: 5000 }), input({ type: 'OneCycleLR', max_lr: 0.1, total_steps: 5000 })]);
    store.want(wanted);
    let slices = 0;
    while (!store.work(0)) {
      slices++;
      expect(store.complete(wanted)).toBeUndefined();
      expect(store.busy).toBe(true);
    }
    expect(slices).toBeGreaterThan(2);
    expect(store.busy).toBe(false);
    const set = store.complete(wanted)!;
    expect([...set.traces.keys()]).toEqual([1, 2]);
    for (const { id, input: i } of wanted.items) expect(Array.from(set.traces.get(id)!.lrs)).toEqual(Array.from(traceEntry(i, 5000, 1).lrs));
  });

  it('finds a finished trace by its inputs, whichever schedule asks', () => {
    const store = new TraceStore();
    const first = request([input({ type: 'StepLR', step_size: 10 })]);
    store.want(first);
    expect(store.work(Infinity)).toBe(true);
    const trace = store.complete(first)!.traces.get(1);
    // A duplicate (another id, an equal copy of the spec) is the same trace, with nothing to compute.
    const again = request([input({ type: 'StepLR', step_size: 10 }), input({ type: 'StepLR', step_size: 10 })]);
    store.want(again);
    expect(store.busy).toBe(false);
    expect(store.complete(again)!.traces.get(2)).toBe(trace);
    // Another length is another trace.
    store.want(request([input({ type: 'StepLR', step_size: 10 })], 4000));
    expect(store.busy).toBe(true);
  });

  it('goes on with an unfinished trace asked for again, and drops the ones no longer asked for', () => {
    const store = new TraceStore(16, tickingClock());
    const long = request([input({ type: 'CosineAnnealingLR', T_max: 5000 })]);
    store.want(long);
    expect(store.work(0)).toBe(false);
    store.want(request([]));
    expect(store.busy).toBe(false);
    store.want(long);
    let slices = 0;
    while (!store.work(0)) slices++;
    const resumed = new TraceStore(16, tickingClock());
    resumed.want(long);
    resumed.work(0);
    resumed.want({ ...long, items: [...long.items] });
    let more = 0;
    while (!resumed.work(0)) more++;
    // Asked again while unfinished, the trace resumes: fewer slices than from the start.
    expect(more).toBeLessThan(slices);
    expect(Array.from(resumed.complete(long)!.traces.get(1)!.lrs)).toEqual(Array.from(store.complete(long)!.traces.get(1)!.lrs));
  });

  it('keeps the most recently used traces', () => {
    const store = new TraceStore(2);
    const a = request([input({ type: 'StepLR', step_size: 1 })]);
    const b = request([input({ type: 'StepLR', step_size: 2 })]);
    const c = request([input({ type: 'StepLR', step_size: 3 })]);
    for (const r of [a, b]) {
      store.want(r);
      store.work(Infinity);
    }
    store.complete(a); // a is now more recent than b
    store.want(c);
    store.work(Infinity);
    expect(store.complete(a)).toBeDefined();
    expect(store.complete(b)).toBeUndefined();
    expect(store.complete(c)).toBeDefined();
  });
});

describe('trace keys', () => {
  it('tell apart the values JSON would merge, and nothing else', () => {
    const distinct = [0, -0, NaN, Infinity, -Infinity, null, undefined, '0', 'NaN', [0], { a: 0 }, { a: null }, true, 'true'];
    expect(new Set(distinct.map(keyOf)).size).toBe(distinct.length);
    expect(keyOf({ type: 'StepLR', step_size: 3, gamma: 0.5 })).toBe(keyOf({ type: 'StepLR', step_size: 3, gamma: 0.5 }));
    const base = input({ type: 'StepLR', step_size: 3 });
    expect(traceKey(base, 100, 1)).not.toBe(traceKey({ ...base, base_lr: -0 }, 100, 1));
    expect(traceKey(base, 100, 1)).not.toBe(traceKey({ ...base, cadence: 'epoch' }, 100, 1));
    expect(traceKey(base, 100, 1)).not.toBe(traceKey(base, 100, 2));
    expect(traceKey(base, 100, 1)).not.toBe(traceKey({ ...base, curve: { ...DEFAULT_CURVE, seed: 2 } }, 100, 1));
  });
});
