import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OPTIMIZER_NAMES, OPTIMIZERS } from '../../../src/core/optim';
import { DEFAULT_RACE, simulate } from '../../../src/core/simulate';
import { SURFACES } from '../../../src/core/surfaces';
import { formatNumber } from '../../../webview/shared/numbers';
import { controls, createEntry, editKwarg, keywordOf, readEntry, unknownKeys, validate } from '../../../webview/optimizers/entries';
import { assignLooks, displayNames } from '../../../webview/optimizers/palette';
import { OKABE_ITO } from '../../../webview/shared/colors';
import { PRESETS, presetByName } from '../../../webview/optimizers/presets';
import { torchCall } from '../../../webview/optimizers/pytorch';
import { pythonFloat } from '../../../webview/shared/python';
import { ESCAPE, RaceRunner, frameAt, project, runOne, summarize } from '../../../webview/optimizers/race';
import { MAX_ENTRIES, defaultState, initialState, readState, reducer, toSaved, type Action, type RaceState } from '../../../webview/optimizers/state';
import { createStepper } from '../../../src/core/optim';
import { EN } from './strings';

const apply = (state: RaceState, ...actions: Action[]) => actions.reduce(reducer, state);

describe('entries: validation is the core’s', () => {
  it('derives every control from the type of torch’s default', () => {
    for (const name of OPTIMIZER_NAMES) {
      const kinds = controls(name);
      expect(kinds.map((c) => c.key)).toEqual(Object.keys(OPTIMIZERS[name].defaults));
      for (const { kind, fallback } of kinds) expect(kind).toBe(typeof fallback === 'number' ? 'number' : typeof fallback === 'boolean' ? 'boolean' : 'pair');
    }
    expect(controls('Adam').find((c) => c.key === 'betas')?.kind).toBe('pair');
    expect(controls('SGD').find((c) => c.key === 'nesterov')?.kind).toBe('boolean');
  });

  it('reports torch’s message and the keyword it concerns', () => {
    const result = validate('Adam', { ...OPTIMIZERS.Adam.defaults, betas: [1.2, 0.999] });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.reason).toBe('Invalid beta parameter at index 0: 1.2');
    expect(keywordOf(result.error)).toBe('betas');
    const text = validate('SGD', { lr: 'abc' });
    expect(!text.ok && text.error.reason).toBe('expected a number, got the string "abc"');
    const nesterov = validate('SGD', { lr: 0.1, nesterov: true });
    expect(!nesterov.ok && keywordOf(nesterov.error)).toBe('nesterov');
  });

  it('keeps the last valid keywords while a field is invalid', () => {
    const entry = createEntry(1, 'Adam', { lr: 0.15 });
    const broken = editKwarg(entry, 'lr', -1);
    expect(broken.raw.lr).toBe(-1);
    expect(broken.valid).toBe(entry.valid);
    const fixed = editKwarg(broken, 'lr', 0.2);
    expect(fixed.valid?.lr).toBe(0.2);
  });

  it('reads host entries without dropping bad ones', () => {
    const unknownType = readEntry(1, { type: 'Adamm', kwargs: { lr: 0.1 }, label: 'from train.py' });
    expect(unknownType).toMatchObject({ type: 'Adamm', label: 'from train.py', valid: null });
    expect(validate(unknownType.type, unknownType.raw).ok).toBe(false);
    const badValue = readEntry(2, { type: 'SGD', kwargs: { lr: '1e-3' } });
    expect(badValue.valid).toBeNull();
    expect(badValue.raw.momentum).toBe(0);
    const typo = readEntry(3, { type: 'Adam', kwargs: { lr: 0.01, betas1: 0.9 } });
    expect(unknownKeys(typo.type, typo.raw)).toEqual(['betas1']);
    expect(readEntry(4, 'SGD').note).toMatch(/expected an object/);
    expect(readEntry(5, { type: 'SGD', kwargs: [1] }).note).toMatch(/kwargs: expected an object/);
    expect(readEntry(6, { type: 'SGD', kwargs: { toString: 1 } }).valid).toBeNull();
  });

  it('never throws on arbitrary JSON from the host', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (json) => {
        const entry = readEntry(1, json);
        validate(entry.type, entry.raw);
        readState({ optimizers: [json], surface: json, start: json });
      }),
    );
  });
});

describe('copy as PyTorch', () => {
  it.each([
    [0.001, '0.001'],
    [1e-8, '1e-08'],
    [0.0001, '0.0001'],
    [0.00015, '0.00015'],
    [1, '1.0'],
    [0.9, '0.9'],
    [123.45, '123.45'],
    [1e16, '1e+16'],
    [2.5e-5, '2.5e-05'],
    [1e15, '1000000000000000.0'],
    [-0.5, '-0.5'],
  ])('writes %s as Python writes it: %s', (value, text) => {
    expect(pythonFloat(value)).toBe(text);
  });

  it('writes lr and only the keywords that differ from torch’s defaults', () => {
    expect(torchCall('Adam', { ...OPTIMIZERS.Adam.defaults, lr: 0.15 })).toBe('torch.optim.Adam(model.parameters(), lr=0.15)');
    expect(torchCall('Adam', { ...OPTIMIZERS.Adam.defaults, betas: [0.9, 0.99], amsgrad: true })).toBe('torch.optim.Adam(model.parameters(), lr=0.001, betas=(0.9, 0.99), amsgrad=True)');
    expect(torchCall('SGD', { ...OPTIMIZERS.SGD.defaults, lr: 0.1, momentum: 0.9, nesterov: true })).toBe('torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9, nesterov=True)');
    expect(torchCall('AdamW', OPTIMIZERS.AdamW.defaults)).toBe('torch.optim.AdamW(model.parameters(), lr=0.001)');
    expect(torchCall('AdamW', { ...OPTIMIZERS.AdamW.defaults, weight_decay: 0 })).toBe('torch.optim.AdamW(model.parameters(), lr=0.001, weight_decay=0.0)');
  });
});

describe('colours and names', () => {
  it('gives SGD red, Momentum orange, Adam green, and the others distinct colours', () => {
    const state = apply(defaultState(), { type: 'add', optimizer: 'RMSprop' }, { type: 'add', optimizer: 'AdamW' }, { type: 'add', optimizer: 'Adam' });
    const looks = assignLooks(state.entries);
    const colors = state.entries.map((e) => looks.get(e.id)!.color);
    expect(colors.slice(0, 3)).toEqual([OKABE_ITO.vermillion, OKABE_ITO.orange, OKABE_ITO.green]);
    expect(new Set(colors).size).toBe(colors.length);
  });

  it('dashes colours once the palette is used up', () => {
    let state = defaultState();
    for (let i = 0; i < 7; i++) state = reducer(state, { type: 'add', optimizer: 'RMSprop' });
    const looks = [...assignLooks(state.entries).values()];
    // Eight colours: the three roles' and five more; the two after them repeat colours, dashed.
    expect(new Set(looks.slice(0, 8).map((l) => l.color)).size).toBe(8);
    expect(looks.slice(8).every((l) => l.dash.length > 0)).toBe(true);
  });

  it('never gives a seed racer’s look to an optimizer from the user’s code, wherever it sits in the list', () => {
    const seed = defaultState();
    const before = assignLooks(seed.entries);
    const code = readEntry(10, { type: 'SGD', kwargs: { lr: 0.01, momentum: 0.9 }, label: 'train.py:12', origin: 'code' });
    const adam = readEntry(11, { type: 'Adam', kwargs: { lr: 3e-4 }, label: 'train.py:35', origin: 'code' });
    for (const entries of [[code, adam, ...seed.entries], [...seed.entries, code, adam]]) {
      const after = assignLooks(entries);
      for (const e of seed.entries) expect(after.get(e.id), e.type).toEqual(before.get(e.id));
      const seedColors = new Set(seed.entries.map((e) => before.get(e.id)!.color));
      expect(seedColors.has(after.get(10)!.color)).toBe(false);
      expect(seedColors.has(after.get(11)!.color)).toBe(false);
    }
  });

  it('names an entry from code by what it is and where it comes from, and its rescaled twin as such', () => {
    const code = readEntry(10, { type: 'AdamW', kwargs: { lr: 3e-4 }, label: 'train.py:35', origin: 'code' });
    const state = reducer({ ...defaultState(), entries: [code], nextId: 11 }, { type: 'rescale', id: 10, lr: 0.15 });
    const names = displayNames(state.entries, EN);
    expect(names.get(10)).toBe('AdamW lr=3e-4 · train.py:35');
    expect(names.get(11)).toBe('AdamW lr=0.15 · train.py:35, rescaled to this surface');
    expect(state.entries[1]).toMatchObject({ origin: 'rescaled', type: 'AdamW' });
    expect(state.entries[1]!.raw.lr).toBe(0.15);
  });

  it('names racers by role and tells equal names apart by lr, then by number', () => {
    const names = displayNames(defaultState().entries, EN);
    expect([...names.values()]).toEqual(['SGD', 'SGD + momentum', 'Adam']);
    const twice = apply(defaultState(), { type: 'duplicate', id: 3 }, { type: 'duplicate', id: 1 });
    const named = [...displayNames(twice.entries, EN).values()];
    const lr = (type: string) => formatNumber(DEFAULT_RACE.optimizers.find((o) => o.type === type)!.kwargs.lr as number);
    expect(named).toEqual(['SGD #1', 'SGD #2', 'SGD + momentum', 'Adam #1', 'Adam #2'].map((n) => n.replace('SGD #', `SGD (lr=${lr('SGD')}) #`).replace('Adam #', `Adam (lr=${lr('Adam')}) #`)));
    const labelled = apply(defaultState(), { type: 'label', id: 3, label: 'optimizer (train.py:12)' });
    expect(displayNames(labelled.entries, EN).get(3)).toBe('optimizer (train.py:12)');
  });
});

describe('state reducer', () => {
  it('starts from the seed demo, drawn in full and paused', () => {
    const state = defaultState();
    expect(state.surface).toBe(DEFAULT_RACE.surface);
    expect(state.start).toEqual(DEFAULT_RACE.start);
    expect(state.entries.map((e) => [e.type, e.valid])).toEqual(DEFAULT_RACE.optimizers.map((o) => [o.type, o.kwargs]));
    expect(state).toMatchObject({ step: DEFAULT_RACE.steps, playing: false });
  });

  it('adds, removes, duplicates and toggles', () => {
    let state = reducer(defaultState(), { type: 'add', optimizer: 'RMSprop' });
    expect(state.entries.map((e) => e.type)).toEqual(['SGD', 'SGD', 'Adam', 'RMSprop']);
    state = reducer(state, { type: 'duplicate', id: 2 });
    expect(state.entries.map((e) => e.id)).toEqual([1, 2, 5, 3, 4]);
    expect(state.entries[2]!.valid).toEqual(state.entries[1]!.valid);
    state = reducer(state, { type: 'remove', id: 1 });
    expect(state.entries.map((e) => e.id)).toEqual([2, 5, 3, 4]);
    state = reducer(state, { type: 'toggle', id: 3 });
    expect(state.entries.find((e) => e.id === 3)!.visible).toBe(false);
  });

  it('stops adding at the limit', () => {
    let state = defaultState();
    for (let i = 0; i < 20; i++) state = reducer(state, { type: 'add', optimizer: 'SGD' });
    expect(state.entries).toHaveLength(MAX_ENTRIES);
    expect(reducer(state, { type: 'duplicate', id: 1 })).toBe(state);
  });

  it('plays, advances, stops at the end and starts over', () => {
    let state = apply(defaultState(), { type: 'reset' });
    expect(state).toMatchObject({ step: 0, playing: false });
    state = apply(state, { type: 'play' }, { type: 'advance', by: 30 });
    expect(state).toMatchObject({ step: 30, playing: true });
    state = apply(state, { type: 'advance', by: 1000 });
    expect(state).toMatchObject({ step: 100, playing: false });
    expect(reducer(state, { type: 'play' })).toMatchObject({ step: 0, playing: true });
    expect(apply(state, { type: 'play' }, { type: 'seek', step: 42 })).toMatchObject({ step: 42, playing: false });
    expect(reducer(state, { type: 'seek', step: -5 }).step).toBe(0);
  });

  it('changes surface with its own start and keeps a full race full when steps grow', () => {
    const state = apply(defaultState(), { type: 'surface', surface: 'rosenbrock' });
    expect(state.start).toEqual(SURFACES.rosenbrock.start);
    expect(reducer(state, { type: 'steps', steps: 500 })).toMatchObject({ steps: 500, step: 500 });
    expect(apply(state, { type: 'seek', step: 10 }, { type: 'steps', steps: 5 })).toMatchObject({ steps: 5, step: 5 });
  });

  it('applies each preset', () => {
    for (const preset of PRESETS) {
      const state = reducer(defaultState(), { type: 'preset', preset, autoplay: true });
      expect(state).toMatchObject({ surface: preset.surface, steps: preset.steps, step: 0, playing: true, speed: preset.speed });
      expect(state.entries.map((e) => e.type)).toEqual(preset.racers.map((r) => r.type));
      expect(state.entries.map((e) => e.label)).toEqual(preset.racers.map((r) => r.label ?? ''));
      expect(state.preset).toBe(preset.name);
      expect(state.entries.every((e) => e.valid !== null)).toBe(true);
      expect(new Set(state.entries.map((e) => e.id)).size).toBe(state.entries.length);
    }
    expect(reducer(defaultState(), { type: 'preset', preset: presetByName('seed')!, autoplay: false })).toMatchObject({ step: presetByName('seed')!.steps, playing: false });
  });
});

describe('saved state', () => {
  it('round-trips through host.setState (playing is never restored)', () => {
    const edited = apply(defaultState(), { type: 'surface', surface: 'beale' }, { type: 'kwarg', id: 3, key: 'lr', value: 'oops' }, { type: 'toggle', id: 1 }, { type: 'label', id: 2, label: 'mine' }, { type: 'play' });
    const saved = JSON.parse(JSON.stringify(toSaved(edited)));
    const restored = readState(saved)!.state;
    expect(restored).toMatchObject({ surface: 'beale', start: edited.start, steps: edited.steps, step: edited.step, playing: false, speed: edited.speed });
    expect(restored.entries.map((e) => [e.type, e.raw, e.label, e.visible])).toEqual(edited.entries.map((e) => [e.type, e.raw, e.label, e.visible]));
  });

  it('reads a spec from the host: defaults for what is missing, notes for what is wrong', () => {
    const read = readState({ optimizers: [{ type: 'Adam', kwargs: { lr: 0.01 }, label: 'optimizer (train.py:12)' }, { type: 'SGD', kwargs: { lr: -1 } }], surface: 'himmelblau' })!;
    expect(read.problems).toEqual([]);
    expect(read.state).toMatchObject({ surface: 'himmelblau', start: SURFACES.himmelblau.start, steps: 100, playing: false });
    expect(read.state.entries.map((e) => [e.type, e.label, e.valid === null])).toEqual([
      ['Adam', 'optimizer (train.py:12)', false],
      ['SGD', '', true],
    ]);
    const bad = readState({ surface: 'moon', start: [1], steps: 0, speed: 3, optimizers: 'SGD' })!;
    expect(bad.state.surface).toBe(DEFAULT_RACE.surface);
    expect(bad.state.entries).toHaveLength(3);
    expect(bad.problems).toHaveLength(5);
  });

  it('init.state wins over the saved state, which wins over the seed demo', () => {
    const saved = toSaved(apply(defaultState(), { type: 'surface', surface: 'saddle' }));
    expect(initialState({ surface: 'beale', optimizers: [{ type: 'Adam' }] }, saved).state.surface).toBe('beale');
    expect(initialState(null, saved).state.surface).toBe('saddle');
    expect(initialState(null, undefined).state).toEqual(defaultState());
    expect(initialState('garbage', saved)).toMatchObject({ state: { surface: 'saddle' }, problems: ['init.state: expected an object'] });
  });
});

describe('the race', () => {
  it('equals the CLI’s numbers for the seed demo', () => {
    const runs = new RaceRunner().run(SURFACES[DEFAULT_RACE.surface], DEFAULT_RACE.start, DEFAULT_RACE.steps, defaultState().entries);
    const cli = simulate(DEFAULT_RACE);
    [...runs.values()].forEach((run, i) => {
      expect(Array.from(run.losses)).toEqual(cli.trajectories[i]!.losses);
    });
  });

  it('recomputes only the runs whose inputs changed', () => {
    const runner = new RaceRunner();
    let state = defaultState();
    const run = () => runner.run(SURFACES[state.surface], state.start, state.steps, state.entries);
    const first = run();
    expect(runner.computed).toBe(3);
    state = apply(state, { type: 'label', id: 1, label: 'x' }, { type: 'toggle', id: 2 });
    expect(run().get(1)).toBe(first.get(1));
    expect(runner.computed).toBe(3);
    state = reducer(state, { type: 'kwarg', id: 3, key: 'lr', value: 0.2 });
    run();
    expect(runner.computed).toBe(4);
    state = reducer(state, { type: 'kwarg', id: 3, key: 'lr', value: 'x' }); // invalid: keeps the last valid run
    expect(run().get(3)).toBeDefined();
    expect(runner.computed).toBe(4);
    state = reducer(state, { type: 'start', start: [-7, 1] });
    run();
    expect(runner.computed).toBe(7);
  });

  it('reports divergence and the others keep going', () => {
    const preset = presetByName('lrTooHigh')!;
    const state = reducer(defaultState(), { type: 'preset', preset, autoplay: false });
    const runs = new RaceRunner().run(SURFACES[state.surface], state.start, state.steps, state.entries);
    const summaries = [...runs.values()].map((run) => summarize(run, SURFACES.ravine, 1e-3));
    expect(summaries.map((s) => s.divergedAt === null)).toEqual([true, true, false, true]);
    const diverged = summaries[2]!;
    // y grows by |1 − 2·1.1| = 1.2 per step from 1.5: beyond ESCAPE view heights after about 32 steps.
    expect(diverged.divergedAt).toBe(Math.ceil(Math.log((ESCAPE * 6) / 1.5) / Math.log(1.2)));
    expect(summaries[0]!.converged).toBe(true);
    expect(summaries[1]!.converged).toBe(false); // lr = 1 bounces between y = ±1.5 forever
    const frame = frameAt([...runs.values()], 100);
    expect(frame.map((f) => f.diverged)).toEqual([false, false, true, false]);
    expect(Number.isNaN(frame[2]!.loss)).toBe(true);
    expect(frame[2]!.points).toBe(diverged.divergedAt!);
  });

  it('stops at an overflow like the CLI', () => {
    const run = runOne(1, SURFACES.rosenbrock, [-1.5, 2], 200, createStepper('SGD', { ...OPTIMIZERS.SGD.defaults, lr: 0.1 }));
    expect(run.count).toBeLessThan(201);
    expect(run.divergedAt).not.toBeNull();
    expect(run.divergedAt!).toBeLessThanOrEqual(run.count);
  });

  it('measures the distance to the nearest minimum and the first step below the tolerance', () => {
    const run = runOne(1, SURFACES.himmelblau, [0, 0], 300, createStepper('Adam', { ...OPTIMIZERS.Adam.defaults, lr: 0.1 }));
    const summary = summarize(run, SURFACES.himmelblau, 1e-3);
    expect(summary.distance).toBeLessThan(1e-4);
    expect(summary.firstBelow).toBeGreaterThan(50);
    expect(run.losses[summary.firstBelow!]).toBeLessThan(1e-3);
    expect(run.losses[summary.firstBelow! - 1]).toBeGreaterThanOrEqual(1e-3);
    const saddle = runOne(2, SURFACES.saddle, [-1.5, 0.01], 10, createStepper('SGD', { ...OPTIMIZERS.SGD.defaults, lr: 0.01 }));
    expect(summarize(saddle, SURFACES.saddle, 1e-3).distance).toBeNull();
  });

  it('projects to pixels with y up and clamps far-away points', () => {
    const run = runOne(1, SURFACES.ravine, [-10, 3], 1, createStepper('SGD', { ...OPTIMIZERS.SGD.defaults, lr: 0 }));
    const px = project(run, { view: SURFACES.ravine.view, left: 10, top: 20, width: 200, height: 60 });
    expect([...px.slice(0, 2)]).toEqual([10, 20]);
    const far = runOne(2, SURFACES.ravine, [-1e9, 0], 0, createStepper('SGD', OPTIMIZERS.SGD.defaults));
    expect(far.divergedAt).toBe(0);
  });
});
