import { parseToWebview, type AddMessage, type FromWebviewMessage, type InitMessage } from '../../src/protocol';

interface VsCodeApi {
  postMessage(message: FromWebviewMessage): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

/** A stand-in outside VS Code (component tests, a plain browser): messages go nowhere, state stays in memory. */
function memoryApi(): VsCodeApi {
  let state: unknown;
  return { postMessage: () => undefined, getState: () => state, setState: (next) => (state = next) };
}

/** The VS Code API, acquired once per page load as VS Code requires. */
export const host: VsCodeApi = typeof acquireVsCodeApi === 'function' ? acquireVsCodeApi() : memoryApi();

/**
 * Sends `ready` and resolves with the host's `init`. Anything else arriving is not part of the
 * protocol and is reported back to the host's log rather than acted on.
 */
export function handshake(target: Window = window): Promise<InitMessage> {
  return new Promise((resolve) => {
    const listener = (event: MessageEvent<unknown>) => {
      const message = parseToWebview(event.data);
      if (!message) {
        host.postMessage({ type: 'log', level: 'warn', text: `dropped a malformed message: ${String(JSON.stringify(event.data)).slice(0, 200)}` });
        return;
      }
      if (message.type === 'init') {
        target.removeEventListener('message', listener);
        resolve(message);
      }
    };
    target.addEventListener('message', listener);
    host.postMessage({ type: 'ready' });
  });
}

/**
 * Calls `listener` with each `add` message after the handshake (entries from the user's code), and
 * tells the host it listens: the host holds `add`s until then (see ListeningMessage). Returns the
 * unsubscribe function.
 */
export function onAdd(listener: (message: AddMessage) => void, target: Window = window, to: Pick<VsCodeApi, 'postMessage'> = host): () => void {
  const handler = (event: MessageEvent<unknown>) => {
    const message = parseToWebview(event.data);
    if (message?.type === 'add') listener(message);
  };
  target.addEventListener('message', handler);
  to.postMessage({ type: 'listening' });
  return () => target.removeEventListener('message', handler);
}

/** What an app needs of the VS Code API: `host` above, or a fake in component tests. */
export interface AppHost<Saved> {
  postMessage(message: FromWebviewMessage): void;
  setState(state: Saved): void;
}

/** Sends an error the app caught to the extension's log, with its stack when it has one. */
export function reportError(target: Pick<AppHost<unknown>, 'postMessage'>, error: unknown): void {
  const text = error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error);
  target.postMessage({ type: 'log', level: 'error', text });
}
