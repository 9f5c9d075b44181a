/**
 * OL009 softmax-into-cross-entropy: CrossEntropyLoss (or F.cross_entropy) fed a softmax or
 * log_softmax output. The loss applies log_softmax itself. After a softmax it squashes
 * probabilities a second time: training runs, slowly, and the loss levels off far above zero.
 * After a log_softmax the numbers are the same (log_softmax is idempotent) but the work is done
 * twice and the code says NLLLoss was meant. Only the input counts: probabilities as the target
 * (soft labels, distillation) are what the loss expects there.
 */
import { defineRule, type CheckFinding } from './define';
import { activationText, argText, feedFinding, fedLosses } from './lossFeeds';

export const softmaxIntoCrossEntropy = defineRule({
  code: 'OL009',
  name: 'softmax-into-cross-entropy',
  severity: 'warning',
  messages: {
    main: '{loss} applies log_softmax to its input itself, and {input} is already a softmax output ({activation}): the probabilities are squashed a second time, so the gradients shrink and the loss levels off far above zero (for C classes it can never fall below ln(1 + (C-1)/e)). Pass the logits, the values before {activation}.',
    variants: {
      network: '{loss} applies log_softmax to its input itself, and {input} comes from {network}, whose forward ends in a softmax ({activation}): the probabilities are squashed a second time, so the gradients shrink and the loss levels off far above zero (for C classes it can never fall below ln(1 + (C-1)/e)). Return the logits from forward and apply the softmax where probabilities are needed.',
      logSoftmax: '{loss} applies log_softmax to its input itself, and {input} is already a log_softmax output ({activation}): the loss is the same as on the logits (log_softmax of log-probabilities changes nothing), but it is computed twice, and {loss} on log-probabilities usually means NLLLoss was intended. Pass the logits, or use NLLLoss (F.nll_loss) on the log-probabilities.',
    },
    summary: 'CrossEntropyLoss applied to a softmax or log_softmax output: it applies log_softmax itself',
  },
  doc: {
    setting: 'CrossEntropyLoss is given softmax (or log_softmax) outputs instead of logits.',
    what: 'The input (first argument) of `nn.CrossEntropyLoss` or `F.cross_entropy` is the output of a softmax or a log_softmax: `F.softmax`, `torch.softmax`, `x.softmax(dim)`, `nn.Softmax(dim)(x)`, a `self.softmax = nn.Softmax(...)` layer, or a network whose `forward` (or `nn.Sequential`) ends in one, defined in the same file or imported from another file of the project — directly, through reshapes (`.view`, `.reshape`, `.resize`, `.permute`, `.to`…) and assignments in the same function, or through a function parameter (the loss, the network or the tensor) that every call of the function in the file gives the same value.',
    why: [
      '`CrossEntropyLoss` is `log_softmax` followed by `NLLLoss`: it expects raw scores (logits) and turns them into log-probabilities itself. Given probabilities, it applies a second softmax to numbers between 0 and 1, which are all within a factor of e of each other: every class keeps a large share of the probability, the loss can never fall below ln(1 + (C−1)/e) for C classes (1.46 for 10 classes instead of 0), and the gradients are squashed. Training does not crash; accuracy climbs slowly and the loss plateaus, which looks like a learning-rate problem.',
      'After a `log_softmax` the loss and its gradients are unchanged (log_softmax of log-probabilities is the identity), so that form is not a numerical bug: it computes log_softmax twice and usually means `NLLLoss`, which expects log-probabilities, was intended. The message says so.',
    ],
    wrong: `
import torch
import torch.nn.functional as F

criterion = torch.nn.CrossEntropyLoss()
for x, y in loader:
    logits = net(x)
    probs = F.softmax(logits, dim=1)
    loss = criterion(probs, y)
    acc = (probs.argmax(dim=1) == y).float().mean()
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
`,
    right: `
import torch
import torch.nn.functional as F

criterion = torch.nn.CrossEntropyLoss()
for x, y in loader:
    logits = net(x)
    probs = F.softmax(logits, dim=1)
    loss = criterion(logits, y)
    acc = (probs.argmax(dim=1) == y).float().mean()
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
`,
    fix: 'Pass the logits. The quick fix replaces the loss\'s argument by the softmax\'s input when that value is still at hand (the softmax stays for the metrics that use it), or removes the softmax from the assignment when the loss is the only reader of its result. When the softmax is the last layer of a network there is no automatic fix: return the logits from `forward` and apply the softmax where probabilities are needed (`argmax` does not need it).',
    silent: 'When the softmax output only feeds metrics (`argmax`, accuracy); for `NLLLoss` / `F.nll_loss` on a `log_softmax` output (the right pairing); when probabilities are the *target* (second argument: soft labels, distillation); when a name may hold logits on one path and probabilities on another; for a network whose `forward` returns probabilities on one branch only (`if self.training: return logits`); and for a loss or network that is a function parameter when the calls in the file pass different ones (CrossEntropyLoss here, NLLLoss there), or when the function may have callers the file does not show (it is passed on as a value, decorated, a method, or never called in the file).',
    suppress: '    loss = criterion(probs, y)  # noqa: OL009',
  },
  concerns: { loss: ['CrossEntropyLoss', 'NLLLoss'] },
  check(ctx, m) {
    const out: CheckFinding[] = [];
    for (const { feed, input } of fedLosses(ctx, 'CrossEntropyLoss', ['softmax', 'log_softmax'])) {
      const args = { loss: feed.callee, input: argText(input), activation: activationText(input.origin) };
      const message = input.origin.tag === 'log_softmax'
        ? m.variants.logSoftmax(args)
        : input.origin.how === 'network'
          ? m.variants.network({ ...args, network: input.origin.name })
          : m.main(args);
      out.push(feedFinding(input, feed, message));
    }
    return out;
  },
});
