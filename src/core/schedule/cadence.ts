/**
 * When `scheduler.step()` is called: once per epoch or once per batch (iteration). The same
 * scheduler stepped at the other cadence is the commonest schedule bug (two of the analyser's rules): a
 * CosineAnnealingLR(T_max=100) meant for 100 epochs and stepped every batch of a 500-batch epoch
 * finishes its cosine in a fifth of the first epoch. These helpers put both on one iteration axis.
 */
import { SpecError } from '../errors';
import { MAX_STEPS, expectNumber } from '../spec';
import { traceSchedule, type ScheduleTrace } from './instance';
import { validateScheduler, type SchedulerConfig } from './registry';

export type Cadence = 'epoch' | 'batch';
export const CADENCES: readonly Cadence[] = ['epoch', 'batch'];

/** How many `scheduler.step()` calls `iterations` iterations make at `cadence`. */
export function callsFor(iterations: number, stepsPerEpoch: number, cadence: Cadence): number {
  return cadence === 'batch' ? iterations : Math.floor(iterations / stepsPerEpoch);
}

/**
 * Spreads a trace of per-epoch calls over iterations: entry i of the result is the lr after i
 * iterations (the lr iteration i + 1 trains with), i.e. the lr after floor(i / stepsPerEpoch)
 * calls. `into` (iterations + 1 values) is reused when given.
 */
export function expandPerEpoch(values: ArrayLike<number>, stepsPerEpoch: number, iterations: number, into?: Float64Array): Float64Array {
  const out = into ?? new Float64Array(iterations + 1);
  for (let i = 0, call = 0, inEpoch = 0; i <= iterations; i++) {
    out[i] = values[Math.min(call, values.length - 1)]!;
    if (++inEpoch === stepsPerEpoch) {
      inEpoch = 0;
      call++;
    }
  }
  return out;
}

/**
 * lr and momentum after each of `iterations` iterations (iterations + 1 values, index 0 right after
 * construction) when the scheduler is stepped at `cadence`. `metrics` are ReduceLROnPlateau's, one
 * per call. Throws SpecError where torch raises.
 */
export function traceAtCadence(
  config: SchedulerConfig,
  baseLr: number,
  iterations: number,
  stepsPerEpoch: number,
  cadence: Cadence,
  metrics?: ArrayLike<number>,
  path = 'scheduler',
): ScheduleTrace {
  const calls = callsFor(iterations, stepsPerEpoch, cadence);
  const trace = traceSchedule(config, baseLr, calls, metrics, undefined, path);
  if (cadence === 'batch') return trace;
  return { lrs: expandPerEpoch(trace.lrs, stepsPerEpoch, iterations), momenta: expandPerEpoch(trace.momenta, stepsPerEpoch, iterations) };
}

/**
 * The lr after each of `epochs × stepsPerEpoch` iterations of the scheduler `spec` (as in the
 * `schedule` CLI: `{"type": CLASS, ...torch kwargs}`) stepped at `cadence`, from `baseLr`.
 * Every problem is a SpecError naming the field.
 */
export function cadenceLrs(spec: unknown, baseLr: number, stepsPerEpoch: number, epochs: number, cadence: Cadence): Float64Array {
  const lr = expectNumber(baseLr, 'base_lr', { min: 0 });
  const spe = expectNumber(stepsPerEpoch, 'stepsPerEpoch', { integer: true, min: 1 });
  const n = expectNumber(epochs, 'epochs', { integer: true, min: 0 });
  if (n * spe > MAX_STEPS) throw new SpecError('epochs', `epochs × stepsPerEpoch is at most ${MAX_STEPS}, got ${n * spe}`);
  if (!CADENCES.includes(cadence)) throw new SpecError('cadence', `expected one of ${CADENCES.join(', ')}, got ${JSON.stringify(cadence)}`);
  const config = validateScheduler(spec, 'scheduler');
  if (config.type === 'ReduceLROnPlateau') throw new SpecError('scheduler.type', 'ReduceLROnPlateau needs a metric per call; compare cadences of the other schedulers');
  return traceAtCadence(config, lr, n * spe, spe, cadence).lrs;
}

/** "As intended" and "as the code steps it": the same scheduler at two cadences, on one iteration axis. */
export function compareCadences(
  spec: unknown,
  baseLr: number,
  stepsPerEpoch: number,
  epochs: number,
  intended: Cadence,
  actual: Cadence,
): { readonly intended: Float64Array; readonly actual: Float64Array } {
  return { intended: cadenceLrs(spec, baseLr, stepsPerEpoch, epochs, intended), actual: cadenceLrs(spec, baseLr, stepsPerEpoch, epochs, actual) };
}
