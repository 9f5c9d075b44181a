/**
 * VS Code's theme as a canvas sees it. Webviews get the theme as `--vscode-*` CSS variables on
 * <html> and a `vscode-light | vscode-dark | vscode-high-contrast(-light)` class on <body>; canvas
 * code cannot use `var(...)`, so it reads the values and must read them again when either changes.
 */
import { useEffect, useState } from 'preact/hooks';

export type ThemeKind = 'light' | 'dark' | 'high-contrast' | 'high-contrast-light';

export function themeKind(body: HTMLElement = document.body): ThemeKind {
  const list = body.classList;
  if (list.contains('vscode-high-contrast-light')) return 'high-contrast-light';
  if (list.contains('vscode-high-contrast')) return 'high-contrast';
  if (list.contains('vscode-light')) return 'light';
  return 'dark';
}

/** The value of a CSS custom property on <body> (which inherits <html>'s), or `fallback` when unset. */
export function cssVar(name: string, fallback: string): string {
  if (typeof document === 'undefined' || !document.body) return fallback;
  const value = getComputedStyle(document.body).getPropertyValue(name).trim();
  return value || fallback;
}

/**
 * `color` with its alpha multiplied by `alpha`, for canvas strokes: accepts #rgb, #rgba, #rrggbb,
 * #rrggbbaa and rgb()/rgba(); anything else comes back unchanged (opaque).
 */
export function withAlpha(color: string, alpha: number): string {
  const rgba = parseColor(color);
  if (!rgba) return color;
  const [r, g, b, a] = rgba;
  return `rgba(${r}, ${g}, ${b}, ${round3(a * alpha)})`;
}

/** [r, g, b, a] with r, g, b in 0…255 and a in 0…1, or undefined for a colour this cannot read. */
export function parseColor(color: string): [number, number, number, number] | undefined {
  const text = color.trim();
  const hex = /^#([0-9a-f]{3,8})$/i.exec(text)?.[1];
  if (hex && hex.length !== 5 && hex.length !== 7) {
    const wide = hex.length <= 4 ? [...hex].map((c) => c + c).join('') : hex;
    const n = (i: number) => parseInt(wide.slice(2 * i, 2 * i + 2), 16);
    return [n(0), n(1), n(2), wide.length === 8 ? round3(n(3) / 255) : 1];
  }
  const fn = /^rgba?\(([^)]*)\)$/i.exec(text)?.[1];
  if (fn) {
    const parts = fn.split(/[\s,/]+/).filter(Boolean).map(Number);
    if (parts.length >= 3 && parts.every(Number.isFinite)) return [parts[0]!, parts[1]!, parts[2]!, parts[3] ?? 1];
  }
  return undefined;
}

/** Relative luminance (WCAG) of a colour, 0 (black) … 1 (white); 0 when unreadable. */
export function luminance(color: string): number {
  const rgba = parseColor(color);
  if (!rgba) return 0;
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(rgba[0]) + 0.7152 * lin(rgba[1]) + 0.0722 * lin(rgba[2]);
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/**
 * A number that changes whenever the theme does (a class change on <body>, a style change on
 * <html>), so components can list it as a dependency of whatever reads `cssVar`.
 */
export function useThemeVersion(): number {
  const [version, setVersion] = useState(0);
  useEffect(() => {
    if (typeof MutationObserver === 'undefined') return;
    let frame = 0;
    const bump = () => {
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        setVersion((v) => v + 1);
      });
    };
    const observer = new MutationObserver(bump);
    observer.observe(document.body, { attributes: true, attributeFilter: ['class'] });
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['style', 'class'] });
    return () => {
      observer.disconnect();
      if (frame) cancelAnimationFrame(frame);
    };
  }, []);
  return version;
}
