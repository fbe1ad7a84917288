// `kubectl logs` works on the local cluster: KWOK's server is the fake nodes' kubelet and answers
// from the files in cluster/logs (cluster/kwok/logs.yaml). Any pod in any namespace gets
// cluster/logs/default.log, a container named `backup` gets backup.log; the lines are real API
// responses (the API server proxies them from kwok), not read from the files by this test.
import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apply, freshNamespace, hasCluster, kubeconfig, kubectl, kubectlJson, linesOf, waitFor } from './helpers.js';
import { jobManifest } from './manifests.js';

const run = promisify(execFile);

const DEFAULT = linesOf('default.log');
const PREVIOUS = linesOf('default-previous.log');
const BACKUP = linesOf('backup.log');
const text = (lines: string[]): string => lines.map((l) => `${l}\n`).join('');

const POD = `
apiVersion: v1
kind: Pod
metadata: {name: talker}
spec:
  containers:
    - {name: main, image: busybox:1.36, command: [sleep, infinity]}
    - {name: backup, image: postgres:16}
`;

describe.skipIf(!hasCluster)('container logs on the local cluster', () => {
  let ns: Awaited<ReturnType<typeof freshNamespace>>;
  let kubectlBin: string;

  beforeAll(async () => {
    expect(DEFAULT.length).toBeGreaterThanOrEqual(3);
    kubectlBin = (await run('bash', ['-c', '. cluster/lib.sh && echo "$bin_dir/kubectl"'])).stdout.trim();
    ns = await freshNamespace('logs');
    await apply(ns.name, POD);
    await apply(ns.name, jobManifest('fails', { fail: true, runFor: '1s', backoffLimit: 0 }));
    await waitFor('pod talker Running', async () => (await kubectlJson(['get', 'pod', 'talker', '-n', ns.name])).status?.phase === 'Running');
  });
  afterAll(async () => ns?.cleanup());

  it('returns a running pod’s lines, stdout and stderr in order', async () => {
    expect(await kubectl(['logs', '-n', ns.name, 'talker', '-c', 'main'])).toBe(text(DEFAULT));
  });

  it('serves the pod log API with tailLines, and maps containers by name', async () => {
    const raw = await kubectl(['get', '--raw', `/api/v1/namespaces/${ns.name}/pods/talker/log?container=main&tailLines=2`]);
    expect(raw).toBe(text(DEFAULT.slice(-2)));
    const backup = await kubectl(['logs', '-n', ns.name, 'talker', '-c', 'backup']);
    expect(backup).toBe(text(BACKUP));
    expect(backup).toMatch(/wrote \/backup\/todo\.sql/);
  });

  it('serves --previous from the previous log file', async () => {
    expect(await kubectl(['logs', '-n', ns.name, 'talker', '-c', 'main', '--previous'])).toBe(text(PREVIOUS));
  });

  it('follows: prints the lines and keeps the stream open', async () => {
    const child = spawn(kubectlBin, ['--kubeconfig', kubeconfig!, 'logs', '-f', '-n', ns.name, 'talker', '-c', 'main']);
    let out = '';
    let err = '';
    child.stderr.on('data', (c: Buffer) => void (err += c.toString()));
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`kubectl logs -f printed only: ${JSON.stringify(out)}`)), 30_000);
        child.stdout.on('data', (c: Buffer) => {
          out += c.toString();
          if (out.length >= text(DEFAULT).length) (clearTimeout(timer), resolve());
        });
        child.on('exit', (code) => (clearTimeout(timer), reject(new Error(`kubectl logs -f exited ${code}: ${err}`))));
      });
      expect(out).toBe(text(DEFAULT));
      await new Promise((r) => setTimeout(r, 1500));
      expect(child.exitCode).toBeNull(); // still following
    } finally {
      child.kill();
    }
  });

  it('returns the lines of a Job’s pod after it failed', async () => {
    const pod = await waitFor('the failed pod of job fails', async () => {
      const pods = await kubectlJson(['get', 'pods', '-n', ns.name, '-l', 'job-name=fails']);
      return pods.items.find((p: any) => p.status?.phase === 'Failed')?.metadata.name as string | undefined;
    });
    expect(await kubectl(['logs', '-n', ns.name, pod])).toBe(text(DEFAULT));
  });
});
