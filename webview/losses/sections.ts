/**
 * What each section of the panel draws, pure: its curves (loss and gradient at every x, from the
 * core, torch-exact) and the rows of its readout at one x. The component only lays them out.
 */
import { curvePoint, LOSS_KEYWORDS, parseLossConfig, type CurveRequest, type LossType } from '../../src/core/losses';
import type { LossesStrings } from '../../src/protocol';
import { format } from '../shared/strings';
import { RANGES, type LossSettings, type Points } from './state';

export type SectionId = keyof Points;

/** One curve of a section: which loss, how it is drawn, and its name in the legend and the readout. */
export interface CurveDef {
  readonly id: string;
  readonly name: string;
  readonly request: CurveRequest;
  /** The doubled-activation curve: drawn dashed-dotted, in the warning colour. */
  readonly bug: boolean;
}

export interface SectionDef {
  readonly id: SectionId;
  readonly curves: readonly CurveDef[];
  /** The classes whose links land here (their section is marked when a link names one). */
  readonly losses: readonly LossType[];
}

/** Points per curve: smooth at the panel's width, cheap enough to redo on every slider move. */
export const POINTS = 241;

function request(settings: LossSettings, type: LossType, extraActivation: CurveRequest['extraActivation'] = null): CurveRequest {
  const spec: Record<string, unknown> = { type };
  for (const key of LOSS_KEYWORDS[type]) spec[key] = settings[key as keyof LossSettings];
  // The settings were checked field by field (state.ts); this is the same reader the CLI uses.
  return { loss: parseLossConfig(spec, 'loss'), classes: settings.classes, extraActivation };
}

export function sections(settings: LossSettings, strings: LossesStrings): SectionDef[] {
  const curve = (id: string, name: string, type: LossType, extra: CurveRequest['extraActivation'] = null): CurveDef => ({
    id,
    name,
    request: request(settings, type, extra),
    bug: extra !== null,
  });
  return [
    {
      id: 'residual',
      losses: ['MSELoss', 'L1Loss', 'HuberLoss', 'SmoothL1Loss'],
      curves: [
        curve('mse', 'MSELoss', 'MSELoss'),
        curve('l1', 'L1Loss', 'L1Loss'),
        curve('huber', `HuberLoss(delta=${settings.delta})`, 'HuberLoss'),
        curve('smoothl1', `SmoothL1Loss(beta=${settings.beta})`, 'SmoothL1Loss'),
      ],
    },
    {
      id: 'logit',
      losses: ['CrossEntropyLoss'],
      curves: [curve('ce', 'CrossEntropyLoss', 'CrossEntropyLoss'), curve('ce-softmax', format(strings.softmaxTwice, 'CrossEntropyLoss'), 'CrossEntropyLoss', 'softmax')],
    },
    {
      id: 'binary',
      losses: ['BCEWithLogitsLoss'],
      curves: [curve('bcewl', 'BCEWithLogitsLoss', 'BCEWithLogitsLoss'), curve('bcewl-sigmoid', format(strings.sigmoidTwice, 'BCEWithLogitsLoss'), 'BCEWithLogitsLoss', 'sigmoid')],
    },
    { id: 'probability', losses: ['BCELoss'], curves: [curve('bce', 'BCELoss', 'BCELoss')] },
  ];
}

/**
 * The chart's x values. BCELoss starts a little above 0: at 0 the clamped loss is 100 and the
 * gradient −1e12, which would flatten everything else (the readout still reaches 0).
 */
export function xValues(id: SectionId): number[] {
  const { min, max } = RANGES[id];
  const from = id === 'probability' ? 0.01 : min;
  return Array.from({ length: POINTS }, (_, k) => (k === POINTS - 1 ? max : from + ((max - from) * k) / (POINTS - 1)));
}

/** uPlot's columns: x, then each curve's loss, then each curve's gradient. */
export function chartColumns(section: SectionDef): number[][] {
  const xs = xValues(section.id);
  const losses = section.curves.map(() => new Array<number>(xs.length));
  const grads = section.curves.map(() => new Array<number>(xs.length));
  xs.forEach((x, k) => {
    section.curves.forEach((c, i) => {
      const p = curvePoint(c.request, x);
      losses[i]![k] = p.loss;
      grads[i]![k] = p.grad;
    });
  });
  return [xs, ...losses, ...grads];
}

/**
 * Where the softmax-twice loss levels off: its value once softmax has saturated at one-hot (the
 * logit far beyond the others), log(e + C − 1) − 1 without label smoothing.
 */
export function softmaxTwiceFloor(settings: LossSettings): number {
  return curvePoint(request(settings, 'CrossEntropyLoss', 'softmax'), 800).loss;
}

/** Where the sigmoid-twice BCEWithLogitsLoss levels off: sigmoid(x) → 1, so the loss → BCEWithLogits(1, target 1). */
export function sigmoidTwiceFloor(settings: LossSettings): number {
  return curvePoint(request(settings, 'BCEWithLogitsLoss', 'sigmoid'), 800).loss;
}
