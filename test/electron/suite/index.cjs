// Runs inside desktop VS Code's extension host (loaded by @vscode/test-electron through
// `--extensionTestsPath`). A few scenarios need no framework: each test is an async function, run
// in order; `run()` rejects when any fails, which makes VS Code exit non-zero.
// CommonJS because VS Code loads the tests module with require().
const assert = require('node:assert/strict');
const path = require('node:path');
const vscode = require('vscode');
const scenarios = require('../../e2e/scenarios.json');

/** Polls `check` until it returns a truthy value, or fails with `what` after `timeoutMs`. */
async function waitFor(what, check, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function fileUri(name) {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('no workspace folder: run.mjs opens a copy of test/e2e/workspace/');
  return vscode.Uri.file(path.join(folder.uri.fsPath, name));
}

async function open(name) {
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(fileUri(name)));
}

function codeOf(diagnostic) {
  const { code } = diagnostic;
  return String(typeof code === 'object' && code !== null ? code.value : code ?? '');
}

function ourDiagnostics(name) {
  return vscode.languages.getDiagnostics(fileUri(name)).filter((d) => /^OL\d{3}$/.test(codeOf(d)));
}

function webviewTabs(viewType) {
  return vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .filter((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith(viewType));
}

const extension = () => vscode.extensions.getExtension(scenarios.extensionId);

/** `[name, test]`, or `[name, test, reason]` for a test of a feature that does not exist yet. */
const tests = [
  [
    'activates when a Python file opens',
    async () => {
      assert.ok(extension(), `${scenarios.extensionId} is not loaded`);
      assert.equal(extension().isActive, false, 'active before any Python file was opened');
      await open(scenarios.findings[0].file);
      await waitFor('activation', () => extension().isActive);
    },
  ],
  [
    'contributes and registers its commands',
    async () => {
      const contributed = extension().packageJSON.contributes.commands.map((c) => c.command);
      const registered = await vscode.commands.getCommands(true);
      for (const { id } of scenarios.commands) {
        assert.ok(contributed.includes(id), `${id} is not in package.json's contributes.commands`);
        assert.ok(registered.includes(id), `${id} is not registered`);
      }
    },
  ],
  [
    'each command opens its webview panel, and reveals it when run again',
    async () => {
      for (const { id, viewType, panelTitle } of scenarios.commands) {
        await vscode.commands.executeCommand(id);
        const [tab] = await waitFor(`a ${viewType} panel`, () => webviewTabs(viewType).length > 0 && webviewTabs(viewType));
        assert.equal(tab.label, panelTitle);
      }
      const { id, viewType } = scenarios.commands[0];
      await vscode.commands.executeCommand(id);
      assert.equal(webviewTabs(viewType).length, 1, `running ${id} again opened a second panel`);
    },
  ],
  [
    'reports its findings on the buggy loop, and none on the correct one',
    async () => {
      for (const { file, code, line } of scenarios.findings) {
        await open(file);
        await waitFor(`${code} on ${file}:${line}`, () =>
          ourDiagnostics(file).some((d) => codeOf(d) === code && d.range.start.line === line - 1),
        );
      }
      // Judged only now that the analyser has shown it runs: an absent analyser reports nothing too.
      for (const file of scenarios.clean) {
        await open(file);
        await new Promise((resolve) => setTimeout(resolve, 1000));
        assert.deepEqual(ourDiagnostics(file).map(codeOf), [], `findings on ${file}`);
      }
    },
  ],
];

async function run() {
  const failures = [];
  for (const [name, test, fixme] of tests) {
    if (fixme) {
      console.log(`  - ${name} (fixme: ${fixme})`);
      continue;
    }
    const started = Date.now();
    try {
      await test();
      console.log(`  ✓ ${name} (${Date.now() - started} ms)`);
    } catch (error) {
      failures.push(name);
      console.log(`  ✗ ${name}\n    ${error instanceof Error ? error.stack : String(error)}`);
    }
  }
  const skipped = tests.filter((t) => t[2]).length;
  console.log(`  ${tests.length - skipped - failures.length} passed, ${failures.length} failed, ${skipped} fixme`);
  if (failures.length > 0) throw new Error(`${failures.length} desktop test(s) failed: ${failures.join('; ')}`);
}

module.exports = { run };
