/**
 * The panel links of a hover. The state a link carries is what "from your code" opens the panel
 * with (src/features/fromCode.ts), so a hover and the command agree; here is only the link itself.
 */
import { qualifiedId } from '../../shared/ids';

/** The commands a hover may run: the only ones its Markdown trusts. */
export const HOVER_COMMANDS = ['compareOptimizers', 'showLrSchedule', 'compareLosses'] as const;
export type HoverCommand = (typeof HOVER_COMMANDS)[number];

/** Their ids, for `MarkdownString.isTrusted.enabledCommands`. */
export const HOVER_COMMAND_IDS: readonly string[] = HOVER_COMMANDS.map((c) => qualifiedId(c));

/** `command:optimLens.<name>?<args>`: the command receives `state` as its one argument. */
export function commandLink(command: HoverCommand, state: object): string {
  // Also encoded: the characters encodeURIComponent leaves that end or confuse a Markdown link target.
  const args = encodeURIComponent(JSON.stringify([state])).replace(/[()'!*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `command:${qualifiedId(command)}?${args}`;
}
