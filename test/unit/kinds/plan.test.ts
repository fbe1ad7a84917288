// Action plans over several objects, the same for marks and `kstate … -l`: each object's plan or
// why it is left out, read-only mode and RBAC asked of every request, the dialog's lines, and
// sending that goes on past a failure.
import { describe, expect, it } from 'vitest';
import { checkAccess, confirmationLines, planEach, sendEach } from '../../../src/kinds/plan.js';
import { KINDS } from '../../../src/kinds/registry.js';
import type { AnyView } from '../../../src/kinds/types.js';
import { rawCronJob, rawJob, rawPv, rawPvc, rawSts, snapshot, T0 } from '../../fixtures/builders.js';

const text = (lines: ReturnType<typeof confirmationLines>) => lines.map((l) => l.map((s) => s.text).join(''));
const [statefulSets, , cronJobs] = KINDS;
const at = (snap: ReturnType<typeof snapshot>) => ({ snapshot: () => snap, now: () => T0 });
const action = (kind: typeof statefulSets, id: string) => kind!.actions.find((a) => a.id === id)!;
const objects = (kind: typeof statefulSets, snap: ReturnType<typeof snapshot>) =>
  [...(snap.kinds[kind!.view] as ReadonlyMap<string, any>).values()].map((r) => ({ name: `${kind!.short}/${r.name}`, v: kind!.viewOf(r, snap, T0) as AnyView }));

describe('planEach', () => {
  const snap = snapshot({ cronjobs: [rawCronJob('a'), rawCronJob('b', { suspend: true }), rawCronJob('c')] });

  it('plans each object, leaving out the ones already as asked, with the reason', () => {
    const plan = planEach('suspend', action(cronJobs, 'suspend'), objects(cronJobs, snap), at(snap), []);
    expect(plan.targets.map((t) => [t.name, t.request.method, t.request.path, t.request.access.name])).toEqual([
      ['cronjob/a', 'PATCH', '/apis/batch/v1/namespaces/ns/cronjobs/a', 'a'],
      ['cronjob/c', 'PATCH', '/apis/batch/v1/namespaces/ns/cronjobs/c', 'c'],
    ]);
    expect(plan.skipped).toEqual([{ name: 'cronjob/b', reason: 'already suspended', refused: false }]);
    expect(text(confirmationLines(plan))).toEqual(['suspend: 2 object(s), 1 skipped', '• suspend cronjob/a', '• suspend cronjob/c', '✗ skipped cronjob/b: already suspended']);
  });

  it('leaves out a scale that deletes data: it is done alone, its name typed', () => {
    const sts = rawSts('db', { replicas: 2, persistentVolumeClaimRetentionPolicy: { whenScaled: 'Delete' }, volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { resources: { requests: { storage: '1Gi' } } } }] }, { replicas: 2 });
    const world = snapshot({ statefulsets: [sts, rawSts('web', { replicas: 2 }, { replicas: 2 })], pvcs: [rawPvc('data-db-0'), rawPvc('data-db-1')], pvs: [rawPv('data-db-0'), rawPv('data-db-1')], pods: [] });
    const plan = planEach('-1', action(statefulSets, 'sts.scaleDown'), objects(statefulSets, world), at(world), []);
    expect(plan.targets.map((t) => t.summary)).toEqual(['scale sts/web 2 → 1']);
    expect(plan.skipped).toEqual([{ name: 'sts/db', reason: 'it deletes data on volumes (whenScaled: Delete): scale it alone, typing its name', refused: false }]);
    const alone = action(statefulSets, 'sts.scaleDown').plan(objects(statefulSets, world)[0]!.v, at(world), []);
    expect('typed' in alone && alone.typed?.name).toBe('db');
  });
});

describe('checkAccess', () => {
  const snap = snapshot({ cronjobs: [rawCronJob('a'), rawCronJob('b'), rawCronJob('c')] });
  const plan = planEach('suspend', action(cronJobs, 'suspend'), objects(cronJobs, snap), at(snap), []);

  it('moves each request RBAC refuses to the skipped, asked by the object’s name', async () => {
    const asked: string[] = [];
    const checked = await checkAccess(plan, async (q) => (asked.push(`${q.verb} ${q.resource} ${q.name}`), q.name === 'b' ? 'forbidden: patch cronjobs "b"' : null));
    expect(asked).toEqual(['patch cronjobs a', 'patch cronjobs b', 'patch cronjobs c']);
    expect(checked.targets.map((t) => t.name)).toEqual(['cronjob/a', 'cronjob/c']);
    expect(checked.skipped).toEqual([{ name: 'cronjob/b', reason: 'forbidden: patch cronjobs "b"', refused: true }]);
  });

  it('counts a review that could not be asked as a refusal, with why', async () => {
    const checked = await checkAccess(plan, async () => Promise.reject(new Error('connection refused')));
    expect(checked.targets).toEqual([]);
    expect(checked.skipped.map((s) => s.reason)).toEqual(Array(3).fill('cannot check access: connection refused'));
  });
});

describe('sendEach', () => {
  it('sends every target in turn and goes on past a failure', async () => {
    const snap = snapshot({ cronjobs: [rawCronJob('a'), rawCronJob('b'), rawCronJob('c')] });
    const plan = planEach('suspend', action(cronJobs, 'suspend'), objects(cronJobs, snap), at(snap), []);
    const sent: string[] = [];
    const reported: string[] = [];
    const results = await sendEach(
      plan,
      async (r) => {
        sent.push(r.path.split('/').pop()!);
        if (r.path.endsWith('/b')) throw new Error('the server said no');
        return 'ok';
      },
      (r) => reported.push(`${r.target.name} ${r.ok ? 'ok' : r.error}`),
    );
    expect(sent).toEqual(['a', 'b', 'c']);
    expect(reported).toEqual(['cronjob/a ok', 'cronjob/b the server said no', 'cronjob/c ok']);
    expect(results.map((r) => r.ok)).toEqual([true, false, true]);
  });
});

describe('one object', () => {
  it('shows its question and its preview, and holds the one request it sends', () => {
    const snap = snapshot({ statefulsets: [rawSts('web', { replicas: 1 }, { replicas: 1 })] });
    const { v } = objects(statefulSets, snap)[0]!;
    const plan = action(statefulSets, 'sts.scale').plan(v, at(snap), ['2']);
    if ('skip' in plan) throw new Error(plan.skip);
    expect(text(confirmationLines(plan))).toEqual([
      'scale sts/web 1 → 2',
      '',
      '+ create pods at ordinals 1',
      '  claim data-web-1: create',
      '! OrderedReady: the controller waits on ordinal 0 (pod web-0 does not exist yet) before going on',
    ]);
    expect(plan.targets.map((t) => [t.request.method, t.request.path, t.request.access])).toEqual([
      ['PUT', '/apis/apps/v1/namespaces/ns/statefulsets/web/scale', { verb: 'update', group: 'apps', resource: 'statefulsets', subresource: 'scale', namespace: 'ns', name: 'web' }],
    ]);
    expect(action(statefulSets, 'sts.scale').plan(v, at(snap), ['two'])).toEqual({ skip: 'not a number: "two" (a whole number ≥ 0)' });
  });
});

describe('bulk: several CronJobs to one zone, several failed Jobs re-run', () => {
  const [, jobs] = KINDS;

  it('moves each marked CronJob to the zone with its own schedule kept and its own next runs under it', () => {
    const snap = snapshot({ cronjobs: [rawCronJob('a', { schedule: '0 6 * * *' }), rawCronJob('b', { schedule: '30 1 * * *', timeZone: 'Europe/Berlin' }), rawCronJob('c', { schedule: 'TZ=UTC 0 * * * *' })] });
    const plan = planEach('time zone', action(cronJobs, 'cj.zone'), objects(cronJobs, snap), at(snap), ['Europe/Berlin']);
    expect(plan.targets.map((t) => [t.name, t.request.body])).toEqual([['cronjob/a', { metadata: { resourceVersion: '' }, spec: { schedule: '0 6 * * *', timeZone: 'Europe/Berlin' } }]]);
    expect(plan.skipped.map((s) => s.name)).toEqual(['cronjob/b', 'cronjob/c']);
    expect(plan.skipped[0]!.reason).toBe('cronjob/b already runs on "30 1 * * *" in Europe/Berlin');
    const lines = text(confirmationLines(plan));
    expect(lines.slice(0, 4)).toEqual([
      'time zone: 1 object(s), 2 skipped',
      '• schedule cronjob/a "0 6 * * *" in Europe/Berlin',
      '    Set the schedule of cronjob/a: "0 6 * * *" (UTC) → "0 6 * * *" (Europe/Berlin), at 06:00 every day?',
      '      next 5 run(s) in Europe/Berlin:',
    ]);
    expect(lines[4]).toMatch(/^ {8}\d{4}-\d\d-\d\d 06:00 {2}\(\d{4}-\d\d-\d\dT0[45]:00:00\.000Z\)$/);
    expect(action(cronJobs, 'cj.zone').bulk).toEqual({ ask: 'move every marked CronJob to time zone: ' });
  });

  it('re-runs each finished Job once: a Job and its re-run would make the same Job, the second is left out', () => {
    const failed = { conditions: [{ type: 'Failed', status: 'True', lastTransitionTime: '2026-11-22T11:59:00Z' }], failed: 1 };
    const snap = snapshot({ jobs: [rawJob('migrate', {}, failed), rawJob('migrate-rerun-1', {}, failed), rawJob('seed', {}, failed), rawJob('running', {}, { active: 1 })] });
    const plan = planEach('re-run', action(jobs!, 'job.rerun'), objects(jobs!, snap), at(snap), []);
    expect(plan.targets.map((t) => t.summary)).toEqual(['re-run job/migrate as job/migrate-rerun-2', 're-run job/seed as job/seed-rerun-1']);
    expect(plan.skipped).toEqual([
      { name: 'job/migrate-rerun-1', reason: 'it would make migrate-rerun-2, as job/migrate does: do it again once that is sent', refused: false },
      { name: 'job/running', reason: 'job/running has not finished (Running)', refused: false },
    ]);
  });
});
