/**
 * The real-world fixtures with one mistake put in: each must produce exactly the expected finding,
 * which also shows the silence elsewhere is not for lack of understanding the code.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { getAnalyzer } from './helpers';

const dir = path.resolve(__dirname, '../../fixtures/analysis/real');

interface Mutation {
  readonly file: string;
  readonly what: string;
  readonly edit: (text: string) => string;
  /** `CODE: text of the anchor line` for each finding. */
  readonly expect: readonly string[];
}

const drop = (line: string) => (text: string) => {
  expect(text).toContain(line);
  return text.replace(line, 'pass');
};
const replace = (from: string, to: string) => (text: string) => {
  expect(text).toContain(from);
  return text.replace(from, to);
};

const mutations: Mutation[] = [
  { file: 'mnist.py', what: 'without zero_grad', edit: drop('optimizer.zero_grad()'), expect: ['OL001: optimizer.step()'] },
  {
    file: 'mnist.py', what: 'with the scheduler stepped at the start of the epoch',
    edit: (t) => replace('        scheduler.step()\n', '')(t).replace('        train(args, model', '        scheduler.step()\n        train(args, model'),
    expect: ['OL003: scheduler.step()'],
  },
  { file: 'hf_no_trainer.py', what: 'without zero_grad', edit: drop('optimizer.zero_grad()'), expect: ['OL001: optimizer.step()'] },
  { file: 'dcgan.py', what: 'without netG.zero_grad()', edit: drop('netG.zero_grad()'), expect: ['OL001: optimizerG.step()'] },
  { file: 'nanogpt.py', what: 'without zero_grad', edit: drop('optimizer.zero_grad(set_to_none=True)'), expect: ['OL001: scaler.step(optimizer)'] },
  {
    file: 'torchvision_detection.py', what: 'without zero_grad', edit: drop('optimizer.zero_grad()'),
    expect: ['OL001: scaler.step(optimizer)', 'OL001: optimizer.step()'],
  },
  {
    file: 'ddp_trainer_class.py', what: 'with the epoch scheduler stepped per batch',
    edit: (t) => replace('        self.scheduler.step()\n', '')(t).replace('        self.optimizer.step()\n', '        self.optimizer.step()\n        self.scheduler.step()\n'),
    expect: ['OL004: self.scheduler.step()'],
  },
  {
    file: 'lightning_manual_gan.py', what: 'with zero_grad between manual_backward and step',
    edit: replace('        self.manual_backward(g_loss)\n        opt_g.step()\n        opt_g.zero_grad()', '        self.manual_backward(g_loss)\n        opt_g.zero_grad()\n        opt_g.step()'),
    expect: ['OL002: opt_g.zero_grad()'],
  },
  {
    file: 'accelerate_nlp.py', what: 'with the warmup schedule stepped per epoch',
    edit: (t) => replace('                lr_scheduler.step()\n', '')(t).replace('        model.eval()', '        lr_scheduler.step()\n        model.eval()'),
    expect: ['OL005: lr_scheduler.step()'],
  },
  { file: 'plateau_val.py', what: 'without the metric', edit: replace('plateau.step(val_loss)', 'plateau.step()'), expect: ['OL007: plateau.step()'] },
  {
    file: 'fabric_loop.py', what: 'without scheduler.step()', edit: drop('    scheduler.step()'),
    expect: ['OL006: scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=1)'],
  },
  {
    file: 'imagenet.py', what: 'with Adam and a literal weight decay',
    edit: replace('torch.optim.SGD(model.parameters(), args.lr, momentum=args.momentum, weight_decay=args.weight_decay)', 'torch.optim.Adam(model.parameters(), args.lr, weight_decay=1e-2)'),
    expect: ['OL008: optimizer = torch.optim.Adam(model.parameters(), args.lr, weight_decay=1e-2)'],
  },
];

describe('one mistake in real-world code is found', () => {
  for (const m of mutations) {
    it(`${m.file} ${m.what}`, async () => {
      const analyzer = await getAnalyzer();
      const text = m.edit(readFileSync(path.join(dir, m.file), 'utf8'));
      const lines = text.split('\n');
      const got = analyzer.analyzeText(text).map((f) => `${f.code}: ${lines[f.range.start.line]?.trim()}`);
      expect(got).toEqual(m.expect);
    });
  }
});
