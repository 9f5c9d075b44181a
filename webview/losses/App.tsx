/**
 * "Compare Losses": torch's losses and their gradients for one sample, side by side, with the
 * softmax-before-CrossEntropyLoss and sigmoid-before-BCEWithLogitsLoss curves beside the correct
 * ones. Every number is the core's (torch-exact); the readout tables under each chart give the
 * exact values at one point, for the keyboard and for screen readers as well as for the eye.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import type uPlot from 'uplot';
import { curvePoint } from '../../src/core/losses';
import type { LossesStrings } from '../../src/protocol';
import { OKABE_ITO } from '../shared/colors';
import { CheckedNumberField, NumberField } from '../shared/fields';
import { Guard } from '../shared/Guard';
import { reportError, type AppHost as SharedAppHost } from '../shared/host';
import { formatNumber } from '../shared/numbers';
import { ReasonStrings, useReasons } from '../shared/reasons';
import { format } from '../shared/strings';
import { useThemeVersion } from '../shared/theme';
import { UPlotChart } from '../shared/UPlotChart';
import { SpecError } from '../../src/core/errors';
import { lossChartOptions, lossChartSeries } from './chartOptions';
import { REDUCTIONS, type Reduction } from './limits';
import { chartColumns, sections, sigmoidTwiceFloor, softmaxTwiceFloor, type SectionDef, type SectionId } from './sections';
import { CHECKS, RANGES, toSaved, type LossSettings, type SavedState } from './state';

export type AppHost = SharedAppHost<SavedState>;

export interface AppProps {
  readonly strings: LossesStrings;
  readonly initial: LossSettings;
  readonly host: AppHost;
}

const COLORS = [OKABE_ITO.blue, OKABE_ITO.vermillion, OKABE_ITO.green, OKABE_ITO.purple];

export function App({ strings, initial, host }: AppProps) {
  const [settings, setSettings] = useState(initial);
  useEffect(() => host.setState(toSaved(settings)), [settings, host]);
  const update = (patch: Partial<LossSettings>) => setSettings((s) => ({ ...s, ...patch }));
  const defs = useMemo(() => sections(settings, strings), [settings.reduction, settings.delta, settings.beta, settings.label_smoothing, settings.pos_weight, settings.classes, strings]);
  const report = (error: unknown) => reportError(host, error);
  return (
    <ReasonStrings.Provider value={strings}>
      <main data-testid="panel-root" class="app losses">
        <header class="app-header">
          <h1>{strings.title}</h1>
        </header>
        <p class="hint">{strings.intro}</p>
        {settings.loss && (
          <p class="note" data-testid="from-code">
            {format(strings.fromCode, settings.loss)}
            {settings.note ? ` ${settings.note}` : ''}
          </p>
        )}
        <Settings settings={settings} update={update} strings={strings} />
        {defs.map((def) => (
          <Guard key={def.id} strings={strings} onError={report}>
            <Section def={def} settings={settings} strings={strings} marked={settings.loss !== null && def.losses.includes(settings.loss)} at={settings.at[def.id]} onAt={(x) => update({ at: { ...settings.at, [def.id]: x } })} />
          </Guard>
        ))}
      </main>
    </ReasonStrings.Provider>
  );
}

interface SettingsProps {
  readonly settings: LossSettings;
  readonly update: (patch: Partial<LossSettings>) => void;
  readonly strings: LossesStrings;
}

function Settings({ settings, update, strings }: SettingsProps) {
  return (
    <fieldset class="settings">
      <legend>{strings.settings}</legend>
      <div class="toolbar">
        <label class="control">
          <span>{strings.reduction}</span>
          <select value={settings.reduction} data-testid="reduction" aria-describedby="reduction-note" onChange={(e) => update({ reduction: e.currentTarget.value as Reduction })}>
            {REDUCTIONS.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </label>
        <Slider label={strings.delta} value={settings.delta} min={0.05} max={3} step={0.05} check={CHECKS.delta} onValid={(delta) => update({ delta })} testId="delta" />
        <Slider label={strings.beta} value={settings.beta} min={0} max={3} step={0.05} check={CHECKS.beta} onValid={(beta) => update({ beta })} testId="beta" />
        <Slider label={strings.labelSmoothing} value={settings.label_smoothing} min={0} max={0.5} step={0.01} check={CHECKS.label_smoothing} onValid={(label_smoothing) => update({ label_smoothing })} testId="label-smoothing" />
        <CheckedNumberField class="compact" label={strings.classes} value={settings.classes} check={CHECKS.classes} onValid={(classes) => update({ classes })} testId="classes" />
        <PosWeightField value={settings.pos_weight} onValid={(pos_weight) => update({ pos_weight })} strings={strings} />
      </div>
      <p class="hint" id="reduction-note">
        {strings.reductionNote}
      </p>
    </fieldset>
  );
}

interface SliderProps {
  readonly label: string;
  readonly value: number;
  readonly min: number;
  readonly max: number;
  readonly step: number;
  readonly check: (v: unknown) => number;
  readonly onValid: (v: number) => void;
  readonly testId: string;
}

/** A range slider for the usual values, and a number field beside it for any value torch accepts. */
function Slider({ label, value, min, max, step, check, onValid, testId }: SliderProps) {
  return (
    <div class="slider">
      <label class="control">
        <span>{label}</span>
        <input type="range" min={min} max={max} step={step} value={Math.min(max, Math.max(min, value))} aria-valuetext={String(value)} data-testid={`${testId}-slider`} onInput={(e) => onValid(check(Number(e.currentTarget.value)))} />
      </label>
      <CheckedNumberField class="compact" label={<span class="visually-hidden">{label}</span>} value={value} check={check} onValid={onValid} testId={testId} />
    </div>
  );
}

/** pos_weight: a number, or empty for torch's None (not the same arithmetic as 1). */
function PosWeightField({ value, onValid, strings }: { value: number | null; onValid: (v: number | null) => void; strings: LossesStrings }) {
  const [error, setError] = useState<string | undefined>();
  const reasons = useReasons();
  return (
    <NumberField
      class="compact"
      label={strings.posWeight}
      value={value === null ? '' : value}
      error={error}
      testId="pos-weight"
      onInput={(raw) => {
        try {
          const next = raw === '' || (typeof raw === 'string' && raw.trim() === '') ? null : CHECKS.pos_weight(raw);
          setError(undefined);
          onValid(next);
        } catch (caught) {
          setError(caught instanceof SpecError ? reasons.reason(caught) : String(caught));
        }
      }}
    />
  );
}

const TITLES: Readonly<Record<SectionId, { title: keyof LossesStrings; axis: keyof LossesStrings }>> = {
  residual: { title: 'regression', axis: 'axisResidual' },
  logit: { title: 'crossEntropy', axis: 'axisLogit' },
  binary: { title: 'binary', axis: 'axisLogit' },
  probability: { title: 'probability', axis: 'axisProbability' },
};

interface SectionProps {
  readonly def: SectionDef;
  readonly settings: LossSettings;
  readonly strings: LossesStrings;
  readonly marked: boolean;
  readonly at: number;
  readonly onAt: (x: number) => void;
}

function sectionHint(id: SectionId, settings: LossSettings, strings: LossesStrings): string {
  switch (id) {
    case 'residual':
      return strings.regressionHint;
    case 'logit':
      return format(strings.crossEntropyHint, settings.classes - 1, formatNumber(softmaxTwiceFloor(settings)), settings.classes, formatNumber(Math.log(settings.classes)));
    case 'binary':
      return format(strings.binaryHint, formatNumber(sigmoidTwiceFloor(settings)));
    case 'probability':
      return strings.probabilityHint;
  }
}

function Section({ def, settings, strings, marked, at, onAt }: SectionProps) {
  const theme = useThemeVersion();
  const { title, axis } = TITLES[def.id];
  const xName = strings[axis];
  const headingId = `section-${def.id}`;
  const looks = useMemo(() => def.curves.map((c, i) => ({ name: c.name, color: c.bug ? OKABE_ITO.orange : COLORS[i % COLORS.length]!, bug: c.bug })), [def]);
  const seriesKey = looks.map((l) => `${l.name}:${l.color}`).join('|');
  const series = useMemo(() => lossChartSeries(looks, xName, strings), [seriesKey, xName, strings, theme]);
  const options = useMemo(() => lossChartOptions(xName, strings), [xName, strings]);
  const data = useMemo(() => chartColumns(def) as uPlot.AlignedData, [def]);
  const range = RANGES[def.id];
  return (
    <section class={`loss-section${marked ? ' marked' : ''}`} aria-labelledby={headingId} data-testid={`section-${def.id}`}>
      <h2 id={headingId}>{strings[title]}</h2>
      <p class="hint">{sectionHint(def.id, settings, strings)}</p>
      <UPlotChart class="loss-chart themed-chart" data={data} series={series} options={options} label={strings[title]} />
      <label class="control inspect">
        <span>{format(strings.inspectAt, xName)}</span>
        <input type="range" min={range.min} max={range.max} step={range.step} value={at} aria-valuetext={formatNumber(at)} data-testid={`at-${def.id}`} onInput={(e) => onAt(Number(e.currentTarget.value))} />
      </label>
      <table class="readout-table" data-testid={`readout-${def.id}`}>
        <caption>{format(strings.readoutCaption, xName, formatNumber(at))}</caption>
        <thead>
          <tr>
            <th scope="col">{strings.colLoss}</th>
            <th scope="col">{strings.colValue}</th>
            <th scope="col">{strings.colGradient}</th>
          </tr>
        </thead>
        <tbody>
          {def.curves.map((c, i) => {
            const p = curvePoint(c.request, at);
            return (
              <tr key={c.id} data-curve={c.id} data-x={String(at)} data-loss={String(p.loss)} data-grad={String(p.grad)}>
                <th scope="row">
                  <span class="swatch" style={{ color: looks[i]!.color }} aria-hidden="true" />
                  {c.name}
                </th>
                <td>{formatNumber(p.loss)}</td>
                <td>{formatNumber(p.grad)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
