/** uPlot axis helpers shared by the charts. */
import type uPlot from 'uplot';

/**
 * On the log axis only powers of ten get a tick, a grid line and a label, every n-th decade when
 * there are more than fit (about one per 24 pixels).
 */
export function decades(u: uPlot, splits: number[]): (number | null)[] {
  const exps = splits.map((v) => Math.log10(v));
  const isDecade = (e: number) => Math.abs(e - Math.round(e)) < 1e-9;
  const count = exps.filter(isDecade).length;
  const room = Math.max(2, Math.floor((u.bbox.height / (typeof devicePixelRatio === 'number' ? devicePixelRatio : 1) || 200) / 24));
  const every = Math.max(1, Math.ceil(count / room));
  return splits.map((v, i) => (isDecade(exps[i]!) && Math.round(exps[i]!) % every === 0 ? v : null));
}
