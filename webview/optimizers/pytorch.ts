/**
 * "Copy as PyTorch": an optimizer as the constructor call a user pastes into a training script,
 * with Python's own spelling of values (`1e-08`, `True`, `(0.9, 0.999)`). Only `lr` and the
 * keywords that differ from torch's defaults are written.
 */
import { optimizerDef, type Kwargs, type KwargValue, type OptimizerName } from '../../src/core/optim';

/** Python's `repr` of a float: the shortest round-trip digits, exponent form below 1e-4 and from 1e16. */
export function pythonFloat(value: number): string {
  if (Number.isNaN(value)) return "float('nan')";
  if (!Number.isFinite(value)) return value > 0 ? "float('inf')" : "-float('inf')";
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  // toExponential() without an argument gives the shortest digits that round-trip, as repr does.
  const [mantissa = '', exp = '0'] = value.toExponential().split('e');
  const exponent = Number(exp);
  const sign = mantissa.startsWith('-') ? '-' : '';
  const digits = mantissa.replace(/^-/, '').replace('.', '');
  if (exponent < -4 || exponent >= 16) {
    const frac = digits.slice(1);
    const e = `${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
    return `${sign}${digits[0]}${frac ? `.${frac}` : ''}e${e}`;
  }
  if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
  const whole = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
  const frac = digits.slice(exponent + 1);
  return `${sign}${whole}.${frac || '0'}`;
}

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
