/**
 * The rule table: codes, names, default severities and summaries. The docs pages and the settings
 * are generated from / tested against it.
 */
import { MSG } from './messages';
import type { RuleCode, Severity } from '../types';

export interface RuleInfo {
  readonly code: RuleCode;
  readonly name: string;
  readonly severity: Severity;
  /** One-line English summary (a template without placeholders). */
  readonly summary: string;
  /** Repository-relative path of the rule's documentation page. */
  readonly docs: string;
}

const rule = (code: RuleCode, name: string, severity: Severity, summary: string): RuleInfo => ({
  code, name, severity, summary, docs: `docs/rules/${code}.md`,
});

export const RULES: readonly RuleInfo[] = [
  rule('OL001', 'missing-zero-grad', 'error', MSG.summaryOL001),
  rule('OL002', 'zero-grad-between-backward-and-step', 'error', MSG.summaryOL002),
  rule('OL003', 'scheduler-before-optimizer', 'warning', MSG.summaryOL003),
  rule('OL004', 'epoch-scheduler-stepped-per-batch', 'warning', MSG.summaryOL004),
  rule('OL005', 'batch-scheduler-stepped-per-epoch', 'warning', MSG.summaryOL005),
  rule('OL006', 'scheduler-never-stepped', 'warning', MSG.summaryOL006),
  rule('OL007', 'plateau-step-without-metric', 'error', MSG.summaryOL007),
  rule('OL008', 'adam-weight-decay', 'information', MSG.summaryOL008),
];

export const RULE_CODES: readonly RuleCode[] = RULES.map((r) => r.code);

export function ruleInfo(code: RuleCode): RuleInfo {
  const found = RULES.find((r) => r.code === code);
  if (!found) throw new Error(`unknown rule ${code}`);
  return found;
}
