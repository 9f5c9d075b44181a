/**
 * What flattening produces: units (one execution of a body, or one iteration of a loop) holding,
 * in program order, the events rules read and the loops nested in them, each under its path of branches.
 */
import type { Block, Stmt } from '../syntax/ir';
import type { Chunk } from '../syntax/source';
import type { LoopInfo } from './loops';
import type { Activation, SchedulerVal, Site, Val } from './values';

export type PathElem =
  | {
      readonly kind: 'branch';
      readonly owner: object;
      readonly index: number;
      /** The condition may change between iterations of the enclosing loop. */
      readonly dynamic: boolean;
      /** The condition looks at a scheduler's type (`isinstance(s, ReduceLROnPlateau)`). */
      readonly typeTest: boolean;
      /** The chunk holding an `if` owner, whose offsets its condition's are (another file's, through a call). */
      readonly chunk?: Chunk;
    }
  /** Statements after an `if` that may leave the block (`continue`, `return`, `raise`). */
  | { readonly kind: 'guard'; readonly dynamic: boolean }
  | { readonly kind: 'except' }
  | { readonly kind: 'comp' }
  | { readonly kind: 'closure' };

/** Where a call is: its statement and block, for fixes that move or add statements. */
export interface StmtRef {
  readonly chunk: Chunk;
  readonly stmt: Stmt;
  readonly block: Block;
}

export interface Receiver {
  readonly vals: readonly Val[];
  /** Source text of the receiver (`self.optimizer`), for messages and fixes. */
  readonly text: string;
  readonly site: Site;
}

export interface EventBase {
  readonly path: readonly PathElem[];
  readonly site: Site;
  readonly stmt: StmtRef;
  /** The function execution the call lexically sits in. */
  readonly act: Activation;
}

export type Event =
  /** `recv` is set for `optimizer.backward(loss)`: a framework optimizer (fairseq, apex), not torch's. */
  | (EventBase & { readonly kind: 'backward'; readonly recv: Receiver | null })
  | (EventBase & { readonly kind: 'step'; readonly opt: Receiver })
  | (EventBase & { readonly kind: 'zero'; readonly target: Receiver | null })
  | (EventBase & { readonly kind: 'clearAll' })
  /** A call we cannot see into that may clear gradients (of `vals`, or of anything when null). */
  | (EventBase & { readonly kind: 'mayClear'; readonly vals: readonly Val[] | null })
  /**
   * `scheds` are the torch schedulers the receiver may be; empty when it is a scheduler by role
   * only (`byRole`: a parameter or attribute named like one, a library's scheduler class), whose
   * class and horizon are unknown. `epochArg` is the text of a `step(epoch)` argument.
   */
  | (EventBase & {
      readonly kind: 'sched'; readonly sched: Receiver; readonly scheds: readonly SchedulerVal[]; readonly hasArgs: boolean;
      readonly epochArg: string | null; readonly byRole: boolean;
    });

export interface LoopItem {
  readonly kind: 'loop';
  readonly unit: Unit;
  readonly path: readonly PathElem[];
}

export type Item = Event | LoopItem;

export class Unit {
  readonly items: Item[] = [];
  /** Something in the unit could not be followed (a syntax error, the inlining budget). */
  tainted = false;

  constructor(
    /** `loop`: one iteration of `loop`; `body`: one execution of a function or the module. */
    readonly kind: 'loop' | 'body',
    readonly act: Activation,
    /** The unit this one is nested in, in the flattening. */
    readonly parent: Unit | null,
    readonly loop: LoopInfo | null,
  ) {}

  /** Marks this unit and every unit around it: their executions include this one's. */
  taint(): void {
    this.tainted = true;
    if (this.parent && !this.parent.tainted) this.parent.taint();
  }
}
