// A StatefulSet's claim on the real node (a hostPath volume the controller manager provisioned):
// what a pod wrote is there for the pod that replaces it, read back through the new pod's log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apply, deleteVolumesOf, freshNamespace, hasCluster, kstate, kubectl, kubectlJson, waitFor } from '../integration/helpers.js';
import { statefulSet, WAIT } from './manifests.js';

const COUNTER = `n=$(( $(cat /data/count 2>/dev/null || echo 0) + 1 )); echo "$n" > /data/count; echo "start $n"; ${WAIT}`;

describe.skipIf(!hasCluster)('claims on the real node', () => {
  let ns: string;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    ({ name: ns, cleanup } = await freshNamespace('node-claims'));
    await apply(ns, statefulSet('counter', { claim: '64Mi', containers: [{ name: 'count', script: COUNTER, mounts: [{ name: 'data', mountPath: '/data' }], ready: true }] }));
  });
  afterAll(async () => {
    await kubectl(['delete', 'sts', 'counter', '-n', ns, '--wait=true', '--timeout=60s']).catch(() => undefined);
    await deleteVolumesOf(ns);
    await cleanup?.();
  });

  const ready = (uid?: string) =>
    waitFor('counter-0 ready', async () => {
      const pod = await kubectlJson(['get', 'pod', 'counter-0', '-n', ns]);
      return pod.metadata.uid !== uid && pod.status?.containerStatuses?.[0]?.ready === true && pod;
    }, 120_000);

  it("keeps the claim's data across a pod's delete and re-creation", async () => {
    const first = await ready();
    const log1 = await kstate(['logs', 'sts/counter', '-n', ns]);
    expect(log1.stderr).toBe('');
    expect(log1.stdout).toBe('[0] start 1\n');
    const volume = (await kubectlJson(['get', 'pvc', 'data-counter-0', '-n', ns])).spec.volumeName;

    await kubectl(['delete', 'pod', 'counter-0', '-n', ns, '--wait=true']);
    await ready(first.metadata.uid);
    const log2 = await kstate(['logs', 'sts/counter', '-n', ns]);
    expect(log2.stdout).toBe('[0] start 2\n');
    expect((await kubectlJson(['get', 'pvc', 'data-counter-0', '-n', ns])).spec.volumeName).toBe(volume);

    const view = JSON.parse((await kstate(['get', 'sts', 'counter', '-n', ns, '-o', 'json'])).stdout).items[0];
    expect(view.rows[0].claims[0]).toMatchObject({ name: 'data-counter-0', phase: 'Bound', volume });
    expect(view.rows[0].pod).toMatchObject({ status: 'Running', restarts: 0, node: 'kstate-node-1' });
  });
});
