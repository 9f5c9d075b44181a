// Fixtures and a small page object for driving a real VS Code (code-server) in Chromium, so that
// feature tests read as what a user does: open a file, run a command, read Problems or a webview.
//
//   import { test, expect } from './vscode';
//   test('…', async ({ vscode }) => { await vscode.openFile('train_buggy.py'); … });
//
// Each worker runs one code-server per display language; each test gets a fresh copy of
// test/e2e/workspace/ (so no editor state leaks between tests) and a fresh page.
import { test as base, expect, type Frame, type Locator, type Page, type TestInfo } from '@playwright/test';
import { cp, copyFile, mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { readState } from './global-setup';
import { loadHost, type CodeServer } from './host';

export { expect };

export type DisplayLanguage = 'en' | 'zh-cn';

/** One row of the Problems view. */
export interface Problem {
  readonly file: string;
  readonly severity: 'error' | 'warning' | 'info';
  readonly message: string;
  readonly source: string;
  readonly code: string;
  /** 1-based, as the view shows it. */
  readonly line: number;
  readonly column: number;
}

const WORKSPACE_FIXTURE = path.join(__dirname, 'workspace');
/** The text editor that has the focus (a notebook's cells are elsewhere: `.notebookOverlay`). */
const ACTIVE_EDITOR = '.editor-group-container.active .monaco-editor';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export class VsCode {
  constructor(
    readonly page: Page,
    /** The folder open in this test: a fresh copy of test/e2e/workspace/. */
    readonly workspace: string,
    private readonly testInfo: TestInfo,
  ) {}

  /** Loads the workbench on the test's folder; the explorer is ready when this returns. */
  async load(serverUrl: string): Promise<void> {
    await this.page.goto(`${serverUrl}?folder=${encodeURIComponent(this.workspace)}`);
    await this.page.locator('.monaco-workbench').waitFor({ timeout: 30_000 });
    await this.page.getByRole('treeitem').first().waitFor({ timeout: 30_000 });
  }

  /**
   * Opens a file of the workspace by clicking its explorer row (quick open right after load can
   * miss), and waits for its editor: a text editor, or the notebook editor for `.ipynb`.
   */
  async openFile(name: string): Promise<void> {
    const notebook = name.endsWith('.ipynb');
    // Opened before the extension host knows the notebook types, an .ipynb opens as JSON text.
    if (notebook) await this.waitForExtensionHost();
    await this.page.getByRole('treeitem', { name: new RegExp(`^${escapeRegExp(name)}$`) }).click();
    const group = this.page.locator('.editor-group-container.active');
    await expect(group.locator('.tabs-container .tab.active')).toHaveAttribute('aria-label', new RegExp(`^${escapeRegExp(name)}`));
    // A notebook renders in an overlay outside its editor group.
    const editor = notebook ? this.page.locator('.notebookOverlay .cell-list-container') : group.locator('.monaco-editor .view-lines');
    await editor.filter({ visible: true }).first().waitFor();
  }

  /**
   * Waits until the extension host runs extensions (Git and the like start with it). Each poll opens
   * and closes an editor, which takes seconds on a loaded machine: a minute before giving up.
   */
  async waitForExtensionHost(): Promise<void> {
    await expect.poll(async () => (await this.runningExtensions()).length, { message: 'the extension host did not start', timeout: 60_000 }).toBeGreaterThan(0);
  }

  /** Opens the command palette with `query` typed and returns the titles it lists. */
  async paletteEntries(query: string): Promise<string[]> {
    const input = await this.openPalette(query);
    const labels = this.page.locator('.quick-input-list .monaco-list-row .label-name');
    await labels.first().waitFor();
    const titles = await labels.allTextContents();
    await input.press('Escape');
    return titles.map((title) => title.trim());
  }

  /**
   * Runs a command by its palette title (e.g. "Optim Lens: Compare Optimizers"), as a user would.
   * Returns once the palette has let go: closed, or showing the command's own picker.
   */
  async runCommand(title: string): Promise<void> {
    const input = await this.openPalette(title);
    const label = this.page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(title)}$`) });
    await this.page.locator('.quick-input-list .monaco-list-row').filter({ has: label }).first().click();
    const widget = this.page.locator('.quick-input-widget');
    await expect
      .poll(async () => !(await widget.isVisible()) || (await input.inputValue()) !== `>${title}`, { message: `"${title}" did not run` })
      .toBe(true);
  }

  /** The rows of the Problems view (opened if needed). Only the rows the view renders: keep fixtures small. */
  async problems(): Promise<Problem[]> {
    const panel = this.page.locator('.markers-panel');
    if (!(await panel.isVisible())) {
      await this.runCommand('Problems: Focus on Problems View');
      await panel.waitFor();
    }
    return panel.locator('.monaco-list-row').evaluateAll((rows) => {
      const found: Problem[] = [];
      let file = '';
      for (const row of rows) {
        const text = (selector: string) => row.querySelector(selector)?.textContent?.trim() ?? '';
        // Level 1: a file; 2: a problem; 3: a problem's related information (not a problem).
        const level = row.getAttribute('aria-level');
        if (level === '1') file = text('.label-name');
        if (level !== '2') continue;
        const icon = row.querySelector('.marker-icon')?.classList;
        const [, line = '0', column = '0'] = /Ln (\d+), Col (\d+)/.exec(text('.marker-line')) ?? [];
        found.push({
          file,
          severity: icon?.contains('error') ? 'error' : icon?.contains('warning') ? 'warning' : 'info',
          message: text('.marker-message'),
          source: text('.marker-source'),
          code: text('.marker-code'),
          line: Number(line),
          column: Number(column),
        });
      }
      return found;
    });
  }

  /**
   * The frame of a webview whose document matches: a CSS selector that must be present, or any
   * check of the frame. Webviews are iframes inside iframes, so every frame of the page is searched.
   */
  async webviewFrame(predicate: string | ((frame: Frame) => Promise<boolean>), timeout = 15_000): Promise<Frame> {
    const matches = typeof predicate === 'string' ? (frame: Frame) => frame.locator(predicate).first().isVisible() : predicate;
    let match: Frame | undefined;
    await expect
      .poll(
        async () => {
          for (const frame of this.page.frames()) {
            if (frame.isDetached()) continue;
            if (await matches(frame).catch(() => false)) {
              match = frame;
              return true;
            }
          }
          return false;
        },
        { timeout, message: `no webview frame matches ${typeof predicate === 'string' ? predicate : 'the predicate'}` },
      )
      .toBe(true);
    return match!;
  }

  /** Labels of the open editor tabs, e.g. "train_buggy.py" or "Compare Optimizers, Editor Group 2". */
  editorTabs(): Promise<string[]> {
    return this.page.locator('.tabs-container .tab').evaluateAll((tabs) => tabs.map((tab) => tab.getAttribute('aria-label') ?? ''));
  }

  /**
   * Moves the mouse over the first occurrence of `text` in the active editor and returns the hover
   * widget once it shows. The exact characters are targeted (not a whole token), so `Adam` in
   * `torch.optim.Adam(` works. `line`: only on a line that shows this text (`step` of
   * `scheduler.step()`); `within`: other editors, e.g. a notebook's cells; `timeout`: how long to
   * wait for the widget.
   */
  async hover(text: string, options: { readonly line?: string; readonly within?: string; readonly timeout?: number } = {}): Promise<Locator> {
    const lines = this.page.locator(`${options.within ?? ACTIVE_EDITOR} .view-lines`);
    await lines.first().waitFor();
    const box = await lines.evaluateAll(
      (roots, { needle, line }) => {
        // Monaco renders spaces as U+00A0.
        const plain = (node: Node) => (node.textContent ?? '').replace(/\u00a0/g, ' ');
        for (const root of roots) {
          const rows = line === undefined ? [root] : Array.from(root.querySelectorAll('.view-line')).filter((row) => plain(row).includes(line));
          for (const row of rows) {
            const walker = document.createTreeWalker(row, NodeFilter.SHOW_TEXT);
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
              const at = plain(node).indexOf(needle);
              if (at < 0) continue;
              const range = document.createRange();
              range.setStart(node, at);
              range.setEnd(node, at + needle.length);
              const rect = range.getBoundingClientRect();
              return { x: rect.x + rect.width / 2, y: rect.y + rect.height / 2 };
            }
          }
        }
        return undefined;
      },
      { needle: text, line: options.line },
    );
    if (!box) throw new Error(`"${text}" is not on a visible line of the active editor (a match must lie within one token)`);
    await this.page.mouse.move(box.x, box.y);
    // Earlier hovers leave hidden widgets behind: the one that shows now is the visible one.
    const widget = this.page.locator('.monaco-hover:not(.hidden) .monaco-hover-content, .monaco-resizable-hover .monaco-hover-content').filter({ visible: true }).first();
    await widget.waitFor({ timeout: options.timeout });
    return widget;
  }

  /**
   * Hovers `text` (as `hover`) until the hover shows `expected`: the first hover of a session can
   * come before the extension has loaded its parser, and then VS Code shows nothing.
   */
  async hoverShowing(text: string, expected: string, where: Parameters<VsCode['hover']>[1] = {}): Promise<Locator> {
    let widget: Locator | undefined;
    await expect
      .poll(
        async () => {
          // Off the word but inside the editor: a hover retried from outside the editor never shows.
          const editor = await this.page.locator(`${where.within ?? ACTIVE_EDITOR} .view-lines`).first().boundingBox();
          if (editor) await this.page.mouse.move(editor.x + editor.width - 8, editor.y + editor.height - 8, { steps: 3 });
          widget = await this.hover(text, { timeout: 5_000, ...where }).catch(() => undefined);
          return (await widget?.textContent().catch(() => '')) ?? '';
        },
        { timeout: 30_000, message: `the hover on "${text}" never showed "${expected}"` },
      )
      .toContain(expected);
    return widget!;
  }

  /**
   * Clicks the last line matching `lines` that shows `lineText`, opens the code-action menu (Ctrl+.)
   * and returns its rows once `title` is among them.
   */
  async openCodeActions(lines: string, lineText: string, title: string): Promise<Locator> {
    const rows = this.page.locator('.action-widget .monaco-list-row');
    // A request that meets a re-analysis in flight (the file was just opened, the window reloaded)
    // can answer "No code actions available"; a user asks again, and so does this.
    await expect(async () => {
      await this.page.keyboard.press('Escape');
      await this.page.locator(lines, { hasText: lineText }).last().click();
      await this.page.keyboard.press('Control+.');
      await expect(rows.filter({ hasText: title })).toBeVisible({ timeout: 5_000 });
    }).toPass({ timeout: 30_000 });
    return rows;
  }

  /** Picks `title` in the open code-action menu with the keyboard: the menu sits under a pointer block while it opens. */
  async chooseCodeAction(title: string): Promise<void> {
    const focused = this.page.locator('.action-widget .monaco-list-row.focused');
    for (let i = 0; i < 10 && !((await focused.textContent()) ?? '').includes(title); i++) {
      await this.page.keyboard.press('ArrowDown');
    }
    await expect(focused).toContainText(title);
    await this.page.keyboard.press('Enter');
  }

  /** Switches the colour theme through its picker, e.g. "Dark Modern" or "Dark High Contrast". */
  async setTheme(label: string): Promise<void> {
    await this.runCommand('Preferences: Color Theme');
    const input = this.page.locator('.quick-input-widget input');
    await input.fill(label);
    await this.page.locator('.quick-input-list .monaco-list-row', { hasText: label }).first().waitFor();
    await input.press('Enter');
    await expect(this.page.locator('.quick-input-widget')).toBeHidden();
  }

  /** Names of the extensions whose code runs, from "Developer: Show Running Extensions" (closed again after). */
  async runningExtensions(): Promise<string[]> {
    await this.runCommand('Developer: Show Running Extensions');
    const rows = this.page.locator('.runtime-extensions-editor .monaco-list-row');
    await rows.first().waitFor();
    const names = await rows.evaluateAll((els) => els.map((el) => el.querySelector('.name')?.textContent?.trim() ?? ''));
    await this.runCommand('View: Close Editor');
    return names;
  }

  /** A PNG of the whole window, `test-results/e2e/<test>/<name>.png`. */
  async screenshot(name: string): Promise<string> {
    const file = this.testInfo.outputPath(`${name}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }

  private async openPalette(query: string): Promise<Locator> {
    const input = this.page.locator('.quick-input-widget input');
    await this.page.keyboard.press('F1');
    await input.waitFor();
    await input.fill(`>${query}`);
    return input;
  }
}

export interface VsCodeOptions {
  /** Display language of the worker's VS Code: set per project in playwright.config.ts. */
  displayLanguage: DisplayLanguage;
}

/** A worker's code-server, shared by its tests. */
export interface Server extends CodeServer {
  /** Puts the user settings back as they were at start, so that e.g. a theme switch stays in its test. */
  resetUserSettings(): Promise<void>;
}

interface WorkerFixtures extends VsCodeOptions {
  server: Server;
}

interface TestFixtures {
  vscode: VsCode;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  displayLanguage: ['en', { scope: 'worker', option: true }],

  server: [
    async ({ displayLanguage }, use) => {
      const state = readState();
      const userDataDir = await mkdtemp(path.join(os.tmpdir(), 'optim-lens-e2e-user-'));
      if (displayLanguage !== 'en') await copyFile(state.languagePacks, path.join(userDataDir, 'languagepacks.json'));
      const host = await loadHost();
      const locale = displayLanguage === 'en' ? undefined : displayLanguage;
      const server = await host.startCodeServer({ extensionsDir: state.extensionsDir, userDataDir, locale });
      const settingsFile = path.join(userDataDir, 'User', 'settings.json');
      const settings = await readFile(settingsFile, 'utf8');
      try {
        await use({ ...server, resetUserSettings: () => writeFile(settingsFile, settings) });
      } finally {
        await server.stop();
        await rm(userDataDir, { recursive: true, force: true });
      }
    },
    { scope: 'worker', timeout: 90_000 },
  ],

  vscode: async ({ page, server }, use, testInfo) => {
    await server.resetUserSettings();
    const scratch = await mkdtemp(path.join(os.tmpdir(), 'optim-lens-e2e-ws-'));
    const workspace = path.join(scratch, 'workspace');
    await mkdir(workspace);
    await cp(WORKSPACE_FIXTURE, workspace, { recursive: true });
    const vscode = new VsCode(page, workspace, testInfo);
    await vscode.load(server.url);
    try {
      await use(vscode);
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  },
});
