import * as vscode from 'vscode';
import { DEFAULT_SETTINGS, SETTINGS_SECTION, type Settings } from '../settings';

/** Reads the settings that apply to `scope` (a document or workspace folder), falling back to the defaults. */
export function readSettings(scope?: vscode.ConfigurationScope): Settings {
  const config = vscode.workspace.getConfiguration(SETTINGS_SECTION, scope);
  const get = <K extends keyof Settings>(key: K): Settings[K] => config.get<Settings[K]>(key, DEFAULT_SETTINGS[key]);
  return {
    enable: get('enable'),
    exclude: get('exclude'),
    severity: get('severity'),
  };
}

/** Fires `listener` when any `optimLens.*` setting changes. */
export function onSettingsChanged(listener: () => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((event) => {
    if (event.affectsConfiguration(SETTINGS_SECTION)) listener();
  });
}
