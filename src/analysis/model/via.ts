/**
 * Following a call into a function of another project file: what happens there is placed on the
 * call in the analysed file that led there (rules compute offsets into the analysed text only),
 * keeping where it really is as `site.origin` for related locations.
 */
import type { CallExpr } from '../syntax/ir';
import { identity, siteOf, type Evaluator, type Val } from './values';
import type { Via, WalkState } from './walk';

/** The call (or, for a closure handed over, the statement) in the analysed file leading elsewhere. */
export function viaCall(call: CallExpr | null, ctx: WalkState): Via | null {
  const stmt = ctx.stmt;
  if (!stmt) return null;
  return { site: siteOf(ctx.chunk, call ?? stmt.stmt), stmt, call, act: ctx.act };
}

/**
 * In another file, messages and fixes should name the caller's object (`optimizer`), not the
 * parameter it became there (`opt`): the argument of the call leading there with the same value.
 */
export function argumentText(ev: Evaluator, via: Via, vals: readonly Val[]): string | null {
  const keys = new Set(vals.map(identity).filter((k) => k !== null));
  if (!via.call || keys.size === 0) return null;
  const chunk = via.site.chunk;
  for (const a of [...via.call.args, ...via.call.kw.map((k) => k.value)]) {
    if (a.k !== 'name' && a.k !== 'attr') continue;
    if (ev.expr(a, chunk, via.act).some((v) => keys.has(identity(v) ?? ''))) return chunk.text.slice(a.s, a.e);
  }
  return null;
}
