// LR Schedule in a real VS Code, for issue 15's defects: one readout (the legends are keys), no
// "reductions: —", the chart ending on the run's last iteration (OneCycleLR on a log axis does not
// jump back up), and ReduceLROnPlateau's synthetic metric drawn under the lr with its reductions.
import { test, expect } from './vscode';

test('a OneCycleLR and a ReduceLROnPlateau on a log axis: one readout, the metric plotted', async ({ vscode }) => {
  await vscode.waitForExtensionHost();
  await vscode.runCommand('Optim Lens: Show LR Schedule');
  const frame = await vscode.webviewFrame('[data-testid="readout"]', 60_000);
  await frame.getByTestId('scheduler-type').first().selectOption('ReduceLROnPlateau');
  await frame.getByTestId('add-type').selectOption('OneCycleLR');
  await frame.getByTestId('add').click();
  await frame.getByTestId('y-scale').selectOption('log');
  await expect(frame.getByTestId('entry')).toHaveCount(2);

  const metric = frame.getByTestId('metric-chart');
  await expect(metric).toBeVisible();
  await expect(metric.locator('figcaption')).toContainText('ReduceLROnPlateau.step(metric)');
  await expect(metric.locator('canvas')).toBeVisible();
  await expect(metric.locator('.u-legend .u-label')).toHaveText(['ReduceLROnPlateau validation loss', 'ReduceLROnPlateau reductions']);
  // The legends name the lines; the numbers are in the readout only.
  await expect(frame.locator('.u-legend .u-value')).toHaveCount(0);
  const legends = await frame.locator('.u-legend').allTextContents();
  expect(legends.length).toBe(2);
  for (const text of legends) expect(text).not.toMatch(/—|--/);
  await expect(frame.getByTestId('inspect')).toHaveAttribute('max', '99');
  await frame.getByTestId('inspect').fill('60');
  await expect(frame.getByTestId('readout').locator('li').first()).toContainText('validation loss = ');
  await vscode.screenshot('schedules-plateau-metric');
});
