/** Constructions and hover targets of a source (see ../symbols.ts for the data). */
import { buildModel, ModelCache } from '../model';
import { PlainMap, type TextMap } from '../positions';
import type { Source } from '../syntax/source';
import type { Construction, SymbolTarget } from '../symbols';
import { LineIndex } from '../syntax/text/lines';
import { constructionsOf, symbolAt } from './locate';

export interface Inspection {
  /** Every optimizer, scheduler and loss constructed, in source order. */
  constructions(): Construction[];
  /** What a hover at `offset` (into the analysed text) explains, or null. */
  symbolAt(offset: number): SymbolTarget | null;
}

export function inspectSource(source: Source, map?: TextMap, cache = new ModelCache()): Inspection {
  const model = buildModel(source, cache);
  const ctx = { source, cache, model, map: map ?? new PlainMap(new LineIndex(source.text)) };
  return {
    constructions: () => constructionsOf(ctx),
    symbolAt: (offset) => symbolAt(ctx, offset),
  };
}
