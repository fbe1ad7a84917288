// Several contexts at once on two real local clusters (kstate and kstate-b, see global-setup.ts)
// plus an unreachable context: the merged lists under CONTEXT, the worst exit code, unknown
// contexts with their reasons that hold up no other, describe in each context, and the
// credentials of each context presented to its own server only.
import { spawn } from 'node:child_process';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { TLSSocket } from 'node:tls';
import { promisify } from 'node:util';
import yaml from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contextDeps, contextsOf } from '../../src/cli/dashboard.js';
import { LiveFleet } from '../../src/cli/fleet-live.js';
import { parseArgs } from '../../src/cli/args.js';
import { connect } from '../../src/kube/credentials.js';
import { startApp } from '../ui/harness.js';
import { apply, fleetKubeconfig, freshNamespace, kstate, kstateWrites, kubeconfig, kubectlIn, waitFor } from './helpers.js';
import { cronJobManifest, jobManifest, serviceAccountWithRole, statefulSetManifest } from './manifests.js';

const run = promisify(execFile);
// The main cluster's context is named after it (…/clusters/NAME/kubeconfig.yaml).
const A = kubeconfig ? path.basename(path.dirname(kubeconfig)) : 'kstate';
const B = 'kstate-b';

interface Kubeconfig {
  clusters: { name: string; cluster: Record<string, unknown> }[];
  users: { name: string; user: Record<string, unknown> }[];
  contexts: { name: string; context: Record<string, unknown> }[];
  [k: string]: unknown;
}

/** The fleet kubeconfig with more contexts; its file is removed by the test run's temp cleanup. */
function withContexts(extra: { name: string; server: string; user: Record<string, unknown> }[]): string {
  const doc = yaml.load(fs.readFileSync(fleetKubeconfig!, 'utf8')) as Kubeconfig;
  for (const e of extra) {
    doc.clusters.push({ name: e.name, cluster: { server: e.server, 'insecure-skip-tls-verify': true } });
    doc.users.push({ name: `${e.name}-user`, user: e.user });
    doc.contexts.push({ name: e.name, context: { cluster: e.name, user: `${e.name}-user` } });
  }
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kstate-fleet-extra-')), 'kubeconfig.yaml');
  fs.writeFileSync(file, yaml.dump(doc), { mode: 0o600 });
  return file;
}

/** A port that accepts connections and never answers: a context that hangs. */
async function silentServer(): Promise<{ url: string; close: () => void }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((s) => sockets.add(s));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as net.AddressInfo;
  return { url: `https://127.0.0.1:${port}`, close: () => (sockets.forEach((s) => s.destroy()), server.close()) };
}

interface Seen {
  authorization: string | undefined;
  certSubject: string | undefined;
}

/** An HTTPS server standing in for a context's API server: answers every list empty, records what credentials each request carried. */
async function recordingServer(dir: string, name: string): Promise<{ url: string; seen: Seen[]; close: () => void }> {
  const key = path.join(dir, `${name}.key`);
  const cert = path.join(dir, `${name}.crt`);
  await run('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', key, '-out', cert]);
  const seen: Seen[] = [];
  const server = https.createServer({ key: fs.readFileSync(key), cert: fs.readFileSync(cert), requestCert: true, rejectUnauthorized: false }, (req, res) => {
    const peer = (req.socket as TLSSocket).getPeerCertificate();
    seen.push({ authorization: req.headers.authorization, certSubject: peer?.subject ? String(peer.subject.CN) : undefined });
    res.writeHead(200, { 'content-type': 'application/json' });
    // A watch-list of nothing: the bookmark that ends its initial events, then the watch stays open.
    if (new URL(req.url ?? '/', 'https://x').searchParams.has('watch')) res.write(`${JSON.stringify({ type: 'BOOKMARK', object: { metadata: { resourceVersion: '1', annotations: { 'k8s.io/initial-events-end': 'true' } } } })}\n`);
    else res.end(JSON.stringify({ kind: 'List', apiVersion: 'v1', metadata: { resourceVersion: '1' }, items: [] }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as net.AddressInfo;
  return { url: `https://127.0.0.1:${port}`, seen, close: () => (server.closeAllConnections(), server.close()) };
}

/** A client certificate (self-signed, its own CN) and key, as kubeconfig data fields. */
async function clientCert(dir: string, cn: string): Promise<Record<string, string>> {
  const key = path.join(dir, `${cn}.key`);
  const cert = path.join(dir, `${cn}.crt`);
  await run('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-subj', `/CN=${cn}`, '-keyout', key, '-out', cert]);
  return { 'client-certificate-data': fs.readFileSync(cert).toString('base64'), 'client-key-data': fs.readFileSync(key).toString('base64') };
}

const fleet = (args: readonly string[], file = fleetKubeconfig!) => kstate([...args, '--kubeconfig', file]);

describe.skipIf(!fleetKubeconfig)('several contexts, on two local clusters and an unreachable one', () => {
  let ns: string;
  let cleanup: () => Promise<void>;
  const inB = (args: readonly string[], input?: string) => kubectlIn(fleetKubeconfig!, B, args, input);
  /** kstate's one patch of cronjob/nightly since `since` in each cluster's audit log: A's as its admin, B's as B's writer. */
  async function expectPatchedInBoth(since: number): Promise<void> {
    const auditA = path.join(path.dirname(kubeconfig!), 'logs', 'audit.log');
    const auditB = path.join(path.dirname(path.dirname(kubeconfig!)), B, 'logs', 'audit.log');
    const uri = `/apis/batch/v1/namespaces/${ns}/cronjobs/nightly`;
    let a: ReturnType<typeof kstateWrites> = [];
    let b: ReturnType<typeof kstateWrites> = [];
    await waitFor('the patches in both audit logs', async () => (a = kstateWrites(ns, since, auditA)).length > 0 && (b = kstateWrites(ns, since, auditB)).length > 0, 20_000, 200);
    expect(a.map((w) => [w.verb, w.uri.split('?')[0], w.user])).toEqual([['patch', uri, 'kwok-admin']]);
    expect(b.map((w) => [w.verb, w.uri.split('?')[0], w.user])).toEqual([['patch', uri, `system:serviceaccount:${ns}:writer`]]);
  }
  /** The fleet kubeconfig with `b-writer`: B as a ServiceAccount of its own (made by the CLI's test of suspend). */
  let writerFile = '';
  const readyIn = async (ctx: string, sts: string) => (await kubectlIn(fleetKubeconfig!, ctx, ['get', 'sts', sts, '-n', ns, '-o', 'jsonpath={.status.readyReplicas}'])) === '1';

  beforeAll(async () => {
    ({ name: ns, cleanup } = await freshNamespace('fleet'));
    // The same namespace in B: its own objects, a StatefulSet of the same name and a failed Job.
    await inB(['create', 'namespace', ns]);
    await waitFor(`serviceaccount default in ${ns} of ${B}`, () => inB(['get', 'serviceaccount', 'default', '-n', ns]).then(() => true), 60_000, 200);
    await apply(ns, statefulSetManifest('db', { replicas: 1 }));
    await inB(['apply', '-n', ns, '-f', '-'], `${statefulSetManifest('db', { replicas: 1 })}\n---\n${statefulSetManifest('cache', { replicas: 1 })}\n---\n${jobManifest('broken', { fail: true, backoffLimit: 0 })}`);
    await waitFor('db ready in A', () => readyIn(A, 'db'));
    await waitFor('db and cache ready in B', async () => (await readyIn(B, 'db')) && readyIn(B, 'cache'));
    await waitFor('broken failed in B', async () => (await inB(['get', 'job', 'broken', '-n', ns, '-o', 'jsonpath={.status.failed}'])) === '1');
  });
  afterAll(async () => {
    await inB(['delete', 'namespace', ns, '--wait=false']).catch(() => undefined);
    await cleanup?.();
  });

  it('lists both contexts in one table under CONTEXT, and names the context of every JSON item', async () => {
    const table = await fleet(['get', 'sts', '-n', ns, '--context', `${A},${B}`]);
    expect(table.stderr).toBe('');
    expect(table.code).toBe(0);
    const rows = table.stdout.trim().split('\n').map((l) => l.split(/\s+/));
    expect(rows[0]!.slice(0, 3)).toEqual(['CONTEXT', 'NAME', 'READY']);
    expect(rows.slice(1).map((r) => `${r[0]}/${r[1]}`)).toEqual([`${A}/db`, `${B}/cache`, `${B}/db`]);

    const json = await fleet(['get', 'sts', '-n', ns, '--context', `${A},${B}`, '-o', 'json']);
    expect(json.code).toBe(0);
    const out = JSON.parse(json.stdout);
    expect(out.items.map((i: { context: string; name: string; namespace: string }) => `${i.context}/${i.namespace}/${i.name}`)).toEqual([`${A}/${ns}/db`, `${B}/${ns}/cache`, `${B}/${ns}/db`]);
    expect(out.contexts).toEqual([
      { context: A, namespace: ns, state: 'ok' },
      { context: B, namespace: ns, state: 'ok' },
    ]);
  });

  it('checks each context and exits with the worst code: 0 healthy, 1 findings, 2 unknown', async () => {
    const healthy = await fleet(['check', '-n', ns, '--context', `${A},${A}`]);
    expect(healthy.code, healthy.stdout + healthy.stderr).toBe(0);

    const findings = await fleet(['check', '-n', ns, '--context', `${A},${B}`]);
    expect(findings.code, findings.stdout + findings.stderr).toBe(1);
    expect(findings.stdout).toMatch(new RegExp(`^${B}\\s+FAILURE\\s+job/broken\\s+JobFailed`, 'm'));
    expect(findings.stdout).toMatch(new RegExp(`^${A}\\s+OK\\s`, 'm'));
    expect(findings.stdout).toMatch(new RegExp(`^${B}\\s+NOT OK\\s+1 failure`, 'm'));

    const worst = await fleet(['check', '-n', ns, '--all-contexts', '-o', 'json']);
    expect(worst.code, worst.stdout + worst.stderr).toBe(2);
    const out = JSON.parse(worst.stdout);
    expect(out.contexts.map((c: { context: string; code: number; state: string }) => [c.context, c.code, c.state])).toEqual([
      [A, 0, 'checked'],
      [B, 1, 'checked'],
      ['unreachable', 2, 'unknown'],
    ]);
    expect(out.findings.map((f: { context: string; code: string }) => `${f.context}:${f.code}`)).toEqual([`${B}:JobFailed`]);
  });

  it('reads an unreachable context as unknown with its reason, beside the others', async () => {
    const r = await fleet(['get', 'sts', '-n', ns, '--all-contexts']);
    expect(r.code).toBe(3); // partial: some contexts could not be read
    expect(r.stdout).toMatch(new RegExp(`^${A}\\s+db\\s`, 'm'));
    expect(r.stdout).toMatch(new RegExp(`^${B}\\s+db\\s`, 'm'));
    expect(r.stdout).toMatch(/^unreachable\s+unknown\s+cannot reach the API server at https:\/\/127\.0\.0\.1:\d+: connection refused$/m);
    expect(r.stderr).toMatch(/^kstate: 1 of 3 context\(s\) unknown: unreachable \(cannot reach the API server .*connection refused\)$/m);
  });

  it('gives up on a context that hangs after --context-timeout, and does not hold the others back', async () => {
    const silent = await silentServer();
    try {
      const file = withContexts(['silent', 'silent-2'].map((name) => ({ name, server: silent.url, user: { token: `${name}-token` } })));
      const t0 = Date.now();
      const r = await fleet(['get', 'sts', '-n', ns, '--context', `silent,silent-2,${A},${B}`, '--context-timeout', '3s', '-o', 'json'], file);
      const took = Date.now() - t0;
      const out = JSON.parse(r.stdout);
      expect(out.items.map((i: { context: string; name: string }) => `${i.context}/${i.name}`)).toEqual([`${A}/db`, `${B}/cache`, `${B}/db`]);
      expect(out.contexts.slice(0, 2)).toEqual(['silent', 'silent-2'].map((context) => ({ context, state: 'unknown', reason: 'no answer within 3s' })));
      // Bounded by one time-out, not the default 10s nor forever, and the two silent ones waited on together.
      expect(took).toBeGreaterThanOrEqual(3000);
      expect(took).toBeLessThan(6000);

      // watch: the answering contexts' lines come first, while the silent one is still given time.
      const child = spawn(process.execPath, ['bin/kstate.js', 'watch', '-n', ns, '-o', 'json', '--context', `silent,${A},${B}`, '--context-timeout', '4s', '--kubeconfig', file]);
      const events: { context: string; event: string; reason?: string }[] = [];
      let buffered = '';
      child.stdout.on('data', (c: Buffer) => {
        const lines = (buffered + c.toString()).split('\n');
        buffered = lines.pop()!;
        for (const l of lines) if (l.trim()) events.push(JSON.parse(l));
      });
      try {
        const started = Date.now();
        await waitFor('both clusters watching', async () => [A, B].every((c) => events.some((e) => e.context === c && e.event === 'watching')), 20_000, 100);
        const firstFrames = Date.now() - started;
        await waitFor('the silent context unknown', async () => events.find((e) => e.context === 'silent'), 20_000, 100);
        const order = events.filter((e) => e.event !== 'transition').map((e) => `${e.context}:${e.event}`);
        expect(order.indexOf('silent:unknown')).toBeGreaterThan(Math.max(order.indexOf(`${A}:watching`), order.indexOf(`${B}:watching`)));
        expect(events.find((e) => e.context === 'silent')).toMatchObject({ event: 'unknown', reason: 'no answer within 4s' });
        expect(firstFrames).toBeLessThan(4000);
      } finally {
        child.kill('SIGINT');
      }
    } finally {
      silent.close();
    }
  });

  it('describes a name found in both contexts once per context', async () => {
    const r = await fleet(['describe', 'sts', 'db', '-n', ns, '--context', `${A},${B}`]);
    expect(r.code, r.stderr).toBe(0);
    const parts = r.stdout.split(/^Context: +/m).filter(Boolean);
    expect(parts.map((p) => p.split('\n')[0])).toEqual([A, B]);
    for (const p of parts) expect(p).toMatch(new RegExp(`^Name:\\s+db$`, 'm'));

    const json = JSON.parse((await fleet(['describe', 'sts', 'cache', '-n', ns, '--context', `${A},${B}`, '-o', 'json'])).stdout);
    expect(json.items.map((i: { context: string; name: string }) => `${i.context}/${i.name}`)).toEqual([`${B}/cache`]);
  });

  it("presents each context's token and client certificate to its own server only", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kstate-creds-'));
    const withToken = await recordingServer(dir, 'token-server');
    const withCert = await recordingServer(dir, 'cert-server');
    try {
      const token = `token-of-rec-token-${Math.random().toString(36).slice(2)}`;
      const file = withContexts([
        { name: 'rec-token', server: withToken.url, user: { token } },
        { name: 'rec-cert', server: withCert.url, user: await clientCert(dir, 'rec-cert-user') },
      ]);
      const r = await fleet(['get', 'sts', '-A', '--all-contexts', '-o', 'json'], file);
      const states = Object.fromEntries(JSON.parse(r.stdout).contexts.map((c: { context: string; state: string }) => [c.context, c.state]));
      // The real clusters accept only a certificate their own CA signed: another's would read unknown.
      expect(states, r.stdout).toEqual({ [A]: 'ok', [B]: 'ok', unreachable: 'unknown', 'rec-token': 'ok', 'rec-cert': 'ok' });
      expect(withToken.seen.length).toBeGreaterThan(0);
      expect(withCert.seen.length).toBeGreaterThan(0);
      expect(new Set(withToken.seen.map((s) => `${s.authorization} cert=${s.certSubject}`))).toEqual(new Set([`Bearer ${token} cert=undefined`]));
      expect(new Set(withCert.seen.map((s) => `${s.authorization} cert=${s.certSubject}`))).toEqual(new Set(['undefined cert=rec-cert-user']));
    } finally {
      withToken.close();
      withCert.close();
    }
  });

  it('opens the dashboard on the fleet view of both clusters, the unreachable and a silent one, and goes into B', async () => {
    const silent = await silentServer();
    const file = withContexts([{ name: 'silent', server: silent.url, user: { token: 'silent-token' } }]);
    const args = parseArgs(['--kubeconfig', file, '--all-contexts', '-n', ns, '--context-timeout', '4s']);
    const conn = await connect({ kubeconfig: file, context: A, namespace: ns });
    const started = Date.now();
    const h = await startApp({} as never, { ...contextDeps(conn, args, 100), contexts: contextsOf(conn, args, 100), fleet: new LiveFleet(args, ['silent', A, B, 'unreachable']) });
    const row = (name: string) => h.screen().split('\n').find((l) => l.startsWith(`│▶ ${name} `) || l.startsWith(`│  ${name} `)) ?? '';
    try {
      // A: db ready; B: db and cache ready, the failed Job; the unreachable context with its reason.
      await waitFor('both clusters in the fleet view', async () => (await h.press(), /● connected\s+1\/1\s+0\s+0\s+0\s+0\/0/.test(row(A)) && /● connected\s+2\/2\s+0\s+0\s+1\s+0\/0/.test(row(B))), 30_000, 200);
      // The silent context first in the list holds up neither row: both are in before its time-out.
      expect(Date.now() - started).toBeLessThan(4000);
      expect(row('silent')).toMatch(/◐ connecting/);
      expect(row(B)).toContain('✗ job/broken JobFailed');
      expect(row(A)).toContain('✓ no findings');
      await waitFor('the silent context unknown after its time-out', async () => (await h.press(), /silent\s+✗ unknown[^\n]*\n│\s+no answer within 4s|silent\s+✗ unknown.*no answer within 4s/.test(h.screen())), 20_000, 200);
      await waitFor('the unreachable reason', async () => (await h.press(), /✗ unknown[\s\S]*cannot reach the API server at https:\/\/127\.0\.0\.1:\d+: connection refused/.test(h.screen())), 30_000, 200);
      await h.press('j', 'enter'); // from A (the current one) to B
      await waitFor("B's own objects", async () => (await h.press(), h.screen().includes(`ctx ${B}`) && /cache\s+1\/1/.test(h.screen())), 30_000, 200);
    } finally {
      await h.app.close();
      silent.close();
    }
  });

  it('suspends across contexts after one confirmation, each request sent as its own context\'s user (both audit logs)', async () => {
    // B acts as a ServiceAccount of its own, so the two users differ: A's admin, B's writer.
    await inB(['apply', '-n', ns, '-f', '-'], serviceAccountWithRole('writer', [
      { apiGroups: ['', 'apps', 'batch'], resources: ['statefulsets', 'pods', 'jobs', 'cronjobs', 'events'], verbs: ['get', 'list', 'watch'] },
      { apiGroups: ['batch'], resources: ['cronjobs'], verbs: ['patch'] },
    ]));
    const token = (await inB(['create', 'token', 'writer', '-n', ns])).trim();
    const doc = yaml.load(fs.readFileSync(fleetKubeconfig!, 'utf8')) as Kubeconfig;
    doc.users.push({ name: 'b-writer', user: { token } });
    doc.contexts.push({ name: 'b-writer', context: { cluster: B, user: 'b-writer' } });
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kstate-fleet-writer-')), 'kubeconfig.yaml');
    fs.writeFileSync(file, yaml.dump(doc), { mode: 0o600 });
    writerFile = file;
    await apply(ns, cronJobManifest('nightly'));
    await inB(['apply', '-n', ns, '-f', '-'], cronJobManifest('nightly'));
    const suspendedIn = async (ctx: string) => (await kubectlIn(fleetKubeconfig!, ctx, ['get', 'cj', 'nightly', '-n', ns, '-o', 'jsonpath={.spec.suspend}'])) === 'true';
    const since = Date.now() - 1000;

    // Read-only and --dry-run send nothing anywhere.
    const ro = await fleet(['suspend', 'cj', 'nightly', '-n', ns, '--context', `${A},b-writer`, '--yes', '--read-only'], file);
    expect(ro.code).toBe(2);
    expect(ro.stderr).toContain(`read-only mode: suspend in ${A}, b-writer was not sent`);

    const r = await fleet(['suspend', 'cj', 'nightly', '-n', ns, '--context', `${A},b-writer,unreachable`, '--yes'], file);
    expect(r.stdout.split('\n').filter((l) => /^(Context:|•|\[)/.test(l))).toEqual([
      `Context: ${A}`,
      '• suspend cronjob/nightly',
      'Context: b-writer',
      '• suspend cronjob/nightly',
      `[${A}] done: suspend cronjob/nightly`,
      '[b-writer] done: suspend cronjob/nightly',
    ]);
    expect(r.stderr).toMatch(/^kstate: context unreachable unknown \(cannot reach the API server .*connection refused\): nothing sent there$/m);
    expect(r.code).toBe(1); // a context could not be reached
    expect(await suspendedIn(A)).toBe(true);
    expect(await suspendedIn(B)).toBe(true);
    await expectPatchedInBoth(since);
  });

  it("resumes them from the dashboard's CronJobs across the fleet: one confirmation, each request as its own context's user", async () => {
    expect(writerFile).not.toBe('');
    const args = parseArgs(['--kubeconfig', writerFile, '--context', `${A},b-writer`, '-n', ns]);
    const conn = await connect({ kubeconfig: writerFile, context: A, namespace: ns });
    const h = await startApp({} as never, { ...contextDeps(conn, args, 100), contexts: contextsOf(conn, args, 100), fleet: new LiveFleet(args, [A, 'b-writer']) });
    const resumedIn = async (ctx: string) => (await kubectlIn(writerFile, ctx, ['get', 'cj', 'nightly', '-n', ns, '-o', 'jsonpath={.spec.suspend}'])) === 'false';
    try {
      await h.press('3');
      await waitFor('nightly of both contexts, suspended', async () => (await h.press(), h.screen().split('\n').filter((l) => / nightly /.test(l) && / True /.test(l)).length === 2), 30_000, 200);
      const since = Date.now() - 1000;
      await h.press('a', 'u');
      await waitFor('the confirmation', async () => (await h.press(), h.screen().includes('resume: 2 object(s)')), 20_000, 200);
      const dialog = h.screen().split('\n').flatMap((l) => /│ ((?:Context:|•) [^│]*?)\s*│/.exec(l)?.[1] ?? []);
      expect(dialog).toEqual([`Context: ${A}`, '• resume cronjob/nightly', 'Context: b-writer', '• resume cronjob/nightly']);
      await h.press('y');
      await h.app.whenIdle();
      await waitFor('resumed in both clusters', async () => (await resumedIn(A)) && resumedIn('b-writer'), 20_000, 200);
      await expectPatchedInBoth(since);
    } finally {
      await h.app.close();
    }
  });
});
