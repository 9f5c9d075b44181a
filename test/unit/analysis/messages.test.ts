import { describe, expect, it } from 'vitest';
import { formatMessage, MESSAGE_TEMPLATES, placeholders, RULES, type Finding, type Message } from '../../../src/analysis';
import { getAnalyzer, py } from './helpers';

const everything = py`
  import torch
  from torch.optim import Adam
  optimizer = Adam(model.parameters(), lr=1e-3, weight_decay=1e-2)
  plat_sched = torch.optim.lr_scheduler.ReduceLROnPlateau(optimizer)
  idle_sched = torch.optim.lr_scheduler.StepLR(optimizer, 3)
  cos_sched = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=n_epochs_x)
  cyc_sched = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=0.1, total_steps=len(loader) * n_epochs_x)
  for epoch in range(n_epochs_x):
      for x, y in loader:
          loss = criterion(model(x), y)
          loss.backward()
          optimizer.zero_grad()
          cos_sched.step()
          optimizer.step()
      cyc_sched.step()
      plat_sched.step()
  for x, y in loader:
      criterion(model(x), y).backward()
      optimizer.step()
`;

function messages(f: Finding): Message[] {
  return [f.message, ...f.related.map((r) => r.message), ...f.fixes.map((x) => x.title)];
}

describe('messages', () => {
  // The snippet with every rule of the contract, and each rule page's wrong example (so a new rule
  // is covered by its own page, with no list here to extend).
  const corpus = [everything, ...RULES.map((r) => r.doc.wrong)];
  const allFindings = async () => {
    const analyzer = await getAnalyzer();
    return corpus.flatMap((text) => analyzer.analyzeText(text));
  };

  it('the snippets produce every rule', async () => {
    const findings = await allFindings();
    expect([...new Set(findings.map((f) => f.code))].sort()).toEqual(RULES.map((r) => r.code).sort());
  });

  it('every message is a known template whose placeholders are exactly its args', async () => {
    const findings = await allFindings();
    for (const m of findings.flatMap(messages)) {
      expect(MESSAGE_TEMPLATES).toContain(m.template);
      expect(placeholders(m.template).sort()).toEqual(Object.keys(m.args).sort());
      expect(formatMessage(m)).not.toMatch(/\{\w+\}/);
    }
  });

  it('templates are unique, and values are never baked in', () => {
    expect(new Set(MESSAGE_TEMPLATES).size).toBe(MESSAGE_TEMPLATES.length);
    for (const t of MESSAGE_TEMPLATES) {
      // The snippet's own names never appear in templates: only placeholders do.
      expect(t).not.toMatch(/plat_sched|idle_sched|cos_sched|cyc_sched|n_epochs_x|model|loader/);
    }
  });

  it('formatMessage substitutes named args and leaves unknown placeholders visible', () => {
    expect(formatMessage({ template: 'Use {a} then {b}', args: { a: 'x', b: 2 } })).toBe('Use x then 2');
    expect(formatMessage({ template: 'Use {a}', args: {} })).toBe('Use {a}');
    expect(formatMessage({ template: '{a}', args: { a: 'b' } }, '译 {a}')).toBe('译 b');
  });

  it('the rule table keeps the contract\'s rules (ARCHITECTURE.md) first', () => {
    expect(RULES.slice(0, 8).map((r) => [r.code, r.name, r.severity])).toEqual([
      ['OL001', 'missing-zero-grad', 'error'],
      ['OL002', 'zero-grad-between-backward-and-step', 'error'],
      ['OL003', 'scheduler-before-optimizer', 'warning'],
      ['OL004', 'epoch-scheduler-stepped-per-batch', 'warning'],
      ['OL005', 'batch-scheduler-stepped-per-epoch', 'warning'],
      ['OL006', 'scheduler-never-stepped', 'warning'],
      ['OL007', 'plateau-step-without-metric', 'error'],
      ['OL008', 'adam-weight-decay', 'information'],
    ]);
    for (const r of RULES) {
      expect(r.docs).toBe(`docs/rules/${r.code}.md`);
      expect(MESSAGE_TEMPLATES).toContain(r.summary);
      expect(placeholders(r.summary)).toEqual([]);
    }
  });
});

describe('source text in a message', () => {
  it('is one line, without the comments written inside it', async () => {
    const analyzer = await getAnalyzer();
    const findings = analyzer.analyzeText(py`
      import torch
      opt = torch.optim.Adam(model.parameters(), weight_decay=1e-2 * (1  # a note
      
      # ::error file=x.py::forged
      ))
    `);
    const texts = findings.flatMap(messages).map((m) => formatMessage(m));
    expect(texts.some((t) => t.startsWith('Adam with weight_decay=1e-2 * (1 )'))).toBe(true);
    for (const text of texts) expect(text).not.toMatch(/[\r\n]|a note|forged/);
  });
});
