// The LR chart as drawn by the real uPlot (on a recording canvas: happy-dom has none), for the
// defects issue 15 lists: readouts printed twice (a live legend beside the readout), a
// "reductions: —" legend row, OneCycleLR spiking at the point past the last step on a log axis,
// and ReduceLROnPlateau's synthetic metric never plotted.
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { recordingContext } from '../fakeCanvas';
import { App } from '../../../webview/schedules/App';
import { chartData, metricChartData, traceEntry, validationCurve, xColumn, DEFAULT_CURVE } from '../../../webview/schedules/compute';
import { readState } from '../../../webview/schedules/state';
import { EN } from './strings';

beforeEach(() => {
  vi.useFakeTimers();
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(() => recordingContext() as never);
  // uPlot builds its paths with Path2D, which happy-dom lacks.
  vi.stubGlobal(
    'Path2D',
    class {
      moveTo() {}
      lineTo() {}
      rect() {}
      arc() {}
      closePath() {}
      bezierCurveTo() {}
      addPath() {}
    },
  );
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

const ONE_CYCLE = { type: 'OneCycleLR', max_lr: 0.1, total_steps: 100 };
const PLATEAU = { type: 'ReduceLROnPlateau', patience: 3, factor: 0.5 };

function mount(schedulers: readonly object[], yScale: 'linear' | 'log' = 'log') {
  const read = readState({ schedules: schedulers.map((scheduler) => ({ label: '', scheduler, base_lr: 0.1 })), steps: 100, yScale });
  const view = render(<App strings={EN} initial={read!.state} host={{ postMessage: () => undefined, setState: () => undefined }} />);
  act(() => void vi.runAllTimers());
  return view;
}

const readout = () => within(screen.getByTestId('readout')).queryAllByRole('listitem');
const inspect = (step: number) => fireEvent.input(screen.getByTestId('inspect'), { target: { value: String(step) } });

describe('LR Schedule chart', () => {
  it('prints the values at the cursor once, in the readout: the legends are keys without values', () => {
    const { container } = mount([ONE_CYCLE, PLATEAU]);
    const legends = [...container.querySelectorAll('.u-legend')];
    expect(legends.length).toBeGreaterThan(0);
    for (const legend of legends) {
      expect(legend.classList.contains('u-live')).toBe(false);
      expect(legend.querySelectorAll('.u-value')).toHaveLength(0);
      expect(legend.textContent).not.toMatch(/—|--/);
    }
    inspect(40);
    expect(readout()).toHaveLength(2);
    expect(readout()[0]!.textContent).toContain('iteration 40: lr =');
  });

  it('names the plateau’s reductions in the key without a value', () => {
    const { container } = mount([PLATEAU]);
    const labels = [...container.querySelectorAll('.lr-chart .u-legend .u-label')].map((l) => l.textContent);
    expect(labels).toEqual(['ReduceLROnPlateau', 'ReduceLROnPlateau reductions']);
  });

  it('ends OneCycleLR on its last iteration: no point past the last step, no spike on a log axis', () => {
    const trace = traceEntry({ scheduler: ONE_CYCLE, base_lr: 0.1, cadence: 'batch', curve: DEFAULT_CURVE }, 100, 1);
    // torch's lr after the 100th step() climbs back up (its annealing runs past the end of the cycle)…
    expect(trace.lrs[100]).toBeGreaterThan(trace.lrs[99]! * 10);
    // …but no iteration of a 100-iteration run trains with it.
    const x = xColumn(100, 1, 'iterations');
    expect(x.length).toBe(100);
    const lr = Array.from(chartData([{ id: 1, trace }], x, 'log').columns[1]!, Number);
    expect(lr).toHaveLength(100);
    const peak = lr.indexOf(Math.max(...lr));
    for (let i = peak + 1; i < lr.length; i++) expect(lr[i], `iteration ${i}`).toBeLessThanOrEqual(lr[i - 1]!);

    mount([ONE_CYCLE]);
    expect(screen.getByTestId('inspect').getAttribute('max')).toBe('99');
    inspect(100);
    expect(readout()[0]!.textContent).toContain('iteration 99:');
  });

  it('plots the synthetic metric ReduceLROnPlateau was stepped with, labelled, with the reductions marked', () => {
    const trace = traceEntry({ scheduler: PLATEAU, base_lr: 0.1, cadence: 'batch', curve: DEFAULT_CURVE }, 100, 1);
    const curve = validationCurve(DEFAULT_CURVE, 100);
    expect(trace.drops.length).toBeGreaterThan(0);
    const data = metricChartData([{ id: 1, trace }], xColumn(100, 1, 'iterations'));
    expect(data.series).toEqual([{ id: 1, kind: 'metric' }, { id: 1, kind: 'metricDrops' }]);
    const [, metric, marks] = data.columns as [unknown, (number | null)[], (number | null)[]];
    // Iteration k shows the metric of the k-th step() call; nothing before the first.
    expect(metric[0]).toBeNull();
    for (const k of [1, 2, 30, 99]) expect(metric[k]).toBe(curve[k - 1]);
    expect(marks.flatMap((v, i) => (v === null ? [] : [i]))).toEqual(trace.drops);
    for (const i of trace.drops) expect(marks[i]).toBe(curve[i - 1]);

    const { container } = mount([ONE_CYCLE, PLATEAU]);
    const figure = screen.getByTestId('metric-chart');
    expect(figure.querySelector('figcaption')?.textContent).toBe(EN.metricChart);
    expect(within(figure).getByRole('figure', { name: EN.metricChart })).toBeTruthy();
    const labels = [...container.querySelectorAll('.metric-chart .u-legend .u-label')].map((l) => l.textContent);
    expect(labels).toEqual(['ReduceLROnPlateau validation loss', 'ReduceLROnPlateau reductions']);
    // The readout carries the metric, and says where the lr was cut.
    inspect(trace.drops[0]!);
    const line = readout()[1]!.textContent!;
    expect(line).toContain(`validation loss = `);
    expect(line).toContain(EN.readoutReduced);
    inspect(trace.drops[0]! - 1);
    expect(readout()[1]!.textContent).not.toContain(EN.readoutReduced);
  });

  it('draws no metric chart without a ReduceLROnPlateau shown', () => {
    mount([ONE_CYCLE]);
    expect(screen.queryByTestId('metric-chart')).toBeNull();
  });
});
