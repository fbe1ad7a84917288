import { scalePreviewIn } from '../../model/scale.js';
import { statefulSetParts, type StatefulSetView } from '../../model/statefulset.js';
import type { StatefulSetRec } from '../../model/types.js';
import { statefulSetViewOf } from '../../model/views.js';
import { unknownReason } from '../../model/visibility.js';
import { statefulSetStorage } from '../../model/volumes.js';
import type { WorkloadKind } from '../types.js';
import { STATEFULSET_COLUMNS, STATEFULSET_SORTS } from './columns.js';
import { STATEFULSET_ACTIONS } from './commands.js';
import { previewSection, statefulSetDetail } from './detail.js';

export const statefulSets: WorkloadKind<StatefulSetView> = {
  view: 'statefulsets',
  kind: 'StatefulSet',
  short: 'sts',
  title: 'StatefulSets',
  aliases: ['statefulsets', 'statefulset', 'sts'],
  lists: ['statefulsets', 'pods', 'pvcs', 'services', 'nodes'],
  describeLists: ['hpas', 'events', 'pvs', 'storageclasses'],
  viewOf: (rec, snap, now) => statefulSetViewOf(rec as StatefulSetRec, snap, now),
  columns: STATEFULSET_COLUMNS,
  sorts: STATEFULSET_SORTS,
  detail: (v, events, snap, now) => statefulSetDetail(v, statefulSetStorage(v, snap), events, now, unknownReason(snap, 'events')),
  describeExtra: (v, snap) => {
    const previews = [v.replicas + 1, v.replicas - 1].filter((n) => n >= 0).map((n) => scalePreviewIn(snap, v, n));
    return { sections: [previewSection(previews)], json: { storage: statefulSetStorage(v, snap), scalePreviews: previews } };
  },
  parts: statefulSetParts,
  logPods: (v, snap) => {
    // Every ordinal's pod, its lines prefixed with the ordinal.
    const pods = v.rows.flatMap((r) => {
      const pod = r.pod && snap.kinds.pods.get(r.pod.uid);
      return pod ? [{ pod, label: String(r.ordinal) }] : [];
    });
    return pods.length ? { title: `sts/${v.name}`, pods } : { problem: `sts/${v.name} has no pods` };
  },
  logsMerged: true,
  actions: STATEFULSET_ACTIONS,
};
