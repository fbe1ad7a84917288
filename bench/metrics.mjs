// npm run bench:metrics: `kstate watch -A --metrics-addr` on the bench cluster, under pod churn for
// N minutes (default 10), scraped every 15 s as Prometheus would: the time of each scrape and the
// process's RSS. Memory must stay flat (no growth per scrape or per event) and a scrape ≤ 20 ms.
//   node bench/metrics.mjs [--profile DIR] [--minutes 10] [--rate 50] [--statefulsets 200] [--replicas 25] [--jobs 1000] [--cronjobs 200]
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { connect } from '../dist/kube/config.js';
import { requestJson } from '../dist/kube/http.js';
import { churn } from './churn.mjs';
import { podsQuiet } from './quiet.mjs';
import { seed } from './seed.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const log = (m) => process.stderr.write(`[bench:metrics ${new Date().toISOString().slice(11, 19)}] ${m}\n`);
const argv = process.argv.slice(2);
const arg = (name, dflt) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? Number(argv[i + 1]) : dflt;
};
const params = { statefulsets: arg('statefulsets', 200), replicas: arg('replicas', 25), jobs: arg('jobs', 1000), cronjobs: arg('cronjobs', 200) };
const minutes = arg('minutes', 10);
const rate = arg('rate', 50);
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))];
const rssMb = (pid) => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;
const freePort = () => new Promise((resolve) => { const s = createServer().listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); }); });

const kubeconfig = execFileSync('bash', [path.join(root, 'cluster/up.sh')], { stdio: ['ignore', 'pipe', 'inherit'] }).toString().trim().split('\n').pop();
const kc = connect({ kubeconfig }).endpoint;
const ns = await seed(kc, params, log);
const kubectl = execFileSync('bash', ['-c', `. ${root}/cluster/lib.sh && echo "$bin_dir/kubectl"`]).toString().trim();
const settledAfterS = await podsQuiet(kubectl, kubeconfig, ns, log);
log(`the pods are quiet (after ${settledAfterS} s)`);
const pods = (await requestJson(kc, { path: `/api/v1/namespaces/${ns}/pods?limit=100000`, timeoutMs: 120_000 })).items.map((p) => p.metadata.name);
const port = await freePort();
// --profile DIR: a CPU profile of kstate for the run (open it in Chrome's DevTools).
const profile = argv.includes('--profile') ? ['--cpu-prof', '--cpu-prof-dir', argv[argv.indexOf('--profile') + 1]] : [];
const child = spawn(process.execPath, [...profile, path.join(root, 'bin/kstate.js'), '--kubeconfig', kubeconfig, 'watch', '-A', '--metrics-addr', `127.0.0.1:${port}`], { stdio: ['ignore', 'ignore', 'inherit'] });
const scrape = async () => {
  const t0 = performance.now();
  const r = await fetch(`http://127.0.0.1:${port}/metrics`);
  const body = await r.text();
  return { ms: performance.now() - t0, bytes: body.length, series: body.split('\n').filter((l) => l && !l.startsWith('#')).length };
};
for (let i = 0; i < 600; i++) {
  if (await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false)) break;
  await new Promise((r) => setTimeout(r, 200));
}
log(`kstate watch up on ${pods.length} pods; ${minutes} min of churn at ${rate} updates/s, a scrape every 15 s`);
const samples = [];
const churning = churn(kc, ns, pods, rate, minutes * 60);
const t0 = Date.now();
while (Date.now() - t0 < minutes * 60_000) {
  const s = await scrape();
  samples.push({ atS: Math.round((Date.now() - t0) / 1000), ...s, rssMb: rssMb(child.pid) });
  log(`t=${samples.at(-1).atS}s scrape ${s.ms.toFixed(1)} ms (${s.series} series), RSS ${samples.at(-1).rssMb.toFixed(0)} MB`);
  await new Promise((r) => setTimeout(r, 15_000));
}
const generator = await churning;
child.kill('SIGTERM');
// The first scrapes warm up (JIT, first views); flat means the second half is no higher than the first.
const half = Math.floor(samples.length / 2);
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
const firstHalf = mean(samples.slice(1, half).map((s) => s.rssMb));
const secondHalf = mean(samples.slice(half).map((s) => s.rssMb));
const scrapes = samples.slice(1).map((s) => s.ms);
const result = {
  date: new Date().toISOString(),
  params,
  pods: pods.length,
  minutes,
  generator,
  settledAfterS,
  series: samples.at(-1).series,
  scrapeMs: { p50: pct(scrapes, 50), p99: pct(scrapes, 99), max: Math.max(...scrapes) },
  rssMb: { first: samples[0].rssMb, firstHalfMean: firstHalf, secondHalfMean: secondHalf, last: samples.at(-1).rssMb, growthPerMinute: (secondHalf - firstHalf) / (minutes / 2) },
  samples,
};
const f = (x) => x.toFixed(1);
const md = [
  `### kstate watch --metrics-addr, ${result.date.slice(0, 16)}: ${pods.length} pods, ${minutes} min at ${generator.ratePerSecond} updates/s (${(await import('node:os')).cpus().length} cores; the pods quiet first, after ${settledAfterS} s)`,
  '',
  '| measure | value | target |',
  '|---|---|---|',
  `| scrape p50 / p99 / max (ms, ${result.series} series) | ${f(result.scrapeMs.p50)} / ${f(result.scrapeMs.p99)} / ${f(result.scrapeMs.max)} | ≤ 20 |`,
  `| RSS first scrape / mean of first half / mean of second half / last (MB) | ${f(result.rssMb.first)} / ${f(result.rssMb.firstHalfMean)} / ${f(result.rssMb.secondHalfMean)} / ${f(result.rssMb.last)} | flat |`,
  `| RSS growth, second half over first (MB per minute) | ${f(result.rssMb.growthPerMinute)} | ≈ 0 |`,
  '',
].join('\n');
fs.mkdirSync(path.join(root, 'bench/results'), { recursive: true });
fs.writeFileSync(path.join(root, `bench/results/metrics-${result.date.replace(/[:.]/g, '-')}.json`), JSON.stringify(result, null, 2));
process.stdout.write(md);
process.exit(0);
