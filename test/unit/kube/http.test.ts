// The request helper on a plain local HTTP endpoint: a long-lived abort signal (a reflector's) must
// not collect one listener per request.
import { getEventListeners } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Endpoint } from '../../../src/kube/endpoint.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localEndpoint } from '../../fixtures/local-kubeconfig.js';
import { requestJson } from '../../../src/kube/http.js';

describe('requestJson', () => {
  let server: http.Server;
  let kc: Endpoint;
  beforeAll(async () => {
    server = http.createServer((_req, res) => res.end('{"kind":"Status","items":[]}'));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    kc = localEndpoint((server.address() as AddressInfo).port);
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('lets go of the abort signal once each request is done', async () => {
    const controller = new AbortController();
    for (let i = 0; i < 30; i++) expect(await requestJson(kc, { path: '/api/v1/pods', signal: controller.signal })).toEqual({ kind: 'Status', items: [] });
    // The last request lets go when its socket closes, just after its answer.
    for (let i = 0; i < 100 && getEventListeners(controller.signal, 'abort').length > 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(getEventListeners(controller.signal, 'abort').length).toBe(0);
  });
});
