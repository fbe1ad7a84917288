// The Events about a set of objects (keys "Kind/namespace/name"), newest first.
import { eventsByObject } from './lookup.js';
import type { EventRec, Snapshot } from './types.js';

export function relatedEvents(snap: Snapshot, keys: readonly string[]): EventRec[] {
  const index = eventsByObject(snap.kinds.events);
  return keys.flatMap((k) => index.get(k) ?? []).sort((a, b) => (b.last ?? 0) - (a.last ?? 0));
}
