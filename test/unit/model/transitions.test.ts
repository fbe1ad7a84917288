import { describe, expect, it } from 'vitest';
import { check } from '../../../src/model/health.js';
import { diff, summarize } from '../../../src/model/transitions.js';
import { iso, ownerOf, rawCronJob, rawJob, rawPod, rawPvc, rawService, rawSts, snapshot, T0, type RawByKind } from '../../fixtures/builders.js';

const MIN = 60_000;
const failed = { conditions: [{ type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded', lastTransitionTime: iso(T0 - MIN) }], failed: 7 };
const complete = (at: number) => ({ succeeded: 1, completionTime: iso(at), conditions: [{ type: 'Complete', status: 'True', lastTransitionTime: iso(at) }] });

function stuckSts(createdAgo: number): RawByKind {
  const sts = rawSts('db', { replicas: 2 }, { readyReplicas: 1 });
  return {
    statefulsets: [sts],
    pods: [rawPod('db-0', { owner: ownerOf(sts, 'StatefulSet') }), rawPod('db-1', { owner: ownerOf(sts, 'StatefulSet'), phase: 'Pending', ready: false, created: T0 - createdAgo })],
    pvcs: [rawPvc('data-db-0'), rawPvc('data-db-1', 'Pending', T0 - createdAgo)],
    services: [rawService('db')],
  };
}

describe('check', () => {
  it('is quiet about a healthy namespace', () => {
    const sts = rawSts('web', { replicas: 1 }, { readyReplicas: 1 });
    const snap = snapshot({ statefulsets: [sts], pods: [rawPod('web-0', { owner: ownerOf(sts, 'StatefulSet') })], pvcs: [rawPvc('data-web-0')], services: [rawService('web')], jobs: [rawJob('ok', {}, complete(T0 - MIN))] });
    expect(check(snap, T0, { graceMs: 5 * MIN })).toEqual([]);
  });

  it('reports a StatefulSet not ready past the grace period, with its blocking ordinal', () => {
    const young = check(snapshot(stuckSts(2 * MIN)), T0, { graceMs: 5 * MIN });
    expect(young.map((f) => f.code)).toEqual(['UnboundClaim']);
    const old = check(snapshot(stuckSts(20 * MIN)), T0, { graceMs: 5 * MIN });
    expect(old[0]).toMatchObject({ severity: 'failure', code: 'NotReady', object: 'sts/db' });
    expect(old[0]!.message).toBe('1/2 ready for 20m: blocked at ordinal 1 — UnboundClaim: claim data-db-1 is Pending');
  });

  it('orders findings worst first and reports a CronJob failure once', () => {
    const cj = rawCronJob('nightly', { schedule: '0 0 * * *', suspend: true });
    const run = rawJob('nightly-1', {}, failed, { ownerReferences: [{ kind: 'CronJob', name: 'nightly', uid: cj.metadata.uid, controller: true }] });
    const findings = check(snapshot({ cronjobs: [cj], jobs: [run, rawJob('solo', {}, failed)] }), T0, { graceMs: 5 * MIN });
    expect(findings.map((f) => [f.severity, f.object, f.code])).toEqual([
      ['failure', 'cronjob/nightly', 'LastRunFailed'],
      ['failure', 'job/solo', 'JobFailed'],
      ['info', 'cronjob/nightly', 'Suspended'],
    ]);
  });
});

describe('watch transitions', () => {
  it('reports readiness, completion, failure, new runs and deletions once each', () => {
    const sts = rawSts('db', { replicas: 2 }, { readyReplicas: 1 });
    const cj = rawCronJob('backup', { schedule: '*/5 * * * *' }, { lastScheduleTime: iso(T0 - MIN) }, { creationTimestamp: iso(T0 - 2 * MIN) });
    const before = snapshot({ statefulsets: [sts], jobs: [rawJob('pi', {}, { active: 1 }), rawJob('gone')], cronjobs: [cj] });
    const owned = rawJob('backup-1', {}, { active: 1 }, { ownerReferences: [{ kind: 'CronJob', name: 'backup', uid: cj.metadata.uid, controller: true }] });
    const pi = rawJob('pi', {}, complete(T0 - 10_000));
    pi.metadata.uid = before.kinds.jobs.values().next().value!.uid;
    const after = snapshot({ statefulsets: [{ ...sts, status: { ...sts.status, readyReplicas: 2 } }], jobs: [pi, owned], cronjobs: [cj] });
    const a = summarize(before, T0);
    const b = summarize(after, T0);
    const lines = diff(a, b, T0).map((t) => t.text);
    expect(lines).toEqual(['sts/db ready 1/2 → 2/2', 'job/backup-1 created (Running)', 'job/pi Complete in 100s', 'cronjob/backup started backup-1', 'job/gone deleted']);
    expect(diff(b, b, T0)).toEqual([]);
    expect(diff(b, summarize(after, T0 + 1000), T0 + 1000)).toEqual([]);
  });

  it('says when an object was recreated under the same name', () => {
    const one = snapshot({ jobs: [rawJob('x')] });
    const two = snapshot({ jobs: [rawJob('x', {}, failed)] });
    expect(diff(summarize(one, T0), summarize(two, T0), T0).map((t) => t.text)).toEqual(['job/x recreated (Failed BackoffLimitExceeded)']);
  });
});
