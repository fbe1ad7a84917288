// Suspend and resume, the same for Jobs and CronJobs: explicit targets, never a toggle.
import { suspendAccess, suspendRequest, type SuspendKind } from '../model/requests.js';
import { span } from './cells.js';
import type { KindBinding } from './types.js';

interface Suspendable {
  kind: 'Job' | 'CronJob';
  name: string;
  namespace: string;
  suspended: boolean;
}

export function suspendBindings<V extends Suspendable>(resource: SuspendKind): KindBinding<V>[] {
  const binding = (suspend: boolean): KindBinding<V> => {
    const verb = suspend ? 'suspend' : 'resume';
    const disabledReason = (v: V) => (suspend ? (v.suspended ? 'already suspended' : null) : v.suspended ? null : 'not suspended');
    return {
      id: verb,
      keys: [suspend ? 'z' : 'u'],
      label: verb,
      help: `${verb} (spec.suspend: ${suspend})`,
      hint: true,
      access: (v) => suspendAccess(resource, v.namespace),
      disabledReason,
      run: (v, ui) =>
        ui.confirm({
          title: verb,
          lines: [[span(`${suspend ? 'Suspend' : 'Resume'} ${v.kind.toLowerCase()}/${v.name} (spec.suspend: ${suspend})?`)]],
          request: suspendRequest(resource, v.namespace, v.name, suspend),
          summary: `${verb} ${v.name}`,
        }),
      bulk: {
        plan: (v) => {
          const reason = disabledReason(v);
          return reason ? { skip: reason } : { request: suspendRequest(resource, v.namespace, v.name, suspend), summary: `${verb} ${v.kind.toLowerCase()}/${v.name}`, lines: [] };
        },
      },
    };
  };
  return [binding(true), binding(false)];
}
