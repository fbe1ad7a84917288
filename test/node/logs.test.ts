// `kstate logs` on the real node: what the kubelet serves (containerd's CRI log files, lines longer
// than the runtime's 16 KiB split and joined again, stderr interleaved, a last line without its
// newline, bytes that are not UTF-8) equal byte for byte to `kubectl logs`; --previous after a real
// crash; a StatefulSet's ordinals merged.
import { execFile } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apply, freshNamespace, hasCluster, kubeconfig, kubectlJson, waitFor } from '../integration/helpers.js';
import { job, statefulSet, WAIT } from './manifests.js';

/** A command's stdout as bytes, and its exit code and stderr. */
function raw(bin: string, args: readonly string[]): Promise<{ code: number; stdout: Buffer; stderr: string }> {
  return new Promise((resolve) => {
    execFile(bin, args, { encoding: 'buffer', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, KUBECONFIG: kubeconfig ?? '' } }, (err, stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr: stderr.toString() }),
    );
  });
}
let kubectlBin = '';
const kubectlRaw = (...args: string[]) => raw(kubectlBin, ['--kubeconfig', kubeconfig!, ...args]);
const kstateRaw = (...args: string[]) => raw(process.execPath, ['bin/kstate.js', 'logs', ...args]);

// Printed by the Job's container: UTF-8, a tab, trailing blanks, an empty line, a 40,000-byte line,
// stderr between stdout lines, a byte that is not UTF-8, and no newline at the end.
const PRINTER = [
  "printf 'žluťoučký kůň 🐎\\tend  \\n'",
  'echo',
  "head -c 40000 /dev/zero | tr '\\0' x; echo",
  'echo to-stderr >&2',
  "printf 'latin-1 \\351t\\351\\n'",
  "printf 'no newline at the end'",
].join('; ');

describe.skipIf(!hasCluster)('kstate logs from the real kubelet', () => {
  let ns: string;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    ({ name: ns, cleanup } = await freshNamespace('node-logs'));
    kubectlBin = (await raw('bash', ['-c', '. cluster/lib.sh && echo "$bin_dir/kubectl"'])).stdout.toString().trim();
    await Promise.all([
      apply(ns, job('printer', { containers: [{ name: 'print', script: PRINTER }] })),
      // Fails its first run (an emptyDir survives the restart), runs for good after it.
      apply(ns, statefulSet('once', { containers: [{ name: 'app', script: `if [ -e /state/crashed ]; then echo "second run"; ${WAIT}; fi; echo "first run: failing"; touch /state/crashed; exit 1`, mounts: [{ name: 'state', mountPath: '/state' }], ready: true }], volumes: [{ name: 'state', emptyDir: {} }] })),
      apply(ns, statefulSet('chatty', { replicas: 2, containers: [{ name: 'talk', script: `for i in 1 2 3; do echo "$(hostname) says $i"; done; ${WAIT}`, ready: true }] })),
    ]);
    await waitFor('printer finished', async () => (await kubectlJson(['get', 'job', 'printer', '-n', ns])).status?.succeeded === 1, 120_000);
  });
  afterAll(async () => cleanup?.());

  it('a Job pod: byte for byte what kubectl logs prints', async () => {
    const want = await kubectlRaw('logs', 'job/printer', '-n', ns);
    expect(want.code).toBe(0);
    expect(want.stdout.length).toBeGreaterThan(40_000);
    expect(want.stdout.includes(Buffer.from([0xe9]))).toBe(true);
    const got = await kstateRaw('job/printer', '-n', ns);
    expect(got.stderr).toBe('');
    expect(got.code).toBe(0);
    expect(got.stdout.equals(want.stdout)).toBe(true);
  });

  it('--previous after a real crash, and the container running since', async () => {
    await waitFor('once-0 ready after its crash', async () => {
      const pod = await kubectlJson(['get', 'pod', 'once-0', '-n', ns]);
      return pod.status?.containerStatuses?.[0]?.restartCount >= 1 && pod.status.containerStatuses[0].ready === true;
    }, 120_000);
    // Once in CI, just after the restart, the kubelet answered kubectl "unable to retrieve container
    // logs for containerd://…" (its runtime gave no status of the exited container): asked again.
    let previous = await kubectlRaw('logs', 'once-0', '-n', ns, '--previous');
    await waitFor('the previous log served by the kubelet', async () => (previous = await kubectlRaw('logs', 'once-0', '-n', ns, '--previous')).stdout.toString() === 'first run: failing\n', 30_000, 500).catch(() => undefined);
    expect(previous.stdout.toString()).toBe('first run: failing\n');
    const got = await kstateRaw('sts/once', '-n', ns, '--previous');
    expect(got.stderr).toBe('');
    expect(got.stdout.toString()).toBe(`[0] ${previous.stdout.toString()}`);
    expect((await kstateRaw('sts/once', '-n', ns)).stdout.toString()).toBe('[0] second run\n');
  });

  it("a StatefulSet's ordinals merged, each line as kubectl logs prints it with its ordinal", async () => {
    await waitFor('chatty ready', async () => (await kubectlJson(['get', 'sts', 'chatty', '-n', ns])).status?.readyReplicas === 2, 120_000);
    const got = await kstateRaw('sts/chatty', '-n', ns);
    expect(got.stderr).toBe('');
    const lines = got.stdout.toString().split('\n').filter(Boolean);
    for (const ordinal of [0, 1]) {
      const want = (await kubectlRaw('logs', `chatty-${ordinal}`, '-n', ns)).stdout.toString().split('\n').filter(Boolean);
      expect(want).toEqual([1, 2, 3].map((i) => `chatty-${ordinal} says ${i}`));
      expect(lines.filter((l) => l.startsWith(`[${ordinal}] `))).toEqual(want.map((l) => `[${ordinal}] ${l}`));
    }
    expect(lines).toHaveLength(6);
  });
});
