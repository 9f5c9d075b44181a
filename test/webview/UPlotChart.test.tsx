import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// uPlot needs a real canvas; this stands in for it and records what the wrapper does with it.
const instances: FakePlot[] = [];
class FakePlot {
  over = document.createElement('div');
  cursor: { idx: number | null } = { idx: null };
  width: number;
  height: number;
  data: unknown[];
  destroyed = false;
  setData = vi.fn((data: unknown[]) => void (this.data = data));
  setSize = vi.fn();
  setCursor = vi.fn();
  constructor(
    readonly opts: { width: number; height: number; axes: { stroke: string; grid: { stroke: string } }[]; hooks: { ready: ((u: FakePlot) => void)[] } },
    data: unknown[],
    readonly target: HTMLElement,
  ) {
    this.width = opts.width;
    this.height = opts.height;
    this.data = data;
    instances.push(this);
  }
  valToPos(v: number) {
    return v * 10;
  }
  destroy() {
    this.destroyed = true;
  }
  static rangeLog = () => [1, 10];
}
vi.mock('uplot', () => ({ default: FakePlot }));

const { UPlotChart } = await import('../../webview/shared/UPlotChart');

type Data = [number[], number[]];
const tiny: Data = [[0], [1]];

describe('UPlotChart', () => {
  const realGetContext = HTMLCanvasElement.prototype.getContext;
  beforeEach(() => {
    instances.length = 0;
    HTMLCanvasElement.prototype.getContext = (() => ({})) as unknown as typeof realGetContext;
    document.body.style.setProperty('--vscode-foreground', '#112233');
  });
  afterEach(() => {
    cleanup();
    HTMLCanvasElement.prototype.getContext = realGetContext;
  });

  const series = [{}, { label: 'SGD', stroke: '#D55E00' }];
  const options = { height: 200, axes: [{}, { label: 'loss' }] };

  it('creates one chart, feeds it new data, follows the cursor and destroys it', () => {
    const first: Data = [
      [0, 1, 2],
      [3, 2, 1],
    ];
    const view = render(<UPlotChart data={first} series={series} options={options} label="Loss per step" cursorIdx={1} />);
    expect(instances).toHaveLength(1);
    const u = instances[0]!;
    expect(u.data).toBe(first);
    expect(screen.getByRole('figure', { name: 'Loss per step' })).toBeTruthy();
    expect(u.opts.axes[1]!.stroke).toBe('#112233');
    expect(u.opts.axes[1]!.grid.stroke).toBe('rgba(17, 34, 51, 0.12)');
    u.opts.hooks.ready.forEach((hook) => hook(u));
    expect(u.setCursor).toHaveBeenLastCalledWith({ left: 10, top: 0 });

    const next: Data = [
      [0, 1, 2],
      [3, 2, 0.5],
    ];
    view.rerender(<UPlotChart data={next} series={series} options={options} label="Loss per step" cursorIdx={2} />);
    expect(instances).toHaveLength(1);
    expect(u.setData).toHaveBeenCalledWith(next);
    expect(u.setCursor).toHaveBeenLastCalledWith({ left: 20, top: 0 });

    view.unmount();
    expect(u.destroyed).toBe(true);
  });

  it('rebuilds the chart when the series change, and reports clicks as data indices', () => {
    const onPick = vi.fn();
    const data: Data = [
      [0, 1],
      [1, 2],
    ];
    const view = render(<UPlotChart data={data} series={series} options={options} label="chart" onPick={onPick} />);
    const u = instances[0]!;
    u.cursor.idx = 1;
    u.over.dispatchEvent(new MouseEvent('click'));
    expect(onPick).toHaveBeenCalledWith(1);
    view.rerender(<UPlotChart data={data} series={[{}, { label: 'Adam', stroke: '#009E73' }]} options={options} label="chart" onPick={onPick} />);
    expect(u.destroyed).toBe(true);
    expect(instances).toHaveLength(2);
  });

  it('re-reads the theme colours when the theme changes', async () => {
    render(<UPlotChart data={tiny} series={series} options={options} label="chart" />);
    document.body.style.setProperty('--vscode-foreground', '#445566');
    document.body.classList.add('vscode-light');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(instances.length).toBeGreaterThanOrEqual(2);
    expect(instances.at(-1)!.opts.axes[0]!.stroke).toBe('#445566');
    expect(instances.at(-2)!.destroyed).toBe(true);
    document.body.classList.remove('vscode-light');
  });

  it('draws nothing without a canvas', () => {
    HTMLCanvasElement.prototype.getContext = (() => null) as unknown as typeof realGetContext;
    render(<UPlotChart data={tiny} series={series} options={options} label="chart" />);
    expect(instances).toHaveLength(0);
    expect(screen.getByTestId('uplot-chart')).toBeTruthy();
  });
});
