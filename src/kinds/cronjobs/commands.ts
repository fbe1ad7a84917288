// CronJob actions: suspend/resume, and trigger now (the Job kubectl create job --from=cronjob/… makes).
import type { CronJobView } from '../../model/cronjob.js';
import { createJobAccess, triggerRequest } from '../../model/requests.js';
import { span, type Span } from '../cells.js';
import { suspendBindings } from '../suspend.js';
import type { KindBinding } from '../types.js';

function forbidWarning(v: CronJobView): Span[][] {
  return v.concurrencyPolicy === 'Forbid' && v.active > 0 ? [[span(`! concurrencyPolicy is Forbid and ${v.active} run(s) are still active: a manual run starts anyway`, 'warn')]] : [];
}

export const CRONJOB_BINDINGS: readonly KindBinding<CronJobView>[] = [
  ...suspendBindings<CronJobView>('cronjobs'),
  {
    id: 'cj.trigger',
    keys: ['t'],
    label: 'trigger',
    help: 'run now: the Job kubectl create job --from=cronjob/NAME makes',
    hint: true,
    access: (v) => createJobAccess(v.namespace),
    run: (v, ui) => {
      const lines: Span[][] = [[span(`Create a Job from cronjob/${v.name} now, as kubectl create job --from=cronjob/${v.name} does?`)], ...forbidWarning(v)];
      ui.confirm({
        title: 'trigger',
        lines,
        request: triggerRequest(v.namespace, v.name, ui.now()),
        summary: `trigger ${v.name}`,
        then: (job) => {
          const name = (job as { metadata?: { name?: string } } | undefined)?.metadata?.name;
          if (name) ui.select('jobs', name);
        },
      });
    },
    bulk: { plan: (v, ui) => ({ request: triggerRequest(v.namespace, v.name, ui.now()), summary: `trigger cronjob/${v.name}`, lines: forbidWarning(v) }) },
  },
];
