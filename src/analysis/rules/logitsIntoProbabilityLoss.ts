/**
 * OL011 logits-into-probability-loss (information): BCELoss (or F.binary_cross_entropy) fed the
 * raw output of an `nn.Linear` layer, with no sigmoid in between. BCELoss takes probabilities; a
 * linear layer's outputs are anywhere on the real line, and torch raises as soon as one is
 * outside [0, 1]. Information only: it is the layer's construction that says "raw", and code
 * may squash the values in ways this does not follow.
 */
import { defineRule, type CheckFinding } from './define';
import { activationText, argText, fedLosses } from './lossFeeds';
import { abs } from './common';

export const logitsIntoProbabilityLoss = defineRule({
  code: 'OL011',
  name: 'logits-into-probability-loss',
  severity: 'information',
  messages: {
    main: '{loss} expects probabilities in [0, 1], and {input} is the raw output of a linear layer ({activation}) with no sigmoid after it: torch raises a RuntimeError (on CUDA a device-side assert) as soon as a value falls outside [0, 1]. Use BCEWithLogitsLoss (F.binary_cross_entropy_with_logits), which applies the sigmoid itself, stably.',
    variants: {
      network: '{loss} expects probabilities in [0, 1], and {input} comes from {network}, whose forward ends in a linear layer ({activation}) with no sigmoid after it: torch raises a RuntimeError (on CUDA a device-side assert) as soon as a value falls outside [0, 1]. Use BCEWithLogitsLoss (F.binary_cross_entropy_with_logits), which applies the sigmoid itself, stably.',
    },
    summary: 'BCELoss applied to a linear layer\'s raw output: it expects probabilities',
    related: {
      layer: '{activation} produces it here',
    },
    fixes: {
      withLogits: 'Use {functional} (applies the sigmoid itself)',
    },
  },
  doc: {
    setting: 'BCELoss is given the raw output of a linear layer, with no sigmoid.',
    what: 'The input (first argument) of `nn.BCELoss` or `F.binary_cross_entropy` is the output of an `nn.Linear` layer (called directly, as a `self.fc = nn.Linear(...)` layer, or as the last layer of an `nn.Sequential` or of a network defined in the same file or imported from another file of the project) with no sigmoid after it; the loss and the network may also be function parameters that every call of the function in the file gives the same value. This is information, not a warning: the finding rests on the layer being the last thing the value went through, as far as the file shows.',
    why: '`BCELoss` computes −[y·log p + (1 − y)·log(1 − p)] and needs p in [0, 1]. A linear layer\'s outputs are unbounded, so torch stops with `RuntimeError: all elements of input should be between 0 and 1` (on CUDA a device-side assert that takes the process down) on the first batch where one is outside — sometimes only after the weights drift, hours into training. `BCEWithLogitsLoss` takes the logits, applies the sigmoid itself and is numerically stable for large logits, where `log(sigmoid(x))` would round to `log(0)`.',
    wrong: `
import torch
import torch.nn.functional as F

head = torch.nn.Linear(128, 1)
for x, y in loader:
    loss = F.binary_cross_entropy(head(x), y)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
`,
    right: `
import torch
import torch.nn.functional as F

head = torch.nn.Linear(128, 1)
for x, y in loader:
    loss = F.binary_cross_entropy_with_logits(head(x), y)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
`,
    fix: 'Use the logits loss. For `F.binary_cross_entropy(...)` the quick fix renames the call to `F.binary_cross_entropy_with_logits(...)` (the same arguments; `weight` and `reduction` mean the same). For an `nn.BCELoss()` instance replace it by `nn.BCEWithLogitsLoss()` yourself: the same instance may be called elsewhere on probabilities.',
    silent: 'When a sigmoid, a clamp into [0, 1] or anything else but a reshape is applied after the linear layer; when the file changes an `nn.Sequential`\'s layers after building it (`add_module`, `append`, `net[-1] = …`); when the value comes from a layer or network neither the file nor the project defines, or from a function parameter whose calls pass different values or whose callers are not all in the file; for `BCEWithLogitsLoss`, which takes the raw outputs.',
    suppress: '    loss = F.binary_cross_entropy(head(x), y)  # noqa: OL011',
  },
  concerns: { loss: ['BCELoss', 'BCEWithLogitsLoss'] },
  check(ctx, m) {
    const out: CheckFinding[] = [];
    for (const { feed, input } of fedLosses(ctx, 'BCELoss', ['linear'])) {
      const args = { loss: feed.callee, input: argText(input), activation: activationText(input.origin) };
      const fixes = [];
      const rename = /^(?:[\w.]+\.)?binary_cross_entropy$/.test(feed.callee) && feed.site.chunk.file === null ? feed.callee.lastIndexOf('binary_cross_entropy') : -1;
      if (rename >= 0 && feed.callee.includes('.')) {
        const at = feed.site.chunk.start + feed.site.s + rename + 'binary_cross_entropy'.length;
        const functional = `${feed.callee}_with_logits`;
        fixes.push({ title: m.fixes.withLogits({ functional }), edits: [{ start: at, end: at, newText: '_with_logits' }], isPreferred: true, kind: 'fix' as const });
      }
      out.push({
        ...abs(input.arg),
        message: input.origin.how === 'network' ? m.variants.network({ ...args, network: input.origin.name }) : m.main(args),
        related: [{ ...abs(input.origin.site), message: m.related.layer({ activation: activationText(input.origin) }) }],
        fixes,
      });
    }
    return out;
  },
});
