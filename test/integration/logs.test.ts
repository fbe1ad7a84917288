// `kstate logs` against the local cluster, whose KWOK nodes serve the files in cluster/logs: a
// followed pod, a finished Job read whole (also with -f), a CronJob's last and last failed run, a
// StatefulSet's ordinals merged and prefixed, --previous, and every error path as one line.
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../../src/kube/config.js';
import { streamLogs, type LogLine } from '../../src/kube/logs.js';
import { apply, freshNamespace, hasCluster, kstate, kubeconfig, kubectlJson, linesOf, tokenKubeconfig, waitFor } from './helpers.js';
import { cronJobManifest, jobManifest, serviceAccountWithRole, statefulSetManifest } from './manifests.js';

const DEFAULT = linesOf('default.log');
const PREVIOUS = linesOf('default-previous.log');
const BACKUP = linesOf('backup.log');
const MIGRATION = linesOf('migration.log');
const MIGRATION_PREVIOUS = linesOf('migration-previous.log');
const ORDINAL = [linesOf('todo-db-0.log'), linesOf('todo-db-1.log')];
const text = (lines: string[], prefix = '') => lines.map((l) => `${prefix}${l}\n`).join('');

async function jobDone(ns: string, name: string): Promise<void> {
  await waitFor(`job ${name} finished`, async () => (await kubectlJson(['get', 'job', name, '-n', ns])).status?.conditions?.some((c: any) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True'), 90_000);
}

/** Starts `kstate logs … -f` and resolves with its output once `until` holds; the process keeps running. */
function follow(args: string[], until: (out: string) => boolean): Promise<{ out: string; running: () => boolean; stop: () => void }> {
  const child = spawn(process.execPath, ['bin/kstate.js', 'logs', ...args, '-f', '--kubeconfig', kubeconfig!]);
  let out = '';
  let err = '';
  child.stderr.on('data', (c: Buffer) => void (err += c.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => (child.kill(), reject(new Error(`kstate logs -f printed only ${JSON.stringify(out)} ${err}`))), 30_000);
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      if (until(out)) {
        clearTimeout(timer);
        resolve({ out, running: () => child.exitCode === null, stop: () => child.kill('SIGINT') });
      }
    });
    child.on('exit', (code) => (clearTimeout(timer), reject(new Error(`kstate logs -f exited ${code}: ${err}`))));
  });
}

describe.skipIf(!hasCluster)('kstate logs on the local cluster', () => {
  let ns: string;
  let cleanup: () => Promise<void>;
  const cli = (...args: string[]) => kstate(['logs', ...args, '-n', ns]);

  beforeAll(async () => {
    ({ name: ns, cleanup } = await freshNamespace('logs'));
    await apply(ns, statefulSetManifest('todo-db', { replicas: 2, container: 'postgres', image: 'postgres:16' }));
    await apply(ns, cronJobManifest('nightly', { suspend: true }));
    const cj = await kubectlJson(['get', 'cronjob', 'nightly', '-n', ns]);
    const owner = { apiVersion: 'batch/v1', kind: 'CronJob', name: 'nightly', uid: cj.metadata.uid as string };
    // Two runs of the CronJob: a migration that fails, then (newer) a backup that succeeds.
    await apply(ns, jobManifest('nightly-1', { owner, container: 'migrate', fail: true, backoffLimit: 0 }));
    await apply(ns, jobManifest('finished', {}));
    await apply(ns, jobManifest('runner', { runFor: '10m' }));
    await apply(ns, jobManifest('stuck', { unschedulable: true }));
    await jobDone(ns, 'nightly-1');
    await apply(ns, jobManifest('nightly-2', { owner, container: 'backup' }));
    await Promise.all([jobDone(ns, 'nightly-2'), jobDone(ns, 'finished')]);
    await waitFor('todo-db ready', async () => (await kubectlJson(['get', 'sts', 'todo-db', '-n', ns])).status?.readyReplicas === 2, 90_000);
    await waitFor('runner running', async () => (await kubectlJson(['get', 'pods', '-n', ns, '-l', 'job-name=runner'])).items[0]?.status?.phase === 'Running');
  });
  afterAll(async () => cleanup?.());

  it('reads a finished Job whole and exits, also with -f', async () => {
    for (const args of [['job/finished'], ['job/finished', '-f']]) {
      const r = await cli(...args);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(text(DEFAULT));
    }
  });

  it('follows one running pod and keeps the stream open', async () => {
    const f = await follow(['job/runner', '-n', ns], (out) => out.length >= text(DEFAULT).length);
    try {
      expect(f.out).toBe(text(DEFAULT));
      await new Promise((r) => setTimeout(r, 1500));
      expect(f.running()).toBe(true);
    } finally {
      f.stop();
    }
  });

  it("reads a CronJob's last run and its last failed run", async () => {
    const last = await cli('cj/nightly');
    expect(last.stdout).toBe(text(BACKUP));
    expect((await cli('cj/nightly', '--last')).stdout).toBe(text(BACKUP));
    const failed = await cli('cj/nightly', '--failed');
    expect(failed.code).toBe(0);
    expect(failed.stdout).toBe(text(MIGRATION));
  });

  it("merges a StatefulSet's ordinals, each line prefixed with its ordinal", async () => {
    const r = await cli('sts/todo-db');
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n').filter(Boolean);
    for (const ordinal of [0, 1]) expect(lines.filter((l) => l.startsWith(`[${ordinal}] `))).toEqual(ORDINAL[ordinal]!.map((l) => `[${ordinal}] ${l}`));
    expect(lines).toHaveLength(ORDINAL[0]!.length + ORDINAL[1]!.length);
  });

  it('follows the merged StatefulSet stream and filters nothing out', async () => {
    const expected = ORDINAL[0]!.length + ORDINAL[1]!.length;
    const f = await follow(['sts/todo-db', '-n', ns, '--timestamps'], (out) => out.split('\n').filter(Boolean).length >= expected);
    try {
      const lines = f.out.split('\n').filter(Boolean);
      expect(lines.filter((l) => l.startsWith('[0] 2026-01-01T')).length).toBe(ORDINAL[0]!.length);
      expect(lines.filter((l) => l.startsWith('[1] 2026-01-01T')).length).toBe(ORDINAL[1]!.length);
      await new Promise((r) => setTimeout(r, 1500));
      expect(f.running()).toBe(true); // still following both ordinals
    } finally {
      f.stop();
    }
  });

  it('reads the previous container', async () => {
    expect((await cli('cj/nightly', '--failed', '-p')).stdout).toBe(text(MIGRATION_PREVIOUS));
    expect((await cli('job/finished', '--previous')).stdout).toBe(text(PREVIOUS));
  });

  it('says in one line per ordinal that there is no previous log', async () => {
    const r = await cli('sts/todo-db', '-p');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n').filter(Boolean).sort()).toEqual([
      'kstate: [0] no previous container log for container postgres of pod todo-db-0: it has not been restarted',
      'kstate: [1] no previous container log for container postgres of pod todo-db-1: it has not been restarted',
    ]);
  });

  it('says in one line that a container has not started, or does not exist', async () => {
    const stuck = await cli('job/stuck');
    expect(stuck.code).toBe(2);
    expect(stuck.stderr).toMatch(/^kstate: container w of pod stuck-[a-z0-9]+ has not started: the pod is not scheduled to a node yet\n$/);
    const nope = await cli('job/finished', '-c', 'sidecar');
    expect(nope.stderr).toMatch(/^kstate: pod finished-[a-z0-9]+ has no container sidecar \(it has w\)\n$/);
    const none = await cli('cj/nightly-gone');
    expect(none.stderr).toBe(`kstate: cronjobs "nightly-gone" not found in namespace "${ns}"\n`);
  });

  it('says in one line that RBAC forbids reading logs', async () => {
    // Everything kstate lists, but not pods/log.
    await apply(ns, serviceAccountWithRole('no-logs', [{ apiGroups: ['', 'apps', 'batch'], resources: ['pods', 'statefulsets', 'jobs', 'cronjobs', 'persistentvolumeclaims', 'services', 'events'], verbs: ['get', 'list', 'watch'] }]));
    const file = await tokenKubeconfig(ns, 'no-logs');
    const r = await kstate(['logs', 'job/finished', '--kubeconfig', file]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(new RegExp(`^kstate: forbidden: you may not read the logs of pod finished-[a-z0-9]+ \\(get pods/log in namespace ${ns}\\)\\n$`));
  });

  it('says in one line that a pod is gone', async () => {
    const endpoint = connect({ kubeconfig: kubeconfig!, namespace: ns }).endpoint;
    const lines = await new Promise<LogLine[]>((resolve) => {
      const got: LogLine[] = [];
      streamLogs(endpoint, [{ namespace: ns, pod: 'todo-db-7', podUid: 'x', node: 'kwok-node-1', container: 'postgres', follow: false, previous: false, label: '7' }], {}, (l) => got.push(l), () => resolve(got));
    });
    expect(lines).toEqual([{ label: '7', time: null, text: 'pod todo-db-7 is gone', error: true }]);
  });
});
