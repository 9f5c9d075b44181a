import * as vscode from 'vscode';
import { loadAnalysis } from './analysisModule';
import { DiagnosticsFeature } from './diagnostics';
import { DisposableStore } from './lifetime';
import { WorkspaceCheck } from './workspaceCheck';
import { PanelManager } from '../panels/panel';
import { CodeInspector } from './inspect';
import { optimizersPanel, schedulesPanel } from '../panels/definitions';

/** The state of one activation: everything a feature needs, disposed together on deactivation. */
export class Ctx extends DisposableStore {
  readonly log: vscode.LogOutputChannel;
  readonly panels: { readonly optimizers: PanelManager; readonly schedules: PanelManager };
  readonly diagnostics: DiagnosticsFeature;
  /** Reads the user's code for hovers and the panels, through the diagnostics' documents. */
  readonly inspector: CodeInspector;
  readonly workspaceCheck: WorkspaceCheck;

  constructor(readonly extension: vscode.ExtensionContext) {
    super();
    this.log = this.register(vscode.window.createOutputChannel('Optim Lens', { log: true }));
    const env = { extensionUri: extension.extensionUri, log: this.log };
    this.panels = {
      optimizers: this.register(new PanelManager(optimizersPanel, env)),
      schedules: this.register(new PanelManager(schedulesPanel, env)),
    };
    for (const [definition, manager] of [
      [optimizersPanel, this.panels.optimizers],
      [schedulesPanel, this.panels.schedules],
    ] as const) {
      this.register(vscode.window.registerWebviewPanelSerializer(definition.viewType, manager.serializer()));
    }
    // The parser's WASM is loaded on the first Python document or workspace check, not at activation.
    const wasmDir = vscode.Uri.joinPath(extension.extensionUri, 'dist').fsPath;
    this.diagnostics = this.register(new DiagnosticsFeature(this, () => loadAnalysis().createAnalyzer({ wasmDir })));
    this.inspector = new CodeInspector(this.diagnostics);
    this.workspaceCheck = this.register(new WorkspaceCheck(this));
  }
}
