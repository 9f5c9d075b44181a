/** A project-wide model: calls followed into functions of other files of the same project. */
import { describe, expect, it } from 'vitest';
import type { Finding, ProjectFiles } from '../../../src/analysis';
import { applyFix, brief, getAnalyzer, py, text } from './helpers';

/** An in-memory project under /p; `reads` counts what the analyser asked for. */
function project(files: Record<string, string>): ProjectFiles & { files: Record<string, string>; reads: string[] } {
  const reads: string[] = [];
  return {
    roots: ['/p'],
    files,
    reads,
    read(path) {
      reads.push(path);
      return files[path] ?? null;
    },
  };
}

async function check(p: ReturnType<typeof project>, path: string): Promise<Finding[]> {
  const analyzer = await getAnalyzer();
  const text = p.files[path];
  if (text === undefined) throw new Error(`no ${path}`);
  return analyzer.analyzeText(text, { path, project: p });
}

const ENGINE = py`
  def train_one_epoch(model, loader, optimizer):
      for x, y in loader:
          optimizer.zero_grad()
          loss = model(x).sum()
          loss.backward()
          optimizer.step()
`;

const MAIN_SCHED_FIRST = py`
  import torch
  from engine import train_one_epoch

  model = Net()
  optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
  lr_scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=10)
  for epoch in range(100):
      lr_scheduler.step()
      train_one_epoch(model, loader, optimizer)
`;

describe('calls into other project files', () => {
  it('OL003: the scheduler stepped before an epoch function of another file (Deformable-ProtoPNet)', async () => {
    const p = project({ '/p/main.py': MAIN_SCHED_FIRST, '/p/engine.py': ENGINE });
    const findings = await check(p, '/p/main.py');
    expect(brief(findings)).toEqual(['OL003@8']);
    const step = findings[0]?.related.find((r) => r.file !== undefined);
    expect(step?.file).toBe('/p/engine.py');
    expect(step?.range.start.line).toBe(5);
    // Without the project, the call stays unknown: nothing to report.
    expect(brief((await getAnalyzer()).analyzeText(MAIN_SCHED_FIRST))).toEqual([]);
  });

  it('OL004: a per-epoch decay built here, stepped under an accumulation guard in another file (llama-cookbook)', async () => {
    const train = py`
      def train(model, loader, optimizer, lr_scheduler, accumulation_steps, config):
          for epoch in range(config.num_epochs):
              for step, batch in enumerate(loader):
                  loss = model(**batch).loss / accumulation_steps
                  loss.backward()
                  if (step + 1) % accumulation_steps == 0 or step == len(loader) - 1:
                      optimizer.step()
                      lr_scheduler.step()
                      optimizer.zero_grad()
    `;
    const main = py`
      import torch
      from torch.optim.lr_scheduler import StepLR
      from utils.train_utils import train

      def main(config):
          optimizer = torch.optim.AdamW(model.parameters(), lr=1e-4)
          scheduler = StepLR(optimizer, step_size=1, gamma=0.85)
          train(model, loader, optimizer, scheduler, config.gradient_accumulation_steps, config)
    `;
    const p = project({ '/p/main.py': main, '/p/utils/__init__.py': '', '/p/utils/train_utils.py': train });
    const findings = await check(p, '/p/main.py');
    expect(brief(findings)).toEqual(['OL004@8']);
    // The guard's `k` is read from the file that holds it, not from this one's offsets.
    expect(text(findings[0]!)).toMatch(/every accumulation_steps batches/);
    expect(findings[0]?.related.some((r) => r.file === undefined && r.range.start.line === 6)).toBe(true);
  });

  it('values of other files: a module constant, a dataclass config re-exported by a package, an instance, a custom optimizer class', async () => {
    const files = {
      '/p/settings.py': 'EPOCHS = 90\n',
      '/p/configs/__init__.py': 'from .training import train_config\n',
      '/p/configs/training.py': py`
        from dataclasses import dataclass

        @dataclass
        class train_config:
            step_size: int = 30
            gamma: float = 0.85
      `,
      '/p/hparams.py': py`
        class Hparams:
            milestone = 30

        hp = Hparams()
      `,
      '/p/lion.py': py`
        import torch

        class Lion(torch.optim.Optimizer):
            def step(self, closure=None):
                pass
      `,
    };
    const main = (scheduler: string) => py`
      import torch
      from settings import EPOCHS
      from configs import train_config
      from hparams import hp
      from lion import Lion

      optimizer = Lion(model.parameters())
      scheduler = ${scheduler}
      for epoch in range(EPOCHS):
          for x, y in loader:
              optimizer.zero_grad()
              model(x).sum().backward()
              optimizer.step()
              scheduler.step()
    `;
    for (const scheduler of [
      'torch.optim.lr_scheduler.StepLR(optimizer, step_size=train_config.step_size)',
      'torch.optim.lr_scheduler.StepLR(optimizer, step_size=1, gamma=train_config.gamma)',
      'torch.optim.lr_scheduler.MultiStepLR(optimizer, milestones=[hp.milestone])',
    ]) {
      const p = project({ ...files, '/p/main.py': main(scheduler) });
      expect(brief(await check(p, '/p/main.py')), scheduler).toEqual(['OL004@14']);
    }
    // Without the project the imported names are unknown: nothing to judge.
    expect(brief((await getAnalyzer()).analyzeText(main('torch.optim.lr_scheduler.StepLR(optimizer, step_size=train_config.step_size)')))).toEqual([]);
  });

  it('OL003 through a method of a class of another file, called on an instance in this file\'s epoch loop', async () => {
    const trainer = py`
      class Trainer:
          def train(self, loader, optimizer, scheduler):
              scheduler.step()
              for x, y in loader:
                  optimizer.zero_grad()
                  model(x).sum().backward()
                  optimizer.step()
    `;
    const main = py`
      import torch
      from trainer import Trainer

      optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
      scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=30)
      t = Trainer()
      for epoch in range(90):
          t.train(loader, optimizer, scheduler)
    `;
    const p = project({ '/p/main.py': main, '/p/trainer.py': trainer });
    const findings = await check(p, '/p/main.py');
    expect(brief(findings)).toEqual(['OL003@8']);
    expect(findings[0]?.related.some((r) => r.file === '/p/trainer.py')).toBe(true);
  });

  it('OL003 through `import train_and_test as tnt` and keyword arguments', async () => {
    const main = py`
      import torch
      import train_and_test as tnt
      optimizer = torch.optim.Adam(model.parameters())
      scheduler = torch.optim.lr_scheduler.StepLR(optimizer, 5)
      for epoch in range(10):
          scheduler.step()
          tnt.train(model=model, optimizer=optimizer)
    `;
    const tnt = py`
      def train(model, optimizer):
          for x in loader:
              optimizer.zero_grad()
              model(x).sum().backward()
              optimizer.step()
    `;
    const p = project({ '/p/main.py': main, '/p/train_and_test.py': tnt });
    expect(brief(await check(p, '/p/main.py'))).toEqual(['OL003@6']);
  });

  it('the scheduler stepped after the epoch function: silent', async () => {
    const main = MAIN_SCHED_FIRST.replace('    lr_scheduler.step()\n    train_one_epoch(model, loader, optimizer)', '    train_one_epoch(model, loader, optimizer)\n    lr_scheduler.step()');
    const p = project({ '/p/main.py': main, '/p/engine.py': ENGINE });
    expect(brief(await check(p, '/p/main.py'))).toEqual([]);
  });

  const MAIN_HELPER = py`
    import torch
    import helpers
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    for x in loader:
        loss = model(x).sum()
        loss.backward()
        helpers.step(optimizer)
  `;

  it('OL001: a helper of another file steps, nothing clears', async () => {
    const p = project({ '/p/main.py': MAIN_HELPER, '/p/helpers.py': 'def step(opt):\n    opt.step()\n' });
    const findings = await check(p, '/p/main.py');
    expect(brief(findings)).toEqual(['OL001@7']);
    expect(findings[0]?.range.start.character).toBe(4);
    // Named as the caller knows it, not as the helper's parameter.
    expect(text(findings[0]!)).toContain('optimizer.zero_grad()');
    expect(text(findings[0]!)).not.toContain('opt.');
  });

  it('the OL003 fix moves the scheduler step after the call into the other file', async () => {
    const p = project({ '/p/main.py': MAIN_SCHED_FIRST, '/p/engine.py': ENGINE });
    const [finding] = await check(p, '/p/main.py');
    const fix = finding?.fixes.find((f) => f.kind === 'fix');
    expect(fix).toBeDefined();
    expect(applyFix(MAIN_SCHED_FIRST, fix!)).toContain('    train_one_epoch(model, loader, optimizer)\n    lr_scheduler.step()');
  });

  it('a helper of another file that clears after stepping: silent', async () => {
    const p = project({ '/p/main.py': MAIN_HELPER, '/p/helpers.py': 'def step(opt):\n    opt.step()\n    opt.zero_grad()\n' });
    expect(brief(await check(p, '/p/main.py'))).toEqual([]);
  });

  it('an import not found in the project behaves as without a project', async () => {
    const p = project({ '/p/main.py': MAIN_HELPER });
    const alone = brief((await getAnalyzer()).analyzeText(MAIN_HELPER));
    expect(brief(await check(p, '/p/main.py'))).toEqual(alone);
    // An unknown call handed the optimizer may clear it.
    const update = MAIN_HELPER.replace('helpers.step(', 'helpers.update(');
    p.files['/p/main.py'] = update;
    expect(brief(await check(p, '/p/main.py'))).toEqual([]);
    // Found in the project, its body is read: it only steps.
    p.files['/p/helpers.py'] = 'def update(opt):\n    opt.step()\n';
    expect(brief(await check(p, '/p/main.py'))).toEqual(['OL001@7']);
  });

  it('findings wholly inside another file are that file’s, not the caller’s', async () => {
    const engine = ENGINE.replace('        optimizer.zero_grad()\n', '');
    const main = py`
      import torch
      from engine import train_one_epoch
      optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
      for epoch in range(3):
          train_one_epoch(model, loader, optimizer)
    `;
    const p = project({ '/p/main.py': main, '/p/engine.py': engine });
    expect(brief(await check(p, '/p/main.py'))).toEqual([]);
    expect(brief(await check(p, '/p/engine.py'))).toEqual(['OL001@5']);
  });

  it('a package: __init__ re-exports, relative imports and `from . import`', async () => {
    const files = {
      '/p/pkg/__init__.py': 'from .engine import train_one_epoch\n',
      '/p/pkg/engine.py': ENGINE,
      '/p/main.py': MAIN_SCHED_FIRST.replace('from engine import', 'from pkg import'),
      '/p/pkg/run.py': MAIN_SCHED_FIRST.replace('from engine import train_one_epoch', 'from . import engine').replace('    train_one_epoch(', '    engine.train_one_epoch('),
      '/p/pkg/sub/run2.py': MAIN_SCHED_FIRST.replace('from engine import', 'from ..engine import'),
    };
    const p = project(files);
    expect(brief(await check(p, '/p/main.py'))).toEqual(['OL003@8']);
    expect(brief(await check(p, '/p/pkg/run.py'))).toEqual(['OL003@8']);
    expect(brief(await check(p, '/p/pkg/sub/run2.py'))).toEqual(['OL003@8']);
  });

  it('a cycle of imports neither hangs nor crashes', async () => {
    const a = py`
      import torch
      from b import g
      def f(opt):
          g(opt)
      optimizer = torch.optim.SGD(params, lr=0.1)
      for x in loader:
          model(x).backward()
          f(optimizer)
    `;
    const b = 'from a import f\ndef g(opt):\n    f(opt)\n    opt.step()\n';
    const initA = 'from .b import x\n';
    const initB = 'from .a import x\n';
    const p = project({ '/p/a.py': a, '/p/b.py': b, '/p/c/__init__.py': 'from .d import x\n', '/p/c/d.py': initA, '/p/c/b.py': initB, '/p/c/a.py': initA });
    // The step in b.py is placed on the call into b.py (in f, line 4).
    expect(brief(await check(p, '/p/a.py'))).toEqual(['OL001@4']);
    expect(brief(await check(p, '/p/b.py'))).toEqual([]);
    const loop = 'from c import x\nimport torch\noptimizer = torch.optim.SGD(params)\nfor i in loader:\n    model(i).backward()\n    x(optimizer)\n';
    expect(brief((await getAnalyzer()).analyzeText(loop, { path: '/p/m.py', project: p }))).toEqual([]);
  });

  it('a changed file is read again; an unchanged one is not re-parsed', async () => {
    const p = project({ '/p/main.py': MAIN_HELPER, '/p/helpers.py': 'def step(opt):\n    opt.step()\n' });
    expect(brief(await check(p, '/p/main.py'))).toEqual(['OL001@7']);
    p.files['/p/helpers.py'] = 'def step(opt):\n    opt.step()\n    opt.zero_grad()\n';
    expect(brief(await check(p, '/p/main.py'))).toEqual([]);
    p.files['/p/helpers.py'] = 'def step(opt):\n    opt.step()\n';
    expect(brief(await check(p, '/p/main.py'))).toEqual(['OL001@7']);
  });

  it('an open document sees another file change once invalidated, and after its own edits', async () => {
    const p = project({ '/p/main.py': MAIN_HELPER, '/p/helpers.py': 'def step(opt):\n    opt.step()\n' });
    const doc = (await getAnalyzer()).open(MAIN_HELPER, { path: '/p/main.py', project: p });
    try {
      expect(brief(doc.findings())).toEqual(['OL001@7']);
      p.files['/p/helpers.py'] = 'def step(opt):\n    opt.step()\n    opt.zero_grad()\n';
      expect(brief(doc.findings())).toEqual(['OL001@7']); // cached until invalidated
      doc.invalidate();
      expect(brief(doc.findings())).toEqual([]);
      // An edit elsewhere in the file reuses what it can; the helper is still read as it is now.
      doc.edit([{ rangeOffset: 0, rangeLength: 0, text: '# train\n' }]);
      expect(brief(doc.findings())).toEqual([]);
      p.files['/p/helpers.py'] = 'def step(opt):\n    opt.step()\n';
      doc.edit([{ rangeOffset: 0, rangeLength: 0, text: '#\n' }]);
      expect(brief(doc.findings())).toEqual(['OL001@9']);
      // A file that disappears: the call is unknown again (behaves as without a project).
      delete p.files['/p/helpers.py'];
      doc.invalidate();
      expect(brief(doc.findings())).toEqual(brief((await getAnalyzer()).analyzeText(doc.text)));
    } finally {
      doc.dispose();
    }
  });

  it('invalidating with a path forgets the findings only when the last analysis read or looked for it', async () => {
    const p = project({ '/p/main.py': MAIN_HELPER, '/p/helpers.py': 'def step(opt):\n    opt.step()\n', '/p/other.py': 'x = 1\n' });
    const doc = (await getAnalyzer()).open(MAIN_HELPER, { path: '/p/main.py', project: p });
    try {
      expect(brief(doc.findings())).toEqual(['OL001@7']);
      p.files['/p/helpers.py'] = 'def step(opt):\n    opt.step()\n    opt.zero_grad()\n';
      expect(doc.invalidate('/p/other.py')).toBe(false);
      expect(brief(doc.findings())).toEqual(['OL001@7']); // kept: other.py was never read
      expect(doc.invalidate('/p/helpers.py')).toBe(true);
      expect(brief(doc.findings())).toEqual([]);
      expect(doc.invalidate()).toBe(true); // without a path: always
    } finally {
      doc.dispose();
    }
  });

  it('a hover on a document of the project builds the model its findings use, and keeps them', async () => {
    const p = project({ '/p/main.py': MAIN_HELPER, '/p/helpers.py': 'def step(opt):\n    opt.step()\n' });
    const doc = (await getAnalyzer()).open(MAIN_HELPER, { path: '/p/main.py', project: p });
    try {
      const findings = doc.findings();
      expect(brief(findings)).toEqual(['OL001@7']);
      expect(doc.symbolAt(MAIN_HELPER.indexOf('backward') + 1)).toMatchObject({ k: 'method', method: 'backward' });
      expect(doc.findings()).toBe(findings);
    } finally {
      doc.dispose();
    }
  });

  it('a statement without training words that calls into the project is read (prefilter-neutral)', async () => {
    const main = py`
      import torch
      from engine import run
      opt = torch.optim.SGD(p)
      sch = torch.optim.lr_scheduler.StepLR(opt, 5)
      for e in range(3):
          run(opt, sch)
    `;
    const engine = py`
      import torch
      def run(o, s):
          for x in l:
              o.zero_grad()
              m(x).backward()
              o.step()
          s.step()
    `;
    const p = project({ '/p/main.py': main, '/p/engine.py': engine });
    // Stepped in engine.py: not "never stepped".
    expect(brief(await check(p, '/p/main.py'))).toEqual([]);
  });

  it('constructions inside another file are reported there, not at the caller', async () => {
    const main = py`
      from factory import make
      optimizer = make(model)
      for x in loader:
          optimizer.zero_grad()
          model(x).backward()
          optimizer.step()
    `;
    const factory = 'import torch\ndef make(m):\n    return torch.optim.Adam(m.parameters(), weight_decay=1e-2)\n';
    const p = project({ '/p/main.py': main, '/p/factory.py': factory });
    expect(brief(await check(p, '/p/main.py'))).toEqual([]);
    expect(brief(await check(p, '/p/factory.py'))).toEqual(['OL008@3']);
  });

  it('files without imports of project modules read nothing', async () => {
    const p = project({ '/p/main.py': 'import torch\nopt = torch.optim.SGD(p)\nfor x in l:\n    opt.zero_grad()\n    m(x).backward()\n    opt.step()\n' });
    await check(p, '/p/main.py');
    expect(p.reads.every((r) => r.includes('torch'))).toBe(true);
  });
});

describe('loss rules across project files', () => {
  const NETWORK = py`
    import torch.nn as nn
    import torch.nn.functional as F

    class Network(nn.Module):
        def forward(self, x):
            out = self.fc3(self.fc1(x))
            out = F.softmax(out, dim=1)
            return out
  `;
  const TRAIN = py`
    import torch.nn as nn
    import network as net

    def train(model, optimizer, train_loader):
        criterion = nn.CrossEntropyLoss()
        for sample, target in train_loader:
            output = model(sample)
            loss = criterion(output, target)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()

    if __name__ == '__main__':
        model = net.Network().to('cuda')
        train(model, opt, loader)
  `;

  it('OL009: a network class of another file, passed as a parameter, ends in a softmax (jindongwang)', async () => {
    const p = project({ '/p/main.py': TRAIN, '/p/network.py': NETWORK });
    const findings = await check(p, '/p/main.py');
    expect(brief(findings)).toEqual(['OL009@8']);
    const softmax = findings[0]?.related.find((r) => r.file !== undefined);
    expect(softmax?.file).toBe('/p/network.py');
    expect(softmax?.range.start.line).toBe(6);
    // Without the project the network is unknown: nothing to report.
    expect(brief((await getAnalyzer()).analyzeText(TRAIN))).toEqual([]);
  });

  it('OL010 through `from unet import UNet3Plus` (a package re-export) and keyword arguments (UNet3+)', async () => {
    const main = py`
      import torch.nn as nn
      from unet import UNet3Plus

      def train_net(net, device, epochs=5):
          criterion = nn.BCEWithLogitsLoss()
          for imgs, true_masks in loader:
              masks_pred = net(imgs)
              loss = criterion(masks_pred, true_masks)
              loss.backward()

      net = UNet3Plus(n_channels=3, n_classes=1)
      train_net(net=net, epochs=3, device='cpu')
    `;
    const model = py`
      import torch.nn as nn
      import torch.nn.functional as F
      class UNet3Plus(nn.Module):
          def forward(self, inputs):
              d1 = self.outconv1(inputs)
              return F.sigmoid(d1)
    `;
    const p = project({ '/p/main.py': main, '/p/unet/__init__.py': 'from .UNet3Plus import UNet3Plus\n', '/p/unet/UNet3Plus.py': model });
    expect(brief(await check(p, '/p/main.py'))).toEqual(['OL010@8']);
  });

  it('OL009: a criterion and a network of a package passed positionally, the softmax a layer attribute there', async () => {
    const main = py`
      import torch.nn as nn
      from models.net import Net

      def fit(model, loss_fn, loader):
          for x, y in loader:
              loss = loss_fn(model(x), y)
              loss.backward()

      fit(Net(), nn.CrossEntropyLoss(), loader)
    `;
    const net = py`
      import torch.nn as nn
      from .layers import head

      class Net(nn.Module):
          def __init__(self):
              super().__init__()
              self.fc = head()
              self.softmax = nn.Softmax(dim=1)

          def forward(self, x):
              return self.softmax(self.fc(x))
    `;
    const p = project({ '/p/main.py': main, '/p/models/__init__.py': '', '/p/models/net.py': net, '/p/models/layers.py': 'def head():\n    pass\n' });
    const findings = await check(p, '/p/main.py');
    expect(brief(findings)).toEqual(['OL009@6']);
    expect(findings[0]?.related.find((r) => r.file !== undefined)?.file).toBe('/p/models/net.py');
    expect(findings[0]?.fixes.filter((f) => f.kind === 'fix')).toEqual([]);
  });

  it('a network of another file that returns logits: silent', async () => {
    const logits = NETWORK.replace('out = F.softmax(out, dim=1)', 'out = out * 1');
    const p = project({ '/p/main.py': TRAIN, '/p/network.py': logits });
    expect(brief(await check(p, '/p/main.py'))).toEqual([]);
  });
});
