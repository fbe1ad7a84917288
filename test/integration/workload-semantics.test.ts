// StatefulSet and claim semantics of Kubernetes 1.31–1.36 on the local cluster: minReadySeconds
// (the controller waits for a pod to be available, not only ready), maxUnavailable as the server
// kept it, a VolumeAttributesClass asked for, and the smaller retry after an infeasible expansion.
// The hostPath provisioner has no CSI external-resizer: where a step needs what that sidecar
// writes (modifyVolumeStatus, allocatedResourceStatuses), the test writes it through the status
// subresource exactly as the sidecar would, and the API server validates everything kstate sends.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apply, deleteVolumesOf, freshNamespace, hasCluster, kstate, kubectl, kubectlJson, waitFor } from './helpers.js';
import { statefulSetManifest } from './manifests.js';

describe.skipIf(!hasCluster)('1.31–1.36 StatefulSet and claim semantics on the local cluster', () => {
  let ns: string;
  let cleanup: () => Promise<void>;
  const describeJson = async (name: string) => {
    const r = await kstate(['describe', 'sts', name, '-n', ns, '-o', 'json']);
    expect(r.stderr).toBe('');
    return JSON.parse(r.stdout);
  };
  const pods = async () => ((await kubectlJson(['get', 'pods', '-n', ns])).items as any[]).map((p) => p.metadata.name as string);
  const resizerStatus = (claim: string, status: object) => kubectl(['patch', 'pvc', claim, '-n', ns, '--subresource=status', '--type=merge', '-p', JSON.stringify({ status })]);

  beforeAll(async () => {
    ({ name: ns, cleanup } = await freshNamespace('sem'));
  });
  afterAll(async () => {
    if (ns) await deleteVolumesOf(ns);
    // Its protection finalizer holds it until the claim is gone: do not wait for that.
    await kubectl(['delete', 'volumeattributesclass', `gold-${ns}`, '--ignore-not-found', '--wait=false']).catch(() => undefined);
    await cleanup?.();
  });

  it('minReadySeconds: a ready pod is not yet available, and ordered start-up waits on it until it is', async () => {
    const manifest = statefulSetManifest('slow', { replicas: 2 }).replace('  replicas: 2\n', '  replicas: 2\n  minReadySeconds: 20\n');
    await apply(ns, manifest);
    const waiting = await waitFor('slow-0 ready, not yet available', async () => {
      const v = await describeJson('slow');
      return v.rows[0]?.pod?.ready === true && v.rows[0].pod.available === false && v;
    }, 60_000, 300);
    expect(waiting.blocking).toMatchObject({ ordinal: 0, reason: 'NotAvailable', during: 'startup' });
    expect(waiting.blocking.detail).toMatch(/^pod slow-0 is ready, not yet available \(minReadySeconds 20, available in \d+s\)$/);
    expect(waiting.status).toBe('Progressing');
    // What kstate says the controller waits for, the controller does: no slow-1 while slow-0 is not available.
    expect(await pods()).toEqual(['slow-0']);
    expect((await kubectlJson(['get', 'sts', 'slow', '-n', ns])).status.availableReplicas ?? 0).toBe(0);
    const text = (await kstate(['describe', 'sts', 'slow', '-n', ns])).stdout;
    expect(text).toContain('Min ready');
    expect(text).toMatch(/Ready, avail\. in \d+s/);
    const available = await waitFor('slow-0 available and slow-1 made', async () => {
      const v = await describeJson('slow');
      return v.rows[0].pod.available === true && (await pods()).includes('slow-1') && v;
    }, 90_000, 500);
    expect(available.rows[0].pod.availableAt).toBeNull();
  });

  it('maxUnavailable: shows what the server kept of it, resolved as the controller resolves it', async () => {
    const manifest = statefulSetManifest('wide', { replicas: 4 }).replace('  replicas: 4\n', '  replicas: 4\n  podManagementPolicy: Parallel\n  updateStrategy: {type: RollingUpdate, rollingUpdate: {maxUnavailable: "50%"}}\n');
    await apply(ns, manifest);
    const kept = (await kubectlJson(['get', 'sts', 'wide', '-n', ns])).spec.updateStrategy.rollingUpdate?.maxUnavailable;
    const v = await describeJson('wide');
    // 50% of 4 is 2 where the server keeps the field (MaxUnavailableStatefulSet on); null where it dropped it.
    expect(v.maxUnavailable).toBe(kept === undefined ? null : 2);
    const restart = await kstate(['restart', 'sts', 'wide', '-n', ns, '--dry-run']);
    expect(restart.stdout).toContain(kept === undefined ? 'one ordinal at a time' : 'up to 2 at once (maxUnavailable 2)');
    expect(restart.stdout).toContain(kept === undefined ? 'order: 3 → 2 → 1 → 0' : 'order: 3+2 → 1+0');
  });

  it('a VolumeAttributesClass asked for and not (yet) given is a finding; an infeasible one is a failed change', async () => {
    await apply(ns, statefulSetManifest('store', { replicas: 1, claims: { data: { size: '1Gi', storageClass: 'standard-expandable' } } }));
    await waitFor('data-store-0 Bound', async () => (await kubectlJson(['get', 'pvc', 'data-store-0', '-n', ns]).catch(() => null))?.status?.phase === 'Bound', 90_000);
    await kubectl(['apply', '-f', '-'], JSON.stringify({ apiVersion: 'storage.k8s.io/v1', kind: 'VolumeAttributesClass', metadata: { name: `gold-${ns}` }, driverName: 'kstate.local/hostpath', parameters: { iops: '9000' } }));
    // The API server takes the change on a bound claim (GA 1.34); no driver here acts on it.
    await kubectl(['patch', 'pvc', 'data-store-0', '-n', ns, '--type=merge', '-p', JSON.stringify({ spec: { volumeAttributesClassName: `gold-${ns}` } })]);
    const pending = await waitFor('the change seen', async () => {
      const c = (await describeJson('store')).storage.claims[0];
      return c.modification?.state === 'pending' && c;
    }, 30_000);
    expect(pending.modification).toMatchObject({ wanted: `gold-${ns}`, current: null, text: `asks for gold-${ns}, has none: no controller has reported yet` });
    const check = await kstate(['check', '-n', ns, '-o', 'json']);
    expect(JSON.parse(check.stdout).findings).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'VolumeModifyPending', object: 'sts/store', message: `claim data-store-0: asks for gold-${ns}, has none: no controller has reported yet` })]));

    await resizerStatus('data-store-0', { modifyVolumeStatus: { targetVolumeAttributesClassName: `gold-${ns}`, status: 'Infeasible' } });
    const failed = await waitFor('the change infeasible', async () => {
      const c = (await describeJson('store')).storage.claims[0];
      return c.modification?.state === 'infeasible' && c;
    }, 30_000);
    expect(failed.modification.text).toBe(`modify to gold-${ns} is infeasible, still none`);
    expect((await describeJson('store')).findings).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'VolumeModifyFailed' })]));
  });

  it('after an infeasible expansion, expand offers and sends the smaller retry the API accepts, and refuses what it refuses', async () => {
    await kubectl(['patch', 'pvc', 'data-store-0', '-n', ns, '--type=merge', '-p', '{"spec":{"resources":{"requests":{"storage":"100Gi"}}}}']);
    await resizerStatus('data-store-0', { allocatedResources: { storage: '100Gi' }, allocatedResourceStatuses: { storage: 'ControllerResizeInfeasible' } });
    const c = await waitFor('the resize infeasible', async () => {
      const x = (await describeJson('store')).storage.claims[0];
      return x.retry && x;
    }, 30_000);
    expect(c).toMatchObject({ requested: '100Gi', capacity: '1Gi', allocated: '100Gi', resize: { state: 'failed' }, retry: { requested: '100Gi', capacity: '1Gi' } });
    expect(c.retry.text).toContain('retry with a size above 1Gi and below 100Gi');

    // At the capacity: kstate refuses as the API server does (the server's own words first, then kstate's).
    const server = await kubectl(['patch', 'pvc', 'data-store-0', '-n', ns, '--type=merge', '-p', '{"spec":{"resources":{"requests":{"storage":"1Gi"}}}}']).then(() => 'accepted', (e: Error) => e.message);
    expect(server).toContain('can not be less than status.capacity');
    const refused = await kstate(['expand', 'sts', 'store', 'data', '1Gi', '-n', ns, '--yes']);
    expect([refused.code, refused.stderr]).toEqual([2, 'kstate: 1Gi: claim data-store-0: spec.resources.requests.storage can not be less than status.capacity (1Gi): a smaller retry must stay above it\n']);

    const retried = await kstate(['expand', 'sts', 'store', 'data', '2Gi', '-n', ns, '--yes']);
    expect([retried.code, retried.stderr]).toEqual([0, '']);
    expect(retried.stdout).toContain('done: retry claim data-store-0 at 2Gi (was 100Gi, which could not be given)');
    expect((await kubectlJson(['get', 'pvc', 'data-store-0', '-n', ns])).spec.resources.requests.storage).toBe('2Gi');
  });
});
