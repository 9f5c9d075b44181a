/**
 * "Show LR Schedule": torch.optim.lr_scheduler's learning rate, step by step, for one or several
 * schedules overlaid. Each is traced with the core (torch-exact) and re-traced only when its own
 * inputs change, after a pause in typing and in slices that leave the page responsive (useTraces);
 * the editors check what is typed at once.
 */
import { reportError, type AppHost as SharedAppHost } from '../shared/host';
import { numberDuplicates } from '../shared/entryList';
import { useEffect, useMemo, useReducer, useState } from 'preact/hooks';
import { expectNumber } from '../../src/core/spec';
import { SCHEDULER_TYPES, type SchedulerType } from '../../src/core/schedule';
import type { SchedulesStringKey, SchedulesStrings } from '../../src/protocol';
import { OKABE_ITO } from '../shared/colors';
import { CheckedNumberField, NumberField } from '../shared/fields';
import { Guard } from '../shared/Guard';
import { Icon } from '../shared/icons';
import { MAX_STEPS } from '../../src/core/spec';
import { format } from '../shared/strings';
import { CURVE_SHAPES, checkEntry, type CheckedEntry, type CurveParams, type TraceResult } from './compute';
import { SchedulerEditor } from './Editor';
import { describeSpec, torchScheduler, type SchedulerSpec } from './model';
import { Plot, type Shown } from './Plot';
import { MAX_ENTRIES, readState, reducer, toSaved, type Action, type Entry, type SavedState, type ScheduleState } from './state';
import type { TraceRequest } from './traceStore';
import { useTraces } from './useTraces';
import { ReasonStrings, useReasons } from '../shared/reasons';

/** What the app needs of the VS Code API (host.ts's, or a fake in tests). */
export type AppHost = SharedAppHost<SavedState>;

export interface AppProps {
  readonly strings: SchedulesStrings;
  readonly initial: ScheduleState;
  readonly host: AppHost;
  /** Subscribes to schedules the host adds from the user's code (`add` messages); returns the unsubscribe. */
  readonly additions?: (listener: (state: unknown) => void) => () => void;
}

/** Line colours in order of the entries (Okabe & Ito: apart for the common colour-vision deficiencies). */
const COLORS = [OKABE_ITO.blue, OKABE_ITO.vermillion, OKABE_ITO.green, OKABE_ITO.orange, OKABE_ITO.skyBlue, OKABE_ITO.purple, OKABE_ITO.yellow, OKABE_ITO.grey];

/** The legend's names: the label, else the classes; a number where two would read the same. */
export function entryNames(entries: readonly Entry[]): Map<number, string> {
  return numberDuplicates(new Map(entries.map((e) => [e.id, e.label.trim() || describeSpec(e.scheduler)])));
}

export function App({ strings, initial, host, additions }: AppProps) {
  const [state, dispatch] = useReducer(reducer, initial);
  useEffect(
    () =>
      additions?.((added) => {
        const read = readState(added, { intended: strings.intended, actual: strings.actual }, strings);
        if (read) dispatch({ type: 'merge', entries: read.state.entries });
      }),
    [additions, strings],
  );
  useEffect(() => host.setState(toSaved(state)), [state, host]);

  const request = useMemo<TraceRequest>(
    () => ({ items: state.entries.map((e) => ({ id: e.id, input: e })), iterations: state.steps, stepsPerEpoch: state.stepsPerEpoch }),
    [state.entries, state.steps, state.stepsPerEpoch],
  );
  const { shown: traced, pending } = useTraces(request);
  const checks = useMemo(() => new Map(state.entries.map((e) => [e.id, checkEntry(e)])), [state.entries]);
  const names = useMemo(() => entryNames(state.entries), [state.entries]);
  const colors = useMemo(() => new Map(state.entries.map((e, i) => [e.id, COLORS[i % COLORS.length]!])), [state.entries]);
  // Entries as they are now (removed or refused ones gone at once), with the curves traced so far.
  const shown = useMemo<Shown[]>(
    () =>
      state.entries.flatMap((e) => {
        const trace = traced.traces.get(e.id);
        return e.visible && checks.get(e.id)!.ok && trace && trace.valid > 0 ? [{ id: e.id, name: names.get(e.id)!, color: colors.get(e.id)!, trace }] : [];
      }),
    [state.entries, checks, traced, names, colors],
  );

  const [announcement, setAnnouncement] = useState('');
  const copy = (text: string) => {
    host.postMessage({ type: 'copyText', text });
    setAnnouncement(format(strings.copied, text.split('\n', 1)[0] ?? ''));
  };
  const report = (error: unknown) => reportError(host, error);

  return (
    <ReasonStrings.Provider value={strings}>
      <main data-testid="panel-root" class="app">
        <header class="app-header">
          <h1>{strings.title}</h1>
          <Toolbar state={state} dispatch={dispatch} strings={strings} />
        </header>
        <Guard strings={strings} onError={report}>
          {shown.length ? (
            <Plot shown={shown} steps={traced.iterations} stepsPerEpoch={traced.stepsPerEpoch} axis={state.axis} yScale={state.yScale} busy={pending} strings={strings} />
          ) : (
            <p class="hint" data-testid="no-schedules">
              {strings.noSchedules}
            </p>
          )}
        </Guard>
        <ScheduleList state={state} checks={checks} traces={traced.traces} names={names} colors={colors} dispatch={dispatch} onCopy={copy} strings={strings} />
        <p class="visually-hidden" aria-live="polite" data-testid="announcement">
          {announcement}
        </p>
      </main>
    </ReasonStrings.Provider>
  );
}

interface ToolbarProps {
  readonly state: ScheduleState;
  readonly dispatch: (action: Action) => void;
  readonly strings: SchedulesStrings;
}

function Toolbar({ state, dispatch, strings }: ToolbarProps) {
  return (
    <div class="toolbar">
      <CheckedNumberField
        class="compact"
        label={strings.steps}
        value={state.steps}
        check={(v) => expectNumber(v, 'steps', { integer: true, min: 1, max: MAX_STEPS })}
        onValid={(steps) => dispatch({ type: 'steps', steps })}
        testId="steps"
      />
      <CheckedNumberField
        class="compact"
        label={strings.stepsPerEpoch}
        value={state.stepsPerEpoch}
        check={(v) => expectNumber(v, 'stepsPerEpoch', { integer: true, min: 1, max: MAX_STEPS })}
        onValid={(stepsPerEpoch) => dispatch({ type: 'stepsPerEpoch', stepsPerEpoch })}
        testId="steps-per-epoch"
      />
      <label class="control">
        <span>{strings.axis}</span>
        <select value={state.axis} data-testid="axis" onChange={(e) => dispatch({ type: 'axis', axis: e.currentTarget.value as ScheduleState['axis'] })}>
          <option value="iterations">{strings.axisIterations}</option>
          <option value="epochs">{strings.axisEpochs}</option>
        </select>
      </label>
      <label class="control">
        <span>{strings.yScale}</span>
        <select value={state.yScale} data-testid="y-scale" onChange={(e) => dispatch({ type: 'yScale', yScale: e.currentTarget.value as ScheduleState['yScale'] })}>
          <option value="linear">{strings.yLinear}</option>
          <option value="log">{strings.yLog}</option>
        </select>
      </label>
    </div>
  );
}

interface ListProps {
  readonly state: ScheduleState;
  readonly checks: ReadonlyMap<number, CheckedEntry>;
  /** The latest traced curves; an entry's may be missing or behind its inputs for a moment. */
  readonly traces: ReadonlyMap<number, TraceResult>;
  readonly names: ReadonlyMap<number, string>;
  readonly colors: ReadonlyMap<number, string>;
  readonly dispatch: (action: Action) => void;
  readonly onCopy: (text: string) => void;
  readonly strings: SchedulesStrings;
}

function ScheduleList({ state, checks, traces, names, colors, dispatch, onCopy, strings }: ListProps) {
  const [toAdd, setToAdd] = useState<SchedulerType>('OneCycleLR');
  const full = state.entries.length >= MAX_ENTRIES;
  return (
    <section class="schedules" aria-labelledby="schedules-heading">
      <h2 id="schedules-heading">{strings.schedules}</h2>
      <div class="add-row">
        <select aria-label={strings.addType} aria-describedby="add-help" value={toAdd} onChange={(e) => setToAdd(e.currentTarget.value as SchedulerType)} data-testid="add-type">
          {SCHEDULER_TYPES.map((name) => (
            <option key={name} value={name} title={strings[`help.${name}`]}>
              {name}
            </option>
          ))}
        </select>
        <button type="button" onClick={() => dispatch({ type: 'add', scheduler: toAdd })} disabled={full} data-testid="add">
          {strings.add}
        </button>
        {full && <span class="hint">{format(strings.maxSchedules, MAX_ENTRIES)}</span>}
      </div>
      <p class="hint" id="add-help" data-testid="add-help">
        {strings[`help.${toAdd}`]}
      </p>
      <ul class="entry-list">
        {state.entries.map((entry) => (
          <EntryCard
            key={entry.id}
            entry={entry}
            checked={checks.get(entry.id)!}
            trace={traces.get(entry.id)}
            name={names.get(entry.id) ?? ''}
            color={colors.get(entry.id)!}
            dispatch={dispatch}
            onCopy={onCopy}
            strings={strings}
            canAdd={!full}
          />
        ))}
      </ul>
    </section>
  );
}

interface CardProps {
  readonly entry: Entry;
  readonly checked: CheckedEntry;
  readonly trace: TraceResult | undefined;
  readonly name: string;
  readonly color: string;
  readonly dispatch: (action: Action) => void;
  readonly onCopy: (text: string) => void;
  readonly strings: SchedulesStrings;
  readonly canAdd: boolean;
}

function EntryCard({ entry, checked, trace, name, color, dispatch, onCopy, strings, canAdd }: CardProps) {
  const id = entry.id;
  const headingId = `entry-${id}-name`;
  const error = checked.ok ? undefined : checked.error;
  const reasons = useReasons();
  const plateau = checked.ok && checked.config.type === 'ReduceLROnPlateau';
  return (
    <li class={`entry${entry.visible ? '' : ' hidden-entry'}`} data-testid="entry" data-id={id} aria-labelledby={headingId}>
      <div class="entry-head">
        <input type="checkbox" checked={entry.visible} aria-label={format(strings.visible, name)} onChange={() => dispatch({ type: 'toggle', id })} />
        <span class="swatch" style={{ color }} aria-hidden="true" />
        <h3 id={headingId} class="entry-name">
          {name}
        </h3>
        <span class="entry-actions">
          <button type="button" class="icon-button" aria-label={format(strings.copyLabel, name)} title={format(strings.copyLabel, name)} disabled={!checked.ok} data-testid="copy" onClick={() => onCopy(torchScheduler(entry.scheduler as SchedulerSpec))}>
            <Icon name="copy" />
          </button>
          <button type="button" class="icon-button" aria-label={format(strings.duplicate, name)} title={format(strings.duplicate, name)} disabled={!canAdd} onClick={() => dispatch({ type: 'duplicate', id })}>
            <Icon name="duplicate" />
          </button>
          <button type="button" class="icon-button" aria-label={format(strings.remove, name)} title={format(strings.remove, name)} onClick={() => dispatch({ type: 'remove', id })}>
            <Icon name="remove" />
          </button>
        </span>
      </div>
      {entry.note && (
        <p class="note" data-testid="note">
          {entry.note}
        </p>
      )}
      <div class="entry-row">
        <label class="control">
          <span>{strings.label}</span>
          <input type="text" value={entry.label} placeholder={describeSpec(entry.scheduler)} onInput={(e) => dispatch({ type: 'label', id, label: e.currentTarget.value })} />
        </label>
        <NumberField
          label={strings.baseLr}
          value={entry.base_lr}
          error={error?.field === 'base_lr' ? reasons.reason(error) : undefined}
          testId="base-lr"
          onInput={(value) => dispatch({ type: 'baseLr', id, value })}
        />
        <label class="control">
          <span>{strings.cadence}</span>
          <select value={entry.cadence} data-testid="cadence" onChange={(e) => dispatch({ type: 'cadence', id, cadence: e.currentTarget.value as Entry['cadence'] })}>
            <option value="batch">{strings.cadenceBatch}</option>
            <option value="epoch">{strings.cadenceEpoch}</option>
          </select>
        </label>
      </div>
      <SchedulerEditor
        spec={entry.scheduler}
        path={[]}
        error={error}
        strings={strings}
        onType={(path, scheduler) => dispatch({ type: 'schedulerType', id, path, scheduler })}
        onKwarg={(path, key, value) => dispatch({ type: 'kwarg', id, path, key, value })}
        onAddChild={(path, scheduler) => dispatch({ type: 'addChild', id, path, scheduler })}
        onRemoveChild={(path, index) => dispatch({ type: 'removeChild', id, path, index })}
      />
      {plateau && <CurveEditor curve={entry.curve} onChange={(curve) => dispatch({ type: 'curve', id, curve })} strings={strings} drops={trace?.drops ?? []} />}
      {error && (
        <p class="entry-error" data-testid="entry-error">
          {strings.notPlotted}
        </p>
      )}
      {!error && trace?.raised && (
        <p class="entry-error" role="alert" data-testid="raised">
          {format(strings.raisesAt, trace.raised.iteration, reasons.message(trace.raised.error))}
        </p>
      )}
    </li>
  );
}

function CurveEditor({ curve, onChange, strings, drops }: { curve: CurveParams; onChange: (curve: CurveParams) => void; strings: SchedulesStrings; drops: readonly number[] }) {
  return (
    <fieldset class="curve">
      <legend>{strings.curve}</legend>
      <select aria-label={strings.curve} value={curve.shape} data-testid="curve-shape" onChange={(e) => onChange({ ...curve, shape: e.currentTarget.value as CurveParams['shape'] })}>
        {CURVE_SHAPES.map((shape) => (
          <option key={shape} value={shape}>
            {strings[`curve.${shape}` as SchedulesStringKey]}
          </option>
        ))}
      </select>
      {curve.shape === 'plateau' && (
        <CheckedNumberField
          class="compact"
          label={strings.curvePlateauAt}
          value={curve.plateauAt}
          check={(v) => expectNumber(v, 'plateauAt', { integer: true, min: 0 })}
          onValid={(plateauAt) => onChange({ ...curve, plateauAt })}
        />
      )}
      {curve.shape === 'noisy' && (
        <>
          <CheckedNumberField class="compact" label={strings.curveNoise} value={curve.noise} check={(v) => expectNumber(v, 'noise', { min: 0, max: 10 })} onValid={(noise) => onChange({ ...curve, noise })} />
          <CheckedNumberField class="compact" label={strings.curveSeed} value={curve.seed} check={(v) => expectNumber(v, 'seed', { integer: true, min: 0 })} onValid={(seed) => onChange({ ...curve, seed })} />
        </>
      )}
      <p class="hint" data-testid="drops">
        {drops.length ? format(strings.drops, drops.length > 12 ? `${drops.slice(0, 12).join(', ')}, …` : drops.join(', ')) : strings.noDrops}
      </p>
    </fieldset>
  );
}
