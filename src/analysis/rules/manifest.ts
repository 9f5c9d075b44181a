/**
 * What package.json and package.nls.json say about each rule: the `optimLens.severity` setting's
 * properties and their English descriptions. Derived from the rule list; a unit test holds the
 * files to it and `npm run rules:sync` rewrites them.
 */
import { SEVERITY_SETTINGS } from '../../settings';
import type { RuleInfo } from './define';

/** package.nls.json's key for a rule's severity setting. */
export const severityNlsKey = (rule: RuleInfo): string => `config.severity.${rule.code}`;

/** The properties of `contributes.configuration.properties["optimLens.severity"]`, in rule order. */
export function severityProperties(rules: readonly RuleInfo[]): Record<string, { type: 'string'; enum: string[]; description: string }> {
  return Object.fromEntries(rules.map((r) => [r.code, { type: 'string' as const, enum: [...SEVERITY_SETTINGS], description: `%${severityNlsKey(r)}%` }]));
}

/** The English descriptions of those properties (package.nls.json). */
export function severityDescriptions(rules: readonly RuleInfo[]): Record<string, string> {
  return Object.fromEntries(rules.map((r) => [severityNlsKey(r), `${r.code} ${r.name}: ${r.doc.setting}`]));
}
