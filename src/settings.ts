/**
 * The `optimLens.*` settings: one typed shape with one default per key. Pure (no `vscode`), so a
 * unit test can check these defaults against package.json's `contributes.configuration` and the two
 * can never drift apart.
 */
export const SETTINGS_SECTION = 'optimLens';

export interface Settings {
  /** Analyse Python files and notebooks. */
  readonly enable: boolean;
  /** Glob patterns of files not analysed. */
  readonly exclude: readonly string[];
}

export const DEFAULT_SETTINGS: Settings = {
  enable: true,
  exclude: [],
};
