/**
 * The vocabulary prefilter (Source.relevant) picks which top-level statements are parsed and
 * modelled. It may save work, never change a verdict: analysing with it equals analysing every
 * statement. (Every rule test checks this too, through helpers.getAnalyzer.)
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAnalyzer, type Analyzer } from '../../../src/analysis';
import { seededRandom } from '../../../src/core/random';
import { chainScript, randomChain, type ChainShape, type ChainSpec } from '../../fixtures/analysis/chains';
import { generateModule, generateScript } from '../../fixtures/analysis/generate';
import { apply, scripts } from './damage';
import { brief, getAnalyzer, py, WASM } from './helpers';

const root = path.resolve(__dirname, '../../..');

let plain: Promise<[Analyzer, Analyzer]> | undefined;
/** The analyser as shipped, and one that reads every statement. */
function both(): Promise<[Analyzer, Analyzer]> {
  plain ??= Promise.all([createAnalyzer(WASM), createAnalyzer({ ...WASM, prefilter: false })]);
  return plain;
}

function pythonFiles(dir: string): string[] {
  return readdirSync(dir).filter((f) => f.endsWith('.py')).map((f) => path.join(dir, f));
}

describe('the prefilter never changes a verdict', () => {
  it('on the real-world fixtures, the examples and every rule page example', async () => {
    const [filtered, unfiltered] = await both();
    const files = [...pythonFiles(path.join(root, 'test/fixtures/analysis/real')), ...pythonFiles(path.join(root, 'examples'))];
    const docs = readdirSync(path.join(root, 'docs/rules')).map((f) => readFileSync(path.join(root, 'docs/rules', f), 'utf8'));
    const blocks = docs.flatMap((d) => [...d.matchAll(/```python\n([\s\S]*?)```/g)].map((m) => m[1] ?? ''));
    expect(files.length + blocks.length).toBeGreaterThan(20);
    for (const text of [...files.map((f) => readFileSync(f, 'utf8')), ...blocks]) {
      expect(filtered.analyzeText(text)).toEqual(unfiltered.analyzeText(text));
    }
  });

  it('on generated scripts and modules, whole and damaged', async () => {
    const [filtered, unfiltered] = await both();
    const texts = [1, 2, 3, 4, 5].flatMap((seed) => [generateScript(400, seed), generateModule(300, seed)]);
    // Deleting one line in every tenth position shifts which statements carry vocabulary.
    for (const s of scripts.slice(0, 3)) {
      const lines = s.split('\n');
      for (let i = 0; i < lines.length; i += 10) texts.push(apply(s, { kind: 'delete', line: i }));
    }
    for (const text of texts) expect(brief(filtered.analyzeText(text))).toEqual(brief(unfiltered.analyzeText(text)));
  });
});

/** The loop's pieces at the depths of a chain that make findings when the chain is followed. */
function layouts(depth: number, loop: 'outer' | 'inner', shape: ChainShape): ChainSpec['pieces'][] {
  const deepest = { zero: depth, backward: depth, step: depth };
  if (loop === 'inner' || shape === 'factory') return [deepest, { backward: depth, step: depth }, { ...deepest, sched: depth }];
  return [
    { zero: 1, backward: depth, step: depth },
    { backward: depth, step: depth },
    { zero: depth, backward: 1, step: depth },
    { backward: Math.ceil(depth / 2), step: depth },
    { sched: 1, ...deepest },
    { zero: depth, step: 1, backward: depth },
  ];
}

describe('the prefilter never changes a verdict through chains of calls (issue 14)', () => {
  const SHAPES: readonly ChainShape[] = ['straight', 'tree', 'fan', 'mutual', 'methods', 'factory'];

  async function agree(specs: readonly ChainSpec[]): Promise<void> {
    const [filtered, unfiltered] = await both();
    const disagreements: string[] = [];
    for (const spec of specs) {
      const text = chainScript(spec);
      const [a, b] = [brief(filtered.analyzeText(text)), brief(unfiltered.analyzeText(text))];
      if (JSON.stringify(a) !== JSON.stringify(b)) disagreements.push(`${JSON.stringify(spec)}: ${a.join(' ')} | ${b.join(' ')}`);
    }
    expect(disagreements).toEqual([]);
  }

  // Helpers the training code calls that hold no training vocabulary (`side_i(model, opt, …)`) were
  // left unread with the prefilter: an unknown call handed the optimizer, which may clear it.
  it('chains 1 to 200 deep, straight, with side calls, fanning out, recursive, through self., of factories', async () => {
    const specs: ChainSpec[] = [];
    for (const shape of SHAPES) {
      for (const depth of [1, 2, 8, 9, 12, 25, 33, 200]) {
        if ((shape === 'fan' && depth > 9) || (depth === 200 && shape !== 'straight' && shape !== 'methods')) continue;
        for (const loop of ['outer', 'inner'] as const) {
          const all = layouts(depth, loop, shape);
          for (const pieces of depth === 200 ? all.slice(0, 2) : all) specs.push({ shape, depth, loop, pieces, filler: depth % 2 === 0 ? 3 : 0, longNames: depth === 9 });
        }
      }
    }
    await agree(specs);
  }, 120_000);

  // Statements only the unfiltered analysis reads (module-level calls of a long helper) used to
  // spend the module's walk budget and taint the training loop after them.
  it('with module-level work before the training code that only reading every statement does', async () => {
    const specs: ChainSpec[] = [];
    for (const shape of SHAPES) {
      for (const depth of [1, 5, 9, 25]) {
        if (shape === 'fan' && depth > 9) continue;
        const loop = shape === 'factory' ? 'inner' : 'outer';
        for (const pieces of layouts(depth, loop, shape).slice(0, 3)) specs.push({ shape, depth, loop, pieces, heavy: { calls: 60, statements: 1000 } });
      }
    }
    await agree(specs);
  }, 120_000);

  it('on random chains, alone and with generated scripts and modules around them (seeded)', async () => {
    const [filtered, unfiltered] = await both();
    const r = seededRandom(14);
    for (let i = 0; i < 80; i++) {
      const spec = randomChain(r);
      const mix = r();
      const chain = chainScript(spec);
      const text = mix < 0.25 ? `${generateScript(200, 1 + Math.floor(r() * 5))}\n${chain}` : mix < 0.5 ? `${chain}\n${generateModule(150, 1 + Math.floor(r() * 5))}` : chain;
      expect(brief(filtered.analyzeText(text)), JSON.stringify(spec)).toEqual(brief(unfiltered.analyzeText(text)));
    }
  }, 120_000);

  // Not a difference between the two: how deep a chain is followed. 32 calls deep, a loop is judged.
  it('judges a loop whose step is 25 calls deep, and leaves one 40 calls deep alone', async () => {
    const analyzer = await getAnalyzer();
    for (const shape of ['straight', 'methods', 'mutual', 'tree'] as const) {
      const at25 = brief(analyzer.analyzeText(chainScript({ shape, depth: 25, loop: 'outer', pieces: { backward: 25, step: 25 } })));
      expect(at25.map((f) => f.split('@')[0])).toEqual(['OL001']);
      expect(brief(analyzer.analyzeText(chainScript({ shape, depth: 40, loop: 'outer', pieces: { backward: 40, step: 40 } })))).toEqual([]);
    }
  });
});

describe('model.zero_grad() on a model of a class in the same file', () => {
  // Whether the class's statement holds a word of the prefilter's vocabulary (`initialize`,
  // `self.n_steps`) used to decide whether the model counted as clearing the optimizer's gradients.
  const loop = (classBody: string) => py`
    import torch
    import torch.nn as nn

    class Net(nn.Module):
        def __init__(self):
            super().__init__()
            ${classBody}
            self.fc = nn.Linear(2, 1)

        def forward(self, x):
            return self.fc(x)

    model = Net()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    for x, y in loader:
        model.zero_grad()
        loss = ((model(x) - y) ** 2).mean()
        loss.backward()
        optimizer.step()
  `;

  for (const body of ['# initializers', 'self.n_steps = 4', 'self.scheduler_name = "x"', '# nothing to see']) {
    it(`clears the optimizer built from its parameters (class body: ${body})`, async () => {
      const analyzer = await getAnalyzer();
      expect(brief(analyzer.analyzeText(loop(body)))).toEqual([]);
    });
  }

  it('still does not clear an optimizer built from another model (a GAN)', async () => {
    const analyzer = await getAnalyzer();
    const text = py`
      import torch
      import torch.nn as nn

      class G(nn.Module):
          # initializers
          pass

      class D(nn.Module):
          pass

      netG, netD = G(), D()
      optG = torch.optim.Adam(netG.parameters())
      optD = torch.optim.Adam(netD.parameters())
      for x in loader:
          netD.zero_grad()
          lossD(netD, netG, x).backward()
          optD.step()
          netD.zero_grad()
          lossG(netD, netG, x).backward()
          optG.step()
    `;
    expect(brief(analyzer.analyzeText(text))).toEqual(['OL001@20']);
  });
});
