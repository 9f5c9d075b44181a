/**
 * How the chart follows edits (useTraces): a change is traced once typing pauses, the chart keeps
 * the curves it has meanwhile, long traces are computed in slices, and every edit ends in the
 * CLI's curve of what was typed last.
 */
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseScheduleSpec, runSchedule } from '../../../src/core/schedule';
import { App, type AppHost } from '../../../webview/schedules/App';
import { DEFAULT_CURVE, traceEntry, type TraceInput } from '../../../webview/schedules/compute';
import { defaultSchedule } from '../../../webview/schedules/model';
import { defaultState } from '../../../webview/schedules/state';
import type { TraceRequest } from '../../../webview/schedules/traceStore';
import { TRACE_TIMING, useTraces, type TracesState } from '../../../webview/schedules/useTraces';
import { EN } from './strings';

beforeEach(() => void vi.useFakeTimers());
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const DELAY = TRACE_TIMING.delayMs;
const host: AppHost = { postMessage: () => undefined, setState: () => undefined };
const wait = (ms: number) => act(() => void vi.advanceTimersByTime(ms));
const lrAt = (step: number) => {
  fireEvent.input(screen.getByTestId('inspect'), { target: { value: String(step) } });
  return within(screen.getByTestId('readout')).getAllByRole('listitem')[0]!.dataset.lr;
};
const busy = () => screen.getByRole('region', { name: EN.chart }).getAttribute('aria-busy');
const cli = (baseLr: number) => runSchedule(parseScheduleSpec({ base_lr: baseLr, steps: 100, scheduler: defaultSchedule() })).lrs;

describe('the chart after an edit', () => {
  it('keeps its curve while typing goes on, and traces what was typed last once typing pauses', () => {
    render(<App strings={EN} initial={defaultState()} host={host} />);
    const field = screen.getByTestId('base-lr') as HTMLInputElement;
    const before = String(cli(0.1)[30]);
    for (const text of ['0.', '0.0', '0.05']) {
      fireEvent.input(field, { target: { value: text } });
      wait(DELAY - 20);
      expect(lrAt(30), text).toBe(before);
      expect(busy()).toBe('true');
    }
    wait(19);
    expect(lrAt(30)).toBe(before);
    wait(1);
    expect(busy()).toBeNull();
    const after = cli(0.05);
    for (const step of [0, 5, 30, 99]) expect(lrAt(step)).toBe(String(after[step]));
  });

  it('says at once what is wrong with a value, and takes its curve off the chart', () => {
    render(<App strings={EN} initial={defaultState()} host={host} />);
    fireEvent.input(screen.getByTestId('base-lr'), { target: { value: '-1' } });
    expect(screen.getByTestId('entry-error').textContent).toBe(EN.notPlotted);
    // A refused value has no curve: the last good one is not shown as if it were the entry's.
    expect(screen.queryByTestId('readout')).toBeNull();
    wait(DELAY * 3);
    expect(screen.getByTestId('entry-error')).toBeTruthy();
    expect(screen.queryByTestId('readout')).toBeNull();
    fireEvent.input(screen.getByTestId('base-lr'), { target: { value: '0.2' } });
    expect(screen.queryByTestId('entry-error')).toBeNull();
    wait(DELAY);
    expect(lrAt(30)).toBe(String(cli(0.2)[30]));
  });

  it('has nothing to trace when a value is typed back before the pause is over', () => {
    render(<App strings={EN} initial={defaultState()} host={host} />);
    const field = screen.getByTestId('base-lr');
    fireEvent.input(field, { target: { value: '0.3' } });
    expect(busy()).toBe('true');
    fireEvent.input(field, { target: { value: '0.1' } });
    expect(busy()).toBeNull();
    expect(vi.getTimerCount()).toBe(0);
    expect(lrAt(30)).toBe(String(cli(0.1)[30]));
  });

  it('draws the other schedules at once on a label or visibility change (nothing to trace)', () => {
    const state = defaultState();
    render(<App strings={EN} initial={{ ...state, entries: [...state.entries, { ...state.entries[0]!, id: 2 }], nextId: 3 }} host={host} />);
    fireEvent.click(screen.getByRole('checkbox', { name: 'Show SequentialLR(LinearLR, CosineAnnealingLR) #1 on the chart' }));
    expect(within(screen.getByTestId('readout')).getAllByRole('listitem')).toHaveLength(1);
    expect(busy()).toBeNull();
  });
});

function Probe({ request, onState }: { request: TraceRequest; onState: (state: TracesState) => void }) {
  onState(useTraces(request, { delayMs: DELAY, sliceMs: 0 }));
  return null;
}

describe('a long trace', () => {
  it('is computed in slices between which the page runs, keeping the previous curves until it is complete', () => {
    const cosine = (tMax: number): TraceInput => ({ scheduler: { type: 'CosineAnnealingLR', T_max: tMax }, base_lr: 0.1, cadence: 'batch', curve: DEFAULT_CURVE });
    let state: TracesState | undefined;
    const onState = (s: TracesState) => void (state = s);
    const { rerender } = render(<Probe request={{ items: [{ id: 1, input: cosine(100) }], iterations: 100, stepsPerEpoch: 1 }} onState={onState} />);
    expect(state!.shown.iterations).toBe(100);
    rerender(<Probe request={{ items: [{ id: 1, input: cosine(50_000) }], iterations: 50_000, stepsPerEpoch: 1 }} onState={onState} />);
    wait(DELAY);
    let slices = 0;
    while (state!.pending) {
      expect(state!.shown.iterations).toBe(100);
      act(() => void vi.advanceTimersToNextTimer());
      slices++;
      expect(slices).toBeLessThan(1000);
    }
    // One slice (a couple of thousand steps) per timer: the 50,000 steps took many.
    expect(slices).toBeGreaterThan(10);
    expect(state!.shown.iterations).toBe(50_000);
    expect(Array.from(state!.shown.traces.get(1)!.lrs)).toEqual(Array.from(traceEntry(cosine(50_000), 50_000, 1).lrs));
  });
});
