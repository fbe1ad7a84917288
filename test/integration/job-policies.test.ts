// Job semantics of Kubernetes 1.31–1.36 on the local cluster (KWOK pods, the real Job controller):
// per-index backoff, the pod failure policy (the rule that failed the Job, failures it ignored),
// the success policy, and a Job another controller manages.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apply, freshNamespace, hasCluster, kstate, kubectlJson, waitFor } from './helpers.js';

/** A Job whose busybox pods KWOK runs for 1 s; `fail` makes each fail with `exitCode`. */
function job(name: string, spec: Record<string, unknown>, o: { fail?: boolean; exitCode?: number; runFor?: string } = {}): string {
  return JSON.stringify({
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name },
    spec: {
      ...spec,
      template: {
        metadata: { labels: o.fail ? { 'kstate.dev/simulate': 'fail' } : {}, annotations: { 'kstate.dev/run-for': o.runFor ?? '1s', ...(o.exitCode !== undefined ? { 'kstate.dev/exit-code': String(o.exitCode) } : {}) } },
        spec: { restartPolicy: 'Never', containers: [{ name: 'w', image: 'busybox:1.36' }] },
      },
    },
  });
}

describe.skipIf(!hasCluster)('Job policies on the local cluster', () => {
  let ns: string;
  let cleanup: () => Promise<void>;
  const get = async (name: string) => {
    const r = await kstate(['get', 'jobs', name, '-n', ns, '-o', 'json']);
    expect(r.stderr).toBe('');
    return JSON.parse(r.stdout).items[0];
  };
  const condition = (name: string, type: string) => async () => ((await kubectlJson(['get', 'job', name, '-n', ns])).status?.conditions ?? []).find((c: any) => c.type === type && c.status === 'True');
  beforeAll(async () => {
    ({ name: ns, cleanup } = await freshNamespace('jobpol'));
  });
  afterAll(async () => cleanup?.());

  it('per-index backoff: the limit is per index and the failed indexes count against maxFailedIndexes, not backoffLimit (MaxInt32)', async () => {
    await apply(ns, job('per-index', { completionMode: 'Indexed', completions: 3, parallelism: 3, backoffLimitPerIndex: 1, maxFailedIndexes: 1 }, { fail: true, exitCode: 3 }));
    const failed = await waitFor('the Job failed by its failed indexes', condition('per-index', 'Failed'), 90_000);
    expect(failed.reason).toBe('MaxFailedIndexesExceeded');
    const server = await kubectlJson(['get', 'job', 'per-index', '-n', ns]);
    expect(server.spec.backoffLimit).toBe(2147483647);
    const view = await get('per-index');
    expect(view.budget).toMatchObject({ scope: 'index', limit: 1, maxFailedIndexes: 1 });
    expect(view.budget.failedIndexes).toBeGreaterThanOrEqual(2);
    // Every index that failed used its one retry: two failures each.
    for (const i of [0, 1, 2]) if (view.indexes[i] === 'failed') expect(view.budget.perIndex[i]).toBe(2);
    const table = (await kstate(['get', 'jobs', 'per-index', '-n', ns])).stdout;
    expect(table).not.toContain('2147483647');
    expect(table).toMatch(new RegExp(`per-index\\s+Failed\\s+0/3\\s+${view.budget.failedIndexes}/1 idx`));
    const text = (await kstate(['describe', 'job', 'per-index', '-n', ns])).stdout;
    expect(text).toMatch(/Failures:\s+1 retry per index \(backoffLimitPerIndex\); \d failed index\(es\) of maxFailedIndexes 1; \d+ pod failure\(s\)\n/);
    expect(text).toContain('Status:               Failed (MaxFailedIndexesExceeded)');
  });

  it('pod failure policy: the rules in words, the rule that failed the Job with its pod and exit code, and ignored failures not counted', async () => {
    const rules = [
      { action: 'Ignore', onExitCodes: { containerName: 'w', operator: 'In', values: [5] } },
      { action: 'FailJob', onExitCodes: { containerName: 'w', operator: 'In', values: [42] } },
    ];
    await apply(ns, job('fail-fast', { backoffLimit: 6, podFailurePolicy: { rules } }, { fail: true, exitCode: 42 }));
    await apply(ns, job('ignored', { backoffLimit: 1, podFailurePolicy: { rules } }, { fail: true, exitCode: 5 }));
    await waitFor('fail-fast failed by its policy', condition('fail-fast', 'Failed'), 60_000);
    const view = await get('fail-fast');
    expect(view.failureRules).toEqual([
      { action: 'Ignore', when: 'container w exits with 5' },
      { action: 'FailJob', when: 'container w exits with 42' },
    ]);
    expect(view.failedByRule.rule).toBe(1);
    expect(view.failedByRule.text).toMatch(/^Container w for pod .+\/fail-fast-\w+ failed with exit code 42 matching FailJob rule at index 1$/);
    expect(view.failed).toBe(1);
    expect(view.status).toBe('Failed');
    // Exit 5 is ignored: pods fail and are made again, and the Job never runs out of its backoffLimit of 1.
    await waitFor('three ignored pod failures', async () => ((await kubectlJson(['get', 'pods', '-n', ns, '-l', 'job-name=ignored'])).items as any[]).filter((p) => p.status.phase === 'Failed').length >= 3, 60_000);
    const ignored = await get('ignored');
    expect(ignored.failed).toBe(0);
    expect(ignored.budget).toMatchObject({ scope: 'job', limit: 1, failed: 0 });
    expect(ignored.status).not.toBe('Failed');
  });

  it('success policy: "done when …" in words; the pods stopped after success are no failures', async () => {
    await apply(ns, job('leader', { completionMode: 'Indexed', completions: 3, parallelism: 3, successPolicy: { rules: [{ succeededIndexes: '0', succeededCount: 1 }] } }, { runFor: '1s' }));
    await waitFor('leader complete', condition('leader', 'Complete'), 60_000);
    const view = await get('leader');
    expect(view.success).toBe('done when 1 of indexes 0 succeed (the rest are then stopped, not failed)');
    expect(view.budget.failed).toBe(0);
    expect((await kubectlJson(['get', 'job', 'leader', '-n', ns])).status.conditions.map((c: any) => c.type)).toContain('SuccessCriteriaMet');
  });

  it('managedBy: another controller carries the Job out; kstate says so, asks for no pods, and suspend says who acts', async () => {
    await apply(ns, job('elsewhere', { managedBy: 'example.com/multikueue' }));
    const view = await waitFor('the Job listed', async () => get('elsewhere'), 30_000);
    expect(view.managedBy).toBe('example.com/multikueue');
    expect(view.findings.map((f: any) => f.code)).toEqual(['ManagedElsewhere']);
    const dry = await kstate(['suspend', 'job', 'elsewhere', '-n', ns, '--dry-run']);
    expect(dry.stdout).toContain('! managed by example.com/multikueue: that controller, not the Job controller, stops or starts its pods');
    expect(((await kubectlJson(['get', 'pods', '-n', ns, '-l', 'job-name=elsewhere'])).items as any[]).length).toBe(0);
  });
});
