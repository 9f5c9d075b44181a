/**
 * The project-wide model: a workspace of 200 files in which one file in ten calls a training step
 * defined in another file (`from helpers_3 import train_step`). Full check of the tree (every file
 * analysed with the project, as `optim-lens check` and Check Workspace do), and the re-check after
 * an edit in a shared helper (the open documents that import it re-analysed, as the editor does),
 * each next to Ruff's WASM check of the same files (the whole tree; the edited helper and the
 * files importing it). Goal: ratios ≤ 1.
 */
import { fileURLToPath } from 'node:url';
import { PositionEncoding, Workspace } from '@astral-sh/ruff-wasm-nodejs';
import type { BenchCase } from '../harness';
import { createAnalyzer, type AnalysisDocument, type ProjectFiles } from '../../src/analysis';
import { seededRandom } from '../../src/core/random';
import { generateScript } from '../../test/fixtures/analysis/generate';

const fromRoot = (p: string) => fileURLToPath(new URL(`../../${p}`, import.meta.url));
const analyzer = await createAnalyzer({
  treeSitterWasm: fromRoot('node_modules/web-tree-sitter/tree-sitter.wasm'),
  languageWasm: fromRoot('node_modules/tree-sitter-python/tree-sitter-python.wasm'),
});
const ruff = new Workspace(Workspace.defaultSettings(), PositionEncoding.Utf16);

const ROOT = '/bench/project';
const HELPERS = 10;
const SIZES = [50, 150, 400, 1_000];

function helper(k: number, variant: number): string {
  return `"""Shared training steps (${variant})."""
import torch


def train_step(model, batch, optimizer, scaler=None):
    inputs, targets = batch
    loss = torch.nn.functional.cross_entropy(model(inputs), targets)
    loss.backward()
    optimizer.step()
    optimizer.zero_grad()
    return loss.item() * ${k + 1}
`;
}

function importer(k: number, seed: number): string {
  return `import torch
from helpers_${k % HELPERS} import train_step


def fit_${k}(model, loader, epochs):
    optimizer = torch.optim.AdamW(model.parameters(), lr=3e-4)
    scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=epochs)
    for epoch in range(epochs):
        for batch in loader:
            train_step(model, batch, optimizer)
        scheduler.step()

${generateScript(SIZES[seed % SIZES.length]!, seed)}`;
}

/** 10 helper modules, 20 files importing them, 170 other training scripts. */
const r = seededRandom(21);
const texts = new Map<string, string>();
for (let k = 0; k < HELPERS; k++) texts.set(`${ROOT}/helpers_${k}.py`, helper(k, 0));
for (let k = 0; k < 20; k++) texts.set(`${ROOT}/train_import_${k}.py`, importer(k, 100 + k));
for (let k = 0; k < 170; k++) texts.set(`${ROOT}/train_${k}.py`, generateScript(SIZES[Math.floor(r() * SIZES.length)]!, 500 + k));
const files = [...texts.keys()];
const project: ProjectFiles = { roots: [ROOT], read: (path) => texts.get(path) ?? null };

function fullCheck(): number {
  let findings = 0;
  for (const path of files) findings += analyzer.analyzeText(texts.get(path)!, { path, project }).length;
  return findings;
}

function ruffCheck(paths: readonly string[]): number {
  let diagnostics = 0;
  for (const path of paths) diagnostics += (ruff.check(texts.get(path)!) as unknown[]).length;
  return diagnostics;
}

// The editor's view: every file open as an incremental document; an edit in helpers_0 re-analyses
// the documents that read it (the others keep their findings: their last analysis did not read it).
const docs = new Map<string, AnalysisDocument>(files.map((path) => [path, analyzer.open(texts.get(path)!, { path, project })]));
for (const doc of docs.values()) doc.findings();
const edited = `${ROOT}/helpers_0.py`;
const dependents = files.filter((p) => texts.get(p)!.includes('from helpers_0 import'));
let variant = 0;

function recheckAfterHelperEdit(): number {
  variant++;
  texts.set(edited, helper(0, variant));
  let findings = 0;
  for (const doc of docs.values()) {
    doc.invalidate(edited);
    findings += doc.findings().length;
  }
  return findings;
}

const what = `${files.length} files, ${dependents.length + 1} touched by the edit`;
export const cases: BenchCase[] = [
  { group: 'project', name: `full check with the project model · ${files.length} files, 20 importing a helper`, pair: { key: 'project full vs Ruff', role: 'subject', goalRatio: 1 }, run: fullCheck },
  { group: 'project', name: `Ruff WASM check, default rules · ${files.length} files`, pair: { key: 'project full vs Ruff', role: 'baseline' }, run: () => ruffCheck(files) },
  { group: 'project', name: `re-check of every open file after an edit in a shared helper · ${what}`, pair: { key: 'project edit vs Ruff', role: 'subject', goalRatio: 1 }, run: recheckAfterHelperEdit },
  { group: 'project', name: `Ruff WASM check of the edited helper and its importers · ${dependents.length + 1} files`, pair: { key: 'project edit vs Ruff', role: 'baseline' }, run: () => ruffCheck([edited, ...dependents]) },
];
