/**
 * The documentation catalog: one entry per torch optimizer, scheduler and loss class, and per
 * training-loop call. Shared by the hovers, the panels' help and the rule pages. Texts are English
 * and are their own l10n keys; CATALOG_TEXTS lists every one for the translation bundles.
 */
export type { ClassDoc, MethodDoc, MethodId, ParamDoc } from './types';
export { CATALOG_TEXTS, CLASS_DOCS, classDoc, docUrl, methodDoc, methodIdOf, qualifiedName } from './lookup';
export { METHOD_DOCS } from './methods';
export { HOVER_TEXT } from './hoverText';
export { renderHover, type HoverOptions } from './render';
export { HOVER_COMMANDS, HOVER_COMMAND_IDS, commandLink, type HoverCommand } from './links';
