// Suspend and resume, the same for Jobs and CronJobs: explicit targets, never a toggle.
import { suspendAccess, suspendRequest, type SuspendKind } from '../model/requests.js';
import { span } from './cells.js';
import { onePlan } from './plan.js';
import type { KindAction } from './types.js';

interface Suspendable {
  kind: 'Job' | 'CronJob';
  name: string;
  namespace: string;
  suspended: boolean;
  /** Another controller carries the Job out (spec.managedBy). */
  managedBy?: string | null;
}

export function suspendActions<V extends Suspendable>(resource: SuspendKind): KindAction<V>[] {
  const action = (suspend: boolean): KindAction<V> => {
    const verb = suspend ? 'suspend' : 'resume';
    const done = (v: V) => (suspend ? (v.suspended ? 'already suspended' : null) : v.suspended ? null : 'not suspended');
    return {
      id: verb,
      keys: [suspend ? 'z' : 'u'],
      label: verb,
      help: `${verb} (spec.suspend: ${suspend})`,
      hint: true,
      cli: { command: verb, usage: `kstate ${verb} cj|job NAME (or KIND -l SELECTOR | --all)` },
      access: (v) => suspendAccess(resource, v.namespace, v.name),
      disabledReason: done,
      done,
      plan: (v) => {
        const reason = done(v);
        if (reason) return { skip: reason };
        const object = `${v.kind.toLowerCase()}/${v.name}`;
        const elsewhere = v.managedBy ? [[span(`! managed by ${v.managedBy}: that controller, not the Job controller, stops or starts its pods`, 'warn')]] : [];
        return onePlan(verb, `${verb} ${v.name}`, [[span(`${suspend ? 'Suspend' : 'Resume'} ${object} (spec.suspend: ${suspend})?`)], ...elsewhere], {
          name: object,
          request: suspendRequest(resource, v.namespace, v.name, suspend),
          summary: `${verb} ${object}`,
        });
      },
      bulk: {},
    };
  };
  return [action(true), action(false)];
}
