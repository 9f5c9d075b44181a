import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OPTIMIZERS_STRING_KEYS, parseFromWebview, type FromWebviewMessage } from '../../../src/protocol';
import { DEFAULT_RACE, simulate } from '../../../src/core/simulate';
import { App, type AppHost } from '../../../webview/optimizers/App';
import { formatNumber } from '../../../webview/shared/numbers';
import { SURFACES } from '../../../src/core/surfaces';
import { presetByName } from '../../../src/core/presets';
import { defaultState, initialState, readState, type SavedState } from '../../../webview/optimizers/state';
import { recordingBackend } from '../fakeCanvas';
import { EN, ZH, hostStrings } from './strings';

afterEach(cleanup);

function fakeHost() {
  const messages: FromWebviewMessage[] = [];
  const saved: SavedState[] = [];
  const host: AppHost = { postMessage: (m) => void messages.push(m), setState: (s) => void saved.push(s) };
  return { host, messages, saved };
}

function mount(initial = defaultState(), strings = EN) {
  const fake = fakeHost();
  const backend = recordingBackend();
  const view = render(<App strings={strings} initial={initial} host={fake.host} backend={backend} />);
  return { ...fake, backend, view };
}

const entries = () => screen.getAllByTestId('entry');
const entryNamed = (name: string) => entries().find((el) => within(el).queryByRole('heading', { name }) !== null)!;
const finalLosses = () => screen.getAllByTestId('summary-row').map((row) => [row.dataset.name, row.dataset.finalLoss]);

describe('the host’s strings', () => {
  it('cover every key the app uses, in English and Chinese', () => {
    expect(Object.keys(hostStrings).sort()).toEqual([...OPTIMIZERS_STRING_KEYS].sort());
    for (const key of OPTIMIZERS_STRING_KEYS) expect(ZH[key], key).not.toBe(EN[key]);
  });
});

describe('Compare Optimizers', () => {
  it('opens on the seed demo with the CLI’s numbers in the summary', () => {
    mount();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Compare Optimizers');
    expect(entries().map((e) => e.dataset.type)).toEqual(['SGD', 'SGD', 'Adam']);
    const cli = simulate(DEFAULT_RACE).trajectories.map((t) => String(t.losses.at(-1)));
    expect(finalLosses()).toEqual([
      ['SGD', cli[0]],
      ['SGD + momentum', cli[1]],
      ['Adam', cli[2]],
    ]);
    expect(screen.getByTestId('step-count').textContent).toBe('Step 100 of 100');
    expect((screen.getByTestId('surface') as HTMLSelectElement).value).toBe(DEFAULT_RACE.surface);
  });

  it('adds, duplicates, hides and removes optimizers', () => {
    mount();
    fireEvent.change(screen.getByTestId('add-type'), { target: { value: 'RMSprop' } });
    fireEvent.click(screen.getByTestId('add'));
    expect(entries().map((e) => e.dataset.type)).toEqual(['SGD', 'SGD', 'Adam', 'RMSprop']);
    fireEvent.click(screen.getByRole('button', { name: 'Duplicate Adam' }));
    expect(entries().map((e) => within(e).getByRole('heading').textContent)).toEqual(['SGD', 'SGD + momentum', 'Adam #1', 'Adam #2', 'RMSprop'].map((n) => n.replace('Adam #', 'Adam (lr=0.15) #')));
    expect(screen.getAllByTestId('summary-row')).toHaveLength(5);
    fireEvent.click(screen.getByRole('checkbox', { name: 'Show SGD on the surface' }));
    expect(screen.getAllByTestId('summary-row').map((r) => r.dataset.name)).not.toContain('SGD');
    fireEvent.click(screen.getByRole('button', { name: 'Remove RMSprop' }));
    fireEvent.click(screen.getByRole('button', { name: 'Remove SGD + momentum' }));
    expect(entries().map((e) => e.dataset.type)).toEqual(['SGD', 'Adam', 'Adam']);
  });

  it('shows the core’s message at an invalid field and keeps the last valid path', () => {
    const { backend } = mount();
    const before = finalLosses();
    const adam = entryNamed('Adam');
    fireEvent.input(within(adam).getByTestId('lr'), { target: { value: '-0.1' } });
    expect(within(adam).getByText('Invalid learning rate: -0.1')).toBeTruthy();
    expect(within(adam).getByText('The path shows the last valid settings.')).toBeTruthy();
    expect(within(adam).getByTestId('lr').getAttribute('aria-invalid')).toBe('true');
    expect(within(adam).getByRole('button', { name: 'Copy Adam as a PyTorch constructor call' }).hasAttribute('disabled')).toBe(true);
    expect(finalLosses()).toEqual(before);

    // A half-typed number, then a bad beta inside the (auto-opened) hyperparameters.
    fireEvent.input(within(adam).getByTestId('lr'), { target: { value: '1e-' } });
    expect(within(adam).getByText('expected a number, got the string "1e-"')).toBeTruthy();
    fireEvent.input(within(adam).getByTestId('lr'), { target: { value: '0.15' } });
    fireEvent.input(within(adam).getByRole('textbox', { name: 'betas[0]' }), { target: { value: '1' } });
    expect(within(adam).getByText('Invalid beta parameter at index 0: 1')).toBeTruthy();
    expect((adam.querySelector('details') as HTMLDetailsElement).open).toBe(true);
    expect(finalLosses()).toEqual(before);

    // Fixed: the race follows.
    fireEvent.input(within(adam).getByRole('textbox', { name: 'betas[0]' }), { target: { value: '0.5' } });
    expect(within(adam).queryByText(/Invalid beta/)).toBeNull();
    expect(finalLosses()[2]).not.toEqual(before[2]);
    expect(backend.contexts.size).toBeGreaterThan(0);
  });

  it('edits lr on a log-scale slider', () => {
    mount();
    const adam = entryNamed('Adam');
    const slider = within(adam).getByRole('slider', { name: 'Learning rate of Adam (log scale)' });
    expect(Number((slider as HTMLInputElement).value)).toBeCloseTo(Math.log10(0.15), 2);
    fireEvent.input(slider, { target: { value: '-2' } });
    expect((within(adam).getByTestId('lr') as HTMLInputElement).value).toBe('0.01');
  });

  it('derives each optimizer’s controls from torch’s defaults', () => {
    mount();
    fireEvent.change(screen.getByTestId('add-type'), { target: { value: 'RMSprop' } });
    fireEvent.click(screen.getByTestId('add'));
    const rmsprop = entryNamed('RMSprop');
    for (const key of ['alpha', 'eps', 'weight_decay', 'momentum']) expect(within(rmsprop).getByRole('textbox', { name: key })).toBeTruthy();
    for (const key of ['centered', 'maximize']) expect(within(rmsprop).getByRole('checkbox', { name: key })).toBeTruthy();
    expect((within(rmsprop).getByRole('textbox', { name: 'alpha' }) as HTMLInputElement).value).toBe('0.99');
    fireEvent.click(within(rmsprop).getByRole('checkbox', { name: 'centered' }));
    expect((within(rmsprop).getByRole('checkbox', { name: 'centered' }) as HTMLInputElement).checked).toBe(true);
  });

  it('saves every change with host.setState and restores it', () => {
    const { saved } = mount();
    fireEvent.change(screen.getByTestId('surface'), { target: { value: 'himmelblau' } });
    fireEvent.input(within(entryNamed('Adam')).getByTestId('lr'), { target: { value: '0.05' } });
    fireEvent.input(screen.getByTestId('step-slider'), { target: { value: '40' } });
    const last = saved.at(-1)!;
    expect(last).toMatchObject({ surface: 'himmelblau', step: 40, start: [0, 0] });
    expect(last.optimizers[2]!.kwargs.lr).toBe(0.05);
    const losses = finalLosses();
    cleanup();

    // A reload: VS Code hands the saved state back (as init.state through the serializer, or getState).
    mount(initialState(JSON.parse(JSON.stringify(last)), undefined).state);
    expect((screen.getByTestId('surface') as HTMLSelectElement).value).toBe('himmelblau');
    expect(screen.getByTestId('step-count').textContent).toBe('Step 40 of 100');
    expect((within(entryNamed('Adam')).getByTestId('lr') as HTMLInputElement).value).toBe('0.05');
    expect(finalLosses()).toEqual(losses);
  });

  it('applies a preset', () => {
    vi.useFakeTimers();
    try {
      mount();
      fireEvent.change(screen.getByTestId('preset'), { target: { value: 'lrTooHigh' } });
      expect(entries().map((e) => within(e).getByRole('heading').textContent)).toEqual(presetByName('lrTooHigh')!.racers.map((r) => r.label));
      expect(screen.getByTestId('preset-caption').textContent).toBe(presetByName('lrTooHigh')!.caption);
      expect(screen.getByText('Diverged at step 33')).toBeTruthy();
      expect(screen.getByRole('button', { name: 'Pause' })).toBeTruthy();
      fireEvent.click(screen.getByRole('button', { name: 'Pause' }));
      fireEvent.change(screen.getByTestId('preset'), { target: { value: 'rosenbrock' } });
      expect((screen.getByTestId('surface') as HTMLSelectElement).value).toBe('rosenbrock');
      expect((screen.getByTestId('preset') as HTMLSelectElement).value).toBe('');
    } finally {
      vi.useRealTimers();
    }
  });

  it('plays, pauses, steps and resets', async () => {
    mount();
    fireEvent.click(screen.getByRole('button', { name: 'Back to step 0' }));
    expect(screen.getByTestId('step-count').textContent).toBe('Step 0 of 100');
    fireEvent.click(screen.getByRole('button', { name: 'Next step' }));
    fireEvent.click(screen.getByRole('button', { name: 'Next step' }));
    fireEvent.click(screen.getByRole('button', { name: 'Previous step' }));
    expect(screen.getByTestId('step-count').textContent).toBe('Step 1 of 100');
    fireEvent.change(screen.getByRole('combobox', { name: 'Speed' }), { target: { value: '500' } });
    fireEvent.click(screen.getByRole('button', { name: 'Play' }));
    const stepShown = () => Number(/Step (\d+)/.exec(screen.getByTestId('step-count').textContent!)![1]);
    // Animation frames come when the machine gets to them: wait for them rather than for a fixed time.
    await waitFor(() => expect(stepShown()).toBeGreaterThan(1), { timeout: 5000 });
    fireEvent.click(screen.getByRole('button', { name: 'Pause' }));
    const step = stepShown();
    expect(screen.getByRole('columnheader', { name: `Loss at step ${step}` })).toBeTruthy();
  });

  it('copies the optimizer as PyTorch through the host', () => {
    const { messages } = mount();
    fireEvent.click(screen.getByRole('button', { name: 'Copy SGD + momentum as a PyTorch constructor call' }));
    const message = messages.at(-1)!;
    const { lr, momentum } = DEFAULT_RACE.optimizers[1]!.kwargs;
    const call = `torch.optim.SGD(model.parameters(), lr=${String(lr)}, momentum=${String(momentum)})`;
    expect(message).toEqual({ type: 'copyText', text: call });
    expect(parseFromWebview(message)).toEqual(message);
    expect(screen.getByTestId('announcement').textContent).toBe(`Copied to the clipboard: ${call}`);
  });

  it('moves the start with a click, a drag or the arrow keys, and reads out the loss under the pointer', () => {
    mount();
    const canvas = screen.getByTestId('surface-canvas');
    const [x0, y0] = DEFAULT_RACE.start;
    fireEvent.keyDown(canvas, { key: 'ArrowRight' });
    expect(Number((screen.getByRole('textbox', { name: 'Start x' }) as HTMLInputElement).value)).toBeGreaterThan(x0);
    fireEvent.keyDown(canvas, { key: 'ArrowDown', shiftKey: true });
    expect(Number((screen.getByRole('textbox', { name: 'Start y' }) as HTMLInputElement).value)).toBeLessThan(y0);
    // happy-dom lays nothing out: the canvas box is at (0, 0); the plot starts at (46, 10).
    fireEvent.pointerDown(canvas, { clientX: 46, clientY: 10, button: 0, pointerId: 1 });
    expect((screen.getByRole('textbox', { name: 'Start x' }) as HTMLInputElement).value).toBe('-10');
    expect((screen.getByRole('textbox', { name: 'Start y' }) as HTMLInputElement).value).toBe('3');
    fireEvent.pointerMove(canvas, { clientX: 46, clientY: 10, pointerId: 1 });
    expect(screen.getByTestId('readout').textContent).toBe(`x = -10, y = 3, loss = ${formatNumber(SURFACES[DEFAULT_RACE.surface].f(-10, 3))}`);
  });

  it('rejects a bad start or step count at the field and keeps the race', () => {
    mount();
    const before = finalLosses();
    fireEvent.input(screen.getByTestId('steps'), { target: { value: '2.5' } });
    expect(screen.getByText('expected an integer, got 2.5')).toBeTruthy();
    fireEvent.input(screen.getByRole('textbox', { name: 'Start x' }), { target: { value: 'far' } });
    expect(screen.getByText('expected a number, got the string "far"')).toBeTruthy();
    expect(finalLosses()).toEqual(before);
    fireEvent.input(screen.getByTestId('steps'), { target: { value: '20' } });
    expect(screen.getByTestId('step-count').textContent).toBe('Step 20 of 20');
  });

  it('shows entries from the user’s code with their problems, never dropping them', () => {
    const { state } = readState({
      surface: 'rosenbrock',
      optimizers: [
        { type: 'Adam', kwargs: { lr: 0.01, betas: [0.9, 0.99] }, label: 'optimizer (train.py:12)' },
        { type: 'SGD', kwargs: { lr: '3e-4' }, label: 'sgd (train.py:20)' },
        { type: 'Lion', kwargs: { lr: 1e-4 }, label: 'lion (train.py:31)' },
        { type: 'Adam', kwargs: { lr: 0.01, betas1: 0.9 }, label: 'typo (train.py:40)' },
      ],
    })!;
    mount(state);
    expect(entries()).toHaveLength(4);
    expect(within(entryNamed('sgd (train.py:20)')).getByText('expected a number, got the string "3e-4"')).toBeTruthy();
    expect(within(entryNamed('sgd (train.py:20)')).getByText('Not simulated until this is fixed.')).toBeTruthy();
    expect(within(entryNamed('lion (train.py:31)')).getByText(/type: expected one of SGD, Adam/)).toBeTruthy();
    const typo = entryNamed('typo (train.py:40)');
    expect(within(typo).getByText('Unknown keyword betas1')).toBeTruthy();
    fireEvent.click(within(typo).getByRole('button', { name: 'Remove keyword betas1' }));
    expect(within(entryNamed('typo (train.py:40)')).queryByText(/Unknown keyword/)).toBeNull();
    expect(finalLosses().map(([name]) => name)).toEqual(['optimizer (train.py:12)', 'typo (train.py:40)']);
  });

  it('speaks Chinese when the host does', () => {
    mount(defaultState(), ZH);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('比较优化器');
    expect(screen.getByRole('combobox', { name: '损失曲面' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'SGD + 动量' })).toBeTruthy();
    expect(screen.getByRole('columnheader', { name: '最终损失' })).toBeTruthy();
  });

  it('keeps the rest of the panel when the surface fails to draw, and logs why', () => {
    const fake = fakeHost();
    const broken = { context: () => { throw new Error('no 2-D context'); }, create: () => document.createElement('canvas') };
    render(<App strings={EN} initial={defaultState()} host={fake.host} backend={broken} />);
    expect(screen.getByRole('alert').textContent).toContain('This part of the panel failed: no 2-D context');
    expect(screen.getAllByTestId('summary-row')).toHaveLength(3);
    expect(fake.messages).toContainEqual(expect.objectContaining({ type: 'log', level: 'error', text: expect.stringContaining('no 2-D context') }));
  });

  it('redraws the overlay as the step changes, and the base layer only when the view does', () => {
    const { backend } = mount();
    const canvas = screen.getByTestId('surface-canvas') as HTMLCanvasElement;
    const overlay = backend.contexts.get(canvas)!;
    const clears = () => overlay.calls.filter((c) => c.name === 'clearRect').length;
    const before = clears();
    fireEvent.input(screen.getByTestId('step-slider'), { target: { value: '10' } });
    expect(clears()).toBe(before + 1);
    const created = backend.contexts.size;
    fireEvent.input(screen.getByTestId('step-slider'), { target: { value: '20' } });
    expect(backend.contexts.size).toBe(created);
  });
});

describe('optimizers from the user’s code', () => {
  it('adds the host’s entries to the race, with their note, and replaces them when sent again', async () => {
    let send: ((state: unknown) => void) | undefined;
    const additions = (listener: (state: unknown) => void) => {
      send = listener;
      return () => (send = undefined);
    };
    render(<App strings={EN} initial={defaultState()} host={fakeHost().host} backend={recordingBackend()} additions={additions} />);
    const before = entries().length;
    const fromCode = { type: 'AdamW', kwargs: { lr: 0.05 }, label: 'train.py:9', note: 'Not known from the code: eps=cfg.eps' };
    act(() => send?.({ optimizers: [fromCode] }));
    expect(entries()).toHaveLength(before + 1);
    expect(entryNamed('train.py:9').textContent).toContain('Not known from the code: eps=cfg.eps');
    act(() => send?.({ optimizers: [{ ...fromCode, kwargs: { lr: 0.1 } }] }));
    expect(entries()).toHaveLength(before + 1);
  });
});
