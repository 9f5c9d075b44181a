import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS, SETTINGS_SECTION } from '../../../src/settings';

vi.mock('vscode', () => ({}));

interface Manifest {
  engines: { vscode: string };
  capabilities: { untrustedWorkspaces: { supported: boolean | 'limited'; restrictedConfigurations?: string[] } };
  devDependencies: Record<string, string>;
  activationEvents: string[];
  contributes: {
    commands: { command: string; category: string }[];
    configuration: { properties: Record<string, { default: unknown; properties?: Record<string, { enum: string[] }> }> };
  };
}

const readJson = (file: string): Record<string, string> => JSON.parse(readFileSync(path.resolve(__dirname, '../../..', file), 'utf8')) as Record<string, string>;
const manifest = JSON.parse(readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8')) as Manifest;

describe('package.json', () => {
  it('does not take exclude patterns from an untrusted workspace', () => {
    // A repository's .vscode/settings.json is the attacker's text too; the matcher is linear, and
    // an untrusted folder still may not switch the analysis off for its own files.
    expect(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations).toEqual([`${SETTINGS_SECTION}.exclude`]);
  });

  it('declares every setting with the default the code uses, and nothing more', () => {
    const declared = Object.fromEntries(
      Object.entries(manifest.contributes.configuration.properties).map(([key, schema]) => [key.replace(`${SETTINGS_SECTION}.`, ''), schema.default]),
    );
    expect(declared).toEqual(DEFAULT_SETTINGS);
  });

  it('offers a severity setting for every rule, with every severity', async () => {
    const { RULE_CODES } = await import('../../../src/analysis');
    const { SEVERITY_SETTINGS } = await import('../../../src/settings');
    const rules = manifest.contributes.configuration.properties['optimLens.severity']!.properties!;
    expect(Object.keys(rules)).toEqual([...RULE_CODES]);
    for (const schema of Object.values(rules)) expect(schema.enum).toEqual([...SEVERITY_SETTINGS]);
  });

  it('declares the severity settings and their descriptions the rule list derives (npm run rules:sync writes them)', async () => {
    const { RULES } = await import('../../../src/analysis');
    const { severityDescriptions, severityProperties } = await import('../../../src/analysis/rules/manifest');
    const fix = 'run npm run rules:sync';
    const rules = manifest.contributes.configuration.properties['optimLens.severity']!.properties;
    expect(rules, `package.json's optimLens.severity properties: ${fix}`).toEqual(severityProperties(RULES));
    const en = readJson('package.nls.json');
    const zh = readJson('package.nls.zh-cn.json');
    const expected = severityDescriptions(RULES);
    const severityKeys = (nls: Record<string, string>) => Object.keys(nls).filter((k) => k.startsWith('config.severity.')).sort();
    expect(Object.fromEntries(severityKeys(en).map((k) => [k, en[k]])), `package.nls.json: ${fix}`).toEqual(expected);
    expect(severityKeys(zh), 'package.nls.zh-cn.json needs a Chinese description for each of these keys').toEqual(Object.keys(expected).sort());
  });

  it('contributes exactly the commands the extension registers', async () => {
    const { COMMANDS } = await import('../../../src/features/commands');
    const declared = manifest.contributes.commands.map((c) => c.command).sort();
    expect(declared).toEqual(Object.keys(COMMANDS).map((name) => `optimLens.${name}`).sort());
    for (const command of manifest.contributes.commands) expect(command.category).toBe('Optim Lens');
  });

  it('targets the VS Code its types describe', () => {
    const types = manifest.devDependencies['@types/vscode']!.replace(/^[\^~]/, '');
    const engine = manifest.engines.vscode.replace(/^[\^~]/, '');
    expect(engine.split('.').slice(0, 2)).toEqual(types.split('.').slice(0, 2));
  });

  it('activates on the panels it can restore', async () => {
    const { optimizersPanel, schedulesPanel } = await import('../../../src/panels/definitions');
    for (const panel of [optimizersPanel, schedulesPanel]) expect(manifest.activationEvents).toContain(`onWebviewPanel:${panel.viewType}`);
  });
});
