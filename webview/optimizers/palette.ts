/**
 * Colours and names of the racers. The colours are Okabe & Ito's palette, designed to stay apart
 * for the common colour-vision deficiencies: SGD its vermillion ("red"), Momentum orange, Adam
 * bluish green, the others the rest in order of appearance; past eight, lines turn dashed.
 */
import { numberDuplicates } from '../shared/entryList';
import { OKABE_ITO } from '../shared/colors';
import { format } from '../shared/strings';
import { role, type Entry } from './entries';
import { formatNumber } from '../shared/numbers';


const RESERVED: Partial<Record<ReturnType<typeof role>, string>> = {
  sgd: OKABE_ITO.vermillion,
  momentum: OKABE_ITO.orange,
  nesterov: OKABE_ITO.orange,
  adam: OKABE_ITO.green,
};

const ORDER = [OKABE_ITO.skyBlue, OKABE_ITO.blue, OKABE_ITO.purple, OKABE_ITO.yellow, OKABE_ITO.grey, OKABE_ITO.vermillion, OKABE_ITO.orange, OKABE_ITO.green];

export interface Look {
  readonly color: string;
  /** Canvas line dash; empty for a solid line. */
  readonly dash: readonly number[];
}

/** A colour per entry: each role's own colour for its first entry, then unused palette colours, then dashed repeats. */
export function assignLooks(entries: readonly Entry[]): Map<number, Look> {
  const looks = new Map<number, Look>();
  const used = new Set<string>();
  const pending: Entry[] = [];
  for (const entry of entries) {
    const own = RESERVED[role(entry)];
    if (own && !used.has(own)) {
      used.add(own);
      looks.set(entry.id, { color: own, dash: [] });
    } else pending.push(entry);
  }
  let round = 0;
  for (const entry of pending) {
    let color = ORDER.find((c) => !used.has(c));
    if (!color) {
      used.clear();
      round++;
      color = ORDER[0]!;
    }
    used.add(color);
    looks.set(entry.id, { color, dash: round > 0 ? [6, 4] : [] });
  }
  return looks;
}

export interface NameStrings {
  readonly withMomentum: string;
  readonly withNesterov: string;
}

/** "SGD", "SGD + momentum", "Adam": the name an entry shows without a label. */
export function autoName(entry: Entry, strings: NameStrings): string {
  switch (role(entry)) {
    case 'momentum':
      return format(strings.withMomentum, entry.type);
    case 'nesterov':
      return format(strings.withNesterov, entry.type);
    default:
      return entry.type;
  }
}

/**
 * The names the legend, chart and table show: the label or the automatic name, with the learning
 * rate added where two would read the same, and a number where even that does not tell them apart.
 */
export function displayNames(entries: readonly Entry[], strings: NameStrings): Map<number, string> {
  const base = new Map(entries.map((e) => [e.id, e.label.trim() || autoName(e, strings)]));
  const first = new Map<string, number>();
  for (const name of base.values()) first.set(name, (first.get(name) ?? 0) + 1);
  const withLr = new Map(
    entries.map((e) => {
      const name = base.get(e.id)!;
      if (first.get(name)! < 2) return [e.id, name];
      const lr = (e.valid ?? e.raw).lr;
      return [e.id, typeof lr === 'number' ? `${name} (lr=${formatNumber(lr)})` : name];
    }),
  );
  return numberDuplicates(withLr);
}
