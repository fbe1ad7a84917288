// Loads the kubeconfig the way kubectl does: --kubeconfig, else KUBECONFIG (files merged, the first
// definition of a name wins), else ~/.kube/config, else the in-cluster service account.
// Every failure is a UsageError with one line that says what to fix.
import fs from 'node:fs';
import path from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { kubeConfigEndpoint, type Connection } from './endpoint.js';
import { UsageError } from './errors.js';
import { kubeconfigFiles } from './kubeconfig-files.js';

export { UsageError } from './errors.js';

export interface ConnectOptions {
  kubeconfig?: string;
  context?: string;
  namespace?: string;
  allNamespaces?: boolean;
  env?: NodeJS.ProcessEnv;
}

/** A context's connection with the loaded KubeConfig behind it (in the credentials worker, tests, the benchmark). */
export interface LoadedConnection extends Connection {
  kc: KubeConfig;
}

interface NamedLists {
  clusters: { name: string }[];
  users: { name: string }[];
  contexts: { name: string }[];
  currentContext: string;
}

function readFile(file: string): NamedLists {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(code === 'ENOENT' ? `kubeconfig not found: ${file}` : `cannot read kubeconfig ${file}: ${code ?? 'error'}`);
  }
  if (!text.trim()) throw new UsageError(`kubeconfig is empty: ${file}`);
  const kc = new KubeConfig();
  try {
    kc.loadFromString(text);
  } catch (err) {
    const reason = (err instanceof Error ? err.message : String(err)).split('\n')[0];
    throw new UsageError(`kubeconfig ${file} is not valid: ${reason}`);
  }
  return { clusters: kc.clusters, users: kc.users, contexts: kc.contexts, currentContext: kc.currentContext };
}

/** Merges kubeconfig files as kubectl does: the first file to define a name (or current-context) wins. */
function mergeFiles(files: string[]): KubeConfig {
  const merged: NamedLists = { clusters: [], users: [], contexts: [], currentContext: '' };
  for (const file of files) {
    const one = readFile(file);
    for (const key of ['clusters', 'users', 'contexts'] as const) {
      for (const item of one[key]) if (!merged[key].some((m) => m.name === item.name)) merged[key].push(item);
    }
    merged.currentContext ||= one.currentContext;
  }
  const kc = new KubeConfig();
  kc.loadFromOptions(merged);
  return kc;
}

export function connect(opts: ConnectOptions = {}): LoadedConnection {
  const env = opts.env ?? process.env;
  const files = kubeconfigFiles(opts, env);
  if (files === null) throw new UsageError('no kubeconfig found: pass --kubeconfig, set KUBECONFIG, or create ~/.kube/config');
  let kc: KubeConfig;
  let source: string;
  if (files === 'in-cluster') {
    kc = new KubeConfig();
    try {
      kc.loadFromCluster();
    } catch (err) {
      throw new UsageError(`in-cluster configuration failed: ${err instanceof Error ? err.message : String(err)}`);
    }
    source = 'in-cluster';
  } else {
    kc = mergeFiles(files);
    source = files.join(path.delimiter);
  }
  if (opts.context) {
    if (!kc.contexts.some((c) => c.name === opts.context)) throw new UsageError(`context "${opts.context}" not found in ${source}`);
    kc.setCurrentContext(opts.context);
  }
  const contextName = kc.getCurrentContext();
  if (!contextName) throw new UsageError(`no current context in ${source}: pass --context`);
  const ctx = kc.getContextObject(contextName);
  if (!ctx) throw new UsageError(`current context "${contextName}" is not defined in ${source}`);
  const cluster = kc.getCluster(ctx.cluster);
  if (!cluster) throw new UsageError(`context "${contextName}" names cluster "${ctx.cluster}", which is not defined in ${source}`);
  if (!cluster.server) throw new UsageError(`cluster "${cluster.name}" has no server address in ${source}`);
  try {
    new URL(cluster.server);
  } catch {
    throw new UsageError(`cluster "${cluster.name}" has an invalid server address: ${cluster.server}`);
  }
  if (ctx.user && !kc.getUser(ctx.user)) throw new UsageError(`context "${contextName}" names user "${ctx.user}", which is not defined in ${source}`);
  const namespace = opts.allNamespaces ? null : opts.namespace || ctx.namespace || 'default';
  return { kc, endpoint: kubeConfigEndpoint(kc), context: contextName, cluster: cluster.name, server: cluster.server, namespace, source, contexts: kc.contexts.map((c) => c.name) };
}
