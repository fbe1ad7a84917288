// Bulk actions on the local cluster: CronJobs picked by label (CLI) or marked (dashboard), one of
// them forbidden to the identity by RBAC: the others are suspended, that one is reported, exit 1.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Actions } from '../../src/kube/actions.js';
import { connect } from '../../src/kube/config.js';
import { Store } from '../../src/kube/store.js';
import { startApp, type Harness } from '../ui/harness.js';
import { apply, freshNamespace, hasCluster, kstate, kubectl, kubectlJson, tokenKubeconfig, waitFor } from './helpers.js';
import { cronJobManifest, serviceAccountWithRole } from './manifests.js';

const READ = { apiGroups: ['', 'batch', 'apps'], resources: ['cronjobs', 'jobs', 'pods', 'events', 'statefulsets', 'persistentvolumeclaims', 'services'], verbs: ['get', 'list', 'watch'] };
const suspended = async (ns: string, name: string) => (await kubectlJson(['get', 'cj', name, '-n', ns])).spec.suspend === true;

/** The headless dashboard on the live cluster, as the identity of `kubeconfig`. */
async function dashboardAs(kubeconfig: string, ns: string): Promise<Harness> {
  const conn = connect({ kubeconfig, namespace: ns });
  return startApp({} as never, {
    context: conn.context,
    namespace: ns,
    actions: new Actions(conn.endpoint, { readOnly: false }),
    openSource: (namespace) => {
      const store = new Store(conn.endpoint, { namespace });
      store.start();
      return store;
    },
  });
}

describe.skipIf(!hasCluster)('bulk actions on the local cluster', () => {
  let ns: string;
  let cleanup: () => Promise<void>;
  let payer: string;
  beforeAll(async () => {
    ({ name: ns, cleanup } = await freshNamespace('bulk'));
    for (const name of ['pay-a', 'pay-b', 'pay-c', 'ops-x']) {
      await apply(ns, cronJobManifest(name));
      await kubectl(['label', 'cj', name, `team=${name.startsWith('pay') ? 'payments' : 'ops'}`, '-n', ns]);
    }
    // May patch pay-a and pay-c only.
    await apply(ns, serviceAccountWithRole('payer', [READ, { apiGroups: ['batch'], resources: ['cronjobs'], verbs: ['patch'], resourceNames: ['pay-a', 'pay-c'] }]));
    payer = await tokenKubeconfig(ns, 'payer');
  });
  afterAll(async () => cleanup?.());

  it('kstate suspend cj -l: suspends the ones it may, reports the forbidden one, exits 1; --dry-run sends nothing', async () => {
    const dry = await kstate(['suspend', 'cj', '-l', 'team=payments', '--dry-run', '--kubeconfig', payer, '-n', ns]);
    expect(dry.stdout).toContain(`PATCH /apis/batch/v1/namespaces/${ns}/cronjobs/pay-a`);
    expect(dry.stdout).toContain(`PATCH /apis/batch/v1/namespaces/${ns}/cronjobs/pay-c`);
    expect(dry.stdout).not.toContain('cronjobs/pay-b\n');
    expect(dry.stdout).toMatch(/skipped cronjob\/pay-b: forbidden/);
    expect(await suspended(ns, 'pay-a')).toBe(false);

    const r = await kstate(['suspend', 'cj', '-l', 'team=payments', '--yes', '--kubeconfig', payer, '-n', ns]);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toContain('done: suspend cronjob/pay-a');
    expect(r.stdout).toContain('done: suspend cronjob/pay-c');
    expect(r.stdout).toMatch(/failed: cronjob\/pay-b: forbidden: patch cronjobs\.batch in namespace "[^"]+" \(object "pay-b"\)/);
    expect([await suspended(ns, 'pay-a'), await suspended(ns, 'pay-b'), await suspended(ns, 'pay-c'), await suspended(ns, 'ops-x')]).toEqual([true, false, true, false]);

    // Everything it may touch is already suspended: nothing to send, nothing failed for the admin.
    const again = await kstate(['resume', 'cj', '--all', '--yes', '-n', ns]);
    expect(again.code, again.stderr).toBe(0);
    expect([await suspended(ns, 'pay-a'), await suspended(ns, 'pay-c')]).toEqual([false, false]);
    expect(again.stdout).toMatch(/skipped: cronjob\/pay-b: not suspended/);
  });

  it('the dashboard: marked CronJobs suspended after one confirmation, the forbidden one skipped and named', async () => {
    const h = await dashboardAs(payer, ns);
    try {
      await h.press('3', '/');
      for (const ch of 'team=payments') await h.press(ch);
      await h.press('enter');
      await waitFor('the three payments CronJobs listed', async () => (await h.press('j'), h.screen().includes('CronJobs (3)')), 30_000, 200);
      await h.press('a', 'z');
      await waitFor('the dialog', async () => (await h.press(), h.screen().includes('suspend: 2 object(s), 1 skipped')), 20_000, 200);
      expect(h.screen()).toMatch(/skipped cronjob\/pay-b: forbidden/);
      await h.press('y');
      await waitFor('pay-a and pay-c suspended', async () => (await suspended(ns, 'pay-a')) && (await suspended(ns, 'pay-c')), 20_000);
      expect(await suspended(ns, 'pay-b')).toBe(false);
      await waitFor('the summary', async () => (await h.press(), h.screen().includes('suspend: 2 done, 1 failed or skipped')), 20_000, 200);
    } finally {
      await h.app.close();
    }
  });

  it('a Role granting patch by resourceNames: the dashboard\'s z, the CLI and the marks give the same answer for each CronJob', async () => {
    await kubectl(['patch', 'cj', 'pay-c', '-n', ns, '--type=merge', '-p', '{"spec":{"suspend":false}}']);
    await kubectl(['patch', 'cj', 'pay-b', '-n', ns, '--type=merge', '-p', '{"spec":{"suspend":false}}']);
    const h = await dashboardAs(payer, ns);
    const only = async (name: string) => {
      await h.press('escape', 'escape', '/');
      for (const ch of name) await h.press(ch);
      await h.press('enter');
      await waitFor(`${name} alone in the list`, async () => (await h.press(), h.screen().includes('CronJobs (1)') && h.screen().includes(name)), 30_000, 200);
      await h.app.whenIdle(); // the access review of the selection has been answered
    };
    try {
      await h.press('3');
      await only('pay-c');
      await h.press('z');
      expect(h.screen()).toContain('Suspend cronjob/pay-c (spec.suspend: true)?');
      await h.press('y');
      await waitFor('pay-c suspended from the dashboard', () => suspended(ns, 'pay-c'), 20_000);
      await only('pay-b');
      await h.press('z');
      expect(h.screen().split('\n').pop()).toMatch(/suspend: forbidden: patch cronjobs\.batch in namespace "[^"]+" \(object "pay-b"\)/);
    } finally {
      await h.app.close();
    }
    const cli = (...args: string[]) => kstate([...args, '--kubeconfig', payer, '-n', ns]);
    expect((await cli('resume', 'cj', 'pay-c', '--yes')).code).toBe(0);
    expect(await suspended(ns, 'pay-c')).toBe(false);
    const denied = await cli('suspend', 'cj', 'pay-b', '--yes');
    expect([denied.code, denied.stderr]).toEqual([2, expect.stringMatching(/^kstate: forbidden: you may not patch cronjobs\.batch in namespace "[^"]+" \(object "pay-b"\)/)]);
    expect(await suspended(ns, 'pay-b')).toBe(false);
  });
});
