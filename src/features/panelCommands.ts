/**
 * What the panel commands do: open a panel from a link's values, from the code in the active
 * editor, or with the effect of a misplaced `scheduler.step()` (the rules with a `scheduleEffect` action).
 */
import * as vscode from 'vscode';
import type { Ctx } from './context';
import { codeOptimizers, compareState, optimizersState, schedulesState } from './fromCode';
import { CodeInspector } from './inspect';
import type { AnalysisModule } from './analysisModule';
import type { PanelKind } from '../protocol';
import type { PanelStates } from '../shared/panelState';

/** A hover link's values are a JSON object of modest size; anything else is refused, not guessed at. */
const MAX_LINK_STATE = 64 * 1024;

function linkState(ctx: Ctx, state: unknown): object | undefined | null {
  if (state === undefined) return undefined;
  const ok = typeof state === 'object' && state !== null && !Array.isArray(state) && JSON.stringify(state).length <= MAX_LINK_STATE;
  if (ok) return state;
  ctx.log.warn(`Ignored a panel command argument that is not a panel state: ${String(JSON.stringify(state)).slice(0, 200)}`);
  void vscode.window.showWarningMessage(vscode.l10n.t('Optim Lens: the link’s values could not be read; the panel opens as it was.'));
  return null;
}

type Builder<K extends PanelKind> = (lib: AnalysisModule, found: Awaited<ReturnType<CodeInspector['constructionsIn']>>) => PanelStates[K] | undefined;

/**
 * A link's state replaces the panel's; from a Python editor the file's constructions are added to
 * it (or open it); otherwise the panel opens or is revealed as it was.
 */
async function open<K extends PanelKind>(ctx: Ctx, panel: K, state: unknown, build: Builder<K>, added: Builder<K>): Promise<void> {
  const manager = ctx.panels[panel];
  const fromLink = linkState(ctx, state);
  if (fromLink) return manager.show(fromLink);
  const document = fromLink === undefined ? CodeInspector.activePython() : undefined;
  const found = document ? await ctx.inspector.constructionsIn(document) : [];
  const initial = build(ctx.analysis.module, found);
  const addition = added(ctx.analysis.module, found);
  if (initial && addition) manager.add(addition, initial);
  else manager.show();
}

export function compareOptimizers(ctx: Ctx, state?: unknown): Promise<void> {
  // Added to an open panel: only the file's optimizers; a new panel also gets the seed's three.
  return open(ctx, 'optimizers', state, optimizersState, codeOptimizers);
}

export function showLrSchedule(ctx: Ctx, state?: unknown): Promise<void> {
  return open(ctx, 'schedules', state, schedulesState, schedulesState);
}

/**
 * "Compare Losses": opened with a hover link's values (a loss call's reduction, delta,
 * label_smoothing, pos_weight), or as it was. A file's losses are not read from the active editor:
 * the curves take one value per keyword, which a file with several losses would not give.
 */
export function compareLosses(ctx: Ctx, state?: unknown): void {
  const fromLink = linkState(ctx, state);
  ctx.panels.losses.show(fromLink ?? undefined);
}

/** The code action of the rules with a `scheduleEffect` action: the scheduler as intended and as the code steps it. */
export async function showScheduleEffect(ctx: Ctx, uri?: unknown, line?: unknown, character?: unknown, code?: unknown): Promise<void> {
  const effect = ctx.analysis.module.findRule(code)?.actions.scheduleEffect;
  if (typeof uri !== 'string' || typeof line !== 'number' || typeof character !== 'number' || !effect) {
    ctx.log.warn('showScheduleEffect: expected (uri, line, character, the code of a rule with a schedule effect)');
    return;
  }
  const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
  const target = await ctx.inspector.symbolAt(document, stepPosition(document, new vscode.Position(line, character)));
  const state = target?.k === 'method' && target.construction ? compareState(ctx.analysis.module, target.construction, effect) : undefined;
  if (!state) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Optim Lens: the scheduler of this step could not be read from the code.'));
    return;
  }
  ctx.panels.schedules.show(state);
}

/** The `step` of the `scheduler.step(` call a finding starts at. */
function stepPosition(document: vscode.TextDocument, start: vscode.Position): vscode.Position {
  const line = document.lineAt(start.line).text;
  const at = line.indexOf('.step', start.character);
  return at < 0 ? start : new vscode.Position(start.line, at + 1);
}
