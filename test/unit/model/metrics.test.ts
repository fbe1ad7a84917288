import { describe, expect, it } from 'vitest';
import { workloadSamples, type MetricId } from '../../../src/model/metrics.js';
import { iso, ownerOf, rawCronJob, rawJob, rawPod, rawPvc, rawSts, snapshot, T0, type Hidden, type RawByKind } from '../../fixtures/builders.js';

const MIN = 60_000;
const done = (type: 'Complete' | 'Failed', at: number, reason = '') => ({ conditions: [{ type, status: 'True', reason, lastTransitionTime: iso(at) }], ...(type === 'Complete' ? { completionTime: iso(at), succeeded: 1 } : { failed: 1 }) });

/** A CronJob "backup" with runs (newest last), each finished as given. */
function backup(runs: ('Complete' | 'Failed')[], spec: Record<string, unknown> = {}) {
  const cj = rawCronJob('backup', { schedule: '*/10 * * * *', ...spec }, { lastScheduleTime: iso(T0 - 10 * MIN) });
  const jobs = runs.map((outcome, i) => {
    const created = T0 - (runs.length - i) * 10 * MIN;
    return rawJob(`backup-${i}`, {}, { startTime: iso(created + 1000), ...done(outcome, created + 61_000) }, { creationTimestamp: iso(created), ownerReferences: [{ apiVersion: 'batch/v1', ...ownerOf(cj, 'CronJob'), controller: true }] });
  });
  return { cronjobs: [cj], jobs };
}

const samples = (raw: RawByKind, hidden: Hidden = {}) => workloadSamples(snapshot(raw, 'ns', hidden), T0, { graceMs: 5 * MIN });
const value = (s: ReturnType<typeof samples>, id: MetricId, labels: Record<string, string> = {}) =>
  s[id].filter((x) => Object.entries(labels).every(([k, v]) => x.labels[k] === v)).map((x) => x.value);

describe('workloadSamples', () => {
  it('reports a CronJob’s last run failed until a later run succeeds, with the streak and timestamps', () => {
    const failing = samples(backup(['Complete', 'Failed', 'Failed']));
    expect(value(failing, 'cronjobLastRunFailed')).toEqual([1]);
    expect(value(failing, 'cronjobConsecutiveFailures')).toEqual([2]);
    expect(value(failing, 'cronjobLastFailure')).toEqual([(T0 - 10 * MIN + 61_000) / 1000]);
    expect(value(failing, 'cronjobLastSuccess')).toEqual([(T0 - 30 * MIN + 61_000) / 1000]);
    expect(value(failing, 'cronjobLastDuration')).toEqual([60]);
    const recovered = samples(backup(['Failed', 'Failed', 'Complete']));
    expect(value(recovered, 'cronjobLastRunFailed')).toEqual([0]);
    expect(value(recovered, 'cronjobConsecutiveFailures')).toEqual([0]);
    expect(samples(backup([], { suspend: true })).finding.map((f) => f.labels)).toEqual([{ severity: 'info', code: 'Suspended', kind: 'CronJob', namespace: 'ns', name: 'backup' }]);
  });

  it('gives the next run exactly, and none while suspended', () => {
    expect(value(samples(backup([])), 'cronjobNextRun')).toEqual([(T0 + 10 * MIN) / 1000]);
    const suspended = samples(backup([], { suspend: true }));
    expect(suspended.cronjobNextRun).toEqual([]);
    expect(value(suspended, 'cronjobSuspended')).toEqual([1]);
  });

  it('reports a CronJob’s runs under the CronJob (the newest run), never under a Job’s name', () => {
    const s = samples(backup(['Failed', 'Complete']));
    expect(s.jobFailedPods.map((x) => x.labels)).toEqual([{ namespace: 'ns', owner_kind: 'CronJob', owner: 'backup' }]);
    expect(value(s, 'jobFailedPods')).toEqual([0]);
    const own = samples({ jobs: [rawJob('migrate', { backoffLimit: 0 }, done('Failed', T0 - MIN, 'BackoffLimitExceeded'))] });
    expect(own.jobOverBudget).toEqual([{ labels: { namespace: 'ns', owner_kind: 'Job', owner: 'migrate' }, value: 1 }]);
  });

  it('reports the ordinal that blocks a StatefulSet with its reason, and retained claims', () => {
    const sts = rawSts('db', { replicas: 2 }, { replicas: 2, readyReplicas: 1 });
    const crash = { owner: ownerOf(sts, 'StatefulSet'), ready: false, restarts: 5, containerState: { waiting: { reason: 'CrashLoopBackOff' } } };
    const s = samples({ statefulsets: [sts], pods: [rawPod('db-0', { owner: ownerOf(sts, 'StatefulSet') }), rawPod('db-1', crash)], pvcs: [rawPvc('data-db-0'), rawPvc('data-db-1'), rawPvc('data-db-2')] });
    expect(value(s, 'stsBlocked')).toEqual([1]);
    expect(s.stsBlockedOrdinal).toEqual([{ labels: { namespace: 'ns', statefulset: 'db', reason: 'CrashLoop' }, value: 1 }]);
    expect(value(s, 'stsRetainedClaims')).toEqual([1]);
    expect(s.finding.map((f) => [f.labels.code, f.labels.kind, f.labels.name])).toEqual(expect.arrayContaining([['RetainedClaims', 'StatefulSet', 'db']]));
  });

  it('says which kinds it cannot see, and leaves out what depends on them rather than report zero', () => {
    const s = samples({ ...backup(['Failed']), statefulsets: [rawSts('db', { replicas: 1 })] }, { jobs: 'forbidden', pods: 'syncing' });
    expect(value(s, 'kindVisible', { kind: 'jobs' })).toEqual([0]);
    expect(value(s, 'kindVisible', { kind: 'pods' })).toEqual([0]);
    expect(value(s, 'kindVisible', { kind: 'cronjobs' })).toEqual([1]);
    expect(s.cronjobLastRunFailed).toEqual([]);
    expect(s.jobFailedPods).toEqual([]);
    expect(s.stsBlocked).toEqual([]);
  });
});
