/**
 * The panels' states: what the host sends in `init` and `add` (from the user's code, a hover link,
 * or a panel restored after a reload) and what each webview saves with `setState`. One shape per
 * panel, written here once: the host's builders (src/features/fromCode.ts) produce it, the protocol
 * carries it, and the webviews' `readState` (webview/optimizers/state.ts,
 * webview/schedules/state.ts) read it back, field by field, checking every value on receipt.
 *
 * Every field is optional: a state names what it sets and the panel keeps its default for the
 * rest. Pure types, no `vscode`: shared by the host, the webviews and the tests.
 */
import type { Cadence } from '../core/schedule/cadence';
import type { Point, SurfaceName } from '../core/surfaces';

/** One optimizer of the race: a torch class and its keyword arguments (torch's own names). */
export interface OptimizerEntryState {
  readonly type: string;
  /** As given: checked by the panel, which shows what is wrong with a bad value rather than dropping it. */
  readonly kwargs?: Readonly<Record<string, unknown>>;
  readonly label?: string;
  readonly visible?: boolean;
  /** Shown with the entry: what the host could not read from the code (`lr=args.lr`). */
  readonly note?: string;
  /** `code`: built by the user's file (the label is its place); `rescaled`: its twin with the lr scaled to the surface. */
  readonly origin?: 'code' | 'rescaled';
}

/** "Compare Optimizers". In an `add`, only `optimizers` is used. */
export interface OptimizersPanelState {
  /** Present in a saved state only. */
  readonly v?: 1;
  readonly surface?: SurfaceName;
  readonly start?: Point;
  readonly steps?: number;
  /** The step the animation shows. */
  readonly step?: number;
  /** Steps per second. */
  readonly speed?: number;
  readonly optimizers?: readonly OptimizerEntryState[];
  /** The preset whose caption is shown (src/core/presets.ts), while the race is still that preset's. */
  readonly preset?: string;
  /** The surface drawn as a heat map with contour lines, or as contour lines only. */
  readonly background?: 'heat' | 'contours';
}

/** The synthetic validation loss a `ReduceLROnPlateau` schedule is stepped with. */
export interface LossCurveState {
  readonly shape: 'improving' | 'plateau' | 'noisy';
  /** The call from which a plateauing curve stays flat. */
  readonly plateauAt: number;
  /** Relative amplitude of a noisy curve's noise. */
  readonly noise: number;
  readonly seed: number;
}

/** One schedule on the chart. */
export interface ScheduleEntryState {
  readonly label?: string;
  /** A spec as the `schedule` CLI reads it (`{ type, ...kwargs }`); while edited it may be invalid. */
  readonly scheduler: unknown;
  /** A number, or the text of a value being edited. */
  readonly base_lr?: unknown;
  /** How often the code calls `scheduler.step()`: every iteration or every epoch. */
  readonly cadence?: Cadence;
  readonly visible?: boolean;
  readonly curve?: LossCurveState;
  readonly note?: string;
}

/** One scheduler drawn twice, "as intended" and "as the code steps it" (the rules with a schedule effect). */
export interface ScheduleCompareState {
  readonly scheduler: unknown;
  readonly base_lr?: unknown;
  /** The run's length in epochs. */
  readonly epochs?: number;
  readonly intended: Cadence;
  readonly actual: Cadence;
  readonly note?: string;
}

/** "LR Schedule". In an `add`, only `schedules` is used. */
export interface SchedulesPanelState {
  readonly v?: 1;
  readonly schedules?: readonly ScheduleEntryState[];
  /** Iterations on the chart. */
  readonly steps?: number;
  readonly stepsPerEpoch?: number;
  readonly axis?: 'iterations' | 'epochs';
  readonly yScale?: 'linear' | 'log';
  readonly compare?: ScheduleCompareState;
}

/**
 * "Compare Losses": the keywords of the losses the curves are drawn with (torch's names), and the
 * loss a hover link came from, which the panel highlights. `add` messages are not sent to it.
 */
export interface LossesPanelState {
  readonly v?: 1;
  /** The torch class a hover link names (`CrossEntropyLoss`); its section is shown first and marked. */
  readonly loss?: string;
  readonly reduction?: 'mean' | 'sum' | 'none';
  /** HuberLoss's delta. */
  readonly delta?: number;
  /** SmoothL1Loss's beta. */
  readonly beta?: number;
  readonly label_smoothing?: number;
  /** BCEWithLogitsLoss's pos_weight; null is torch's None. */
  readonly pos_weight?: number | null;
  /** Classes of the cross-entropy curves. */
  readonly classes?: number;
  /** The points each section's readout shows: a residual, a logit, a probability. */
  readonly at?: { readonly residual?: number; readonly logit?: number; readonly binary?: number; readonly probability?: number };
  /** What the code leaves unknown (`pos_weight=torch.tensor(w)`), shown with the panel. */
  readonly note?: string;
}

/** Each panel's state, by the panel's kind (protocol.ts `PanelKind`). */
export interface PanelStates {
  readonly optimizers: OptimizersPanelState;
  readonly schedules: SchedulesPanelState;
  readonly losses: LossesPanelState;
}

/**
 * A state as it arrives, before its panel's `readState` has checked it: an object with the
 * state's field names and values of any type. Also what the host forwards without reading it (a
 * hover link's values, a state restored after a reload), since only the webview can check it.
 */
export type Unchecked<T> = { readonly [K in keyof T]?: unknown };
