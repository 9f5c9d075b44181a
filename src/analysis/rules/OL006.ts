/**
 * OL006 scheduler-never-stepped: a scheduler is bound to a name and the file never calls `.step`
 * on anything with that name, nor uses the name in any other way (passing it on, returning it,
 * storing it, testing it), any of which could step it elsewhere. Deliberately textual and
 * over-cautious: every occurrence of the name anywhere in the file is looked at.
 */
import { message } from './messages';
import type { LoopInfo } from '../model';
import { mentionsTrainingVocabulary } from '../syntax/source';
import { abs, placedEvents, type RawFinding, type RuleContext } from './common';

type Use = 'neutral' | 'stepped' | 'other';

function classify(text: string, at: number, name: string, isAttr: boolean): Use | null {
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const before = text.slice(lineStart, at);
  if (/#/.test(before.replace(/(["'])(?:\\.|(?!\1).)*\1/g, ''))) return null; // in a comment
  const after = text.slice(at + name.length, at + name.length + 80);
  const viaDot = /\.\s*$/.test(before);
  const member = /^\s*\.\s*(\w+)/.exec(after);
  if (member) return member[1]?.startsWith('step') ? 'stepped' : viaDot && !isAttr ? null : 'neutral';
  if (viaDot && !isAttr) return null; // `obj.scheduler` is another object
  if (/^\s*(?::[^=\n]*)?=(?!=)/.test(after)) return 'neutral'; // assigned
  return 'other';
}

function epochLoopTrains(loop: LoopInfo): boolean {
  return mentionsTrainingVocabulary(loop.chunk.text.slice(loop.stmt.s, loop.stmt.e));
}

export function OL006(ctx: RuleContext): RawFinding[] {
  const out: RawFinding[] = [];
  const seen = new Set<string>();
  // A scheduler can be stepped by code this file does not show (a config module, a trainer driven
  // from elsewhere, a test that only inspects it): only trust "never stepped" when this file runs a
  // training loop itself.
  // (An epoch loop counts when its own text has training vocabulary: whether it was modelled at all
  // must not decide, see Source.relevant.)
  const trains = ctx.model.units.some((u) => u.kind === 'loop' && ((u.loop?.epochNamed === true && epochLoopTrains(u.loop)) || placedEvents(u).some((e) => e.event.kind !== 'mayClear')));
  for (const b of ctx.model.schedulerBindings) {
    const key = b.sched.key;
    if (seen.has(key)) continue;
    if (!trains) continue;
    seen.add(key);
    const re = new RegExp(`\\b${b.name}\\b`, 'g');
    let verdict: Use = 'neutral';
    for (const m of ctx.text.matchAll(re)) {
      const use = classify(ctx.text, m.index, b.name, b.isAttr);
      if (use === 'stepped' || use === 'other') {
        verdict = use;
        break;
      }
    }
    if (verdict !== 'neutral') continue;
    out.push({
      code: 'OL006',
      ...abs(b.sched.site),
      message: message('OL006', { scheduler: b.isAttr ? `self.${b.name}` : b.name, class: b.sched.cls }),
      related: [],
      fixes: [],
    });
  }
  return out;
}
