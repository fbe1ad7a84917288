// The Events about an object and the objects it is made of (its pods, claims, Jobs), newest first.
import type { CronJobView } from './cronjob.js';
import type { JobView } from './job.js';
import { eventsByObject } from './lookup.js';
import type { StatefulSetView } from './statefulset.js';
import type { EventRec, Snapshot } from './types.js';

export function relatedEvents(snap: Snapshot, view: StatefulSetView | JobView | CronJobView): EventRec[] {
  const index = eventsByObject(snap.kinds.events);
  const ns = view.namespace;
  const keys = [`${view.kind}/${ns}/${view.name}`];
  if (view.kind === 'StatefulSet') {
    for (const r of view.rows) {
      if (r.pod) keys.push(`Pod/${ns}/${r.pod.name}`);
      for (const c of r.claims) if (c.phase !== 'Missing') keys.push(`PersistentVolumeClaim/${ns}/${c.name}`);
    }
  } else if (view.kind === 'Job') {
    for (const p of view.pods) keys.push(`Pod/${ns}/${p.name}`);
  } else {
    for (const r of view.history) keys.push(`Job/${ns}/${r.name}`);
  }
  return keys.flatMap((k) => index.get(k) ?? []).sort((a, b) => (b.last ?? 0) - (a.last ?? 0));
}
