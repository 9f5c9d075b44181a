/**
 * The list of entries both panels edit (optimizers in a race, schedules in an overlay): the actions
 * on the list itself, the same in both, so each panel's reducer only handles what its entries hold.
 */

export interface ListEntry {
  /** Stable within a session: keys, colours and cached results follow it. */
  readonly id: number;
  readonly label: string;
  readonly visible: boolean;
}

export interface EntryList<E extends ListEntry> {
  readonly entries: readonly E[];
  readonly nextId: number;
}

export type EntryListAction =
  | { readonly type: 'remove'; readonly id: number }
  | { readonly type: 'duplicate'; readonly id: number }
  | { readonly type: 'toggle'; readonly id: number }
  | { readonly type: 'label'; readonly id: number; readonly label: string };

/** Labels are the user's text; capped so a pasted essay cannot bloat the saved state. */
const MAX_LABEL = 200;

type EntryOf<S extends EntryList<ListEntry>> = S['entries'][number];

export function mapEntry<S extends EntryList<ListEntry>>(state: S, id: number, edit: (entry: EntryOf<S>) => EntryOf<S>): S {
  return { ...state, entries: state.entries.map((e) => (e.id === id ? edit(e) : e)) };
}

/** Appends the entry `make` builds with the next id, unless the list is full. */
export function appendEntry<S extends EntryList<ListEntry>>(state: S, max: number, make: (id: number) => EntryOf<S>): S {
  if (state.entries.length >= max) return state;
  return { ...state, entries: [...state.entries, make(state.nextId)], nextId: state.nextId + 1 };
}

/**
 * Adds entries from the host (the user's code): one whose label equals a shown entry's replaces it
 * in place (same id, so its colour stays), the others are appended while there is room.
 */
export function mergeByLabel<S extends EntryList<ListEntry>>(state: S, incoming: readonly EntryOf<S>[], max: number): S {
  let entries = [...state.entries];
  let nextId = state.nextId;
  for (const entry of incoming) {
    const at = entry.label ? entries.findIndex((e) => e.label === entry.label) : -1;
    if (at >= 0) entries[at] = { ...entry, id: entries[at]!.id };
    else if (entries.length < max) entries = [...entries, { ...entry, id: nextId++ }];
  }
  return { ...state, entries, nextId };
}

export function reduceEntryList<S extends EntryList<ListEntry>>(state: S, action: EntryListAction, max: number): S {
  switch (action.type) {
    case 'remove':
      return { ...state, entries: state.entries.filter((e) => e.id !== action.id) };
    case 'duplicate': {
      const index = state.entries.findIndex((e) => e.id === action.id);
      if (index < 0 || state.entries.length >= max) return state;
      const copy = { ...state.entries[index]!, id: state.nextId };
      return { ...state, entries: [...state.entries.slice(0, index + 1), copy, ...state.entries.slice(index + 1)], nextId: state.nextId + 1 };
    }
    case 'toggle':
      return mapEntry(state, action.id, (e) => ({ ...e, visible: !e.visible }));
    case 'label':
      return mapEntry(state, action.id, (e) => ({ ...e, label: action.label.slice(0, MAX_LABEL) }));
  }
}

/** Legend names that read the same get `#1`, `#2`… in list order, so every entry can be told apart. */
export function numberDuplicates(names: ReadonlyMap<number, string>): Map<number, string> {
  const counts = new Map<string, number>();
  for (const name of names.values()) counts.set(name, (counts.get(name) ?? 0) + 1);
  const seen = new Map<string, number>();
  return new Map(
    [...names].map(([id, name]) => {
      if (counts.get(name)! < 2) return [id, name];
      const n = (seen.get(name) ?? 0) + 1;
      seen.set(name, n);
      return [id, `${name} #${n}`];
    }),
  );
}
