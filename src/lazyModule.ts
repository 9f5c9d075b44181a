/**
 * Everything the extension host loads on first use rather than at activation, bundled as
 * dist/analyzer.js (esbuild.mjs) and reached through src/features/analysisModule.ts: the analyser
 * and its parser, the documentation catalog, and the workspace check engine. Pure, like its parts.
 */
export * from './analysis';
export { classDoc, HOVER_COMMAND_IDS, renderHover } from './analysis/catalog';
export { checkFiles, isNotebookPath } from './workspace/engine';
export { NotebookPositions } from './workspace/notebookPositions';
