/**
 * A hover link's state is read by the panel it opens exactly as sent: the optimizer with the code's
 * values, the schedule as the core validates it, plotted over a span where torch does not raise.
 */
import { describe, expect, it } from 'vitest';
import type { ArgInfo, Construction } from '../../src/analysis/symbols';
import { optimizersPanelState, schedulesPanelState } from '../../src/analysis/catalog';
import { readState as readOptimizers } from '../../webview/optimizers/state';
import { readState as readSchedules } from '../../webview/schedules/state';
import { traceEntry } from '../../webview/schedules/compute';

const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };
const lit = (name: string, value: ArgInfo['value']): ArgInfo => ({ name, written: JSON.stringify(value), value, origin: 'literal' });

function scheduler(cls: string, args: readonly ArgInfo[], extra: Partial<Construction> = {}): Construction {
  return { kind: 'scheduler', cls, range, nameRange: range, args, opaque: false, ...extra };
}

describe('Compare Optimizers reads a hover’s state', () => {
  it('with the code’s values and torch’s defaults for the rest', () => {
    const args = [lit('lr', 3e-4), lit('betas', [0.9, 0.95]), { name: 'weight_decay', written: 'cfg.wd', origin: 'unresolved' } as ArgInfo, lit('foreach', true)];
    const read = readOptimizers(optimizersPanelState('AdamW', args, 'AdamW (train.py:3)'));
    expect(read?.problems).toEqual([]);
    const [entry] = read!.state.entries;
    expect(entry).toMatchObject({ type: 'AdamW', label: 'AdamW (train.py:3)' });
    expect(entry!.valid).toEqual({ lr: 3e-4, betas: [0.9, 0.95], eps: 1e-8, weight_decay: 1e-2, amsgrad: false, maximize: false });
  });
});

describe('LR Schedule reads a hover’s state', () => {
  const cases: [string, Construction][] = [
    ['CosineAnnealingLR stepped per epoch over the run', scheduler('CosineAnnealingLR', [lit('T_max', 90)], { stepping: { cadence: 'epoch', epochs: 90 } })],
    ['OneCycleLR up to its last step', scheduler('OneCycleLR', [lit('max_lr', 0.1), lit('total_steps', 1000)], { stepping: { cadence: 'batch' } })],
    ['OneCycleLR from epochs and steps_per_epoch', scheduler('OneCycleLR', [lit('max_lr', 0.1), lit('epochs', 10), lit('steps_per_epoch', 50)])],
    ['StepLR per epoch, batches per epoch known', scheduler('StepLR', [lit('step_size', 30)], { stepping: { cadence: 'epoch', epochs: 90, stepsPerEpoch: 20 } })],
    ['CyclicLR over two cycles', scheduler('CyclicLR', [lit('base_lr', 1e-4), lit('max_lr', 1e-2), lit('step_size_up', 200)])],
    ['LambdaLR with its lambda source', scheduler('LambdaLR', [lit('lr_lambda', 'lambda epoch: 0.95 ** epoch'), lit('last_epoch', -1)])],
    ['ReduceLROnPlateau with no horizon', scheduler('ReduceLROnPlateau', [lit('patience', 3), lit('mode', 'min')], { stepping: { cadence: 'epoch' } })],
    [
      'SequentialLR with its schedulers',
      scheduler('SequentialLR', [lit('milestones', [5])], {
        nested: [scheduler('LinearLR', [lit('start_factor', 0.1), lit('total_iters', 5)]), scheduler('CosineAnnealingLR', [lit('T_max', 95)])],
      }),
    ],
  ];

  it.each(cases)('%s', (_name, construction) => {
    const read = readSchedules(schedulesPanelState(construction, 'from code'));
    expect(read?.problems).toEqual([]);
    const { state } = read!;
    expect(state.entries).toHaveLength(1);
    const entry = state.entries[0]!;
    expect(entry.note).toBeUndefined();
    const trace = traceEntry(entry, state.steps, state.stepsPerEpoch);
    expect(trace.error).toBeUndefined();
    expect(trace.raised).toBeUndefined();
  });

  it('spans the run when the loops tell: epochs × batches per epoch, stepped once per epoch', () => {
    const state = schedulesPanelState(scheduler('StepLR', [lit('step_size', 30)], { stepping: { cadence: 'epoch', epochs: 90, stepsPerEpoch: 20 } }), 'x')!;
    expect(state).toMatchObject({ steps: 1800, stepsPerEpoch: 20, schedules: [{ cadence: 'epoch', scheduler: { type: 'StepLR', step_size: 30 } }] });
  });
});
