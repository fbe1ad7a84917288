// Identities that may not read one kind (claims, services, events, pods): get, describe, -o json,
// check, check --partial and the dashboard state nothing false and say what is unknown and why.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../../src/kube/config.js';
import { Store } from '../../src/kube/store.js';
import { FakeSource, startApp } from '../ui/harness.js';
import { apply, freshNamespace, hasCluster, kstate, kubectlJson, restrictedIdentity, waitFor } from './helpers.js';
import { jobManifest, statefulSetManifest } from './manifests.js';

/** The cells of a `kstate get` table, by column title, one record per row. */
function rows(table: string): Record<string, string>[] {
  const [header, ...lines] = table.trimEnd().split('\n').map((l) => l.split(/ {3,}/));
  return lines.map((cells) => Object.fromEntries(header!.map((title, i) => [title, cells[i] ?? ''])));
}

/** A `describe` field's value ("Claims:   2/2 Bound" → "2/2 Bound"). */
const field = (text: string, label: string) => new RegExp(`^${label}:\\s+(.*)$`, 'm').exec(text)?.[1];

/** The rows of a `describe` table section, parsed like `get`'s. */
const section = (text: string, title: string) => rows(text.split(`\n${title}:\n`)[1]!.split('\n\n')[0]!.replace(/^ {2}/gm, ''));

describe.skipIf(!hasCluster)('partial visibility on the local cluster', () => {
  let ns: string;
  let cleanup: () => Promise<void>;
  const as = (file: string, ...args: string[]) => kstate([...args, '--kubeconfig', file]);
  const forbidden = (resource: string) => `forbidden: cannot list ${resource} in namespace "${ns}"`;
  const shownAsUnknown = (resource: string) => `kstate: shown as ? (not visible): ${forbidden(resource)}\n`;

  /** `get sts` needs none of what this identity may not read: the whole truth, exit 0, nothing on stderr. */
  async function expectPlainGet(file: string): Promise<void> {
    const get = await as(file, 'get', 'sts');
    expect(rows(get.stdout)).toEqual([expect.objectContaining({ NAME: 'db', STATUS: 'Ready', CLAIMS: '2/2 Bound', BLOCKED: '-' })]);
    expect([get.code, get.stderr]).toEqual([0, '']);
  }

  /** The dashboard of this identity, once every kind has listed or been refused. */
  async function dashboard(file: string): Promise<string> {
    const store = new Store(connect({ kubeconfig: file }).endpoint, { namespace: ns, coalesceMs: 20 });
    store.start();
    const h = await startApp({}, { openSource: () => store, namespace: ns }, [200, 50]);
    try {
      await store.whenSettled();
      await waitFor('the listed StatefulSet on screen', async () => (h.app.requestRender(), await h.app.whenIdle(), h.screen().includes('Ordinals')), 20_000, 100);
      return h.screen();
    } finally {
      await h.app.close();
    }
  }

  beforeAll(async () => {
    ({ name: ns, cleanup } = await freshNamespace('vis'));
    await apply(ns, `${statefulSetManifest('db', { replicas: 2, claims: { data: '1Gi' } })}\n---\n${jobManifest('once')}`);
    await waitFor('db ready with Bound claims', async () => {
      const sts = await kubectlJson(['get', 'sts', 'db', '-n', ns]);
      const pvcs = (await kubectlJson(['get', 'pvc', '-n', ns])).items as any[];
      return sts.status?.readyReplicas === 2 && pvcs.length === 2 && pvcs.every((p) => p.status.phase === 'Bound');
    }, 120_000);
    await waitFor('job once complete', async () => (await kubectlJson(['get', 'job', 'once', '-n', ns])).status?.succeeded === 1, 60_000);
  });
  afterAll(async () => cleanup?.());

  it('without claims: CLAIMS is ?, describe says unknown with the reason, JSON has no 0, check stops unless --partial', async () => {
    const file = await restrictedIdentity(ns, 'no-claims', ['persistentvolumeclaims']);
    const reason = forbidden('persistentvolumeclaims');

    const get = await as(file, 'get', 'sts');
    expect(rows(get.stdout)).toEqual([expect.objectContaining({ NAME: 'db', READY: '2/2', STATUS: 'Ready', CLAIMS: '?', BLOCKED: '-' })]);
    expect(get.stderr).toBe(shownAsUnknown('persistentvolumeclaims'));
    expect(get.code).toBe(3);

    const d = await as(file, 'describe', 'sts', 'db');
    expect(field(d.stdout, 'Claims')).toBe(`unknown — ${reason}`);
    expect(field(d.stdout, 'Service')).toBe('db (headless)');
    expect(section(d.stdout, 'Pods and claims').map((r) => [r.POD, r.STATUS, r['CLAIM DATA']])).toEqual([
      ['db-0', 'Running', '?'],
      ['db-1', 'Running', '?'],
    ]);
    expect(d.stdout).toContain('\nFindings:\n  none\n');
    expect(d.stdout).toContain(`  scale 2 → 3:\n  + create pods at ordinals 2\n  ? claims: not visible (${reason})\n`);
    expect(d.stdout).not.toMatch(/Missing|0\/2 Bound|claim data-db-\d: create/);
    expect(d.code).toBe(3);

    const json = await as(file, 'get', 'sts', 'db', '-o', 'json');
    const v = JSON.parse(json.stdout).items[0];
    expect(v).toMatchObject({ unknown: { claims: reason }, retainedClaims: null, findings: [] });
    expect(v.rows.map((r: any) => r.claims)).toEqual([[], []]);
    expect(json.code).toBe(3);

    const check = await as(file, 'check');
    expect([check.code, check.stderr]).toEqual([2, `kstate: ${reason} (kstate check --partial checks what is visible)\n`]);
    const partial = await as(file, 'check', '--partial');
    expect(rows(partial.stdout.split('\n').slice(0, 2).join('\n'))).toEqual([{ SKIPPED: 'UnboundClaim, RetainedClaims, OrphanedClaim', REASON: reason }]);
    expect(partial.stdout.split('\n')[2]).toBe('OK: 0 failure(s), 0 warning(s), 0 info — partial: 1 kind(s) not visible, their checks skipped');
    expect(partial.code).toBe(0);

    const screen = await dashboard(file);
    expect(screen).toContain('forbidden: pvcs');
    expect(screen).toContain(`Claims unknown — ${reason}`);
    expect(screen).toMatch(/db\s+2\/2\s+● Ready\s+0\.\.1\s+\?\s+-/);
    expect(screen).not.toMatch(/0\/2 Bound|RetainedClaims|UnboundClaim/);
  });

  it('without services: no NoStableDNS, DNS names unknown with the reason', async () => {
    const file = await restrictedIdentity(ns, 'no-services', ['services']);
    const reason = forbidden('services');

    await expectPlainGet(file);
    const wide = await as(file, 'get', 'sts', '-o', 'wide');
    expect(rows(wide.stdout)[0]!.SERVICE).toBe('db (?)');
    expect([wide.code, wide.stderr]).toEqual([3, shownAsUnknown('services')]);

    const d = await as(file, 'describe', 'sts', 'db');
    expect(field(d.stdout, 'Service')).toBe(`db, unknown — ${reason}`);
    expect(section(d.stdout, 'Pods and claims').map((r) => [r.POD, r['CLAIM DATA'], r.DNS])).toEqual([
      ['db-0', 'Bound 1Gi', '?'],
      ['db-1', 'Bound 1Gi', '?'],
    ]);
    expect(d.stdout).toContain('\nFindings:\n  none\n');
    expect(d.stdout).not.toMatch(/does not exist|no stable DNS|NoStableDNS/);
    expect(d.code).toBe(3);

    const json = await as(file, 'describe', 'sts', 'db', '-o', 'json');
    const v = JSON.parse(json.stdout);
    expect(v).toMatchObject({ unknown: { service: reason }, dnsProblem: null, findings: [] });
    expect(v.rows.map((r: any) => r.dns)).toEqual([null, null]);
    expect(json.code).toBe(3);

    expect((await as(file, 'check')).code).toBe(2);
    const partial = await as(file, 'check', '--partial', '-o', 'json');
    expect(JSON.parse(partial.stdout)).toMatchObject({ ok: true, findings: [], skipped: [{ kind: 'services', reason, checks: ['NoStableDNS'] }] });
    expect(partial.code).toBe(0);

    const screen = await dashboard(file);
    expect(screen).toContain('forbidden: services');
    expect(screen).toContain(`Service db, unknown — ${reason}`);
    expect(screen).not.toMatch(/NoStableDNS|no stable DNS|does not exist/);
  });

  it('without events: Events unknown with the reason in describe and the dashboard; check needs no events', async () => {
    const file = await restrictedIdentity(ns, 'no-events', ['events']);
    const reason = forbidden('events');

    await expectPlainGet(file);
    const d = await as(file, 'describe', 'sts', 'db');
    expect(d.stdout).toContain(`\nEvents:\n  unknown — ${reason}\n`);
    expect(field(d.stdout, 'Claims')).toBe('2/2 Bound');
    expect(d.code).toBe(3);
    const json = await as(file, 'describe', 'sts', 'db', '-o', 'json');
    expect(JSON.parse(json.stdout)).toMatchObject({ unknown: {}, retainedClaims: 0, findings: [] });
    expect(json.code).toBe(0);

    const check = await as(file, 'check');
    expect([check.code, check.stdout]).toEqual([0, 'OK: 0 failure(s), 0 warning(s), 0 info\n']);
    const partial = await as(file, 'check', '--partial');
    expect([partial.code, partial.stdout]).toEqual([0, 'OK: 0 failure(s), 0 warning(s), 0 info\n']);

    const screen = await dashboard(file);
    expect(screen).toContain('forbidden: events');
    expect(screen).toMatch(new RegExp(`Events\\s*│\\n│\\s*unknown — ${reason.replace(/[".]/g, '\\$&')}`));
  });

  it('without pods: BLOCKED and each ordinal unknown, status from the StatefulSet, no NotReady; Job pods unknown', async () => {
    const file = await restrictedIdentity(ns, 'no-pods', ['pods']);
    const reason = forbidden('pods');

    const get = await as(file, 'get', 'sts');
    expect(rows(get.stdout)).toEqual([expect.objectContaining({ NAME: 'db', READY: '2/2', STATUS: 'Ready', CLAIMS: '2/2 Bound', BLOCKED: '?' })]);
    expect([get.code, get.stderr]).toEqual([3, shownAsUnknown('pods')]);

    const d = await as(file, 'describe', 'sts', 'db');
    expect(field(d.stdout, 'Blocked')).toBe(`unknown — ${reason}`);
    expect(section(d.stdout, 'Pods and claims').map((r) => [r.POD, r.STATUS, r['CLAIM DATA'], r.DNS])).toEqual([
      ['db-0', '?', 'Bound 1Gi', '?'],
      ['db-1', '?', 'Bound 1Gi', '?'],
    ]);
    expect(d.stdout).toContain(`  ? pods: not visible (${reason})\n`);
    expect(d.stdout).not.toMatch(/missing|PodMissing/);
    expect(d.code).toBe(3);

    const json = await as(file, 'get', 'sts', '-o', 'json');
    const v = JSON.parse(json.stdout).items[0];
    expect(v).toMatchObject({ unknown: { pods: reason }, status: 'Ready', blocking: null, retainedClaims: null, findings: [] });
    expect(json.code).toBe(3);

    const jobs = await as(file, 'get', 'jobs');
    expect(rows(jobs.stdout)).toEqual([expect.objectContaining({ NAME: 'once', STATUS: 'Complete', COMPLETIONS: '1/1' })]);
    expect(jobs.code).toBe(0);
    const job = await as(file, 'describe', 'job', 'once');
    expect(job.stdout).toContain(`\nPods:\n  unknown — ${reason}\n`);
    expect(job.code).toBe(3);
    const jobJson = JSON.parse((await as(file, 'get', 'jobs', 'once', '-o', 'json')).stdout).items[0];
    expect(jobJson).toMatchObject({ unknown: { pods: reason }, pods: [] });

    const check = await as(file, 'check');
    expect([check.code, check.stderr]).toEqual([2, `kstate: ${reason} (kstate check --partial checks what is visible)\n`]);
    const partial = await as(file, 'check', '--partial', '-o', 'json');
    expect(JSON.parse(partial.stdout)).toMatchObject({ ok: true, findings: [], skipped: [{ kind: 'pods', reason, checks: ['NotReady', 'RetainedClaims', 'OrphanedClaim'] }] });
    expect(partial.code).toBe(0);

    const screen = await dashboard(file);
    expect(screen).toContain('forbidden: pods');
    expect(screen).toContain(`Blocked unknown — ${reason}`);
    expect(screen).toMatch(/db\s+2\/2\s+● Ready\s+0\.\.1\s+2\/2 Bound\s+\?/);
    expect(screen).not.toMatch(/missing|PodMissing/);
  });

  it('without PersistentVolumes: everything else as before, and one line saying why the volumes are missing', async () => {
    const file = await restrictedIdentity(ns, 'no-volumes', ['persistentvolumes']);
    const reason = 'forbidden: cannot list persistentvolumes (cluster-scoped)';

    await expectPlainGet(file);
    const d = await as(file, 'describe', 'sts', 'db');
    expect(field(d.stdout, 'Claims')).toBe('2/2 Bound');
    expect(field(d.stdout, 'Volumes')).toBe(`unknown — ${reason}`);
    expect(d.stdout.split('\n').filter((l) => l.includes(reason))).toHaveLength(1);
    expect(section(d.stdout, 'Claims and volumes').map((r) => [r.CLAIM, r.PHASE, r.REQUEST, r.ACTUAL, r.CLASS, r.VOLUME?.startsWith('pvc-'), r.RECLAIM, r.EXPAND])).toEqual([
      ['data-db-0', 'Bound', '1Gi', '1Gi', 'standard', true, '?', 'no'],
      ['data-db-1', 'Bound', '1Gi', '1Gi', 'standard', true, '?', 'no'],
    ]);
    expect(section(d.stdout, 'Pods and claims').map((r) => [r.POD, r.STATUS, r['CLAIM DATA']])).toEqual([
      ['db-0', 'Running', 'Bound 1Gi'],
      ['db-1', 'Running', 'Bound 1Gi'],
    ]);
    expect(d.stdout).toContain('\nFindings:\n  none\n');
    expect(d.code).toBe(3);
    const json = JSON.parse((await as(file, 'describe', 'sts', 'db', '-o', 'json')).stdout);
    expect(json.storage.unknown).toEqual({ volumes: reason });
    expect(json.storage.claims.map((c: any) => c.reclaimPolicy)).toEqual([null, null]);

    // check needs the volumes only for info (orphaned data): it goes on, and says what it skipped.
    const check = await as(file, 'check');
    expect(check.stdout).toBe(`SKIPPED          REASON\nOrphanedVolume   ${reason}\nOK: 0 failure(s), 0 warning(s), 0 info — partial: 1 kind(s) not visible, their checks skipped\n`);
    expect([check.code, check.stderr]).toEqual([0, '']);

    const screen = await dashboard(file);
    expect(screen).toContain('forbidden: pvs');
    expect(screen).toContain(`Volumes unknown — ${reason}`);
    expect(screen).toMatch(/db\s+2\/2\s+● Ready\s+0\.\.1\s+2\/2 Bound\s+-/);
  });

  it('without Nodes: check goes on (a pod past its grace period is still found) and lists the node half of StuckOrdinal as skipped', async () => {
    const file = await restrictedIdentity(ns, 'no-nodes', ['nodes']);
    const reason = 'forbidden: cannot list nodes (cluster-scoped)';
    const check = await as(file, 'check');
    expect(check.stdout).toMatch(new RegExp(`^SKIPPED +REASON\nStuckOrdinal +${reason.replace(/[()]/g, '\\$&')}\nOK: 0 failure\\(s\\), 0 warning\\(s\\), 0 info — partial: 1 kind\\(s\\) not visible, their checks skipped\n$`));
    expect([check.code, check.stderr]).toEqual([0, '']);
    const d = await as(file, 'describe', 'sts', 'db');
    expect(d.stdout).toContain('\nFindings:\n  none\n');
  });

  it('with nothing to check: --partial exits 2 and says why', async () => {
    const file = await restrictedIdentity(ns, 'no-workloads', ['statefulsets', 'jobs', 'cronjobs']);
    const r = await as(file, 'check', '--partial');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`kstate: nothing could be checked: ${forbidden('statefulsets.apps')}; ${forbidden('jobs.batch')}; ${forbidden('cronjobs.batch')}\n`);
  });
});
