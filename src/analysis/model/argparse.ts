/**
 * Command-line defaults: what `args.step_size` is when `args = parser.parse_args()` and the file
 * declares `parser.add_argument('--step_size', type=int, default=10)`. Scripts read their
 * epochs, milestones and gammas this way, and the defaults are what the script was written for,
 * so scheduler horizons (the epoch/batch cadence rules) can be judged against them.
 *
 * Only numeric literal defaults are trusted, and only when the file declares one default per
 * name and never assigns the attribute itself (`args.epochs = 1` in a debug branch): otherwise
 * the value stays unknown. Every chunk that mentions `add_argument`/`set_defaults` is read,
 * whatever the prefilter chose, so the answer never depends on it.
 */
import type { Expr, Keyword } from '../syntax/ir';
import { forEachExpr, forEachStmt, forEachStmtExpr, lastName } from '../syntax/ir';
import type { Chunk, Source } from '../syntax/source';

/** A name's default: its number, or null when unknown (declared twice, not a literal, assigned). */
export type ArgumentDefaults = ReadonlyMap<string, number | null>;

/** `x.name = …`, `x.name += …` (not `==`). */
const ASSIGNED_ATTRIBUTE = /\.([A-Za-z_]\w*)\s*(?:[-+*/%]|\/\/|\*\*)?=(?!=)/g;
const DECLARES = /\b(?:add_argument|set_defaults)\s*\(/;

/** The chunks whose declarations the defaults come from (what a cached result depends on). */
export function declaringChunks(source: Source): Chunk[] {
  return source.chunks.filter((c) => DECLARES.test(c.text));
}

export function argumentDefaults(source: Source, chunks: readonly Chunk[]): ArgumentDefaults {
  const out = new Map<string, number | null>();
  const record = (dest: string, value: number | null) => {
    const had = out.get(dest);
    out.set(dest, had === undefined || had === value ? value : null);
  };
  for (const chunk of chunks) {
    forEachStmt(source.statements(chunk), (s) =>
      forEachStmtExpr(s, (root) =>
        forEachExpr(root, (x) => {
          if (x.k !== 'call' || x.fn.k !== 'attr') return;
          if (x.fn.attr === 'add_argument') {
            const dest = destination(x.args, x.kw);
            if (!dest) return;
            const given = x.kw.find((k) => k.name === 'default');
            // argparse's default is None: nothing to judge a horizon by.
            record(dest, given ? literal(given.value) : null);
          } else if (x.fn.attr === 'set_defaults') {
            for (const k of x.kw) if (k.name) record(k.name, literal(k.value));
          }
        }),
      ),
    );
  }
  // `args.epochs = 1` anywhere: the namespace's value is no longer the declared default.
  for (const m of source.text.matchAll(ASSIGNED_ATTRIBUTE)) if (m[1] && out.has(m[1])) out.set(m[1], null);
  return out;
}

/** argparse's `dest`: the `dest=` keyword, else the first long option, else the first name. */
function destination(args: readonly Expr[], kw: readonly Keyword[]): string | null {
  const explicit = kw.find((k) => k.name === 'dest')?.value;
  if (explicit) return explicit.k === 'str' ? explicit.v : null;
  const names: string[] = [];
  for (const a of args) {
    if (a.k !== 'str') break;
    names.push(a.v);
  }
  const long = names.find((n) => n.startsWith('--'));
  const chosen = long ?? names[0];
  if (!chosen) return null;
  const dest = chosen.replace(/^-+/, '').replace(/-/g, '_');
  return /^[A-Za-z_]\w*$/.test(dest) ? dest : null;
}

function literal(x: Expr): number | null {
  if (x.k === 'num') return x.v;
  if (x.k === 'unary' && x.op === '-' && x.x.k === 'num') return -x.x.v;
  return null;
}

/** `parser.parse_args()` / `parse_known_args()`: which one, if `call` is either. */
export function parseArgsKind(fn: Expr): 'namespace' | 'known' | null {
  if (fn.k !== 'attr') return null;
  const name = lastName(fn);
  return name === 'parse_args' ? 'namespace' : name === 'parse_known_args' ? 'known' : null;
}
