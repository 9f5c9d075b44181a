/**
 * The `optimLens.*` settings: one typed shape with one default per key. Pure (no `vscode`), so a
 * unit test can check these defaults against package.json's `contributes.configuration` and the two
 * can never drift apart.
 */
import { ID_PREFIX } from './shared/ids';

export const SETTINGS_SECTION = ID_PREFIX;

/** What a user may set a rule to: a severity of VS Code's, or `off`. */
export type SeveritySetting = 'error' | 'warning' | 'information' | 'hint' | 'off';
export const SEVERITY_SETTINGS: readonly SeveritySetting[] = ['error', 'warning', 'information', 'hint', 'off'];

export interface Settings {
  /** Analyse Python files and notebooks. */
  readonly enable: boolean;
  /** Glob patterns of files not analysed. */
  readonly exclude: readonly string[];
  /** Per-rule severity overrides by code (`{"<code>": "off"}`); a rule not named keeps its default. */
  readonly severity: Readonly<Record<string, SeveritySetting>>;
}

export const DEFAULT_SETTINGS: Settings = {
  enable: true,
  exclude: [],
  severity: {},
};
