import { render } from 'preact';
import { LOSSES_STRING_KEYS } from '../../src/protocol';
import { handshake, host, reportError } from '../shared/host';
import { readStrings } from '../shared/strings';
import '../shared/base.css';
import '../shared/controls.css';
import './losses.css';
import { App } from './App';
import { initialSettings, type SavedState } from './state';

const root = document.getElementById('app');
if (root) {
  handshake()
    .then((init) => {
      const log = (text: string) => host.postMessage({ type: 'log', level: 'warn', text });
      const strings = readStrings(LOSSES_STRING_KEYS, init.strings, (key) => log(`missing string "${key}"`));
      // init.state (a hover link) wins over what this webview saved, field by field.
      const { settings, problems } = initialSettings(init.state, host.getState());
      for (const problem of problems) log(`state: ${problem}`);
      render(<App strings={strings} initial={settings} host={{ postMessage: (m) => host.postMessage(m), setState: (s: SavedState) => host.setState(s) }} />, root);
    })
    // A failure before the app's own error boundaries mount would otherwise be an unhandled
    // rejection inside the webview, seen by nobody: it goes to the extension's log instead.
    .catch((error: unknown) => reportError(host, error));
}
