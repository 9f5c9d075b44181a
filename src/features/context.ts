import * as vscode from 'vscode';
import { AnalysisService } from './analysisService';
import { DiagnosticsFeature } from './diagnostics';
import { DisposableStore } from '../shared/lifetime';
import { WorkspaceCheck } from './workspaceCheck';
import { PanelManager } from '../panels/panel';
import { CodeInspector } from './inspect';
import { lossesPanel, optimizersPanel, schedulesPanel } from '../panels/definitions';
import type { PanelKind } from '../protocol';
import type { ExtensionHost } from './host';

/** The state of one activation: everything a feature needs, disposed together on deactivation. */
export class Ctx extends DisposableStore {
  readonly log: vscode.LogOutputChannel;
  /** The analyser and the analysed documents: what diagnostics, hovers and the panels ask. */
  readonly analysis: AnalysisService;
  readonly panels: { readonly [K in PanelKind]: PanelManager<K> };
  readonly diagnostics: DiagnosticsFeature;
  /** Reads the user's code for hovers and the panels, through the analysis service's documents. */
  readonly inspector: CodeInspector;
  readonly workspaceCheck: WorkspaceCheck;

  constructor(
    readonly extension: vscode.ExtensionContext,
    /** What this extension host can do: Node's (desktop, remote) or the browser's web worker. */
    readonly host: ExtensionHost,
  ) {
    super();
    this.log = this.register(vscode.window.createOutputChannel('Optim Lens', { log: true }));
    // The parser's WASM is loaded on the first Python document or workspace check, not at activation.
    // Registered before the features that use it, so it is disposed after them.
    this.analysis = this.register(new AnalysisService(host, this.log));
    // The panels see only the catalog lookup of their strings, not the service (panels/ never imports features/).
    const docs = { classDoc: (...args: Parameters<AnalysisService['module']['classDoc']>) => this.analysis.module.classDoc(...args) };
    const env = { extensionUri: extension.extensionUri, log: this.log, docs };
    this.panels = {
      optimizers: this.register(new PanelManager(optimizersPanel, env)),
      schedules: this.register(new PanelManager(schedulesPanel, env)),
      losses: this.register(new PanelManager(lossesPanel, env)),
    };
    for (const [definition, manager] of [
      [optimizersPanel, this.panels.optimizers],
      [schedulesPanel, this.panels.schedules],
      [lossesPanel, this.panels.losses],
    ] as const) {
      this.register(vscode.window.registerWebviewPanelSerializer(definition.viewType, manager.serializer()));
    }
    this.diagnostics = this.register(new DiagnosticsFeature(this));
    this.inspector = new CodeInspector(this.analysis);
    this.workspaceCheck = this.register(new WorkspaceCheck(this));
  }
}
