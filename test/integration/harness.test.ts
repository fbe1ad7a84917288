// Proves the local cluster is real: the controllers create pods, claims and Jobs, KWOK runs them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apply, freshNamespace, hasCluster, kubectlJson, waitFor } from './helpers.js';
import { cronJobManifest, jobManifest, statefulSetManifest } from './manifests.js';

describe.skipIf(!hasCluster)('local control plane', () => {
  let ns: string;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ name: ns, cleanup } = await freshNamespace('harness'));
  });
  afterAll(async () => cleanup?.());

  it('creates StatefulSet pods in ordinal order, each with a Bound claim per template', async () => {
    await apply(ns, statefulSetManifest('web', { replicas: 3, claims: { www: '1Gi', logs: '100Mi' } }));
    const sts = await waitFor('3 ready replicas', async () => {
      const s = await kubectlJson(['get', 'sts', 'web', '-n', ns]);
      return s.status?.readyReplicas === 3 && s;
    }, 120_000);
    expect(sts.spec.replicas).toBe(3);

    const pods = (await kubectlJson(['get', 'pods', '-n', ns, '-l', 'app=web'])).items as any[];
    expect(pods.map((p) => p.metadata.name).sort()).toEqual(['web-0', 'web-1', 'web-2']);
    // OrderedReady: each ordinal is created only after the one before it is Running and Ready.
    const created = (n: number) => Date.parse(pods.find((p) => p.metadata.name === `web-${n}`).metadata.creationTimestamp);
    const readyAt = (n: number) => Date.parse(pods.find((p) => p.metadata.name === `web-${n}`).status.conditions.find((c: any) => c.type === 'Ready').lastTransitionTime);
    expect(created(1)).toBeGreaterThanOrEqual(readyAt(0) - 1000);
    expect(created(2)).toBeGreaterThanOrEqual(readyAt(1) - 1000);
    for (const p of pods) expect(p.status.phase).toBe('Running');

    const pvcs = (await kubectlJson(['get', 'pvc', '-n', ns])).items as any[];
    const byName = new Map(pvcs.map((c) => [c.metadata.name, c]));
    for (const n of [0, 1, 2]) {
      for (const t of ['www', 'logs']) {
        const claim = byName.get(`${t}-web-${n}`);
        expect(claim, `${t}-web-${n}`).toBeDefined();
        expect(claim.status.phase).toBe('Bound');
        expect(claim.spec.volumeName).toMatch(/^pvc-/);
      }
    }
    expect(pvcs).toHaveLength(6);
  });

  it('restarts a crashing container in place with a growing back-off, and OrderedReady stops there', async () => {
    await apply(ns, statefulSetManifest('flaky', { replicas: 3, crashLoopOrdinal: 1 }));
    const first = await waitFor('flaky-1 restarted twice', async () => {
      const p = await kubectlJson(['get', 'pod', 'flaky-1', '-n', ns]).catch(() => null);
      return p?.status?.containerStatuses?.[0]?.restartCount >= 2 && p;
    }, 120_000);
    const uid = first.metadata.uid;
    const waiting = await waitFor('CrashLoopBackOff', async () => {
      const p = await kubectlJson(['get', 'pod', 'flaky-1', '-n', ns]);
      return p.status.containerStatuses[0].state.waiting?.reason === 'CrashLoopBackOff' && p;
    }, 60_000);
    expect(waiting.metadata.uid).toBe(uid); // the same pod, restarted in place
    expect(waiting.status.phase).toBe('Running');
    expect(waiting.status.containerStatuses[0].lastState.terminated.exitCode).toBe(1);
    expect(waiting.status.containerStatuses[0].state.waiting.message).toMatch(/^back-off (20|40|80)s restarting failed container=main$/);
    const pods = (await kubectlJson(['get', 'pods', '-n', ns, '-l', 'app=flaky'])).items as any[];
    expect(pods.map((p) => p.metadata.name).sort()).toEqual(['flaky-0', 'flaky-1']);
  });

  it('runs a Job with completions 3 to Complete with 3 succeeded pods', async () => {
    await apply(
      ns,
      `
apiVersion: batch/v1
kind: Job
metadata: {name: three}
spec:
  completions: 3
  parallelism: 3
  template:
    metadata: {annotations: {kstate.dev/run-for: 2s}}
    spec:
      restartPolicy: Never
      containers: [{name: work, image: busybox:1.36}]
`,
    );
    const job = await waitFor('job three to complete', async () => {
      const j = await kubectlJson(['get', 'job', 'three', '-n', ns]);
      return j.status?.conditions?.some((c: any) => c.type === 'Complete' && c.status === 'True') && j;
    }, 120_000);
    expect(job.status.succeeded).toBe(3);
    const pods = (await kubectlJson(['get', 'pods', '-n', ns, '-l', 'batch.kubernetes.io/job-name=three'])).items as any[];
    expect(pods.filter((p) => p.status.phase === 'Succeeded')).toHaveLength(3);
    expect(pods[0].status.containerStatuses[0].state.terminated.exitCode).toBe(0);
  });

  it('fails a Job whose pods fail once backoffLimit is exhausted', async () => {
    await apply(ns, jobManifest('doomed', { fail: true, exitCode: 7, backoffLimit: 1 }));
    const job = await waitFor('job doomed to fail', async () => {
      const j = await kubectlJson(['get', 'job', 'doomed', '-n', ns]);
      return j.status?.conditions?.find((c: any) => c.type === 'Failed' && c.status === 'True') && j;
    }, 150_000);
    const failed = job.status.conditions.find((c: any) => c.type === 'Failed');
    expect(failed.reason).toBe('BackoffLimitExceeded');
    expect(job.status.failed).toBe(2);
    const pods = (await kubectlJson(['get', 'pods', '-n', ns, '-l', 'batch.kubernetes.io/job-name=doomed'])).items as any[];
    expect(pods.every((p) => p.status.phase === 'Failed')).toBe(true);
    expect(pods[0].status.containerStatuses[0].state.terminated.exitCode).toBe(7);
  });

  it('lets a CronJob with "* * * * *" create a Job within about a minute', async () => {
    await apply(ns, cronJobManifest('every-minute', { schedule: '* * * * *', container: { name: 'tick', image: 'busybox:1.36' } }));
    const cj = await kubectlJson(['get', 'cronjob', 'every-minute', '-n', ns]);
    const job = await waitFor('a Job owned by the CronJob', async () => {
      const jobs = (await kubectlJson(['get', 'jobs', '-n', ns])).items as any[];
      return jobs.find((j) => j.metadata.ownerReferences?.some((o: any) => o.uid === cj.metadata.uid && o.controller));
    }, 130_000, 2000);
    expect(job.metadata.name).toMatch(/^every-minute-\d+$/);
    expect(job.metadata.annotations['batch.kubernetes.io/cronjob-scheduled-timestamp']).toBeTruthy();
  });
});
