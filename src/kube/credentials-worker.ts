// Runs in a worker thread: loads the kubeconfig with @kubernetes/client-node, lets it put a
// context's TLS settings and credentials on a request (running an exec plugin, reading a token
// file, refreshing an OIDC token…), sends them to the main thread, and exits with the library.
import { register } from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';
import type https from 'node:https';
import type { ConnectOptions } from './config.js';
import type { Resolution, WorkerInput } from './credentials.js';
import { tokenExpiry, type Credentials } from './endpoint.js';
import { UsageError } from './errors.js';

/** client-node keeps an exec plugin's ExecCredential, with its expiry, per user. */
function execExpiry(kc: unknown, user: string | undefined): number | null {
  const authenticators = (kc as { authenticators?: { tokenCache?: Record<string, { status?: { expirationTimestamp?: string } } | null> }[] }).authenticators ?? [];
  const stamp = authenticators.find((a) => a.tokenCache)?.tokenCache?.[user ?? '']?.status?.expirationTimestamp;
  const at = stamp ? Date.parse(stamp) : NaN;
  return Number.isFinite(at) ? at : null;
}

async function resolve(opts: ConnectOptions): Promise<Resolution> {
  const { connect } = await import('./config.js');
  const conn = connect(opts);
  const kc = conn.kc;
  if (kc.getCurrentCluster()?.proxyUrl) return { ok: false, proxy: true };
  const options: https.RequestOptions = { headers: {} };
  try {
    await kc.applyToHTTPSOptions(options);
  } catch (err) {
    const user = kc.getCurrentUser();
    const plugin = user?.exec?.command ?? user?.authProvider?.config?.exec?.command;
    const reason = (err instanceof Error ? err.message : String(err)).trim().split('\n')[0] || (plugin ? `the exec plugin "${plugin}" failed without a message` : 'failed');
    throw new UsageError(`cannot get the credentials of user "${user?.name ?? ''}" (context "${conn.context}"): ${reason}`);
  }
  const headers = Object.fromEntries(Object.entries(options.headers ?? {}).map(([k, v]) => [k, String(v)]));
  const expiries = [execExpiry(kc, kc.getCurrentUser()?.name), tokenExpiry(headers)].filter((t): t is number => t !== null);
  const credentials: Credentials = {
    server: conn.server,
    tls: { ca: options.ca, cert: options.cert, key: options.key, rejectUnauthorized: options.rejectUnauthorized, servername: options.servername },
    headers,
    ...(options.auth ? { auth: options.auth } : {}),
    expiresAt: expiries.length ? Math.min(...expiries) : null,
    madeAt: Date.now(),
  };
  for (const k of Object.keys(credentials.tls) as (keyof Credentials['tls'])[]) if (credentials.tls[k] === undefined) delete credentials.tls[k];
  return {
    ok: true,
    credentials,
    context: conn.context,
    cluster: conn.cluster,
    namespace: conn.namespace,
    source: conn.source,
    contexts: kc.contexts.map((c) => c.name),
  };
}

const { opts, lean } = workerData as WorkerInput;
if (lean) register(new URL('./credentials-hooks.js', import.meta.url));
resolve(opts).then(
  (r) => parentPort!.postMessage(r),
  (err: unknown) =>
    parentPort!.postMessage(
      // A client-node whose modules no longer fit the hooks: the main thread asks again without them.
      lean && err instanceof SyntaxError
        ? ({ ok: false, lean: false } satisfies Resolution)
        : ({ ok: false, error: (err instanceof Error ? err.message : String(err)).split('\n')[0] ?? '', exitCode: err instanceof UsageError ? err.exitCode : 2 } satisfies Resolution),
    ),
);
