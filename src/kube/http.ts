// The one HTTP path to the API server: JSON requests and line-delimited watch streams, over Node's
// http/https with the endpoint's TLS settings and credentials (endpoint.ts). Raw JSON (no
// ObjectSerializer) keeps large lists fast and timestamps uniform. Credentials the server refuses
// are made again once, and the request sent again if they changed.
import http from 'node:http';
import https from 'node:https';
import type { Endpoint } from './endpoint.js';

/** An HTTP error status from the API server, with its Status message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
    message: string,
    readonly method: string,
    readonly path: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The server could not be reached or the TLS handshake failed. */
export class ConnectionError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly server: string,
  ) {
    super(message);
    this.name = 'ConnectionError';
  }
}

/** What a 401 means to the user: the identity itself is refused, whatever was asked. */
export const UNAUTHORIZED = 'unauthorized: the API server rejected the credentials (expired or revoked?)';

/** Every request says it is kstate's, so the audit log can tell them apart. */
export const USER_AGENT = 'kstate/0.1';

let verbose: ((line: string) => void) | null = null;

/** --verbose: one line per request on stderr — method, URL, status, time; never headers or bodies. */
export function setVerbose(log: ((line: string) => void) | null): void {
  verbose = log;
}

const TLS_CODES = /CERT|SELF_SIGNED|UNABLE_TO_|ERR_TLS|ERR_SSL|EPROTO|DEPTH_ZERO/;

function connectionError(err: NodeJS.ErrnoException, server: string): ConnectionError {
  const code = err.code ?? 'EUNKNOWN';
  if (TLS_CODES.test(code)) return new ConnectionError(`TLS failure talking to ${server}: ${err.message}`, code, server);
  const what: Record<string, string> = {
    ECONNREFUSED: 'connection refused',
    ECONNRESET: 'connection reset',
    ENOTFOUND: 'host not found',
    EAI_AGAIN: 'host lookup failed',
    ETIMEDOUT: 'timed out',
    EHOSTUNREACH: 'host unreachable',
    ENETUNREACH: 'network unreachable',
  };
  return new ConnectionError(`cannot reach the API server at ${server}: ${what[code] ?? err.message}`, code, server);
}

export interface RequestOptions {
  method?: string;
  path: string;
  body?: unknown;
  contentType?: string;
  signal?: AbortSignal;
  timeoutMs?: number;
}

async function open(endpoint: Endpoint, opts: RequestOptions): Promise<{ req: http.ClientRequest; server: string }> {
  if (!endpoint.server) throw new ConnectionError('the kubeconfig has no current cluster', 'ENOCLUSTER', '');
  const url = new URL(endpoint.server.replace(/\/+$/, '') + opts.path);
  // The server as messages show it: never with credentials from the URL.
  const server = `${url.protocol}//${url.host}${url.pathname.slice(0, url.pathname.length - opts.path.split('?')[0]!.length)}`.replace(/\/+$/, '');
  const options: https.RequestOptions = {
    method: opts.method ?? 'GET',
    hostname: url.hostname.replace(/^\[|\]$/g, ''),
    port: url.port || undefined,
    path: url.pathname + url.search,
    headers: { Accept: 'application/json', 'User-Agent': USER_AGENT },
  };
  await endpoint.apply(options);
  const req = (url.protocol === 'http:' ? http : https).request(options);
  if (opts.signal) {
    if (opts.signal.aborted) req.destroy(new Error('aborted'));
    else {
      const signal = opts.signal;
      const abort = () => req.destroy(Object.assign(new Error('aborted'), { code: 'EABORTED' }));
      signal.addEventListener('abort', abort, { once: true });
      // A reflector's signal outlives thousands of requests: each must let go of it when done.
      req.once('close', () => signal.removeEventListener('abort', abort));
    }
  }
  return { req, server };
}

function apiError(status: number, text: string, method: string, path: string): ApiError {
  let reason = http.STATUS_CODES[status] ?? 'Error';
  let message = text.trim().split('\n')[0] ?? '';
  try {
    const body = JSON.parse(text) as { reason?: string; message?: string };
    reason = body.reason ?? reason;
    message = body.message ?? message;
  } catch {
    // not a Status object: keep the first line of the body
  }
  return new ApiError(status, reason, message || reason, method, path);
}

/** Sends it again once if the server refused the credentials and they are different now. */
async function renewing<T>(endpoint: Endpoint, send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (err) {
    if (err instanceof ApiError && err.status === 401 && (await endpoint.renew())) return send();
    throw err;
  }
}

/** Sends one request and parses the JSON answer. Rejects with ApiError or ConnectionError. */
export function requestJson<T = unknown>(endpoint: Endpoint, opts: RequestOptions): Promise<T> {
  return renewing(endpoint, () => requestOnce<T>(endpoint, opts));
}

async function requestOnce<T>(endpoint: Endpoint, opts: RequestOptions): Promise<T> {
  const method = opts.method ?? 'GET';
  const { req, server } = await open(endpoint, opts);
  const started = Date.now();
  if (verbose) {
    const log = verbose;
    req.on('response', (res) => log(`${method} ${server}${opts.path} ${res.statusCode} in ${Date.now() - started}ms`));
    req.on('error', (err: NodeJS.ErrnoException) => log(`${method} ${server}${opts.path} failed: ${err.code ?? err.message}`));
  }
  return new Promise<T>((resolve, reject) => {
    if (opts.timeoutMs) req.setTimeout(opts.timeoutMs, () => req.destroy(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' })));
    req.on('error', (err: NodeJS.ErrnoException) => reject(err.code === 'EABORTED' ? err : connectionError(err, server)));
    req.on('response', (res) => {
      // Text, not one Buffer.concat of the body: a list page is megabytes, and malloc keeps such
      // blocks after they are freed while the V8 heap gives its pages back.
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('error', (err: NodeJS.ErrnoException) => reject(connectionError(err, server)));
      res.on('end', () => {
        const status = res.statusCode ?? 0;
        if (status < 200 || status >= 300) return reject(apiError(status, text, method, opts.path));
        try {
          resolve((text ? JSON.parse(text) : {}) as T);
        } catch {
          reject(new ApiError(status, 'BadResponse', 'the API server sent a response that is not JSON', method, opts.path));
        }
      });
    });
    if (opts.body !== undefined) {
      const payload = JSON.stringify(opts.body);
      req.setHeader('Content-Type', opts.contentType ?? 'application/json');
      req.setHeader('Content-Length', Buffer.byteLength(payload));
      req.end(payload);
    } else {
      req.end();
    }
  });
}

export interface WatchEvent {
  type: string;
  object: Record<string, any>;
}

/**
 * Streams a watch: calls onEvent per event until the server ends the stream (resolves) or the
 * connection fails (rejects). `idleMs` aborts a stream that delivered nothing for that long, since a
 * half-open connection would otherwise stall silently.
 */
export function watchStream(endpoint: Endpoint, path: string, onEvent: (ev: WatchEvent) => void, signal: AbortSignal, idleMs: number, onOpen: () => void = () => {}): Promise<void> {
  return renewing(endpoint, () => watchOnce(endpoint, path, onEvent, signal, idleMs, onOpen));
}

async function watchOnce(endpoint: Endpoint, path: string, onEvent: (ev: WatchEvent) => void, signal: AbortSignal, idleMs: number, onOpen: () => void): Promise<void> {
  const { req, server } = await open(endpoint, { path, signal });
  if (verbose) {
    const log = verbose;
    log(`WATCH ${server}${path}`);
    req.on('error', (err: NodeJS.ErrnoException) => err.code !== 'EABORTED' && log(`WATCH ${server}${path} failed: ${err.code ?? err.message}`));
  }
  return new Promise<void>((resolve, reject) => {
    let idle: NodeJS.Timeout | undefined;
    const touch = () => {
      clearTimeout(idle);
      idle = setTimeout(() => req.destroy(Object.assign(new Error('watch stalled'), { code: 'ESTALLED' })), idleMs);
    };
    const finish = (err?: Error) => {
      clearTimeout(idle);
      if (err) reject(err);
      else resolve();
    };
    touch();
    req.on('error', (err: NodeJS.ErrnoException) => finish(err.code === 'EABORTED' ? undefined : connectionError(err, server)));
    req.on('response', (res) => {
      const status = res.statusCode ?? 0;
      if (status !== 200) {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => finish(apiError(status, Buffer.concat(chunks).toString('utf8'), 'GET', path)));
        return;
      }
      onOpen();
      let buffered = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        touch();
        buffered += chunk;
        let nl: number;
        while ((nl = buffered.indexOf('\n')) >= 0) {
          const line = buffered.slice(0, nl);
          buffered = buffered.slice(nl + 1);
          if (!line.trim()) continue;
          let ev: WatchEvent;
          try {
            ev = JSON.parse(line) as WatchEvent;
          } catch {
            continue;
          }
          onEvent(ev);
        }
      });
      res.on('error', (err: NodeJS.ErrnoException) => finish(err.code === 'EABORTED' ? undefined : connectionError(err, server)));
      res.on('end', () => finish());
      res.on('close', () => finish());
    });
    req.end();
  });
}

/**
 * Streams a text response (a container log) as raw bytes: calls onData per chunk until the server
 * ends it (resolves) or it fails (rejects with ApiError or ConnectionError). An abort resolves.
 * `idleMs` (optional) aborts a stream that delivered nothing for that long.
 */
export function streamBytes(endpoint: Endpoint, path: string, onData: (chunk: Buffer) => void, signal: AbortSignal, idleMs?: number): Promise<void> {
  return renewing(endpoint, () => streamOnce(endpoint, path, onData, signal, idleMs));
}

async function streamOnce(endpoint: Endpoint, path: string, onData: (chunk: Buffer) => void, signal: AbortSignal, idleMs?: number): Promise<void> {
  const { req, server } = await open(endpoint, { path, signal });
  verbose?.(`GET ${server}${path} (stream)`);
  return new Promise<void>((resolve, reject) => {
    if (idleMs) req.setTimeout(idleMs, () => req.destroy(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' })));
    const fail = (err: NodeJS.ErrnoException) => (err.code === 'EABORTED' ? resolve() : reject(connectionError(err, server)));
    req.on('error', fail);
    req.on('response', (res) => {
      const status = res.statusCode ?? 0;
      if (status < 200 || status >= 300) {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => text.length < 64 * 1024 && (text += c));
        res.on('end', () => reject(apiError(status, text, 'GET', path)));
        return;
      }
      res.on('data', (c: Buffer) => onData(c));
      res.on('error', fail);
      // A connection cut mid-stream is an 'error' here (ECONNRESET), not an 'end': never a complete log.
      res.on('end', () => resolve());
    });
    req.end();
  });
}
