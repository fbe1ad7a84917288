// Job actions: suspend/resume, delete the Job, delete one of its pods.
import type { JobView } from '../../model/job.js';
import { rerunName } from '../../model/patches.js';
import { createJobAccess, deleteJobAccess, deleteJobRequest, deletePodRequest, rerunRequest } from '../../model/requests.js';
import { span } from '../cells.js';
import { onePlan } from '../plan.js';
import { suspendActions } from '../suspend.js';
import type { KindAction } from '../types.js';

export const JOB_ACTIONS: readonly KindAction<JobView>[] = [
  ...suspendActions<JobView>('jobs'),
  {
    id: 'job.delete',
    keys: ['S-d'],
    label: 'delete',
    help: 'delete the Job and its pods (propagation Background)',
    hint: true,
    cli: { command: 'delete', usage: 'kstate delete job NAME' },
    access: (v) => deleteJobAccess(v.namespace, v.name),
    plan: (v) =>
      onePlan('delete job', `delete job ${v.name}`, [[span(`Delete job/${v.name} and its pods (propagation Background)?`)]], {
        name: `job/${v.name}`,
        request: deleteJobRequest(v.namespace, v.name),
        summary: `delete job/${v.name} and its pods`,
      }),
    bulk: {},
  },
  {
    id: 'job.rerun',
    keys: ['R'],
    label: 're-run',
    help: 'run a finished Job again: a new Job <name>-rerun-<n> from its spec (kept CronJob owner)',
    cli: { command: 'rerun', usage: 'kstate rerun job NAME' },
    access: (v) => createJobAccess(v.namespace),
    disabledReason: (v) => (v.finished === null ? `job/${v.name} has not finished (${v.status})` : null),
    plan: (v, at) => {
      if (v.finished === null) return { skip: `job/${v.name} has not finished (${v.status})` };
      const names = [...at.snapshot().kinds.jobs.values()].filter((j) => j.namespace === v.namespace).map((j) => j.name);
      const name = rerunName(v.name, names);
      const owner = v.cronJob ? `, owned by cronjob/${v.cronJob} as its runs are` : '';
      return onePlan(
        're-run',
        `re-run ${v.name}`,
        [[span(`Create job/${name} from the spec of job/${v.name} (${v.status}), without its controller-generated selector and labels${owner}?`)]],
        { name: `job/${v.name}`, request: rerunRequest(v.namespace, v.name, name), summary: `re-run job/${v.name} as job/${name}` },
      );
    },
    bulk: {},
  },
  {
    id: 'job.deletePod',
    keys: ['x'],
    label: 'delete pod',
    help: 'delete one pod of the Job',
    cli: { command: 'delete-pod', usage: 'kstate delete-pod job NAME POD' },
    access: () => null,
    disabledReason: (v) => (v.unknown.pods ? `pods not visible (${v.unknown.pods})` : v.pods.length > 0 ? null : 'no pod'),
    ask: [{ kind: 'pick', title: 'delete which pod?', items: (v) => v.pods.map((p) => p.name) }],
    plan: (v, _at, [pod]) =>
      !pod || !v.pods.some((p) => p.name === pod)
        ? { skip: `no pod ${pod ?? ''} in job/${v.name}` }
        : onePlan('delete pod', `delete pod ${pod}`, [[span(`Delete pod ${pod} of job/${v.name}?`)]], { name: `pod/${pod}`, request: deletePodRequest(v.namespace, pod), summary: `delete pod ${pod}` }),
  },
];
