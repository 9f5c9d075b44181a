/**
 * `defineRule`: everything about one rule in one object, so that adding a rule is adding one file
 * to the list in ./index.ts. The rule table, the message templates, the settings, the rule pages,
 * the hovers' "rules" links and the host's extra code actions are all derived from these objects.
 */
import type { MethodId } from '../catalog/types';
import type { TorchKind } from '../symbols';
import type { Message, Severity } from '../types';
import type { RawFinding, RuleContext } from './common';
import { messageOf } from './messages';

type Templates = Readonly<Record<string, string>>;
type Args = Readonly<Record<string, string | number>>;

/** English templates with named placeholders; each text is also its own l10n key. */
export interface RuleMessages<R extends Templates, F extends Templates, V extends Templates = Record<never, string>> {
  /** The diagnostic's message. */
  readonly main: string;
  /** Other wordings of the diagnostic's message for particular shapes of the mistake, by key. */
  readonly variants?: V;
  /** One line, no placeholders: the SARIF description, the hover link's tooltip. */
  readonly summary: string;
  /** Messages of related locations, by key. */
  readonly related?: R;
  /** Quick-fix titles, by key. */
  readonly fixes?: F;
}

/** Markdown: one paragraph, or several. */
export type Prose = string | readonly string[];

/** What the rule page (docs/rules/CODE.md) says. */
export interface RuleDoc {
  /** The severity setting's description after "CODE name: " (package.nls.json). */
  readonly setting: string;
  readonly what: Prose;
  readonly why: Prose;
  /** Python that triggers the rule, and the same code made right (which must be silent). */
  readonly wrong: string;
  readonly right: string;
  readonly fix: Prose;
  readonly silent: Prose;
  /** One line of Python with its `# noqa` comment, indented as in the example. */
  readonly suppress: string;
}

/** The torch classes and training-loop calls the rule looks at: the hovers link the rule from them. */
export type RuleConcerns = Partial<Readonly<Record<TorchKind, readonly string[]>>> & { readonly method?: readonly MethodId[] };

/** Where the step should run and where the code runs it. */
export type StepCadence = 'epoch' | 'batch';

/** Code actions the host offers beside the finding's fixes. */
export interface RuleActions {
  /** "Show the effect on the schedule": the LR Schedule panel with the schedule as intended and as stepped. */
  readonly scheduleEffect?: { readonly intended: StepCadence; readonly actual: StepCadence };
}

/** Builds the Message of each template: `m.main({ optimizer })`, `m.related.loop()`. */
export interface MessageBuilders<R extends Templates, F extends Templates, V extends Templates = Record<never, string>> {
  readonly main: (args?: Args) => Message;
  readonly variants: { readonly [K in keyof V]: (args?: Args) => Message };
  readonly related: { readonly [K in keyof R]: (args?: Args) => Message };
  readonly fixes: { readonly [K in keyof F]: (args?: Args) => Message };
}

/** A finding as a check reports it; the code is the rule's own. */
export type CheckFinding = Omit<RawFinding, 'code'>;

export interface RuleSpec<C extends string, R extends Templates, F extends Templates, V extends Templates = Record<never, string>> {
  readonly code: C;
  /** kebab-case, stable: shown next to the code in the settings and the SARIF output. */
  readonly name: string;
  readonly severity: Severity;
  readonly messages: RuleMessages<R, F, V>;
  readonly doc: RuleDoc;
  readonly concerns?: RuleConcerns;
  readonly actions?: RuleActions;
  /** The findings in a model; at most one per anchor counts, and `# noqa` is applied afterwards. */
  readonly check: (ctx: RuleContext, m: MessageBuilders<R, F, V>) => CheckFinding[];
}

/** A rule as the rest of the extension sees it. */
export interface RuleInfo<C extends string = string> {
  readonly code: C;
  readonly name: string;
  readonly severity: Severity;
  /** One-line English summary (a template without placeholders). */
  readonly summary: string;
  /** Repository-relative path of the rule's documentation page. */
  readonly docs: string;
  /** Every template of the rule, for the translation bundles. */
  readonly templates: readonly string[];
  readonly doc: RuleDoc;
  readonly concerns: RuleConcerns;
  readonly actions: RuleActions;
  readonly run: (ctx: RuleContext) => RawFinding[];
}

const builders = <T extends Templates>(templates: T | undefined): { readonly [K in keyof T]: (args?: Args) => Message } =>
  Object.fromEntries(Object.entries(templates ?? {}).map(([key, template]) => [key, (args: Args = {}) => messageOf(template, args)])) as {
    readonly [K in keyof T]: (args?: Args) => Message;
  };

export function defineRule<
  C extends string,
  R extends Templates = Record<never, string>,
  F extends Templates = Record<never, string>,
  V extends Templates = Record<never, string>,
>(spec: RuleSpec<C, R, F, V>): RuleInfo<C> {
  const { messages } = spec;
  const m: MessageBuilders<R, F, V> = {
    main: (args = {}) => messageOf(messages.main, args),
    variants: builders(messages.variants),
    related: builders(messages.related),
    fixes: builders(messages.fixes),
  };
  return {
    code: spec.code,
    name: spec.name,
    severity: spec.severity,
    summary: messages.summary,
    docs: `docs/rules/${spec.code}.md`,
    templates: [messages.main, ...Object.values(messages.variants ?? {}), ...Object.values(messages.related ?? {}), ...Object.values(messages.fixes ?? {}), messages.summary],
    doc: spec.doc,
    concerns: spec.concerns ?? {},
    actions: spec.actions ?? {},
    run: (ctx) => spec.check(ctx, m).map((f) => ({ code: spec.code, ...f }) as RawFinding),
  };
}
