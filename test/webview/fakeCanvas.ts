/**
 * A 2-D canvas context that records what is drawn (happy-dom has no canvas): every method call is
 * logged with its arguments, every property write is kept. Enough for the drawing code to run and
 * for tests to count paths, strokes and colours.
 */
import type { CanvasBackend } from '../../webview/optimizers/SurfaceView';

export interface Recorded {
  readonly calls: { name: string; args: unknown[]; state: Record<string, unknown> }[];
}

export function recordingContext(): CanvasRenderingContext2D & Recorded {
  const calls: Recorded['calls'] = [];
  const state: Record<string, unknown> = {};
  const target = {
    calls,
    createImageData: (w: number, h: number) => ({ width: w, height: h, data: new Uint8ClampedArray(w * h * 4) }),
    measureText: (text: string) => ({ width: text.length * 6 }),
  } as Record<string, unknown>;
  return new Proxy(target, {
    get(obj, key: string) {
      if (key in obj) return obj[key];
      if (key in state) return state[key];
      return (...args: unknown[]) => {
        calls.push({ name: key, args, state: { ...state } });
      };
    },
    set(_obj, key: string, value) {
      state[key] = value;
      return true;
    },
  }) as unknown as CanvasRenderingContext2D & Recorded;
}

/** A canvas backend whose contexts record; `contexts` lists them in creation order. */
export function recordingBackend(): CanvasBackend & { contexts: Map<HTMLCanvasElement, CanvasRenderingContext2D & Recorded> } {
  const contexts = new Map<HTMLCanvasElement, CanvasRenderingContext2D & Recorded>();
  return {
    contexts,
    context(canvas) {
      let ctx = contexts.get(canvas);
      if (!ctx) contexts.set(canvas, (ctx = recordingContext()));
      return ctx;
    },
    create(width, height) {
      const canvas = document.createElement('canvas');
      canvas.width = width;
      canvas.height = height;
      return canvas;
    },
  };
}
