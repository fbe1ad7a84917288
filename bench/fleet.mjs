// The cost of several contexts: the dashboard on one context of the bench cluster, then on three
// contexts (three names for the same cluster, each with its own store and connection, so the
// server's cost is shared and kstate's own shows) — first frame, complete frame, steady RSS.
// Run by npm run bench; alone: node bench/fleet.mjs (the bench cluster must be seeded).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { tuiLaunch } from './tui.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
export const FLEET_CONTEXTS = ['one', 'two', 'three'];

/** A kubeconfig naming the cluster of `kubeconfig` three times, as contexts one, two, three. */
function threeContexts(kubeconfig, kubectl) {
  const out = path.join(fs.mkdtempSync('/tmp/kstate-bench-fleet-'), 'kubeconfig.yaml');
  fs.writeFileSync(out, execFileSync(kubectl, ['--kubeconfig', kubeconfig, 'config', 'view', '--raw', '--flatten']));
  const current = execFileSync(kubectl, ['--kubeconfig', out, 'config', 'current-context']).toString().trim();
  const cluster = execFileSync(kubectl, ['--kubeconfig', out, 'config', 'view', '--raw', '-o', `jsonpath={.contexts[?(@.name=="${current}")].context.cluster}`]).toString().trim();
  const user = execFileSync(kubectl, ['--kubeconfig', out, 'config', 'view', '--raw', '-o', `jsonpath={.contexts[?(@.name=="${current}")].context.user}`]).toString().trim();
  for (const name of FLEET_CONTEXTS) execFileSync(kubectl, ['--kubeconfig', out, 'config', 'set-context', name, '--cluster', cluster, '--user', user]);
  return out;
}

/** Every context's row of the fleet view connected with its counts known. */
const fleetComplete = (screen) => FLEET_CONTEXTS.every((c) => new RegExp(`${c}\\s+● connected\\s+\\d+/\\d+`).test(screen));

export async function fleetRun(kubeconfig, kubectl, ns, log) {
  const config = threeContexts(kubeconfig, kubectl);
  const kstate = `${root}/bin/kstate.js --kubeconfig ${config} -n ${ns}`;
  log('kstate on one context under tmux');
  const one = await tuiLaunch('kstate-one', `${kstate} --context one`, 'db-0000');
  log('kstate on three contexts (the fleet view) under tmux');
  const three = await tuiLaunch('kstate-three', `${kstate} --context ${FLEET_CONTEXTS.join(',')}`, `fleet: ${FLEET_CONTEXTS.length} contexts`, 15, 10, fleetComplete);
  return { one, three };
}

/** Rows for the benchmark table: 1 vs 3 contexts. */
export function fleetRows(r, f, ratio) {
  return [
    ['1 → 3 contexts: launch → first frame (tmux, ms)', `${f(r.one.firstFrameMs)} → ${f(r.three.firstFrameMs)}`, '', ratio(r.three.firstFrameMs, r.one.firstFrameMs)],
    ['1 → 3 contexts: launch → complete frame (tmux, ms)', `${f(r.one.completeFrameMs)} → ${f(r.three.completeFrameMs)}`, '', ratio(r.three.completeFrameMs, r.one.completeFrameMs)],
    ['1 → 3 contexts: steady RSS (tmux, MB; linear is ≤ 3×)', `${f(r.one.rssMb)} → ${f(r.three.rssMb)}`, '', ratio(r.three.rssMb, r.one.rssMb)],
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { connect } = await import('../dist/kube/config.js');
  const { seed } = await import('./seed.mjs');
  const log = (m) => process.stderr.write(`[bench:fleet ${new Date().toISOString().slice(11, 19)}] ${m}\n`);
  const kubeconfig = execFileSync('bash', [path.join(root, 'cluster/up.sh')], { stdio: ['ignore', 'pipe', 'inherit'] }).toString().trim().split('\n').pop();
  const kubectl = execFileSync('bash', ['-c', `. ${root}/cluster/lib.sh && echo "$bin_dir/kubectl"`]).toString().trim();
  const ns = await seed(connect({ kubeconfig }).endpoint, { statefulsets: 200, replicas: 25, jobs: 1000, cronjobs: 200 }, log);
  const r = await fleetRun(kubeconfig, kubectl, ns, log);
  const f = (x) => (x === null || x === undefined ? '-' : Number(x).toFixed(0));
  const ratio = (a, b) => (a && b ? `${(a / b).toFixed(2)}×` : '-');
  process.stdout.write(`${fleetRows(r, f, ratio).map((row) => `| ${row.join(' | ')} |`).join('\n')}\n`);
}
