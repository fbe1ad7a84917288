// Brings the local control plane up once per test run (or uses KSTATE_TEST_KUBECONFIG), and hands
// its kubeconfig to the tests. Without a cluster the integration tests are skipped and the run
// says why — unless KSTATE_REQUIRE_CLUSTER=1, which makes that a failure.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { TestProject } from 'vitest/node';

const run = promisify(execFile);

declare module 'vitest' {
  export interface ProvidedContext {
    kubeconfig: string | null;
    skipReason: string | null;
    /** A kubeconfig with contexts for the main cluster, kstate-b and "unreachable" (null: no second cluster, see fleetSkipReason). */
    fleetKubeconfig: string | null;
    fleetSkipReason: string | null;
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

const SECOND = 'kstate-b';

/**
 * The second cluster (control plane and KWOK nodes only: no real node), started when it is not up,
 * and a kubeconfig naming the main cluster, it and an unreachable context. The main cluster's name
 * is its kubeconfig's directory (…/clusters/NAME/kubeconfig.yaml, as cluster/up.sh writes it).
 */
async function fleetUp(kubeconfig: string): Promise<{ kubeconfig: string; startedHere: boolean }> {
  const main = path.basename(path.dirname(kubeconfig));
  if (path.basename(kubeconfig) !== 'kubeconfig.yaml' || main === SECOND) throw new Error(`${kubeconfig} is not a cluster made by cluster/up.sh`);
  const env = { ...process.env, KSTATE_CLUSTER_NAME: SECOND };
  const up = await run('bash', ['-c', '. cluster/lib.sh && healthy'], { env }).then(() => true, () => false);
  if (!up) {
    process.stderr.write(`[integration] starting the second cluster (npm run cluster:up -- --name ${SECOND})…\n`);
    await run('bash', ['cluster/up.sh'], { env, maxBuffer: 64 * 1024 * 1024, timeout: 10 * 60_000 });
  }
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kstate-fleet-')), 'kubeconfig.yaml');
  await run('bash', ['cluster/fleet-kubeconfig.sh', '--out', out, main, SECOND]);
  return { kubeconfig: out, startedHere: !up };
}

const reasonOf = (err: unknown): string => {
  const e = err as { stderr?: string; message?: string };
  return (e.stderr?.trim().split('\n').pop() ?? e.message ?? String(err)).slice(0, 300);
};

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | void> {
  const teardown: (() => Promise<unknown>)[] = [];
  const keep = process.env.KSTATE_KEEP_CLUSTER === '1';
  project.provide('fleetKubeconfig', null);
  project.provide('fleetSkipReason', 'no local cluster');
  try {
    const { kubeconfig, startedHere } = await clusterUp();
    project.provide('kubeconfig', kubeconfig);
    project.provide('skipReason', null);
    if (startedHere && !keep) teardown.push(() => run('bash', ['cluster/down.sh']).catch(() => undefined));
    // The faults project takes the API server down and needs no second cluster.
    if (project.name === 'integration') {
      try {
        const fleet = await fleetUp(kubeconfig);
        project.provide('fleetKubeconfig', fleet.kubeconfig);
        project.provide('fleetSkipReason', null);
        if (fleet.startedHere && !keep) teardown.unshift(() => run('bash', ['cluster/down.sh'], { env: { ...process.env, KSTATE_CLUSTER_NAME: SECOND } }).catch(() => undefined));
      } catch (err) {
        const reason = reasonOf(err);
        if (process.env.KSTATE_REQUIRE_CLUSTER === '1') throw new Error(`KSTATE_REQUIRE_CLUSTER=1 but the second cluster (${SECOND}) could not be started: ${reason}`);
        process.stderr.write(`\n[integration] fleet tests SKIPPED: no second cluster (${reason}).\n\n`);
        project.provide('fleetSkipReason', reason);
      }
    }
  } catch (err) {
    const reason = reasonOf(err);
    if (process.env.KSTATE_REQUIRE_CLUSTER === '1') throw new Error(`KSTATE_REQUIRE_CLUSTER=1 but the local cluster could not be started: ${reason}`);
    process.stderr.write(`\n[integration] SKIPPED: no local cluster (${reason}). Set KSTATE_REQUIRE_CLUSTER=1 to make this a failure.\n\n`);
    project.provide('kubeconfig', null);
    project.provide('skipReason', reason);
  }
  if (teardown.length) {
    return async () => {
      for (const t of teardown) await t();
    };
  }
}
