// Test helpers for the real local cluster: kubectl (the one built with the control plane), a fresh
// namespace per test file, and waiting on a condition instead of sleeping.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { clusterRoleFor, serviceAccountWithRole } from './manifests.js';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { inject } from 'vitest';

const run = promisify(execFile);

export const kubeconfig = inject('kubeconfig');
export const skipReason = inject('skipReason');
export const hasCluster = kubeconfig !== null;
/** Contexts "kstate" (or the main cluster's name), "kstate-b" and "unreachable" (global-setup.ts). */
export const fleetKubeconfig = inject('fleetKubeconfig');
export const fleetSkipReason = inject('fleetSkipReason');

let kubectlPath: Promise<string> | null = null;
function kubectlBinary(): Promise<string> {
  kubectlPath ??= run('bash', ['-c', '. cluster/lib.sh && echo "$bin_dir/kubectl"']).then((r) => r.stdout.trim());
  return kubectlPath;
}

export async function kubectl(args: readonly string[], input?: string): Promise<string> {
  return kubectlWith(['--kubeconfig', kubeconfig!], args, input);
}

/** kubectl on one context of another kubeconfig (the fleet's). */
export function kubectlIn(file: string, context: string, args: readonly string[], input?: string): Promise<string> {
  return kubectlWith(['--kubeconfig', file, '--context', context], args, input);
}

async function kubectlWith(config: readonly string[], args: readonly string[], input?: string): Promise<string> {
  const bin = await kubectlBinary();
  return new Promise((resolve, reject) => {
    const child = execFile(bin, [...config, ...args], { maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`kubectl ${args.join(' ')}: ${stderr || err.message}`));
      else resolve(stdout);
    });
    if (input !== undefined) child.stdin!.end(input);
  });
}

export async function kubectlJson<T = any>(args: readonly string[]): Promise<T> {
  return JSON.parse(await kubectl([...args, '-o', 'json'])) as T;
}

export async function apply(namespace: string, manifest: string): Promise<void> {
  await kubectl(['apply', '-n', namespace, '-f', '-'], manifest);
}

/** A new namespace for one test file; deleted (without waiting) by the returned function. */
export async function freshNamespace(prefix: string): Promise<{ name: string; cleanup: () => Promise<void> }> {
  const name = `${prefix}-${randomBytes(3).toString('hex')}`;
  await kubectl(['create', 'namespace', name]);
  // Pods are refused until the controller has made the namespace's default ServiceAccount, and a
  // StatefulSet controller that failed a few times backs off for long: wait for it first.
  await waitFor(`serviceaccount default in ${name}`, () => kubectl(['get', 'serviceaccount', 'default', '-n', name]).then(() => true), 60_000, 200);
  const cleanup = async () => {
    await kubectl(['delete', 'namespace', name, '--wait=false']).catch(() => undefined);
    // What the namespace's deletion leaves: the ClusterRoles of its identities.
    await kubectl(['delete', 'clusterrole,clusterrolebinding', '-l', `kstate.dev/test-namespace=${name}`, '--wait=false']).catch(() => undefined);
  };
  return { name, cleanup };
}

/** Deletes the namespace's claims and then every volume they leave (Retain keeps them, cluster-scoped, after the namespace). */
export async function deleteVolumesOf(ns: string): Promise<void> {
  await kubectl(['delete', 'pvc', '--all', '-n', ns, '--wait=true', '--timeout=60s']).catch(() => undefined);
  const pvs = (await kubectlJson(['get', 'pv'])).items as any[];
  const left = pvs.filter((pv) => pv.spec.claimRef?.namespace === ns).map((pv) => pv.metadata.name as string);
  if (left.length) await kubectl(['delete', 'pv', ...left, '--wait=false']).catch(() => undefined);
}

/** Polls `probe` until it returns a value that is not undefined/null/false, or fails with the last state. */
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined | null | false>, timeoutMs = 60_000, intervalMs = 500): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== null && value !== false) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000}s waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** Runs the built CLI (bin/kstate.js) against the local cluster. */
export async function kstate(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['bin/kstate.js', ...args], { env: { ...process.env, KUBECONFIG: kubeconfig ?? '', ...env }, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

/** Starts `kstate watch -o json` on a namespace and collects its events as they arrive. */
export function watchEvents(namespace: string): { child: ChildProcess; events: any[] } {
  const child = spawn(process.execPath, ['bin/kstate.js', 'watch', '-n', namespace, '-o', 'json', '--kubeconfig', kubeconfig!]);
  const events: any[] = [];
  let buffered = '';
  child.stdout.on('data', (c: Buffer) => {
    buffered += c.toString();
    const lines = buffered.split('\n');
    buffered = lines.pop()!;
    for (const l of lines) if (l.trim()) events.push(JSON.parse(l));
  });
  return { child, events };
}

/** Audit entries of kstate's own mutating requests in a namespace since a time, with who sent them. */
export function kstateWrites(ns: string, since: number, log = path.join(path.dirname(kubeconfig!), 'logs', 'audit.log')): { verb: string; uri: string; user: string }[] {
  return fs
    .readFileSync(log, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l))
    .filter((e) => e.userAgent?.startsWith('kstate/') && e.objectRef?.namespace === ns && Date.parse(e.requestReceivedTimestamp) >= since)
    .filter((e) => ['create', 'update', 'patch', 'delete', 'deletecollection'].includes(e.verb))
    .map((e) => ({ verb: e.verb, uri: e.requestURI, user: e.user?.username }));
}

/** A kubeconfig that acts as ServiceAccount `sa` of `ns` (a token from the API server), in that namespace. */
export async function tokenKubeconfig(ns: string, sa: string, withAdmin = false): Promise<string> {
  const token = (await kubectl(['create', 'token', sa, '-n', ns])).trim();
  const admin = await kubectlJson(['config', 'view', '--raw', '--minify']);
  const cluster = admin.clusters[0].cluster;
  const file = path.join(os.tmpdir(), `kstate-${sa}-${ns}${withAdmin ? '-2ctx' : ''}.yaml`);
  // With the admin: a second context (the local admin user) in the same file, current, for context switches.
  const second = withAdmin ? { users: [admin.users[0]], contexts: [{ name: 'admin', context: { cluster: 'local', user: admin.users[0].name, namespace: ns } }] } : { users: [], contexts: [] };
  fs.writeFileSync(
    file,
    JSON.stringify({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [{ name: 'local', cluster }],
      users: [...second.users, { name: sa, user: { token } }],
      contexts: [...second.contexts, { name: sa, context: { cluster: 'local', user: sa, namespace: ns } }],
      'current-context': withAdmin ? 'admin' : sa,
    }),
  );
  return file;
}

/** The lines a container prints on the local cluster, from a file of cluster/logs in CRI log format ("<time> <stream> F <line>"). */
export function linesOf(file: string): string[] {
  return fs
    .readFileSync(`cluster/logs/${file}`, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => l.split(' ').slice(3).join(' '));
}

/** Every resource kstate reads, by API group. */
export const READ_RESOURCES: Readonly<Record<string, readonly string[]>> = {
  '': ['pods', 'persistentvolumeclaims', 'services', 'events'],
  apps: ['statefulsets'],
  batch: ['jobs', 'cronjobs'],
  autoscaling: ['horizontalpodautoscalers'],
};

/** The cluster-scoped resources kstate reads (a ClusterRole grants them), by API group. */
export const CLUSTER_READ_RESOURCES: Readonly<Record<string, readonly string[]>> = {
  '': ['persistentvolumes', 'nodes'],
  'storage.k8s.io': ['storageclasses'],
};

/**
 * A ServiceAccount `name` in `ns` that may get, list and watch what kstate reads except `without`
 * (resource names, e.g. "persistentvolumeclaims"); returns a kubeconfig for it.
 */
export async function restrictedIdentity(ns: string, name: string, without: readonly string[]): Promise<string> {
  const rules = (resources: Readonly<Record<string, readonly string[]>>) =>
    Object.entries(resources)
      .map(([group, list]) => ({ apiGroups: [group], resources: list.filter((r) => !without.includes(r)), verbs: ['get', 'list', 'watch'] }))
      .filter((r) => r.resources.length > 0);
  await apply(ns, serviceAccountWithRole(name, rules(READ_RESOURCES)));
  const cluster = rules(CLUSTER_READ_RESOURCES);
  if (cluster.length) await kubectl(['apply', '-f', '-'], clusterRoleFor(ns, name, cluster));
  return tokenKubeconfig(ns, name);
}
