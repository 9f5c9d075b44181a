/**
 * The torch facts are the one description of each torch class: the core's registries are keyed by
 * them, and the analyser's prefilter regexes, built from them, still match what they matched when
 * the class names were written into them by hand.
 */
import { describe, expect, it } from 'vitest';
import { MAY_NAME } from '../../../src/analysis/inspect/locate';
import { SILENT_PARAMS } from '../../../src/analysis/inspect/signatures';
import { KEYWORD } from '../../../src/analysis/syntax/source';
import { OPTIMIZER_NAMES, OPTIMIZERS } from '../../../src/core/optim';
import { SCHEDULERS, SCHEDULER_TYPES } from '../../../src/core/schedule';
import {
  KEYWORD_HELP, LOSS_CLASSES, LOSS_FACTS, OPTIMIZER_CLASSES, OPTIMIZER_FACTS, OPTIMIZER_KEYWORDS, SCHEDULER_CLASSES, SCHEDULER_FACTS,
  SIMULATED_OPTIMIZERS,
} from '../../../src/core/torch';

/** The prefilters as they were written by hand before the facts: the behaviour to keep. */
const KEYWORD_BEFORE = /step|backward|zero_grad|\.grad\b|[oO]ptim|[sS]chedul|LR|Adam|SGD|RMSprop|Adagrad|Adadelta|Adamax|Rprop|LBFGS|Adafactor|prepare|initialize|setup/;
const MAY_NAME_BEFORE = /optim|LR\b|LR\(|Loss|loss|entropy|kl_div|Adam|SGD|RMSprop|Ada|LBFGS|Rprop|ASGD|lr_scheduler|Scheduler/;
const alternatives = (re: RegExp) => re.source.split('|').map((a) => a.replace(/\\b|\\\(|\\/g, (m) => (m === '\\(' ? '(' : m === '\\' ? '' : '')));

describe('the optimizer registry is keyed by the facts', () => {
  it('has one update rule per simulated optimizer, none for the others', () => {
    expect([...OPTIMIZER_NAMES]).toEqual([...SIMULATED_OPTIMIZERS]);
    expect(SIMULATED_OPTIMIZERS.length).toBeGreaterThan(0);
    for (const name of OPTIMIZER_CLASSES) expect(name in OPTIMIZERS, name).toBe(OPTIMIZER_FACTS[name].simulated);
  });

  it.each(SIMULATED_OPTIMIZERS)('%s: the core accepts exactly the facts’ keywords and defaults', (name) => {
    expect(OPTIMIZERS[name].name).toBe(name);
    expect(OPTIMIZERS[name].defaults).toEqual(OPTIMIZER_FACTS[name].defaults);
    expect(OPTIMIZERS[name].parse({}, '')).toEqual(OPTIMIZER_FACTS[name].defaults);
  });

  it.each(OPTIMIZER_CLASSES)('%s: every positional parameter is a keyword with a default or one without effect', (name) => {
    const { positional, defaults } = OPTIMIZER_FACTS[name];
    for (const param of positional) expect(param in defaults || SILENT_PARAMS.has(param), `${name}.${param}`).toBe(true);
  });

  it('has panel help for every keyword of a simulated optimizer, and for nothing else', () => {
    const keywords = new Set(SIMULATED_OPTIMIZERS.flatMap((name) => Object.keys(OPTIMIZER_FACTS[name].defaults)));
    expect([...OPTIMIZER_KEYWORDS].sort()).toEqual([...keywords].sort());
    for (const name of OPTIMIZER_KEYWORDS) expect(KEYWORD_HELP[name].length, name).toBeGreaterThan(0);
  });
});

describe('the scheduler registry is keyed by the facts', () => {
  it('simulates every scheduler class', () => {
    expect([...SCHEDULER_TYPES]).toEqual([...SCHEDULER_CLASSES]);
    expect(Object.keys(SCHEDULERS).sort()).toEqual([...SCHEDULER_CLASSES].sort());
  });

  it.each(SCHEDULER_CLASSES)('%s: every positional parameter is one the core knows or one without effect', (name) => {
    const { defaults, required } = SCHEDULERS[name];
    const known = new Set([...Object.keys(defaults), ...required]);
    for (const param of SCHEDULER_FACTS[name].positional) expect(known.has(param) || SILENT_PARAMS.has(param), `${name}.${param}`).toBe(true);
  });
});

describe('losses', () => {
  it.each(LOSS_CLASSES)('%s: the function takes the class’s parameters after input and target', (name) => {
    const { positional, fnPositional, defaults } = LOSS_FACTS[name];
    expect(fnPositional.slice(0, 2)).toEqual(['input', 'target']);
    for (const param of positional) expect(fnPositional, param).toContain(param);
    for (const param of Object.keys(defaults)) expect(positional, param).toContain(param);
  });
});

describe('the prefilter regexes built from the facts', () => {
  const words = [
    ...OPTIMIZER_CLASSES, ...SCHEDULER_CLASSES, ...LOSS_CLASSES, ...LOSS_CLASSES.map((name) => LOSS_FACTS[name].functional),
    ...alternatives(KEYWORD_BEFORE), ...alternatives(MAY_NAME_BEFORE),
    'model', 'x = 1', 'print(total)', 'lr = 0.1', 'LRU', 'my_LR = 3', 'Adagio', 'Adamant', 'ASG', 'CosineAnnealing', 'SparseAd',
  ];

  it('KEYWORD matches what it matched when the names were typed in, and every class name', () => {
    // The one class the hand-written list missed: no `LR`, no `Schedul` in its name.
    const added = ['CosineAnnealingWarmRestarts'];
    for (const word of words) expect(KEYWORD.test(word), word).toBe(KEYWORD_BEFORE.test(word) || added.includes(word));
    for (const name of [...OPTIMIZER_CLASSES, ...SCHEDULER_CLASSES]) expect(KEYWORD.test(name), name).toBe(true);
  });

  it('MAY_NAME matches everything it matched, and every class and functional name', () => {
    for (const word of words) if (MAY_NAME_BEFORE.test(word)) expect(MAY_NAME.test(word), word).toBe(true);
    for (const name of [...OPTIMIZER_CLASSES, ...SCHEDULER_CLASSES, ...LOSS_CLASSES]) expect(MAY_NAME.test(name), name).toBe(true);
  });
});
