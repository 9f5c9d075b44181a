/**
 * OL010 sigmoid-into-logits-loss: BCEWithLogitsLoss (or F.binary_cross_entropy_with_logits) fed a
 * sigmoid output. The loss applies the sigmoid itself, so it sees sigmoid(sigmoid(x)), which
 * never leaves (0.5, 0.73): the loss cannot approach zero and the gradients shrink. Only the
 * input counts; a sigmoid-made target (soft labels) is what the loss expects there.
 */
import { defineRule, type CheckFinding } from './define';
import { activationText, argText, feedFinding, fedLosses } from './lossFeeds';

export const sigmoidIntoLogitsLoss = defineRule({
  code: 'OL010',
  name: 'sigmoid-into-logits-loss',
  severity: 'warning',
  messages: {
    main: '{loss} applies the sigmoid to its input itself, and {input} is already a sigmoid output ({activation}): the loss sees sigmoid(sigmoid(x)), which stays between 0.5 and 0.73, so it can never fall below 0.31 for a positive or 0.69 for a negative, and the gradients shrink. Pass the logits, the values before {activation}, or use BCELoss on the probabilities.',
    variants: {
      network: '{loss} applies the sigmoid to its input itself, and {input} comes from {network}, whose forward ends in a sigmoid ({activation}): the loss sees sigmoid(sigmoid(x)), which stays between 0.5 and 0.73, so it can never fall below 0.31 for a positive or 0.69 for a negative, and the gradients shrink. Return the logits from forward, or use BCELoss on the probabilities.',
    },
    summary: 'BCEWithLogitsLoss applied to a sigmoid output: it applies the sigmoid itself',
  },
  doc: {
    setting: 'BCEWithLogitsLoss is given sigmoid outputs instead of logits.',
    what: 'The input (first argument) of `nn.BCEWithLogitsLoss` or `F.binary_cross_entropy_with_logits` is the output of a sigmoid: `torch.sigmoid`, `F.sigmoid`, `x.sigmoid()`, `nn.Sigmoid()(x)`, a `self.sigmoid = nn.Sigmoid()` layer, or a network whose `forward` (or `nn.Sequential`) ends in one, defined in the same file or imported from another file of the project — directly, through reshapes and assignments in the same function, or through a function parameter (the loss, the network or the tensor) that every call of the function in the file gives the same value.',
    why: '`BCEWithLogitsLoss` is a sigmoid followed by `BCELoss`, computed together for numerical stability: it expects logits. Given probabilities (numbers in (0, 1)) it applies a second sigmoid, whose output stays between 0.5 and 0.73. The loss can then never fall below −ln 0.73 ≈ 0.31 for a positive example or ln 2 ≈ 0.69 for a negative one, the gradients are scaled down by the first sigmoid\'s slope, and the classifier drifts towards predicting everything positive. Training runs without an error.',
    wrong: `
import torch

criterion = torch.nn.BCEWithLogitsLoss()
for x, y in loader:
    probs = torch.sigmoid(net(x))
    loss = criterion(probs, y)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
`,
    right: `
import torch

criterion = torch.nn.BCEWithLogitsLoss()
for x, y in loader:
    logits = net(x)
    loss = criterion(logits, y)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
`,
    fix: 'Pass the logits. The quick fix replaces the loss\'s argument by the sigmoid\'s input when that value is still at hand (the sigmoid stays for the metrics that use it), or removes the sigmoid from the assignment when the loss is the only reader of its result. When the sigmoid is the last layer of a network there is no automatic fix: return the logits from `forward`, or keep the sigmoid and use `BCELoss`.',
    silent: 'For `BCELoss` / `F.binary_cross_entropy` on a sigmoid output (the right pairing); when the sigmoid output is the *target* (second argument, soft labels); when the sigmoid output only feeds metrics or thresholds; when a name may hold logits on one path and probabilities on another; for a network whose `forward` applies the sigmoid on one branch only; and for a loss or network that is a function parameter when the calls in the file pass different ones, or when the function may have callers the file does not show (passed on as a value, decorated, a method, never called in the file). A loss chosen in an `if`/`else` (`BCEWithLogitsLoss` for one class, `CrossEntropyLoss` otherwise) is not known either: the condition is not evaluated.',
    suppress: '    loss = criterion(probs, y)  # noqa: OL010',
  },
  concerns: { loss: ['BCEWithLogitsLoss', 'BCELoss'] },
  check(ctx, m) {
    const out: CheckFinding[] = [];
    for (const { feed, input } of fedLosses(ctx, 'BCEWithLogitsLoss', ['sigmoid'])) {
      const args = { loss: feed.callee, input: argText(input), activation: activationText(input.origin) };
      out.push(feedFinding(input, feed, input.origin.how === 'network' ? m.variants.network({ ...args, network: input.origin.name }) : m.main(args)));
    }
    return out;
  },
});
