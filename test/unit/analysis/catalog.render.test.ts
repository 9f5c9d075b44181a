/**
 * Hovers rendered from hover targets: the hyperparameter table shows how each value was set, the
 * links carry exactly the panels' state, user text cannot break the Markdown, and the Chinese
 * rendering is complete. The snapshots were reviewed by eye in both languages.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOG_TEXTS, HOVER_COMMAND_IDS, METHOD_DOCS, renderHover, type HoverOptions } from '../../../src/analysis/catalog';
import { rulesConcerning, type ArgInfo, type Construction, type SymbolTarget } from '../../../src/analysis';

const zh = JSON.parse(readFileSync(path.resolve(__dirname, '../../../l10n/bundle.l10n.zh-cn.json'), 'utf8')) as Record<string, string>;

const at = (line: number, from: number, to: number) => ({ start: { line, character: from }, end: { line, character: to } });
/** Stands for the host's "from your code" state: what the link must carry, unchanged. */
const panelState = (c: Construction) => ({ from: c.cls, label: 'train.py:7', values: Object.fromEntries(c.args.filter((a) => a.origin !== 'default').map((a) => [a.name, a.value ?? null])) });
const EN: HoverOptions = { t: (s) => s, rule: (code) => ({ href: `file:///ext/docs/rules/${code}.md`, summary: `summary of ${code}` }), rulesConcerning, panelState };
const ZH: HoverOptions = { ...EN, t: (s) => zh[s] ?? `MISSING ${s}` };

const lit = (name: string, written: string, value: ArgInfo['value']): ArgInfo => ({ name, written, value, origin: 'literal' });
const def = (name: string, value?: ArgInfo['value']): ArgInfo => ({ name, written: null, value, origin: 'default' });

function construction(kind: Construction['kind'], cls: string, args: readonly ArgInfo[], extra: Partial<Construction> = {}): Construction {
  return { kind, cls, range: at(6, 12, 60), nameRange: at(6, 24, 24 + cls.length), args, opaque: false, ...extra };
}

function classTarget(c: Construction): SymbolTarget {
  return { k: 'class', kind: c.kind, cls: c.cls, range: c.nameRange, construction: c, ...(c.functional ? { functional: c.functional } : {}) };
}

const adamw = construction('optimizer', 'AdamW', [
  lit('lr', '3e-4', 3e-4),
  { name: 'weight_decay', written: 'WD', value: 0.05, origin: 'constant' },
  { name: 'betas', written: 'args.betas', origin: 'unresolved' },
  def('eps', 1e-8),
  def('amsgrad', false),
  def('maximize', false),
]);

const cosine = construction('scheduler', 'CosineAnnealingLR', [{ name: 'T_max', written: 'EPOCHS', value: 90, origin: 'constant' }, def('eta_min', 0)], {
  stepping: { cadence: 'epoch', epochs: 90 },
});

/** The rows of the hover's table: [parameter, value, meaning], as Markdown. */
function tableRows(md: string): string[][] {
  return md
    .split('\n')
    .filter((line) => line.startsWith('| '))
    .slice(2)
    .map((line) => line.slice(2, -2).split(/(?<!\\) \| /));
}

/** The state a command link passes to its command. */
function linkState(md: string, command: string): unknown {
  const m = new RegExp(`\\(command:optimLens\\.${command}\\?([^ )]+)`).exec(md);
  if (!m) return undefined;
  const args = JSON.parse(decodeURIComponent(m[1]!)) as unknown[];
  expect(args).toHaveLength(1);
  return args[0];
}

describe('a class hover with a construction', () => {
  const md = renderHover(classTarget(adamw), EN)!;

  it('names the class and summarises it', () => {
    expect(md.split('\n')[0]).toBe('**torch.optim.AdamW** — Adam with decoupled weight decay: the weights shrink directly, outside the adaptive scaling.');
    expect(md).toContain('```text\nθ ← θ − γ·λ·θ\n');
  });

  it('shows each value as the code sets it: as written, through a constant, by default, or unknown', () => {
    expect(tableRows(md).map(([name, value]) => [name, value])).toEqual([
      ['`lr`', '3e-4'],
      ['`weight_decay`', '`WD` = 0.05'],
      ['`betas`', '`args.betas` (unknown, default (0.9, 0.999) used)'],
      ['`eps`', '1e-8 (default)'],
      ['`amsgrad`', 'False (default)'],
      ['`maximize`', 'False (default)'],
    ]);
    expect(md).toContain('| Parameter | This call | Meaning |');
  });

  it('links the rules and the PyTorch page', () => {
    expect(md).toContain('Rules: [OL008](file:///ext/docs/rules/OL008.md "summary of OL008")');
    expect(md).toContain('[PyTorch documentation](https://pytorch.org/docs/stable/generated/torch.optim.AdamW.html)');
  });

  it('opens Compare Optimizers with the state the host builds from this construction', () => {
    expect(linkState(md, 'compareOptimizers')).toEqual(panelState(adamw));
    expect(md).not.toContain('showLrSchedule');
  });

  it('has no panel link when the host has no state for it', () => {
    expect(renderHover(classTarget(adamw), { ...EN, panelState: () => undefined })).not.toContain('command:');
    expect(renderHover(classTarget(adamw), { t: EN.t })).not.toContain('command:');
  });

  it('matches the reviewed snapshot, in English and in Chinese', () => {
    expect(md).toMatchSnapshot();
    expect(renderHover(classTarget(adamw), ZH)).toMatchSnapshot();
  });
});

describe('a class hover without a construction (an import, a bare name)', () => {
  it('lists torch’s defaults, and required keywords as such', () => {
    const md = renderHover({ k: 'class', kind: 'scheduler', cls: 'StepLR', range: at(0, 0, 6) }, EN)!;
    expect(md).toContain('| Parameter | Default | Meaning |');
    expect(tableRows(md).map(([name, value]) => [name, value])).toEqual([
      ['`step_size`', 'required'],
      ['`gamma`', '`0.1`'],
    ]);
    // Nothing to plot without the required step_size.
    expect(md).not.toContain('command:');
  });

  it('documents an optimizer the core does not simulate, with torch’s defaults', () => {
    const md = renderHover({ k: 'class', kind: 'optimizer', cls: 'LBFGS', range: at(0, 0, 5) }, EN)!;
    expect(md).toContain('**torch.optim.LBFGS**');
    expect(tableRows(md)[0]!.slice(0, 2)).toEqual(['`lr`', '`1`']);
    expect(md).not.toContain('command:');
  });

  it('is absent for a class the catalog does not know', () => {
    expect(renderHover({ k: 'class', kind: 'optimizer', cls: 'Lion', range: at(0, 0, 4) }, EN)).toBeUndefined();
  });
});

describe('a scheduler hover', () => {
  const md = renderHover(classTarget(cosine), EN)!;

  it('says how the code steps it', () => {
    expect(md).toContain('In this code it is stepped once per epoch, over 90 epochs.');
  });

  it('opens LR Schedule with the state the host builds from this construction', () => {
    expect(linkState(md, 'showLrSchedule')).toEqual(panelState(cosine));
  });

  it('matches the reviewed snapshot, in English and in Chinese', () => {
    expect(md).toMatchSnapshot();
    expect(renderHover(classTarget(cosine), ZH)).toMatchSnapshot();
  });
});

describe('a loss hover', () => {
  const crossEntropy = construction('loss', 'CrossEntropyLoss', [lit('label_smoothing', '0.1', 0.1), def('weight', null), def('ignore_index', -100), def('reduction', 'mean')], {
    functional: 'cross_entropy',
  });

  it('names the functional form and links its page and Compare Losses', () => {
    const md = renderHover(classTarget(crossEntropy), EN)!;
    expect(md.split('\n')[0]).toMatch(/^\*\*torch\.nn\.functional\.cross\\_entropy\*\* — /);
    expect(md).toContain('The functional form of `nn.CrossEntropyLoss`.');
    expect(md).toContain('(https://pytorch.org/docs/stable/generated/torch.nn.functional.cross_entropy.html)');
    expect(md).toContain('It expects logits: a softmax before it squashes the gradients and slows training.');
    expect(tableRows(md).map(([, value]) => value)).toEqual(['0.1', 'None (default)', '-100 (default)', "`'mean'` (default)"]);
    expect(linkState(md, 'compareLosses')).toEqual(panelState(crossEntropy));
    expect(md).toContain('[Plot in Compare Losses](command:optimLens.compareLosses?');
    expect(md).toMatchSnapshot();
  });

  it('has no panel link for a loss the panel does not draw, whatever the host offers', () => {
    const nll = construction('loss', 'NLLLoss', [def('reduction', 'mean')]);
    expect(renderHover(classTarget(nll), EN)).not.toContain('command:');
  });

  it('trusts the losses panel’s command in its Markdown', () => {
    expect(HOVER_COMMAND_IDS).toContain('optimLens.compareLosses');
  });
});

describe('user text in a hover', () => {
  it('cannot break the table or add markup', () => {
    const c = construction('scheduler', 'LambdaLR', [
      { name: 'lr_lambda', written: 'lambda e: 0.5 ** e | `x` or [a](b)', value: 'lambda e: 0.5 ** e', origin: 'literal' },
    ]);
    const md = renderHover(classTarget(c), EN)!;
    const [row] = tableRows(md);
    expect(row).toHaveLength(3);
    // In a code span, where nothing is markup; the pipe escaped, as GFM tables require even there.
    expect(row![1]).toBe('``lambda e: 0.5 ** e \\| `x` or [a](b)``');
  });

  it('shortens a long expression to one line', () => {
    const written = 'compute_the_learning_rate(\n    config.optimizer.base_learning_rate, scale)';
    const md = renderHover(classTarget(construction('optimizer', 'SGD', [{ name: 'lr', written, origin: 'unresolved' }])), EN)!;
    expect(tableRows(md)[0]![1]).toBe('`compute_the_learning_rate( config.optim…` (unknown, default 0.001 used)');
  });

  it('escapes what a translation could bring into a link title', () => {
    const md = renderHover(classTarget(adamw), { ...EN, rule: () => ({ href: 'file:///r.md', summary: 'a "quoted" summary' }) })!;
    expect(md).toContain(`[OL008](file:///r.md "a 'quoted' summary")`);
  });
});

describe('a method hover', () => {
  const method = (method: 'zero_grad' | 'backward' | 'step', kind: Construction['kind'], cls: string | null, loop: 'batch' | 'epoch' | 'none'): SymbolTarget => ({
    k: 'method',
    method,
    receiver: { kind, cls, name: kind === 'loss' ? 'loss' : kind === 'optimizer' ? 'optimizer' : 'scheduler' },
    loop,
    range: at(9, 8, 20),
  });

  it('says what the call does where it sits', () => {
    for (const loop of ['batch', 'epoch', 'none'] as const) {
      const doc = METHOD_DOCS.find((m) => m.id === 'zero_grad')!;
      expect(renderHover(method('zero_grad', 'optimizer', 'SGD', loop), EN)).toContain(`*${doc.loop[loop]}*`);
    }
  });

  it('tells a scheduler’s step from an optimizer’s and from ReduceLROnPlateau’s', () => {
    const optimizerStep = renderHover(method('step', 'optimizer', 'Adam', 'batch'), EN)!;
    expect(optimizerStep).toContain('**`optimizer.step()`** · torch.optim.Adam');
    expect(optimizerStep).toContain('θ ← θ − γ·m̂ / (√v̂ + ε)');
    const schedulerStep = renderHover(method('step', 'scheduler', 'StepLR', 'batch'), EN)!;
    expect(schedulerStep).toContain('counts batches');
    expect(schedulerStep).toContain('ηₜ = η₀ · gamma^⌊t / step_size⌋');
    const plateau = renderHover(method('step', 'scheduler', 'ReduceLROnPlateau', 'epoch'), EN)!;
    expect(plateau).toContain('**`scheduler.step(metrics)`**');
    expect(plateau).toContain('[OL007]');
  });

  it('explains backward on a loss tensor of unknown class', () => {
    const md = renderHover(method('backward', 'loss', null, 'batch'), EN)!;
    expect(md.split('\n')[0]).toBe('**`loss.backward()`**');
    expect(md).toContain('gradients accumulate, they are not replaced');
    expect(md).not.toContain('```text');
  });

  it('plots the schedule a step advances when its construction is known', () => {
    const step = { ...method('step', 'scheduler', 'CosineAnnealingLR', 'epoch'), construction: cosine } as SymbolTarget;
    expect(linkState(renderHover(step, EN)!, 'showLrSchedule')).toEqual(panelState(cosine));
    expect(renderHover(method('step', 'scheduler', 'CosineAnnealingLR', 'epoch'), EN)).not.toContain('command:');
  });

  it('matches the reviewed snapshot in Chinese', () => {
    expect(renderHover(method('zero_grad', 'optimizer', 'AdamW', 'epoch'), ZH)).toMatchSnapshot();
  });
});

describe('the Chinese rendering', () => {
  it('translates every catalog text it shows', () => {
    for (const text of CATALOG_TEXTS) expect(zh[text], text).toBeTruthy();
    const md = renderHover(classTarget(cosine), ZH)!;
    expect(md).not.toContain('MISSING');
    expect(md).toContain('**适用场景**');
  });
});

describe('the links’ commands', () => {
  it('are commands the extension contributes', () => {
    const manifest = JSON.parse(readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8')) as { contributes: { commands: { command: string }[] } };
    const contributed = manifest.contributes.commands.map((c) => c.command);
    for (const id of HOVER_COMMAND_IDS) expect(contributed).toContain(id);
  });
});
