// The dashboard draws as soon as a kind is listed, before the others are: every snapshot the store
// publishes on the way — whatever order the lists come back in — states nothing about a kind it has
// not listed yet. Checked on each snapshot through the columns `get` and the dashboard both draw.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listColumns } from '../../src/kinds/columns.js';
import { statefulSets } from '../../src/kinds/statefulsets/index.js';
import { connect } from '../../src/kube/config.js';
import { Store } from '../../src/kube/store.js';
import type { StatefulSetRec } from '../../src/model/types.js';
import { known } from '../../src/model/visibility.js';
import { apply, freshNamespace, hasCluster, kubeconfig, kubectlJson, waitFor } from './helpers.js';
import { statefulSetManifest } from './manifests.js';

describe.skipIf(!hasCluster)('frames before every list has returned', () => {
  let ns: string;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ name: ns, cleanup } = await freshNamespace('first'));
    await apply(ns, statefulSetManifest('db', { replicas: 2, claims: { data: '1Gi' } }));
    await waitFor('db ready with its claims', async () => (await kubectlJson(['get', 'sts', 'db', '-n', ns])).status?.readyReplicas === 2, 120_000);
  });
  afterAll(async () => cleanup?.());

  it('shows what is still loading as unknown, in every snapshot until it is listed', async () => {
    const columns = listColumns(statefulSets, { allNamespaces: false, wide: true });
    const seen: Record<string, string>[] = [];
    // Several times: the lists come back in whatever order the server answers them.
    for (let round = 0; round < 5; round++) {
      // As the dashboard does: the StatefulSets first, the rest once they are in.
      const store = new Store(connect({ kubeconfig: kubeconfig! }).endpoint, { namespace: ns, coalesceMs: 0, first: ['statefulsets'] });
      const check = () => {
        const snap = store.snapshot();
        for (const rec of snap.kinds.statefulsets.values()) {
          const v = statefulSets.viewOf(rec as StatefulSetRec, snap, Date.now());
          const cells = Object.fromEntries(columns.map((c) => [c.title, c.cell(v, Date.now()).text]));
          seen.push({ pods: String(known(snap, 'pods')), pvcs: String(known(snap, 'pvcs')), services: String(known(snap, 'services')), ...cells });
        }
      };
      store.on('change', check);
      store.start();
      await store.whenSettled();
      check();
      await store.stop();
    }
    const before = (kind: 'pods' | 'pvcs' | 'services') => seen.filter((s) => s[kind] === 'false');
    for (const s of before('pods')) expect(s.BLOCKED).toBe('?');
    for (const s of before('pvcs')) expect(s.CLAIMS).toBe('?');
    for (const s of before('services')) expect(s.SERVICE).toBe('db (?)');
    const complete = seen.filter((s) => s.pods === 'true' && s.pvcs === 'true' && s.services === 'true');
    expect(complete.length).toBeGreaterThanOrEqual(5);
    for (const s of complete) expect([s.STATUS, s.CLAIMS, s.SERVICE]).toEqual(['Ready', '2/2 Bound', 'db']);
    // Each time, the StatefulSet was drawn before anything else it shows was listed.
    expect(seen.filter((s) => s.pods === 'false' && s.pvcs === 'false' && s.services === 'false').length).toBeGreaterThanOrEqual(5);
  });
});
