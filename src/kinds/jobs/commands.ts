// Job actions: suspend/resume, delete the Job, delete one of its pods.
import type { JobView } from '../../model/job.js';
import { deleteJobAccess, deleteJobRequest, deletePodAccess, deletePodRequest } from '../../model/requests.js';
import { span } from '../cells.js';
import { suspendBindings } from '../suspend.js';
import type { KindBinding } from '../types.js';

export const JOB_BINDINGS: readonly KindBinding<JobView>[] = [
  ...suspendBindings<JobView>('jobs'),
  {
    id: 'job.delete',
    keys: ['S-d'],
    label: 'delete',
    help: 'delete the Job and its pods (propagation Background)',
    hint: true,
    access: (v) => deleteJobAccess(v.namespace),
    run: (v, ui) =>
      ui.confirm({ title: 'delete job', lines: [[span(`Delete job/${v.name} and its pods (propagation Background)?`)]], request: deleteJobRequest(v.namespace, v.name), summary: `delete job ${v.name}` }),
    bulk: { plan: (v) => ({ request: deleteJobRequest(v.namespace, v.name), summary: `delete job/${v.name} and its pods`, lines: [] }) },
  },
  {
    id: 'job.deletePod',
    keys: ['x'],
    label: 'delete pod',
    help: 'delete one pod of the Job',
    access: (v) => deletePodAccess(v.namespace),
    disabledReason: (v) => (v.unknown.pods ? `pods not visible (${v.unknown.pods})` : v.pods.length > 0 ? null : 'no pod'),
    run: (v, ui) =>
      ui.pick(
        'delete which pod?',
        v.pods.map((p) => p.name),
        (pod) => ui.confirm({ title: 'delete pod', lines: [[span(`Delete pod ${pod} of job/${v.name}?`)]], request: deletePodRequest(v.namespace, pod), summary: `delete pod ${pod}` }),
      ),
  },
];
