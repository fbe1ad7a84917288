// Brings the local control plane up once per test run (or uses KSTATE_TEST_KUBECONFIG), and hands
// its kubeconfig to the tests. Without a cluster the integration tests are skipped and the run
// says why — unless KSTATE_REQUIRE_CLUSTER=1, which makes that a failure.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { TestProject } from 'vitest/node';

const run = promisify(execFile);

declare module 'vitest' {
  export interface ProvidedContext {
    kubeconfig: string | null;
    skipReason: string | null;
  }
}

async function clusterUp(): Promise<{ kubeconfig: string; startedHere: boolean }> {
  const env = process.env;
  if (env.KSTATE_TEST_KUBECONFIG) return { kubeconfig: env.KSTATE_TEST_KUBECONFIG, startedHere: false };
  try {
    const { stdout } = await run('bash', ['cluster/kubeconfig.sh']);
    const kubeconfig = stdout.trim();
    await run('bash', ['-c', '. cluster/lib.sh && healthy']);
    return { kubeconfig, startedHere: false };
  } catch {
    // not running: start it below
  }
  process.stderr.write('[integration] starting the local cluster (npm run cluster:up)…\n');
  const { stdout } = await run('bash', ['cluster/up.sh'], { maxBuffer: 64 * 1024 * 1024, timeout: 80 * 60_000 });
  const lines = stdout.trim().split('\n');
  return { kubeconfig: lines[lines.length - 1]!, startedHere: true };
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | void> {
  try {
    const { kubeconfig, startedHere } = await clusterUp();
    project.provide('kubeconfig', kubeconfig);
    project.provide('skipReason', null);
    if (startedHere && process.env.KSTATE_KEEP_CLUSTER !== '1') {
      return async () => {
        await run('bash', ['cluster/down.sh']).catch(() => undefined);
      };
    }
  } catch (err) {
    const e = err as { stderr?: string; message?: string };
    const reason = (e.stderr?.trim().split('\n').pop() ?? e.message ?? String(err)).slice(0, 300);
    if (process.env.KSTATE_REQUIRE_CLUSTER === '1') throw new Error(`KSTATE_REQUIRE_CLUSTER=1 but the local cluster could not be started: ${reason}`);
    process.stderr.write(`\n[integration] SKIPPED: no local cluster (${reason}). Set KSTATE_REQUIRE_CLUSTER=1 to make this a failure.\n\n`);
    project.provide('kubeconfig', null);
    project.provide('skipReason', reason);
  }
}
