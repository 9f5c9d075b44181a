/**
 * uPlot's series and options for a losses chart, pure: the losses as solid lines on the left axis,
 * their gradients dashed on the right one, the doubled-activation curves in their own dash.
 */
import type uPlot from 'uplot';
import type { LossesStrings } from '../../src/protocol';
import { formatNumber } from '../shared/numbers';
import { format } from '../shared/strings';

export interface CurveLook {
  readonly name: string;
  readonly color: string;
  readonly bug: boolean;
}

const value = (_u: uPlot, v: number | null) => (v == null ? '—' : formatNumber(v));

export function lossChartSeries(looks: readonly CurveLook[], xName: string, strings: LossesStrings): uPlot.Series[] {
  return [
    { label: xName, value },
    ...looks.map((l): uPlot.Series => ({ label: l.name, stroke: l.color, width: 2, dash: l.bug ? [10, 3, 2, 3] : undefined, points: { show: false }, value })),
    ...looks.map((l): uPlot.Series => ({ label: format(strings.gradientOf, l.name), stroke: l.color, width: 1.25, dash: [5, 4], scale: 'g', points: { show: false }, value })),
  ];
}

export function lossChartOptions(xName: string, strings: LossesStrings): Omit<uPlot.Options, 'width' | 'series'> {
  const values = (_u: uPlot, vs: number[]) => vs.map((v) => (v == null ? '' : formatNumber(v)));
  return {
    height: 240,
    scales: { x: { time: false }, y: { auto: true }, g: { auto: true } },
    axes: [
      { label: xName, size: 40, values },
      { label: strings.axisLoss, size: 60, values },
      { label: strings.axisGradient, scale: 'g', side: 1, size: 60, grid: { show: false }, values },
    ],
    legend: { show: true, live: true },
    cursor: { y: false, drag: { x: false, y: false }, points: { size: 6 } },
  };
}
