/**
 * What the loss-input rules share: the loss calls the model found fed an activation's output, and
 * how a finding names the loss, the value and where the activation was applied.
 */
import type { Fed, LossFeed, Origin, Produced } from '../model';
import type { Message } from '../types';
import type { RawFix, RawRelated } from './common';
import type { CheckFinding } from './define';
import type { RuleContext } from './common';
import { abs, siteText } from './common';
import { bypassActivation } from './fixes';
import { message } from './messages';

/** The loss calls whose input is one of `tags`, with that input. */
export function fedLosses(ctx: RuleContext, loss: LossFeed['loss'], tags: readonly Produced[]): { feed: LossFeed; input: Fed }[] {
  const out: { feed: LossFeed; input: Fed }[] = [];
  for (const feed of ctx.model.lossFeeds) {
    if (feed.loss === loss && feed.input && tags.includes(feed.input.origin.tag)) out.push({ feed, input: feed.input });
  }
  return out;
}

/** The activation as the messages name it: `F.softmax`, `.softmax()`, `nn.Softmax`, `Net.forward`. */
export function activationText(origin: Origin): string {
  return origin.how === 'network' ? `${origin.name}.forward` : origin.name;
}

/**
 * A finding on the loss's input argument, pointing at where the activation is applied, with the fix
 * that passes the activation's input instead when that is safe.
 */
export function feedFinding(input: Fed, feed: LossFeed, msg: Message): CheckFinding {
  const activation = activationText(input.origin);
  const fix: RawFix | null = bypassActivation(input, message('fixPassLogits', { activation, loss: feed.callee }));
  const related: RawRelated[] = [{ ...abs(input.origin.site), message: message('activationApplied', { activation }) }];
  return { ...abs(input.arg), message: msg, related, fixes: fix ? [fix] : [] };
}

/** The argument's text, for messages. */
export function argText(input: Fed): string {
  return siteText(input.arg);
}
