import * as vscode from 'vscode';
import type { Ctx } from './context';
import { findWorkspaceFiles } from './workspaceFiles';
import type { FileProblem } from '../workspace/engine';

/** What one run of "Check Workspace" did; the command returns it (tests read it). */
export interface WorkspaceCheckSummary {
  readonly files: number;
  readonly checked: number;
  readonly findings: number;
  readonly filesWithFindings: number;
  readonly problems: number;
  readonly cancelled: boolean;
}

/**
 * "Optim Lens: Check Workspace": every Python file and notebook of the workspace through the
 * engine, in a cancellable notification, into the Problems view. A large workspace is analysed in
 * worker threads, which also keeps the extension host free. Running it again stops a run under
 * way; disposing stops it too.
 */
export class WorkspaceCheck implements vscode.Disposable {
  private running: AbortController | undefined;

  constructor(private readonly ctx: Ctx) {}

  async run(): Promise<WorkspaceCheckSummary | undefined> {
    if (!vscode.workspace.workspaceFolders?.length) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Open a folder to check its Python files and notebooks.'));
      return undefined;
    }
    this.running?.abort();
    const controller = new AbortController();
    this.running = controller;
    try {
      const summary = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Optim Lens: checking the workspace'), cancellable: true },
        (progress, token) => {
          token.onCancellationRequested(() => controller.abort());
          return this.check(progress, token, controller.signal);
        },
      );
      this.report(summary);
      return summary;
    } finally {
      if (this.running === controller) this.running = undefined;
    }
  }

  dispose(): void {
    this.running?.abort();
  }

  private async check(progress: vscode.Progress<{ message?: string; increment?: number }>, token: vscode.CancellationToken, signal: AbortSignal): Promise<WorkspaceCheckSummary> {
    progress.report({ message: vscode.l10n.t('Finding files…') });
    const files = await findWorkspaceFiles(token);
    const diagnostics = this.ctx.diagnostics;
    const counts = { files: files.length, checked: 0, findings: 0, filesWithFindings: 0, problems: 0 };
    if (signal.aborted) return { ...counts, cancelled: true };
    diagnostics.clearWorkspaceFindings();
    let percent = 0;
    const onProgress = ({ done, total }: { done: number; total: number }) => {
      const now = Math.floor((done * 100) / total);
      progress.report({ increment: now - percent, message: vscode.l10n.t('{0} of {1} files', done, total) });
      percent = now;
    };
    const read = (uri: vscode.Uri) => Promise.resolve(vscode.workspace.fs.readFile(uri));
    const host = this.ctx.host;
    const project = host.workspaceProject() ?? {};
    const pool = host.parallelChecker(files.length);
    this.ctx.log.info(`Check Workspace: ${files.length} files, ${pool ? `${pool.workers} worker threads` : 'in the extension host'}`);
    try {
      const checker = pool?.checker ?? (await this.ctx.analysis.analyzer());
      for await (const outcome of this.ctx.analysis.module.checkFiles(checker, files, { read, signal, onProgress, pause: () => host.yieldToHost(), ...project })) {
        counts.checked++;
        if ('problem' in outcome) {
          counts.problems++;
          this.ctx.log.warn(`Check Workspace: ${outcome.file.fsPath}: ${problemText(outcome.problem)}`);
          continue;
        }
        const shown = diagnostics.showWorkspaceFindings(outcome.file, outcome.findings, outcome.text);
        counts.findings += shown;
        if (shown > 0) counts.filesWithFindings++;
      }
    } finally {
      await pool?.close();
    }
    return { ...counts, cancelled: signal.aborted };
  }

  private report(summary: WorkspaceCheckSummary): void {
    this.ctx.log.info(`Check Workspace: ${JSON.stringify(summary)}`);
    const text = summary.cancelled
      ? vscode.l10n.t('Optim Lens: stopped after {0} of {1} files; {2} findings so far.', summary.checked, summary.files, summary.findings)
      : vscode.l10n.t('Optim Lens: {0} findings in {1} of {2} files.', summary.findings, summary.filesWithFindings, summary.files);
    const problems = summary.problems > 0 ? ' ' + vscode.l10n.t('{0} files could not be checked (see the Optim Lens log).', summary.problems) : '';
    void vscode.window.showInformationMessage(text + problems);
  }
}

function problemText(problem: FileProblem): string {
  return problem.kind === 'binary' ? 'binary file, not Python' : `${problem.kind}: ${problem.detail}`;
}
