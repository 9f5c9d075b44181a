/**
 * A panel state is the host's (a hover link, a restored panel, a repository's code) and a crafted
 * one may nest composites without end: the editor nests one editor per level, so the state is
 * bounded where it is read, with a line saying why a schedule is not shown.
 */
import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App, type AppHost } from '../../../webview/schedules/App';
import { readState } from '../../../webview/schedules/state';
import { EN, ZH } from './strings';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

function nested(levels: number): unknown {
  let spec: unknown = { type: 'StepLR', step_size: 2 };
  for (let i = 0; i < levels; i++) spec = { type: 'SequentialLR', schedulers: [spec, { type: 'ConstantLR' }], milestones: [1] };
  return spec;
}

const state = (scheduler: unknown) => ({ schedules: [{ label: 'deep', scheduler, base_lr: 0.1 }] });

describe('a state nesting schedulers too deep', () => {
  it('is refused where it is read, with a line saying why', () => {
    const read = readState(state(nested(300)))!;
    const [entry] = read.state.entries;
    expect(entry!.scheduler).toBeNull();
    expect(entry!.note).toBe('schedules[0].scheduler: nested more than 16 levels deep');
    expect(entry!.label).toBe('deep');
  });

  it('says so in Chinese too', () => {
    const read = readState(state(nested(300)), undefined, ZH)!;
    expect(read.state.entries[0]!.note).toBe(`schedules[0].scheduler: ${ZH['reason.nestedTooDeep'].replace('{limit}', '16')}`);
    expect(ZH['reason.nestedTooDeep']).not.toBe(EN['reason.nestedTooDeep']);
  });

  it('is refused in any value nested without end, not only in schedulers', () => {
    let milestones: unknown = [1];
    for (let i = 0; i < 10_000; i++) milestones = [milestones];
    const read = readState(state({ type: 'MultiStepLR', milestones }))!;
    expect(read.state.entries[0]!.note).toMatch(/^schedules\[0\]\.scheduler: nested more than \d+ levels deep$/);
  });

  it('does not crash the app, which shows the refusal', () => {
    vi.useFakeTimers();
    const host: AppHost = { postMessage: () => undefined, setState: () => undefined };
    render(<App strings={EN} initial={readState(state(nested(300)))!.state} host={host} />);
    vi.runAllTimers();
    expect(screen.getByTestId('note').textContent).toBe('schedules[0].scheduler: nested more than 16 levels deep');
  });

  it('sixteen levels are still read and drawn', () => {
    const read = readState(state(nested(16)))!;
    expect(read.state.entries[0]!.note).toBeUndefined();
    expect(read.state.entries[0]!.scheduler).toEqual(nested(16));
  });
});
