import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const noVscode = {
  'no-restricted-imports': ['error', {
    paths: [{ name: 'vscode', message: 'The pure core, the analyser, the workspace engine and the webviews never import vscode: keep them usable from the CLI and the tests.' }],
  }],
};

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
  { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs' }, rules: { '@typescript-eslint/no-require-imports': 'off' } },
  { files: ['webview/**', 'test/webview/**'], languageOptions: { globals: { ...globals.browser } } },
  { files: ['src/core/**', 'src/analysis/**', 'src/workspace/**', 'src/protocol.ts', 'webview/**'], rules: noVscode },
  {
    files: ['src/core/**', 'src/analysis/**', 'src/workspace/**'],
    rules: {
      'no-restricted-globals': ['error', { name: 'document', message: 'The pure core has no DOM.' }, { name: 'window', message: 'The pure core has no DOM.' }],
    },
  },
);
