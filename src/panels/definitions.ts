import * as vscode from 'vscode';
import type { PanelDefinition } from './panel';

/** "Compare Optimizers": the optimizer race across loss surfaces. */
export const optimizersPanel: PanelDefinition = {
  kind: 'optimizers',
  viewType: 'optimLens.optimizers',
  title: () => vscode.l10n.t('Compare Optimizers'),
  strings: () => ({
    title: vscode.l10n.t('Compare Optimizers'),
    placeholder: vscode.l10n.t('The optimizer race is on its way: SGD, Momentum and Adam on loss surfaces, with PyTorch’s exact numbers.'),
  }),
};

/** "Show LR Schedule": learning-rate schedules exactly as torch.optim.lr_scheduler computes them. */
export const schedulesPanel: PanelDefinition = {
  kind: 'schedules',
  viewType: 'optimLens.schedule',
  title: () => vscode.l10n.t('LR Schedule'),
  strings: () => ({
    title: vscode.l10n.t('LR Schedule'),
    placeholder: vscode.l10n.t('The learning-rate schedule plot is on its way: every torch.optim.lr_scheduler, step by step.'),
  }),
};
