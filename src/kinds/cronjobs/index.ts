import { cronJobParts, cronJobPods, type CronJobView } from '../../model/cronjob.js';
import type { CronJobRec } from '../../model/types.js';
import { cronJobViewOf } from '../../model/views.js';
import { unknownReason } from '../../model/visibility.js';
import type { WorkloadKind } from '../types.js';
import { CRONJOB_COLUMNS } from './columns.js';
import { CRONJOB_BINDINGS } from './commands.js';
import { cronJobDetail } from './detail.js';

export const cronJobs: WorkloadKind<CronJobView> = {
  view: 'cronjobs',
  kind: 'CronJob',
  short: 'cronjob',
  title: 'CronJobs',
  aliases: ['cronjobs', 'cronjob', 'cj'],
  lists: ['cronjobs', 'jobs'],
  describeLists: ['events', 'pods'],
  viewOf: (rec, snap, now) => cronJobViewOf(rec as CronJobRec, snap, now),
  columns: CRONJOB_COLUMNS,
  detail: (v, events, snap, now) => cronJobDetail(v, events, now, unknownReason(snap, 'events')),
  parts: cronJobParts,
  pods: cronJobPods,
  bindings: CRONJOB_BINDINGS,
};
