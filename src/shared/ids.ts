/**
 * The one place the extension's id prefix is written. Command ids, the settings section and the
 * panels' view types are all `optimLens.<name>`; package.json repeats them (the manifest test
 * holds the two in step), and renaming the prefix means changing this file and the manifest only.
 * Pure, so the analyser's hover links, the host and the tests share it.
 */
export const ID_PREFIX = 'optimLens';

/** `optimLens.<name>`: a command id, a view type or a full setting key. */
export function qualifiedId<N extends string>(name: N): `${typeof ID_PREFIX}.${N}` {
  return `${ID_PREFIX}.${name}`;
}
