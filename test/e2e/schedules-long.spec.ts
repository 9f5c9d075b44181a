// "Show LR Schedule" at the length in a real VS Code: 100,000 steps, a parameter typed
// key by key, and the chart ending on the CLI's numbers once the panel has traced (after a pause in
// typing, in slices). The longest main-thread tasks of the webview are logged, not asserted: speed
// is `npm run bench`'s business.
import type { Frame } from '@playwright/test';
import { parseScheduleSpec, runSchedule } from '../../src/core/schedule';
import { test, expect } from './vscode';

const STEPS = 100_000;
/** The run's last iteration: the chart covers 0 … STEPS − 1 (the lr after the last step() trains nothing). */
const LAST = STEPS - 1;

function cli(tMax: number): number[] {
  const scheduler = { type: 'SequentialLR', schedulers: [{ type: 'LinearLR', start_factor: 0.1, total_iters: 5 }, { type: 'CosineAnnealingLR', T_max: tMax }], milestones: [5] };
  return runSchedule(parseScheduleSpec({ base_lr: 0.1, steps: STEPS, scheduler })).lrs;
}

/** The first schedule's lr in the readout at `step` (full precision). */
async function readoutAt(frame: Frame, step: number): Promise<number> {
  await frame.getByTestId('inspect').fill(String(step));
  return Number(await frame.getByTestId('readout').locator('li').first().getAttribute('data-lr'));
}

/** Waits until the chart is not behind the inputs any more. */
async function traced(frame: Frame): Promise<void> {
  await expect(frame.getByTestId('uplot-chart')).toBeVisible();
  await expect(frame.locator('section.plot[aria-busy]')).toHaveCount(0, { timeout: 30_000 });
}

test('traces 100,000 steps, follows a parameter typed key by key and ends on the CLI’s numbers', async ({ vscode }) => {
  await vscode.waitForExtensionHost();
  await vscode.runCommand('Optim Lens: Show LR Schedule');
  const frame = await vscode.webviewFrame('[data-testid="readout"]', 30_000);
  await frame.evaluate(() => {
    const durations: number[] = [];
    (window as unknown as { longTasks: number[] }).longTasks = durations;
    new PerformanceObserver((list) => durations.push(...list.getEntries().map((e) => e.duration))).observe({ type: 'longtask' });
  });

  await frame.getByTestId('steps').fill(String(STEPS));
  const before = cli(95);
  // The slider reaches the last iteration once the longer run is taken (the first 100,000-step trace
  // may keep a loaded machine busy for a while: the wait is generous, speed is the bench's business).
  await expect(frame.getByTestId('inspect')).toHaveAttribute('max', String(LAST), { timeout: 60_000 });
  await traced(frame);
  await expect.poll(() => readoutAt(frame, LAST), { timeout: 30_000 }).toBe(before[LAST]);
  await traced(frame);
  for (const step of [0, 5, 50_000, LAST]) expect(await readoutAt(frame, step)).toBe(before[step]);

  // T_max typed one key at a time, as a user does: 9, 90, 900, 9000, 90000.
  const tMax = frame.locator('[data-testid="editor"][data-type="CosineAnnealingLR"]').getByTestId('kw-T_max');
  await tMax.fill('');
  await tMax.pressSequentially('90000', { delay: 40 });
  const after = cli(90_000);
  await expect.poll(() => readoutAt(frame, 50_000), { timeout: 30_000 }).toBe(after[50_000]);
  await traced(frame);
  for (const step of [0, 5, 50_000, LAST]) expect(await readoutAt(frame, step)).toBe(after[step]);
  expect(after[50_000]).not.toBe(before[50_000]);

  const longTasks = await frame.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
  console.log(`long tasks in the webview (ms, > 50 ms each): ${JSON.stringify(longTasks.map(Math.round))}`);
});
