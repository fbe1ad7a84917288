// Log streams below the view: bytes cut into lines (chunk boundaries, UTF-8, long lines), the
// bounded ring, and streamLogs against a local HTTP endpoint that answers like an API server —
// lines with their labels and timestamps, every refusal as one line, a stream cut mid-way, stop.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Endpoint } from '../../../src/kube/endpoint.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localEndpoint } from '../../fixtures/local-kubeconfig.js';
import { LineSplitter } from '../../../src/kube/lines.js';
import { splitTimestamp, streamLogs, type LogLine } from '../../../src/kube/logs.js';
import type { LogTarget } from '../../../src/model/logs.js';
import { Ring } from '../../../src/ui/ring.js';

function split(chunks: (string | Buffer)[], max?: number): string[] {
  const out: string[] = [];
  const s = new LineSplitter((l) => out.push(l), max);
  for (const c of chunks) s.push(typeof c === 'string' ? Buffer.from(c) : c);
  s.end();
  return out;
}

describe('LineSplitter', () => {
  it('cuts lines across chunk boundaries, drops CR, keeps a last line without newline', () => {
    expect(split(['a', 'b\nc', 'd\r\n\n', 'tail'])).toEqual(['ab', 'cd', '', 'tail']);
  });

  it('decodes a character split between chunks', () => {
    const bytes = Buffer.from('grüße ✓\n');
    expect(split([bytes.subarray(0, 3), bytes.subarray(3, 9), bytes.subarray(9)])).toEqual(['grüße ✓']);
  });

  it('cuts a line longer than the limit, also one that never ends', () => {
    expect(split(['x'.repeat(10) + '\nok\n'], 4)).toEqual(['xxxx… [6 bytes cut]', 'ok']);
    expect(split(['y'.repeat(3), 'y'.repeat(3), 'y'.repeat(3)], 4)).toEqual(['yyyy… [5 bytes cut]']);
  });
});

describe('Ring', () => {
  it('keeps the newest items within its count and byte bounds, with stable sequence numbers', () => {
    const r = new Ring<string>(3, 100, (s) => s.length);
    for (const s of ['a', 'b', 'c', 'd']) r.push(s);
    expect([...r.entries()]).toEqual([
      [1, 'b'],
      [2, 'c'],
      [3, 'd'],
    ]);
    expect(r.at(0)).toBeUndefined();
    expect(r.at(3)).toBe('d');
    r.push('x'.repeat(99));
    expect([...r.entries()].map(([seq]) => seq)).toEqual([3, 4]);
    r.push('y'.repeat(100));
    expect([...r.entries()].map(([seq]) => seq)).toEqual([5]);
    expect(r.byteSize).toBe(100);
    r.clear();
    expect(r.length).toBe(0);
    expect(r.nextSeq).toBe(6);
  });
});

describe('splitTimestamp', () => {
  it('takes the kubelet timestamp off the front, and only that', () => {
    expect(splitTimestamp('2026-01-01T00:00:04.000000000Z hello world')).toEqual({ time: '2026-01-01T00:00:04.000000000Z', text: 'hello world' });
    expect(splitTimestamp('no time here')).toEqual({ time: null, text: 'no time here' });
  });
});

describe('streamLogs against an API endpoint', () => {
  let server: http.Server;
  let kc: Endpoint;
  const open = new Set<http.ServerResponse>();
  const status = (code: number, message: string, reason = 'BadRequest') => JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', message, reason, code });

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const url = new URL(req.url!, 'http://x');
      const pod = url.pathname.split('/')[6];
      if (pod === 'db-0') {
        res.write('2026-01-01T00:00:00Z first of 0\n2026-01-01T00:00:01Z sec');
        setTimeout(() => res.end('ond of 0\n'), 20);
      } else if (pod === 'db-1') res.end('2026-01-01T00:00:02Z only of 1\n');
      else if (pod === 'refused') res.writeHead(500, { 'Content-Type': 'application/json' }).end(status(500, 'Get "https://127.0.0.1:10250/containerLogs/ns/refused/main?follow=true": dial tcp 127.0.0.1:10250: connect: connection refused', 'InternalError'));
      else if (pod === 'forbidden') res.writeHead(403).end(status(403, 'pods "forbidden" is forbidden: User "x" cannot get resource "pods/log"', 'Forbidden'));
      else if (pod === 'cut') {
        res.writeHead(200);
        res.write('2026-01-01T00:00:00Z before the cut\n');
        setTimeout(() => res.destroy(), 20);
      } else if (pod === 'follows') {
        res.writeHead(200);
        res.write('2026-01-01T00:00:00Z following\n');
        open.add(res);
        res.on('close', () => open.delete(res));
      } else res.writeHead(404).end(status(404, `pods "${pod}" not found`, 'NotFound'));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    kc = localEndpoint((server.address() as AddressInfo).port);
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const target = (pod: string, label: string | null = null, follow = false): LogTarget => ({ namespace: 'ns', pod, podUid: `uid-${pod}`, node: 'node-1', container: 'main', follow, previous: false, label });
  const collect = (targets: LogTarget[]) =>
    new Promise<LogLine[]>((resolve) => {
      const lines: LogLine[] = [];
      streamLogs(kc, targets, {}, (l) => lines.push(l), () => resolve(lines));
    });

  it('merges streams with their labels and timestamps, each line whole', async () => {
    const lines = await collect([target('db-0', '0'), target('db-1', '1')]);
    expect(lines.filter((l) => l.label === '0').map((l) => l.text)).toEqual(['first of 0', 'second of 0']);
    expect(lines.find((l) => l.label === '1')).toEqual({ label: '1', time: '2026-01-01T00:00:02Z', text: 'only of 1', error: false });
  });

  it('turns each refusal into one line in words, next to the streams that work', async () => {
    const lines = await collect([target('refused', 'a'), target('forbidden', 'b'), target('gone', 'c'), target('db-1', 'd')]);
    const errors = Object.fromEntries(lines.filter((l) => l.error).map((l) => [l.label, l.text]));
    expect(errors).toEqual({
      a: 'the kubelet on node node-1 refused the connection: no log can be read from that node',
      b: 'forbidden: you may not read the logs of pod forbidden (get pods/log in namespace ns)',
      c: 'pod gone is gone',
    });
    expect(lines.some((l) => l.label === 'd' && l.text === 'only of 1')).toBe(true);
  });

  it('reports a stream cut mid-way, after the lines it got', async () => {
    const lines = await collect([target('cut', null, true)]);
    expect(lines[0]!.text).toBe('before the cut');
    expect(lines[1]).toMatchObject({ error: true });
    expect(lines[1]!.text).toMatch(/connection reset/);
  });

  it('stops a follow and a single pod’s stream on request', async () => {
    const lines: LogLine[] = [];
    let ended = false;
    const streams = streamLogs(kc, [target('follows', '0', true), target('follows', '1', true)], {}, (l) => lines.push(l), () => (ended = true));
    for (let i = 0; i < 100 && open.size < 2; i++) await new Promise((r) => setTimeout(r, 10));
    expect(open.size).toBe(2);
    streams.stopPod('uid-follows', 'pod follows is gone');
    expect(lines.filter((l) => l.error).map((l) => l.text)).toEqual(['pod follows is gone', 'pod follows is gone']);
    expect(ended).toBe(true);
    for (let i = 0; i < 100 && open.size > 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(open.size).toBe(0);
  });
});
