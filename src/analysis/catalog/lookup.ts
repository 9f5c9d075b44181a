/** Finding a catalog entry: by class, by call, and the PyTorch page of each. */
import type { SymbolTarget, TorchKind } from '../symbols';
import { HOVER_TEXT } from './hoverText';
import { LOSS_DOCS } from './losses';
import { METHOD_DOCS } from './methods';
import { OPTIMIZER_DOCS } from './optimizers';
import { SCHEDULER_DOCS } from './schedulers';
import type { ClassDoc, MethodDoc, MethodId } from './types';

export const CLASS_DOCS: readonly ClassDoc[] = [...OPTIMIZER_DOCS, ...SCHEDULER_DOCS, ...LOSS_DOCS];

const byName = new Map(CLASS_DOCS.map((doc) => [`${doc.kind}:${doc.cls}`, doc]));

/** The entry of a torch class, e.g. `classDoc('optimizer', 'AdamW')`. */
export function classDoc(kind: TorchKind, cls: string): ClassDoc | undefined {
  return byName.get(`${kind}:${cls}`);
}

export function methodDoc(id: MethodId): MethodDoc {
  const doc = METHOD_DOCS.find((m) => m.id === id);
  if (!doc) throw new Error(`no catalog entry for ${id}`);
  return doc;
}

/** Which call a method target is: `step` means something else on an optimizer, a scheduler and ReduceLROnPlateau. */
export function methodIdOf(target: Extract<SymbolTarget, { k: 'method' }>): MethodId {
  if (target.method !== 'step') return target.method;
  if (target.receiver.kind !== 'scheduler') return 'optimizer.step';
  return target.receiver.cls === 'ReduceLROnPlateau' ? 'plateau.step' : 'scheduler.step';
}

/** `torch.optim.AdamW`, `torch.optim.lr_scheduler.StepLR`, `torch.nn.CrossEntropyLoss`. */
export function qualifiedName(kind: TorchKind, cls: string): string {
  return `${MODULE[kind]}.${cls}`;
}

const MODULE: Readonly<Record<TorchKind, string>> = { optimizer: 'torch.optim', scheduler: 'torch.optim.lr_scheduler', loss: 'torch.nn' };

/** The PyTorch documentation page of a class, or of its functional form. */
export function docUrl(doc: ClassDoc, functional = false): string {
  const name = functional && doc.functional ? `torch.nn.functional.${doc.functional}` : qualifiedName(doc.kind, doc.cls);
  return `https://pytorch.org/docs/stable/generated/${name}.html`;
}

/** Every English text of the catalog and the hovers: each is an l10n key the Chinese bundle translates. */
export const CATALOG_TEXTS: readonly string[] = [
  ...new Set([
    ...CLASS_DOCS.flatMap((d) => [d.summary, d.use, ...d.pitfalls, ...d.params.map((p) => p.meaning)]),
    ...METHOD_DOCS.flatMap((m) => [m.summary, ...Object.values(m.loop), ...m.pitfalls]),
    ...Object.values(HOVER_TEXT),
  ]),
];
