/**
 * The teaching layer beside the surface: which racer's arrows to draw, what each arrow is (with
 * the canvas's own line styles), and the values at the shown step with a sentence on what they
 * mean for this kind of optimizer. Learned from distill.pub's "Why Momentum Really Works" (the
 * text sits by the figure and follows its controls) and gradient_descent_viz (arrows per step).
 */
import type { OptimizersStrings } from '../../src/protocol';
import { format } from '../shared/strings';
import { formatNumber } from '../shared/numbers';
import type { Entry } from './entries';
import { role } from './entries';
import type { Action } from './state';
import type { ArrowSet, MemoryKind } from './teach';

export interface TeachingProps {
  readonly entries: readonly Entry[];
  readonly names: ReadonlyMap<number, string>;
  readonly explain: number | null;
  readonly arrows: ArrowSet | null;
  readonly kind: MemoryKind;
  readonly step: number;
  readonly color: string | undefined;
  readonly dispatch: (action: Action) => void;
  readonly strings: OptimizersStrings;
}

const vector = ([x, y]: readonly [number, number]) => `(${formatNumber(x)}, ${formatNumber(y)})`;

function sentence(entry: Entry, strings: OptimizersStrings): string {
  const r = role(entry);
  if (r === 'sgd') return strings['explain.sgd'];
  if (r === 'momentum' || r === 'nesterov') return strings['explain.momentum'];
  if (['Adam', 'AdamW', 'NAdam', 'RAdam', 'Adamax'].includes(entry.type)) return strings['explain.adam'];
  return strings['explain.other'];
}

export function Teaching({ entries, names, explain, arrows, kind, step, color, dispatch, strings }: TeachingProps) {
  const entry = entries.find((e) => e.id === explain);
  return (
    <section class="teaching" aria-labelledby="teaching-heading">
      <div class="teaching-head">
        <h2 id="teaching-heading" class="visually-hidden">
          {strings.explain}
        </h2>
        <label class="control">
          <span>{strings.explain}</span>
          <select
            data-testid="explain"
            value={explain === null ? '' : String(explain)}
            onChange={(e) => dispatch({ type: 'explain', id: e.currentTarget.value === '' ? null : Number(e.currentTarget.value) })}
          >
            <option value="">{strings.explainNone}</option>
            {entries
              .filter((e) => e.visible && e.valid)
              .map((e) => (
                <option key={e.id} value={String(e.id)}>
                  {names.get(e.id) ?? e.type}
                </option>
              ))}
          </select>
        </label>
      </div>
      {entry && (
        <div class="teaching-body" data-testid="teaching">
          <ul class="arrow-legend" style={{ color }}>
            <li>
              <span class="arrow-sample gradient" aria-hidden="true" />
              <span class="arrow-text">{strings.arrowGradient}</span>
            </li>
            {kind && (
              <li>
                <span class="arrow-sample carried" aria-hidden="true" />
                <span class="arrow-text">{kind === 'momentum' ? strings.arrowMomentum : strings.arrowMoment}</span>
              </li>
            )}
            <li>
              <span class="arrow-sample update" aria-hidden="true" />
              <span class="arrow-text">{strings.arrowUpdate}</span>
            </li>
          </ul>
          <p class="hint">{sentence(entry, strings)}</p>
          <p class="teaching-values" data-testid="teaching-values" aria-live="off">
            {arrows
              ? format(strings.explainValues, step, vector(arrows.gradient), arrows.carried ? vector(arrows.carried) : '—', vector(arrows.update))
              : strings.explainEnd}
          </p>
        </div>
      )}
    </section>
  );
}
