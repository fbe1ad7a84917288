// How requests reach one context's API server: its address, and the TLS settings and credentials
// each request carries. Made from a kubeconfig by @kubernetes/client-node — in a worker thread that
// exits (credentials.ts), so the library's memory and start-up are not the dashboard's — or, where
// a KubeConfig is at hand anyway (tests, the benchmark), from it directly.
import http from 'node:http';
import https from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';

export interface Endpoint {
  /** The API server's URL, as the kubeconfig gives it. */
  readonly server: string;
  /** Puts the connection settings and credentials on one request's options. */
  apply(options: https.RequestOptions): Promise<void>;
  /** The server refused the credentials (401): fetch them anew; true when they changed (worth a retry). */
  renew(): Promise<boolean>;
}

/** One context of a kubeconfig: where its server is, how to reach it, and the other contexts. */
export interface Connection {
  endpoint: Endpoint;
  context: string;
  cluster: string;
  server: string;
  /** The namespace in scope, or null for all namespaces. */
  namespace: string | null;
  /** Where the configuration came from, for messages: file paths or "in-cluster". */
  source: string;
  /** Every context of the kubeconfig, by name. */
  contexts: readonly string[];
}

/** An endpoint that asks a loaded KubeConfig for every request (client-node's own behaviour). */
export function kubeConfigEndpoint(kc: KubeConfig): Endpoint {
  return {
    server: kc.getCurrentCluster()?.server ?? '',
    apply: (options) => kc.applyToHTTPSOptions(options),
    renew: async () => false,
  };
}

/** What client-node puts on a request for a context, without its agent (which cannot cross threads). */
export interface Credentials {
  server: string;
  tls: Pick<https.AgentOptions, 'ca' | 'cert' | 'key' | 'rejectUnauthorized' | 'servername'>;
  headers: Record<string, string>;
  /** Basic authentication, "user:password". */
  auth?: string;
  /** When they stop being accepted (an exec plugin's expirationTimestamp, a token's exp), epoch ms. */
  expiresAt: number | null;
  /** When they were made, epoch ms. */
  madeAt: number;
}

// Credentials are made again at most this often: after a refusal (a revoked identity stays
// revoked, and each try runs the kubeconfig's plugin), and as they expire.
const RENEW_AFTER_REFUSAL_MS = 30_000;
const RENEW_AFTER_EXPIRY_MS = 5_000;

/**
 * An endpoint from credentials made elsewhere: one keep-alive agent for every request, and the
 * credentials made again (by `make`) before they expire and when the server refuses them.
 */
export class CredentialsEndpoint implements Endpoint {
  private agent: http.Agent;
  private renewing: Promise<boolean> | null = null;
  private lastRenewal = 0;
  private failure: Error | null = null;

  constructor(
    private credentials: Credentials,
    private readonly make: () => Promise<Credentials>,
    private readonly now: () => number = Date.now,
  ) {
    this.agent = agentFor(credentials);
  }

  get server(): string {
    return this.credentials.server;
  }

  async apply(options: https.RequestOptions): Promise<void> {
    if (this.expiring()) await this.renewal(true);
    if (this.failure && this.expired()) throw this.failure;
    const c = this.credentials;
    options.agent = this.agent;
    options.headers = { ...options.headers, ...c.headers };
    if (c.auth) options.auth = c.auth;
  }

  renew(): Promise<boolean> {
    return this.renewal(false);
  }

  /** Close to its expiry: a quarter of its life before it, at most a minute. */
  private expiring(): boolean {
    const { expiresAt, madeAt } = this.credentials;
    return expiresAt !== null && this.now() >= expiresAt - Math.min(60_000, (expiresAt - madeAt) / 4);
  }

  private expired(): boolean {
    return this.credentials.expiresAt !== null && this.now() >= this.credentials.expiresAt;
  }

  private renewal(dueToExpiry: boolean): Promise<boolean> {
    if (this.renewing) return this.renewing;
    if (this.now() - this.lastRenewal < (dueToExpiry ? RENEW_AFTER_EXPIRY_MS : RENEW_AFTER_REFUSAL_MS)) return Promise.resolve(false);
    this.lastRenewal = this.now();
    this.renewing = this.make().then(
      (next) => {
        const changed = fingerprint(next) !== fingerprint(this.credentials);
        if (changed) {
          this.agent.destroy();
          this.agent = agentFor(next);
        }
        this.credentials = next;
        this.failure = null;
        return changed;
      },
      (err: unknown) => {
        this.failure = err instanceof Error ? err : new Error(String(err));
        return false;
      },
    );
    const done = this.renewing;
    void done.finally(() => {
      if (this.renewing === done) this.renewing = null;
    });
    return done;
  }
}

/** What a request carries of them: the same fingerprint, the same request. */
const fingerprint = (c: Credentials) => JSON.stringify([c.headers, c.auth ?? null, c.tls]);

function agentFor(c: Credentials): http.Agent {
  // Idle connections do not keep a finished command alive: the agent unrefs the sockets it keeps.
  return c.server.startsWith('http:') ? new http.Agent({ keepAlive: true }) : new https.Agent({ keepAlive: true, ...c.tls });
}

/** The expiry of a JWT bearer token (its exp claim), or null for another kind of token. */
export function tokenExpiry(headers: Record<string, string>): number | null {
  const m = /^Bearer ([\w-]+)\.([\w-]+)\.[\w-]*$/.exec(headers.Authorization ?? '');
  if (!m) return null;
  try {
    const exp = (JSON.parse(Buffer.from(m[2]!, 'base64url').toString('utf8')) as { exp?: unknown }).exp;
    return typeof exp === 'number' && Number.isFinite(exp) ? exp * 1000 : null;
  } catch {
    return null;
  }
}
