// The headless dashboard with kinds it cannot see: ? and the reason, never "missing", "0" or "none".
import { afterEach, describe, expect, it } from 'vitest';
import { ownerOf, rawJob, rawPod, rawPvc, rawService, rawSts, snapshot, T0, type Hidden } from '../fixtures/builders.js';
import { FakeSource, startApp, type Harness } from '../ui/harness.js';

function world(hidden: Hidden) {
  const sts = rawSts('web', { replicas: 2 }, { replicas: 2, readyReplicas: 2 });
  return snapshot(
    {
      statefulsets: [sts],
      pods: [0, 1].map((n) => rawPod(`web-${n}`, { owner: ownerOf(sts, 'StatefulSet'), revision: 'web-rev1' })),
      pvcs: [rawPvc('data-web-0'), rawPvc('data-web-1')],
      services: [rawService('web')],
      jobs: [rawJob('once')],
    },
    'ns',
    hidden,
  );
}

let h: Harness | null = null;
afterEach(async () => {
  await h?.app.close();
  h = null;
});

describe('dashboard (headless) with kinds it cannot see', () => {
  it('shows claims and DNS names as unknown with the reason, and no false finding', async () => {
    h = await startApp(new FakeSource(world({ pvcs: 'forbidden', services: 'forbidden' })), { now: () => T0 }, [160, 40]);
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
    h = await startApp(new FakeSource(world({ pods: 'syncing' })), { now: () => T0 }, [160, 40]);
    const s = h.screen();
    expect(s).toContain('syncing pods…');
    expect(s).toContain('Blocked unknown — still loading pods');
    expect(s).not.toContain('missing');
    expect(s).not.toContain('PodMissing');
    expect(s).toMatch(/web\s+2\/2\s+● Ready\s+0\.\.1\s+2\/2 Bound\s+\?/);
  });

  it('counts a kind it may not list as ? rather than 0', async () => {
    h = await startApp(new FakeSource(world({ jobs: 'forbidden' })), { now: () => T0 });
    expect(h.screen()).toContain('2 Jobs (?)');
    await h.press('2');
    expect(h.screen()).toContain('Jobs (?)');
    expect(h.screen()).toContain('forbidden: cannot list jobs.batch in namespace "ns"');
    expect(h.screen()).not.toMatch(/\bJobs \(0\)/);
  });
});
