// kstate get / describe against the real cluster, compared with what kubectl reports.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apply, freshNamespace, hasCluster, kstate, kubectl, kubectlJson, waitFor } from './helpers.js';
import { cronJobManifest, statefulSetManifest } from './manifests.js';

const STS = statefulSetManifest('db', { replicas: 2, image: 'postgres:16', init: 'busybox:1.36', claims: { data: '2Gi' } });

async function stsJson(ns: string) {
  const r = await kstate(['get', 'sts', 'db', '-n', ns, '-o', 'json']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout).items[0];
}

describe.skipIf(!hasCluster)('kstate get / describe on the local cluster', () => {
  let ns: string;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ name: ns, cleanup } = await freshNamespace('cli'));
    await apply(ns, STS);
    await waitFor('db ready', async () => (await kubectlJson(['get', 'sts', 'db', '-n', ns])).status?.readyReplicas === 2, 120_000);
  });
  afterAll(async () => cleanup?.());

  it('agrees with kubectl on replicas, pods and claims', async () => {
    const view = await stsJson(ns);
    const sts = await kubectlJson(['get', 'sts', 'db', '-n', ns]);
    expect(view.ready).toBe(sts.status.readyReplicas);
    expect(view.replicas).toBe(sts.spec.replicas);
    expect(view.status).toBe('Ready');
    const pvcs = (await kubectlJson(['get', 'pvc', '-n', ns])).items as any[];
    for (const row of view.rows) {
      const claim = pvcs.find((p) => p.metadata.name === row.claims[0].name);
      expect(row.claims[0].phase).toBe(claim.status.phase);
      expect(row.claims[0].volume).toBe(claim.spec.volumeName);
      expect(row.pod.init).toBe('1/1');
      expect(row.dns).toBe(`db-${row.ordinal}.db.${ns}.svc.cluster.local`);
    }
    const table = await kstate(['get', 'sts', '-n', ns]);
    expect(table.stdout).toMatch(/^NAME\s+READY\s+STATUS\s+ORDINALS\s+CLAIMS\s+BLOCKED\s+AGE\n/);
    expect(table.stdout).toMatch(/\ndb\s+2\/2\s+Ready\s+0\.\.1\s+2\/2 Bound\s+-\s+\S+\n/);
  });

  it('follows kubectl scale up and down, and shows the retained claims', async () => {
    await kubectl(['scale', 'sts', 'db', '-n', ns, '--replicas=3']);
    await waitFor('3 ready', async () => (await stsJson(ns)).ready === 3, 120_000);
    await kubectl(['scale', 'sts', 'db', '-n', ns, '--replicas=1']);
    const view = await waitFor('scaled to 1', async () => {
      const v = await stsJson(ns);
      return v.rows.filter((r: any) => r.pod).length === 1 && v;
    }, 120_000);
    expect(view.rows.map((r: any) => [r.ordinal, r.inRange, r.retained])).toEqual([
      [0, true, false],
      [1, false, true],
      [2, false, true],
    ]);
    expect(view.retainedClaims).toBe(2);
    const pvcNames = ((await kubectlJson(['get', 'pvc', '-n', ns])).items as any[]).map((p) => p.metadata.name).sort();
    expect(pvcNames).toEqual(['data-db-0', 'data-db-1', 'data-db-2']);
    const describe = await kstate(['describe', 'sts', 'db', '-n', ns]);
    expect(describe.code).toBe(0);
    expect(describe.stdout).toContain('claim data-db-1: reattach');
    expect(describe.stdout).toMatch(/RetainedClaims\s+2 claim\(s\) retained after scale-down at ordinal\(s\) 1, 2/);
  });

  it('shows a deleted pod coming back with the same name and claim', async () => {
    const before = await stsJson(ns);
    const podUid = before.rows[0].pod.uid;
    const claimVolume = before.rows[0].claims[0].volume;
    await kubectl(['delete', 'pod', 'db-0', '-n', ns, '--wait=false']);
    const after = await waitFor('db-0 recreated and ready', async () => {
      const v = await stsJson(ns);
      return v.rows[0].pod && v.rows[0].pod.uid !== podUid && v.rows[0].pod.ready && v;
    }, 120_000);
    expect(after.rows[0].pod.name).toBe('db-0');
    expect(after.rows[0].claims[0].volume).toBe(claimVolume);
  });

  it('reports Jobs and CronJobs as kubectl does', async () => {
    await apply(
      ns,
      `
apiVersion: batch/v1
kind: Job
metadata: {name: pi}
spec:
  completions: 2
  parallelism: 2
  template:
    spec:
      restartPolicy: Never
      containers: [{name: pi, image: perl:5.34}]
---
${cronJobManifest('tick', { schedule: '* * * * *', container: { name: 'tick', image: 'busybox:1.36' } })}
`,
    );
    await waitFor('pi complete', async () => (await kubectlJson(['get', 'job', 'pi', '-n', ns])).status?.succeeded === 2, 120_000);
    const jobs = JSON.parse((await kstate(['get', 'jobs', '-n', ns, '-o', 'json'])).stdout).items as any[];
    const pi = jobs.find((j) => j.name === 'pi');
    expect(pi).toMatchObject({ status: 'Complete', succeeded: 2, completions: 2, failed: 0 });
    expect(pi.pods).toHaveLength(2);
    expect(pi.pods.every((p: any) => p.exitCode === 0)).toBe(true);

    const cj = await waitFor('tick scheduled', async () => {
      const c = await kubectlJson(['get', 'cronjob', 'tick', '-n', ns]);
      return c.status?.lastScheduleTime && c;
    }, 130_000, 2000);
    const view = JSON.parse((await kstate(['get', 'cj', 'tick', '-n', ns, '-o', 'json'])).stdout).items[0];
    expect(view.lastSchedule).toBe(new Date(cj.status.lastScheduleTime).toISOString());
    expect(view.nextRuns).toHaveLength(5);
    expect(Date.parse(view.nextRuns[0]) % 60_000).toBe(0);
    expect(view.history.length).toBeGreaterThanOrEqual(1);
    const text = (await kstate(['describe', 'cj', 'tick', '-n', ns])).stdout;
    expect(text).toContain('every minute');
    expect(text).toMatch(/tick-\d+/);
  });

  it('fails with one line for a name that does not exist', async () => {
    const r = await kstate(['describe', 'sts', 'nope', '-n', ns]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`kstate: statefulsets "nope" not found in namespace "${ns}"\n`);
  });
});
