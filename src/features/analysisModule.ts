import { createRequire } from 'node:module';
import type * as Lazy from '../lazyModule';

export type AnalysisModule = typeof Lazy;

/**
 * The analyser (with the catalog and the workspace engine, src/lazyModule.ts) ships as its own
 * bundle, `dist/analyzer.js` (esbuild.mjs), required on first use:
 * activation loads only the host code, and a window with no Python file never loads the parser.
 * Host code imports only types from `../analysis` and reaches its values through this function.
 */
export function loadAnalysis(): AnalysisModule {
  // Resolved next to dist/extension.js at run time, out of esbuild's sight (it is not bundled).
  return createRequire(__filename)('./analyzer.js') as AnalysisModule;
}
