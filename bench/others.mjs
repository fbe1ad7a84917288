// npm run bench:others — kstate's cost follows the workloads it shows, not the cluster: 2,000
// StatefulSet pods (80 × 25) alone, then beside 20,000 Deployment pods (5,000 in the same namespace,
// 15,000 in three others) with an event storm about those pods; each with -n and with -A, k9s's
// StatefulSet view measured in the same run, and the limit for the same cluster: the API server's
// lists of what kstate needs + a bare node start + one render.
//   node bench/others.mjs [--others-per-deployment 1000] [--storm-rate 250] [--skip-k9s]
import { execFile, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { promisify } from 'node:util';
import { connect } from '../dist/kube/config.js';
import { requestJson } from '../dist/kube/http.js';
import { seed } from './seed.mjs';
import { tuiLaunch } from './tui.mjs';

const run = promisify(execFile);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const log = (m) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${m}\n`);
const argv = process.argv.slice(2);
const arg = (name, dflt) => (argv.includes(`--${name}`) ? Number(argv[argv.indexOf(`--${name}`) + 1]) : dflt);
const perDeployment = arg('others-per-deployment', 1000);
const stormRate = arg('storm-rate', 250);
const skipK9s = argv.includes('--skip-k9s');
// --phase with|without: one half of the run (its figures kept in bench/results/others-phases.json
// and joined with the other half's for the table), so that 20,000 pods are not made twice.
const phase = argv.includes('--phase') ? argv[argv.indexOf('--phase') + 1] : null;
const STORM_IN_FLIGHT = 64;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const STS = { statefulsets: 80, replicas: 25, jobs: 0, cronjobs: 0 };
const OTHER_NAMESPACES = ['bench-others-1', 'bench-others-2', 'bench-others-3'];
const DEPLOYMENTS_PER_NAMESPACE = 5;
const OTHER_LABEL = 'kstate.dev/bench-other';

async function create(kc, p, body) {
  try {
    await requestJson(kc, { method: 'POST', path: p, body, timeoutMs: 60_000 });
  } catch (err) {
    if (err.status !== 409) throw err;
  }
}

/** The Deployments of the other pods (at 0 replicas when new), and fake nodes with room for them. */
async function ensureOthers(kc, stsNamespace) {
  const nodes = DEPLOYMENTS_PER_NAMESPACE * 4;
  for (let i = 1; i <= nodes; i++) {
    const name = `kwok-others-${i}`;
    await create(kc, '/api/v1/nodes', { apiVersion: 'v1', kind: 'Node', metadata: { name, annotations: { 'kwok.x-k8s.io/node': 'fake' }, labels: { 'kubernetes.io/hostname': name, type: 'kwok' } } });
  }
  const deployments = [];
  let node = 0;
  for (const ns of [stsNamespace, ...OTHER_NAMESPACES]) {
    await create(kc, '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
    for (let i = 0; i < DEPLOYMENTS_PER_NAMESPACE; i++) {
      const name = `other-${i}`;
      // Each Deployment's pods on a node of their own: the scheduler's client rate (50/s) would
      // otherwise take most of the seeding time; these pods are about volume, not placement.
      const nodeName = `kwok-others-${(node++ % nodes) + 1}`;
      await create(kc, `/apis/apps/v1/namespaces/${ns}/deployments`, {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name },
        spec: {
          replicas: 0,
          selector: { matchLabels: { app: name } },
          template: { metadata: { labels: { app: name, [OTHER_LABEL]: 'true' } }, spec: { nodeName, containers: [{ name: 'web', image: 'nginx:1.27' }] } },
        },
      });
      deployments.push({ ns, name });
    }
  }
  return deployments;
}

/** Scales every other Deployment and waits until exactly that many of their pods run. */
async function scaleOthers(kc, deployments, replicas) {
  const t0 = Date.now();
  for (const d of deployments) {
    await requestJson(kc, { method: 'PATCH', path: `/apis/apps/v1/namespaces/${d.ns}/deployments/${d.name}/scale`, contentType: 'application/merge-patch+json', body: { spec: { replicas } } });
  }
  const want = replicas * deployments.length;
  for (;;) {
    const status = await Promise.all(deployments.map((d) => requestJson(kc, { path: `/apis/apps/v1/namespaces/${d.ns}/deployments/${d.name}` }).then((x) => x.status ?? {})));
    const ready = status.reduce((n, s) => n + (s.readyReplicas ?? 0), 0);
    const existing = status.reduce((n, s) => n + (s.replicas ?? 0), 0);
    const left = want > 0 ? 0 : (await requestJson(kc, { path: `/api/v1/pods?labelSelector=${encodeURIComponent(OTHER_LABEL)}&limit=1` })).items.length;
    log(`${ready}/${want} other pods ready, ${existing} in all (${Math.round((Date.now() - t0) / 1000)} s)`);
    if (ready === want && existing === want && left === 0) return;
    await sleep(5_000);
  }
}

/** Events about the other pods, created at `rate` a second until stopped: what a busy cluster's rollouts send. */
function eventStorm(kc, pods, rate) {
  const t0 = performance.now();
  let sent = 0;
  let failed = 0;
  let inFlight = 0;
  const tick = setInterval(() => {
    const due = Math.floor(((performance.now() - t0) / 1000) * rate);
    // The server's pace, not ours, when it falls behind: the storm's rate is what it accepted.
    while (sent < due && inFlight < STORM_IN_FLIGHT) {
      const pod = pods[sent % pods.length];
      sent++;
      inFlight++;
      requestJson(kc, {
        method: 'POST',
        path: `/api/v1/namespaces/${pod.ns}/events`,
        body: { metadata: { generateName: 'storm-' }, involvedObject: { kind: 'Pod', apiVersion: 'v1', namespace: pod.ns, name: pod.name, uid: pod.uid }, reason: 'Pulled', message: `storm ${sent}`, type: 'Normal', source: { component: 'kubelet' } },
      })
        .catch(() => failed++)
        .finally(() => inFlight--);
    }
  }, 10);
  return () => {
    clearInterval(tick);
    return { sent, failed, ratePerSecond: Math.round(sent / ((performance.now() - t0) / 1000)) };
  };
}

async function otherPods(kc) {
  const pods = [];
  let cont = '';
  do {
    const page = await requestJson(kc, { path: `/api/v1/pods?labelSelector=${encodeURIComponent(OTHER_LABEL)}&limit=5000${cont ? `&continue=${cont}` : ''}`, timeoutMs: 120_000 });
    for (const p of page.items) pods.push({ ns: p.metadata.namespace, name: p.metadata.name, uid: p.metadata.uid });
    cont = page.metadata?.continue ?? '';
  } while (cont);
  return pods;
}

/**
 * The floor for a first complete frame: the API server's lists of what kstate's StatefulSet view
 * needs, sent at once as kstate sends them, + starting a bare node + one render (the headless probe's
 * frame after its lists).
 */
async function limit(kc, kubeconfig, ns) {
  const scope = ns ? `/namespaces/${ns}` : '';
  const lists = [
    `/apis/apps/v1${scope}/statefulsets`,
    `/api/v1${scope}/pods?labelSelector=${encodeURIComponent('statefulset.kubernetes.io/pod-name')}`,
    `/api/v1${scope}/pods?labelSelector=${encodeURIComponent('batch.kubernetes.io/controller-uid')}`,
    `/api/v1${scope}/persistentvolumeclaims`,
    `/api/v1${scope}/services`,
    '/api/v1/persistentvolumes',
    '/apis/storage.k8s.io/v1/storageclasses',
  ];
  const listMs = [];
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    await Promise.all(lists.map((p) => requestJson(kc, { path: p, timeoutMs: 120_000 })));
    listMs.push(performance.now() - t);
  }
  const nodeMs = [];
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    await run(process.execPath, ['-e', '']);
    nodeMs.push(performance.now() - t);
  }
  const renderMs = await probeRender(kubeconfig, ns);
  return { listMs: Math.round(median(listMs)), nodeStartMs: Math.round(median(nodeMs)), renderMs, totalMs: Math.round(median(listMs) + median(nodeMs) + renderMs) };
}

/** One render of the first complete frame, from the headless probe. */
async function probeRender(kubeconfig, ns) {
  const child = spawn(process.execPath, [path.join(root, 'bench/probe.mjs'), kubeconfig, ns ?? ''], { stdio: ['pipe', 'pipe', 'ignore'] });
  const ms = await new Promise((resolve) => {
    readline.createInterface({ input: child.stdout }).on('line', (l) => {
      const e = JSON.parse(l);
      if (e.event === 'first-frame') resolve(e.frameAfterListsMs);
    });
  });
  child.stdin.write('quit\n');
  child.kill();
  return ms;
}

async function measure(label, kubeconfig, ns, k9s) {
  const scopeArgs = ns ? `-n ${ns}` : '-A';
  log(`${label}: kstate ${scopeArgs}`);
  const kstate = await tuiLaunch('kstate', `${root}/bin/kstate.js --kubeconfig ${kubeconfig} ${scopeArgs}`, 'db-0000');
  let k9sResult = null;
  if (k9s) {
    log(`${label}: k9s ${scopeArgs}`);
    const home = fs.mkdtempSync('/tmp/k9s-home-');
    k9sResult = await tuiLaunch('k9s', `env HOME=${home} XDG_CONFIG_HOME=${home} ${k9s} --kubeconfig ${kubeconfig} ${scopeArgs} -c sts --readonly`, 'db-0000');
  }
  return { kstate, k9s: k9sResult };
}

function table(r) {
  const f = (x, d = 0) => (x === null || x === undefined ? '-' : Number(x).toFixed(d));
  const ratio = (a, b) => (a && b ? `${(a / b).toFixed(2)}×` : '-');
  const rows = [];
  for (const scope of ['namespace', 'all']) {
    const w = r.without[scope];
    const o = r.with[scope];
    const s = scope === 'namespace' ? '-n' : '-A';
    rows.push(
      [`${s} first frame (ms)`, f(w.kstate.firstFrameMs), f(o.kstate.firstFrameMs), ratio(o.kstate.firstFrameMs, w.kstate.firstFrameMs), '≤ 1.15×'],
      [`${s} complete frame (ms)`, f(w.kstate.completeFrameMs), f(o.kstate.completeFrameMs), ratio(o.kstate.completeFrameMs, w.kstate.completeFrameMs), '≤ 1.15×'],
      [`${s} steady RSS (MB)`, f(w.kstate.rssMb), f(o.kstate.rssMb), ratio(o.kstate.rssMb, w.kstate.rssMb), '≤ 1.15×'],
      [`${s} idle CPU, with the storm (% of a core)`, f(w.kstate.idleCpuPercent, 1), f(o.kstate.idleCpuPercent, 1), '', '≤ 2 %'],
      [`${s} k9s first frame (ms)`, f(w.k9s?.firstFrameMs), f(o.k9s?.firstFrameMs), ratio(o.k9s?.firstFrameMs, w.k9s?.firstFrameMs), ''],
      [`${s} kstate complete / k9s first frame`, ratio(w.kstate.completeFrameMs, w.k9s?.firstFrameMs), ratio(o.kstate.completeFrameMs, o.k9s?.firstFrameMs), '', '≤ 1.0×'],
      [`${s} kstate first / k9s first frame`, ratio(w.kstate.firstFrameMs, w.k9s?.firstFrameMs), ratio(o.kstate.firstFrameMs, o.k9s?.firstFrameMs), '', '≤ 0.7×'],
      [`${s} k9s steady RSS (MB)`, f(w.k9s?.rssMb), f(o.k9s?.rssMb), '', ''],
      [`${s} limit: lists ${r.limit[scope].listMs} + node ${r.limit[scope].nodeStartMs} + render ${r.limit[scope].renderMs} (ms)`, f(r.limit[scope].totalMs), '', '', ''],
      [`${s} kstate complete frame / limit`, ratio(w.kstate.completeFrameMs, r.limit[scope].totalMs), ratio(o.kstate.completeFrameMs, r.limit[scope].totalMs), '', ''],
    );
  }
  return [
    `### Workloads shown vs the cluster ${r.date.slice(0, 16)} — ${r.stsPods} StatefulSet pods; with ${r.otherPods} other pods and ${r.storm.ratePerSecond} events/s about them (${r.machine.cpus} cores, \`npm run bench:others\`)`,
    '',
    '| measure | without the others | with them | ratio | target |',
    '|---|---|---|---|---|',
    ...rows.map((row) => `| ${row.join(' | ')} |`),
    '',
  ].join('\n');
}

async function main() {
  const kubeconfig = execFileSync('bash', [path.join(root, 'cluster/up.sh')], { stdio: ['ignore', 'pipe', 'inherit'] }).toString().trim().split('\n').pop();
  const kc = connect({ kubeconfig }).endpoint;
  const ns = await seed(kc, STS, log);
  const deployments = await ensureOthers(kc, ns);
  const k9s = skipK9s ? null : execFileSync('bash', [path.join(root, 'bench/build-k9s.sh')], { stdio: ['ignore', 'pipe', 'inherit'] }).toString().trim().split('\n').pop();
  const results = { date: new Date().toISOString(), machine: { cpus: (await import('node:os')).cpus().length, node: process.version }, namespace: ns, stsPods: STS.statefulsets * STS.replicas };

  const phases = path.join(root, 'bench/results/others-phases.json');
  const kept = phase && fs.existsSync(phases) ? JSON.parse(fs.readFileSync(phases, 'utf8')) : {};
  Object.assign(results, kept);
  if (phase !== 'with') {
    log('without the other pods');
    await scaleOthers(kc, deployments, 0);
    results.limit = { namespace: await limit(kc, kubeconfig, ns), all: await limit(kc, kubeconfig, null) };
    results.without = { namespace: await measure('without', kubeconfig, ns, k9s), all: await measure('without', kubeconfig, null, k9s) };
  }
  if (phase !== 'without') {
    log(`with ${perDeployment * deployments.length} other pods`);
    await scaleOthers(kc, deployments, perDeployment);
    const pods = await otherPods(kc);
    results.otherPods = pods.length;
    const stop = eventStorm(kc, pods, stormRate);
    results.with = { namespace: await measure('with', kubeconfig, ns, k9s), all: await measure('with', kubeconfig, null, k9s) };
    results.storm = stop();
  }
  fs.mkdirSync(path.dirname(phases), { recursive: true });
  fs.writeFileSync(phases, `${JSON.stringify(results, null, 2)}\n`);
  if (!results.with || !results.without) return log(`${phase} half measured; run the other half to print the table`);
  const md = table(results);
  const dir = path.join(root, 'bench/results');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, `others-${results.date.replace(/[:.]/g, '-')}.json`), `${JSON.stringify(results, null, 2)}\n`);
  fs.writeFileSync(path.join(dir, 'others-latest.md'), md);
  process.stdout.write(md);
}

await main();
