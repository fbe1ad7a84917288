// CronJob actions: suspend/resume, and trigger now (the Job kubectl create job --from=cronjob/… makes).
import type { CronJobView } from '../../model/cronjob.js';
import { createJobAccess, triggerRequest } from '../../model/requests.js';
import { span, type Span } from '../cells.js';
import { onePlan } from '../plan.js';
import { suspendActions } from '../suspend.js';
import type { KindAction } from '../types.js';

function forbidWarning(v: CronJobView): Span[][] {
  return v.concurrencyPolicy === 'Forbid' && v.active > 0 ? [[span(`! concurrencyPolicy is Forbid and ${v.active} run(s) are still active: a manual run starts anyway`, 'warn')]] : [];
}

export const CRONJOB_ACTIONS: readonly KindAction<CronJobView>[] = [
  ...suspendActions<CronJobView>('cronjobs'),
  {
    id: 'cj.trigger',
    keys: ['t'],
    label: 'trigger',
    help: 'run now: the Job kubectl create job --from=cronjob/NAME makes',
    hint: true,
    cli: { command: 'trigger', usage: 'kstate trigger cj NAME (or cj -l SELECTOR | --all)' },
    access: (v) => createJobAccess(v.namespace),
    plan: (v, at) =>
      onePlan(
        'trigger',
        `trigger ${v.name}`,
        [[span(`Create a Job from cronjob/${v.name} now, as kubectl create job --from=cronjob/${v.name} does?`)]],
        { name: `cronjob/${v.name}`, request: triggerRequest(v.namespace, v.name, at.now()), summary: `trigger cronjob/${v.name}`, lines: forbidWarning(v) },
        { reveal: 'jobs' },
      ),
    bulk: {},
  },
];
