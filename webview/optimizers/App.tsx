/**
 * "Compare Optimizers": optimizers racing from one start across a loss surface, animated step by
 * step. The race runs here, with the core's torch-exact optimizers; it is recomputed only when a
 * parameter changes, and the animation only reveals more of it.
 */
import { Swatch } from './Swatch';
import { reportError, type AppHost as SharedAppHost } from '../shared/host';
import { useEffect, useMemo, useReducer, useRef, useState } from 'preact/hooks';
import { expectNumber } from '../../src/core/spec';
import { SURFACE_NAMES, SURFACES, type Point, type SurfaceName } from '../../src/core/surfaces';
import type { OptimizersStringKey, OptimizersStrings } from '../../src/protocol';
import { format } from '../shared/strings';
import { useThemeVersion } from '../shared/theme';
import { Guard } from '../shared/Guard';
import { Icon } from '../shared/icons';
import { CheckedNumberField } from '../shared/fields';
import { LossChart } from './LossChart';
import { OptimizerList } from './OptimizerList';
import { assignLooks, displayNames } from './palette';
import { PRESETS, presetByName } from './presets';
import { BARELY_MOVES, RaceRunner, reach, summarize, type Run } from './race';
import { Teaching } from './Teaching';
import { arrowsAt, forcesFor } from './teach';
import { RescaleNotices } from './RescaleNotices';
import { surfaceLr } from '../../src/core/surfaceDefaults';
import { isOptimizerName } from '../../src/core/optim';
import type { Look } from './palette';
import { MAX_ENTRIES, MAX_STEPS_UI, SPEEDS, readState, reducer, toSaved, type Action, type RaceState, type SavedState } from './state';
import { SummaryTable } from './SummaryTable';
import { SurfaceView, type CanvasBackend } from './SurfaceView';
import { ReasonStrings } from '../shared/reasons';

/** The loss below which a racer counts as converged (the table's "first step below"). */
export const TOLERANCE = 1e-3;

/** What the app needs of the VS Code API (host.ts's, or a fake in tests). */
export type AppHost = SharedAppHost<SavedState>;

export interface AppProps {
  readonly strings: OptimizersStrings;
  readonly initial: RaceState;
  readonly host: AppHost;
  readonly backend?: CanvasBackend;
  /** Subscribes to optimizers the host adds from the user's code (`add` messages); returns the unsubscribe. */
  readonly additions?: (listener: (state: unknown) => void) => () => void;
}

/** While playing, the state is saved at most this often; every other change is saved at once. */
const SAVE_INTERVAL_MS = 500;

function prefersReducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}

export function App({ strings, initial, host, backend, additions }: AppProps) {
  const [state, dispatch] = useReducer(reducer, initial);
  useEffect(
    () =>
      additions?.((added) => {
        const read = readState(added);
        if (read) dispatch({ type: 'merge', entries: read.state.entries });
      }),
    [additions],
  );
  const theme = useThemeVersion();
  const surface = SURFACES[state.surface];

  usePersistence(state, host);
  useAnimation(state, dispatch);

  const runner = useRef<RaceRunner | null>(null);
  runner.current ??= new RaceRunner();
  const runs = useMemo(() => runner.current!.run(surface, state.start, state.steps, state.entries), [surface, state.start, state.steps, state.entries]);
  const looks = useMemo(() => assignLooks(state.entries), [state.entries]);
  const names = useMemo(() => displayNames(state.entries, strings), [state.entries, strings]);
  const shown = useMemo(() => state.entries.filter((e) => e.visible && runs.has(e.id)).map((e) => runs.get(e.id)!), [state.entries, runs]);
  const rows = useMemo(
    () => shown.map((run: Run) => ({ run, name: names.get(run.id) ?? '', look: looks.get(run.id), summary: summarize(run, surface, TOLERANCE) })),
    [shown, names, looks, surface],
  );

  // The explained racer's arrows: its forces are computed once per race, then read per frame.
  const explained = state.entries.find((e) => e.id === state.explain && e.visible);
  const forces = useMemo(() => (explained ? forcesFor(surface, state.start, state.steps, explained) : null), [explained, surface, state.start, state.steps]);
  const explainedRun = explained ? runs.get(explained.id) : undefined;
  const arrowSet = forces && explainedRun ? arrowsAt(forces, explainedRun.xy, state.step) : null;
  const explainedColor = explained ? looks.get(explained.id)?.color : undefined;
  const arrows = useMemo(() => (arrowSet && explainedColor ? { set: arrowSet, color: explainedColor } : undefined), [arrowSet?.from[0], arrowSet?.from[1], state.step, explainedColor, forces]);

  // Entries from the user's code whose lr barely moves them here, with the lr this surface suggests.
  const stalled = useMemo(
    () =>
      state.entries.flatMap((e) => {
        const run = runs.get(e.id);
        if (e.origin !== 'code' || !e.visible || !run || reach(run, surface.view) >= BARELY_MOVES || !isOptimizerName(e.type)) return [];
        const twin = state.entries.some((t) => t.origin === 'rescaled' && t.label === e.label && t.type === e.type);
        return [{ entry: e, reach: reach(run, surface.view), lr: twin ? undefined : surfaceLr(state.surface, e.type) }];
      }),
    [state.entries, runs, surface, state.surface],
  );

  const [announcement, setAnnouncement] = useState('');
  const copy = (text: string) => {
    host.postMessage({ type: 'copyText', text });
    setAnnouncement(format(strings.copied, text));
  };
  const surfaceName = strings[`surface.${state.surface}` as OptimizersStringKey];
  const report = (error: unknown) => reportError(host, error);

  return (
    <ReasonStrings.Provider value={strings}>
      <main data-testid="panel-root" class="app">
        <header class="app-header">
          <h1>{strings.title}</h1>
          <Toolbar state={state} dispatch={dispatch} strings={strings} />
          {state.preset && (
            <p class="caption" data-testid="preset-caption">
              {strings[`presetCaption.${state.preset}`]}
            </p>
          )}
          {state.lrFor && (
            <p class="hint" role="status" data-testid="lr-applied">
              {format(strings.lrApplied, strings[`surface.${state.lrFor}`], lrList(state.lrFor, state.entries))}
            </p>
          )}
        </header>
        <div class="layout">
          <div class="stage">
            <p class="formula">
              {surfaceName}: f(x, y) = {surface.formula}
            </p>
            <Guard strings={strings} onError={report}>
              <SurfaceView
                surface={surface}
                start={state.start}
                runs={shown}
                looks={looks}
                step={state.step}
                onStart={(start: Point) => dispatch({ type: 'start', start })}
                strings={strings}
                surfaceName={surfaceName}
                theme={theme}
                background={state.background}
                arrows={arrows}
                {...(backend ? { backend } : {})}
              />
            </Guard>
            <Teaching entries={state.entries} names={names} explain={explained ? explained.id : null} arrows={arrowSet} kind={forces?.kind ?? null} step={state.step} color={explainedColor} dispatch={dispatch} strings={strings} />
            <Legend rows={rows} strings={strings} hasMinimum={surface.minima.length > 0} />
            <Playback state={state} dispatch={dispatch} strings={strings} />
            <Guard strings={strings} onError={report}>
              <LossChart runs={shown} names={names} looks={looks} steps={state.steps} step={state.step} logScale={surface.minima.length > 0} onSeek={(step) => dispatch({ type: 'seek', step })} strings={strings} />
            </Guard>
          </div>
          <aside class="sidebar">
            <RescaleNotices stalled={stalled} names={names} steps={state.steps} full={state.entries.length >= MAX_ENTRIES} dispatch={dispatch} strings={strings} />
            <OptimizerList entries={state.entries} names={names} looks={looks} dispatch={dispatch} onCopy={copy} strings={strings} />
          </aside>
        </div>
        <SummaryTable rows={rows} step={state.step} tolerance={TOLERANCE} hasMinimum={surface.minima.length > 0} strings={strings} />
        <p class="visually-hidden" aria-live="polite" data-testid="announcement">
          {announcement}
        </p>
      </main>
    </ReasonStrings.Provider>
  );
}

function usePersistence(state: RaceState, host: AppHost): void {
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const latest = useRef(state);
  latest.current = state;
  useEffect(() => {
    if (!state.playing) {
      if (timer.current) clearTimeout(timer.current);
      timer.current = null;
      host.setState(toSaved(state));
      return;
    }
    timer.current ??= setTimeout(() => {
      timer.current = null;
      host.setState(toSaved(latest.current));
    }, SAVE_INTERVAL_MS);
  }, [state, host]);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
}

/** Advances the step at `speed` steps per second while playing, on animation frames. */
function useAnimation(state: RaceState, dispatch: (action: Action) => void): void {
  const { playing, speed } = state;
  useEffect(() => {
    if (!playing) return;
    let last: number | null = null;
    let carry = 0;
    let frame = requestAnimationFrame(function tick(now) {
      if (last !== null) {
        // A frame after a long pause (a hidden panel) does not jump more than a quarter second.
        carry += (Math.min(now - last, 250) / 1000) * speed;
        const whole = Math.floor(carry);
        if (whole > 0) {
          carry -= whole;
          dispatch({ type: 'advance', by: whole });
        }
      }
      last = now;
      frame = requestAnimationFrame(tick);
    });
    return () => cancelAnimationFrame(frame);
  }, [playing, speed, dispatch]);
}

interface ToolbarProps {
  readonly state: RaceState;
  readonly dispatch: (action: Action) => void;
  readonly strings: OptimizersStrings;
}

function Toolbar({ state, dispatch, strings }: ToolbarProps) {
  return (
    <div class="toolbar">
      <label class="control">
        <span>{strings.surface}</span>
        <select value={state.surface} onChange={(e) => dispatch({ type: 'surface', surface: e.currentTarget.value as SurfaceName })} data-testid="surface">
          {SURFACE_NAMES.map((name) => (
            <option key={name} value={name}>
              {strings[`surface.${name}` as OptimizersStringKey]}
            </option>
          ))}
        </select>
      </label>
      <label class="control">
        <span>{strings.preset}</span>
        <select
          value=""
          data-testid="preset"
          onChange={(e) => {
            const preset = presetByName(e.currentTarget.value);
            e.currentTarget.value = '';
            if (preset) dispatch({ type: 'preset', preset, autoplay: !prefersReducedMotion() });
          }}
        >
          <option value="">{strings.presetChoose}</option>
          {PRESETS.map((p) => (
            <option key={p.name} value={p.name}>
              {strings[`preset.${p.name}`]}
            </option>
          ))}
        </select>
      </label>
      <label class="control">
        <span>{strings.background}</span>
        <select value={state.background} data-testid="background" onChange={(e) => dispatch({ type: 'background', background: e.currentTarget.value === 'contours' ? 'contours' : 'heat' })}>
          <option value="heat">{strings['background.heat']}</option>
          <option value="contours">{strings['background.contours']}</option>
        </select>
      </label>
      <CheckedNumberField class="compact" label={strings.startX} value={state.start[0]} check={(v) => expectNumber(v, 'x')} onValid={(x) => dispatch({ type: 'start', start: [x, state.start[1]] })} />
      <CheckedNumberField class="compact" label={strings.startY} value={state.start[1]} check={(v) => expectNumber(v, 'y')} onValid={(y) => dispatch({ type: 'start', start: [state.start[0], y] })} />
      <CheckedNumberField
        class="compact"
        label={strings.steps}
        value={state.steps}
        check={(v) => expectNumber(v, 'steps', { integer: true, min: 1, max: MAX_STEPS_UI })}
        onValid={(steps) => dispatch({ type: 'steps', steps })}
        testId="steps"
      />
    </div>
  );
}

function Playback({ state, dispatch, strings }: ToolbarProps) {
  const { step, steps, playing, speed } = state;
  return (
    <div class="playback">
      <button type="button" class="icon-button" aria-label={strings.reset} title={strings.reset} onClick={() => dispatch({ type: 'reset' })}>
        <Icon name="reset" />
      </button>
      <button type="button" class="icon-button" aria-label={strings.stepBack} title={strings.stepBack} disabled={step <= 0} onClick={() => dispatch({ type: 'seek', step: step - 1 })}>
        <Icon name="previous" />
      </button>
      <button
        type="button"
        class="icon-button primary"
        aria-label={playing ? strings.pause : strings.play}
        title={playing ? strings.pause : strings.play}
        data-testid="play"
        onClick={() => dispatch({ type: playing ? 'pause' : 'play' })}
      >
        <Icon name={playing ? 'pause' : 'play'} />
      </button>
      <button type="button" class="icon-button" aria-label={strings.stepForward} title={strings.stepForward} disabled={step >= steps} onClick={() => dispatch({ type: 'seek', step: step + 1 })}>
        <Icon name="next" />
      </button>
      <input
        type="range"
        class="step-slider"
        min={0}
        max={steps}
        step={1}
        value={step}
        aria-label={strings.step}
        aria-valuetext={format(strings.stepOf, step, steps)}
        data-testid="step-slider"
        onInput={(e) => dispatch({ type: 'seek', step: Number(e.currentTarget.value) })}
      />
      <output class="step-count" data-testid="step-count">
        {format(strings.stepOf, step, steps)}
      </output>
      <label class="control">
        <span>{strings.speed}</span>
        <select value={String(speed)} onChange={(e) => dispatch({ type: 'speed', speed: Number(e.currentTarget.value) })}>
          {SPEEDS.map((s) => (
            <option key={s} value={String(s)}>
              {format(strings.speedOption, s)}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}

function Legend({ rows, strings, hasMinimum }: { rows: readonly { run: Run; name: string; look: Look | undefined }[]; strings: OptimizersStrings; hasMinimum: boolean }) {
  return (
    <ul class="legend" aria-label={strings.legend}>
      {rows.map(({ run, name, look }) => (
        <li key={run.id}>
          <Swatch look={look} />
          {name}
        </li>
      ))}
      <li>
        <span class="marker-start" aria-hidden="true" />
        {strings.start}
      </li>
      {hasMinimum && (
        <li>
          <span class="marker-minimum" aria-hidden="true">
            ★
          </span>
          {strings.minimum}
        </li>
      )}
    </ul>
  );
}

/** "SGD 0.001, Adam 0.05": the learning rates a surface change has just set, one per class. */
function lrList(surface: SurfaceName, entries: readonly { readonly type: string; readonly origin?: string }[]): string {
  const types = [...new Set(entries.filter((e) => !e.origin).map((e) => e.type))].filter(isOptimizerName);
  return types.flatMap((type) => {
    const lr = surfaceLr(surface, type);
    return lr === undefined ? [] : [`${type} ${String(lr)}`];
  }).join(', ');
}
