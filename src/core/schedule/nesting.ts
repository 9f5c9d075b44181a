/**
 * How deep a scheduler spec may nest. A spec comes from a panel state (a hover link, a restored
 * panel, a repository's code) as well as from the CLI, and its readers and the panel's editor (one
 * editor per composite level) recurse: a crafted spec nested hundreds of levels overflows their
 * stack. Measured here without recursion, before anything recursive reads it.
 */
import { specError, type SpecError } from '../errors';

/** Composites nested deeper than this are refused: real schedules nest two or three levels. */
export const MAX_NESTING = 16;

/** Arrays and objects deeper than this are refused anywhere in a spec: each composite level adds two. */
export const MAX_VALUE_DEPTH = 2 * MAX_NESTING + 8;

/** Why `spec` nests too deep for the readers, named at `field`; undefined when it does not. */
export function nestingError(spec: unknown, field: string): SpecError | undefined {
  const stack: { readonly value: unknown; readonly depth: number; readonly composites: number }[] = [{ value: spec, depth: 0, composites: 0 }];
  while (stack.length > 0) {
    const { value, depth, composites } = stack.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    if (composites > MAX_NESTING) return specError(field, 'nestedTooDeep', { limit: MAX_NESTING });
    if (depth >= MAX_VALUE_DEPTH) return specError(field, 'nestedTooDeep', { limit: MAX_VALUE_DEPTH });
    if (Array.isArray(value)) {
      for (const item of value) stack.push({ value: item, depth: depth + 1, composites });
      continue;
    }
    for (const [key, item] of Object.entries(value)) {
      // The items of `schedulers` are specs one composite level down.
      const inner = key === 'schedulers' && Array.isArray(item);
      if (inner) for (const child of item as unknown[]) stack.push({ value: child, depth: depth + 2, composites: composites + 1 });
      else stack.push({ value: item, depth: depth + 1, composites });
    }
  }
  return undefined;
}
