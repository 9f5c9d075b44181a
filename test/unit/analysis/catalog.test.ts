/**
 * The documentation catalog is checked against the code it documents: one entry per class the
 * analyser recognises, the defaults the core simulates, the rule table, and the translations.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOSS_CLASSES, OPTIMIZER_CLASSES, RULES, SCHEDULER_CLASSES, signatureOf } from '../../../src/analysis';
import { LOSS_BY_FUNCTIONAL, SILENT_PARAMS, requiredParams } from '../../../src/analysis/inspect/signatures';
import { CATALOG_TEXTS, CLASS_DOCS, HOVER_TEXT, METHOD_DOCS, classDoc, type ClassDoc } from '../../../src/analysis/catalog';
import { OPTIMIZERS as MODEL_OPTIMIZERS, SCHEDULERS as MODEL_SCHEDULERS } from '../../../src/analysis/model/torch';
import { OPTIMIZERS, OPTIMIZER_NAMES } from '../../../src/core/optim';
import { SCHEDULERS, SCHEDULER_TYPES } from '../../../src/core/schedule';

const docsOf = (kind: ClassDoc['kind']) => CLASS_DOCS.filter((d) => d.kind === kind);
const names = (docs: readonly ClassDoc[]) => docs.map((d) => d.cls).sort();
/** What a scheduler's documented keyword list leaves out: resuming and logging, not the schedule. */
const UNDOCUMENTED_SCHEDULER_KEYWORDS = ['last_epoch', 'verbose'];

describe('the catalog has an entry for', () => {
  it('every optimizer the analyser recognises, the core’s included', () => {
    expect(names(docsOf('optimizer'))).toEqual([...MODEL_OPTIMIZERS].sort());
    expect(names(docsOf('optimizer'))).toEqual([...OPTIMIZER_CLASSES].sort());
    for (const name of OPTIMIZER_NAMES) expect(classDoc('optimizer', name), name).toBeDefined();
  });

  it('every scheduler, in the analyser and in the core', () => {
    expect(names(docsOf('scheduler'))).toEqual([...MODEL_SCHEDULERS].sort());
    expect(names(docsOf('scheduler'))).toEqual([...SCHEDULER_TYPES].sort());
    expect(names(docsOf('scheduler'))).toEqual([...SCHEDULER_CLASSES].sort());
  });

  it('the nine losses the hovers recognise, with their functional names', () => {
    expect(names(docsOf('loss'))).toEqual([...LOSS_CLASSES].sort());
    expect(docsOf('loss')).toHaveLength(9);
    for (const doc of docsOf('loss')) expect(LOSS_BY_FUNCTIONAL.get(doc.functional ?? ''), doc.cls).toBe(doc.cls);
  });

  it('each class once, and each call of a training loop', () => {
    expect(new Set(CLASS_DOCS.map((d) => `${d.kind}:${d.cls}`)).size).toBe(CLASS_DOCS.length);
    expect(METHOD_DOCS.map((m) => m.id).sort()).toEqual(['backward', 'optimizer.step', 'plateau.step', 'scheduler.step', 'zero_grad']);
  });
});

describe('documented defaults are the core’s', () => {
  it.each(OPTIMIZER_NAMES)('%s: the same keywords, in torch’s order, with the same defaults', (name) => {
    const doc = classDoc('optimizer', name)!;
    const defaults = OPTIMIZERS[name].defaults as Record<string, unknown>;
    expect(doc.params.map((p) => p.name).sort()).toEqual(Object.keys(defaults).sort());
    for (const param of doc.params) expect(param.default, `${name}.${param.name}`).toEqual(defaults[param.name]);
  });

  it.each(SCHEDULER_TYPES)('%s: the same keywords, required ones without a default', (name) => {
    const doc = classDoc('scheduler', name)!;
    const { defaults, required } = SCHEDULERS[name];
    const documented = Object.keys(defaults).filter((k) => !UNDOCUMENTED_SCHEDULER_KEYWORDS.includes(k));
    expect(doc.params.map((p) => p.name).sort()).toEqual([...documented, ...required].sort());
    for (const param of doc.params) {
      if (required.includes(param.name)) expect('default' in param, `${name}.${param.name} is required`).toBe(false);
      else expect(param.default, `${name}.${param.name}`).toEqual(defaults[param.name]);
    }
  });
});

describe('documented signatures are the analyser’s', () => {
  it.each(CLASS_DOCS.map((d) => [`${d.kind} ${d.cls}`, d] as const))('%s: the keywords that matter, required ones without a default', (_name, doc) => {
    const signature = signatureOf(doc.kind, doc.cls)!;
    const required = requiredParams(doc.kind, doc.cls);
    const keywords = [...Object.keys(signature.defaults), ...required].filter((k) => !SILENT_PARAMS.has(k));
    expect(doc.params.map((p) => p.name).sort()).toEqual(keywords.sort());
    for (const param of doc.params) {
      if (required.includes(param.name)) expect('default' in param, param.name).toBe(false);
      else expect(param.default, param.name).toEqual(signature.defaults[param.name]);
    }
  });
});

describe('catalog texts', () => {
  const all = [
    ...CLASS_DOCS.flatMap((d) => [d.summary, d.use, ...d.pitfalls, ...d.params.map((p) => p.meaning)]),
    ...METHOD_DOCS.flatMap((m) => [m.summary, ...Object.values(m.loop), ...m.pitfalls]),
  ];

  it('are all listed for translation, and only the hover’s own texts have placeholders', () => {
    for (const text of [...all, ...Object.values(HOVER_TEXT)]) expect(CATALOG_TEXTS).toContain(text);
    for (const text of all) expect(text, text).not.toMatch(/\{\w+\}/);
  });

  it('are short enough for a hover', () => {
    for (const doc of CLASS_DOCS) expect(doc.summary.length, doc.summary).toBeLessThanOrEqual(130);
    for (const text of all) expect(text.length, text).toBeLessThanOrEqual(160);
  });

  it('formulas are math, with no English to translate', () => {
    const prose = /\b(?:the|of|to|and|per|from|steps?|calls?|when|until|then|with|is|are|after|before)\b/i;
    for (const doc of CLASS_DOCS) for (const line of doc.formula) expect(line, `${doc.cls}: ${line}`).not.toMatch(prose);
  });

  it('summaries are plain text: the panels show them as they are', () => {
    for (const doc of CLASS_DOCS) expect(doc.summary, doc.cls).not.toMatch(/[`*]/);
  });

  it('have an entry for every class and call a rule concerns (the hovers link the rule from it)', () => {
    for (const rule of RULES) {
      const { method = [], ...classes } = rule.concerns;
      for (const [kind, names] of Object.entries(classes)) for (const cls of names) expect(classDoc(kind as ClassDoc['kind'], cls), `${rule.code}: ${kind} ${cls}`).toBeDefined();
      for (const id of method) expect(METHOD_DOCS.map((m) => m.id), rule.code).toContain(id);
    }
  });

  it('keep their `code spans` in the Chinese translation', () => {
    const zh = JSON.parse(readFileSync(path.resolve(__dirname, '../../../l10n/bundle.l10n.zh-cn.json'), 'utf8')) as Record<string, string>;
    const spans = (text: string) => [...text.matchAll(/`[^`]+`/g)].map((m) => m[0]).sort();
    for (const text of CATALOG_TEXTS) expect(spans(zh[text] ?? ''), text).toEqual(spans(text));
  });
});
