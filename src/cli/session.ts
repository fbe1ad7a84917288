// One-shot access for the non-interactive commands: connect, list what is needed (through the same
// store the dashboard uses), and hand back one snapshot.
import { connect } from '../kube/credentials.js';
import type { Connection } from '../kube/endpoint.js';
import { UsageError } from '../kube/errors.js';
import { Store } from '../kube/store.js';
import type { KindName, Snapshot } from '../model/types.js';
import type { Args } from './args.js';

export function connectFrom(args: Args): Promise<Connection> {
  return connect({ kubeconfig: args.kubeconfig, context: args.context, namespace: args.namespace, allNamespaces: args.allNamespaces });
}

/**
 * Lists `kinds` once. Fails with one line if a `required` kind cannot be listed; any other that
 * cannot is left empty with its status saying why, and what is derived from it is unknown.
 */
export async function loadSnapshot(conn: Connection, kinds: readonly KindName[], required: readonly KindName[]): Promise<Snapshot> {
  const store = new Store(conn.endpoint, { namespace: conn.namespace, kinds, coalesceMs: 0 });
  store.start();
  try {
    const snap = await store.whenSettled();
    for (const k of required) {
      const status = snap.status[k];
      if (status.state !== 'synced') throw new UsageError(status.error ?? `could not list ${k}`);
    }
    return snap;
  } finally {
    await store.stop();
  }
}
