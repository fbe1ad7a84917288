// npm run bench: a large simulated cluster, kstate measured on it, and the references (kubectl,
// k9s) measured in the same run on the same cluster. Results go to bench/results/.
//   node bench/run.mjs [--statefulsets 200] [--replicas 25] [--jobs 1000] [--cronjobs 200]
//                      [--churn-seconds 20] [--skip-k9s] [--scale-only]
// --scale-only: just the scaling curve (bench/scale.mjs at 1×, 4×, 10×), no cluster needed.
// The cost against what is shown, beside 20,000 pods of other controllers: npm run bench:others.
import { execFile, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { promisify } from 'node:util';
import { connect } from '../dist/kube/config.js';
import { requestJson } from '../dist/kube/http.js';
import { churn } from './churn.mjs';
import { seed } from './seed.mjs';
import { fleetRows, fleetRun } from './fleet.mjs';
import { procMb, tuiLaunch } from './tui.mjs';

const run = promisify(execFile);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const log = (m) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${m}\n`);

const argv = process.argv.slice(2);
const arg = (name, dflt) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? Number(argv[i + 1]) : dflt;
};
const params = { statefulsets: arg('statefulsets', 200), replicas: arg('replicas', 25), jobs: arg('jobs', 1000), cronjobs: arg('cronjobs', 200) };
const churnSeconds = arg('churn-seconds', 20);
const skipK9s = argv.includes('--skip-k9s');
const scaleOnly = argv.includes('--scale-only');
const SCALE_FACTORS = [1, 4, 10];
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
async function timeCommand(cmd, args, runs = 3) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await run(cmd, args, { maxBuffer: 1 << 30 });
    times.push(performance.now() - t);
  }
  return Math.round(median(times));
}

/** `kubectl get pods -w`: time until the initial list is printed in full, and its RSS then. */
async function kubectlWatch(kubectl, kubeconfig, ns, expected) {
  const t0 = performance.now();
  const child = spawn(kubectl, ['--kubeconfig', kubeconfig, 'get', 'pods', '-n', ns, '-w', '--no-headers']);
  let lines = 0;
  const ms = await new Promise((resolve) => {
    readline.createInterface({ input: child.stdout }).on('line', () => {
      if (++lines === expected) resolve(Math.round(performance.now() - t0));
    });
    setTimeout(() => resolve(null), 120_000);
  });
  await new Promise((r) => setTimeout(r, 2000));
  const result = { initialListMs: ms, rssMb: procMb(child.pid, 'VmRSS') };
  child.kill();
  return result;
}

async function probeRun(kubeconfig, ns, kc) {
  const child = spawn(process.execPath, ['--max-semi-space-size=4', path.join(root, 'bench/probe.mjs'), kubeconfig, ns], { stdio: ['pipe', 'pipe', 'inherit'] });
  const events = [];
  const waiters = [];
  readline.createInterface({ input: child.stdout }).on('line', (l) => {
    const e = JSON.parse(l);
    events.push(e);
    for (const w of waiters.splice(0)) w();
  });
  const waitFor = async (pred) => {
    for (;;) {
      const e = events.find(pred);
      if (e) return e;
      await new Promise((r) => waiters.push(r));
    }
  };
  const send = async (cmd) => {
    const before = events.length;
    child.stdin.write(`${cmd}\n`);
    await waitFor((e, i) => i >= before && e.event === 'done');
    return events.slice(before);
  };
  const result = {};
  result.firstFrame = await waitFor((e) => e.event === 'first-frame');
  await waitFor((e) => e.event === 'ready');
  log(`kstate first complete frame ${result.firstFrame.firstFrameMs} ms after launch (${result.firstFrame.frameAfterListsMs} ms after the lists)`);
  result.idle = (await send('idle 10')).find((e) => e.event === 'idle');
  result.keys = (await send('keys 100')).find((e) => e.event === 'keys');
  result.marksQuiet = (await send(`marks quiet 10 2`)).find((e) => e.event === 'marks');
  const podList = await requestJson(kc, { path: `/api/v1/namespaces/${ns}/pods?limit=100000`, timeoutMs: 120_000 });
  const pods = podList.items.map((p) => p.metadata.name);
  result.churn = {};
  for (const rate of [50, 200]) {
    log(`churn at ${rate} updates/s for ${churnSeconds} s`);
    const [generator, events2] = await Promise.all([churn(kc, ns, pods, rate, churnSeconds), send(`marks churn${rate} ${churnSeconds} 2`)]);
    result.churn[rate] = { ...events2.find((e) => e.event === 'marks'), generator };
  }
  result.steady = (await send('idle 5')).find((e) => e.event === 'idle');
  child.stdin.write('quit\n');
  await new Promise((r) => child.on('exit', r));
  return result;
}

/** kstate's own cost at several multiples of the default workload, each in a fresh process. */
async function scalingCurve() {
  const curve = [];
  for (const factor of SCALE_FACTORS) {
    log(`scaling curve: ${factor}× (in-process, synthetic objects)`);
    const { stdout } = await run(process.execPath, ['--expose-gc', path.join(root, 'bench/scale.mjs'), String(factor)], { maxBuffer: 1 << 20 });
    curve.push(JSON.parse(stdout.trim().split('\n').pop()));
  }
  return curve;
}

function scalingTable(curve) {
  const f = (x, d = 0) => Number(x).toFixed(d);
  return [
    '| × default | pods | claims | Jobs | ingest (ms) | first frame (ms) | view switch jobs / cronjobs / sts (ms) | key p50 / p99 (ms) | idle CPU sts / jobs / cronjobs (%) | RSS (MB) | heap (MB) |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
    ...curve.map((c) => `| ${c.factor}× | ${c.objects.pods} | ${c.objects.pvcs} | ${c.objects.jobs} | ${c.ingestMs} | ${c.firstFrameMs} | ${c.viewSwitchMs.jobs} / ${c.viewSwitchMs.cronjobs} / ${c.viewSwitchMs.statefulsets} | ${c.moveP50Ms} / ${c.moveP99Ms} | ${f(c.idleCpuPercent.statefulsets, 1)} / ${f(c.idleCpuPercent.jobs, 1)} / ${f(c.idleCpuPercent.cronjobs, 1)} | ${c.rssMb} | ${c.heapUsedMb} |`),
    '',
  ].join('\n');
}

function save(results, md) {
  const dir = path.join(root, 'bench/results');
  fs.mkdirSync(dir, { recursive: true });
  const stamp = results.date.replace(/[:.]/g, '-');
  fs.writeFileSync(path.join(dir, `${stamp}.json`), `${JSON.stringify(results, null, 2)}\n`);
  fs.writeFileSync(path.join(dir, 'latest.md'), md);
  process.stdout.write(md);
}

async function main() {
  if (scaleOnly) {
    const results = { date: new Date().toISOString(), machine: { cpus: (await import('node:os')).cpus().length, node: process.version } };
    results.scaling = await scalingCurve();
    return save(results, `### Scaling curve ${results.date.slice(0, 16)} (${results.machine.cpus} cores)\n\n${scalingTable(results.scaling)}`);
  }
  const kubeconfig = execFileSync('bash', [path.join(root, 'cluster/up.sh')], { stdio: ['ignore', 'pipe', 'inherit'] }).toString().trim().split('\n').pop();
  const kubectl = execFileSync('bash', ['-c', `. ${root}/cluster/lib.sh && echo "$bin_dir/kubectl"`]).toString().trim();
  const kc = connect({ kubeconfig }).endpoint;
  log(`parameters ${JSON.stringify(params)}`);
  const ns = await seed(kc, params, log);
  const totalPods = (await requestJson(kc, { path: `/api/v1/namespaces/${ns}/pods?limit=100000`, timeoutMs: 120_000 })).items.length;

  const results = { date: new Date().toISOString(), params, namespace: ns, pods: totalPods, machine: { cpus: (await import('node:os')).cpus().length, node: process.version } };
  log('kstate (headless probe)');
  results.kstate = await probeRun(kubeconfig, ns, kc);
  log('kstate get sts -A -o json');
  // As the installed command runs (bin/kstate.js starts node with its own flags).
  results.kstate.getStsJsonMs = await timeCommand(path.join(root, 'bin/kstate.js'), ['--kubeconfig', kubeconfig, 'get', 'sts', '-A', '-o', 'json']);
  log('kstate under tmux');
  results.kstate.tmux = await tuiLaunch('kstate', `${root}/bin/kstate.js --kubeconfig ${kubeconfig} -n ${ns}`, 'db-0000');
  results.fleet = await fleetRun(kubeconfig, kubectl, ns, log);
  log('kubectl references');
  results.kubectl = {
    getAllMs: await timeCommand(kubectl, ['--kubeconfig', kubeconfig, 'get', 'sts,jobs,cronjobs', '-A']),
    // The objects `kstate get sts -o json` needs, as JSON.
    getStsJsonMs: await timeCommand(kubectl, ['--kubeconfig', kubeconfig, 'get', 'sts,pods,pvc', '-A', '-o', 'json']),
    watchPods: await kubectlWatch(kubectl, kubeconfig, ns, totalPods),
  };
  if (!skipK9s) {
    try {
      const k9s = execFileSync('bash', [path.join(root, 'bench/build-k9s.sh')], { stdio: ['ignore', 'pipe', 'inherit'] }).toString().trim().split('\n').pop();
      const home = fs.mkdtempSync('/tmp/k9s-home-');
      log('k9s under tmux');
      results.k9s = await tuiLaunch('k9s', `env HOME=${home} XDG_CONFIG_HOME=${home} ${k9s} --kubeconfig ${kubeconfig} -n ${ns} -c sts --readonly`, 'db-0000');
    } catch (err) {
      results.k9s = { error: String(err.message ?? err).split('\n')[0] };
    }
  }
  results.scaling = await scalingCurve();
  save(results, `${table(results)}\n#### Scaling curve (kstate's own cost, in-process)\n\n${scalingTable(results.scaling)}`);
}

function table(r) {
  const k = r.kstate;
  const f = (x, d = 0) => (x === null || x === undefined ? '-' : Number(x).toFixed(d));
  const ratio = (a, b) => (a && b ? `${(a / b).toFixed(2)}×` : '-');
  const rows = [
    ['launch → first frame with the StatefulSets list (tmux, ms)', f(k.tmux.firstFrameMs), f(r.k9s?.firstFrameMs), ratio(k.tmux.firstFrameMs, r.k9s?.firstFrameMs)],
    ['launch → first frame with nothing loading (tmux, ms)', f(k.tmux.completeFrameMs), '', ''],
    ['launch → first complete frame (headless, ms)', f(k.firstFrame.firstFrameMs), '', ''],
    ['first frame after the lists return (ms)', f(k.firstFrame.frameAfterListsMs), '', ''],
    ['steady RSS 25 s after the first frame (tmux, MB)', f(k.tmux.rssMb), f(r.k9s?.rssMb), ratio(k.tmux.rssMb, r.k9s?.rssMb)],
    ['peak RSS (tmux, MB)', f(k.tmux.peakRssMb), f(r.k9s?.peakRssMb), ratio(k.tmux.peakRssMb, r.k9s?.peakRssMb)],
    ['RSS after the churn / peak (headless probe, MB)', `${f(k.steady.rssMb)} / ${f(k.steady.peakRssMb)}`, '', ''],
    ['idle CPU from 15 to 25 s after the first frame (tmux, % of a core)', f(k.tmux.idleCpuPercent, 1), f(r.k9s?.idleCpuPercent, 1), ratio(k.tmux.idleCpuPercent, r.k9s?.idleCpuPercent)],
    ['idle CPU over 10 s (headless probe, % of a core)', f(k.idle.cpuPercent, 1), '', ''],
    ['change request → screen p50 / p99, quiet (ms)', `${f(k.marksQuiet.p50Ms)} / ${f(k.marksQuiet.p99Ms)}`, '', ''],
    ['watch event → screen p50 / p99, quiet (ms)', `${f(k.marksQuiet.ownP50Ms)} / ${f(k.marksQuiet.ownP99Ms)}`, '', ''],
    ...[50, 200].flatMap((rate) => [
      [`change request → screen p50 / p99 at ${k.churn[rate].generator.ratePerSecond} updates/s (ms)`, `${f(k.churn[rate].p50Ms)} / ${f(k.churn[rate].p99Ms)}`, '', ''],
      [`watch event → screen p50 / p99 at ${k.churn[rate].generator.ratePerSecond} updates/s (ms)`, `${f(k.churn[rate].ownP50Ms)} / ${f(k.churn[rate].ownP99Ms)}`, '', ''],
    ]),
    ...[50, 200].map((rate) => [`CPU at ${k.churn[rate].generator.ratePerSecond} updates/s (% of a core)`, f(k.churn[rate].cpuPercent, 1), '', '']),
    ['key → frame p50 / p99 (ms)', `${f(k.keys.moveP50Ms)} / ${f(k.keys.moveP99Ms)}`, '', ''],
    ['view switch sts→jobs / →cronjobs / →sts (ms)', `${k.keys.viewSwitchMs.jobs} / ${k.keys.viewSwitchMs.cronjobs} / ${k.keys.viewSwitchMs.statefulsets}`, '', ''],
    ['`kstate get sts -A -o json` vs `kubectl get sts,pods,pvc -A -o json` (ms)', f(k.getStsJsonMs), f(r.kubectl.getStsJsonMs), ratio(k.getStsJsonMs, r.kubectl.getStsJsonMs)],
    ['`kubectl get sts,jobs,cronjobs -A` (ms, for scale)', '', f(r.kubectl.getAllMs), ''],
    ...fleetRows(r.fleet, f, ratio),
    ['initial pod list: kstate lists vs `kubectl get pods -w` (ms)', f(k.firstFrame.listsMs), f(r.kubectl.watchPods.initialListMs), ratio(k.firstFrame.listsMs, r.kubectl.watchPods.initialListMs)],
  ];
  const c = k.firstFrame.counts;
  return [
    `### Benchmark ${r.date.slice(0, 16)} — ${c.statefulsets} StatefulSets, ${c.pods} pods, ${c.pvcs} claims, ${c.jobs} Jobs, ${c.cronjobs} CronJobs (${r.machine.cpus} cores)`,
    '',
    '| measure | kstate | reference (k9s / kubectl) | ratio |',
    '|---|---|---|---|',
    ...rows.map((row) => `| ${row.join(' | ')} |`),
    '',
    r.k9s?.error ? `k9s: ${r.k9s.error}\n` : '',
  ].join('\n');
}

await main();
