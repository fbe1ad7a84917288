// Every action against the real cluster, checked with kubectl; the trigger-now Job against
// kubectl's own; conflicts; double triggers; RBAC-restricted identities; and the audit-log proof
// that --read-only sends no mutating request.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Actions, ConflictError } from '../../src/kube/actions.js';
import { scaleRequest, triggerRequest } from '../../src/model/requests.js';
import { connect } from '../../src/kube/config.js';
import { Store } from '../../src/kube/store.js';
import { apply, freshNamespace, hasCluster, kstate, kstateWrites, kubeconfig, kubectl, kubectlJson, tokenKubeconfig, waitFor } from './helpers.js';
import { cronJobManifest, serviceAccountWithRole, statefulSetManifest } from './manifests.js';

const run = promisify(execFile);

const WORKLOADS = `${statefulSetManifest('db', { replicas: 1, image: 'postgres:16', claims: { data: '1Gi' } })}
---
${cronJobManifest('backup', {
  schedule: '0 3 * * *',
  concurrencyPolicy: 'Forbid',
  jobMetadata: { labels: { app: 'backup', tier: 'ops' }, annotations: { team: 'storage' } },
  jobSpec: { backoffLimit: 2, activeDeadlineSeconds: 600 },
  podLabels: { app: 'backup' },
  runFor: '1s',
  container: { name: 'dump', image: 'postgres:16', args: ['pg_dump', '-h', 'db-0.db'] },
})}
`;

describe.skipIf(!hasCluster)('actions on the local cluster', () => {
  let ns: string;
  let cleanup: () => Promise<void>;
  const cli = (...args: string[]) => kstate([...args, '-n', ns]);
  beforeAll(async () => {
    ({ name: ns, cleanup } = await freshNamespace('act'));
    await apply(ns, WORKLOADS);
    await waitFor('db ready', async () => (await kubectlJson(['get', 'sts', 'db', '-n', ns])).status?.readyReplicas === 1, 120_000);
  });
  afterAll(async () => cleanup?.());

  it('scales, restarts, suspends and resumes through the API', async () => {
    const scaled = await cli('scale', 'sts', 'db', '2', '--yes');
    expect(scaled.stdout).toContain('create pods at ordinals 1');
    expect(scaled.stdout).toContain('done: scale statefulset db to 2');
    expect((await kubectlJson(['get', 'sts', 'db', '-n', ns])).spec.replicas).toBe(2);

    expect((await cli('restart', 'sts', 'db', '--yes')).code).toBe(0);
    const restartedAt = (await kubectlJson(['get', 'sts', 'db', '-n', ns])).spec.template.metadata.annotations['kubectl.kubernetes.io/restartedAt'];
    expect(Date.now() - Date.parse(restartedAt)).toBeLessThan(60_000);

    expect((await cli('suspend', 'cj', 'backup', '--yes')).code).toBe(0);
    expect((await kubectlJson(['get', 'cj', 'backup', '-n', ns])).spec.suspend).toBe(true);
    expect((await cli('suspend', 'cj', 'backup', '--yes')).code).toBe(0);
    expect((await kubectlJson(['get', 'cj', 'backup', '-n', ns])).spec.suspend).toBe(true); // explicit target, not a toggle
    expect((await cli('resume', 'cj/backup', '--yes')).code).toBe(0);
    expect((await kubectlJson(['get', 'cj', 'backup', '-n', ns])).spec.suspend).toBe(false);
  });

  it('prints the request without sending it on --dry-run', async () => {
    const since = Date.now();
    const r = await cli('scale', 'sts', 'db', '5', '--dry-run');
    expect(r.stdout).toContain('PUT /apis/apps/v1/namespaces/');
    expect(r.stdout).toContain('"replicas": 5');
    expect((await kubectlJson(['get', 'sts', 'db', '-n', ns])).spec.replicas).toBe(2);
    expect(kstateWrites(ns, since)).toEqual([]);
  });

  it('creates the same Job as kubectl create job --from=cronjob', async () => {
    await kubectl(['create', 'job', 'by-kubectl', '--from=cronjob/backup', '-n', ns]);
    const r = await cli('trigger', 'cj', 'backup', '--yes');
    expect(r.code).toBe(0);
    const name = /create job (\S+) from cronjob backup/.exec(r.stdout)![1]!;
    const ours = await kubectlJson(['get', 'job', name, '-n', ns]);
    const theirs = await kubectlJson(['get', 'job', 'by-kubectl', '-n', ns]);
    // Names, uids and what the server derives from them aside, the two Jobs are the same.
    const strip = (j: any) => {
      const uid = j.metadata.uid;
      const drop = (m: Record<string, string> = {}) =>
        Object.fromEntries(Object.entries(m).filter(([k, v]) => v !== uid && v !== j.metadata.name && !k.startsWith('batch.kubernetes.io/controller-uid') && k !== 'controller-uid'));
      return {
        labels: drop(j.metadata.labels),
        annotations: j.metadata.annotations,
        ownerReferences: j.metadata.ownerReferences,
        spec: { ...j.spec, selector: undefined, template: { ...j.spec.template, metadata: { ...j.spec.template.metadata, labels: drop(j.spec.template.metadata.labels) } } },
      };
    };
    expect(strip(ours)).toEqual(strip(theirs));
    expect(ours.metadata.annotations['cronjob.kubernetes.io/instantiate']).toBe('manual');
    expect(ours.metadata.ownerReferences[0].blockOwnerDeletion).toBeUndefined();
    const view = JSON.parse((await cli('get', 'jobs', name, '-o', 'json')).stdout).items[0];
    expect(view).toMatchObject({ manual: true, cronJob: 'backup' });
  });

  it('gives a second trigger in the same second a Job of its own, never a stale-preview error', async () => {
    const actions = new Actions(connect({ kubeconfig: kubeconfig!, namespace: ns }).endpoint, { readOnly: false });
    // A second no other test triggers in: the first Job gets the planned name, the second another.
    const now = Date.now() + 3_600_000;
    const planned = (triggerRequest(ns, 'backup', now).body as { metadata: { name: string } }).metadata.name;
    const first = await actions.send<any>(triggerRequest(ns, 'backup', now));
    expect(first.metadata.name).toBe(planned);
    const second = await actions.send<any>(triggerRequest(ns, 'backup', now));
    expect(second.metadata.name).not.toBe(first.metadata.name);
    expect(second.metadata.name).toMatch(new RegExp(`^${first.metadata.name}-[0-9a-f]{6}$`));
    for (const j of [first, second]) expect((await kubectlJson(['get', 'job', j.metadata.name, '-n', ns])).metadata.annotations['cronjob.kubernetes.io/instantiate']).toBe('manual');
  });

  it('creates one Job for two triggers in flight at once', async () => {
    const actions = new Actions(connect({ kubeconfig: kubeconfig!, namespace: ns }).endpoint, { readOnly: false });
    const before = ((await kubectlJson(['get', 'jobs', '-n', ns])).items as any[]).length;
    const [a, b] = await Promise.all([actions.send(triggerRequest(ns, 'backup', Date.now())), actions.send(triggerRequest(ns, 'backup', Date.now() + 1000))]);
    expect(a).toBe(b);
    expect(((await kubectlJson(['get', 'jobs', '-n', ns])).items as any[]).length).toBe(before + 1);
  });

  it('refuses to overwrite a StatefulSet that changed since the preview', async () => {
    const actions = new Actions(connect({ kubeconfig: kubeconfig!, namespace: ns }).endpoint, { readOnly: false });
    const stale = (await kubectlJson(['get', 'sts', 'db', '-n', ns])).metadata.resourceVersion;
    await kubectl(['label', 'sts', 'db', '-n', ns, 'touched=yes']);
    await expect(actions.send(scaleRequest(ns, 'db', 3, stale))).rejects.toBeInstanceOf(ConflictError);
    expect((await kubectlJson(['get', 'sts', 'db', '-n', ns])).spec.replicas).toBe(2);
  });

  it('follows RBAC: a viewer may look but not act, an operator may suspend but not scale', async () => {
    await apply(
      ns,
      `
apiVersion: v1
kind: ServiceAccount
metadata: {name: viewer}
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: operator}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: view-all}
rules:
  - apiGroups: ['', apps, batch, autoscaling]
    resources: ['*']
    verbs: [get, list, watch]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: patch-cronjobs}
rules:
  - apiGroups: [batch]
    resources: [cronjobs]
    verbs: [patch]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: viewer-view}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: view-all}
subjects: [{kind: ServiceAccount, name: viewer}, {kind: ServiceAccount, name: operator}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: operator-patch}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: patch-cronjobs}
subjects: [{kind: ServiceAccount, name: operator}]
`,
    );
    const viewer = await tokenKubeconfig(ns, 'viewer');
    const operator = await tokenKubeconfig(ns, 'operator');
    const as = (file: string, ...args: string[]) => kstate([...args, '--kubeconfig', file]);
    const list = await as(viewer, 'get', 'sts');
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/\ndb\s+/);
    const denied = await as(viewer, 'scale', 'sts', 'db', '1', '--yes');
    expect(denied.code).toBe(2);
    expect(denied.stderr).toMatch(/^kstate: forbidden: you may not update statefulsets\/scale\.apps in namespace "act-[0-9a-f]+"/);
    expect((await as(viewer, 'suspend', 'cj', 'backup', '--yes')).stderr).toMatch(/forbidden: you may not patch cronjobs\.batch/);
    expect((await as(operator, 'suspend', 'cj', 'backup', '--yes')).code).toBe(0);
    expect((await kubectlJson(['get', 'cj', 'backup', '-n', ns])).spec.suspend).toBe(true);
    expect((await as(operator, 'scale', 'sts', 'db', '1', '--yes')).code).toBe(2);
    expect((await kubectlJson(['get', 'sts', 'db', '-n', ns])).spec.replicas).toBe(2);
  });

  it('reports a kind it may not list as forbidden and keeps the others working', async () => {
    await apply(ns, serviceAccountWithRole('sts-only', [{ apiGroups: ['', 'apps'], resources: ['statefulsets', 'pods', 'persistentvolumeclaims', 'services'], verbs: ['get', 'list', 'watch'] }]));
    const file = await tokenKubeconfig(ns, 'sts-only');
    expect((await kstate(['get', 'sts', '--kubeconfig', file])).code).toBe(0);
    const jobs = await kstate(['get', 'jobs', '--kubeconfig', file]);
    expect(jobs.code).toBe(2);
    expect(jobs.stderr).toBe(`kstate: forbidden: cannot list jobs.batch in namespace "${ns}"\n`);
    const store = new Store(connect({ kubeconfig: file }).endpoint, { namespace: ns });
    store.start();
    try {
      const snap = await store.whenSettled();
      expect(snap.status.statefulsets.state).toBe('synced');
      expect(snap.status.jobs).toMatchObject({ state: 'forbidden', error: `forbidden: cannot list jobs.batch in namespace "${ns}"` });
      expect(snap.status.events.state).toBe('forbidden');
      expect(snap.connection.state).toBe('connected');
      expect([...snap.kinds.statefulsets.values()].map((s) => s.name)).toEqual(['db']);
    } finally {
      await store.stop();
    }
  });

  it('sends no mutating request in --read-only mode, from the CLI or the dashboard (audit log)', async () => {
    // Control: a write kstate does make shows in the audit log under its user agent.
    const control = Date.now() - 1000;
    await cli('resume', 'cj', 'backup', '--yes');
    await waitFor('the write in the audit log', async () => kstateWrites(ns, control).some((w) => w.verb === 'patch'), 20_000);

    const since = Date.now();
    const replicasBefore = (await kubectlJson(['get', 'sts', 'db', '-n', ns])).spec.replicas;
    for (const args of [
      ['scale', 'sts', 'db', '3', '--yes'],
      ['restart', 'sts', 'db', '--yes'],
      ['suspend', 'cj', 'backup', '--yes'],
      ['trigger', 'cj', 'backup', '--yes'],
    ]) {
      const r = await cli(...args, '--read-only');
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/read-only mode/);
    }
    const session = `kstate-ro-${process.pid}`;
    await run('tmux', ['new-session', '-d', '-s', session, '-x', '140', '-y', '45', `node bin/kstate.js --read-only --kubeconfig ${kubeconfig} -n ${ns}`]);
    try {
      const screen = async () => (await run('tmux', ['capture-pane', '-t', session, '-p'])).stdout;
      await waitFor('the dashboard', async () => (await screen()).includes('READ-ONLY') && (await screen()).includes('db'), 20_000, 200);
      await run('tmux', ['send-keys', '-t', session, 's']);
      await waitFor('the refusal on screen', async () => (await screen()).includes('scale: read-only mode'), 5_000, 100);
      for (const view of ['1', '2', '3']) {
        await run('tmux', ['send-keys', '-t', session, view]);
        for (const key of ['s', '3', 'Enter', 'y', '+', 'y', '-', 'y', 'r', 'y', 'p', 'y', 'x', 'Enter', 'y', 'c', 'Enter', 'E', '3Gi', 'Enter', 'y', 'z', 'y', 'u', 'y', 't', 'y', 'D', 'y', 'Escape', 'Escape']) {
          await run('tmux', ['send-keys', '-t', session, key]);
        }
        await new Promise((r) => setTimeout(r, 300));
      }
      expect(await screen()).toContain('READ-ONLY');
    } finally {
      await run('tmux', ['kill-session', '-t', session]).catch(() => undefined);
    }
    await new Promise((r) => setTimeout(r, 2000)); // the audit backend flushes in batches
    expect(kstateWrites(ns, since)).toEqual([]);
    expect((await kubectlJson(['get', 'sts', 'db', '-n', ns])).spec.replicas).toBe(replicasBefore);
  });
});
