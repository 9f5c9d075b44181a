/** Torch's losses and their gradients, torch-exact in float64: the `losses` CLI and the losses panel. */
export * from './config';
export { lossCurve, curvePoint, EXTRA_ACTIVATION_OF, type CurveRequest, type CurvePoint, type ExtraActivation } from './curves';
export { crossEntropy, logSoftmax, softmax } from './crossEntropy';
export { elementwiseLoss } from './elementwise';
export { parseLossesSpec, runLosses, runLossesJson, DEFAULT_CLASSES, MAX_ELEMENTS, type LossesSpec, type CurveSpec, type EvaluateSpec, type CurveOutput, type EvaluateOutput } from './run';
