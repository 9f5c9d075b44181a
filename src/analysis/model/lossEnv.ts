/**
 * The names of one path through a body as the loss reading (losses.ts) tracks them: what each name
 * holds where it is read, worked out only when a loss call needs it.
 */
import type { Expr } from '../syntax/ir';
import type { AV } from './lossValues';

export interface Entry {
  /** Read on first use: most assigned values never reach a loss, and are never worked out. */
  readonly av: AV | null;
  /** Each assignment of a name on the way gets a new version; a join of different ones too. */
  readonly version: number;
  /** The value expression of the one assignment that reaches here, if there is one. */
  readonly value: Expr | null;
}

export function entry(version: number, value: Expr | null, compute: () => AV | null): Entry {
  let done = false;
  let av: AV | null = null;
  return {
    version,
    value,
    get av() {
      if (!done) {
        done = true; // a value that reads itself is unknown
        av = compute();
      }
      return av;
    },
  };
}

interface Link {
  readonly name: string;
  readonly entry: Entry;
  readonly next: Link | null;
}

/**
 * The names of one path through a body, as a list that is only ever added to at its head: a
 * branch starts from its parent's head, what it assigned is what lies before that, and the head
 * at an assignment is the state its value is later worked out in.
 */
export class Env {
  head: Link | null;
  private readonly base: Link | null;

  constructor(from: Env | null = null) {
    this.head = from ? from.head : null;
    this.base = this.head;
  }

  get(name: string): Entry | undefined {
    for (let l = this.head; l; l = l.next) if (l.name === name) return l.entry;
    return undefined;
  }

  has(name: string): boolean {
    return this.get(name) !== undefined;
  }

  set(name: string, e: Entry): void {
    this.head = { name, entry: e, next: this.head };
  }

  /** Names assigned since this env was made from its parent. */
  assigned(): Set<string> {
    const out = new Set<string>();
    for (let l = this.head; l && l !== this.base; l = l.next) out.add(l.name);
    return out;
  }
}
