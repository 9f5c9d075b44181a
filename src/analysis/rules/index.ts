/**
 * The list of rules: everything else about rules (their codes as a type, the table, the message
 * templates, the settings, the rule pages, the hovers' links, the host's extra code actions) is
 * derived from it. Adding a rule is adding its file here.
 *
 * Runs every rule over a model: one finding per rule and anchor, `# noqa` applied, a suppress fix
 * added to each finding, sorted by position.
 */
import { NoqaLines, suppress } from './fixes';
import type { Chunk } from '../syntax/source';
import { SHARED_MESSAGES } from './messages';
import type { MethodId } from '../catalog/types';
import type { TorchKind } from '../symbols';
import type { RuleCode } from '../types';
import type { RawFinding, RuleContext } from './common';
import type { RuleInfo } from './define';
import { missingZeroGrad } from './missingZeroGrad';
import { zeroGradBetweenBackwardAndStep } from './zeroGradBetweenBackwardAndStep';
import { schedulerBeforeOptimizer } from './schedulerBeforeOptimizer';
import { epochSchedulerSteppedPerBatch } from './epochSchedulerSteppedPerBatch';
import { batchSchedulerSteppedPerEpoch } from './batchSchedulerSteppedPerEpoch';
import { schedulerNeverStepped } from './schedulerNeverStepped';
import { plateauStepWithoutMetric } from './plateauStepWithoutMetric';
import { adamWeightDecay } from './adamWeightDecay';
import { softmaxIntoCrossEntropy } from './softmaxIntoCrossEntropy';
import { sigmoidIntoLogitsLoss } from './sigmoidIntoLogitsLoss';
import { logitsIntoProbabilityLoss } from './logitsIntoProbabilityLoss';
import { statementNotAnalysed } from './statementNotAnalysed';

/** In code order: the table, the settings and the SARIF output list them this way. */
export const RULE_LIST = [
  missingZeroGrad,
  zeroGradBetweenBackwardAndStep,
  schedulerBeforeOptimizer,
  epochSchedulerSteppedPerBatch,
  batchSchedulerSteppedPerEpoch,
  schedulerNeverStepped,
  plateauStepWithoutMetric,
  adamWeightDecay,
  softmaxIntoCrossEntropy,
  sigmoidIntoLogitsLoss,
  logitsIntoProbabilityLoss,
  statementNotAnalysed,
] as const;

declare module '../types' {
  interface RuleCodeRegistry {
    readonly code: (typeof RULE_LIST)[number]['code'];
  }
}

export type { RuleCode } from '../types';

export type { RuleInfo } from './define';

export const RULES: readonly RuleInfo<RuleCode>[] = RULE_LIST;

export const RULE_CODES: readonly RuleCode[] = RULES.map((r) => r.code);

const byCode = new Map<string, RuleInfo<RuleCode>>(RULES.map((r) => [r.code, r]));

export function ruleInfo(code: RuleCode): RuleInfo<RuleCode> {
  const found = byCode.get(code);
  if (!found) throw new Error(`unknown rule ${code}`);
  return found;
}

/** The rule of a code from outside (a command argument, a diagnostic), or undefined. */
export function findRule(code: unknown): RuleInfo<RuleCode> | undefined {
  return typeof code === 'string' ? byCode.get(code) : undefined;
}

/** The rules that look at a torch class or a training-loop call, for the hovers' links. */
export function rulesConcerning(subject: { readonly kind: TorchKind; readonly cls: string } | { readonly method: MethodId }): RuleCode[] {
  return RULES.filter((r) => ('method' in subject ? r.concerns.method?.includes(subject.method) : r.concerns[subject.kind]?.includes(subject.cls))).map((r) => r.code);
}

/** Every template, for building and checking translation bundles. */
export const MESSAGE_TEMPLATES: readonly string[] = [...RULES.flatMap((r) => r.templates), ...Object.values(SHARED_MESSAGES)];

export function runRules(ctx: RuleContext): RawFinding[] {
  const byAnchor = new Map<string, RawFinding>();
  for (const rule of RULES) {
    for (const f of rule.run(ctx)) {
      const key = `${rule.code}:${f.start}`;
      if (!byAnchor.has(key)) byAnchor.set(key, f);
    }
  }
  // In the order of the text, so that lines and statements are each read once (NoqaLines).
  const found = [...byAnchor.values()].sort((a, b) => a.start - b.start || a.code.localeCompare(b.code));
  const lines = new NoqaLines(ctx);
  const chunks = ctx.model.source.chunks;
  let c = 0;
  const out: RawFinding[] = [];
  for (const f of found) {
    const noqa = lines.line(ctx.lines.lineOf(f.start)).noqa;
    if (noqa && (noqa.codes === null || noqa.codes.includes(f.code))) continue;
    // The chunk holding the anchor (chunks are in order, and so are the findings).
    while (c < chunks.length && (chunks[c] as Chunk).end <= f.start) c++;
    const chunk = c < chunks.length && (chunks[c] as Chunk).start <= f.start ? chunks[c] : undefined;
    const s = suppress(ctx, f.code, f.start, chunk?.start ?? 0, lines);
    out.push(s ? { ...f, fixes: [...f.fixes, s] } : f);
  }
  return out;
}
