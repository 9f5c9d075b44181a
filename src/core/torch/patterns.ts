/** Regex alternatives built from the facts, for the analyser's cheap text prefilters. */
import { LOSS_CLASSES, LOSS_FACTS } from './losses';
import { OPTIMIZER_CLASSES } from './optimizers';
import { SCHEDULER_CLASSES } from './schedulers';

const escape = (word: string) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * `SGD|Adam|…`: every class name of the given kinds (and the losses' functional names), longest
 * first so an alternation reads as the longest name; substring matching, as a prefilter wants.
 */
export function classNamePattern(kinds: readonly ('optimizer' | 'scheduler' | 'loss')[]): string {
  const words: string[] = [];
  if (kinds.includes('optimizer')) words.push(...OPTIMIZER_CLASSES);
  if (kinds.includes('scheduler')) words.push(...SCHEDULER_CLASSES);
  if (kinds.includes('loss')) words.push(...LOSS_CLASSES, ...LOSS_CLASSES.map((name) => LOSS_FACTS[name].functional));
  return [...new Set(words)].sort((a, b) => b.length - a.length || (a < b ? -1 : 1)).map(escape).join('|');
}
