// Rollout history and undo on the local cluster: a StatefulSet whose template changed twice lists
// three revisions with the ordinals running each; `kstate undo --to-revision 1` leaves the same
// spec.template as `kubectl rollout undo --to-revision=1` on a twin; read-only sends nothing (audit
// log); an identity that may not patch sees why before anything is sent; the dashboard previews it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contextDeps } from '../../src/cli/dashboard.js';
import { connect } from '../../src/kube/config.js';
import { startApp, type Harness } from '../ui/harness.js';
import { apply, freshNamespace, hasCluster, kstate, kstateWrites, kubeconfig, kubectl, kubectlJson, READ_RESOURCES, tokenKubeconfig, waitFor } from './helpers.js';
import { serviceAccountWithRole, statefulSetManifest } from './manifests.js';

describe.skipIf(!hasCluster)('rollout history and undo', () => {
  let ns: string;
  let cleanup: () => Promise<void>;
  const sts = (name: string) => kubectlJson(['get', 'sts', name, '-n', ns]);
  const podRevisions = async (name: string) =>
    Object.fromEntries(((await kubectlJson(['get', 'pods', '-n', ns, '-l', `app=${name}`])).items as any[]).map((p) => [p.metadata.name, p.metadata.labels['controller-revision-hash']]));
  const revisionNames = async (name: string) =>
    Object.fromEntries(((await kubectlJson(['get', 'controllerrevisions', '-n', ns, '-l', `app=${name}`])).items as any[]).map((r) => [r.revision, r.metadata.name]));
  /** The twin's template with its name where the other's is: the one difference the two have by construction. */
  const asWeb = (template: unknown) => JSON.parse(JSON.stringify(template).replaceAll('twin', 'web'));
  const dashboard = async (file: string, readOnly = false): Promise<Harness> => {
    const h = await startApp({} as never, { ...contextDeps(connect({ kubeconfig: file, namespace: ns }), { readOnly, kubeconfig: file }, 100), readOnly }, [160, 45]);
    await waitFor('twin and web in the list', async () => (await h.press(), h.screen().includes('StatefulSets (2)')), 30_000, 200);
    await h.press('/', 'w', 'e', 'b', 'enter');
    await waitFor('web selected', async () => (await h.press(), h.screen().includes('─ sts/web ─')), 10_000, 100);
    return h;
  };

  beforeAll(async () => {
    ({ name: ns, cleanup } = await freshNamespace('hist'));
    for (const name of ['web', 'twin']) {
      await apply(ns, statefulSetManifest(name, { replicas: 3, service: false }).replace('  replicas: 3\n', '  replicas: 3\n  updateStrategy: {type: RollingUpdate, rollingUpdate: {partition: 1}}\n'));
    }
    for (const name of ['web', 'twin']) await waitFor(`${name} ready`, async () => (await sts(name)).status?.readyReplicas === 3, 90_000);
    // Two changes of the template: revisions 2 and 3; ordinals 1 and 2 end on 3, 0 stays on 1 (partition 1).
    for (const change of [['set', 'image', 'STS', 'main=nginx:1.28'], ['patch', 'STS', '--type=merge', '-p', '{"spec":{"template":{"metadata":{"annotations":{"kstate.dev/v":"3"}}}}}']]) {
      for (const name of ['web', 'twin']) await kubectl([...change.map((w) => (w === 'STS' ? `sts/${name}` : w)), '-n', ns]);
      for (const name of ['web', 'twin']) {
        await waitFor(`${name} rolled out`, async () => {
          const s = (await sts(name)).status;
          const revs = await podRevisions(name);
          return s.observedGeneration >= 2 && s.updatedReplicas === 2 && revs[`${name}-1`] === s.updateRevision && revs[`${name}-2`] === s.updateRevision;
        }, 90_000);
      }
    }
  }, 300_000);
  afterAll(async () => cleanup?.());

  it('kstate history lists the three revisions with the ordinals running each, and diffs two', async () => {
    const names = await revisionNames('web');
    const r = await kstate(['history', 'sts', 'web', '-n', ns, '-o', 'json']);
    expect([r.code, r.stderr]).toEqual([0, '']);
    const h = JSON.parse(r.stdout);
    expect(h.revisions.map((x: any) => [x.revision, x.name, x.ordinals, x.current, x.update])).toEqual([
      [1, names[1], [0], true, false],
      [2, names[2], [], false, false],
      [3, names[3], [1, 2], false, true],
    ]);
    const text = await kstate(['history', 'sts', 'web', '-n', ns]);
    expect(text.stdout.split('\n')[1]).toMatch(new RegExp(`^3\\s+${names[3]}\\s+\\S+\\s+1,2\\s+update$`));
    const diff = await kstate(['history', 'sts', 'web', '-n', ns, '--diff', '1', '3']);
    expect(diff.stdout).toMatch(/-\s+- image: nginx:1\.27\n/);
    expect(diff.stdout).toMatch(/\+\s+- image: nginx:1\.28\n/);
    const missing = await kstate(['history', 'sts', 'web', '-n', ns, '--revision', '9']);
    expect([missing.code, missing.stderr]).toEqual([2, 'kstate: unable to find specified revision 9 in history\n']);
  });

  it('the dashboard previews the undo: the template diff and the ordinals it replaces; Esc sends nothing', async () => {
    const h = await dashboard(kubeconfig!);
    try {
      await h.press('U');
      await waitFor('the revision pick', async () => (await h.press(), h.screen().includes('roll back to which revision?')), 10_000, 100);
      await h.press('down', 'down', 'enter');
      const screen = h.screen().replace(/│/g, ' ');
      expect(screen).toContain('Roll back sts/web to revision 1');
      expect(screen).toMatch(/-\s+- image: nginx:1\.28/);
      expect(screen).toMatch(/\+\s+- image: nginx:1\.27/);
      expect(screen).toContain('replaced, highest first: ordinal(s) 2, 1');
      await h.press('escape');
      await h.press('H');
      await waitFor('the history pick', async () => (await h.press(), h.screen().includes('history of sts/web: compare which revision')), 10_000, 100);
      await h.press('enter', 'enter');
      expect(h.screen()).toContain('history sts/web');
      expect(h.screen()).toMatch(/3\s+web-\w+\s+\S+\s+1,2\s+update/);
    } finally {
      await h.app.close();
    }
    expect((await sts('web')).status.updateRevision).toBe((await revisionNames('web'))[3]);
  });

  it('refuses in --read-only (CLI and dashboard) and for an identity that may not patch, before sending anything', async () => {
    const since = Date.now();
    const refused = await kstate(['undo', 'sts', 'web', '--to-revision', '1', '-n', ns, '--yes', '--read-only']);
    expect([refused.code, refused.stderr]).toEqual([2, 'kstate: read-only mode: undo web → revision 1 was not sent\n']);
    // --dry-run prints exactly what undo sends — kubectl's body (the revision's data) with the resourceVersion — and sends nothing.
    const dry = await kstate(['undo', 'sts', 'web', '--to-revision', '1', '-n', ns, '--dry-run']);
    expect([dry.code, dry.stderr]).toEqual([0, '']);
    const sent = dry.stdout.slice(dry.stdout.indexOf('dry run — nothing sent:\n') + 24);
    expect(sent.split('\n')[0]).toBe(`PATCH /apis/apps/v1/namespaces/${ns}/statefulsets/web (Content-Type: application/strategic-merge-patch+json)`);
    const revision1 = ((await kubectlJson(['get', 'controllerrevisions', '-n', ns, '-l', 'app=web'])).items as any[]).find((r) => r.revision === 1);
    expect(JSON.parse(sent.slice(sent.indexOf('\n') + 1))).toEqual({ ...revision1.data, metadata: { resourceVersion: (await sts('web')).metadata.resourceVersion } });
    const ro = await dashboard(kubeconfig!, true);
    try {
      await ro.press('U');
      expect(ro.screen().split('\n').pop()).toContain('undo: read-only mode');
    } finally {
      await ro.app.close();
    }
    await apply(ns, serviceAccountWithRole('viewer', [
      ...Object.entries(READ_RESOURCES).map(([group, resources]) => ({ apiGroups: [group], resources: [...resources], verbs: ['get', 'list', 'watch'] })),
      { apiGroups: ['apps'], resources: ['controllerrevisions'], verbs: ['get', 'list'] },
    ]));
    const viewer = await tokenKubeconfig(ns, 'viewer');
    const denied = await kstate(['undo', 'sts', 'web', '--to-revision', '1', '-n', ns, '--yes', '--kubeconfig', viewer]);
    expect(denied.code).toBe(2);
    expect(denied.stderr).toMatch(new RegExp(`^kstate: forbidden: you may not patch statefulsets\\.apps in namespace "${ns}" \\(object "web"\\)`));
    const dv = await dashboard(viewer);
    try {
      await dv.press('?');
      const help = dv.screen().replace(/\s*│\n│\s*/g, ' ').replace(/\\"/g, '"');
      expect(help).toMatch(/U\s+roll back to a revision [^\n]*\(forbidden: patch statefulsets\.apps in namespace "[^"]+" \(object "web"\)\)/);
      await dv.press('escape', 'U');
      expect(dv.screen().split('\n').pop()).toMatch(/undo: forbidden: patch statefulsets\.apps/);
    } finally {
      await dv.app.close();
    }
    // Control: the audit log does record kstate's writes — the undo below is the first and only one.
    const done = await kstate(['undo', 'sts', 'web', '--to-revision', '1', '-n', ns, '--yes']);
    expect([done.code, done.stderr]).toEqual([0, '']);
    await waitFor('the undo in the audit log', async () => kstateWrites(ns, since).length > 0, 20_000);
    expect(kstateWrites(ns, since).map((w) => [w.verb, w.uri])).toEqual([['patch', `/apis/apps/v1/namespaces/${ns}/statefulsets/web`]]);
  });

  it('kstate undo --to-revision 1 leaves the same spec.template as kubectl rollout undo on the twin', async () => {
    await waitFor('web rolled back', async () => (await sts('web')).spec.template.spec.containers[0].image === 'nginx:1.27', 20_000);
    await kubectl(['rollout', 'undo', 'sts', 'twin', '-n', ns, '--to-revision=1']);
    const [web, twin] = [await sts('web'), await sts('twin')];
    expect(web.spec.template).toEqual(asWeb(twin.spec.template));
    expect(web.spec.template.metadata.annotations).toBeUndefined();
    // The controller renumbers revision 1 as 4 and replaces ordinals 2 and 1 with it, as the preview said.
    const names = await revisionNames('web');
    expect(Object.keys(names).sort()).toEqual(['2', '3', '4']);
    await waitFor('ordinals 1 and 2 on the old revision', async () => {
      const revs = await podRevisions('web');
      return revs['web-1'] === names[4] && revs['web-2'] === names[4];
    }, 90_000);
    const again = await kstate(['undo', 'sts', 'web', '--to-revision', '4', '-n', ns, '--yes']);
    expect([again.code, again.stderr]).toEqual([2, 'kstate: the pod template of sts/web already matches revision 4: nothing to roll back\n']);
  });
});
