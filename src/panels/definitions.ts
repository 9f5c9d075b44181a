import * as vscode from 'vscode';
import { REASONS, type ReasonName } from '../core/errors';
import { OPTIMIZER_NAMES } from '../core/optim';
import { SCHEDULER_TYPES } from '../core/schedule/types';
import { KEYWORD_HELP, OPTIMIZER_KEYWORDS, type OptimizerKeyword } from '../core/torch';
import type { LossesStrings, OptimizersStrings, SchedulesStrings } from '../protocol';
import type { ClassDocs, PanelDefinition } from './panel';
import { qualifiedId } from '../shared/ids';
import { PRESETS, type PresetName } from '../core/presets';

/** "Compare Optimizers": the optimizer race across loss surfaces. */
export const optimizersPanel: PanelDefinition<'optimizers'> = {
  kind: 'optimizers',
  viewType: qualifiedId('optimizers'),
  title: () => vscode.l10n.t('Compare Optimizers'),
  strings: optimizersStrings,
};

/** Every string the optimizers app shows; the keys are the contract of src/protocol.ts. */
function optimizersStrings(docs: ClassDocs): OptimizersStrings {
  const classHelp = classHelpFrom(docs);
  return {
    title: vscode.l10n.t('Compare Optimizers'),
    surface: vscode.l10n.t('Loss surface'),
    'surface.valley': vscode.l10n.t('Narrow valley'),
    'surface.ravine': vscode.l10n.t('Ravine'),
    'surface.rosenbrock': vscode.l10n.t('Rosenbrock'),
    'surface.beale': vscode.l10n.t('Beale'),
    'surface.himmelblau': vscode.l10n.t('Himmelblau'),
    'surface.saddle': vscode.l10n.t('Saddle'),
    'surface.rastrigin': vscode.l10n.t('Rastrigin'),
    preset: vscode.l10n.t('Preset'),
    presetChoose: vscode.l10n.t('Choose a preset…'),
    startX: vscode.l10n.t('Start x'),
    startY: vscode.l10n.t('Start y'),
    steps: vscode.l10n.t('Steps'),
    play: vscode.l10n.t('Play'),
    pause: vscode.l10n.t('Pause'),
    stepBack: vscode.l10n.t('Previous step'),
    stepForward: vscode.l10n.t('Next step'),
    reset: vscode.l10n.t('Back to step 0'),
    speed: vscode.l10n.t('Speed'),
    speedOption: vscode.l10n.t('{0} steps/s'),
    step: vscode.l10n.t('Step'),
    stepOf: vscode.l10n.t('Step {0} of {1}'),
    optimizers: vscode.l10n.t('Optimizers'),
    addType: vscode.l10n.t('Optimizer to add'),
    add: vscode.l10n.t('Add'),
    maxOptimizers: vscode.l10n.t('At most {0} optimizers at a time.'),
    remove: vscode.l10n.t('Remove {0}'),
    duplicate: vscode.l10n.t('Duplicate {0}'),
    visible: vscode.l10n.t('Show {0} on the surface'),
    label: vscode.l10n.t('Label'),
    labelAuto: vscode.l10n.t('automatic'),
    hyperparameters: vscode.l10n.t('Hyperparameters of {0}'),
    copy: vscode.l10n.t('Copy as PyTorch'),
    copyLabel: vscode.l10n.t('Copy {0} as a PyTorch constructor call'),
    copied: vscode.l10n.t('Copied to the clipboard: {0}'),
    lrSlider: vscode.l10n.t('Learning rate of {0} (log scale)'),
    withMomentum: vscode.l10n.t('{0} + momentum'),
    withNesterov: vscode.l10n.t('{0} + Nesterov'),
    lastValid: vscode.l10n.t('The path shows the last valid settings.'),
    notSimulated: vscode.l10n.t('Not simulated until this is fixed.'),
    unknownKeyword: vscode.l10n.t('Unknown keyword {0}'),
    removeKeyword: vscode.l10n.t('Remove keyword {0}'),
    readout: vscode.l10n.t('x = {0}, y = {1}, loss = {2}'),
    readoutHint: vscode.l10n.t('Click or drag on the surface to move the start point.'),
    canvasLabel: vscode.l10n.t('{0} loss surface, f(x, y) = {1}, with the optimizers’ paths; the summary table lists the results. Arrow keys move the start point.'),
    legend: vscode.l10n.t('Legend'),
    minimum: vscode.l10n.t('Minimum'),
    start: vscode.l10n.t('Start'),
    chart: vscode.l10n.t('Loss per step (log scale)'),
    axisStep: vscode.l10n.t('step'),
    axisLoss: vscode.l10n.t('loss'),
    summary: vscode.l10n.t('Summary'),
    colOptimizer: vscode.l10n.t('Optimizer'),
    colLossAt: vscode.l10n.t('Loss at step {0}'),
    colFinal: vscode.l10n.t('Final loss'),
    colDistance: vscode.l10n.t('Distance to nearest minimum'),
    colFirstBelow: vscode.l10n.t('First step with loss < {0}'),
    colStatus: vscode.l10n.t('Status'),
    diverged: vscode.l10n.t('Diverged at step {0}'),
    belowTolerance: vscode.l10n.t('Converged'),
    aboveTolerance: vscode.l10n.t('Not converged'),
    noMinimum: vscode.l10n.t('no minimum'),
    noOptimizers: vscode.l10n.t('No optimizer is shown: add one or make one visible.'),
    fromCode: vscode.l10n.t('{0} lr={1} · {2}'),
    rescaledName: vscode.l10n.t('{0} lr={1} · {2}, rescaled to this surface'),
    lrApplied: vscode.l10n.t('Learning rates set for {0}: {1}. Entries from your code keep theirs.'),
    background: vscode.l10n.t('Background'),
    'background.heat': vscode.l10n.t('Heat map and contours'),
    'background.contours': vscode.l10n.t('Contour lines only'),
    explain: vscode.l10n.t('Arrows for'),
    explainNone: vscode.l10n.t('none'),
    arrowGradient: vscode.l10n.t('dashed: the plain gradient step −lr·∇f'),
    arrowMomentum: vscode.l10n.t('dotted: the momentum carried on, −lr·β·v (previous velocity)'),
    arrowMoment: vscode.l10n.t('dotted: the first moment as a step, −lr·m̂ (averaged gradient)'),
    arrowUpdate: vscode.l10n.t('solid: the update actually made'),
    'explain.sgd': vscode.l10n.t('Plain SGD: the update is the gradient step itself. Across a narrow valley the slope is steep, so each step overshoots to the other wall.'),
    'explain.momentum': vscode.l10n.t('Momentum: the update is the gradient step plus β times the last velocity. Along the valley the pushes add up; across it they alternate and cancel.'),
    'explain.adam': vscode.l10n.t('Adam: m̂ averages the gradients; dividing each coordinate by the running size of its own gradients makes the update about lr long on both axes, however steep each is.'),
    'explain.other': vscode.l10n.t('Compare the update with the plain gradient step: the difference is what the optimizer’s state adds.'),
    explainValues: vscode.l10n.t('Step {0}: −lr·∇f = {1} · carried = {2} · update = {3}'),
    explainEnd: vscode.l10n.t('The run has ended here: no further step.'),
    momentumSlider: vscode.l10n.t('Momentum of {0}'),
    betaSlider: vscode.l10n.t('β₁ (first-moment decay) of {0}'),
    barelyMovesHeading: vscode.l10n.t('Optimizers that barely move here'),
    barelyMoves: vscode.l10n.t('{0} barely moves on this surface: in {1} steps it gets {2} % of the view away from its start. Its lr is set for a network, not for this toy surface.'),
    rescaleOffer: vscode.l10n.t('Add a twin with lr {0}, scaled to this surface'),
    escaped: vscode.l10n.t('Escaped: unbounded below (left the view at step {0})'),
    unbounded: vscode.l10n.t('No minimum here: the loss has no floor to converge to'),
    failed: vscode.l10n.t('This part of the panel failed: {0}'),
    retry: vscode.l10n.t('Try again'),
    ...presetTexts(),
    ...keywordHelp(),
    ...classHelp('optimizer', OPTIMIZER_NAMES),
    ...reasonStrings(),
  };
}

/** Each preset's title and caption, translated (the English text in src/core/presets.ts is its own l10n key). */
function presetTexts(): Record<`preset.${PresetName}` | `presetCaption.${PresetName}`, string> {
  const out = {} as Record<`preset.${PresetName}` | `presetCaption.${PresetName}`, string>;
  for (const preset of PRESETS) {
    out[`preset.${preset.name}`] = vscode.l10n.t(preset.title);
    out[`presetCaption.${preset.name}`] = vscode.l10n.t(preset.caption);
  }
  return out;
}

/** The torch facts' one line per optimizer keyword, translated (the text is its own l10n key). */
function keywordHelp(): Record<`kw.${OptimizerKeyword}`, string> {
  const out = {} as Record<`kw.${OptimizerKeyword}`, string>;
  for (const name of OPTIMIZER_KEYWORDS) out[`kw.${name}`] = vscode.l10n.t(KEYWORD_HELP[name]);
  return out;
}

/** The core's validation reasons, translated (their `{name}` placeholders kept for the webview to fill). */
function reasonStrings(): Record<`reason.${ReasonName}`, string> {
  const out = {} as Record<`reason.${ReasonName}`, string>;
  for (const name of Object.keys(REASONS) as ReasonName[]) out[`reason.${name}`] = vscode.l10n.t(REASONS[name]);
  return out;
}

/**
 * The catalog's one-line summary of each class a panel's picker offers, translated. The catalog is
 * in the analyser bundle, reached through `docs` (the host's analysis service), never required here.
 */
function classHelpFrom({ classDoc }: ClassDocs) {
  return <N extends string>(kind: 'optimizer' | 'scheduler', names: readonly N[]): Record<`help.${N}`, string> => {
    const help = {} as Record<`help.${N}`, string>;
    for (const name of names) help[`help.${name}`] = vscode.l10n.t(classDoc(kind, name)?.summary ?? name);
    return help;
  };
}

/** "Show LR Schedule": learning-rate schedules exactly as torch.optim.lr_scheduler computes them. */
export const schedulesPanel: PanelDefinition<'schedules'> = {
  kind: 'schedules',
  viewType: qualifiedId('schedule'),
  title: () => vscode.l10n.t('LR Schedule'),
  strings: schedulesStrings,
};

/** Every string the schedules app shows; the keys are the contract of src/protocol.ts. */
function schedulesStrings(docs: ClassDocs): SchedulesStrings {
  const classHelp = classHelpFrom(docs);
  return {
    title: vscode.l10n.t('LR Schedule'),
    schedules: vscode.l10n.t('Schedules'),
    scheduler: vscode.l10n.t('Scheduler'),
    addType: vscode.l10n.t('Scheduler to add'),
    add: vscode.l10n.t('Add'),
    maxSchedules: vscode.l10n.t('At most {0} schedules at a time.'),
    remove: vscode.l10n.t('Remove {0}'),
    duplicate: vscode.l10n.t('Duplicate {0}'),
    visible: vscode.l10n.t('Show {0} on the chart'),
    label: vscode.l10n.t('Label'),
    baseLr: vscode.l10n.t('Base learning rate'),
    steps: vscode.l10n.t('Iterations'),
    stepsPerEpoch: vscode.l10n.t('Iterations per epoch'),
    axis: vscode.l10n.t('Horizontal axis'),
    axisIterations: vscode.l10n.t('iteration'),
    axisEpochs: vscode.l10n.t('epoch'),
    yScale: vscode.l10n.t('Learning-rate axis'),
    yLinear: vscode.l10n.t('linear'),
    yLog: vscode.l10n.t('logarithmic'),
    cadence: vscode.l10n.t('scheduler.step() called'),
    cadenceBatch: vscode.l10n.t('every iteration'),
    cadenceEpoch: vscode.l10n.t('every epoch'),
    children: vscode.l10n.t('Schedulers of {0}'),
    childN: vscode.l10n.t('Scheduler {0} of {1}'),
    addChild: vscode.l10n.t('Add to {0}'),
    removeChild: vscode.l10n.t('Remove scheduler {0}'),
    listHint: vscode.l10n.t('comma-separated numbers'),
    lambdaHint: vscode.l10n.t('a Python lambda of the epoch, e.g. lambda epoch: 0.95 ** epoch'),
    defaultValue: vscode.l10n.t('default {0}'),
    required: vscode.l10n.t('required'),
    none: vscode.l10n.t('None (empty)'),
    unknownKeyword: vscode.l10n.t('Unknown keyword {0}'),
    removeKeyword: vscode.l10n.t('Remove keyword {0}'),
    badEntry: vscode.l10n.t('This schedule could not be read; choose a scheduler to replace it.'),
    notPlotted: vscode.l10n.t('Not plotted until this is fixed.'),
    raisesAt: vscode.l10n.t('torch raises at iteration {0}: {1}'),
    curve: vscode.l10n.t('Synthetic validation loss'),
    'curve.improving': vscode.l10n.t('improving'),
    'curve.plateau': vscode.l10n.t('plateauing'),
    'curve.noisy': vscode.l10n.t('noisy'),
    curvePlateauAt: vscode.l10n.t('Plateau from step'),
    curveNoise: vscode.l10n.t('Noise'),
    curveSeed: vscode.l10n.t('Seed'),
    drops: vscode.l10n.t('Learning rate reduced at iteration {0}'),
    noDrops: vscode.l10n.t('The learning rate is never reduced.'),
    copy: vscode.l10n.t('Copy as PyTorch'),
    copyLabel: vscode.l10n.t('Copy {0} as a PyTorch constructor call'),
    copied: vscode.l10n.t('Copied to the clipboard: {0}'),
    chart: vscode.l10n.t('Learning rate per iteration'),
    chartHint: vscode.l10n.t('Drag to zoom, double-click to reset.'),
    axisLr: vscode.l10n.t('learning rate'),
    axisMomentum: vscode.l10n.t('momentum'),
    momentumOf: vscode.l10n.t('{0} momentum'),
    dropsOf: vscode.l10n.t('{0} reductions'),
    metricChart: vscode.l10n.t('Synthetic validation loss given to ReduceLROnPlateau.step(metric) per iteration; rings mark where the learning rate was reduced'),
    axisMetric: vscode.l10n.t('validation loss'),
    metricOf: vscode.l10n.t('{0} validation loss'),
    inspect: vscode.l10n.t('Inspect iteration'),
    readout: vscode.l10n.t('{0} {1}: lr = {2}'),
    readoutMomentum: vscode.l10n.t('momentum = {0}'),
    readoutMetric: vscode.l10n.t('validation loss = {0}'),
    readoutReduced: vscode.l10n.t('lr reduced here'),
    intended: vscode.l10n.t('as intended'),
    actual: vscode.l10n.t('as the code steps it'),
    noSchedules: vscode.l10n.t('No schedule is shown: add one or make one visible.'),
    failed: vscode.l10n.t('This part of the panel failed: {0}'),
    retry: vscode.l10n.t('Try again'),
    ...classHelp('scheduler', SCHEDULER_TYPES),
    ...reasonStrings(),
  };
}

/** "Compare Losses": torch's losses and their gradients side by side, with the doubled activations. */
export const lossesPanel: PanelDefinition<'losses'> = {
  kind: 'losses',
  viewType: qualifiedId('losses'),
  title: () => vscode.l10n.t('Compare Losses'),
  strings: lossesStrings,
};

/** Every string the losses app shows; the keys are the contract of src/protocol.ts. */
function lossesStrings(): LossesStrings {
  return {
    title: vscode.l10n.t('Compare Losses'),
    intro: vscode.l10n.t('Each curve is one sample’s loss and its gradient, computed as PyTorch computes them.'),
    fromCode: vscode.l10n.t('From your code: {0}'),
    settings: vscode.l10n.t('Loss settings'),
    reduction: vscode.l10n.t('Reduction'),
    reductionNote: vscode.l10n.t('One sample per point: mean, sum and none draw the same curves.'),
    delta: vscode.l10n.t('HuberLoss delta'),
    beta: vscode.l10n.t('SmoothL1Loss beta'),
    labelSmoothing: vscode.l10n.t('Label smoothing'),
    classes: vscode.l10n.t('Classes'),
    posWeight: vscode.l10n.t('pos_weight (empty: None)'),
    regression: vscode.l10n.t('Regression losses against the residual'),
    regressionHint: vscode.l10n.t('MSE grows with the square of the error, L1 linearly; Huber and SmoothL1 are quadratic below delta (beta) and linear beyond.'),
    crossEntropy: vscode.l10n.t('Cross-entropy against the logit of the true class'),
    crossEntropyHint: vscode.l10n.t('The other {0} logits are 0. With a softmax before CrossEntropyLoss the loss cannot fall below {1} (ln {2} = {3} at the start) and its gradient vanishes: training plateaus.'),
    binary: vscode.l10n.t('BCEWithLogitsLoss against the logit of a positive example'),
    binaryHint: vscode.l10n.t('With a sigmoid before BCEWithLogitsLoss the sigmoid is applied twice: the loss stays above {0} and the gradient fades.'),
    probability: vscode.l10n.t('BCELoss against the probability of a positive example'),
    probabilityHint: vscode.l10n.t('PyTorch clamps the logarithms at −100: at probability 0 the loss is 100, not infinite.'),
    axisResidual: vscode.l10n.t('residual (input − target)'),
    axisLogit: vscode.l10n.t('logit'),
    axisProbability: vscode.l10n.t('probability'),
    axisLoss: vscode.l10n.t('loss'),
    axisGradient: vscode.l10n.t('gradient'),
    gradientOf: vscode.l10n.t('gradient of {0}'),
    softmaxTwice: vscode.l10n.t('{0} after softmax (the bug)'),
    sigmoidTwice: vscode.l10n.t('{0} after sigmoid (the bug)'),
    inspectAt: vscode.l10n.t('Values at {0}'),
    readoutCaption: vscode.l10n.t('Loss and gradient at {0} = {1}'),
    colLoss: vscode.l10n.t('Loss'),
    colValue: vscode.l10n.t('Value'),
    colGradient: vscode.l10n.t('Gradient'),
    failed: vscode.l10n.t('This part of the panel failed: {0}'),
    retry: vscode.l10n.t('Try again'),
    ...reasonStrings(),
  };
}
