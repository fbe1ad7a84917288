// kstate as Prometheus sees it: a real Prometheus (Debian's binary, on loopback, config written
// here) scrapes `kstate watch --metrics-addr` against the local cluster and evaluates the shipped
// rules. A CronJob run fails → KstateCronJobLastRunFailed fires; the next run succeeds → it resolves.
// And the ClusterRole in deploy/ is enough for kstate watch and no more.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apply, freshNamespace, hasCluster, kstate, kubeconfig, kubectl, tokenKubeconfig, waitFor } from './helpers.js';
import { cronJobManifest } from './manifests.js';

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

const getJson = async (url: string) => (await fetch(url)).json() as Promise<any>;

describe.skipIf(!hasCluster)('a real Prometheus scraping kstate watch', () => {
  let ns: string;
  let cleanup: () => Promise<void>;
  let dir: string;
  const children: ChildProcess[] = [];
  let kstatePort: number;
  let promUrl: string;

  const start = (cmd: string, args: string[], env: NodeJS.ProcessEnv = {}) => {
    const child = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
    children.push(child);
    return { child, stderr: () => stderr };
  };
  const alerts = async (name: string) => ((await getJson(`${promUrl}/api/v1/alerts`)).data.alerts as any[]).filter((a) => a.labels.alertname === name && a.labels.namespace === ns);
  const failingSpec = { podLabels: { 'kstate.dev/simulate': 'fail' }, jobSpec: { backoffLimit: 0 }, runFor: '1s' };

  beforeAll(async () => {
    ({ name: ns, cleanup } = await freshNamespace('prom'));
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kstate-prom-'));
    kstatePort = await freePort();
    const promPort = await freePort();
    promUrl = `http://127.0.0.1:${promPort}`;
    const config = {
      global: { scrape_interval: '1s', evaluation_interval: '1s' },
      rule_files: [path.resolve('deploy/prometheus/rules.yaml')],
      scrape_configs: [{ job_name: 'kstate', static_configs: [{ targets: [`127.0.0.1:${kstatePort}`] }] }],
    };
    fs.writeFileSync(path.join(dir, 'prometheus.yml'), JSON.stringify(config));
    const watch = start(process.execPath, ['bin/kstate.js', 'watch', '-n', ns, '--metrics-addr', `127.0.0.1:${kstatePort}`], { KUBECONFIG: kubeconfig! });
    const prom = start('prometheus', [`--config.file=${path.join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${path.join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${promPort}`]);
    await waitFor('kstate serving metrics', async () => (await fetch(`http://127.0.0.1:${kstatePort}/healthz`).catch(() => null))?.ok || (watch.child.exitCode !== null && Promise.reject(new Error(watch.stderr()))), 60_000);
    await waitFor('Prometheus ready', async () => (await fetch(`${promUrl}/-/ready`).catch(() => null))?.ok || (prom.child.exitCode !== null && Promise.reject(new Error(prom.stderr()))), 60_000);
    await waitFor('kstate scraped and up', async () => (await getJson(`${promUrl}/api/v1/query?query=up`)).data.result.some((r: any) => r.value[1] === '1'), 60_000);
  }, 180_000);
  afterAll(async () => {
    for (const c of children) c.kill('SIGTERM');
    await cleanup?.();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('fires KstateCronJobLastRunFailed when a run fails and resolves it when the next one succeeds', async () => {
    await apply(ns, cronJobManifest('backup', { schedule: '0 0 1 1 *', ...failingSpec }));
    await waitFor('the CronJob in the metrics', async () => (await getJson(`${promUrl}/api/v1/query?query=kstate_cronjob_suspended{namespace="${ns}",cronjob="backup"}`)).data.result.length === 1, 60_000);
    expect(await alerts('KstateCronJobLastRunFailed')).toEqual([]);

    expect((await kstate(['trigger', 'cj', 'backup', '-n', ns, '--yes'])).code).toBe(0);
    const firing = await waitFor('the alert firing', async () => (await alerts('KstateCronJobLastRunFailed')).find((a) => a.state === 'firing'), 90_000);
    expect(firing.labels).toMatchObject({ cronjob: 'backup', severity: 'warning' });
    expect(firing.annotations.summary).toBe(`CronJob ${ns}/backup: its last run failed`);

    // The next run succeeds: the Job template without the failing label.
    await apply(ns, cronJobManifest('backup', { schedule: '0 0 1 1 *', jobSpec: { backoffLimit: 0 }, runFor: '1s' }));
    expect((await kstate(['trigger', 'cj', 'backup', '-n', ns, '--yes'])).code).toBe(0);
    await waitFor('the alert resolved', async () => (await alerts('KstateCronJobLastRunFailed')).length === 0, 90_000);
    const failedGauge = (await getJson(`${promUrl}/api/v1/query?query=kstate_cronjob_last_run_failed{namespace="${ns}",cronjob="backup"}`)).data.result;
    expect(failedGauge.map((r: any) => r.value[1])).toEqual(['0']);
    const success = (await getJson(`${promUrl}/api/v1/query?query=kstate_cronjob_last_success_timestamp_seconds{namespace="${ns}",cronjob="backup"}`)).data.result;
    expect(Number(success[0].value[1])).toBeGreaterThan(Date.now() / 1000 - 300);
  });

  it('the ClusterRole of deploy/ lets kstate watch see every kind, and refuses every write', async () => {
    const manifest = fs.readFileSync('deploy/kstate.yaml', 'utf8');
    // The RBAC part of the manifest, in a namespace of the test's own (the Deployment needs an image this cluster lacks).
    const rbac = manifest
      .split('\n---\n')
      .filter((doc) => /kind: (ServiceAccount|ClusterRole|ClusterRoleBinding)\n/.test(doc))
      .map((doc) => doc.replace(/namespace: kstate$/gm, `namespace: ${ns}`).replace(/name: kstate-monitor$/gm, `name: kstate-monitor-${ns}`))
      .join('\n---\n');
    await kubectl(['apply', '-f', '-'], rbac);
    await apply(ns, cronJobManifest('nightly', { suspend: true }));
    try {
      const kc = await tokenKubeconfig(ns, 'kstate');
      const port = await freePort();
      const watch = start(process.execPath, ['bin/kstate.js', 'watch', '-A', '--metrics-addr', `127.0.0.1:${port}`], { KUBECONFIG: kc });
      const body = await waitFor('metrics with the ServiceAccount', async () => {
        if (watch.child.exitCode !== null) throw new Error(`kstate watch exited: ${watch.stderr()}`);
        const r = await fetch(`http://127.0.0.1:${port}/metrics`).catch(() => null);
        const text = r?.ok ? await r.text() : '';
        return /kstate_last_sync_timestamp_seconds \d/.test(text) && text;
      }, 60_000);
      const visible = [...body.matchAll(/^kstate_kind_visible\{kind="([^"]+)"\} (\d)$/gm)].map((m) => [m[1], m[2]]);
      expect(visible).toEqual([['statefulsets', '1'], ['pods', '1'], ['persistentvolumeclaims', '1'], ['jobs', '1'], ['cronjobs', '1'], ['services', '1'], ['persistentvolumes', '1']]);
      watch.child.kill('SIGTERM');
      // No write of any kind: kstate's own writes and kubectl's are refused for this identity.
      const suspend = await kstate(['resume', 'cj', 'nightly', '-n', ns, '--yes', '--kubeconfig', kc]);
      expect(suspend.code).not.toBe(0);
      expect(suspend.stderr).toMatch(/forbidden/);
      // Everything the identity may do, as the API server lists it: list and watch on the kinds
      // kstate reads, and nothing that writes but the reviews every identity may ask for itself.
      const rows = (await kubectl(['auth', 'can-i', '--list', '-n', ns, `--as=system:serviceaccount:${ns}:kstate`]))
        .trim()
        .split('\n')
        .slice(1)
        .map((line) => line.trim().split(/\s{2,}/))
        .map((cols) => ({ resource: cols[0]!, verbs: cols[cols.length - 1]! }));
      const granted = Object.fromEntries(rows.filter((r) => /^(statefulsets\.apps|jobs\.batch|cronjobs\.batch|pods|persistentvolumeclaims|services|persistentvolumes)$/.test(r.resource)).map((r) => [r.resource, r.verbs]));
      expect(granted).toEqual({
        'statefulsets.apps': '[list watch]',
        'jobs.batch': '[list watch]',
        'cronjobs.batch': '[list watch]',
        pods: '[list watch]',
        persistentvolumeclaims: '[list watch]',
        services: '[list watch]',
        persistentvolumes: '[list watch]',
      });
      const writes = rows.filter((r) => /create|update|patch|delete|\*/.test(r.verbs)).map((r) => r.resource);
      expect(writes.every((r) => /^selfsubject\w*reviews\./.test(r))).toBe(true);
    } finally {
      await kubectl(['delete', 'clusterrole,clusterrolebinding', `kstate-monitor-${ns}`, '--ignore-not-found', '--wait=false']).catch(() => undefined);
    }
  });
});
