// The project-wide model as a user meets it: a script whose scheduler steps before a training
// function of another file of the workspace gets its finding, and editing that other file on disk
// updates the open script's findings.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test, expect } from './vscode';

const ENGINE_STEPS = `def train_one_epoch(model, loader, optimizer):
    for x, y in loader:
        optimizer.zero_grad()
        model(x).sum().backward()
        optimizer.step()
`;

const ENGINE_EVALUATES = `def train_one_epoch(model, loader, optimizer):
    for x, y in loader:
        model(x).sum()
`;

const MAIN = `import torch
from engine import train_one_epoch

optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=30)
for epoch in range(90):
    scheduler.step()
    train_one_epoch(model, loader, optimizer)
`;

test('a call into another file of the workspace is followed, and an edit there re-checks the open script', async ({ vscode }) => {
  await writeFile(path.join(vscode.workspace, 'engine.py'), ENGINE_STEPS);
  await writeFile(path.join(vscode.workspace, 'main_project.py'), MAIN);
  // Written after the folder opened: reloaded, the window lists them (as workspace.spec.ts does).
  await vscode.load(new URL(vscode.page.url()).origin + '/');
  await vscode.waitForExtensionHost();
  await vscode.openFile('main_project.py');
  await expect
    .poll(() => vscode.problems(), { timeout: 30_000 })
    .toContainEqual(expect.objectContaining({ file: 'main_project.py', code: 'OL003', source: 'Optim Lens', line: 7 }));
  await vscode.screenshot('project-finding');

  // The training function no longer steps the optimizer: the open script's finding goes.
  await writeFile(path.join(vscode.workspace, 'engine.py'), ENGINE_EVALUATES);
  await expect
    .poll(async () => (await vscode.problems()).filter((p) => p.file === 'main_project.py' && p.code === 'OL003'), { timeout: 30_000 })
    .toEqual([]);
});
