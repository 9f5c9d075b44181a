import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli';
import type { CliIo } from '../../../src/cli/io';

const root = path.resolve(__dirname, '../../..');
const parser = {
  treeSitterWasm: path.join(root, 'node_modules/web-tree-sitter/tree-sitter.wasm'),
  languageWasm: path.join(root, 'node_modules/tree-sitter-python/tree-sitter-python.wasm'),
};

const BUGGY = `import torch

model = torch.nn.Linear(2, 1)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
for x, y in loader:
    loss = torch.nn.functional.mse_loss(model(x), y)
    loss.backward()
    optimizer.step()
`;
const CLEAN = BUGGY.replace('    loss = ', '    optimizer.zero_grad()\n    loss = ');

async function run(argv: string[], options: { cwd?: string; stdin?: string } = {}) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    readStdin: async () => options.stdin ?? '',
    cwd: options.cwd ?? root,
  };
  const code = await main(argv, io, { parser });
  return { code, stdout, stderr };
}

function workspace(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'optim-lens-cli-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

describe('optim-lens check', () => {
  it('exits 0 and prints nothing for clean code', async () => {
    const cwd = workspace({ 'train.py': CLEAN });
    expect(await run(['check', '.'], { cwd })).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('prints path:LINE:COL: CODE message, 1-based, and exits 1', async () => {
    const cwd = workspace({ 'train.py': BUGGY });
    const result = await run(['check'], { cwd });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^train\.py:8:5: OL001 \S.*\n$/);
  });

  it('prints LSP-style 0-based JSON', async () => {
    const cwd = workspace({ 'a/train.py': BUGGY, 'b/ok.py': CLEAN });
    const result = await run(['check', 'a', 'b', '--format', 'json'], { cwd });
    const json = JSON.parse(result.stdout) as { files: { path: string; diagnostics: { code: string; severity: string; range: { start: { line: number; character: number } } }[] }[] };
    expect(json.files.map((f) => f.path)).toEqual(['a/train.py', 'b/ok.py']);
    expect(json.files[0]!.diagnostics[0]).toMatchObject({ code: 'OL001', severity: 'error', range: { start: { line: 7, character: 4 } } });
    expect(json.files[1]!.diagnostics).toEqual([]);
  });

  it('writes SARIF 2.1.0 with rules and 1-based regions', async () => {
    const cwd = workspace({ 'train.py': BUGGY });
    const sarif = JSON.parse((await run(['check', '--format=sarif'], { cwd })).stdout) as {
      version: string;
      runs: { tool: { driver: { rules: { id: string }[] } }; results: { ruleId: string; level: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }[] }[] }[];
    };
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0]!.tool.driver.rules.map((r) => r.id)).toContain('OL008');
    expect(sarif.runs[0]!.results[0]).toMatchObject({
      ruleId: 'OL001',
      level: 'error',
      locations: [{ physicalLocation: { artifactLocation: { uri: 'train.py' }, region: { startLine: 8, startColumn: 5 } } }],
    });
  });

  it('checks notebooks, reporting the notebook cell', async () => {
    const notebook = {
      nbformat: 4,
      nbformat_minor: 5,
      metadata: { language_info: { name: 'python' } },
      cells: [
        { cell_type: 'code', source: ['import torch\n', 'optimizer = torch.optim.SGD(model.parameters(), lr=0.1)\n'], metadata: {}, outputs: [], execution_count: null },
        { cell_type: 'markdown', source: 'Train', metadata: {} },
        { cell_type: 'code', source: 'for x, y in loader:\n    loss = model(x).sum()\n    loss.backward()\n    optimizer.step()\n', metadata: {}, outputs: [], execution_count: null },
      ],
    };
    const cwd = workspace({ 'nb.ipynb': JSON.stringify(notebook) });
    const result = await run(['check', '--format', 'json'], { cwd });
    expect(result.code).toBe(1);
    const diagnostic = (JSON.parse(result.stdout) as { files: { diagnostics: { code: string; cell: number; range: { start: { line: number } } }[] }[] }).files[0]!.diagnostics[0];
    expect(diagnostic).toMatchObject({ code: 'OL001', cell: 2, range: { start: { line: 3 } } });
    expect((await run(['check'], { cwd })).stdout).toMatch(/^nb\.ipynb\[cell 3\]:4:5: OL001 /);
  });

  it('reports unreadable, binary and invalid files one line each, checks the rest, exits 2', async () => {
    const cwd = workspace({ 'bad.ipynb': '{not json', 'blob.py': Buffer.from([0x80, 0, 1, 2]), 'train.py': BUGGY });
    const result = await run(['check', '.', 'missing.py'], { cwd });
    expect(result.code).toBe(2);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines.join('\n')).toMatch(/missing\.py: no such file/);
    expect(lines.join('\n')).toMatch(/bad\.ipynb: /);
    expect(lines.join('\n')).toMatch(/blob\.py: binary file/);
    expect(result.stdout).toMatch(/train\.py:8:5: OL001/);
  });

  it('follows calls into other files of the folders checked, naming them in text, JSON and SARIF', async () => {
    const main = [
      'import torch',
      'from engine import train_one_epoch',
      'optimizer = torch.optim.SGD(model.parameters(), lr=0.1)',
      'scheduler = torch.optim.lr_scheduler.StepLR(optimizer, 10)',
      'for epoch in range(10):',
      '    scheduler.step()',
      '    train_one_epoch(model, loader, optimizer)',
      '',
    ].join('\n');
    const engine = 'def train_one_epoch(model, loader, optimizer):\n    for x in loader:\n        optimizer.zero_grad()\n        model(x).backward()\n        optimizer.step()\n';
    const cwd = workspace({ 'src/main.py': main, 'src/engine.py': engine });
    const text = await run(['check', 'src'], { cwd });
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(new RegExp(`^${path.join('src', 'main.py').replace(/\\/g, '\\\\')}:6:5: OL003 .* \\(see ${path.join('src', 'engine.py').replace(/\\/g, '\\\\')}:5:9\\)\n$`));
    // A file argument: its folder is the project.
    const json = JSON.parse((await run(['check', path.join('src', 'main.py'), '--format', 'json'], { cwd })).stdout) as {
      files: { diagnostics: { code: string; related?: { path: string; range: { start: { line: number } } }[] }[] }[];
    };
    const related = json.files[0]?.diagnostics[0]?.related;
    expect(related?.map((r) => [r.path, r.range.start.line])).toEqual([[path.join('src', 'engine.py'), 4]]);
    const sarif = (await run(['check', 'src', '--format', 'sarif'], { cwd })).stdout;
    expect(sarif).toContain('"relatedLocations"');
    expect(sarif).toContain('src/engine.py');
  });

  it('rejects an unknown format or option with exit 2', async () => {
    expect((await run(['check', '--format', 'xml'])).code).toBe(2);
    const result = await run(['check', '--fix']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^optim-lens check: unknown option --fix\n$/);
  });
});

describe('optim-lens simulate and schedule', () => {
  it('simulates a spec from stdin', async () => {
    const spec = { surface: 'ravine', start: [-8, 1.5], steps: 2, optimizers: [{ type: 'SGD', lr: 0.1 }] };
    const result = await run(['simulate'], { stdin: JSON.stringify(spec) });
    expect(result.code).toBe(0);
    const out = JSON.parse(result.stdout) as { trajectories: { points: number[][]; losses: number[] }[] };
    // One plain gradient step by hand: grad = (x/10, 2y).
    expect(out.trajectories[0]!.points[1]).toEqual([-8 - 0.1 * (-8 / 10), 1.5 - 0.1 * 3]);
    expect(out.trajectories[0]!.losses).toHaveLength(3);
  });

  it('answers a batch of cases', async () => {
    const spec = { base_lr: 0.1, steps: 2, scheduler: { type: 'StepLR', step_size: 1, gamma: 0.5 } };
    const result = await run(['schedule'], { stdin: JSON.stringify({ cases: [spec, spec] }) });
    expect(JSON.parse(result.stdout)).toEqual({ results: [{ lrs: [0.1, 0.05, 0.025] }, { lrs: [0.1, 0.05, 0.025] }] });
  });

  it.each([
    ['simulate', 'not json', /not valid JSON/],
    ['simulate', JSON.stringify({ surface: 'ravine', steps: 5, optimizers: [{ type: 'Adam', lr: -1 }] }), /optimizers\[0\]\.lr/],
    ['simulate', JSON.stringify({ surface: 'moon', steps: 5, optimizers: [] }), /surface/],
    ['schedule', JSON.stringify({ base_lr: 0.1, steps: 1e6, scheduler: { type: 'StepLR', step_size: 1 } }), /steps/],
    ['schedule', JSON.stringify({ base_lr: 0.1, steps: 3, scheduler: { type: 'LambdaLR', lr_lambda: 'lambda e: os.system(e)' } }), /lr_lambda/],
    // The work budgets: each of these once ran for seconds to minutes before failing or answering.
    ['simulate', JSON.stringify({ surface: 'ravine', steps: 100_000, optimizers: Array.from({ length: 100 }, () => ({ type: 'SGD' })) }), /^optim-lens simulate: invalid spec: optimizers: optimizers × steps must be <= 500000, got 100 × 100000\n$/],
    ['schedule', JSON.stringify({ base_lr: 0.1, steps: 100_000, scheduler: { type: 'LambdaLR', lr_lambda: 'lambda e: (3 ** 41000) % (e + 2) / 100' } }), /scheduler\.lr_lambda: the lambda computes more than \d+ bits of big integers/],
    ['schedule', JSON.stringify({ base_lr: 0.1, steps: 5, scheduler: { type: 'StepLR', step_size: 1 }, metrics: [1, 2, 3, 4, 5] }), /metrics: StepLR takes no metric/],
  ])('%s rejects bad input with one line and exit 2 (%s)', async (command, stdin, pattern) => {
    const result = await run([command], { stdin });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(pattern);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('reads a spec file argument and reports a missing one', async () => {
    const cwd = workspace({ 'spec.json': JSON.stringify({ base_lr: 1, steps: 1, scheduler: { type: 'ExponentialLR', gamma: 0.5 } }) });
    expect(JSON.parse((await run(['schedule', 'spec.json'], { cwd })).stdout)).toEqual({ lrs: [1, 0.5] });
    const missing = await run(['schedule', 'nope.json'], { cwd });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read nope\.json/);
  });

  it('rejects an unknown command', async () => {
    const result = await run(['train']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/unknown command "train"/);
  });
});

describe('optim-lens presets', () => {
  it('prints {"presets":[{name, caption, spec}]}, `seed` among them, and each spec runs through simulate', async () => {
    const result = await run(['presets']);
    expect(result.code).toBe(0);
    const { presets } = JSON.parse(result.stdout) as { presets: { name: string; caption: string; spec: unknown }[] };
    expect(presets.map((p) => p.name)).toContain('seed');
    for (const preset of presets) {
      expect(Object.keys(preset).sort()).toEqual(['caption', 'name', 'spec']);
      expect(preset.caption.length).toBeGreaterThan(0);
      const simulated = await run(['simulate'], { stdin: JSON.stringify(preset.spec) });
      expect(simulated.stderr, preset.name).toBe('');
      expect(simulated.code, preset.name).toBe(0);
      const { trajectories } = JSON.parse(simulated.stdout) as { trajectories: unknown[] };
      expect(trajectories.length, preset.name).toBe((preset.spec as { optimizers: unknown[] }).optimizers.length);
    }
  });

  it('takes no arguments', async () => {
    const result = await run(['presets', 'seed']);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('optim-lens losses', () => {
  it('evaluates a loss and its gradient from stdin', async () => {
    const spec = { loss: { type: 'MSELoss', reduction: 'sum' }, input: [1, -2], target: [0, 0.5] };
    const result = await run(['losses'], { stdin: JSON.stringify(spec) });
    expect(result.code).toBe(0);
    // (1 − 0)² + (−2 − 0.5)², gradient 2·(input − target).
    expect(JSON.parse(result.stdout)).toEqual({ loss: 7.25, grad: [2, -5] });
  });

  it('draws a curve over a range, with the doubled softmax flattening near ln(C)', async () => {
    const spec = { loss: { type: 'CrossEntropyLoss' }, x: { from: 0, to: 30, points: 4 }, classes: 10 };
    const right = JSON.parse((await run(['losses'], { stdin: JSON.stringify(spec) })).stdout) as { x: number[]; loss: number[]; grad: number[] };
    const doubled = JSON.parse((await run(['losses'], { stdin: JSON.stringify({ ...spec, extra_activation: 'softmax' }) })).stdout) as typeof right;
    expect(right.x).toEqual([0, 10, 20, 30]);
    expect(right.loss[0]).toBeCloseTo(Math.log(10), 14);
    expect(right.loss[3]).toBeLessThan(1e-11);
    // softmax(z) is at most 1, so the loss never falls below log(e + 9) − 1 ≈ 1.46 and its gradient vanishes.
    expect(doubled.loss[3]).toBeCloseTo(Math.log(Math.E + 9) - 1, 9);
    expect(Math.abs(doubled.grad[3]!)).toBeLessThan(1e-9);
  });

  it('answers a batch of cases', async () => {
    const spec = { loss: { type: 'BCEWithLogitsLoss', pos_weight: 2 }, input: [0], target: [1] };
    const result = await run(['losses'], { stdin: JSON.stringify({ cases: [spec, { ...spec, loss: { type: 'BCEWithLogitsLoss' } }] }) });
    expect(JSON.parse(result.stdout)).toEqual({ results: [{ loss: 2 * Math.log(2), grad: [-1] }, { loss: Math.log(2), grad: [-0.5] }] });
  });

  it.each([
    [{ loss: { type: 'HuberLoss', delta: 0 }, input: [1], target: [0] }, /^optim-lens losses: invalid spec: loss\.delta: huber_loss does not support non-positive values for delta\.$/],
    [{ loss: { type: 'MSELoss', delta: 1 }, input: [1], target: [0] }, /loss\.delta: unknown keyword; expected one of type, reduction$/],
    [{ loss: { type: 'CrossEntropyLoss', label_smoothing: 1.5 }, x: [0] }, /loss\.label_smoothing: label_smoothing must be between 0\.0 and 1\.0/],
    [{ loss: { type: 'CrossEntropyLoss' }, input: [[1, 2], [3, 4]], target: [0, 2] }, /target\[1\]: Target 2 is out of bounds\./],
    [{ loss: { type: 'BCELoss' }, input: [0.5, 1.5], target: [1, 1] }, /input\[1\]: all elements of input should be between 0 and 1/],
    [{ loss: { type: 'L1Loss' }, input: [1, 2], target: [1] }, /target: expected 2 numbers/],
    [{ loss: { type: 'L1Loss', reduction: 'avg' }, input: [1], target: [1] }, /loss\.reduction: expected one of mean, sum, none/],
    [{ loss: { type: 'BCELoss' }, x: [0.5], extra_activation: 'sigmoid' }, /extra_activation: BCELoss has no extra activation curve/],
    [{ loss: { type: 'MSELoss' }, x: [0], classes: 3 }, /^optim-lens losses: invalid spec: classes: only a CrossEntropyLoss curve has classes$/],
    [{ loss: { type: 'MSELoss' }, input: ['1'], target: [0] }, /input\[0\]: expected a number, got the string "1"/],
    [{ cases: [{ loss: { type: 'MSELoss' }, x: [0] }, { loss: { type: 'NLLLoss' }, x: [0] }] }, /cases\[1\]\.loss\.type: expected one of/],
  ])('rejects %j with one line naming the field and exit 2', async (spec, pattern) => {
    const result = await run(['losses'], { stdin: JSON.stringify(spec) });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr.trim()).toMatch(pattern);
  });

  it('prints the usage, losses included, for --help', async () => {
    const result = await run(['losses', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^ {2}losses \[SPEC\.json\] +compute torch\.nn losses/m);
  });
});

describe('the built optim-lens command', () => {
  const cli = path.join(root, 'dist', 'cli.js');
  beforeAll(() => {
    if (!existsSync(cli)) execFileSync(process.execPath, [path.join(root, 'esbuild.mjs')], { cwd: root, stdio: 'ignore' });
  });

  it('runs from its bundle, finding its WASM next to it', () => {
    const cwd = workspace({ 'train.py': BUGGY });
    const result = spawnSync(process.execPath, [cli, 'check', '--format', 'json', cwd], { encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('"OL001"');
  });

  it('prints the presets with Chinese captions in a Chinese terminal', () => {
    const en = JSON.parse(spawnSync(process.execPath, [cli, 'presets'], { encoding: 'utf8', env: { ...process.env, OPTIM_LENS_LOCALE: 'en' } }).stdout) as { presets: { caption: string }[] };
    const zh = JSON.parse(spawnSync(process.execPath, [cli, 'presets'], { encoding: 'utf8', env: { ...process.env, OPTIM_LENS_LOCALE: 'zh-cn' } }).stdout) as { presets: { caption: string }[] };
    expect(zh.presets).toHaveLength(en.presets.length);
    zh.presets.forEach((p, i) => {
      expect(p.caption).not.toBe(en.presets[i]!.caption);
      expect(p.caption).toMatch(/[\u4e00-\u9fff]/);
    });
  });

  it('prints a usage error without a stack trace', () => {
    const result = spawnSync(process.execPath, [cli, 'simulate'], { input: '{"surface":1}', encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr).not.toMatch(/\bat .*\.js:\d+/);
  });
});
