// The store watches only what the views need: StatefulSet and Job pods (by their controllers'
// labels) and events about what it holds. Pods of other controllers are never held, and a
// StatefulSet pod whose labels were taken off reads as found without them, never as missing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../../src/kube/config.js';
import { Store } from '../../src/kube/store.js';
import { requestJson } from '../../src/kube/http.js';
import { statefulSetViews } from '../../src/model/views.js';
import { apply, freshNamespace, hasCluster, kstate, kubeconfig, kubectl, kubectlJson, waitFor } from './helpers.js';
import { jobManifest, statefulSetManifest } from './manifests.js';

const DEPLOYMENT = `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 3
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: main, image: nginx:1.27}]}
---
apiVersion: v1
kind: Pod
metadata: {name: db-7, labels: {app: bare}}
spec: {containers: [{name: main, image: nginx:1.27}]}
`;

describe.skipIf(!hasCluster)('what the store watches', () => {
  let ns: string;
  let cleanup: () => Promise<void>;
  let store: Store;
  const endpoint = () => connect({ kubeconfig: kubeconfig!, namespace: ns }).endpoint;
  const heldNames = () => [...store.snapshot().kinds.pods.values()].map((p) => p.name).sort();
  const event = (name: string, pod: { name: string; uid: string }) =>
    requestJson(endpoint(), {
      method: 'POST',
      path: `/api/v1/namespaces/${ns}/events`,
      body: { metadata: { name }, involvedObject: { kind: 'Pod', apiVersion: 'v1', namespace: ns, name: pod.name, uid: pod.uid }, reason: 'Probe', message: name, type: 'Normal', source: { component: 'kstate-test' } },
    });

  beforeAll(async () => {
    ({ name: ns, cleanup } = await freshNamespace('scope'));
    await apply(ns, statefulSetManifest('db', { replicas: 2, service: false }));
    await apply(ns, jobManifest('batch', { runFor: '240h' }));
    await apply(ns, statefulSetManifest('kept', { replicas: 1, service: false, claims: { data: '1Gi' } }));
    await apply(ns, DEPLOYMENT);
    await waitFor('every pod running', async () => {
      const pods = (await kubectlJson(['get', 'pods', '-n', ns])).items as any[];
      return pods.length === 8 && pods.every((p) => p.status?.phase === 'Running');
    }, 120_000);
    store = new Store(endpoint(), { namespace: ns, coalesceMs: 20 });
    store.start();
    await store.whenSettled();
  });
  afterAll(async () => {
    await store?.stop();
    await cleanup?.();
  });

  it('holds the StatefulSet and Job pods, never a Deployment pod or a bare pod named like an ordinal', async () => {
    const held = heldNames();
    expect(held.filter((n) => /^(db|kept)-/.test(n))).toEqual(['db-0', 'db-1', 'kept-0']);
    expect(held.filter((n) => n.startsWith('batch-'))).toHaveLength(1);
    expect(held).toHaveLength(4);
    await kubectl(['label', 'pod', 'db-7', '-n', ns, 'touched=yes']);
    await kubectl(['scale', 'deployment', 'web', '-n', ns, '--replicas=4']);
    await waitFor('the fourth web pod running', async () => ((await kubectlJson(['get', 'pods', '-n', ns, '-l', 'app=web'])).items as any[]).filter((p) => p.status?.phase === 'Running').length === 4);
    await kubectl(['label', 'pod', 'db-0', '-n', ns, 'touched=yes']);
    await waitFor('the label on db-0 seen', async () => [...store.snapshot().kinds.pods.values()].find((p) => p.name === 'db-0')?.labels.touched === 'yes');
    expect(heldNames()).toEqual(held);
  });

  it('keeps events about its pods and leaves out those about pods it does not hold', async () => {
    const pods = (await kubectlJson(['get', 'pods', '-n', ns])).items as any[];
    const of = (name: string) => ({ name, uid: pods.find((p) => p.metadata.name === name).metadata.uid });
    const web = pods.find((p) => p.metadata.labels?.app === 'web').metadata.name;
    await event('about-web', of(web));
    await event('about-bare', of('db-7'));
    await event('about-db', of('db-1'));
    const messages = () => [...store.snapshot().kinds.events.values()].map((e) => e.message);
    await waitFor('the event about db-1', async () => messages().includes('about-db'));
    expect(messages()).not.toContain('about-web');
    expect(messages()).not.toContain('about-bare');
  });

  it('reads a StatefulSet pod whose labels were taken off as found without them, not missing', async () => {
    await kubectl(['label', 'pod', 'db-1', '-n', ns, 'app-', 'statefulset.kubernetes.io/pod-name-']);
    const v = await waitFor('db-1 found without its labels', async () => {
      const view = statefulSetViews(store.snapshot(), Date.now()).find((x) => x.name === 'db');
      return view?.rows[1]?.unseen === 'unlabelled' && view;
    }, 60_000).catch((err: Error) => {
      // On a time-out, what the store held. (Once in CI: the view of db-1 from before its lookup
      // answered was reused, as that answer was not among the view's inputs.)
      const snap = store.snapshot();
      const row = statefulSetViews(snap, Date.now()).find((x) => x.name === 'db')?.rows[1];
      throw new Error(`${err.message}; held: ${heldNames().join(',')}; pods ${snap.status.pods.state}, statefulsets ${snap.status.statefulsets.state}; row 1: pod ${row?.pod?.name ?? null}, unseen ${row?.unseen}; looked up: ${JSON.stringify([...(snap.unlabelledPods ?? new Map()).entries()].map(([k, p]) => [k, p?.name ?? null]))}`);
    });
    expect(v.rows[1]!.pod).toBeNull();
    expect(v.blocking).toMatchObject({ ordinal: 1, reason: 'PodUnlabelled' });
    expect(heldNames()).not.toContain('db-1');
    const cli = await kstate(['get', 'sts', 'db', '-n', ns, '-o', 'json']);
    expect(cli.code).toBe(0);
    const item = JSON.parse(cli.stdout).items[0];
    expect(item.rows[1]).toMatchObject({ pod: null, unseen: 'unlabelled' });
    expect(item.blocking.reason).toBe('PodUnlabelled');
  });

  it('refuses to delete a retained claim that a pod it does not watch uses, as the server says just before sending', async () => {
    await kubectl(['scale', 'sts', 'kept', '-n', ns, '--replicas=0']);
    await waitFor('kept-0 gone', async () => !((await kubectlJson(['get', 'pods', '-n', ns])).items as any[]).some((p) => p.metadata.name === 'kept-0'), 60_000);
    await apply(ns, `
apiVersion: v1
kind: Pod
metadata: {name: borrower}
spec:
  containers: [{name: main, image: nginx:1.27}]
  volumes: [{name: d, persistentVolumeClaim: {claimName: data-kept-0}}]
`);
    await waitFor('the retained claim shown', async () => statefulSetViews(store.snapshot(), Date.now()).find((x) => x.name === 'kept')?.retainedClaims === 1);
    const refused = await kstate(['delete-claim', 'sts', 'kept', 'data-kept-0', '-n', ns, '--yes']);
    expect(refused.stderr).toContain('claim data-kept-0 is in use by pod borrower: not deleted');
    expect(refused.code).not.toBe(0);
    expect((await kubectlJson(['get', 'pvc', 'data-kept-0', '-n', ns])).metadata.deletionTimestamp).toBeUndefined();
  });
});
