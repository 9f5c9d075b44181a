/**
 * The vocabulary prefilter (Source.relevant) picks which top-level statements are parsed and
 * modelled. It may save work, never change a verdict: analysing with it equals analysing every
 * statement. (Every rule test checks this too, through helpers.getAnalyzer.)
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAnalyzer, type Analyzer } from '../../../src/analysis';
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
