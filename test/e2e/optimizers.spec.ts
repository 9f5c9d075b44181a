// "Compare Optimizers" in a real VS Code: the race runs in the webview with the core's numbers, the
// controls drive it, its state survives a window reload, it follows the theme, it copies PyTorch
// code through the host, and axe finds nothing serious in it. The seed demo is photographed mid-race
// and at its end in four themes at two widths; entries from a script reach a panel hidden behind it.
import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Frame } from '@playwright/test';
import { DEFAULT_RACE, parseSimulateSpec, simulate } from '../../src/core/simulate';
import { axeViolations, serious } from './axe';
import { test, expect, type VsCode } from './vscode';

const COMMAND = 'Optim Lens: Compare Optimizers';

/** The final losses the CLI computes for the seed demo, with Adam's lr replaced when given. */
function cliFinalLosses(adamLr?: number): number[] {
  const spec = adamLr === undefined ? DEFAULT_RACE : { ...DEFAULT_RACE, optimizers: DEFAULT_RACE.optimizers.map((o) => (o.type === 'Adam' ? { ...o, kwargs: { ...o.kwargs, lr: adamLr } } : o)) };
  return simulate(spec).trajectories.map((t) => t.losses.at(-1)!);
}

async function openPanel(vscode: VsCode): Promise<Frame> {
  // The command is in the palette once the extension host has read the contributions.
  await vscode.waitForExtensionHost();
  await vscode.runCommand(COMMAND);
  return panelFrame(vscode);
}

/** The app's frame, once its summary table is there. */
function panelFrame(vscode: VsCode): Promise<Frame> {
  return vscode.webviewFrame('[data-testid="summary"]', 30_000);
}

/** Name and final loss (full precision, from the row's data attribute) of each summary row. */
function summary(frame: Frame): Promise<{ name: string; finalLoss: number }[]> {
  return frame
    .getByTestId('summary-row')
    .evaluateAll((rows) => rows.map((row) => ({ name: (row as HTMLElement).dataset.name ?? '', finalLoss: Number((row as HTMLElement).dataset.finalLoss) })));
}

/** Waits until the surface canvas has pixels (the base layer is drawn asynchronously after mount). */
async function expectCanvasDrawn(frame: Frame): Promise<void> {
  await expect
    .poll(() =>
      frame.locator('canvas.surface-base').evaluate((canvas: HTMLCanvasElement) => {
        const ctx = canvas.getContext('2d');
        if (!ctx || canvas.width === 0) return 0;
        const { data } = ctx.getImageData(Math.floor(canvas.width / 2), Math.floor(canvas.height / 2), 1, 1);
        return data[3] ?? 0;
      }),
    )
    .toBe(255);
}

test('races SGD, Momentum and Adam on the valley with the CLI’s numbers, and keeps its state over a reload', async ({ vscode }) => {
  // A window reload and the first activation: slow on a shared machine.
  test.setTimeout(120_000);
  const frame = await openPanel(vscode);
  await expect(frame.getByRole('heading', { level: 1 })).toHaveText('Compare Optimizers');
  await expectCanvasDrawn(frame);
  await expect(frame.getByTestId('uplot-chart').locator('canvas')).toBeVisible();

  // The seed demo, exactly as the CLI computes it.
  const seed = cliFinalLosses();
  const rows = await summary(frame);
  expect(rows.map((r) => r.name)).toEqual(['SGD', 'SGD + momentum', 'Adam']);
  expect(rows.map((r) => r.finalLoss)).toEqual(seed);
  for (const row of rows) expect(Number.isFinite(row.finalLoss)).toBe(true);
  // The chapter's order: SGD slowest, Momentum faster, Adam lowest.
  expect(rows[0]!.finalLoss).toBeGreaterThan(rows[1]!.finalLoss);
  expect(rows[1]!.finalLoss).toBeGreaterThan(rows[2]!.finalLoss);
  await frame.getByTestId('step-slider').fill(String(DEFAULT_RACE.steps));
  await vscode.screenshot('optimizers-light');

  // Change Adam's lr: the table follows, with the CLI's number.
  const adam = frame.locator('[data-testid="entry"][data-type="Adam"]');
  await adam.getByTestId('lr').fill('0.05');
  const changed = cliFinalLosses(0.05);
  await expect.poll(async () => (await summary(frame)).map((r) => r.finalLoss)).toEqual(changed);
  expect(changed[2]).not.toBe(seed[2]);
  // An invalid value is shown at the field and the race keeps the last valid one.
  await adam.getByTestId('lr').fill('-1');
  await expect(adam.getByText('Invalid learning rate: -1')).toBeVisible();
  expect((await summary(frame)).map((r) => r.finalLoss)).toEqual(changed);
  await adam.getByTestId('lr').fill('0.05');
  await frame.getByTestId('step-slider').fill('40');
  await expect(frame.getByTestId('step-count')).toHaveText('Step 40 of 100');
  await vscode.screenshot('optimizers-edited');

  // Reload the window: the serializer brings the panel back with what the webview saved.
  await vscode.runCommand('Developer: Reload Window');
  await vscode.page.locator('.monaco-workbench').waitFor({ timeout: 30_000 });
  const restored = await panelFrame(vscode);
  await expect(restored.locator('[data-testid="entry"][data-type="Adam"]').getByTestId('lr')).toHaveValue('0.05');
  await expect(restored.getByTestId('step-count')).toHaveText('Step 40 of 100');
  expect((await summary(restored)).map((r) => r.finalLoss)).toEqual(changed);
  await expectCanvasDrawn(restored);
  await vscode.screenshot('optimizers-restored');
});

test('follows the theme, copies PyTorch code through the host, and passes axe', async ({ vscode }) => {
  await vscode.page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  let frame = await openPanel(vscode);
  await expectCanvasDrawn(frame);
  const pixel = () =>
    frame.locator('canvas.surface-base').evaluate((canvas: HTMLCanvasElement) => Array.from(canvas.getContext('2d')!.getImageData(2, 2, 1, 1).data));
  const lightCorner = await pixel();

  // Copy as PyTorch: the host writes the clipboard and says so in the status bar.
  await frame.getByRole('button', { name: 'Copy SGD + momentum as a PyTorch constructor call' }).click();
  const { lr, momentum } = DEFAULT_RACE.optimizers[1]!.kwargs;
  await expect(vscode.page.locator('.statusbar')).toContainText(`Copied to the clipboard: torch.optim.SGD(model.parameters(), lr=${String(lr)}, momentum=${String(momentum)})`);

  // A preset, then the dark theme: the canvas is redrawn in the new colours.
  await frame.getByTestId('preset').selectOption('rosenbrock');
  await expect(frame.getByTestId('surface')).toHaveValue('rosenbrock');
  await frame.getByRole('button', { name: 'Pause' }).click();
  await frame.getByTestId('step-slider').fill('600');
  await vscode.setTheme('Dark Modern');
  frame = await panelFrame(vscode);
  await expect(frame.locator('body')).toHaveClass(/\bvscode-dark\b/);
  await expect.poll(pixel).not.toEqual(lightCorner);
  await vscode.screenshot('optimizers-dark');

  // axe-core in the app's own frame: nothing serious or critical.
  expect(serious(await axeViolations(frame))).toEqual([]);

  await vscode.setTheme('Dark High Contrast');
  frame = await panelFrame(vscode);
  await expect(frame.locator('body')).toHaveClass(/\bvscode-high-contrast\b/);
  await vscode.screenshot('optimizers-high-contrast');
});

// Runs in the zh-cn project of playwright.config.ts (by its tag), on a code-server started in Chinese.
test.describe('with the display language set to Chinese', { tag: '@zh-cn' }, () => {
  test('the panel’s strings come from the Chinese bundle', async ({ vscode }) => {
    await vscode.waitForExtensionHost();
    await vscode.runCommand('Optim Lens: 比较优化器');
    const frame = await panelFrame(vscode);
    await expect(frame.getByRole('heading', { level: 1 })).toHaveText('比较优化器');
    await expect(frame.getByRole('heading', { name: 'SGD + 动量' })).toBeVisible();
    await expect(frame.getByRole('columnheader', { name: '最终损失' })).toBeVisible();
    await expect(frame.getByRole('combobox', { name: '损失曲面' })).toHaveValue(DEFAULT_RACE.surface);
    await expect(frame.getByTestId('preset-caption')).toContainText('SGD（红）');
    await expectCanvasDrawn(frame);
    await vscode.screenshot('optimizers-zh-cn');
  });
});

test('run from a training script, the panel races its optimizer next to the seed’s, once however often it is run', async ({ vscode }) => {
  await vscode.openFile('train_schedule.py');
  await vscode.waitForExtensionHost();
  await vscode.runCommand(COMMAND);
  const frame = await panelFrame(vscode);
  // AdamW(lr=3e-4, weight_decay=0.05) from line 10, then SGD, Momentum and Adam of the seed demo.
  const seed = DEFAULT_RACE.optimizers.map((o) => ({ type: o.type, ...o.kwargs }));
  const race = { surface: DEFAULT_RACE.surface, start: DEFAULT_RACE.start, steps: DEFAULT_RACE.steps, optimizers: [{ type: 'AdamW', lr: 3e-4, weight_decay: 0.05 }, ...seed] };
  const expected = simulate(parseSimulateSpec(race)).trajectories.map((t) => t.losses.at(-1)!);
  await expect.poll(async () => (await summary(frame)).map((r) => r.name)).toEqual([FROM_CODE, 'SGD', 'SGD + momentum', 'Adam']);
  expect((await summary(frame)).map((r) => r.finalLoss)).toEqual(expected);
  await expect(frame.locator('[data-testid="entry"][data-type="AdamW"]').getByTestId('lr')).toHaveValue('0.0003');
  await vscode.screenshot('optimizers-from-code');

  // Again from the editor: the entry from line 10 is updated in place, not added twice.
  // (Opening the file may hide the panel: its page then reloads, and the entries come after its `init`.)
  await vscode.openFile('train_schedule.py');
  await vscode.runCommand(COMMAND);
  const again = await panelFrame(vscode);
  await expect.poll(async () => (await summary(again)).map((r) => r.name)).toEqual([FROM_CODE, 'SGD', 'SGD + momentum', 'Adam']);
});

const FROM_CODE = 'AdamW lr=3e-4 · train_schedule.py:10';

/** How many editor groups the workbench shows. */
function editorGroups(vscode: VsCode): Promise<number> {
  return vscode.page.locator('.editor-group-container').count();
}

test('entries sent from a script reach the panel hidden behind it, in the panel’s own group, and can be rescaled', async ({ vscode }) => {
  // The panel is open, then the script is opened in the panel's group, on top of it.
  const frame = await openPanel(vscode);
  await expectCanvasDrawn(frame);
  const groups = await editorGroups(vscode);
  await vscode.openFile('train_schedule.py');
  await expect(vscode.page.locator('.editor-group-container.active .tab.active')).toContainText('train_schedule.py');
  await expect.poll(async () => (await vscode.page.locator('.editor-group-container.active .tab').allTextContents()).join('|')).toContain('Compare Optimizers');
  await vscode.runCommand(COMMAND);
  // The panel comes to the front in its group, and its page, reloaded, gets the script's optimizer.
  const shown = await panelFrame(vscode);
  await expect.poll(async () => (await summary(shown)).map((r) => r.name)).toEqual(['SGD', 'SGD + momentum', 'Adam', FROM_CODE]);
  expect(await editorGroups(vscode)).toBe(groups);
  // Run again: still one panel, no new group, the entry updated in place.
  await vscode.openFile('train_schedule.py');
  await vscode.runCommand(COMMAND);
  const again = await panelFrame(vscode);
  await expect.poll(async () => (await summary(again)).map((r) => r.name)).toEqual(['SGD', 'SGD + momentum', 'Adam', FROM_CODE]);
  expect(await editorGroups(vscode)).toBe(groups);
  // AdamW at 3e-4 barely moves on the valley: the panel says so and offers a rescaled twin.
  await expect(again.getByTestId('barely-moves')).toContainText(FROM_CODE);
  await again.getByTestId('rescale').click();
  await expect.poll(async () => (await summary(again)).map((r) => r.name).at(-1)).toMatch(/^AdamW lr=0\.15 · train_schedule\.py:10, rescaled to this surface$/);
  await vscode.screenshot('optimizers-hidden-then-added');
});

const THEMES = [
  ['light', 'Light Modern', /\bvscode-light\b/],
  ['dark', 'Dark Modern', /\bvscode-dark\b/],
  ['hc-dark', 'Dark High Contrast', /\bvscode-high-contrast\b/],
  ['hc-light', 'Light High Contrast', /\bvscode-high-contrast-light\b/],
] as const;

test('the seed demo plays once on open, and reads mid-race and at its end in four themes at 1600 and 900 px', async ({ vscode }) => {
  test.setTimeout(240_000);
  await vscode.page.setViewportSize({ width: 1600, height: 1000 });
  let frame = await openPanel(vscode);
  // It opens on step 0 and plays: the step count moves on by itself, never opening on its last frame.
  await expect.poll(async () => Number((await frame.getByTestId('step-count').textContent())!.match(/\d+/)![0])).toBeGreaterThan(5);
  await expect(frame.getByTestId('step-count')).toHaveText(`Step ${DEFAULT_RACE.steps} of ${DEFAULT_RACE.steps}`, { timeout: 30_000 });
  // The panel alone in the window (it is the only editor): no side bar.
  await vscode.runCommand('View: Close Primary Side Bar');
  // Momentum's arrows on, for the teaching layer.
  await frame.getByTestId('explain').selectOption({ label: 'SGD + momentum' });
  const docs = path.resolve(__dirname, '..', '..', 'docs', 'images');
  for (const [name, theme, bodyClass] of THEMES) {
    await vscode.setTheme(theme);
    frame = await panelFrame(vscode);
    await expect(frame.locator('body')).toHaveClass(bodyClass);
    for (const width of [1600, 900]) {
      await vscode.page.setViewportSize({ width, height: 1000 });
      await frame.getByTestId('step-slider').fill('30');
      await expect(frame.getByTestId('teaching-values')).toContainText('Step 30:');
      await expectCanvasDrawn(frame);
      // The status column stays within the table's visible box at every width (no sideways scrolling to find it).
      const status = frame.getByRole('columnheader', { name: 'Status' });
      expect(await status.evaluate((th) => th.getBoundingClientRect().right <= th.closest('.table-scroll')!.getBoundingClientRect().right + 1)).toBe(true);
      await vscode.screenshot(`seed-${name}-${width}-mid`);
      await frame.getByTestId('step-slider').fill(String(DEFAULT_RACE.steps));
      await expect(frame.getByTestId('step-count')).toHaveText(`Step ${DEFAULT_RACE.steps} of ${DEFAULT_RACE.steps}`);
      const end = await vscode.screenshot(`seed-${name}-${width}-end`);
      if (name === 'light' && width === 1600) {
        await mkdir(docs, { recursive: true });
        await copyFile(end, path.join(docs, 'compare-optimizers.png'));
      }
    }
  }
});
