import * as vscode from 'vscode';
import { DisposableStore } from './lifetime';
import { PanelManager } from '../panels/panel';
import type { CodeInspector } from './inspect';
import { optimizersPanel, schedulesPanel } from '../panels/definitions';

/** The state of one activation: everything a feature needs, disposed together on deactivation. */
export class Ctx extends DisposableStore {
  readonly log: vscode.LogOutputChannel;
  readonly panels: { readonly optimizers: PanelManager; readonly schedules: PanelManager };
  /** Reads the user's code for hovers and the panels; set once the diagnostics feature exists. */
  inspector: CodeInspector | undefined;

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
  }
}
