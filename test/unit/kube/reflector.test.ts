// How the reflector lists, against a local endpoint that answers as an API server would: a server
// that streams the initial state (sendInitialEvents) is read one object at a time and the kind is
// synced only at the bookmark that ends it; one that refuses the parameters is listed in pages.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { Reflector, type ReflectorSink } from '../../../src/kube/reflector.js';
import type { KindStatus } from '../../../src/model/types.js';
import { rawCronJob } from '../../fixtures/builders.js';
import { localEndpoint } from '../../fixtures/local-kubeconfig.js';

type Handler = (url: URL, res: http.ServerResponse) => void;

let server: http.Server | null = null;
let reflector: Reflector<'cronjobs'> | null = null;
afterEach(async () => {
  await reflector?.stop();
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r));
  server = reflector = null;
});

async function serve(handler: Handler): Promise<{ port: number; seen: string[] }> {
  const seen: string[] = [];
  server = http.createServer((req, res) => {
    const url = new URL(req.url!, 'http://x');
    seen.push(url.search);
    handler(url, res);
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return { port: (server.address() as AddressInfo).port, seen };
}

function recorder() {
  const log: string[] = [];
  let synced: () => void = () => {};
  const whenSynced = new Promise<void>((r) => (synced = r));
  const sink: ReflectorSink<'cronjobs'> = {
    replace: (_k, records) => log.push(`replace ${[...records.values()].map((r) => r.name).join(',')}`),
    upsert: (_k, r) => log.push(`upsert ${r.name}`),
    remove: () => log.push('remove'),
    status: (_k, s: KindStatus) => {
      log.push(s.state);
      if (s.state === 'synced') synced();
    },
  };
  return { log, sink, whenSynced };
}

const line = (type: string, object: unknown) => `${JSON.stringify({ type, object })}\n`;

describe('reflector lists', () => {
  it('reads the initial state as watch events and is synced at the bookmark that ends it', async () => {
    const { port, seen } = await serve((url, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      if (url.searchParams.get('sendInitialEvents') !== 'true') return; // a later watch: held open
      res.write(line('ADDED', rawCronJob('a')));
      res.write(line('ADDED', rawCronJob('b')));
      res.write(line('BOOKMARK', { kind: 'CronJob', metadata: { resourceVersion: '12', annotations: { 'k8s.io/initial-events-end': 'true' } } }));
      res.write(line('ADDED', rawCronJob('c')));
    });
    const r = recorder();
    reflector = new Reflector(localEndpoint(port), 'cronjobs', 'ns', r.sink);
    reflector.start();
    await r.whenSynced;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(r.log).toEqual(['replace a,b', 'synced', 'upsert c']);
    expect(seen).toHaveLength(1);
    expect(Object.fromEntries(new URLSearchParams(seen[0]))).toMatchObject({ watch: '1', sendInitialEvents: 'true', resourceVersionMatch: 'NotOlderThan', allowWatchBookmarks: 'true' });
  });

  it('lists in pages where the server refuses the initial events, then watches from the list', async () => {
    const { port, seen } = await serve((url, res) => {
      if (url.searchParams.get('sendInitialEvents')) {
        res.writeHead(422, { 'Content-Type': 'application/json' });
        return void res.end(JSON.stringify({ kind: 'Status', reason: 'Invalid', message: 'sendInitialEvents is forbidden for watch unless the WatchList feature gate is enabled', code: 422 }));
      }
      res.writeHead(200, { 'Content-Type': 'application/json' });
      if (url.searchParams.get('watch')) return;
      res.end(JSON.stringify({ kind: 'CronJobList', metadata: { resourceVersion: '7' }, items: [rawCronJob('a'), rawCronJob('b')] }));
    });
    const r = recorder();
    reflector = new Reflector(localEndpoint(port), 'cronjobs', 'ns', r.sink);
    reflector.start();
    await r.whenSynced;
    expect(r.log).toEqual(['replace a,b', 'synced']);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(seen.map((q) => Object.fromEntries(new URLSearchParams(q)))).toMatchObject([{ sendInitialEvents: 'true' }, { limit: '500' }, { watch: '1', resourceVersion: '7' }]);
  });
});
