import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { LOSSES_STRING_KEYS, type FromWebviewMessage } from '../../../src/protocol';
import { runLossesJson } from '../../../src/core/losses';
import { App, type AppHost } from '../../../webview/losses/App';
import { defaultSettings, initialSettings, readSettings, toSaved, type LossSettings, type SavedState } from '../../../webview/losses/state';
import { EN, ZH, hostStrings } from './strings';

afterEach(cleanup);

function mount(initial: LossSettings = defaultSettings(), strings = EN) {
  const messages: FromWebviewMessage[] = [];
  const saved: SavedState[] = [];
  const host: AppHost = { postMessage: (m) => void messages.push(m), setState: (s) => void saved.push(s) };
  const view = render(<App strings={strings} initial={initial} host={host} />);
  return { messages, saved, view };
}

/** The readout row of one curve: its full-precision loss and gradient. */
function row(section: string, curve: string): { loss: number; grad: number; text: string } {
  const tr = screen.getByTestId(`readout-${section}`).querySelector<HTMLElement>(`tr[data-curve="${curve}"]`)!;
  return { loss: Number(tr.dataset.loss), grad: Number(tr.dataset.grad), text: tr.textContent ?? '' };
}

/** The CLI's answer for one point of a curve. */
function cli(loss: Record<string, unknown>, x: number, extra: Record<string, unknown> = {}): { loss: number; grad: number } {
  const out = runLossesJson({ loss, x: [x], ...extra }) as { loss: number[]; grad: number[] };
  return { loss: out.loss[0]!, grad: out.grad[0]! };
}

describe('the host’s strings', () => {
  it('cover every key the app uses, in English and Chinese', () => {
    expect(Object.keys(hostStrings).sort()).toEqual([...LOSSES_STRING_KEYS].sort());
    for (const key of LOSSES_STRING_KEYS) if (!key.startsWith('reason.') && key !== 'axisLogit') expect(ZH[key], key).not.toBe(EN[key]);
  });
});

describe('Compare Losses', () => {
  it('shows every loss with the CLI’s values and gradients at the readout points', () => {
    mount();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Compare Losses');
    expect(screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent)).toEqual([EN.regression, EN.crossEntropy, EN.binary, EN.probability]);
    expect(row('residual', 'mse')).toMatchObject(cli({ type: 'MSELoss' }, 1.5));
    expect(row('residual', 'huber')).toMatchObject(cli({ type: 'HuberLoss', delta: 1 }, 1.5));
    expect(row('residual', 'smoothl1')).toMatchObject(cli({ type: 'SmoothL1Loss', beta: 1 }, 1.5));
    expect(row('logit', 'ce')).toMatchObject(cli({ type: 'CrossEntropyLoss' }, 2, { classes: 10 }));
    expect(row('logit', 'ce-softmax')).toMatchObject(cli({ type: 'CrossEntropyLoss' }, 2, { classes: 10, extra_activation: 'softmax' }));
    expect(row('binary', 'bcewl-sigmoid')).toMatchObject(cli({ type: 'BCEWithLogitsLoss' }, 2, { extra_activation: 'sigmoid' }));
    expect(row('probability', 'bce')).toMatchObject(cli({ type: 'BCELoss' }, 0.7));
  });

  it('says where the softmax-twice loss levels off, from the core', () => {
    mount();
    const floor = cli({ type: 'CrossEntropyLoss' }, 800, { classes: 10, extra_activation: 'softmax' }).loss;
    expect(floor).toBeCloseTo(Math.log(Math.E + 9) - 1, 12);
    expect(screen.getByTestId('section-logit').textContent).toContain(`cannot fall below ${floor.toPrecision(4)} (ln 10 = 2.303 at the start)`);
  });

  it('follows the Huber delta slider and field, and refuses a delta torch refuses', () => {
    const { saved } = mount();
    fireEvent.input(screen.getByTestId('delta-slider'), { target: { value: '0.5' } });
    expect(row('residual', 'huber')).toMatchObject(cli({ type: 'HuberLoss', delta: 0.5 }, 1.5));
    expect(row('residual', 'huber').text).toContain('HuberLoss(delta=0.5)');
    expect(saved.at(-1)!.delta).toBe(0.5);
    const field = screen.getByTestId('delta') as HTMLInputElement;
    fireEvent.input(field, { target: { value: '0' } });
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(field.closest('.field')!.querySelector('.field-error')!.textContent).toBe('must be > 0, got 0');
    // The curves keep the last valid delta.
    expect(row('residual', 'huber')).toMatchObject(cli({ type: 'HuberLoss', delta: 0.5 }, 1.5));
    fireEvent.input(field, { target: { value: '2.25' } });
    expect(row('residual', 'huber')).toMatchObject(cli({ type: 'HuberLoss', delta: 2.25 }, 1.5));
  });

  it('moves a readout point with its slider', () => {
    mount();
    fireEvent.input(screen.getByTestId('at-residual'), { target: { value: '-0.25' } });
    expect(row('residual', 'l1')).toMatchObject(cli({ type: 'L1Loss' }, -0.25));
    expect(screen.getByTestId('readout-residual').querySelector('caption')!.textContent).toBe('Loss and gradient at residual (input − target) = -0.25');
  });

  it('recomputes the cross-entropy curves for label smoothing and classes', () => {
    mount();
    fireEvent.input(screen.getByTestId('label-smoothing-slider'), { target: { value: '0.1' } });
    fireEvent.input(screen.getByTestId('classes'), { target: { value: '100' } });
    const spec = { classes: 100 };
    expect(row('logit', 'ce')).toMatchObject(cli({ type: 'CrossEntropyLoss', label_smoothing: 0.1 }, 2, spec));
    expect(row('logit', 'ce-softmax')).toMatchObject(cli({ type: 'CrossEntropyLoss', label_smoothing: 0.1 }, 2, { ...spec, extra_activation: 'softmax' }));
  });

  it('takes pos_weight as a number, or empty for None', () => {
    mount();
    const field = screen.getByTestId('pos-weight');
    fireEvent.input(field, { target: { value: '3' } });
    expect(row('binary', 'bcewl')).toMatchObject(cli({ type: 'BCEWithLogitsLoss', pos_weight: 3 }, 2));
    fireEvent.input(field, { target: { value: 'x' } });
    expect(field.getAttribute('aria-invalid')).toBe('true');
    fireEvent.input(field, { target: { value: '' } });
    expect(row('binary', 'bcewl')).toMatchObject(cli({ type: 'BCEWithLogitsLoss', pos_weight: null }, 2));
  });

  it('opens from a hover link with the call’s values, its section marked', () => {
    const { settings, problems } = initialSettings({ loss: 'HuberLoss', delta: 0.3, reduction: 'sum', note: 'train.py:12' }, undefined);
    expect(problems).toEqual([]);
    mount(settings);
    expect(screen.getByTestId('from-code').textContent).toBe('From your code: HuberLoss train.py:12');
    expect(screen.getByTestId('section-residual').classList.contains('marked')).toBe(true);
    expect(screen.getByTestId('section-logit').classList.contains('marked')).toBe(false);
    expect((screen.getByTestId('reduction') as HTMLSelectElement).value).toBe('sum');
    expect(row('residual', 'huber')).toMatchObject(cli({ type: 'HuberLoss', delta: 0.3 }, 1.5));
  });

  it('renders in Chinese', () => {
    mount(defaultSettings(), ZH);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('比较损失函数');
    expect(within(screen.getByTestId('section-logit')).getByRole('heading').textContent).toBe('交叉熵与真实类别 logit 的关系');
  });
});

describe('the panel’s state', () => {
  it('round-trips through the saved form', () => {
    const settings: LossSettings = { ...defaultSettings(), loss: 'BCEWithLogitsLoss', pos_weight: 2, classes: 3, at: { residual: 0.5, logit: -1, binary: 4, probability: 0.2 } };
    expect(readSettings(toSaved(settings))).toEqual({ settings, problems: [] });
  });

  it('keeps the default of each bad field and says why', () => {
    const { settings, problems } = readSettings({ delta: -1, label_smoothing: 2, classes: 1.5, reduction: 'avg', loss: 'NLLLoss', pos_weight: '3', at: { logit: 99 } });
    expect(settings).toEqual(defaultSettings());
    expect(problems).toEqual([
      'loss: expected one of MSELoss, L1Loss, HuberLoss, SmoothL1Loss, CrossEntropyLoss, BCELoss, BCEWithLogitsLoss, got "NLLLoss"',
      'reduction: expected one of mean, sum, none, got "avg"',
      'delta: must be > 0, got -1',
      'label_smoothing: must be <= 1, got 2',
      'pos_weight: expected a number, got the string "3"',
      'classes: expected an integer, got 1.5',
      'at.logit: must be <= 10, got 99',
    ]);
  });

  it('lets a link change only what it names over a restored panel, with its own note', () => {
    const saved = toSaved({ ...defaultSettings(), delta: 2, loss: 'HuberLoss', note: 'old.py:3', at: { ...defaultSettings().at, logit: 5 } });
    const { settings } = initialSettings({ loss: 'CrossEntropyLoss', label_smoothing: 0.2 }, saved);
    expect(settings).toMatchObject({ loss: 'CrossEntropyLoss', label_smoothing: 0.2, delta: 2, at: { logit: 5 } });
    expect(settings.note).toBeUndefined();
  });
});
