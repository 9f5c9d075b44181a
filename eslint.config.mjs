import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const VSCODE = { name: 'vscode', message: 'The pure core, the analyser, the workspace engine, shared/ and the webviews never import vscode: keep them usable from the CLI and the tests.' };

/**
 * The layers, lowest first: each may import those below it and never those above.
 *
 *   src/core ← src/shared (+ src/protocol.ts, src/settings.ts) ← src/analysis ← src/workspace
 *     ← (src/panels, src/features) ← src/extension.ts
 *
 * webview/ is another top: it imports src/core, src/shared and src/protocol.ts only. src/cli is a
 * top of its own (no vscode), and so is src/lsp, the language server the CLI starts. A directory's list below names what is above it.
 */
const ABOVE = {
  core: ['shared', 'protocol', 'settings', 'analysis', 'workspace', 'panels', 'features', 'cli', 'lsp', 'lazyModule', 'extension'],
  shared: ['analysis', 'workspace', 'panels', 'features', 'cli', 'lsp', 'lazyModule', 'extension'],
  analysis: ['workspace', 'panels', 'features', 'cli', 'lsp', 'lazyModule', 'extension'],
  workspace: ['panels', 'features', 'cli', 'lsp', 'lazyModule', 'extension'],
  // The panels may name the lazy bundle's types (import type), never its values: esbuild.mjs warns on those.
  panels: ['features', 'cli', 'lsp', 'extension'],
  features: ['cli', 'lsp', 'extension'],
  // The language server sits beside the CLI (which starts it) and shares its l10n loader; it never reaches the VS Code host.
  lsp: ['panels', 'features', 'lazyModule', 'extension'],
  webview: ['analysis', 'workspace', 'panels', 'features', 'cli', 'lsp', 'settings', 'lazyModule', 'extension'],
};

/** `no-restricted-imports` for one layer: nothing from above it, and no `vscode` where `pure`. */
function layer(name, { pure, extra = [] }) {
  const message = `${name} must not import a layer above it; see the layer order in eslint.config.mjs (and README, Development).`;
  return {
    'no-restricted-imports': ['error', {
      paths: pure ? [VSCODE] : [],
      patterns: [{ regex: `(^|/)src/(${ABOVE[name].join('|')})(\\.ts)?(/|$)|^\\.{1,2}/(\\.\\./)*(${ABOVE[name].join('|')})(\\.ts)?(/|$)`, message }, ...extra],
    }],
  };
}

/** Outside model/ (and project/, its cross-file part), the analyser sees the model through model/index.ts only. */
const MODEL_API = { regex: '^\\.\\./model/', message: 'Import the model through its API, ../model (src/analysis/model/index.ts).' };

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'out/**', 'test-results/**', '.vscode-test/**', 'examples/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
  {
    // Type-aware rules where a promise dropped on the floor loses an error: the extension and the webviews.
    files: ['src/**/*.ts', 'webview/**/*.ts', 'webview/**/*.tsx'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/require-await': 'error',
    },
  },
  { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs' }, rules: { '@typescript-eslint/no-require-imports': 'off' } },
  { files: ['webview/**', 'test/webview/**'], languageOptions: { globals: { ...globals.browser } } },
  { files: ['src/core/**'], rules: layer('core', { pure: true }) },
  { files: ['src/shared/**', 'src/protocol.ts', 'src/settings.ts'], rules: layer('shared', { pure: true }) },
  { files: ['src/analysis/**'], rules: layer('analysis', { pure: true }) },
  // project/ hands other files' functions to the model's evaluator: it is the model's, across files.
  { files: ['src/analysis/*/**'], ignores: ['src/analysis/model/**', 'src/analysis/project/**'], rules: layer('analysis', { pure: true, extra: [MODEL_API] }) },
  { files: ['src/workspace/**'], rules: layer('workspace', { pure: true }) },
  { files: ['src/panels/**'], rules: layer('panels', { pure: false }) },
  { files: ['src/features/**'], rules: layer('features', { pure: false }) },
  { files: ['src/lsp/**'], rules: layer('lsp', { pure: true }) },
  { files: ['webview/**'], rules: layer('webview', { pure: true }) },
  {
    files: ['src/core/**', 'src/analysis/**', 'src/workspace/**', 'src/shared/**'],
    rules: {
      'no-restricted-globals': ['error', { name: 'document', message: 'The pure core has no DOM.' }, { name: 'window', message: 'The pure core has no DOM.' }],
    },
  },
);
