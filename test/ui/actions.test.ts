import { afterEach, describe, expect, it } from 'vitest';
import type { ActionRequest } from '../../src/model/requests.js';
import type { ActionPort } from '../../src/ui/app.js';
import { ownerOf, rawCronJob, rawJob, rawPod, rawPv, rawPvc, rawService, rawSts, snapshot, T0 } from '../fixtures/builders.js';
import { FakeSource, startApp, type Harness } from './harness.js';

function world() {
  const sts = rawSts('web', { replicas: 2 }, { replicas: 2, readyReplicas: 2 }, { resourceVersion: '77' });
  return snapshot({
    statefulsets: [sts],
    pods: [0, 1].map((n) => rawPod(`web-${n}`, { owner: ownerOf(sts, 'StatefulSet') })),
    pvcs: [rawPvc('data-web-0'), rawPvc('data-web-1'), rawPvc('data-web-2')],
    pvs: [rawPv('data-web-0'), rawPv('data-web-1'), rawPv('data-web-2', { reclaimPolicy: 'Retain' })],
    services: [rawService('web')],
    jobs: [rawJob('once')],
    cronjobs: [rawCronJob('nightly', { concurrencyPolicy: 'Forbid' }, { active: [{ name: 'nightly-1', uid: 'j1' }] })],
  });
}

/** Records each request the dashboard sends as one line: what it does, to what. */
function fakePort(calls: string[], refuse: Record<string, string> = {}): ActionPort {
  return {
    refusal: async (a) => refuse[`${a.verb} ${a.resource}`] ?? null,
    send: async (req: ActionRequest) => {
      const [, ns, resource, name, sub] = /namespaces\/([^/]+)\/([^/]+)(?:\/([^/]+))?(?:\/([^/]+))?$/.exec(req.path)!;
      const body = req.body as any;
      if (sub === 'scale') calls.push(`scale ${ns}/${name} ${body.spec.replicas} rv=${body.metadata.resourceVersion}`);
      else if (req.method === 'PATCH' && body.spec?.suspend !== undefined) calls.push(`suspend ${resource} ${ns}/${name} ${body.spec.suspend}`);
      else if (req.method === 'PATCH' && body.spec?.updateStrategy) calls.push('partition');
      else if (req.method === 'PATCH') calls.push(`restart ${ns}/${name}`);
      else if (req.method === 'DELETE' && resource === 'pods') calls.push(`delete pod ${ns}/${name}`);
      else if (req.method === 'DELETE' && resource === 'jobs') calls.push('delete job');
      else if (req.method === 'DELETE') calls.push(`delete claim ${ns}/${name} ${body.preconditions.uid.slice(0, 14)}`);
      else if (req.fromCronJob) {
        calls.push(`trigger ${ns}/${req.fromCronJob}`);
        return { metadata: { name: 'nightly-manual-1' } };
      }
      return undefined;
    },
  };
}

let h: Harness | null = null;
afterEach(async () => {
  await h?.app.close();
  h = null;
});
const settle = () => h!.app.whenIdle();

describe('dashboard actions (headless)', () => {
  it('scales after a preview and an explicit y, with the resourceVersion it previewed', async () => {
    const calls: string[] = [];
    h = await startApp(new FakeSource(world()), { now: () => T0, actions: fakePort(calls) });
    await h.press('s', '3', 'enter');
    const s = h.screen();
    expect(s).toContain('scale sts/web 2 → 3');
    expect(s).toContain('claim data-web-2: reattach');
    expect(calls).toEqual([]);
    await h.press('y');
    await settle();
    expect(calls).toEqual(['scale ns/web 3 rv=77']);
    expect(h.screen()).toContain('✓ scale web → 3');
    await h.press('-', 'n');
    expect(calls).toHaveLength(1);
  });

  it('asks RBAC about the selected object by its name: a Role granting patch by resourceNames lets z through, and refuses the other', async () => {
    const calls: string[] = [];
    const port: ActionPort = { ...fakePort(calls), refusal: async (a) => (a.resource === 'cronjobs' && a.name === 'nightly' ? null : `forbidden: ${a.verb} ${a.resource}${a.name ? ` "${a.name}"` : ''}`) };
    h = await startApp(new FakeSource(snapshot({ cronjobs: [rawCronJob('nightly'), rawCronJob('weekly')] })), { now: () => T0, actions: port });
    await h.press('3');
    await settle(); // the hints asked about the selection; the answer is in
    await h.press('z');
    expect(h.screen()).toContain('Suspend cronjob/nightly (spec.suspend: true)?');
    await h.press('y');
    await settle();
    expect(calls).toEqual(['suspend cronjobs ns/nightly true']);
    await h.press('j');
    await settle();
    await h.press('z');
    expect(h.screen().split('\n').pop()).toContain('suspend: forbidden: patch cronjobs "weekly"');
    expect(calls).toHaveLength(1);
  });

  it('offers no action in read-only mode and never calls the writer', async () => {
    const calls: string[] = [];
    h = await startApp(new FakeSource(world()), { now: () => T0, readOnly: true, actions: fakePort(calls) });
    for (const k of ['s', '+', '-', 'r', 'p', 'x', 'c', 'E', '3', 'z', 'u', 't', '2', 'z', 'u', 'D', 'x']) {
      await h.press(k);
      if (!/^\d$/.test(k)) expect(h.screen().split('\n').pop(), k).toMatch(/read-only mode/);
    }
    expect(calls).toEqual([]);
    await h.press('?');
    expect(h.screen()).toMatch(/z\s+suspend \(spec\.suspend: true\) \(read-only mode\)/);
  });

  it('shows an action RBAC forbids as disabled, with the reason', async () => {
    const calls: string[] = [];
    h = await startApp(new FakeSource(world()), { now: () => T0, actions: fakePort(calls, { 'update statefulsets': 'forbidden: update statefulsets/scale' }) });
    await h.press('s');
    await settle();
    await h.press('s');
    expect(h.screen()).toContain('scale: forbidden: update statefulsets/scale');
    expect(calls).toEqual([]);
  });

  it('triggers a CronJob, warns under Forbid, and selects the new Job', async () => {
    const calls: string[] = [];
    const source = new FakeSource(world());
    h = await startApp(source, { now: () => T0, actions: fakePort(calls) });
    await h.press('3', 't');
    expect(h.screen()).toContain('concurrencyPolicy is Forbid and 1 run(s) are still active');
    await h.press('y');
    await settle();
    expect(calls).toEqual(['trigger ns/nightly']);
    const snap = world();
    const jobs = new Map(snap.kinds.jobs);
    const manual = snapshot({ jobs: [rawJob('nightly-manual-1'), rawJob('aaa-first')] }).kinds.jobs;
    for (const [k, v] of manual) jobs.set(k, v);
    source.update({ ...snap, kinds: { ...snap.kinds, jobs } });
    await settle();
    expect(h.screen()).toContain('Jobs (3)');
    expect(h.screen()).toContain('job/nightly-manual-1');
  });

  it('suspends with an explicit target and refuses to "suspend" what is suspended', async () => {
    const calls: string[] = [];
    h = await startApp(new FakeSource(world()), { now: () => T0, actions: fakePort(calls) });
    await h.press('3', 'u');
    expect(h.screen()).toContain('resume: not suspended');
    await h.press('z', 'y');
    await settle();
    expect(calls).toEqual(['suspend cronjobs ns/nightly true']);
  });

  it('scales down under whenScaled: Delete only once the StatefulSet’s name is typed, saying which data goes', async () => {
    const calls: string[] = [];
    const snap = world();
    const sts = rawSts('web', { replicas: 2, persistentVolumeClaimRetentionPolicy: { whenScaled: 'Delete', whenDeleted: 'Retain' } }, { replicas: 2, readyReplicas: 2 }, { resourceVersion: '78' });
    const stsMap = snapshot({ statefulsets: [sts] }).kinds.statefulsets;
    h = await startApp(new FakeSource({ ...snap, kinds: { ...snap.kinds, statefulsets: stsMap } }), { now: () => T0, actions: fakePort(calls) });
    await h.press('-');
    expect(h.screen()).toContain('claim data-web-1: delete — volume pvc-data-web-1 (reclaimPolicy Delete) is deleted with it');
    await h.press('y');
    expect(calls).toEqual([]);
    await h.press('enter');
    expect(h.screen().split('\n').pop()).toContain('the name did not match: nothing sent');
    await h.press('-');
    for (const ch of 'web') await h.press(ch);
    await h.press('enter');
    await settle();
    expect(calls).toEqual(['scale ns/web 1 rv=78']);
  });

  it('deletes a retained claim only after its name is typed', async () => {
    const calls: string[] = [];
    h = await startApp(new FakeSource(world()), { now: () => T0, actions: fakePort(calls) });
    await h.press('c', 'enter');
    for (const ch of 'wrong') await h.press(ch);
    await h.press('enter');
    expect(calls).toEqual([]);
    expect(h.screen().split('\n').pop(), h.screen().split('\n').slice(-3).join('\n')).toContain('the name did not match');
    await h.press('c', 'enter');
    expect(h.screen()).toContain('Its volume pvc-data-web-2 (reclaimPolicy Retain) is kept as Released, with the data on it.');
    expect(h.screen()).toContain('type the claim name to delete it (data-web-2):');
    for (const ch of 'data-web-2') await h.press(ch);
    await h.press('enter');
    await settle();
    expect(calls).toEqual(['delete claim ns/data-web-2 uid-data-web-2']);
  });
});
