import { chosenRun, cronJobParts, noRunReason, runPods, type CronJobView } from '../../model/cronjob.js';
import { podsInStartOrder } from '../../model/logs.js';
import type { CronJobRec } from '../../model/types.js';
import { cronJobViewOf } from '../../model/views.js';
import { unknownReason } from '../../model/visibility.js';
import type { WorkloadKind } from '../types.js';
import { CRONJOB_COLUMNS, CRONJOB_SORTS } from './columns.js';
import { CRONJOB_ACTIONS } from './commands.js';
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
  sorts: CRONJOB_SORTS,
  detail: (v, events, snap, now) => cronJobDetail(v, events, now, unknownReason(snap, 'events')),
  parts: cronJobParts,
  logPods: (v, snap, which) => {
    const run = chosenRun(v, which);
    if (!run) return { problem: noRunReason(v, which) };
    const pods = runPods(run, snap);
    if (!pods.length) return { problem: `job/${run.name} (${which === 'last' ? 'the last' : 'the last failed'} run of cronjob/${v.name}) has no pods left` };
    return { title: `cronjob/${v.name} ${which === 'last' ? 'last' : 'last failed'} run job/${run.name}`, pods: podsInStartOrder(pods) };
  },
  runs: { hidden: (v) => v.unknown.runs },
  actions: CRONJOB_ACTIONS,
};
