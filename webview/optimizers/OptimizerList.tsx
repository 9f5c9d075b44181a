/**
 * The racers: add, remove, duplicate, show/hide, and every hyperparameter of each with torch's
 * names. The controls are derived from the types of torch's defaults (a number field, a checkbox,
 * a pair of fields), never written per optimizer; `lr` also gets a log-scale slider. Errors are
 * the core's own messages, shown at the field they concern.
 */
import { Swatch } from './Swatch';
import { useState } from 'preact/hooks';
import { OPTIMIZER_NAMES, isOptimizerName, type OptimizerName } from '../../src/core/optim';
import type { OptimizersStringKey, OptimizersStrings } from '../../src/protocol';
import { format } from '../shared/strings';
import { controls, keywordOf, unknownKeys, validate, type Entry } from './entries';
import { NumberField } from '../shared/fields';
import { Icon } from '../shared/icons';
import type { Look } from './palette';
import { torchCall } from './pytorch';
import type { Action } from './state';
import { MAX_ENTRIES } from './state';
import { useReasons } from '../shared/reasons';

export interface OptimizerListProps {
  readonly entries: readonly Entry[];
  readonly names: ReadonlyMap<number, string>;
  readonly looks: ReadonlyMap<number, Look>;
  readonly dispatch: (action: Action) => void;
  readonly onCopy: (text: string) => void;
  readonly strings: OptimizersStrings;
}

/** lr slider range: 10^-5 … 10^1. */
const LR_MIN_EXP = -5;
const LR_MAX_EXP = 1;

export function OptimizerList({ entries, names, looks, dispatch, onCopy, strings }: OptimizerListProps) {
  const [toAdd, setToAdd] = useState<OptimizerName>('Adam');
  const full = entries.length >= MAX_ENTRIES;
  return (
    <section class="optimizers" aria-labelledby="optimizers-heading">
      <h2 id="optimizers-heading">{strings.optimizers}</h2>
      <div class="add-row">
        <label>
          <span class="visually-hidden">{strings.addType}</span>
          <select aria-label={strings.addType} aria-describedby="add-help" value={toAdd} onChange={(e) => setToAdd(e.currentTarget.value as OptimizerName)} data-testid="add-type">
            {OPTIMIZER_NAMES.map((name) => (
              <option key={name} value={name} title={strings[`help.${name}`]}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => dispatch({ type: 'add', optimizer: toAdd })} disabled={full} data-testid="add">
          {strings.add}
        </button>
        {full && <span class="hint">{format(strings.maxOptimizers, MAX_ENTRIES)}</span>}
      </div>
      <p class="hint" id="add-help" data-testid="add-help">
        {strings[`help.${toAdd}`]}
      </p>
      <ul class="entry-list">
        {entries.map((entry) => (
          <EntryCard key={entry.id} entry={entry} name={names.get(entry.id) ?? entry.type} look={looks.get(entry.id)} dispatch={dispatch} onCopy={onCopy} strings={strings} canAdd={!full} />
        ))}
      </ul>
    </section>
  );
}

interface EntryCardProps {
  readonly entry: Entry;
  readonly name: string;
  readonly look: Look | undefined;
  readonly dispatch: (action: Action) => void;
  readonly onCopy: (text: string) => void;
  readonly strings: OptimizersStrings;
  readonly canAdd: boolean;
}

function describe(strings: OptimizersStrings, key: string): string | undefined {
  const id = `kw.${key}` as OptimizersStringKey;
  return Object.hasOwn(strings, id) ? strings[id] : undefined;
}

function EntryCard({ entry, name, look, dispatch, onCopy, strings, canAdd }: EntryCardProps) {
  const [open, setOpen] = useState(false);
  const result = validate(entry.type, entry.raw);
  const error = result.ok ? null : result.error;
  const errorKey = error ? keywordOf(error) : '';
  const known = isOptimizerName(entry.type);
  const fields = known ? controls(entry.type) : [];
  const fieldKeys = new Set(fields.map((f) => f.key));
  // An error a field can show goes there; any other (unknown type or keyword) goes on the card.
  const reasons = useReasons();
  const cardError = error && !fieldKeys.has(errorKey) ? reasons.message(error) : null;
  const errorFor = (key: string) => (error && errorKey === key ? reasons.reason(error) : undefined);
  const errorInDetails = error !== null && errorKey !== 'lr' && fieldKeys.has(errorKey);
  const headingId = `entry-${entry.id}-name`;
  const swatch = <Swatch look={look} />;

  return (
    <li class={`entry${entry.visible ? '' : ' hidden-entry'}`} aria-labelledby={headingId} data-testid="entry" data-type={entry.type}>
      <div class="entry-head">
        <input type="checkbox" checked={entry.visible} aria-label={format(strings.visible, name)} onChange={() => dispatch({ type: 'toggle', id: entry.id })} />
        {swatch}
        <h3 id={headingId} class="entry-name">
          {name}
        </h3>
        <span class="entry-actions">
          <button
            type="button"
            class="icon-button"
            aria-label={format(strings.copyLabel, name)}
            title={strings.copy}
            disabled={!result.ok || !known}
            onClick={() => result.ok && known && onCopy(torchCall(entry.type as OptimizerName, result.kwargs))}
          >
            <Icon name="copy" />
          </button>
          <button type="button" class="icon-button" aria-label={format(strings.duplicate, name)} title={format(strings.duplicate, name)} disabled={!canAdd} onClick={() => dispatch({ type: 'duplicate', id: entry.id })}>
            <Icon name="duplicate" />
          </button>
          <button type="button" class="icon-button" aria-label={format(strings.remove, name)} title={format(strings.remove, name)} onClick={() => dispatch({ type: 'remove', id: entry.id })}>
            <Icon name="remove" />
          </button>
        </span>
      </div>

      {known && fieldKeys.has('lr') && <LrControl entry={entry} name={name} error={errorFor('lr')} dispatch={dispatch} strings={strings} />}
      {known && fieldKeys.has('momentum') && <MomentumControl entry={entry} name={name} label="momentum" ariaLabel={format(strings.momentumSlider, name)} dispatch={dispatch} />}
      {known && fieldKeys.has('betas') && <MomentumControl entry={entry} name={name} label="β₁" ariaLabel={format(strings.betaSlider, name)} dispatch={dispatch} />}

      {entry.note && (
        <p class="entry-error" role="note">
          {entry.note}
        </p>
      )}
      {cardError && (
        <p class="entry-error" aria-live="polite">
          {cardError}
        </p>
      )}
      {error && <p class="hint">{entry.valid ? strings.lastValid : strings.notSimulated}</p>}

      {unknownKeys(entry.type, entry.raw).map((key) => (
        <div class="unknown-kwarg" key={key}>
          <span>{format(strings.unknownKeyword, key)}</span>
          <button type="button" class="icon-button" aria-label={format(strings.removeKeyword, key)} title={format(strings.removeKeyword, key)} onClick={() => dispatch({ type: 'dropKwarg', id: entry.id, key })}>
            <Icon name="remove" />
          </button>
        </div>
      ))}

      {known && (
        <details open={open || errorInDetails} onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}>
          <summary>{format(strings.hyperparameters, name)}</summary>
          <div class="kwargs">
            <div class="field">
              <label>
                <span class="field-label">{strings.label}</span>
                <input type="text" value={entry.label} placeholder={strings.labelAuto} onInput={(e) => dispatch({ type: 'label', id: entry.id, label: e.currentTarget.value })} />
              </label>
            </div>
            {fields
              .filter((f) => f.key !== 'lr')
              .map(({ key, kind }) => {
                const description = describe(strings, key);
                const value = entry.raw[key];
                if (kind === 'boolean') {
                  return (
                    <div class="field checkbox" key={key} title={description}>
                      <label>
                        <input type="checkbox" checked={value === true} aria-describedby={errorFor(key) ? `${headingId}-${key}-error` : undefined} onChange={(e) => dispatch({ type: 'kwarg', id: entry.id, key, value: e.currentTarget.checked })} />
                        <code>{key}</code>
                      </label>
                      {errorFor(key) && (
                        <span id={`${headingId}-${key}-error`} class="field-error" aria-live="polite">
                          {errorFor(key)}
                        </span>
                      )}
                    </div>
                  );
                }
                if (kind === 'pair') {
                  const pair = Array.isArray(value) ? value : [value, value];
                  return (
                    <fieldset class="pair" key={key} title={description}>
                      <legend>
                        <code>{key}</code>
                      </legend>
                      {[0, 1].map((i) => (
                        <NumberField
                          key={i}
                          label={<code>{`[${i}]`}</code>}
                          ariaLabel={`${key}[${i}]`}
                          value={pair[i]}
                          error={error && error.field === `${key}[${i}]` ? reasons.reason(error) : undefined}
                          onInput={(v) => {
                            const next = [...pair];
                            next[i] = v;
                            dispatch({ type: 'kwarg', id: entry.id, key, value: next });
                          }}
                        />
                      ))}
                      {errorFor(key) && !/\[\d\]$/.test(error!.field) && <span class="field-error">{errorFor(key)}</span>}
                    </fieldset>
                  );
                }
                return (
                  <NumberField
                    key={key}
                    label={<code>{key}</code>}
                    ariaLabel={key}
                    description={description}
                    value={value}
                    error={errorFor(key)}
                    onInput={(v) => dispatch({ type: 'kwarg', id: entry.id, key, value: v })}
                  />
                );
              })}
          </div>
        </details>
      )}
    </li>
  );
}

interface LrControlProps {
  readonly entry: Entry;
  readonly name: string;
  readonly error: string | undefined;
  readonly dispatch: (action: Action) => void;
  readonly strings: OptimizersStrings;
}

/** The learning rate: a log-scale slider for sweeping and a field for an exact value. */
function LrControl({ entry, name, error, dispatch, strings }: LrControlProps) {
  const raw = entry.raw.lr;
  const shown = typeof raw === 'number' && raw > 0 ? raw : typeof entry.valid?.lr === 'number' ? entry.valid.lr : 1e-3;
  const exponent = Math.max(LR_MIN_EXP, Math.min(LR_MAX_EXP, Math.log10(shown as number)));
  return (
    <div class="lr-row">
      <input
        type="range"
        min={LR_MIN_EXP}
        max={LR_MAX_EXP}
        step={0.01}
        value={exponent}
        aria-label={format(strings.lrSlider, name)}
        aria-valuetext={`lr = ${String(shown)}`}
        onInput={(e) => {
          // Two significant digits: the slider sweeps, the field is for exact values.
          const lr = Number((10 ** Number(e.currentTarget.value)).toPrecision(2));
          dispatch({ type: 'kwarg', id: entry.id, key: 'lr', value: lr });
        }}
      />
      <NumberField class="lr-field" label={<code>lr</code>} ariaLabel="lr" description={strings['kw.lr']} value={raw} error={error} onInput={(v) => dispatch({ type: 'kwarg', id: entry.id, key: 'lr', value: v })} testId="lr" />
    </div>
  );
}

interface MomentumControlProps {
  readonly entry: Entry;
  readonly name: string;
  /** `momentum` (SGD, RMSprop) or β₁, the first of Adam's `betas`. */
  readonly label: 'momentum' | 'β₁';
  readonly ariaLabel: string;
  readonly dispatch: (action: Action) => void;
}

/** The momentum (or Adam's β₁) beside lr, as a slider: how much of the past each step keeps. */
function MomentumControl({ entry, label, ariaLabel, dispatch }: MomentumControlProps) {
  const isBeta = label === 'β₁';
  const raw = isBeta ? (Array.isArray(entry.raw.betas) ? (entry.raw.betas as unknown[])[0] : undefined) : entry.raw.momentum;
  const value = typeof raw === 'number' && Number.isFinite(raw) ? Math.max(0, Math.min(0.99, raw)) : 0;
  return (
    <div class="lr-row momentum-row">
      <input
        type="range"
        min={0}
        max={0.99}
        step={0.01}
        value={value}
        aria-label={ariaLabel}
        aria-valuetext={`${label} = ${String(value)}`}
        data-testid={isBeta ? 'beta1-slider' : 'momentum-slider'}
        onInput={(e) => {
          const next = Number(Number(e.currentTarget.value).toFixed(2));
          if (!isBeta) dispatch({ type: 'kwarg', id: entry.id, key: 'momentum', value: next });
          else {
            const betas = Array.isArray(entry.raw.betas) ? [...(entry.raw.betas as unknown[])] : [0.9, 0.999];
            betas[0] = next;
            dispatch({ type: 'kwarg', id: entry.id, key: 'betas', value: betas });
          }
        }}
      />
      <span class="slider-value">
        <code>{label}</code> {String(value)}
      </span>
    </div>
  );
}
