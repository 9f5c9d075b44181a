/**
 * The shape every benchmark case exports. `npm run bench` (bench/run.ts) times each case's `run`
 * repeatedly, prints median/min/max and writes bench/results.json. Goals are reported, never asserted.
 */
export interface BenchCase {
  /** Table section, e.g. "simulate", "schedule", "analysis". */
  readonly group: string;
  /** Row name, e.g. "10 optimizers × 1000 steps · ravine". */
  readonly name: string;
  /**
   * The work to time; called many times. Return a value so the work is not optimised away; a
   * promise is awaited within the time.
   */
  readonly run: () => unknown;
  /** Optional goal in milliseconds for the median, shown next to the figure. */
  readonly goalMs?: number;
  /** Optional pairing: rows with the same `pair` key are reported as a ratio (this / baseline). */
  readonly pair?: { readonly key: string; readonly role: 'subject' | 'baseline' };
}
