/**
 * "Copy as PyTorch": an optimizer as the constructor call a user pastes into a training script,
 * with Python's own spelling of values (`1e-08`, `True`, `(0.9, 0.999)`). Only `lr` and the
 * keywords that differ from torch's defaults are written.
 */
import { optimizerDef, type Kwargs, type KwargValue, type OptimizerName } from '../../src/core/optim';
import { pythonFloat } from '../shared/python';


export function pythonValue(value: KwargValue): string {
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') return pythonFloat(value);
  return `(${pythonFloat(value[0])}, ${pythonFloat(value[1])})`;
}

function same(a: KwargValue, b: KwargValue): boolean {
  if (typeof a !== 'object' || typeof b !== 'object') return Object.is(a, b) || (a === 0 && b === 0);
  return a[0] === b[0] && a[1] === b[1];
}

/** `torch.optim.Adam(model.parameters(), lr=0.001, betas=(0.9, 0.99))`. */
export function torchCall(type: OptimizerName, kwargs: Kwargs, params = 'model.parameters()'): string {
  const defaults = optimizerDef(type).defaults;
  const args = [params];
  for (const [key, fallback] of Object.entries(defaults)) {
    const value = kwargs[key] ?? fallback;
    if (key === 'lr' || !same(value, fallback)) args.push(`${key}=${pythonValue(value)}`);
  }
  return `torch.optim.${type}(${args.join(', ')})`;
}
