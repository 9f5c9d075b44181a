// "Show LR Schedule" in a real VS Code: the default warmup-then-cosine schedule with the CLI's numbers
// in the readout, a parameter change that the chart follows, the state kept over a reload, the theme
// followed, and axe finding nothing serious.
import type { Frame } from '@playwright/test';
import { parseScheduleSpec, runSchedule } from '../../src/core/schedule';
import { compareCadences } from '../../src/core/schedule/cadence';
import { axeViolations, serious } from './axe';
import { test, expect, type VsCode } from './vscode';

const COMMAND = 'Optim Lens: Show LR Schedule';

/** The CLI's lrs for the default schedule, with CosineAnnealingLR's T_max replaced when given. */
function cliLrs(tMax = 95): number[] {
  const scheduler = { type: 'SequentialLR', schedulers: [{ type: 'LinearLR', start_factor: 0.1, total_iters: 5 }, { type: 'CosineAnnealingLR', T_max: tMax }], milestones: [5] };
  return runSchedule(parseScheduleSpec({ base_lr: 0.1, steps: 100, scheduler })).lrs;
}

async function openPanel(vscode: VsCode): Promise<Frame> {
  await vscode.waitForExtensionHost();
  await vscode.runCommand(COMMAND);
  return panelFrame(vscode);
}

function panelFrame(vscode: VsCode): Promise<Frame> {
  return vscode.webviewFrame('[data-testid="readout"]', 30_000);
}

/** The readout's lr (full precision) at `step`, moved there with the keyboard-accessible slider. */
async function lrAt(frame: Frame, step: number): Promise<number> {
  await frame.getByTestId('inspect').fill(String(step));
  return Number(await frame.getByTestId('readout').locator('li').first().getAttribute('data-lr'));
}

/** Whether the chart's canvas has drawn pixels (uPlot draws on creation). */
async function expectChartDrawn(frame: Frame): Promise<void> {
  await expect(frame.getByTestId('uplot-chart').locator('canvas')).toBeVisible();
  await expect
    .poll(() =>
      frame.getByTestId('uplot-chart').locator('canvas').evaluate((canvas: HTMLCanvasElement) => {
        const ctx = canvas.getContext('2d');
        if (!ctx || canvas.width === 0) return 0;
        const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
        let n = 0;
        for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) n++;
        return n;
      }),
    )
    .toBeGreaterThan(100);
}

test('shows the default schedule with the CLI’s numbers, follows an edit and keeps it over a reload', async ({ vscode }) => {
  const frame = await openPanel(vscode);
  await expect(frame.getByRole('heading', { level: 1 })).toHaveText('LR Schedule');
  await expectChartDrawn(frame);
  const cli = cliLrs();
  // 100 iterations train with lr 0 … 99 (the lr after the 100th step() trains nothing and is not drawn).
  for (const step of [0, 2, 5, 50, 99]) expect(await lrAt(frame, step)).toBe(cli[step]);
  await expect(frame.getByTestId('readout')).toContainText('iteration 99: lr = ');
  await vscode.screenshot('schedules-light');

  // T_max of the cosine: the readout follows, with the CLI's numbers.
  const cosine = frame.locator('[data-testid="editor"][data-type="CosineAnnealingLR"]');
  await cosine.getByTestId('kw-T_max').fill('45');
  const changed = cliLrs(45);
  await expect.poll(() => lrAt(frame, 30)).toBe(changed[30]);
  expect(changed[30]).not.toBe(cli[30]);
  // An invalid value is shown at the field, and the schedule says it is not plotted.
  await cosine.getByTestId('kw-T_max').fill('0');
  await expect(cosine.locator('.field-error')).toBeVisible();
  await expect(frame.getByTestId('entry-error')).toBeVisible();
  await cosine.getByTestId('kw-T_max').fill('45');
  await expect(frame.getByTestId('entry-error')).toHaveCount(0);

  await vscode.runCommand('Developer: Reload Window');
  await vscode.page.locator('.monaco-workbench').waitFor({ timeout: 30_000 });
  const restored = await panelFrame(vscode);
  await expect(restored.locator('[data-testid="editor"][data-type="CosineAnnealingLR"]').getByTestId('kw-T_max')).toHaveValue('45');
  expect(await lrAt(restored, 30)).toBe(changed[30]);
});

test('overlays a OneCycleLR with its momentum, follows the theme and passes axe', async ({ vscode }) => {
  let frame = await openPanel(vscode);
  await frame.getByTestId('add-type').selectOption('OneCycleLR');
  await frame.getByTestId('add').click();
  await expect(frame.getByTestId('entry')).toHaveCount(2);
  await expect(frame.getByTestId('readout')).toContainText('momentum =');
  await expectChartDrawn(frame);
  await vscode.screenshot('schedules-overlay-light');

  await vscode.setTheme('Dark Modern');
  frame = await panelFrame(vscode);
  await expect(frame.locator('body')).toHaveClass(/\bvscode-dark\b/);
  await expectChartDrawn(frame);
  await vscode.screenshot('schedules-dark');

  expect(serious(await axeViolations(frame))).toEqual([]);
});

/** Every schedule's lr (full precision) at iteration `step`, in the order of the entries. */
async function lrsAt(frame: Frame, step: number): Promise<number[]> {
  await frame.getByTestId('inspect').fill(String(step));
  return frame.getByTestId('readout').locator('li').evaluateAll((items) => items.map((li) => Number(li.getAttribute('data-lr'))));
}

test('from an OL004 finding, the code action plots the schedule as intended and as the code steps it', async ({ vscode }) => {
  await vscode.openFile('train_schedule.py');
  await expect.poll(() => vscode.problems(), { timeout: 20_000 }).toContainEqual(expect.objectContaining({ file: 'train_schedule.py', code: 'OL004' }));
  const title = 'Show the effect on the schedule';
  await vscode.openCodeActions('.editor-group-container.active .view-line', 'scheduler.step()', title);
  await vscode.chooseCodeAction(title);

  const frame = await panelFrame(vscode);
  const entries = frame.getByTestId('entry');
  await expect(entries).toHaveCount(2);
  await expect(entries.nth(0)).toContainText('as the code steps it');
  await expect(entries.nth(1)).toContainText('as intended');
  // CosineAnnealingLR(T_max=EPOCHS) from AdamW(lr=3e-4): 100 epochs of 500 batches, per epoch vs per batch.
  const { intended, actual } = compareCadences({ type: 'CosineAnnealingLR', T_max: 100 }, 3e-4, 500, 100, 'epoch', 'batch');
  for (const step of [0, 100, 25_000, 49_999]) {
    await expect.poll(() => lrsAt(frame, step)).toEqual([actual[step], intended[step]]);
  }
  // Halfway through the run the intended schedule is at half the lr; the per-batch one has cycled 250 times.
  expect(intended[25_000]).toBeCloseTo(1.5e-4, 12);
  expect(actual[100]).toBe(0);
  await expectChartDrawn(frame);
  await vscode.screenshot('schedule-effect-ol004');
});

test('run from a training script, the panel shows its scheduler, stepped as the script steps it', async ({ vscode }) => {
  await vscode.openFile('train_schedule.py');
  await vscode.waitForExtensionHost();
  await vscode.runCommand(COMMAND);
  const frame = await panelFrame(vscode);
  const entry = frame.getByTestId('entry');
  await expect(entry).toHaveCount(1);
  await expect(entry).toContainText('train_schedule.py:11');
  await expect(entry.locator('[data-testid="editor"][data-type="CosineAnnealingLR"]').getByTestId('kw-T_max')).toHaveValue('100');
  // Stepped per batch as the script does, over its 100 epochs × 500 batches.
  const lrs = runSchedule(parseScheduleSpec({ base_lr: 3e-4, steps: 50_000, scheduler: { type: 'CosineAnnealingLR', T_max: 100 } })).lrs;
  for (const step of [0, 50, 500, 25_000]) expect(await lrsAt(frame, step)).toEqual([lrs[step]]);
});
