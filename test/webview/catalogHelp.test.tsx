/**
 * Each panel's picker says what the class it offers does, in one line from the documentation
 * catalog, in the user's language, and follows the selection.
 */
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import zh from '../../l10n/bundle.l10n.zh-cn.json';
import { classDoc } from '../../src/analysis/catalog';
import { App as OptimizersApp } from '../../webview/optimizers/App';
import { defaultState as defaultRace } from '../../webview/optimizers/state';
import { App as SchedulesApp } from '../../webview/schedules/App';
import { defaultState as defaultSchedules } from '../../webview/schedules/state';
import { recordingBackend } from './fakeCanvas';
import * as optimizerStrings from './optimizers/strings';
import * as scheduleStrings from './schedules/strings';

afterEach(cleanup);

const host = { postMessage: () => undefined, setState: () => undefined };
const summary = (kind: 'optimizer' | 'scheduler', cls: string) => classDoc(kind, cls)!.summary;
const chinese = (text: string) => (zh as Record<string, string>)[text];

function pick(value: string): HTMLElement {
  fireEvent.change(screen.getByTestId('add-type'), { target: { value } });
  return screen.getByTestId('add-help');
}

describe('the pickers’ help', () => {
  it('Compare Optimizers: the summary of the optimizer to add, as a line and on each option', () => {
    render(<OptimizersApp strings={optimizerStrings.EN} initial={defaultRace()} host={host} backend={recordingBackend()} />);
    expect(screen.getByTestId('add-help').textContent).toBe(summary('optimizer', 'Adam'));
    expect(pick('RMSprop').textContent).toBe(summary('optimizer', 'RMSprop'));
    expect(screen.getByRole('option', { name: 'AdamW' }).getAttribute('title')).toBe(summary('optimizer', 'AdamW'));
    expect(screen.getByTestId('add-type').getAttribute('aria-describedby')).toBe(screen.getByTestId('add-help').id);
  });

  it('LR Schedule: the summary of the scheduler to add', () => {
    render(<SchedulesApp strings={scheduleStrings.EN} initial={defaultSchedules()} host={host} />);
    expect(pick('ReduceLROnPlateau').textContent).toBe(summary('scheduler', 'ReduceLROnPlateau'));
    const picker = screen.getByTestId('add-type');
    expect(picker.querySelector('option[value="OneCycleLR"]')?.getAttribute('title')).toBe(summary('scheduler', 'OneCycleLR'));
  });

  it('in Chinese', () => {
    render(<SchedulesApp strings={scheduleStrings.ZH} initial={defaultSchedules()} host={host} />);
    expect(pick('CosineAnnealingLR').textContent).toBe(chinese(summary('scheduler', 'CosineAnnealingLR')));
    cleanup();
    render(<OptimizersApp strings={optimizerStrings.ZH} initial={defaultRace()} host={host} backend={recordingBackend()} />);
    expect(pick('SGD').textContent).toBe(chinese(summary('optimizer', 'SGD')));
  });
});
