import { afterEach, describe, expect, it } from 'vitest';
import { iso, ownerOf, rawCronJob, rawJob, rawPod, rawPvc, rawService, rawSts, snapshot, T0, type Hidden, type RawByKind } from '../fixtures/builders.js';
import { FakeSource, startApp, type Harness } from './harness.js';

function demo(extra: RawByKind = {}) {
  const sts = rawSts('web', { replicas: 2 }, { replicas: 2, readyReplicas: 2 });
  const job = rawJob('backup-1', { completions: 3 }, { succeeded: 1, active: 2 });
  return {
    statefulsets: [sts, ...(extra.statefulsets ?? [])],
    pods: [0, 1].map((n) => rawPod(`web-${n}`, { owner: ownerOf(sts, 'StatefulSet'), revision: 'web-rev1' })),
    pvcs: [rawPvc('data-web-0'), rawPvc('data-web-1'), rawPvc('data-web-2', 'Bound', T0 - 7200_000)],
    services: [rawService('web')],
    jobs: [job],
    cronjobs: [rawCronJob('nightly', { schedule: '0 0 * * *', timeZone: 'Europe/Berlin' })],
    events: extra.events ?? [],
  } satisfies RawByKind;
}

let h: Harness | null = null;
afterEach(async () => {
  await h?.app.close();
  h = null;
});

describe('dashboard (headless)', () => {
  it('opens on the StatefulSets with the ordinal matrix of the selected one', async () => {
    h = await startApp(new FakeSource(snapshot(demo())), { now: () => T0 });
    const s = h.screen();
    expect(s).toContain('StatefulSets (1)');
    expect(s).toMatch(/web\s+2\/2\s+● Ready/);
    expect(s).toContain('web-0.web.ns.svc.cluster.local');
    expect(s).toMatch(/▶?\s*2\s+web-2\s+⊘ retained/);
    expect(s).toContain('1 claim(s) retained after scale-down at ordinal(s) 2');
    expect(s).toContain('ctx test-ctx');
    expect(s).toContain('● connected');
  });

  it('switches views with 1 2 3 and :cj', async () => {
    h = await startApp(new FakeSource(snapshot(demo())), { now: () => T0 });
    await h.press('2');
    expect(h.screen()).toContain('Jobs (1)');
    expect(h.screen()).toMatch(/backup-1\s+◐ Running\s+1\/3/);
    await h.press('3');
    expect(h.screen()).toContain('CronJobs (1)');
    expect(h.screen()).toContain('Europe/Berlin');
    await h.press('1', ':', 'c', 'j', 'enter');
    expect(h.screen()).toContain('CronJobs (1)');
  });

  it('shows a change from the cluster without a key press', async () => {
    const source = new FakeSource(snapshot(demo()));
    h = await startApp(source, { now: () => T0 });
    expect(h.screen()).not.toContain('zebra');
    source.update(snapshot(demo({ statefulsets: [rawSts('zebra', { replicas: 1 }, { replicas: 1, readyReplicas: 0 })] })));
    await new Promise((r) => setTimeout(r, 5));
    await h.app.whenIdle();
    expect(h.screen()).toContain('StatefulSets (2)');
    expect(h.screen(), h.screen()).toContain('zebra');
  });

  it('shows hostile cluster text literally and never writes its control sequences', async () => {
    const message = 'boom {red-fg}pwned{/red-fg} \u001b]0;owned-title\u0007 \u001b[2J after \u202eevil';
    const event = { metadata: { name: 'e1', namespace: 'ns', uid: 'ev1' }, involvedObject: { kind: 'StatefulSet', name: 'web', namespace: 'ns' }, type: 'Warning', reason: 'Bad{bold}', message, lastTimestamp: iso(T0 - 1000), count: 1 };
    h = await startApp(new FakeSource(snapshot(demo({ events: [event] }))), { now: () => T0 });
    const s = h.screen();
    expect(s).toContain('boom {red-fg}pwned{/red-fg}');
    expect(s).toContain('Bad{bold}');
    expect(h.term.written).not.toContain('owned-title');
    expect(h.term.written).not.toMatch(/\u001b\[2J\s*after/);
    expect(s).toMatch(/ {1,2}after/);
    expect(h.term.written).not.toContain('\u202e');
  });

  it('filters the list and shows help generated from the command table', async () => {
    h = await startApp(new FakeSource(snapshot(demo())), { now: () => T0 });
    await h.press('/', 'z', 'z', 'enter');
    expect(h.screen()).toContain('no StatefulSets in ns matching "zz"');
    await h.press('escape', '?');
    expect(h.screen()).toContain('filter the list by name or label=value');
    // Keys as typed: shifted letters are capitals, never blessed's S-x.
    expect(h.screen()).toMatch(/\bU\s+roll/);
    expect(h.screen()).not.toMatch(/\bS-[a-z]\b/);
    // The table is longer than the screen: its end is a keypress away.
    await h.press('G');
    expect(h.screen()).toContain('quit and restore the terminal');
    await h.press('escape');
    expect(h.screen()).toContain('StatefulSets (1)');
  });

  it('says "syncing" rather than "no resources" while lists load', async () => {
    const snap = snapshot({});
    const syncing = { ...snap, status: { ...snap.status, statefulsets: { state: 'syncing' as const, error: null, since: T0 } } };
    h = await startApp(new FakeSource(syncing), { now: () => T0 });
    expect(h.screen()).toContain('syncing…');
    expect(h.screen()).not.toContain('no StatefulSets');
  });

  it('marks read-only mode in the header', async () => {
    h = await startApp(new FakeSource(snapshot(demo())), { now: () => T0, readOnly: true });
    expect(h.screen()).toContain('READ-ONLY');
  });

  it('survives small sizes and resizes', async () => {
    h = await startApp(new FakeSource(snapshot(demo())), { now: () => T0 }, [80, 24]);
    expect(h.screen().split('\n')).toHaveLength(24);
    await h.resize(20, 5);
    await h.resize(200, 60);
    expect(h.screen()).toContain('web-1.web.ns.svc.cluster.local');
  });

  it('quits on q and stops its source', async () => {
    const source = new FakeSource(snapshot(demo()));
    h = await startApp(source, { now: () => T0 });
    let quit = false;
    h.app.onQuit = () => (quit = true);
    await h.press('q');
    await new Promise((r) => setTimeout(r, 10));
    expect(quit).toBe(true);
    expect(source.stopped).toBe(true);
    h = null;
  });
});

describe('dashboard (headless) with kinds it cannot see', () => {
  /** The demo as an identity sees it that may not list some kinds, or while they load: those hold nothing. */
  const hidden = (kinds: Hidden) => snapshot(demo(), 'ns', kinds);

  it('shows claims and DNS names as unknown with the reason, and no false finding', async () => {
    h = await startApp(new FakeSource(hidden({ pvcs: 'forbidden', services: 'forbidden' })), { now: () => T0 }, [160, 40]);
    const s = h.screen();
    expect(s).toContain('forbidden: pvcs,services');
    expect(s).toMatch(/web\s+2\/2\s+● Ready\s+0\.\.1\s+\?\s+-/);
    expect(s).toContain('Claims unknown — forbidden: cannot list persistentvolumeclaims in namespace "ns"');
    expect(s).toContain('Service web, unknown — forbidden: cannot list services in namespace "ns"');
    expect(s).not.toContain('NoStableDNS');
    expect(s).not.toContain('no stable DNS');
    expect(s).not.toContain('0/2 Bound');
    expect(s).toMatch(/web-0\s+● Running.*\?\s+\?/);
  });

  it('says pods are still loading instead of calling them missing', async () => {
    h = await startApp(new FakeSource(hidden({ pods: 'syncing' })), { now: () => T0 }, [160, 40]);
    const s = h.screen();
    expect(s).toContain('syncing pods…');
    expect(s).toContain('Blocked unknown — still loading pods');
    expect(s).not.toContain('missing');
    expect(s).not.toContain('PodMissing');
    expect(s).toMatch(/web\s+2\/2\s+● Ready\s+0\.\.1\s+2\/2 Bound\s+\?/);
  });

  it('counts a kind it may not list as ? rather than 0', async () => {
    h = await startApp(new FakeSource(hidden({ jobs: 'forbidden' })), { now: () => T0 });
    expect(h.screen()).toContain('2 Jobs (?)');
    await h.press('2');
    expect(h.screen()).toContain('Jobs (?)');
    expect(h.screen()).toContain('forbidden: cannot list jobs.batch in namespace "ns"');
    expect(h.screen()).not.toMatch(/\bJobs \(0\)/);
  });
});
