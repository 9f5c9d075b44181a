import { render } from 'preact';
import { OPTIMIZERS_STRING_KEYS } from '../../src/protocol';
import { handshake, host, onAdd, reportError } from '../shared/host';
import { readStrings } from '../shared/strings';
import '../shared/base.css';
import '../shared/controls.css';
import './optimizers.css';
import { App } from './App';
import { initialState, type SavedState } from './state';

const root = document.getElementById('app');
if (root) {
  handshake().then((init) => {
    const log = (text: string) => host.postMessage({ type: 'log', level: 'warn', text });
    const strings = readStrings(OPTIMIZERS_STRING_KEYS, init.strings, (key) => log(`missing string "${key}"`));
    // init.state (a reload, a hover link, the user's code) wins over what this webview saved; a
    // first open plays the seed demo once, unless the user asks for reduced motion.
    const reducedMotion = typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
    const { state, problems } = initialState(init.state, host.getState(), !reducedMotion);
    for (const problem of problems) log(`state: ${problem}`);
    const additions = (listener: (added: unknown) => void) => onAdd((message) => listener(message.state));
    render(<App strings={strings} initial={state} host={{ postMessage: (m) => host.postMessage(m), setState: (s: SavedState) => host.setState(s) }} additions={additions} />, root);
  })
    // A failure before the app's own error boundary mounts would otherwise be an unhandled
    // rejection inside the webview, seen by nobody: it goes to the extension's log instead.
    .catch((error: unknown) => reportError(host, error));
}
