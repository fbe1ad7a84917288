// The live model follows the truth: an object deleted while shown, a StatefulSet recreated under
// the same name (new uid), a namespace deleted while watched.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../../src/kube/config.js';
import { Store } from '../../src/kube/store.js';
import { statefulSetViews } from '../../src/model/views.js';
import { apply, freshNamespace, hasCluster, kubeconfig, kubectl, waitFor } from './helpers.js';
import { statefulSetManifest } from './manifests.js';

const STS = (replicas: number) => statefulSetManifest('app', { replicas, service: false });

describe.skipIf(!hasCluster)('views follow the truth', () => {
  let ns: string;
  let cleanup: () => Promise<void>;
  let store: Store;
  beforeAll(async () => {
    ({ name: ns, cleanup } = await freshNamespace('truth'));
    store = new Store(connect({ kubeconfig: kubeconfig!, namespace: ns }).endpoint, { namespace: ns, coalesceMs: 20 });
    store.start();
    await store.whenSettled();
  });
  afterAll(async () => {
    await store?.stop();
    await cleanup?.();
  });

  const view = () => statefulSetViews(store.snapshot(), Date.now())[0];

  it('shows a recreated StatefulSet as the new object, never a mix of both', async () => {
    await apply(ns, STS(2));
    const first = await waitFor('app ready', async () => view()?.ready === 2 && view());
    await kubectl(['delete', 'sts', 'app', '-n', ns, '--cascade=orphan']);
    await waitFor('app gone', async () => view() === undefined);
    await apply(ns, STS(1));
    const second = await waitFor('app recreated', async () => {
      const v = view();
      return v && v.uid !== first.uid && v;
    });
    expect(second.replicas).toBe(1);
    expect(store.snapshot().kinds.statefulsets.size).toBe(1);
    // The orphaned pods are adopted by the new StatefulSet, which then removes app-1 (above its one
    // replica): the view ends with ordinal 0 alone, and no row is left from the old object.
    const settled = await waitFor('surplus app-1 removed', async () => {
      const v = view();
      return v && v.rows.map((r) => r.ordinal).join(',') === '0' && v;
    });
    expect(settled.uid).toBe(second.uid);
    expect(settled.rows[0]!.pod?.status).not.toBe('Terminating');
  });

  it('empties when the namespace is deleted while watched', async () => {
    await kubectl(['delete', 'namespace', ns, '--wait=false']);
    await waitFor('nothing left', async () => {
      const s = store.snapshot();
      return s.kinds.statefulsets.size === 0 && s.kinds.pods.size === 0;
    }, 120_000);
  });
});
