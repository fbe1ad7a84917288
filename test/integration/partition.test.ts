// Setting a rolling update's partition on the local cluster: the preview names the ordinals the
// controller replaces next and the revision each ends on, and the controller does exactly that.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apply, freshNamespace, hasCluster, kstate, kubectl, kubectlJson, waitFor } from './helpers.js';
import { statefulSetManifest } from './manifests.js';

describe.skipIf(!hasCluster)('kstate partition', () => {
  let ns: string;
  let cleanup: () => Promise<void>;
  const revisions = async () =>
    Object.fromEntries(((await kubectlJson(['get', 'pods', '-n', ns])).items as any[]).map((p) => [p.metadata.name, p.metadata.labels['controller-revision-hash']]));

  beforeAll(async () => {
    ({ name: ns, cleanup } = await freshNamespace('part'));
    const manifest = statefulSetManifest('canary', { replicas: 4 }).replace('  replicas: 4\n', '  replicas: 4\n  updateStrategy: {type: RollingUpdate, rollingUpdate: {partition: 4}}\n');
    await apply(ns, manifest);
    await waitFor('canary ready', async () => (await kubectlJson(['get', 'sts', 'canary', '-n', ns])).status?.readyReplicas === 4, 90_000);
    // A new template: with partition 4 no ordinal moves to it yet.
    await kubectl(['patch', 'sts', 'canary', '-n', ns, '--type=merge', '-p', '{"spec":{"template":{"metadata":{"annotations":{"kstate.dev/v":"2"}}}}}']);
    await waitFor('the update revision', async () => {
      const s = (await kubectlJson(['get', 'sts', 'canary', '-n', ns])).status;
      return s.updateRevision && s.updateRevision !== s.currentRevision;
    }, 30_000);
  }, 180_000);
  afterAll(async () => cleanup?.());

  it('previews which ordinals move and sends the partition; the controller moves those and no others', async () => {
    const { currentRevision, updateRevision } = (await kubectlJson(['get', 'sts', 'canary', '-n', ns])).status;
    const r = await kstate(['partition', 'sts', 'canary', '2', '-n', ns, '--yes']);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toContain('Lower the partition of sts/canary from 4 to 2?');
    expect(r.stdout).toContain(`replaced next, highest first: ordinal(s) 3, 2 → revision ${updateRevision}`);
    expect(r.stdout).toContain('kept: ordinal(s) 0, 1 stay on the revision they run');
    expect(r.stdout).toContain(`ends on: 0=${currentRevision} 1=${currentRevision} 2=${updateRevision} 3=${updateRevision}`);
    expect((await kubectlJson(['get', 'sts', 'canary', '-n', ns])).spec.updateStrategy.rollingUpdate.partition).toBe(2);
    const moved = await waitFor('ordinals 2 and 3 on the update revision', async () => {
      const revs = await revisions();
      return revs['canary-2'] === updateRevision && revs['canary-3'] === updateRevision && revs;
    }, 120_000);
    expect([moved['canary-0'], moved['canary-1']]).toEqual([currentRevision, currentRevision]);

    const same = await kstate(['partition', 'sts', 'canary', '2', '-n', ns, '--yes']);
    expect([same.code, same.stderr]).toEqual([2, 'kstate: the partition of sts/canary is already 2\n']);
    const bad = await kstate(['partition', 'sts', 'canary', 'two', '-n', ns, '--yes']);
    expect([bad.code, bad.stderr]).toEqual([2, 'kstate: not a partition: "two" (a whole number, 0 to roll out every ordinal)\n']);
  });
});
