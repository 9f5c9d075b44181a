/**
 * Colours, line styles, markers and names of the racers. The colours are Okabe & Ito's palette,
 * designed to stay apart for the common colour-vision deficiencies: SGD its vermillion ("red"),
 * Momentum orange, Adam bluish green, the others the rest in order of appearance. Colour is never
 * the only cue: the three roles also differ by line (SGD solid, Momentum dashed, Adam solid) and by
 * marker (square, triangle, circle), the others get diamonds, and past eight lines turn dashed.
 */
import { numberDuplicates } from '../shared/entryList';
import { OKABE_ITO } from '../shared/colors';
import { format } from '../shared/strings';
import { role, type Entry } from './entries';
import { formatNumber } from '../shared/numbers';

export type Marker = 'circle' | 'square' | 'triangle' | 'diamond';

export interface Look {
  readonly color: string;
  /** Canvas line dash; empty for a solid line. */
  readonly dash: readonly number[];
  readonly marker: Marker;
}

const MOMENTUM_DASH = [9, 5] as const;
const REPEAT_DASH = [6, 4] as const;

const RESERVED: Partial<Record<ReturnType<typeof role>, Omit<Look, 'marker'> & { marker: Marker }>> = {
  sgd: { color: OKABE_ITO.vermillion, dash: [], marker: 'square' },
  momentum: { color: OKABE_ITO.orange, dash: MOMENTUM_DASH, marker: 'triangle' },
  nesterov: { color: OKABE_ITO.orange, dash: MOMENTUM_DASH, marker: 'triangle' },
  adam: { color: OKABE_ITO.green, dash: [], marker: 'circle' },
};

const ORDER = [OKABE_ITO.skyBlue, OKABE_ITO.blue, OKABE_ITO.purple, OKABE_ITO.yellow, OKABE_ITO.grey, OKABE_ITO.vermillion, OKABE_ITO.orange, OKABE_ITO.green];

/**
 * A look per entry: each role's own look for the first panel entry of that role, then unused
 * palette colours, then dashed repeats. Entries from the user's code (and their rescaled twins)
 * never take a role's look, wherever they sit in the list: adding them leaves the seed's colours
 * as they were.
 */
export function assignLooks(entries: readonly Entry[]): Map<number, Look> {
  const looks = new Map<number, Look>();
  const used = new Set<string>();
  const pending: Entry[] = [];
  for (const entry of entries) {
    const own = entry.origin ? undefined : RESERVED[role(entry)];
    if (own && !used.has(own.color)) {
      used.add(own.color);
      looks.set(entry.id, own);
    }
  }
  for (const entry of entries) if (!looks.has(entry.id)) pending.push(entry);
  let round = 0;
  for (const entry of pending) {
    let color = ORDER.find((c) => !used.has(c));
    if (!color) {
      used.clear();
      round++;
      color = ORDER[0]!;
    }
    used.add(color);
    looks.set(entry.id, { color, dash: round > 0 ? REPEAT_DASH : [], marker: 'diamond' });
  }
  return looks;
}

/** The legend's and table's text glyph for a marker. */
export const MARKER_GLYPH: Readonly<Record<Marker, string>> = { circle: '●', square: '■', triangle: '▲', diamond: '◆' };

export interface NameStrings {
  readonly withMomentum: string;
  readonly withNesterov: string;
  /** "{0} lr={1} · {2}": class, lr, the place in the user's code. */
  readonly fromCode: string;
  /** "{0} lr={1} · {2}, rescaled to this surface": the twin of an entry from code. */
  readonly rescaledName: string;
}

/** "SGD", "SGD + momentum", "Adam": the name an entry shows without a label. */
export function autoName(entry: Entry, strings: Pick<NameStrings, 'withMomentum' | 'withNesterov'>): string {
  switch (role(entry)) {
    case 'momentum':
      return format(strings.withMomentum, entry.type);
    case 'nesterov':
      return format(strings.withNesterov, entry.type);
    default:
      return entry.type;
  }
}

function lrText(entry: Entry): string {
  const lr = (entry.valid ?? entry.raw).lr;
  return typeof lr === 'number' ? formatNumber(lr) : String(lr ?? '?');
}

/**
 * What an entry is called: for one from the user's code, what it is and where it comes from
 * ("AdamW lr=0.0003 · train.py:35"), so that it is never mistaken for a seed racer; otherwise the
 * label or the automatic name.
 */
function baseName(entry: Entry, strings: NameStrings): string {
  const label = entry.label.trim();
  if (entry.origin === 'code') return format(strings.fromCode, autoName(entry, strings), lrText(entry), label || '?');
  if (entry.origin === 'rescaled') return format(strings.rescaledName, autoName(entry, strings), lrText(entry), label || '?');
  return label || autoName(entry, strings);
}

/**
 * The names the legend, chart and table show, with the learning rate added where two would read
 * the same, and a number where even that does not tell them apart.
 */
export function displayNames(entries: readonly Entry[], strings: NameStrings): Map<number, string> {
  const base = new Map(entries.map((e) => [e.id, baseName(e, strings)]));
  const first = new Map<string, number>();
  for (const name of base.values()) first.set(name, (first.get(name) ?? 0) + 1);
  const withLr = new Map(
    entries.map((e) => {
      const name = base.get(e.id)!;
      if (first.get(name)! < 2 || e.origin) return [e.id, name];
      const lr = (e.valid ?? e.raw).lr;
      return [e.id, typeof lr === 'number' ? `${name} (lr=${formatNumber(lr)})` : name];
    }),
  );
  return numberDuplicates(withLr);
}
