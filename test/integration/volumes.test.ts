// Claims down to their volumes on the local cluster, where the controller manager really provisions,
// deletes and releases hostPath volumes: the retained-claim delete names the volume and its fate and
// the cluster does what it said; orphaned volumes and claims of a deleted StatefulSet are listed and
// reported by check; growing the claims of a template patches each where its class allows it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contextDeps } from '../../src/cli/dashboard.js';
import { connect } from '../../src/kube/config.js';
import { startApp, type Harness } from '../ui/harness.js';
import { apply, deleteVolumesOf, freshNamespace, hasCluster, kstate, kubeconfig, kubectl, kubectlJson, waitFor } from './helpers.js';
import { statefulSetManifest } from './manifests.js';

const WORKLOADS = [
  // Scaled down to 1 below: ordinal 1's claim is retained, on a volume that goes with it (Delete) or stays (Retain).
  statefulSetManifest('drop', { replicas: 2, claims: { data: { size: '1Gi', storageClass: 'standard' } } }),
  statefulSetManifest('keep', { replicas: 2, claims: { data: { size: '1Gi', storageClass: 'standard-retain' } } }),
  // Deleted below under whenDeleted: Retain: its claims stay behind.
  statefulSetManifest('gone', { replicas: 2, claims: { data: { size: '1Gi', storageClass: 'standard-retain' } }, retention: { whenScaled: 'Retain', whenDeleted: 'Retain' } }),
  statefulSetManifest('grow', { replicas: 2, claims: { data: { size: '1Gi', storageClass: 'standard-expandable' }, logs: { size: '100Mi', storageClass: 'standard' } } }),
].join('\n---\n');

describe.skipIf(!hasCluster)('claims and their volumes on the local cluster', () => {
  let ns: string;
  let cleanup: () => Promise<void>;
  let h: Harness;
  const cli = (...args: string[]) => kstate([...args, '-n', ns]);
  const claim = (name: string) => kubectlJson(['get', 'pvc', name, '-n', ns]);
  const volume = async (name: string) => ((await kubectlJson(['get', 'pv'])).items as any[]).find((pv) => pv.metadata.name === name);
  const until = (what: string, text: string) => waitFor(what, async () => (await h.press(), h.screen().includes(text)), 30_000, 200);
  const type = async (text: string) => {
    for (const ch of text) await h.press(ch);
  };
  /** Shows only `name` in the list (its detail below). */
  const select = async (name: string) => {
    await h.press('escape', 'escape', '/');
    await type(name);
    await h.press('enter');
    await until(`sts/${name} selected`, `sts/${name} `);
  };

  beforeAll(async () => {
    ({ name: ns, cleanup } = await freshNamespace('vol'));
    await apply(ns, WORKLOADS);
    await waitFor('every StatefulSet ready with Bound claims', async () => {
      const sets = (await kubectlJson(['get', 'sts', '-n', ns])).items as any[];
      const pvcs = (await kubectlJson(['get', 'pvc', '-n', ns])).items as any[];
      return sets.length === 4 && sets.every((s) => s.status?.readyReplicas === 2) && pvcs.length === 10 && pvcs.every((p) => p.status.phase === 'Bound');
    }, 180_000);
    await kubectl(['scale', 'sts', 'drop', 'keep', '--replicas=1', '-n', ns]);
    await waitFor('drop-1 and keep-1 gone', async () => ((await kubectlJson(['get', 'pods', '-n', ns])).items as any[]).every((p) => !/^(drop|keep)-1$/.test(p.metadata.name)), 60_000);
    const conn = connect({ kubeconfig: kubeconfig!, namespace: ns });
    h = await startApp({} as never, contextDeps(conn, { readOnly: false, kubeconfig: kubeconfig! }, 100), [200, 50]);
    await until('the StatefulSets listed', 'StatefulSets (4)');
  }, 400_000);
  afterAll(async () => {
    await h?.app.close();
    if (ns) await deleteVolumesOf(ns);
    await cleanup?.();
  });

  it('names the volume of a retained claim and its fate before deleting it, and the cluster does what it said', async () => {
    for (const [sts, policy, fate, label] of [
      ['drop', 'Delete', 'is deleted with it: the data on it is gone for good', 'type the claim name to delete it and its data (data-drop-1): '],
      ['keep', 'Retain', 'is kept as Released, with the data on it', 'type the claim name to delete it (data-keep-1): '],
    ] as const) {
      const name = `data-${sts}-1`;
      const pv = (await claim(name)).spec.volumeName as string;
      expect((await volume(pv)).spec.persistentVolumeReclaimPolicy).toBe(policy);
      await select(sts);
      await h.press('c');
      await until('the pick list of retained claims', 'delete which retained claim?');
      await h.press('enter');
      await until(`the fate of ${pv}`, `Its volume ${pv} (reclaimPolicy ${policy}) ${fate}.`);
      expect(h.screen()).toContain(label);
      await type(name);
      await h.press('enter');
      await waitFor(`${name} deleted`, async () => !(await claim(name).catch(() => null)), 30_000);
    }
    const dropped = await waitFor('the Delete volume gone', async () => {
      const pvs = ((await kubectlJson(['get', 'pv'])).items as any[]).filter((pv) => pv.spec.claimRef?.namespace === ns && pv.spec.claimRef?.name === 'data-drop-1');
      return pvs.length === 0 && pvs;
    }, 60_000);
    expect(dropped).toEqual([]);
    const kept = await waitFor('the Retain volume Released', async () => {
      const pv = ((await kubectlJson(['get', 'pv'])).items as any[]).find((v) => v.spec.claimRef?.namespace === ns && v.spec.claimRef?.name === 'data-keep-1');
      return pv?.status.phase === 'Released' && pv;
    }, 60_000);

    // Now orphaned data of keep: in its detail, and in check as info.
    await select('keep');
    await until('the orphaned volume in the detail', 'Orphaned volumes (claim gone, data kept)');
    expect(h.screen()).toMatch(new RegExp(`${kept.metadata.name}\\s+data-keep-1\\s+Released\\s+1Gi\\s+standard-retain\\s+Retain`));
    const check = JSON.parse((await cli('check', '-o', 'json')).stdout);
    expect(check.findings).toContainEqual(expect.objectContaining({ severity: 'info', code: 'OrphanedVolume', object: 'sts/keep', message: expect.stringContaining(`volume ${kept.metadata.name} (1Gi, Released for`) }));
  });

  it('lists and reports the orphaned volumes and claims of a deleted StatefulSet', async () => {
    const pv1 = (await claim('data-gone-1')).spec.volumeName as string;
    await kubectl(['delete', 'sts', 'gone', '-n', ns]);
    await waitFor('gone pods deleted', async () => ((await kubectlJson(['get', 'pods', '-n', ns, '-l', 'app=gone'])).items as any[]).length === 0, 60_000);
    await kubectl(['delete', 'pvc', 'data-gone-1', '-n', ns]);
    await waitFor(`${pv1} Released`, async () => (await volume(pv1))?.status.phase === 'Released', 60_000);

    const json = await cli('check', '-o', 'json');
    expect(json.code).toBe(0); // info only
    const findings = JSON.parse(json.stdout).findings as any[];
    expect(findings.filter((f) => /^(pv|pvc)\//.test(f.object)).map((f) => [f.severity, f.object, f.code])).toEqual([
      ['info', `pv/${pv1}`, 'OrphanedVolume'],
      ['info', 'pvc/data-gone-0', 'OrphanedClaim'],
    ]);
    const text = await cli('check');
    expect(text.stdout).toMatch(new RegExp(`INFO\\s+pvc/data-gone-0\\s+OrphanedClaim\\s+claim data-gone-0 \\(Bound, 1Gi, volume pvc-[0-9a-f-]+, reclaimPolicy Retain\\) is named like a StatefulSet's, but no StatefulSet in ${ns} makes it and no StatefulSet or Job pod uses it`));
    expect(text.stdout).toMatch(new RegExp(`INFO\\s+pv/${pv1}\\s+OrphanedVolume\\s+volume ${pv1} \\(1Gi, Released for \\d+s, reclaimPolicy Retain\\) still holds the data of claim data-gone-1, which is gone; no StatefulSet in ${ns} makes claims of that name`));

    await h.press('escape', 'escape', 'V');
    await until('the orphaned data view', 'Data left behind in namespace');
    const screen = h.screen();
    expect(screen).toMatch(new RegExp(`\\(none\\)\\s+${pv1}\\s+data-gone-1\\s+Released\\s+1Gi\\s+standard-retain\\s+Retain`));
    expect(screen).toMatch(/data-gone-0\s+Bound\s+1Gi\s+standard-retain\s+pvc-[0-9a-f-]+\s+Retain/);
    await h.press('escape');
  });

  it('grows every claim of a template where its class allows it, and refuses with the reason where it does not', async () => {
    const requested = async (name: string) => (await claim(name)).spec.resources.requests.storage as string;
    const grown = await cli('expand', 'sts', 'grow', 'data', '2Gi', '--yes');
    expect(grown.code).toBe(0);
    expect(grown.stdout).toContain('The template data itself cannot change in place (volumeClaimTemplates are immutable): ordinals made later — a scale-up, or a claim deleted and made again — still get 1Gi claims.');
    expect(grown.stdout).toContain('done: grow claim data-grow-0 1Gi → 2Gi\ndone: grow claim data-grow-1 1Gi → 2Gi\n');
    expect([await requested('data-grow-0'), await requested('data-grow-1')]).toEqual(['2Gi', '2Gi']);
    // hostPath has no resizer: the expand controller says it waits for one, and kstate shows what it says.
    const resize = await waitFor('the controller’s word on the resize', async () => {
      const storage = JSON.parse((await cli('describe', 'sts', 'grow', '-o', 'json')).stdout).storage;
      const c = storage.claims.find((x: any) => x.claim === 'data-grow-0');
      return c.resize?.state === 'waiting' && c;
    }, 60_000);
    expect(resize).toMatchObject({ requested: '2Gi', capacity: '1Gi', resize: { text: 'ExternalExpanding: waiting for an external controller to expand this PVC' } });

    const refused = await cli('expand', 'sts', 'grow', 'logs', '200Mi', '--yes');
    expect([refused.code, refused.stdout, refused.stderr]).toEqual([
      2,
      '',
      'kstate: nothing to grow: storage class standard does not allow volume expansion (logs-grow-0, logs-grow-1)\n',
    ]);
    const smaller = await cli('expand', 'sts', 'grow', 'data', '1Gi', '--yes');
    expect([smaller.code, smaller.stderr]).toEqual([2, 'kstate: 1Gi: claim data-grow-0: spec.resources.requests.storage can not be less than status.capacity (1Gi): a smaller retry must stay above it\n']);
    expect([await requested('logs-grow-0'), await requested('logs-grow-1'), await requested('data-grow-0')]).toEqual(['100Mi', '100Mi', '2Gi']);

    // The dashboard: refused with the reason where no class allows it; otherwise the size, one confirmation, each claim.
    await select('drop');
    await h.press('E');
    expect(h.screen().split('\n').pop()).toContain('expand claims: storage class standard does not allow volume expansion');
    await select('grow');
    await h.press('E');
    await until('the size prompt', 'new size for every claim of data:');
    expect(h.screen()).toContain('data-grow-0  2Gi (has 1Gi)  can grow (class standard-expandable)');
    await type('3Gi');
    await h.press('enter');
    await until('the confirmation', '• grow claim data-grow-1 2Gi → 3Gi');
    await h.press('y');
    await waitFor('both claims at 3Gi', async () => (await requested('data-grow-0')) === '3Gi' && (await requested('data-grow-1')) === '3Gi', 30_000);
  });
});
