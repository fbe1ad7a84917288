import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exporter, parseListenAddress, serveMetrics, writeMetricsFile } from '../../../src/monitor/metrics.js';
import { rawSts, snapshot, T0 } from '../../fixtures/builders.js';

const snap = snapshot({ statefulsets: [rawSts('db\u001b[31m"x"\\\nevil', { replicas: 2 }, { replicas: 2, readyReplicas: 2 })] });

describe('the metrics exporter', () => {
  it('writes Prometheus text with HELP and TYPE, control characters stripped and quotes escaped in labels', async () => {
    const [type, body] = await exporter(() => snap, { graceMs: 0 }).render();
    expect(type).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(body).toContain('# HELP kstate_statefulset_replicas_ready Ready pods (status.readyReplicas).\n# TYPE kstate_statefulset_replicas_ready gauge\n');
    expect(body).toContain('kstate_statefulset_replicas_ready{namespace="ns",statefulset="db\\"x\\"\\\\ evil"} 2\n');
    expect(body).not.toContain('\u001b');
  });

  it('answers OpenMetrics when the scraper asks for it', async () => {
    const [type, body] = await exporter(() => snap, { graceMs: 0 }).render('application/openmetrics-text; version=1.0.0,text/plain;q=0.5');
    expect(type).toBe('application/openmetrics-text; version=1.0.0; charset=utf-8');
    expect(body.trimEnd().endsWith('# EOF')).toBe(true);
  });

  it('writes the textfile atomically, leaving no temporary file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kstate-metrics-'));
    await writeMetricsFile(exporter(() => snap, { graceMs: 0 }), join(dir, 'kstate.prom'));
    expect(readdirSync(dir)).toEqual(['kstate.prom']);
    expect(readFileSync(join(dir, 'kstate.prom'), 'utf8')).toContain('kstate_kind_visible{kind="statefulsets"} 1');
  });

  it('serves /metrics and /healthz, and says in one line why it cannot listen', async () => {
    const e = exporter(() => snap, { graceMs: 0 });
    const server = await serveMetrics(e, () => snap, '127.0.0.1', 0);
    const port = (server.address() as { port: number }).port;
    try {
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
      expect(await (await fetch(`http://127.0.0.1:${port}/metrics`)).text()).toContain('kstate_last_sync_timestamp_seconds ');
      expect((await fetch(`http://127.0.0.1:${port}/other`)).status).toBe(404);
      await expect(serveMetrics(e, () => snap, '127.0.0.1', port)).rejects.toThrow(`cannot serve metrics on 127.0.0.1:${port}: the address is in use`);
    } finally {
      server.close();
    }
    const down = { ...snap, connection: { state: 'reconnecting' as const, since: T0, error: 'connect ECONNREFUSED' } };
    const s2 = await serveMetrics(e, () => down, '127.0.0.1', 0);
    try {
      const r = await fetch(`http://127.0.0.1:${(s2.address() as { port: number }).port}/healthz`);
      expect([r.status, await r.text()]).toEqual([503, 'reconnecting: connect ECONNREFUSED\n']);
    } finally {
      s2.close();
    }
  });

  it('parses HOST:PORT', () => {
    expect(parseListenAddress(':9464')).toEqual({ host: '0.0.0.0', port: 9464 });
    expect(parseListenAddress('[::1]:9464')).toEqual({ host: '::1', port: 9464 });
    expect(parseListenAddress('9464')).toBe('invalid --metrics-addr "9464": use HOST:PORT, e.g. 127.0.0.1:9464 or :9464');
  });
});
