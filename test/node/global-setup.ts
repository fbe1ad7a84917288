// The real-node suite's cluster: the integration suite's (started here if need be, the same
// KSTATE_REQUIRE_CLUSTER rule), and on it the real node kstate-node-1 (cluster/node/up.sh, which
// returns at once when it runs). A node that cannot start is a failure with its one-line reason
// under KSTATE_REQUIRE_CLUSTER=1 — never a silent skip — and a skip that says why otherwise.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { TestProject } from 'vitest/node';
import clusterSetup from '../integration/global-setup.js';

const run = promisify(execFile);

declare module 'vitest' {
  export interface ProvidedContext {
    nodeName: string;
  }
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | void> {
  const teardown = await clusterSetup(project);
  project.provide('nodeName', process.env.KSTATE_NODE_NAME ?? 'kstate-node-1');
  if (project.getProvidedContext().kubeconfig === null) return teardown;
  try {
    await run('bash', ['cluster/node/up.sh'], { timeout: 30 * 60_000, maxBuffer: 16 * 1024 * 1024 });
    // up.sh returns 0 without a node for a cluster that has none (KSTATE_REAL_NODE=0): Ready or not?
    const { stdout } = await run('bash', ['-c', '. cluster/lib.sh && . cluster/node/lib.sh && [ "$real_node" = 1 ] || { echo "no real node for cluster $cluster_name (KSTATE_REAL_NODE=1 starts one)"; exit 0; }; kc get node "$node_name" -o jsonpath="{.status.conditions[?(@.type==\\"Ready\\")].status}" 2>&1']);
    if (stdout.trim() !== 'True') throw Object.assign(new Error('no Ready real node'), { stderr: stdout.trim() === '' ? 'the real node is not Ready' : stdout.trim().startsWith('no real node') ? stdout.trim() : `the real node is not Ready (${stdout.trim()})` });
  } catch (err) {
    const e = err as { stderr?: string; message?: string };
    const reason = (e.stderr?.trim().split('\n').pop() ?? e.message ?? String(err)).slice(0, 400);
    if (process.env.KSTATE_REQUIRE_CLUSTER === '1') {
      await teardown?.();
      throw new Error(`KSTATE_REQUIRE_CLUSTER=1 but the real node could not start: ${reason}`);
    }
    process.stderr.write(`\n[node] SKIPPED: no real node (${reason}). Set KSTATE_REQUIRE_CLUSTER=1 to make this a failure.\n\n`);
    project.provide('kubeconfig', null);
    project.provide('skipReason', reason);
  }
  return teardown;
}
