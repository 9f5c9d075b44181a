import * as vscode from 'vscode';
import type { Ctx } from './context';
import { compareLosses, compareOptimizers, showLrSchedule, showScheduleEffect } from './panelCommands';
import { qualifiedId } from '../shared/ids';
import { showRule } from './ruleDocs';

/**
 * Every command, by its short name. Each must also be listed in package.json's
 * `contributes.commands` (a unit test keeps the two in step).
 */
export const COMMANDS = {
  compareOptimizers,
  showLrSchedule,
  showScheduleEffect,
  compareLosses,
  checkWorkspace: (ctx: Ctx) => ctx.workspaceCheck.run(),
  showRule,
} satisfies Record<string, (ctx: Ctx, ...args: never[]) => unknown>;

export function registerCommands(ctx: Ctx): void {
  for (const [name, run] of Object.entries(COMMANDS)) {
    ctx.register(
      vscode.commands.registerCommand(qualifiedId(name), (...args: unknown[]) => {
        const fail = (error: unknown) => {
          ctx.log.error(`Command ${name} failed`, error);
          void vscode.window.showErrorMessage(vscode.l10n.t('Optim Lens: {0} failed: {1}', name, errorText(error)));
          return undefined;
        };
        try {
          const result = (run as (ctx: Ctx, ...rest: unknown[]) => unknown)(ctx, ...args);
          return result instanceof Promise ? result.catch(fail) : result;
        } catch (error) {
          return fail(error);
        }
      }),
    );
  }
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
