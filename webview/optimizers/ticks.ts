/** Axis ticks at "nice" numbers (1, 2 or 5 × 10^k apart) and their labels. */

export interface Ticks {
  readonly values: readonly number[];
  readonly step: number;
}

/** The tick spacing closest to `count` intervals over `span` (on a log scale): 1, 2 or 5 × 10^k. */
export function niceStep(span: number, count: number): number {
  if (!(span > 0) || !(count > 0)) return 1;
  const raw = span / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const residual = raw / magnitude;
  // Thresholds at the geometric means of neighbouring nice values.
  const nice = residual < Math.SQRT2 ? 1 : residual < Math.sqrt(10) ? 2 : residual < Math.sqrt(50) ? 5 : 10;
  return nice * magnitude;
}

/** Ticks inside [min, max] at most about `count` apart, each rounded to the step's precision. */
export function niceTicks(min: number, max: number, count: number): Ticks {
  if (!(Number.isFinite(min) && Number.isFinite(max)) || max <= min) return { values: Number.isFinite(min) ? [min] : [], step: 1 };
  const step = niceStep(max - min, count);
  const decimals = decimalsOf(step);
  const values: number[] = [];
  const first = Math.ceil(min / step - 1e-9);
  const last = Math.floor(max / step + 1e-9);
  for (let k = first; k <= last; k++) values.push(roundTo(k * step, decimals));
  return { values, step };
}

/** A tick label: as many decimals as the spacing needs, `0` never signed. */
export function formatTick(value: number, step: number): string {
  const text = value.toFixed(decimalsOf(step));
  return /^-0(\.0*)?$/.test(text) ? text.slice(1) : text;
}

function decimalsOf(step: number): number {
  return Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
}

function roundTo(value: number, decimals: number): number {
  const rounded = Number(value.toFixed(decimals));
  return rounded === 0 ? 0 : rounded;
}
