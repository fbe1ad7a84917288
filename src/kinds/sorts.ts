// Sort keys: how a list can be ordered. Each kind defines its own next to its columns; this module
// holds the shared ones (name, age, status) and the one comparison every list uses.
import type { Health } from './cells.js';
import type { AnyView } from './types.js';

export interface SortKey<V> {
  id: string;
  /** The words in the list label: "↑ next run". */
  label: string;
  /** The value rows are ordered by; null (unknown, never) sorts last either way. */
  value(v: V, now: number): number | string | null;
}

/** The sort of one view: which key, which way. */
export interface SortState {
  key: string;
  reverse: boolean;
}

/** Worst first: what needs a look comes to the top. */
const HEALTH_RANK: Record<Health, number> = { bad: 0, progress: 1, ok: 2, gone: 3, none: 4 };

export const byName = <V extends AnyView>(): SortKey<V> => ({ id: 'name', label: 'name', value: (v) => `${v.namespace}/${v.name}` });
/** Youngest first. */
export const byAge = <V extends AnyView>(): SortKey<V> => ({ id: 'age', label: 'age', value: (v) => (v.created === null ? null : -v.created) });
export const byHealth = <V extends AnyView>(health: (v: V) => Health): SortKey<V> => ({ id: 'status', label: 'status', value: (v) => HEALTH_RANK[health(v)] });

/**
 * The indexes of `items` in the order of `key` (reversed if asked), stable: equal values keep their
 * order in `items` (namespace and name) in both directions; unknown values go last in both.
 */
export function sortOrder<V>(items: readonly V[], key: SortKey<V>, reverse: boolean, now: number): number[] {
  const values = items.map((v) => key.value(v, now));
  const sign = reverse ? -1 : 1;
  return items
    .map((_, i) => i)
    .sort((a, b) => {
      const x = values[a]!;
      const y = values[b]!;
      if (x === null || y === null) return x === y ? a - b : x === null ? 1 : -1;
      const c = x < y ? -1 : x > y ? 1 : 0;
      return c !== 0 ? sign * c : a - b;
    });
}
