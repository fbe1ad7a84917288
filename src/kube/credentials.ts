// Connects to a kubeconfig context without loading @kubernetes/client-node here: a worker thread
// loads it, makes the context's credentials and exits (credentials-worker.ts); it runs again when
// they expire or the server refuses them. A cluster behind a proxy-url needs the library's proxy
// agent, which cannot cross threads: there the library is loaded in this thread (config.ts).
import { Worker } from 'node:worker_threads';
import type { ConnectOptions } from './config.js';
import { CredentialsEndpoint, type Connection, type Credentials } from './endpoint.js';
import { UsageError } from './errors.js';

export type Resolution =
  | { ok: true; credentials: Credentials; context: string; cluster: string; namespace: string | null; source: string; contexts: string[] }
  | { ok: false; proxy: true }
  | { ok: false; lean: false }
  | { ok: false; error: string; exitCode: number };

/** `lean`: load only the parts of client-node that make credentials (credentials-hooks.ts). */
export interface WorkerInput {
  opts: ConnectOptions;
  lean: boolean;
}

// Run from the TypeScript sources (the tests), the worker is the built one: a worker cannot load .ts.
const WORKER = import.meta.url.endsWith('.ts') ? new URL('../../dist/kube/credentials-worker.js', import.meta.url) : new URL('./credentials-worker.js', import.meta.url);

function inWorker(opts: ConnectOptions, lean = true, signal?: AbortSignal): Promise<Resolution> {
  const answer = new Promise<Resolution>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const worker = new Worker(WORKER, { workerData: { opts, lean } satisfies WorkerInput, ...(opts.env ? { env: opts.env } : {}) });
    // Given up on (a context's time-out): an exec plugin that hangs does not keep the process alive.
    const abort = () => void worker.terminate();
    signal?.addEventListener('abort', abort, { once: true });
    worker.once('message', (r: Resolution) => resolve(r));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      signal?.removeEventListener('abort', abort);
      reject(signal?.aborted ? signal.reason : new Error(`the credentials worker exited with code ${code}`));
    });
  });
  return answer.then((r) => (!r.ok && 'lean' in r ? inWorker(opts, false, signal) : r));
}

function failure(r: Resolution & { ok: false }): UsageError {
  return 'error' in r ? new UsageError(r.error, r.exitCode) : new UsageError('the kubeconfig changed: its cluster now needs a proxy');
}

/**
 * The context's connection, its credentials made in a worker thread (and made again there when due).
 * `signal` gives up on the first making of them (the worker is stopped).
 */
export async function connect(opts: ConnectOptions = {}, signal?: AbortSignal): Promise<Connection> {
  const first = await inWorker(opts, true, signal);
  if (!first.ok) {
    if ('proxy' in first) return (await import('./config.js')).connect(opts);
    throw failure(first);
  }
  // Renewals read the same context and namespace, whatever the kubeconfig's current context is by then.
  const pinned: ConnectOptions = { ...opts, context: first.context, namespace: first.namespace ?? undefined, allNamespaces: first.namespace === null };
  const again = async () => {
    const r = await inWorker(pinned);
    if (!r.ok) throw failure(r);
    return r.credentials;
  };
  return {
    endpoint: new CredentialsEndpoint(first.credentials, again),
    context: first.context,
    cluster: first.cluster,
    server: first.credentials.server,
    namespace: first.namespace,
    source: first.source,
    contexts: first.contexts,
  };
}
