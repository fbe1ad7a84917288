// The measured process: the real dashboard (store, model, blessed) on a headless terminal, driven
// by the benchmark over stdin, reporting JSON lines on stdout. Timings come from hooks on render,
// not from sleeping.
import readline from 'node:readline';
import { headlessTerminal } from './headless.mjs';

const processStart = Date.now() - performance.now();
const [kubeconfig, namespaceArg] = process.argv.slice(2);
const namespace = namespaceArg || null;
const out = (obj) => process.stdout.write(`${JSON.stringify(obj)}\n`);

const { connect } = await import('../dist/kube/credentials.js');
const { Store } = await import('../dist/kube/store.js');
const { App } = await import('../dist/ui/app.js');
const { requestJson } = await import('../dist/kube/http.js');
const imported = Date.now();

const { input, output } = headlessTerminal();
const conn = await connect({ kubeconfig, namespace });
const store = new Store(conn.endpoint, { namespace });
let peakRss = 0;
const rssTimer = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 50);

const renderListeners = new Set();
const app = new App({
  context: conn.context,
  server: conn.server,
  namespace,
  readOnly: true,
  openSource: () => {
    store.start();
    return store;
  },
  listNamespaces: async () => [],
  objectYaml: async () => '',
  streamLogs: () => ({ stop() {}, stopPod() {} }), saveText: async () => {},
  input,
  output,
});
const render = app.render.bind(app);
app.render = () => {
  render();
  const at = Date.now();
  const header = app.screenText().slice(0, 2).join('\n');
  for (const l of renderListeners) l(at, header);
};
const nextRender = (pred = () => true) =>
  new Promise((resolve) => {
    const l = (at, header) => {
      if (!pred(header)) return;
      renderListeners.delete(l);
      resolve(at);
    };
    renderListeners.add(l);
  });
const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] : null;
};

// First complete frame: every kind listed, then drawn.
const snap = await store.whenSettled();
const listed = Date.now();
const counts = `StatefulSets (${snap.kinds.statefulsets.size})`;
app.requestRender();
const framed = await nextRender((h) => h.includes(counts));
out({ event: 'first-frame', importMs: imported - processStart, listsMs: listed - processStart, firstFrameMs: framed - processStart, frameAfterListsMs: framed - listed, counts: { statefulsets: snap.kinds.statefulsets.size, pods: snap.kinds.pods.size, pvcs: snap.kinds.pvcs.size, jobs: snap.kinds.jobs.size, cronjobs: snap.kinds.cronjobs.size, events: snap.kinds.events.size } });

async function press(key) {
  const t = Date.now();
  const done = nextRender();
  input.write(key);
  return (await done) - t;
}

async function keys(n) {
  const views = {};
  for (const [k, name] of [['2', 'jobs'], ['3', 'cronjobs'], ['1', 'statefulsets']]) views[name] = await press(k);
  const moves = [];
  for (let i = 0; i < n; i++) moves.push(await press(i % 10 === 9 ? 'g' : 'j'));
  out({ event: 'keys', viewSwitchMs: views, moveP50Ms: pct(moves, 50), moveP99Ms: pct(moves, 99), samples: moves.length });
}

async function idle(seconds) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await new Promise((r) => setTimeout(r, seconds * 1000));
  const c = process.cpuUsage(c0);
  const m = process.memoryUsage();
  out({ event: 'idle', cpuPercent: ((c.user + c.system) / 1000 / (performance.now() - t0)) * 100, rssMb: m.rss / 2 ** 20, peakRssMb: peakRss / 2 ** 20, heapUsedMb: m.heapUsed / 2 ** 20, heapTotalMb: m.heapTotal / 2 ** 20, externalMb: m.external / 2 ** 20 });
}

/** Creates suspended marker Jobs at `rate`/s and times each from request to the frame that counts it. */
async function marks(label, seconds, rate) {
  await press('2');
  const base = store.snapshot().kinds.jobs.size;
  const sent = [];
  const seen = [];
  const arrived = [];
  const own = [];
  // When the watch delivers the i-th marker (the store's jobs map grows), kstate's own share begins.
  const touch = store.touch;
  store.touch = function (kind) {
    if (kind === 'jobs') for (let i = arrived.length; i < sent.length && this.maps.jobs.size >= base + i + 1; i++) arrived.push(Date.now());
    return touch.call(this, kind);
  };
  const l = (at, header) => {
    const m = /Jobs \((\d+)\)/.exec(header);
    if (!m) return;
    for (let i = seen.length; i < sent.length && Number(m[1]) >= base + i + 1; i++) {
      seen.push(at - sent[i]);
      if (arrived[i] !== undefined) own.push(at - arrived[i]);
    }
  };
  renderListeners.add(l);
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const stamp = Date.now().toString(36);
  const total = Math.round(seconds * rate);
  for (let i = 0; i < total; i++) {
    const due = t0 + (i * 1000) / rate;
    await new Promise((r) => setTimeout(r, Math.max(0, due - performance.now())));
    sent.push(Date.now());
    requestJson(conn.endpoint, {
      method: 'POST',
      path: `/apis/batch/v1/namespaces/${namespace}/jobs`,
      body: { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: `mark-${stamp}-${i}`, labels: { 'kstate.dev/bench-mark': 'true' } }, spec: { suspend: true, template: { spec: { restartPolicy: 'Never', containers: [{ name: 'm', image: 'busybox:1.36' }] } } } },
    }).catch(() => undefined);
  }
  await new Promise((r) => setTimeout(r, 2000));
  const c = process.cpuUsage(c0);
  renderListeners.delete(l);
  store.touch = touch;
  out({ event: 'marks', label, cpuPercent: ((c.user + c.system) / 1000 / (performance.now() - t0)) * 100, p50Ms: pct(seen, 50), p99Ms: pct(seen, 99), ownP50Ms: pct(own, 50), ownP99Ms: pct(own, 99), seen: seen.length, sent: sent.length, rssMb: process.memoryUsage().rss / 2 ** 20 });
}

out({ event: 'ready' });
for await (const line of readline.createInterface({ input: process.stdin })) {
  const [cmd, a, b, c] = line.trim().split(/\s+/);
  if (cmd === 'keys') await keys(Number(a));
  else if (cmd === 'idle') await idle(Number(a));
  else if (cmd === 'marks') await marks(a, Number(b), Number(c));
  else if (cmd === 'quit') break;
  out({ event: 'done', cmd });
}
clearInterval(rssTimer);
// Leave the seeded namespace as it was for the next run.
await requestJson(conn.endpoint, { method: 'DELETE', path: `/apis/batch/v1/namespaces/${namespace}/jobs?labelSelector=kstate.dev%2Fbench-mark%3Dtrue`, body: { propagationPolicy: 'Background' } }).catch(() => undefined);
await app.close();
process.exit(0);
