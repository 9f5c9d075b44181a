/**
 * A hover's Markdown from what the cursor is on (a SymbolTarget) and the catalog. Pure: the host
 * passes the translate function and the links it knows (the rule pages it ships, where the code is).
 */
import type { ArgInfo, ArgValue, Construction, SymbolTarget } from '../symbols';
import type { RuleCode } from '../types';
import { LOSS_TYPES } from '../../core/losses/config';
import { HOVER_TEXT } from './hoverText';
import { commandLink, type HoverCommand } from './links';
import { classDoc, docUrl, methodDoc, methodIdOf, qualifiedName } from './lookup';
import { catalogText, code, escapeText, fill, link, tableRow } from './markdown';
import { snippet } from '../snippet';
import type { ClassDoc, MethodDoc, ParamDoc } from './types';

export interface HoverOptions {
  /** Translates an English catalog text (its own l10n key); placeholders are filled afterwards. */
  readonly t: (text: string) => string;
  /** The page of a rule (the bundled docs/rules/CODE.md), with its one-line summary as a tooltip. */
  readonly rule?: (code: RuleCode) => { readonly href: string; readonly summary: string };
  /** The rules that look at a class or a call (the analyser's `rulesConcerning`); no rule links without it. */
  readonly rulesConcerning?: (about: { readonly kind: ClassDoc['kind']; readonly cls: string } | { readonly method: MethodDoc['id'] }) => readonly RuleCode[];
  /**
   * The state a panel opens with for this construction, as "from your code" builds it; no panel
   * link without one.
   */
  readonly panelState?: (construction: Construction) => object | undefined;
}

/** The hover for a target, or undefined when the catalog has nothing on it. */
export function renderHover(target: SymbolTarget, options: HoverOptions): string | undefined {
  if (target.k === 'method') return renderMethod(target, options);
  const doc = classDoc(target.kind, target.cls);
  return doc && renderClass(doc, target, options);
}

type ClassTarget = Extract<SymbolTarget, { k: 'class' }>;
type MethodTarget = Extract<SymbolTarget, { k: 'method' }>;

function renderClass(doc: ClassDoc, target: ClassTarget, options: HoverOptions): string {
  const { t } = options;
  const text = (s: string) => catalogText(t(s));
  const construction = target.construction;
  const functional = target.functional ?? construction?.functional;
  const name = functional ? `torch.nn.functional.${functional}` : qualifiedName(doc.kind, doc.cls);
  const blocks = [`**${escapeText(name)}** — ${text(doc.summary)}`];
  if (functional) blocks.push(fill(text(HOVER_TEXT.functionalOf), { cls: code(`nn.${doc.cls}`) }));
  // Near the top: a long hover scrolls, and the link is what a reader acts on.
  blocks.push(panelLink(doc, construction, options) ?? '');
  blocks.push(formulaBlock(doc.formula));
  if (doc.params.length > 0 || construction?.args.length) blocks.push(paramTable(doc, construction, options));
  if (construction?.opaque) blocks.push(text(HOVER_TEXT.opaque));
  const stepping = construction?.stepping && steppingText(construction, options);
  if (stepping) blocks.push(stepping);
  blocks.push(`**${text(HOVER_TEXT.whenToUse)}** · ${text(doc.use)}`);
  blocks.push(pitfallList(doc.pitfalls, options));
  blocks.push(footer(options.rulesConcerning?.(doc) ?? [], docUrl(doc, functional !== undefined), options));
  return blocks.filter(Boolean).join('\n\n');
}

function renderMethod(target: MethodTarget, options: HoverOptions): string {
  const doc: MethodDoc = methodDoc(methodIdOf(target));
  const text = (s: string) => catalogText(options.t(s));
  const { receiver } = target;
  const receiverDoc = receiver.cls === null ? undefined : classDoc(receiver.kind, receiver.cls);
  const title = `**${code(`${receiverText(receiver.name)}.${doc.call}`)}**`;
  const blocks = [receiverDoc ? `${title} · ${escapeText(qualifiedName(receiverDoc.kind, receiverDoc.cls))}` : title, text(doc.summary)];
  if (receiverDoc) blocks.push(panelLink(receiverDoc, target.construction, options) ?? '');
  // The rule that this step applies, or the schedule it advances.
  if (receiverDoc && receiver.kind !== 'loss' && doc.id !== 'zero_grad') blocks.push(formulaBlock(receiverDoc.formula));
  blocks.push(`*${text(doc.loop[target.loop])}*`);
  blocks.push(pitfallList(doc.pitfalls, options));
  blocks.push(footer(options.rulesConcerning?.({ method: doc.id }) ?? [], doc.url, options));
  return blocks.filter(Boolean).join('\n\n');
}

/** The receiver as written, in parentheses when it is more than a name, attribute, call or subscript chain. */
function receiverText(written: string): string {
  const text = snippet(written, 60);
  return /^[\w.]+(?:\(.*\)|\[.*\])*$/.test(text) ? text : `(${text})`;
}

function formulaBlock(lines: readonly string[]): string {
  return lines.length ? ['```text', ...lines, '```'].join('\n') : '';
}

function pitfallList(pitfalls: readonly string[], options: HoverOptions): string {
  if (pitfalls.length === 0) return '';
  const heading = `**${catalogText(options.t(HOVER_TEXT.pitfalls))}**`;
  return [heading, ...pitfalls.map((p) => `- ${catalogText(options.t(p))}`)].join('\n');
}

function footer(rules: readonly RuleCode[], url: string, options: HoverOptions): string {
  const links: string[] = [];
  if (options.rule && rules.length) {
    const rule = options.rule;
    const codes = rules.map((c) => {
      const { href, summary } = rule(c);
      return link(c, href, summary);
    });
    links.push(fill(catalogText(options.t(HOVER_TEXT.rules)), { codes: codes.join(', ') }));
  }
  links.push(link(catalogText(options.t(HOVER_TEXT.docs)), url));
  return links.join(' · ');
}

/** Parameter · value in this call (or torch's default) · meaning. */
function paramTable(doc: ClassDoc, construction: Construction | undefined, options: HoverOptions): string {
  const { t } = options;
  const meaningOf = (name: string) => doc.params.find((p) => p.name === name)?.meaning;
  const head = [HOVER_TEXT.parameter, construction ? HOVER_TEXT.thisCall : HOVER_TEXT.default, HOVER_TEXT.meaning].map((h) => catalogText(t(h)));
  const rows = construction
    ? construction.args.map((arg) => [code(arg.name), argCell(arg, doc.params.find((p) => p.name === arg.name), t), meaningCell(meaningOf(arg.name), t)])
    : doc.params.map((p) => [code(p.name), 'default' in p ? code(pythonValue(p.default)) : catalogText(t(HOVER_TEXT.required)), meaningCell(p.meaning, t)]);
  return [tableRow(head), tableRow(head.map(() => '---')), ...rows.map(tableRow)].join('\n');
}

function meaningCell(meaning: string | undefined, t: HoverOptions['t']): string {
  return meaning ? catalogText(t(meaning)) : '';
}

/**
 * How this call sets a keyword: as written (`3e-4`), through a constant (`LR` = 0.0003), by
 * torch's default, or by an expression the analyser cannot evaluate (and then torch's default is
 * what the panels use).
 */
function argCell(arg: ArgInfo, param: ParamDoc | undefined, t: HoverOptions['t']): string {
  const written = arg.written === null ? '' : snippet(arg.written);
  const fallback = arg.value ?? param?.default;
  const known = arg.value !== undefined || (param !== undefined && 'default' in param);
  switch (arg.origin) {
    case 'literal':
      return written && !NUMERIC.test(written) ? code(written) : valueText(written ? undefined : arg.value, written);
    case 'constant':
      return `${code(written)} = ${valueText(arg.value)}`;
    case 'default':
      return known ? fill(catalogText(t(HOVER_TEXT.valueDefault)), { value: valueText(fallback) }) : catalogText(t(HOVER_TEXT.notGiven));
    case 'unresolved':
      return known
        ? fill(catalogText(t(HOVER_TEXT.valueUnknown)), { written: code(written), value: valueText(param?.default ?? fallback) })
        : fill(catalogText(t(HOVER_TEXT.valueUnknownRequired)), { written: code(written) });
  }
}

/** Numbers, tuples of them, True, False, None: text no renderer reads as a link or markup. */
const NUMERIC = /^[-+0-9.eEj_(), ]*$|^(True|False|None)$/;

/**
 * A value in a hover: plain when it is numeric, otherwise (strings, lambdas: the file's text) in a
 * code span, where no renderer finds a link. `written` is the source of a literal, when it is numeric.
 */
function valueText(value: ArgValue | undefined, written = ''): string {
  const text = written || pythonValue(value);
  return NUMERIC.test(text) ? escapeText(text) : code(snippet(text, 60));
}

/** A value as Python writes it: `True`, `None`, `(0.9, 0.999)`, `'cos'`; floats to 6 significant digits. */
export function pythonValue(value: ArgValue | undefined): string {
  if (value === undefined || value === null) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(6)));
  if (typeof value === 'string') return /^lambda\b/.test(value) ? value : `'${value}'`;
  return `(${value.map(pythonValue).join(', ')}${value.length === 1 ? ',' : ''})`;
}

function steppingText(construction: Construction, options: HoverOptions): string {
  const stepping = construction.stepping;
  if (!stepping || stepping.cadence === 'unknown') return '';
  const batch = stepping.cadence === 'batch';
  if (stepping.epochs === undefined) return catalogText(options.t(batch ? HOVER_TEXT.steppedBatch : HOVER_TEXT.steppedEpoch));
  return fill(catalogText(options.t(batch ? HOVER_TEXT.steppedBatchOver : HOVER_TEXT.steppedEpochOver)), { epochs: String(stepping.epochs) });
}

const PANEL_LINKS: Partial<Record<ClassDoc['kind'], { readonly command: HoverCommand; readonly label: string; readonly title: string }>> = {
  optimizer: { command: 'compareOptimizers', label: HOVER_TEXT.compare, title: HOVER_TEXT.compareTitle },
  scheduler: { command: 'showLrSchedule', label: HOVER_TEXT.plot, title: HOVER_TEXT.plotTitle },
  loss: { command: 'compareLosses', label: HOVER_TEXT.compareLosses, title: HOVER_TEXT.compareLossesTitle },
};

/** "Visualise in Compare Optimizers" / "Plot this schedule" / "Plot in Compare Losses", with this call's values. */
function panelLink(doc: ClassDoc, construction: Construction | undefined, options: HoverOptions): string | undefined {
  // The losses panel draws the losses the core computes; NLLLoss or KLDivLoss have no curve there.
  if (doc.kind === 'loss' && !(LOSS_TYPES as readonly string[]).includes(doc.cls)) return undefined;
  const panel = PANEL_LINKS[doc.kind];
  const state = panel && construction && options.panelState?.(construction);
  return state && link(catalogText(options.t(panel.label)), commandLink(panel.command, state), options.t(panel.title));
}
