// Switching kubeconfig context in the dashboard on the local cluster: an admin context and a
// ServiceAccount context with narrower RBAC in one kubeconfig. Each shows its own truth, and each
// action is sent with that context's credentials (the audit log names who sent it).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contextDeps, contextsOf } from '../../src/cli/dashboard.js';
import { connect } from '../../src/kube/config.js';
import { startApp, type Harness } from '../ui/harness.js';
import { apply, freshNamespace, hasCluster, kstateWrites, kubectlJson, tokenKubeconfig, waitFor } from './helpers.js';
import { cronJobManifest, serviceAccountWithRole, statefulSetManifest } from './manifests.js';

// Narrow: CronJobs and their Jobs, may suspend/resume them; no StatefulSets at all.
const NARROW = [
  { apiGroups: ['', 'batch'], resources: ['cronjobs', 'jobs', 'pods', 'events'], verbs: ['get', 'list', 'watch'] },
  { apiGroups: ['batch'], resources: ['cronjobs'], verbs: ['patch'] },
];
const suspended = async (ns: string) => (await kubectlJson(['get', 'cj', 'nightly', '-n', ns])).spec.suspend === true;

describe.skipIf(!hasCluster)('contexts in the dashboard, on the local cluster', () => {
  let ns: string;
  let cleanup: () => Promise<void>;
  let file: string;
  beforeAll(async () => {
    ({ name: ns, cleanup } = await freshNamespace('ctx'));
    await apply(ns, `${statefulSetManifest('db', { replicas: 1 })}\n---\n${cronJobManifest('nightly')}`);
    await apply(ns, serviceAccountWithRole('narrow', NARROW));
    file = await tokenKubeconfig(ns, 'narrow', true);
  });
  afterAll(async () => cleanup?.());

  it('shows each context its own truth and sends each action with its credentials (audit log)', async () => {
    const conn = connect({ kubeconfig: file });
    const args = { readOnly: false, kubeconfig: file };
    const h: Harness = await startApp({} as never, { ...contextDeps(conn, args, 100), contexts: contextsOf(conn, args, 100) });
    const until = (what: string, text: string | RegExp) =>
      waitFor(what, async () => (await h.press(), typeof text === 'string' ? h.screen().includes(text) : text.test(h.screen())), 30_000, 200);
    const command = async (line: string) => {
      await h.press(':');
      for (const ch of line) await h.press(ch);
      await h.press('enter');
    };
    try {
      const since = Date.now() - 1000;
      expect(conn.context).toBe('admin');
      await until('the admin sees the StatefulSet', 'StatefulSets (1)');
      expect(h.screen()).toContain('ctx admin');
      await h.press('3');
      await until('nightly listed', 'cronjob/nightly');
      await h.press('z', 'y');
      await waitFor('suspended by the admin', () => suspended(ns), 20_000);

      await command('ctx narrow');
      await until('the narrow context in the header', 'ctx narrow');
      await h.press('1');
      await until('StatefulSets forbidden to it', /forbidden/);
      expect(h.screen()).toContain('StatefulSets (?)'); // forbidden to it: unknown, not 0
      await h.press('3');
      await until('nightly listed again', 'cronjob/nightly');
      await until('nightly suspended as the narrow context sees it', /nightly\s.*True/);
      await h.press('u', 'y');
      await waitFor('resumed by the ServiceAccount', async () => !(await suspended(ns)), 20_000);

      await command('ctx admin');
      await until('back to the admin', 'ctx admin');
      await h.press('1');
      await until('the StatefulSet again', 'StatefulSets (1)');

      let writes: ReturnType<typeof kstateWrites> = [];
      await waitFor('both patches in the audit log', async () => (writes = kstateWrites(ns, since)).length >= 2, 20_000);
      expect(writes.map((w) => [w.verb, w.uri.split('?')[0], w.user === `system:serviceaccount:${ns}:narrow` ? 'narrow' : 'other'])).toEqual([
        ['patch', `/apis/batch/v1/namespaces/${ns}/cronjobs/nightly`, 'other'],
        ['patch', `/apis/batch/v1/namespaces/${ns}/cronjobs/nightly`, 'narrow'],
      ]);
      expect(writes[0]!.user).toBeTruthy();
    } finally {
      await h.app.close();
    }
  });
});
