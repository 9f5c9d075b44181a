/**
 * The shapes every benchmark case exports. `npm run bench` (scripts/bench.mjs) times each timed
 * case's `run` repeatedly (median/min/max), reads each measured case once, prints one table and
 * writes bench/results.json. Goals are reported next to the figures, never asserted.
 */
interface CaseBase {
  /** Table section, e.g. "simulate", "schedule", "analysis". */
  readonly group: string;
  /** Row name, e.g. "10 optimizers × 1000 steps · ravine". */
  readonly name: string;
}

export interface TimedCase extends CaseBase {
  /**
   * The work to time; called many times. Return a value so the work is not optimised away; a
   * promise is awaited within the time.
   */
  readonly run: () => unknown;
  /** Optional goal in milliseconds for the median, shown next to the figure. */
  readonly goalMs?: number;
  /**
   * Optional pairing: rows with the same `pair` key are timed interleaved and reported with the
   * median of their per-sample ratios (this / baseline); `goalRatio` is the subject's goal for it.
   */
  readonly pair?: { readonly key: string; readonly role: 'subject' | 'baseline'; readonly goalRatio?: number };
}

/** A size, an amount of memory, a time a case takes itself, or a plain number (an exponent): read once per run. */
export interface MeasuredCase extends CaseBase {
  readonly unit: 'KB' | 'MB' | 'ms' | '';
  readonly measure: () => number | Promise<number>;
  /** Optional goal (at most), in `unit`. */
  readonly goal?: number;
}

export type BenchCase = TimedCase | MeasuredCase;
