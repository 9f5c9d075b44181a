/**
 * Viridis (matplotlib's default: perceptually uniform, readable in grey and with colour-vision
 * deficiencies) as a 256-entry RGB table interpolated from its nine evenly spaced stops.
 */
const VIRIDIS_STOPS = ['#440154', '#472c7a', '#3b518b', '#2c718e', '#21908d', '#27ad81', '#5cc863', '#aadc32', '#fde725'];

function hexToRgb(hex: string): [number, number, number] {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** `size` RGB triples (flat) sampled evenly from the stops, linearly in sRGB between neighbours. */
export function buildLut(stops: readonly string[], size = 256): Uint8Array {
  const rgb = stops.map(hexToRgb);
  const lut = new Uint8Array(size * 3);
  for (let i = 0; i < size; i++) {
    const pos = (i / (size - 1)) * (rgb.length - 1);
    const k = Math.min(Math.floor(pos), rgb.length - 2);
    const f = pos - k;
    for (let c = 0; c < 3; c++) lut[3 * i + c] = Math.round(rgb[k]![c]! * (1 - f) + rgb[k + 1]![c]! * f);
  }
  return lut;
}

export const VIRIDIS: Uint8Array = buildLut(VIRIDIS_STOPS);

/** The colour at t ∈ [0, 1] (clamped; NaN reads as 0) as [r, g, b]. */
export function colorAt(lut: Uint8Array, t: number): [number, number, number] {
  const size = lut.length / 3;
  const i = t > 0 ? Math.min(size - 1, Math.round(t * (size - 1))) : 0;
  return [lut[3 * i]!, lut[3 * i + 1]!, lut[3 * i + 2]!];
}

export function cssColorAt(lut: Uint8Array, t: number): string {
  const [r, g, b] = colorAt(lut, t);
  return `rgb(${r}, ${g}, ${b})`;
}
