/**
 * Measures of a trajectory that the chapter's sentences are about, computed from the points and
 * losses `optim-lens simulate` prints: nothing here knows which optimizer made the path.
 */
export type Path = readonly (readonly [number, number] | null)[];

/** How often the coordinate `axis` changes sign from one point to the next (a zig-zag across that axis). */
export function signChanges(points: Path, axis: 0 | 1): number {
  let count = 0;
  for (let k = 1; k < points.length; k++) {
    const a = points[k - 1]?.[axis];
    const b = points[k]?.[axis];
    if (a !== undefined && b !== undefined && a * b < 0) count++;
  }
  return count;
}

/** Path length over the straight-line distance from the first point to the last: 1 for a straight walk. */
export function straightness(points: Path): number {
  const finite = points.filter((p): p is readonly [number, number] => p !== null);
  let length = 0;
  for (let k = 1; k < finite.length; k++) length += Math.hypot(finite[k]![0] - finite[k - 1]![0], finite[k]![1] - finite[k - 1]![1]);
  const first = finite[0]!;
  const last = finite.at(-1)!;
  return length / Math.hypot(last[0] - first[0], last[1] - first[1]);
}

/** The first step whose loss is below `tolerance`; Infinity when none is. */
export function stepsTo(losses: readonly (number | null)[], tolerance: number): number {
  const k = losses.findIndex((l) => l !== null && l < tolerance);
  return k < 0 ? Infinity : k;
}

/** The final loss; Infinity for a run that overflowed. */
export function finalLoss(losses: readonly (number | null)[]): number {
  return losses.at(-1) ?? Infinity;
}
