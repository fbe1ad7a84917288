import { jobParts, type JobView } from '../../model/job.js';
import { podsInStartOrder } from '../../model/logs.js';
import type { JobRec } from '../../model/types.js';
import { jobViewOf } from '../../model/views.js';
import { unknownReason } from '../../model/visibility.js';
import type { WorkloadKind } from '../types.js';
import { JOB_COLUMNS, JOB_SORTS } from './columns.js';
import { JOB_ACTIONS } from './commands.js';
import { jobDetail } from './detail.js';

export const jobs: WorkloadKind<JobView> = {
  view: 'jobs',
  kind: 'Job',
  short: 'job',
  title: 'Jobs',
  aliases: ['jobs', 'job'],
  lists: ['jobs', 'pods'],
  describeLists: ['events'],
  viewOf: (rec, snap, now) => jobViewOf(rec as JobRec, snap, now),
  columns: JOB_COLUMNS,
  sorts: JOB_SORTS,
  detail: (v, events, snap, now) => jobDetail(v, events, now, unknownReason(snap, 'events')),
  parts: jobParts,
  logPods: (v, snap) => {
    const pods = v.pods.flatMap((p) => snap.kinds.pods.get(p.uid) ?? []);
    return pods.length ? { title: `job/${v.name}`, pods: podsInStartOrder(pods) } : { problem: `job/${v.name} has no pods` };
  },
  actions: JOB_ACTIONS,
};
