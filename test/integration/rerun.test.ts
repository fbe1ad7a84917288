// Re-running a finished Job on the local cluster: the new Job is accepted by the API server (so its
// controller-generated selector and labels were left out), keeps the CronJob owner, runs to the
// end; the dashboard's `R` sends the same; read-only sends nothing (the audit log says so).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contextDeps } from '../../src/cli/dashboard.js';
import { connect } from '../../src/kube/config.js';
import { startApp, type Harness } from '../ui/harness.js';
import { apply, freshNamespace, hasCluster, kstate, kstateWrites, kubeconfig, kubectl, kubectlJson, waitFor } from './helpers.js';
import { cronJobManifest, jobManifest } from './manifests.js';

describe.skipIf(!hasCluster)('re-run a finished Job', () => {
  let ns: string;
  let cleanup: () => Promise<void>;
  let h: Harness | undefined;
  const job = (name: string) => kubectlJson(['get', 'job', name, '-n', ns]).catch(() => null);
  const finished = (name: string) => waitFor(`${name} finished`, async () => ((await job(name))?.status?.conditions ?? []).some((c: any) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True'), 90_000);

  beforeAll(async () => {
    ({ name: ns, cleanup } = await freshNamespace('rerun'));
    await apply(ns, jobManifest('migrate', { fail: true, exitCode: 3, backoffLimit: 0 }));
    await apply(ns, cronJobManifest('nightly', { suspend: true, runFor: '1s' }));
    await finished('migrate');
  }, 120_000);
  afterAll(async () => {
    await h?.app.close();
    await cleanup?.();
  });

  it('kstate rerun job makes <name>-rerun-<n> from its spec, which the API server accepts and runs', async () => {
    const since = Date.now();
    const refused = await kstate(['rerun', 'job', 'migrate', '-n', ns, '--yes', '--read-only']);
    expect([refused.code, refused.stderr]).toEqual([2, 'kstate: read-only mode: re-run migrate was not sent\n']);
    expect(kstateWrites(ns, since)).toEqual([]);

    const r = await kstate(['rerun', 'job', 'migrate', '-n', ns, '--yes']);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toContain('done: create job migrate-rerun-1 from job migrate\n');
    const copy = await job('migrate-rerun-1');
    const original = await job('migrate');
    expect(copy.metadata.annotations['kstate.dev/rerun-of']).toBe('migrate');
    expect(copy.spec.selector.matchLabels['batch.kubernetes.io/controller-uid']).toBe(copy.metadata.uid);
    expect(copy.spec.template.spec.containers).toEqual(original.spec.template.spec.containers);
    expect(copy.spec.template.metadata.labels['kstate.dev/simulate']).toBe('fail');
    await finished('migrate-rerun-1');
    expect(kstateWrites(ns, since).map((w) => [w.verb, w.uri])).toEqual([['create', `/apis/batch/v1/namespaces/${ns}/jobs`]]);

    const running = await kstate(['rerun', 'job', 'nightly-x', '-n', ns, '--yes']);
    expect(running.code).toBe(2);
  });

  it('a run of a CronJob re-run from the dashboard stays the CronJob’s, as -rerun-2 after -rerun-1', async () => {
    expect((await kstate(['trigger', 'cj', 'nightly', '-n', ns, '--yes'])).code).toBe(0);
    const run = await waitFor('the manual run', async () => ((await kubectlJson(['get', 'jobs', '-n', ns])).items as any[]).find((j) => j.metadata.name.startsWith('nightly-manual-'))?.metadata.name, 30_000);
    await finished(run);
    expect((await kstate(['rerun', 'job', run, '-n', ns, '--yes'])).code).toBe(0);
    const conn = connect({ kubeconfig: kubeconfig!, namespace: ns });
    h = await startApp({} as never, contextDeps(conn, { readOnly: false, kubeconfig: kubeconfig! }, 100), [160, 45]);
    const until = (what: string, text: string) => waitFor(what, async () => (await h!.press(), h!.screen().includes(text)), 30_000, 200);
    await h.press('2', '/');
    for (const ch of run) await h.press(ch);
    await h.press('enter');
    // The filter matches the run and its first re-run; the run (first by name) is selected.
    await until('the run and its re-run in the list', `Jobs (2) /${run}`);
    await until('the run selected', `─ job/${run} ─`);
    await h.press('R');
    await until('the confirmation', `Create job/${run}-rerun-2 from the spec of job/${run}`);
    expect(h.screen().replace(/│/g, ' ').replace(/\s+/g, ' ')).toContain('owned by cronjob/nightly as its runs are?');
    await h.press('y');
    const second = await waitFor('the second re-run', () => job(`${run}-rerun-2`), 30_000);
    expect(second.metadata.ownerReferences).toEqual([expect.objectContaining({ kind: 'CronJob', name: 'nightly', controller: true })]);
    const cj = JSON.parse((await kstate(['describe', 'cj', 'nightly', '-n', ns, '-o', 'json'])).stdout);
    expect(cj.history.map((r: any) => r.name)).toEqual(expect.arrayContaining([run, `${run}-rerun-1`, `${run}-rerun-2`]));
  });

  it('kstate rerun job -l re-runs every matching failed Job, one new Job each; read-only sends nothing', async () => {
    await apply(ns, jobManifest('fail-a', { fail: true, backoffLimit: 0 }));
    await apply(ns, jobManifest('fail-b', { fail: true, backoffLimit: 0 }));
    await kubectl(['label', 'job', 'fail-a', 'fail-b', '-n', ns, 'team=batch']);
    await finished('fail-a');
    await finished('fail-b');
    const since = Date.now();
    const refused = await kstate(['rerun', 'job', '-l', 'team=batch', '-n', ns, '--read-only', '--yes']);
    expect([refused.code, refused.stderr]).toEqual([2, 'kstate: read-only mode: rerun was not sent\n']);
    expect(kstateWrites(ns, since)).toEqual([]);
    const r = await kstate(['rerun', 'job', '-l', 'team=batch', '-n', ns, '--yes']);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toContain('rerun: 2 object(s)\n• re-run job/fail-a as job/fail-a-rerun-1\n• re-run job/fail-b as job/fail-b-rerun-1\n');
    expect(kstateWrites(ns, since).map((w) => [w.verb, w.uri])).toEqual([
      ['create', `/apis/batch/v1/namespaces/${ns}/jobs`],
      ['create', `/apis/batch/v1/namespaces/${ns}/jobs`],
    ]);
    expect((await job('fail-a-rerun-1')).metadata.annotations['kstate.dev/rerun-of']).toBe('fail-a');
    expect((await job('fail-b-rerun-1')).metadata.annotations['kstate.dev/rerun-of']).toBe('fail-b');
  });
});
