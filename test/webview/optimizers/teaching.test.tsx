/**
 * The panel as a learner meets it: presets that say what to notice, statuses that are true on the
 * surface shown, learning rates that follow the surface, the user's own optimizer rescaled on
 * request without touching the seed's colours, and the arrows of the teaching layer.
 */
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { PRESETS, presetByName } from '../../../src/core/presets';
import { surfaceLr } from '../../../src/core/surfaceDefaults';
import { App } from '../../../webview/optimizers/App';
import { defaultState, readState, reducer } from '../../../webview/optimizers/state';
import { recordingBackend } from '../fakeCanvas';
import { EN } from './strings';

afterEach(cleanup);

function mount(initial = defaultState()) {
  const backend = recordingBackend();
  render(<App strings={EN} initial={initial} host={{ postMessage: () => undefined, setState: () => undefined }} backend={backend} />);
  return { backend };
}

const rows = () => screen.getAllByTestId('summary-row');
const statuses = () => screen.getAllByTestId('status').map((cell) => cell.dataset.status);
const choosePreset = (name: string) => fireEvent.change(screen.getByTestId('preset'), { target: { value: name } });
const pause = () => {
  const button = screen.queryByRole('button', { name: 'Pause' });
  if (button) fireEvent.click(button);
};

describe('presets', () => {
  it('the seed opens with its caption; each preset shows its own and its racers’ labels', () => {
    mount();
    expect(screen.getByTestId('preset-caption').textContent).toBe(presetByName('seed')!.caption);
    for (const preset of PRESETS) {
      choosePreset(preset.name);
      pause();
      expect(screen.getByTestId('preset-caption').textContent).toBe(preset.caption);
      const names = rows().map((row) => row.dataset.name);
      for (const racer of preset.racers) if (racer.label) expect(names).toContain(racer.label);
    }
  });

  it('Adam vs AdamW names what differs', () => {
    mount();
    choosePreset('adamw');
    pause();
    expect(rows().map((row) => row.dataset.name)).toEqual(['Adam wd=0', 'Adam wd=0.5', 'AdamW wd=0.5']);
  });
});

describe('statuses', () => {
  it('on the saddle nobody "converges": runs heading down without end have escaped, and there is no first step below tolerance', () => {
    mount(reducer(defaultState(), { type: 'preset', preset: presetByName('saddle')!, autoplay: false }));
    expect(statuses().every((s) => s === 'escaped' || s === 'unbounded')).toBe(true);
    expect(statuses()).toContain('escaped');
    expect(screen.queryByText('Converged')).toBeNull();
    for (const cell of screen.getAllByTestId('first-below')) expect(cell.textContent).toBe(EN.noMinimum);
  });

  it('where a minimum exists the seed’s SGD has not converged and Adam has', () => {
    mount();
    const byName = new Map(rows().map((row) => [row.dataset.name, within(row).getByTestId('status').dataset.status]));
    expect(byName.get('SGD')).toBe('notConverged');
    expect(byName.get('Adam')).toBe('converged');
  });
});

describe('switching the surface', () => {
  it('gives the panel’s racers that surface’s learning rates, so nothing diverges at step 2 of Rosenbrock', () => {
    mount();
    fireEvent.change(screen.getByTestId('surface'), { target: { value: 'rosenbrock' } });
    expect(screen.queryByTestId('preset-caption')).toBeNull();
    expect(screen.getByTestId('lr-applied').textContent).toContain(String(surfaceLr('rosenbrock', 'SGD')));
    expect(statuses()).not.toContain('diverged');
    const lrs = screen.getAllByTestId('lr').map((input) => Number((input as HTMLInputElement).value));
    expect(lrs).toEqual([surfaceLr('rosenbrock', 'SGD'), surfaceLr('rosenbrock', 'SGD'), surfaceLr('rosenbrock', 'Adam')]);
  });

  it('leaves the lr of an optimizer from the user’s code as the code sets it', () => {
    const { state } = readState({ optimizers: [{ type: 'AdamW', kwargs: { lr: 3e-4 }, label: 'train.py:35', origin: 'code' }] })!;
    mount(state);
    fireEvent.change(screen.getByTestId('surface'), { target: { value: 'rosenbrock' } });
    expect((screen.getByTestId('lr') as HTMLInputElement).value).toBe('0.0003');
  });
});

describe('the user’s optimizer on a toy surface', () => {
  it('says when its lr barely moves it, offers a rescaled twin labelled as such, and leaves the seed’s colours alone', () => {
    const seed = defaultState();
    const withCode = reducer(seed, { type: 'merge', entries: readState({ optimizers: [{ type: 'AdamW', kwargs: { lr: 3e-4 }, label: 'train.py:35', origin: 'code' }] })!.state.entries });
    mount(withCode);
    const colours = () => new Map(screen.getAllByTestId('summary-row').map((row) => [row.dataset.name, (row.querySelector('.swatch-group') as HTMLElement).style.color]));
    const before = colours();
    expect(rows().map((r) => r.dataset.name)).toContain('AdamW lr=3e-4 · train.py:35');
    const notice = screen.getByTestId('barely-moves');
    expect(notice.textContent).toContain('AdamW lr=3e-4 · train.py:35');
    fireEvent.click(within(notice).getByTestId('rescale'));
    const lr = surfaceLr(seed.surface, 'AdamW')!;
    const twin = `AdamW lr=${String(lr)} · train.py:35, rescaled to this surface`;
    expect(rows().map((r) => r.dataset.name)).toContain(twin);
    // The twin moves; the offer is gone; the seed's three keep their colours.
    expect(screen.queryByTestId('rescale')).toBeNull();
    const after = colours();
    for (const name of ['SGD', 'SGD + momentum', 'Adam']) expect(after.get(name), name).toBe(before.get(name));
    expect(new Set([...after.values()]).size).toBe(after.size);
  });
});

describe('the teaching layer', () => {
  it('draws arrows for the chosen racer at the shown step and names their values', () => {
    const { backend } = mount();
    fireEvent.change(screen.getByTestId('explain'), { target: { value: '2' } });
    fireEvent.input(screen.getByTestId('step-slider'), { target: { value: '5' } });
    expect(screen.getByTestId('teaching-values').textContent).toMatch(/^Step 5: −lr·∇f = \(.+\) · carried = \(.+\) · update = \(.+\)$/);
    expect(screen.getByTestId('teaching').textContent).toContain(EN.arrowMomentum);
    expect(backend).toBeTruthy();
  });

  it('offers momentum and β₁ sliders beside lr', () => {
    mount();
    expect(screen.getAllByTestId('momentum-slider')).toHaveLength(2);
    expect(screen.getAllByTestId('beta1-slider')).toHaveLength(1);
    fireEvent.input(screen.getAllByTestId('momentum-slider')[1]!, { target: { value: '0.5' } });
    expect(rows().map((r) => r.dataset.name)).toContain('SGD + momentum');
  });

  it('switches the background to contour lines only', () => {
    mount();
    fireEvent.change(screen.getByTestId('background'), { target: { value: 'contours' } });
    expect((screen.getByTestId('background') as HTMLSelectElement).value).toBe('contours');
  });
});
