/**
 * Entries from the user's code whose learning rate barely moves them on this toy surface (a
 * network's AdamW lr=3e-4 on a valley twenty units wide): the panel says so and offers a twin with
 * the lr this surface calls for, labelled as rescaled, so the user's own settings stay untouched.
 */
import type { OptimizersStrings } from '../../src/protocol';
import { format } from '../shared/strings';
import { formatNumber } from '../shared/numbers';
import type { Entry } from './entries';
import type { Action } from './state';

export interface Stalled {
  readonly entry: Entry;
  /** How far it gets, as a fraction of the view's diagonal. */
  readonly reach: number;
  /** The lr this surface suggests for its class; undefined when there is none to offer. */
  readonly lr: number | undefined;
}

export interface RescaleNoticesProps {
  readonly stalled: readonly Stalled[];
  readonly names: ReadonlyMap<number, string>;
  readonly steps: number;
  readonly full: boolean;
  readonly dispatch: (action: Action) => void;
  readonly strings: OptimizersStrings;
}

export function RescaleNotices({ stalled, names, steps, full, dispatch, strings }: RescaleNoticesProps) {
  if (stalled.length === 0) return null;
  return (
    <ul class="rescale-notices" aria-label={strings.barelyMovesHeading}>
      {stalled.map(({ entry, reach, lr }) => (
        <li key={entry.id} class="notice" data-testid="barely-moves">
          <p>{format(strings.barelyMoves, names.get(entry.id) ?? entry.type, steps, formatNumber(Number((reach * 100).toPrecision(2))))}</p>
          {lr !== undefined && (
            <button type="button" disabled={full} data-testid="rescale" onClick={() => dispatch({ type: 'rescale', id: entry.id, lr })}>
              {format(strings.rescaleOffer, formatNumber(lr))}
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}
