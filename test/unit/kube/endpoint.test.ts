// Credentials made elsewhere (the credentials worker): a refused request is sent again once with
// credentials made anew when they changed, and a refusal does not make them again more than once
// in a while; a JWT's expiry is read from its exp claim.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { CredentialsEndpoint, tokenExpiry, type Credentials } from '../../../src/kube/endpoint.js';
import { ApiError, requestJson } from '../../../src/kube/http.js';

let server: http.Server | null = null;
afterEach(async () => {
  if (!server) return;
  server.closeAllConnections();
  await new Promise((r) => server!.close(r));
  server = null;
});

async function serve(accepted: string): Promise<{ port: number; seen: string[] }> {
  const seen: string[] = [];
  server = http.createServer((req, res) => {
    seen.push(req.headers.authorization ?? '');
    res.writeHead(req.headers.authorization === `Bearer ${accepted}` ? 200 : 401, { 'Content-Type': 'application/json' });
    res.end('{"kind":"Status"}');
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return { port: (server.address() as AddressInfo).port, seen };
}

const creds = (port: number, token: string): Credentials => ({ server: `http://127.0.0.1:${port}`, tls: {}, headers: { Authorization: `Bearer ${token}` }, expiresAt: null, madeAt: Date.now() });

describe('credentials endpoint', () => {
  it('sends a refused request again with the credentials made anew', async () => {
    const { port, seen } = await serve('new');
    let made = 0;
    const endpoint = new CredentialsEndpoint(creds(port, 'old'), async () => (made++, creds(port, 'new')));
    expect(await requestJson(endpoint, { path: '/x' })).toEqual({ kind: 'Status' });
    expect(seen).toEqual(['Bearer old', 'Bearer new']);
    expect(made).toBe(1);
  });

  it('gives up when the new credentials are the same, and does not make them again at once', async () => {
    const { port, seen } = await serve('other');
    let made = 0;
    const endpoint = new CredentialsEndpoint(creds(port, 'old'), async () => (made++, creds(port, 'old')));
    for (let i = 0; i < 3; i++) await expect(requestJson(endpoint, { path: '/x' })).rejects.toBeInstanceOf(ApiError);
    expect(made).toBe(1);
    expect(seen).toHaveLength(3);
  });

  it('reads the expiry of a JWT and nothing from other tokens', () => {
    const jwt = (claims: object) => `Bearer e30.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.sig`;
    expect(tokenExpiry({ Authorization: jwt({ exp: 1_800_000_000 }) })).toBe(1_800_000_000_000);
    expect(tokenExpiry({ Authorization: jwt({ sub: 'x' }) })).toBeNull();
    expect(tokenExpiry({ Authorization: 'Bearer opaque-token' })).toBeNull();
    expect(tokenExpiry({})).toBeNull();
  });
});
