// "Compare Losses" in a real VS Code: opened from the palette, every section's readout holds the
// CLI's numbers (torch-exact, from the same core), the Huber delta field moves the Huber curve, the
// charts are drawn, axe finds nothing serious, a reload keeps it; a loss hover's link opens it on
// that loss; and in Chinese.
import type { Frame } from '@playwright/test';
import { runLossesJson } from '../../src/core/losses';
import { axeViolations, serious } from './axe';
import { test, expect, type VsCode } from './vscode';

const COMMAND = 'Optim Lens: Compare Losses';

function panelFrame(vscode: VsCode): Promise<Frame> {
  return vscode.webviewFrame('[data-testid="readout-residual"]', 30_000);
}

/** The CLI's loss and gradient of one curve at one x. */
function cli(loss: Record<string, unknown>, x: number, extra: Record<string, unknown> = {}): [number, number] {
  const out = runLossesJson({ loss, x: [x], ...extra }) as { loss: number[]; grad: number[] };
  return [out.loss[0]!, out.grad[0]!];
}

/** A readout row's full-precision loss and gradient. */
async function readout(frame: Frame, section: string, curve: string): Promise<[number, number]> {
  const row = frame.getByTestId(`readout-${section}`).locator(`tr[data-curve="${curve}"]`);
  return [Number(await row.getAttribute('data-loss')), Number(await row.getAttribute('data-grad'))];
}

/** How many pixels each chart's canvas has drawn. */
function drawnPixels(frame: Frame): Promise<number[]> {
  return frame.getByTestId('uplot-chart').evaluateAll((charts) =>
    charts.map((chart) => {
      const canvas = chart.querySelector('canvas');
      const ctx = canvas?.getContext('2d');
      if (!canvas || !ctx || canvas.width === 0) return 0;
      const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
      let n = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) n++;
      return n;
    }),
  );
}

test('opens from the palette with the CLI’s losses and gradients, follows the Huber delta and passes axe', async ({ vscode }) => {
  await vscode.waitForExtensionHost();
  await vscode.runCommand(COMMAND);
  const frame = await panelFrame(vscode);
  await expect(frame.getByRole('heading', { level: 1 })).toHaveText('Compare Losses');
  await expect(frame.getByRole('heading', { level: 2 })).toHaveText([
    'Regression losses against the residual',
    'Cross-entropy against the logit of the true class',
    'BCEWithLogitsLoss against the logit of a positive example',
    'BCELoss against the probability of a positive example',
  ]);

  expect(await readout(frame, 'residual', 'mse')).toEqual(cli({ type: 'MSELoss' }, 1.5));
  expect(await readout(frame, 'residual', 'huber')).toEqual(cli({ type: 'HuberLoss' }, 1.5));
  expect(await readout(frame, 'logit', 'ce')).toEqual(cli({ type: 'CrossEntropyLoss' }, 2, { classes: 10 }));
  expect(await readout(frame, 'logit', 'ce-softmax')).toEqual(cli({ type: 'CrossEntropyLoss' }, 2, { classes: 10, extra_activation: 'softmax' }));
  expect(await readout(frame, 'binary', 'bcewl-sigmoid')).toEqual(cli({ type: 'BCEWithLogitsLoss' }, 2, { extra_activation: 'sigmoid' }));
  expect(await readout(frame, 'probability', 'bce')).toEqual(cli({ type: 'BCELoss' }, 0.7));
  // The doubled softmax's floor, log(e + 9) − 1, against ln 10 at the start.
  await expect(frame.getByTestId('section-logit')).toContainText('cannot fall below 1.461 (ln 10 = 2.303 at the start)');

  // The Huber delta: the readout follows with the CLI's numbers; a value torch refuses is shown at the field.
  await frame.getByTestId('delta').fill('0.5');
  await expect.poll(() => readout(frame, 'residual', 'huber')).toEqual(cli({ type: 'HuberLoss', delta: 0.5 }, 1.5));
  await expect(frame.getByTestId('readout-residual')).toContainText('HuberLoss(delta=0.5)');
  await frame.getByTestId('delta').fill('-1');
  await expect(frame.locator('.field-error')).toHaveText('must be > 0, got -1');
  await frame.getByTestId('delta').fill('0.5');
  await expect(frame.locator('.field-error')).toHaveCount(0);

  await expect.poll(() => drawnPixels(frame)).toEqual([expect.any(Number), expect.any(Number), expect.any(Number), expect.any(Number)]);
  for (const pixels of await drawnPixels(frame)) expect(pixels).toBeGreaterThan(100);
  await vscode.screenshot('losses-panel');
  await frame.getByTestId('section-logit').scrollIntoViewIfNeeded();
  await vscode.screenshot('losses-panel-cross-entropy');

  expect(serious(await axeViolations(frame))).toEqual([]);
});

test('comes back after a window reload with the delta it had', async ({ vscode }) => {
  await vscode.waitForExtensionHost();
  await vscode.runCommand(COMMAND);
  const frame = await panelFrame(vscode);
  await frame.getByTestId('delta').fill('0.5');
  await expect.poll(() => readout(frame, 'residual', 'huber')).toEqual(cli({ type: 'HuberLoss', delta: 0.5 }, 1.5));

  await vscode.runCommand('Developer: Reload Window');
  await vscode.page.locator('.monaco-workbench').waitFor({ timeout: 30_000 });
  const restored = await panelFrame(vscode);
  await expect(restored.getByTestId('delta')).toHaveValue('0.5');
  expect(await readout(restored, 'residual', 'huber')).toEqual(cli({ type: 'HuberLoss', delta: 0.5 }, 1.5));
});

test('a loss hover’s link opens Compare Losses on that loss', async ({ vscode }) => {
  await vscode.openFile('hover_demo.py');
  const hover = await vscode.hoverShowing('cross_entropy', 'torch.nn.functional.cross_entropy');
  await hover.getByRole('link', { name: 'Plot in Compare Losses' }).click();
  await vscode.page.mouse.move(100, 700);
  const frame = await panelFrame(vscode);
  await expect(frame.getByTestId('from-code')).toHaveText('From your code: CrossEntropyLoss hover_demo.py:17');
  await expect(frame.getByTestId('section-logit')).toHaveClass(/\bmarked\b/);
  expect(await readout(frame, 'logit', 'ce')).toEqual(cli({ type: 'CrossEntropyLoss' }, 2, { classes: 10 }));
});

test.describe('with the display language set to Chinese', { tag: '@zh-cn' }, () => {
  test('the command and the panel are in Chinese', async ({ vscode }) => {
    await vscode.waitForExtensionHost();
    expect(await vscode.paletteEntries('Optim Lens')).toEqual(expect.arrayContaining(['Optim Lens: 比较损失函数']));
    await vscode.runCommand('Optim Lens: 比较损失函数');
    const frame = await panelFrame(vscode);
    await expect(frame.getByRole('heading', { level: 1 })).toHaveText('比较损失函数');
    await expect(frame.getByTestId('section-logit').getByRole('heading')).toHaveText('交叉熵与真实类别 logit 的关系');
    await expect(frame.getByTestId('section-logit')).toContainText('损失无法低于 1.461（起点为 ln 10 = 2.303）');
    await vscode.screenshot('losses-panel-zh-cn');
  });
});
