// Pod states as the real kubelet reports them, and as kstate shows them: Running/Ready, a real
// CrashLoopBackOff blocking OrderedReady, OOMKilled, an exit code, Init:N/M, native sidecars (not
// init containers), a Job whose sidecar the kubelet killed after the main container finished.
// Each compared with kubectl's STATUS and READY columns (the API server's own printer).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apply, freshNamespace, hasCluster, kstate, kubectl, kubectlJson, waitFor } from '../integration/helpers.js';
import { job, statefulSet, WAIT } from './manifests.js';

/** kubectl get pod's READY and STATUS columns. */
async function kubectlColumns(ns: string, pod: string): Promise<{ ready: string; status: string }> {
  const [, ready, status] = (await kubectl(['get', 'pod', pod, '-n', ns, '--no-headers'])).trim().split(/\s+/);
  return { ready: ready!, status: status! };
}

async function stsView(ns: string, name: string): Promise<any> {
  const r = await kstate(['get', 'sts', name, '-n', ns, '-o', 'json']);
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout).items[0];
}

async function jobPod(ns: string, name: string): Promise<any> {
  const r = await kstate(['get', 'job', name, '-n', ns, '-o', 'json']);
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout).items[0].pods[0];
}

async function jobFinished(ns: string, name: string): Promise<void> {
  await waitFor(`job ${name} finished`, async () => (await kubectlJson(['get', 'job', name, '-n', ns])).status?.conditions?.some((c: any) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True'), 120_000);
}

describe.skipIf(!hasCluster)('pod states from the real kubelet', () => {
  let ns: string;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    ({ name: ns, cleanup } = await freshNamespace('node-pods'));
    await Promise.all([
      apply(ns, statefulSet('web', { init: [{ name: 'migrate', script: 'echo migrated' }], containers: [{ name: 'web', script: WAIT, ready: true }] })),
      // Ordinal 1 exits 3 at once, every time.
      apply(ns, statefulSet('crashy', { replicas: 3, containers: [{ name: 'app', script: `echo "$(hostname) up"; [ "\${HOSTNAME##*-}" = 1 ] && { echo "cannot open the ledger" >&2; exit 3; }; ${WAIT}`, ready: true }] })),
      apply(ns, job('oom', { containers: [{ name: 'resize', script: 'echo resizing; dd if=/dev/zero of=/dev/null bs=64M count=1', memory: '16Mi' }] })),
      apply(ns, job('exit42', { containers: [{ name: 'check', script: 'echo checking; exit 42' }] })),
      apply(ns, statefulSet('slow-init', { init: [{ name: 'first', script: 'echo first done' }, { name: 'wait', script: WAIT }], containers: [{ name: 'app', script: WAIT }] })),
      apply(ns, statefulSet('with-sidecar', { init: [{ name: 'shipper', script: WAIT, restartPolicy: 'Always', ready: true }], containers: [{ name: 'app', script: WAIT, ready: true }] })),
      apply(ns, statefulSet('sidecar-then-init', { init: [{ name: 'shipper', script: WAIT, restartPolicy: 'Always' }, { name: 'wait', script: WAIT }], containers: [{ name: 'app', script: WAIT }] })),
      // The sidecar ignores SIGTERM (sleep as PID 1): the kubelet kills it after the grace period (exit 137).
      apply(ns, job('sidecar-job', { init: [{ name: 'shipper', script: 'exec sleep 3600', restartPolicy: 'Always' }], containers: [{ name: 'report', script: 'echo report; sleep 1; echo done' }], grace: 1 })),
    ]);
  });
  afterAll(async () => cleanup?.());

  it('Running and Ready, its init container done', async () => {
    await waitFor('web-0 ready', async () => (await kubectlJson(['get', 'sts', 'web', '-n', ns])).status?.readyReplicas === 1, 120_000);
    const pod = (await stsView(ns, 'web')).rows[0].pod;
    expect(pod).toMatchObject({ status: 'Running', health: 'ok', ready: true, readyContainers: '1/1', init: '1/1', initRunning: null, restarts: 0, node: 'kstate-node-1' });
    expect(await kubectlColumns(ns, 'web-0')).toEqual({ ready: pod.readyContainers, status: pod.status });
  });

  it('a real CrashLoopBackOff: restarts, last exit code and reason, and the ordinal it blocks', async () => {
    const view = await waitFor('crashy-1 in CrashLoopBackOff after a restart', async () => {
      const v = await stsView(ns, 'crashy');
      return v.rows[1]?.pod?.status === 'CrashLoopBackOff' && v.rows[1].pod.restarts >= 1 && v;
    }, 120_000, 200);
    const pod = view.rows[1].pod;
    const raw = (await kubectlJson(['get', 'pod', 'crashy-1', '-n', ns])).status.containerStatuses[0];
    expect(raw.lastState.terminated).toMatchObject({ exitCode: 3, reason: 'Error' });
    expect(pod).toMatchObject({ health: 'bad', ready: false, lastExitCode: 3, lastReason: 'Error', exitCode: null, reason: 'CrashLoopBackOff' });
    expect(pod.restarts).toBeLessThanOrEqual(raw.restartCount);
    expect(pod.message).toMatch(/^back-off \d+s restarting failed container=app pod=crashy-1_/);
    // OrderedReady: ordinal 1 holds the start-up; ordinal 2 is never made.
    expect(view.status).toBe('Blocked');
    expect(view.blocking).toMatchObject({ ordinal: 1, reason: 'CrashLoop' });
    expect(view.blocking.detail).toMatch(/^pod crashy-1 is crash-looping \(\d+ restarts, last exit 3 Error: back-off/);
    expect(view.rows[2].pod).toBeNull();
    await expect(kubectl(['get', 'pod', 'crashy-2', '-n', ns])).rejects.toThrow(/NotFound/);
  });

  it('OOMKilled by its memory limit: exit 137', async () => {
    await jobFinished(ns, 'oom');
    const pod = await jobPod(ns, 'oom');
    expect(pod).toMatchObject({ status: 'OOMKilled', health: 'bad', exitCode: 137, reason: 'OOMKilled', node: 'kstate-node-1' });
    expect((await kubectlColumns(ns, pod.name)).status).toBe('OOMKilled');
  });

  it('Error with the exit code of the process', async () => {
    await jobFinished(ns, 'exit42');
    const pod = await jobPod(ns, 'exit42');
    expect(pod).toMatchObject({ status: 'Error', health: 'bad', exitCode: 42, reason: 'Error' });
    expect((await kubectlColumns(ns, pod.name)).status).toBe('Error');
  });

  it('Init:N/M while the regular init containers run', async () => {
    const view = await waitFor('slow-init-0 on its second init container', async () => {
      const v = await stsView(ns, 'slow-init');
      return v.rows[0]?.pod?.initRunning === 'wait' && v;
    }, 120_000);
    expect(view.rows[0].pod).toMatchObject({ status: 'Init:1/2', init: '1/2', health: 'progress', sidecars: '' });
    expect((await kubectlColumns(ns, 'slow-init-0')).status).toBe('Init:1/2');
    expect(view.blocking).toMatchObject({ ordinal: 0, reason: 'InitContainers', detail: 'init container wait is running (1/2 done)' });
  });

  it('a started native sidecar is a container of the pod, not an init container', async () => {
    await waitFor('with-sidecar-0 ready', async () => (await kubectlJson(['get', 'sts', 'with-sidecar', '-n', ns])).status?.readyReplicas === 1, 120_000);
    const pod = (await stsView(ns, 'with-sidecar')).rows[0].pod;
    expect(pod).toMatchObject({ status: 'Running', health: 'ok', init: '', initRunning: null, sidecars: '1/1', readyContainers: '2/2' });
    expect(await kubectlColumns(ns, 'with-sidecar-0')).toEqual({ ready: '2/2', status: 'Running' });

    // Beside a regular init container that is still running: Init:0/1 counts that one only
    // (kubectl, which counts the started sidecar among the init containers, says Init:1/2).
    const before = await waitFor('sidecar-then-init-0 on its init container', async () => {
      const v = await stsView(ns, 'sidecar-then-init');
      return v.rows[0]?.pod?.initRunning === 'wait' && v.rows[0].pod;
    }, 120_000);
    expect(before).toMatchObject({ status: 'Init:0/1', init: '0/1', sidecars: '1/1', health: 'progress' });
    expect((await kubectlColumns(ns, 'sidecar-then-init-0')).status).toBe('Init:1/2');
  });

  it('a Job pod whose sidecar the kubelet stopped after the main container finished is Completed', async () => {
    await jobFinished(ns, 'sidecar-job');
    const name = (await jobPod(ns, 'sidecar-job')).name;
    const raw = await kubectlJson(['get', 'pod', name, '-n', ns]);
    expect(raw.status.phase).toBe('Succeeded');
    // The sidecar did not leave on SIGTERM: killed, exit 137 — not a failure of the pod.
    expect(raw.status.initContainerStatuses[0].state.terminated).toMatchObject({ exitCode: 137, reason: 'Error' });
    expect(raw.status.containerStatuses[0].state.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
    const pod = await jobPod(ns, 'sidecar-job');
    expect(pod).toMatchObject({ status: 'Completed', health: 'ok', exitCode: 0 });
    expect((await kubectlColumns(ns, name)).status).toBe('Completed');
    const r = await kstate(['get', 'job', 'sidecar-job', '-n', ns, '-o', 'json']);
    expect(JSON.parse(r.stdout).items[0].status).toBe('Complete');
  });
});
