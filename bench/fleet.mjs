// npm run bench:fleet: the dashboard on one context against three (kstate, kstate-b and an
// unreachable one) — launch → first frame, → complete frame, idle CPU and RSS, under tmux.
//   node bench/fleet.mjs [--namespace demo]
// Both local clusters must be up (npm run cluster:up; npm run cluster:up -- --name kstate-b); the
// namespace is seeded with the demo workloads in each when it has no StatefulSet.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { tuiLaunch } from './tui.mjs';

const run = promisify(execFile);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const argv = process.argv.slice(2);
const ns = argv.includes('--namespace') ? argv[argv.indexOf('--namespace') + 1] : 'demo';
const log = (m) => process.stderr.write(`[bench:fleet ${new Date().toISOString().slice(11, 19)}] ${m}\n`);

const kubeconfig = (await run('bash', [`${root}/cluster/fleet-kubeconfig.sh`, 'kstate', 'kstate-b'])).stdout.trim().split('\n').pop();
const kubectl = (ctx, args) => run('bash', ['-c', `. ${root}/cluster/lib.sh && "$bin_dir/kubectl" --kubeconfig ${kubeconfig} --context ${ctx} ${args}`]).then((r) => r.stdout.trim());
for (const ctx of ['kstate', 'kstate-b']) {
  if (!(await kubectl(ctx, `get sts -n ${ns} -o name`).catch(() => ''))) {
    log(`seeding namespace ${ns} in ${ctx}`);
    await run('bash', [`${root}/cluster/demo/seed.sh`, '--name', ctx], { env: { ...process.env, KSTATE_DEMO_NAMESPACE: ns } });
  }
}
const firstSts = (await kubectl('kstate', `get sts -n ${ns} -o jsonpath={.items[0].metadata.name}`)) || 'StatefulSets';
const kstate = `${root}/bin/kstate.js --kubeconfig ${kubeconfig} -n ${ns}`;
log('one context');
const one = await tuiLaunch('fleet-1', `${kstate} --context kstate`, firstSts);
log('three contexts (one unreachable)');
// The fleet view's first frame: a context connected and counted; complete: none still connecting or loading.
const three = await tuiLaunch('fleet-3', `${kstate} --context kstate,kstate-b,unreachable`, '● connected', 15, 10, ['syncing', 'loading', 'connecting']);
const results = { at: new Date().toISOString(), namespace: ns, oneContext: one, threeContexts: three };
const dir = path.join(root, 'bench', 'results');
fs.mkdirSync(dir, { recursive: true });
const file = path.join(dir, `fleet-${results.at.replace(/[:.]/g, '-')}.json`);
fs.writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
const row = (name, r) => `${name.padEnd(26)} ${String(r.firstFrameMs ?? '-').padStart(8)} ${String(r.completeFrameMs ?? '-').padStart(10)} ${(r.rssMb?.toFixed(0) ?? '-').padStart(8)} ${(r.peakRssMb?.toFixed(0) ?? '-').padStart(9)} ${r.idleCpuPercent.toFixed(1).padStart(8)}`;
process.stdout.write(`${'dashboard'.padEnd(26)} ${'first ms'.padStart(8)} ${'complete ms'.padStart(10)} ${'RSS MB'.padStart(8)} ${'peak MB'.padStart(9)} ${'idle CPU%'.padStart(8)}\n${row('1 context', one)}\n${row('3 contexts (1 unreachable)', three)}\n${path.relative(root, file)}\n`);
