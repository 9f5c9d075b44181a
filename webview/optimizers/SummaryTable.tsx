/**
 * The race in numbers, and the text alternative of the canvas: per racer the loss at the shown step,
 * the final loss, the distance to the nearest minimum, the first step below the tolerance, and
 * whether (and when) it diverged.
 */
import { Swatch } from './Swatch';
import type { OptimizersStrings } from '../../src/protocol';
import { format } from '../shared/strings';
import { formatNumber } from '../shared/numbers';
import type { Look } from './palette';
import { frameAt, type Run, type Summary } from './race';

/** The status cell's text: what the run did, in the words that are true on this surface. */
export function statusText(summary: Summary, strings: OptimizersStrings): string {
  switch (summary.status) {
    case 'converged':
      return strings.belowTolerance;
    case 'notConverged':
      return strings.aboveTolerance;
    case 'diverged':
      return format(strings.diverged, summary.statusAt ?? '?');
    case 'escaped':
      return format(strings.escaped, summary.statusAt ?? '?');
    case 'unbounded':
      return strings.unbounded;
  }
}

export interface SummaryRow {
  readonly run: Run;
  readonly name: string;
  readonly look: Look | undefined;
  readonly summary: Summary;
}

export interface SummaryTableProps {
  readonly rows: readonly SummaryRow[];
  readonly step: number;
  readonly tolerance: number;
  readonly hasMinimum: boolean;
  readonly strings: OptimizersStrings;
}

const DASH = '—';

export function SummaryTable({ rows, step, tolerance, hasMinimum, strings }: SummaryTableProps) {
  const frames = frameAt(
    rows.map((r) => r.run),
    step,
  );
  return (
    <section class="summary">
      <h2 id="summary-heading">{strings.summary}</h2>
      {rows.length === 0 ? (
        <p class="hint">{strings.noOptimizers}</p>
      ) : (
        <div class="table-scroll" role="region" aria-labelledby="summary-heading" tabIndex={0}>
          <table data-testid="summary">
            <thead>
              <tr>
                <th scope="col">{strings.colOptimizer}</th>
                <th scope="col">{strings.colStatus}</th>
                <th scope="col" class="num">
                  {format(strings.colLossAt, step)}
                </th>
                <th scope="col" class="num">
                  {strings.colFinal}
                </th>
                <th scope="col" class="num">
                  {strings.colDistance}
                </th>
                <th scope="col" class="num">
                  {format(strings.colFirstBelow, formatNumber(tolerance))}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map(({ run, name, look, summary }, i) => {
                const frame = frames[i]!;
                return (
                  <tr key={run.id} data-testid="summary-row" data-name={name} data-final-loss={summary.finalLoss ?? ''}>
                    <th scope="row">
                      <Swatch look={look} />
                      {name}
                    </th>
                    <td class={`status ${summary.status}`} data-testid="status" data-status={summary.status}>
                      {statusText(summary, strings)}
                    </td>
                    <td class="num">{Number.isFinite(frame.loss) ? formatNumber(frame.loss) : DASH}</td>
                    <td class="num" data-testid="final-loss">
                      {summary.finalLoss === null ? DASH : formatNumber(summary.finalLoss)}
                    </td>
                    <td class="num">{summary.distance === null ? (hasMinimum ? DASH : strings.noMinimum) : formatNumber(summary.distance)}</td>
                    <td class="num" data-testid="first-below">
                      {hasMinimum ? (summary.firstBelow ?? DASH) : strings.noMinimum}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
