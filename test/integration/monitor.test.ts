// kstate check and kstate watch on the local cluster.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apply, freshNamespace, hasCluster, kstate, kubeconfig, kubectl, waitFor, watchEvents } from './helpers.js';
import { jobManifest, statefulSetManifest } from './manifests.js';

const JOB = (name: string, fail = false) => jobManifest(name, { runFor: '2s', backoffLimit: 0, fail });

describe.skipIf(!hasCluster)('kstate check / watch on the local cluster', () => {
  let ns: string;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ name: ns, cleanup } = await freshNamespace('mon'));
  });
  afterAll(async () => cleanup?.());

  it('exits 0 on a healthy namespace, 1 once a Job failed, 2 when it cannot evaluate', async () => {
    await apply(ns, JOB('fine'));
    await waitFor('fine complete', async () => (await kstate(['get', 'jobs', 'fine', '-n', ns, '-o', 'json'])).stdout.includes('"status": "Complete"'), 60_000);
    const ok = await kstate(['check', '-n', ns]);
    expect(ok.stdout).toBe('OK: 0 failure(s), 0 warning(s), 0 info\n');
    expect(ok.code).toBe(0);

    await apply(ns, JOB('broken', true));
    const bad = await waitFor('check to fail', async () => {
      const r = await kstate(['check', '-n', ns, '-o', 'json']);
      return r.code === 1 && r;
    }, 90_000, 1000);
    const report = JSON.parse(bad.stdout);
    expect(report.ok).toBe(false);
    expect(report.findings).toEqual([expect.objectContaining({ severity: 'failure', code: 'JobFailed', object: 'job/broken', namespace: ns })]);

    const unreachable = await kstate(['check', '--kubeconfig', path.resolve('test/fixtures/kubeconfigs/good.yaml')]);
    expect(unreachable.code).toBe(2);
    expect(unreachable.stderr).toMatch(/^kstate: cannot reach the API server at https:\/\/127\.0\.0\.1:1/);
  });

  it('streams each transition once, in order', async () => {
    const { child, events } = watchEvents(ns);
    try {
      await new Promise((r) => setTimeout(r, 2500));
      await apply(ns, JOB('runner'));
      await apply(ns, statefulSetManifest('web', { replicas: 1 }));
      await waitFor('runner complete and web ready', async () => events.some((e) => e.name === 'runner' && e.to === 'Complete') && events.some((e) => e.name === 'web' && e.to === '1/1'), 60_000);
      await kubectl(['scale', 'sts', 'web', '-n', ns, '--replicas=2']);
      await waitFor('web 2/2', async () => events.some((e) => e.name === 'web' && e.to === '2/2'), 60_000);
      await new Promise((r) => setTimeout(r, 1500));
      const runner = events.filter((e) => e.name === 'runner').map((e) => `${e.event}:${e.to}`);
      expect(runner[0]).toMatch(/^created:/);
      expect(runner.filter((e) => e === 'status:Complete')).toHaveLength(1);
      expect(runner[runner.length - 1]).toBe('status:Complete');
      const web = events.filter((e) => e.name === 'web' && e.event === 'ready').map((e) => `${e.from}→${e.to}`);
      expect(web.filter((e) => e.endsWith('→2/2'))).toHaveLength(1);
      expect(web.indexOf('1/2→2/2')).toBeGreaterThan(web.indexOf('1/1→1/2'));
      expect(events.some((e) => e.name === 'fine' || e.name === 'broken')).toBe(false); // nothing repeated from before
    } finally {
      child.kill('SIGTERM');
      const code = await new Promise((r) => child.on('exit', r));
      expect(code).toBe(0);
    }
  });

  it('ends quietly, exit 0, when its reader stops reading (kstate watch | head -1)', async () => {
    const child = spawn(process.execPath, ['bin/kstate.js', 'watch', '-n', ns, '--kubeconfig', kubeconfig!]);
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const exited = new Promise<number | null>((r) => child.on('exit', r));
    // The first line closes the reader; the next Job's transition is then written to a closed pipe.
    const firstLine = new Promise<string>((r) => child.stdout.once('data', (c: Buffer) => {
      child.stdout.destroy();
      r(c.toString());
    }));
    await apply(ns, JOB('reader-gone'));
    // A watch that could not start says so instead of leaving the test waiting for a line.
    const first = await Promise.race([firstLine, exited.then((code) => `exited ${code} before a line: ${stderr}`)]);
    expect(first).toContain('job/reader-gone');
    await apply(ns, JOB('reader-gone-2'));
    const code = await waitFor('watch to exit', () => Promise.race([exited, new Promise<false>((r) => setTimeout(() => r(false), 500))]), 90_000);
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});
