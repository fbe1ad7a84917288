// The Prometheus exporter of `kstate watch`: the metrics src/model/metrics.ts defines, as
// prom-client gauges filled from the store's latest snapshot at each scrape, served over HTTP
// (Prometheus text or OpenMetrics by the Accept header) and/or written for node_exporter's
// textfile collector (a temporary file renamed into place). Label values are cluster text: control
// characters are stripped here, once; prom-client escapes what the exposition format needs.
import { rename, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { setImmediate as yieldToScrapes } from 'node:timers/promises';
import { Gauge, Registry, type OpenMetricsContentType } from 'prom-client';
import { METRICS, sampleSink, sampleSteps, type MetricId, type MetricsOptions } from '../model/metrics.js';
import type { Snapshot } from '../model/types.js';
import { stripControls } from '../present/text.js';
import { inSlices } from './slices.js';

export interface Exporter {
  /** The exposition for an Accept header: [content type, body], as of the last refresh. */
  render(accept?: string): Promise<[string, string]>;
  /** Builds the exposition again now. */
  refresh(): Promise<void>;
  /** Refreshes every `ms` while the snapshot changes (and once a minute regardless), so a scrape only reads; stop() ends it. */
  start(ms: number): void;
  stop(): void;
}

/** registry.metrics(), one metric at a time (these gauges have no counters to rename). */
async function exposition(registry: Registry<any>, between: string, end: string): Promise<string> {
  const parts: string[] = [];
  for (const m of registry.getMetricsAsArray()) {
    await yieldToScrapes();
    parts.push(await registry.getSingleMetricAsString(m.name));
  }
  return `${parts.join(between)}${end}`;
}

const synced = (snap: Snapshot) => snap.connection.state === 'connected' && Object.values(snap.status).every((s) => s.state === 'synced' || s.state === 'unwatched');

/**
 * The views of a large scope take tens of milliseconds to derive and prom-client more to fill, so
 * the exposition is built off the scrape: when the snapshot changed, at most every `start(ms)`; a
 * scrape serves the last one (before the first refresh, it builds one).
 */
export function exporter(snapshot: () => Snapshot, options: MetricsOptions): Exporter {
  const text = new Registry();
  const open = new Registry<OpenMetricsContentType>();
  open.setContentType(Registry.OPENMETRICS_CONTENT_TYPE);
  const registers = [text, open];
  const gauges = Object.fromEntries(
    (Object.keys(METRICS) as MetricId[]).map((id) => [id, new Gauge({ name: METRICS[id].name, help: METRICS[id].help, labelNames: [...METRICS[id].labels], registers })]),
  ) as Record<MetricId, Gauge>;
  const lastSync = new Gauge({ name: 'kstate_last_sync_timestamp_seconds', help: 'When kstate last saw every kind it watches listed and its connection up.', registers });
  let lastSyncAt: number | null = null;
  let built: { text: string; open: string; version: number; at: number } | null = null;
  let timer: NodeJS.Timeout | null = null;

  let refreshing: Promise<void> | null = null;
  const refresh = (): Promise<void> => (refreshing ??= build().finally(() => (refreshing = null)));
  const build = async () => {
    const snap = snapshot();
    const now = Date.now();
    if (synced(snap)) lastSyncAt = now;
    lastSync.reset();
    if (lastSyncAt !== null) lastSync.set(lastSyncAt / 1000);
    const { samples, put } = sampleSink();
    await inSlices(sampleSteps(snap, now, options, put));
    // One metric at a time, letting a scrape in between (it reads the last exposition, never a half-built one).
    for (const id of Object.keys(gauges) as MetricId[]) {
      await yieldToScrapes();
      const g = gauges[id];
      g.reset();
      for (const s of samples[id]) g.set(Object.fromEntries(Object.entries(s.labels).map(([k, v]) => [k, stripControls(v)])), s.value);
    }
    built = { text: await exposition(text, '\n\n', '\n'), open: await exposition(open, '\n', '\n# EOF\n'), version: snap.version, at: now };
  };

  return {
    async render(accept = '') {
      if (!built) await refresh();
      const om = accept.includes('application/openmetrics-text');
      return [om ? open.contentType : text.contentType, om ? built!.open : built!.text];
    },
    refresh,
    start(ms) {
      timer = setInterval(() => {
        const stale = !built || built.version !== snapshot().version || Date.now() - built.at >= 60_000;
        if (stale) void refresh();
      }, ms);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
    },
  };
}

/** Serves /metrics and /healthz on host:port; resolves once listening, rejects with one line if it cannot. */
export function serveMetrics(e: Exporter, snapshot: () => Snapshot, host: string, port: number): Promise<Server> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
    } else if (path === '/metrics') {
      e.render(req.headers.accept).then(
        ([type, body]) => res.writeHead(200, { 'Content-Type': type }).end(body),
        (err: Error) => res.writeHead(500, { 'Content-Type': 'text/plain' }).end(`${err.message}\n`),
      );
    } else if (path === '/healthz') {
      const c = snapshot().connection;
      if (c.state === 'connected') res.writeHead(200, { 'Content-Type': 'text/plain' }).end('ok\n');
      else res.writeHead(503, { 'Content-Type': 'text/plain' }).end(`${c.state}${c.error ? `: ${stripControls(c.error)}` : ''}\n`);
    } else {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found: try /metrics or /healthz\n');
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => reject(new Error(`cannot serve metrics on ${host}:${port}: ${err.code === 'EADDRINUSE' ? 'the address is in use' : err.code === 'EADDRNOTAVAIL' ? 'no such local address' : err.code === 'EACCES' ? 'permission denied' : err.message}`)));
    server.listen(port, host, () => resolve(server));
  });
}

/** Writes the text exposition to `path` atomically (temporary file in the same directory, then rename). */
export async function writeMetricsFile(e: Exporter, path: string): Promise<void> {
  const [, body] = await e.render();
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, body);
  await rename(tmp, path);
}

/** "HOST:PORT" (HOST may be empty or [v6]); one line of error otherwise. */
export function parseListenAddress(text: string): { host: string; port: number } | string {
  const m = /^(\[[^\]]+\]|[^:]*):(\d{1,5})$/.exec(text);
  const port = m ? Number(m[2]) : NaN;
  if (!m || port > 65535) return `invalid --metrics-addr "${text}": use HOST:PORT, e.g. 127.0.0.1:9464 or :9464`;
  const host = m[1]!.replace(/^\[|\]$/g, '');
  return { host: host || '0.0.0.0', port };
}
