/**
 * Runs every rule over a model: one finding per rule and anchor, `# noqa` applied, a suppress fix
 * added to each finding, sorted by position.
 */
import { suppress } from './fixes';
import { suppresses } from './noqa';
import type { RuleCode } from '../types';
import type { RawFinding, Rule, RuleContext } from './common';
import { OL001 } from './OL001';
import { OL002 } from './OL002';
import { OL003 } from './OL003';
import { OL004 } from './OL004';
import { OL005 } from './OL005';
import { OL006 } from './OL006';
import { OL007 } from './OL007';
import { OL008 } from './OL008';

export const RULE_FUNCTIONS: Readonly<Record<RuleCode, Rule>> = { OL001, OL002, OL003, OL004, OL005, OL006, OL007, OL008 };

export function runRules(ctx: RuleContext): RawFinding[] {
  const byAnchor = new Map<string, RawFinding>();
  for (const [code, rule] of Object.entries(RULE_FUNCTIONS) as [RuleCode, Rule][]) {
    for (const f of rule(ctx)) {
      const key = `${code}:${f.start}`;
      if (!byAnchor.has(key)) byAnchor.set(key, f);
    }
  }
  const out: RawFinding[] = [];
  for (const f of byAnchor.values()) {
    const line = ctx.lines.lineText(ctx.lines.lineOf(f.start));
    if (suppresses(line, f.code)) continue;
    const chunk = ctx.model.source.chunks.find((c) => c.start <= f.start && f.start < c.end);
    const s = suppress(ctx, f.code, f.start, chunk?.start ?? 0);
    out.push(s ? { ...f, fixes: [...f.fixes, s] } : f);
  }
  return out.sort((a, b) => a.start - b.start || a.code.localeCompare(b.code));
}
