/** Constructions and hover targets of a source (see ../symbols.ts for the data). */
import { buildModel, ModelCache } from '../model';
import type { ProjectContext } from '../project/link';
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

/**
 * `project`: the same project the document's findings are computed with, so both build the same
 * model from the shared cache instead of invalidating each other's cached roots.
 */
export function inspectSource(source: Source, map?: TextMap, cache = new ModelCache(), project: ProjectContext | null = null): Inspection {
  const model = buildModel(source, cache, project);
  const ctx = { source, cache, model, map: map ?? new PlainMap(new LineIndex(source.text)) };
  return {
    constructions: () => constructionsOf(ctx),
    symbolAt: (offset) => symbolAt(ctx, offset),
  };
}
