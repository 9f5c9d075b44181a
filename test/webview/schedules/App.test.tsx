import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SCHEDULES_STRING_KEYS, parseFromWebview, type FromWebviewMessage } from '../../../src/protocol';
import { parseScheduleSpec, runSchedule } from '../../../src/core/schedule';
import { App, type AppHost } from '../../../webview/schedules/App';
import { formatNumber } from '../../../webview/shared/numbers';
import { defaultState, initialState, readState, toSaved, type SavedState } from '../../../webview/schedules/state';
import { EN, ZH, hostStrings } from './strings';

// The chart follows edits after a pause (useTraces): the tests let the fake clock run through it.
beforeEach(() => void vi.useFakeTimers());
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

/** Lets the pause after the last edit pass and any tracing finish. */
const settle = () => act(() => void vi.runAllTimers());

function mount(initial = defaultState(), strings = EN) {
  const messages: FromWebviewMessage[] = [];
  const saved: SavedState[] = [];
  const host: AppHost = { postMessage: (m) => void messages.push(m), setState: (s) => void saved.push(s) };
  const view = render(<App strings={strings} initial={initial} host={host} />);
  return { messages, saved, view };
}

const entries = () => screen.getAllByTestId('entry');
const readout = () => within(screen.getByTestId('readout')).queryAllByRole('listitem');
const inspect = (step: number) => fireEvent.input(screen.getByTestId('inspect'), { target: { value: String(step) } });
const DEFAULT_CLI = runSchedule(parseScheduleSpec({ base_lr: 0.1, steps: 100, scheduler: toSaved(defaultState()).schedules[0]!.scheduler })).lrs;

describe('the host’s strings', () => {
  it('cover every key the app uses, in English and Chinese', () => {
    expect(Object.keys(hostStrings).sort()).toEqual([...SCHEDULES_STRING_KEYS].sort());
    for (const key of SCHEDULES_STRING_KEYS) expect(ZH[key], key).not.toBe(EN[key]);
  });
});

describe('LR Schedule', () => {
  it('opens on the warmup-then-cosine default with the CLI’s numbers in the readout', () => {
    mount();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('LR Schedule');
    expect(entries()).toHaveLength(1);
    expect(within(entries()[0]!).getByRole('heading').textContent).toBe('SequentialLR(LinearLR, CosineAnnealingLR)');
    for (const step of [0, 3, 5, 50, 99]) {
      inspect(step);
      expect(readout()[0]!.dataset.lr).toBe(String(DEFAULT_CLI[step]));
      expect(readout()[0]!.textContent).toContain(`iteration ${step}: lr = ${formatNumber(DEFAULT_CLI[step]!)}`);
    }
  });

  it('nests the same editor for composites and validates inline', () => {
    mount();
    const editors = within(entries()[0]!).getAllByTestId('editor');
    expect(editors.map((e) => e.dataset.type)).toEqual(['SequentialLR', 'LinearLR', 'CosineAnnealingLR']);
    const tMax = within(editors[2]!).getByTestId('kw-T_max') as HTMLInputElement;
    expect(tMax.value).toBe('95');
    fireEvent.input(tMax, { target: { value: 'abc' } });
    expect(tMax.getAttribute('aria-invalid')).toBe('true');
    expect(within(editors[2]!).getByText(/expected a number/)).toBeTruthy();
    expect(screen.getByTestId('entry-error').textContent).toBe(EN.notPlotted);
    fireEvent.input(tMax, { target: { value: '45' } });
    expect(screen.queryByTestId('entry-error')).toBeNull();
    inspect(50);
    // Until the pause is over, the chart keeps the curve it had.
    expect(readout()[0]!.dataset.lr).toBe(String(DEFAULT_CLI[50]));
    settle();
    const cli = runSchedule(parseScheduleSpec({ base_lr: 0.1, steps: 100, scheduler: { type: 'SequentialLR', schedulers: [{ type: 'LinearLR', start_factor: 0.1, total_iters: 5 }, { type: 'CosineAnnealingLR', T_max: 45 }], milestones: [5] } })).lrs;
    expect(readout()[0]!.dataset.lr).toBe(String(cli[50]));
  });

  it('shows a lambda’s error from the safe interpreter', () => {
    mount();
    fireEvent.change(within(entries()[0]!).getAllByTestId('scheduler-type')[0]!, { target: { value: 'LambdaLR' } });
    const field = within(entries()[0]!).getByTestId('kw-lr_lambda') as HTMLInputElement;
    expect(field.value).toBe('lambda epoch: 0.95 ** epoch');
    fireEvent.input(field, { target: { value: 'lambda epoch: open(epoch)' } });
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(entries()[0]!.querySelector('.field-error')?.textContent).toMatch(/open/);
  });

  it('shows a lambda’s spent work budget inline, in Chinese too, and stays live', () => {
    mount(defaultState(), ZH);
    fireEvent.change(within(entries()[0]!).getAllByTestId('scheduler-type')[0]!, { target: { value: 'LambdaLR' } });
    const field = within(entries()[0]!).getByTestId('kw-lr_lambda') as HTMLInputElement;
    // About 650,000 big-integer bits a call: the budget is spent within the panel's 100 steps.
    fireEvent.input(field, { target: { value: 'lambda epoch: (3 ** 41000 + 3 ** 41000 + 3 ** 41000) % (epoch + 2) / 100' } });
    settle();
    expect(screen.getByTestId('raised').textContent).toMatch(/scheduler\.lr_lambda: 该 lambda 在一次调度中计算的大整数超过 30000000 位（在 epoch = \d+ 时用尽）/);
    fireEvent.input(field, { target: { value: 'lambda epoch: 0.9 ** epoch' } });
    settle();
    expect(screen.queryByTestId('raised')).toBeNull();
    expect(readout()[0]!.textContent).toContain(formatNumber(0.1));
  });

  it('adds, duplicates, toggles and removes schedules, each with its own legend entry', () => {
    mount();
    fireEvent.change(screen.getByTestId('add-type'), { target: { value: 'OneCycleLR' } });
    fireEvent.click(screen.getByTestId('add'));
    expect(entries().map((e) => within(e).getByRole('heading').textContent)).toEqual(['SequentialLR(LinearLR, CosineAnnealingLR)', 'OneCycleLR']);
    settle();
    expect(readout()[1]!.textContent).toContain('momentum =');
    fireEvent.click(screen.getByRole('button', { name: 'Duplicate OneCycleLR' }));
    expect(entries().map((e) => within(e).getByRole('heading').textContent)).toEqual(['SequentialLR(LinearLR, CosineAnnealingLR)', 'OneCycleLR #1', 'OneCycleLR #2']);
    settle();
    expect(readout()).toHaveLength(3);
    fireEvent.click(screen.getByRole('checkbox', { name: 'Show OneCycleLR #1 on the chart' }));
    expect(readout()).toHaveLength(2);
    fireEvent.click(screen.getByRole('button', { name: 'Remove OneCycleLR #2' }));
    expect(entries()).toHaveLength(2);
  });

  it('marks ReduceLROnPlateau’s cuts on its synthetic curve', () => {
    mount();
    fireEvent.change(within(entries()[0]!).getAllByTestId('scheduler-type')[0]!, { target: { value: 'ReduceLROnPlateau' } });
    settle();
    expect(screen.getByTestId('drops').textContent).toMatch(/^Learning rate reduced at iteration \d+/);
    fireEvent.change(screen.getByTestId('curve-shape'), { target: { value: 'improving' } });
    settle();
    expect(screen.getByTestId('drops').textContent).toBe(EN.noDrops);
  });

  it('copies the configured schedule as PyTorch through copyText', () => {
    const { messages } = mount();
    fireEvent.click(screen.getByTestId('copy'));
    const message = messages.find((m) => m.type === 'copyText');
    expect(parseFromWebview(message)).toEqual(message);
    expect(message).toMatchObject({ text: expect.stringContaining('torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=95)') });
  });

  it('saves its state and comes back from it', () => {
    const { saved } = mount();
    fireEvent.change(screen.getByTestId('y-scale'), { target: { value: 'log' } });
    const last = saved.at(-1)!;
    expect(last.yScale).toBe('log');
    cleanup();
    const restored = initialState(null, JSON.parse(JSON.stringify(last))).state;
    expect(toSaved(restored)).toEqual(last);
    // init.state wins over the saved state.
    const fromHost = initialState({ schedules: [{ label: 'mine', scheduler: { type: 'StepLR', step_size: 10 }, base_lr: 0.01 }] }, last).state;
    expect(fromHost.entries.map((e) => e.label)).toEqual(['mine']);
  });

  it('keeps bad entries from the host with a note, and builds the cadence comparison', () => {
    const { state, problems } = readState({
      schedules: [{ label: 'typo', scheduler: { type: 'CosineAnealingLR', T_max: 10 }, base_lr: 0.1, note: 'from train.py:12' }, 42],
      stepsPerEpoch: 5,
      compare: { scheduler: { type: 'CosineAnnealingLR', T_max: 4 }, base_lr: 0.1, epochs: 4, intended: 'epoch', actual: 'batch' },
    })!;
    expect(problems).toEqual([]);
    expect(state.steps).toBe(20);
    mount(state);
    expect(entries()).toHaveLength(4);
    expect(screen.getAllByTestId('note').map((n) => n.textContent)).toEqual(['from train.py:12', 'schedules[1]: expected an object']);
    expect(screen.getAllByTestId('entry-error')).toHaveLength(2);
    inspect(10);
    const lrs = readout().map((li) => Number(li.dataset.lr));
    const perEpoch = runSchedule(parseScheduleSpec({ base_lr: 0.1, steps: 4, scheduler: { type: 'CosineAnnealingLR', T_max: 4 } })).lrs;
    const perBatch = runSchedule(parseScheduleSpec({ base_lr: 0.1, steps: 20, scheduler: { type: 'CosineAnnealingLR', T_max: 4 } })).lrs;
    // The actual curve first, so the intended one is drawn over it.
    expect(lrs).toEqual([perBatch[10], perEpoch[2]]);
    expect(readout().map((li) => li.textContent?.split(':')[0])).toEqual(['as the code steps it', 'as intended']);
  });

  it('shows the core’s validation reasons in Chinese', () => {
    mount(defaultState(), ZH);
    const cosine = within(entries()[0]!).getAllByTestId('editor')[2]!;
    fireEvent.input(within(cosine).getByTestId('kw-T_max'), { target: { value: '0' } });
    expect(within(cosine).getByText(/必须 ≥ 1，实际为 0/)).toBeTruthy();
    fireEvent.input(within(cosine).getByTestId('kw-T_max'), { target: { value: '1.5' } });
    expect(within(cosine).getByText(/应为整数，实际为 1.5/)).toBeTruthy();
  });

  it('renders in Chinese', () => {
    mount(defaultState(), ZH);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('学习率调度');
  });
});
