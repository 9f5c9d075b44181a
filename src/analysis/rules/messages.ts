/**
 * The English templates shared by several rules and by the rule runner; a rule's own templates
 * live in its file (`messages` of defineRule). Templates use named placeholders (`{optimizer}`)
 * filled from a Message's `args`; values are never baked into a template, so the host can
 * translate the template text itself (it is the l10n key).
 */
import type { Message } from '../types';
import { fillTemplate } from '../../core/template';
import { snippet } from '../snippet';

export const SHARED_MESSAGES = {
  horizon: 'Horizon set here: {horizon}',
  schedulerCreated: 'Scheduler created here',
  fixSuppress: 'Suppress {code} on this line with # noqa',
  activationApplied: '{activation} is applied here',
  fixPassLogits: 'Pass the values before {activation} to {loss}',
} as const;

export type SharedMessageKey = keyof typeof SHARED_MESSAGES;

export function message(key: SharedMessageKey, args: Readonly<Record<string, string | number>> = {}): Message {
  return messageOf(SHARED_MESSAGES[key], args);
}

/**
 * A Message whose text arguments, slices of the file, are shown as a reader needs them: on one line
 * (a line break would forge a line of `check`'s text output or of a CI log), without the comments
 * written inside them, and short.
 */
export function messageOf(template: string, args: Readonly<Record<string, string | number>>): Message {
  const shown = Object.fromEntries(Object.entries(args).map(([k, v]) => [k, typeof v === 'string' ? snippet(v, 80) : v]));
  return { template, args: shown };
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
