/** Source → findings: the model, the rules and rendering, shared by files, notebooks and documents. */
import { buildModel, ModelCache } from './model';
import { render, PlainMap, type TextMap } from './positions';
import { runRules } from './rules/index';
import type { Source } from './syntax/source';
import type { ProjectContext } from './project/link';
import { detectEol, LineIndex } from './syntax/text/lines';
import type { Finding } from './types';

/**
 * Text without any of these cannot hold a finding (every rule needs a step, a backward pass, a
 * zero_grad, a scheduler, an optimizer or a classification loss), so it is not even parsed. Only letters and `_`: a JSON
 * string holds them as they are, unless written as `\u` escapes.
 */
const MAY_MATTER = /step|backward|zero_grad|[sS]chedul|optim|Adam|cross_entropy|CrossEntropy|BCE/;

export function mayHaveFindings(text: string): boolean {
  return MAY_MATTER.test(text);
}

/**
 * Findings for `source`. Pass the same `cache` for successive versions of one document so work on
 * unchanged statements is reused.
 */
export function analyzeSource(source: Source, map?: TextMap, cache = new ModelCache(), project: ProjectContext | null = null): Finding[] {
  if (!mayHaveFindings(source.text)) return [];
  const model = buildModel(source, cache, project);
  // The code as parsed (a lone `\r` read as `\n`, same offsets and lines); fixes keep the file's line ending.
  const text = source.code;
  // Line starts are only needed for findings and fixes, which most files have none of.
  let lines: LineIndex | null = null;
  const lineIndex = () => (lines ??= new LineIndex(text));
  const raw = runRules({ model, text, get lines() { return lineIndex(); }, eol: detectEol(source.text) });
  if (raw.length === 0) return [];
  return render(raw, map ?? new PlainMap(lineIndex()));
}
