/**
 * The Compare Optimizers panel inside Chromium (bundled by bench/cases/optimizers-panel.ts): the
 * real app, with its CSS, mounted from nothing until its loss surface is on screen — what a user
 * waits for after running the command, less VS Code's own webview start-up.
 */
import { h, render } from 'preact';
import { OPTIMIZERS_STRING_KEYS, type OptimizersStrings } from '../../src/protocol';
import { App } from '../../webview/optimizers/App';
import { defaultState } from '../../webview/optimizers/state';
import '../../webview/shared/base.css';
import '../../webview/shared/controls.css';
import '../../webview/optimizers/optimizers.css';

// The page is a browser, but the root tsconfig (which checks bench/) has no DOM library.
interface Canvas { readonly width: number; readonly height: number; getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> } } | null }
declare const document: { createElement(tag: 'div'): unknown; body: { appendChild(node: unknown): void } };
declare const window: { bench?: Record<string, () => number | Promise<number>> };
declare function requestAnimationFrame(callback: () => void): number;
declare const performance: { now(): number };

const strings = Object.fromEntries(OPTIMIZERS_STRING_KEYS.map((key) => [key, key])) as unknown as OptimizersStrings;
const host = { postMessage: () => undefined, setState: () => undefined };
const root = document.createElement('div') as { style: { cssText: string }; querySelector(s: string): Canvas | null };
root.style.cssText = 'width: 1200px; height: 850px';
document.body.appendChild(root);

/** The surface's centre pixel is painted (the base layer is drawn after mount, once its size is known). */
function painted(): boolean {
  const canvas = root.querySelector('canvas.surface-base');
  if (!canvas || canvas.width === 0) return false;
  const pixel = canvas.getContext('2d')?.getImageData(Math.floor(canvas.width / 2), Math.floor(canvas.height / 2), 1, 1).data;
  return (pixel?.[3] ?? 0) === 255;
}

window.bench = {
  noop: () => 0,
  firstFrame: async () => {
    render(null, root as never);
    const start = performance.now();
    render(h(App, { strings, initial: defaultState(), host }), root as never);
    while (!painted()) await new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
    return performance.now() - start;
  },
};
