// What the snapshot cannot show: a kind that is forbidden, still loading, failing or not listed is
// unknown, never empty. Derivations that read such a kind report the reason instead of a result.
import { RESOURCES } from './resources.js';
import type { KindName, Snapshot } from './types.js';

/** Why `kind` cannot be known in this snapshot, or null when it is (listed and synced). */
export function unknownReason(snap: Snapshot, kind: KindName): string | null {
  const { state, error } = snap.status[kind];
  const resource = RESOURCES[kind].resource;
  switch (state) {
    case 'synced':
      return null;
    case 'syncing':
      return `still loading ${resource}`;
    case 'unwatched':
      return `${resource} not listed`;
    case 'forbidden':
      return error ?? `forbidden: cannot list ${resource}`;
    case 'error':
      return error ?? `cannot list ${resource}`;
  }
}

export const known = (snap: Snapshot, kind: KindName): boolean => unknownReason(snap, kind) === null;

/** What a view could not derive, by what it is about ("claims", "pods"…), with the reason. */
export type Unknowns<K extends string> = Partial<Record<K, string>>;

/** The reasons that are not null, as a view's `unknown` field (empty when everything is known). */
export function unknowns<K extends string>(reasons: Record<K, string | null>): Unknowns<K> {
  return Object.fromEntries(Object.entries(reasons).filter(([, r]) => r !== null)) as Unknowns<K>;
}
