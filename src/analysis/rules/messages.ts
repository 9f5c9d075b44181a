/**
 * The English templates shared by several rules and by the rule runner; a rule's own templates
 * live in its file (`messages` of defineRule). Templates use named placeholders (`{optimizer}`)
 * filled from a Message's `args`; values are never baked into a template, so the host can
 * translate the template text itself (it is the l10n key).
 */
import type { Message } from '../types';
import { fillTemplate } from '../../core/template';

export const SHARED_MESSAGES = {
  horizon: 'Horizon set here: {horizon}',
  schedulerCreated: 'Scheduler created here',
  fixSuppress: 'Suppress {code} on this line with # noqa',
  activationApplied: '{activation} is applied here',
  fixPassLogits: 'Pass the values before {activation} to {loss}',
} as const;

export type SharedMessageKey = keyof typeof SHARED_MESSAGES;

export function message(key: SharedMessageKey, args: Readonly<Record<string, string | number>> = {}): Message {
  return { template: SHARED_MESSAGES[key], args };
}

/** The placeholders a template uses, in order of first appearance. */
export function placeholders(template: string): string[] {
  return [...new Set([...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? ''))];
}

/**
 * Substitutes `args` into `template` (the English rendering, or a translated template). A missing
 * argument leaves its placeholder visible rather than printing "undefined".
 */
export function formatMessage(m: Message, template: string = m.template): string {
  return fillTemplate(template, m.args);
}
