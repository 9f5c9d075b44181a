import type { UiStrings } from '../../src/protocol';

/** Shown until a panel's own app lands: proves the whole pipeline (CSP, bundle, handshake, strings). */
export function Placeholder({ strings }: { strings: UiStrings }) {
  return (
    <main data-testid="panel-root" class="placeholder">
      <h1>{strings.title}</h1>
      <p>{strings.placeholder}</p>
    </main>
  );
}
