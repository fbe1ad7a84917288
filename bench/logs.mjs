// A large log stream through the dashboard's real path: an HTTP endpoint answering like the API
// server streams GB of log lines (some 100 kB long without a break) → kube/logs.ts streamLogs →
// the log view's ring buffer, drawn 20 times a second. Prints throughput and memory: the buffer
// must keep memory flat however much streams through.
//   node --expose-gc bench/logs.mjs [--gb 1]   (npm run bench:logs)
import http from 'node:http';
import { KubeConfig } from '@kubernetes/client-node';
import { kubeConfigEndpoint } from '../dist/kube/endpoint.js';
import { streamLogs } from '../dist/kube/logs.js';
import { LogView } from '../dist/ui/logs.js';

const gbArg = process.argv.indexOf('--gb');
const total = Math.round((gbArg > 0 ? Number(process.argv[gbArg + 1]) : 1) * 1024 ** 3);

// One MiB of lines, sent over and over: CRI-style timestamps, varied lengths, and one 100 kB line.
const lines = [];
for (let i = 0, size = 0; size < 1024 * 1024 - 200_000; i++) {
  const line = `2026-01-01T00:00:${String(i % 60).padStart(2, '0')}.000000000Z worker ${i % 7}: processed batch ${i} ${'x'.repeat(i % 180)}\n`;
  lines.push(line);
  size += line.length;
}
lines.push(`2026-01-01T00:00:00Z ${'y'.repeat(100_000)}\n`);
const block = Buffer.from(lines.join(''));

const server = http.createServer((_req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/plain' });
  let sent = 0;
  const pump = () => {
    while (sent < total) {
      sent += block.length;
      if (!res.write(block)) return void res.once('drain', pump);
    }
    res.end();
  };
  pump();
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const kc = new KubeConfig();
kc.loadFromOptions({
  clusters: [{ name: 'c', server: `http://127.0.0.1:${server.address().port}`, skipTLSVerify: true }],
  users: [{ name: 'u' }],
  contexts: [{ name: 'x', cluster: 'c', user: 'u' }],
  currentContext: 'x',
});

const mb = (b) => Math.round((b / 1024 / 1024) * 10) / 10;
const before = process.memoryUsage();
let peakHeap = 0;
let peakRss = 0;
let count = 0;
const started = Date.now();
const target = { namespace: 'ns', pod: 'big-0', podUid: 'u', node: 'n', container: 'main', follow: true, previous: false, label: '0' };
const view = new LogView({
  title: 'bench',
  labels: ['0'],
  open: (v) => ({ targets: [target], streams: streamLogs(kubeConfigEndpoint(kc), [target], {}, (l) => (count++, v.push(l)), () => v.end()) }),
  save: async () => {},
  changed: () => {},
});
view.start();
const draw = setInterval(() => {
  view.render(160, 40);
  const m = process.memoryUsage();
  peakHeap = Math.max(peakHeap, m.heapUsed);
  peakRss = Math.max(peakRss, m.rss);
}, 50);
await new Promise((resolve) => {
  const done = setInterval(() => view.ended && (clearInterval(done), resolve()), 50);
});
clearInterval(draw);
const seconds = (Date.now() - started) / 1000;
server.close();
// What stays: the ring (and the process) once the garbage of the stream is collected.
global.gc?.();
const result = {
  streamedMb: mb(total),
  lines: count,
  seconds,
  mbPerSecond: Math.round(mb(total) / seconds),
  ringLines: view.ring.length,
  ringMb: mb(view.ring.byteSize),
  rssBeforeMb: mb(before.rss),
  peakRssMb: mb(peakRss),
  maxRssMb: mb(process.resourceUsage().maxRSS * 1024),
  heapBeforeMb: mb(before.heapUsed),
  peakHeapMb: mb(peakHeap),
  heapAfterGcMb: global.gc ? mb(process.memoryUsage().heapUsed) : null,
};
console.log(JSON.stringify(result, null, 2));
