// Several contexts at once (--context a,b,c or --all-contexts): which ones, and each one's
// connection and lists made from its own credentials, at most FLEET_CONCURRENCY at a time, each
// given up after its time-out. A context that fails reads unknown with its reason; it never hides
// or holds up the others.
import { connect } from '../kube/credentials.js';
import { kubeconfigContexts } from '../kube/contexts.js';
import type { Connection } from '../kube/endpoint.js';
import { UsageError } from '../kube/errors.js';
import { Store } from '../kube/store.js';
import { parseGoDuration } from '../model/schedule.js';
import type { KindName, Snapshot } from '../model/types.js';
import type { Args } from './args.js';
import { oneLine } from './errors.js';

/** Contexts connecting and listing at the same time (each has a worker thread and its lists). */
export const FLEET_CONCURRENCY = 4;
export const DEFAULT_CONTEXT_TIMEOUT_MS = 10_000;

/** The contexts of a fleet command, in the order given; null for one context (the usual path). */
export function fleetContexts(args: Pick<Args, 'context' | 'allContexts' | 'kubeconfig'>, env: NodeJS.ProcessEnv = process.env): string[] | null {
  if (!args.allContexts && !args.context?.includes(',')) return null;
  const known = kubeconfigContexts({ kubeconfig: args.kubeconfig, env });
  if (args.allContexts) {
    if (known.names.length === 0) throw new UsageError(`no contexts in ${known.source}`);
    return known.names;
  }
  // A context whose own name has a comma is one context.
  if (known.names.includes(args.context!)) return null;
  const names = [...new Set(args.context!.split(',').map((n) => n.trim()))];
  if (names.some((n) => n === '')) throw new UsageError(`--context "${args.context}" has an empty name: use --context a,b,c`);
  const missing = names.filter((n) => !known.names.includes(n));
  if (missing.length) throw new UsageError(`context${missing.length > 1 ? 's' : ''} ${missing.map((n) => `"${n}"`).join(', ')} not found in ${known.source}`);
  return names;
}

export function contextTimeoutMs(args: Pick<Args, 'contextTimeout'>): number {
  if (args.contextTimeout === undefined) return DEFAULT_CONTEXT_TIMEOUT_MS;
  const ms = parseGoDuration(args.contextTimeout);
  if (ms === null || ms <= 0) throw new UsageError(`invalid --context-timeout "${args.contextTimeout}": use a duration like 5s or 1m`);
  return ms;
}

export type Outcome<T> = { context: string; ok: true; value: T } | { context: string; ok: false; reason: string };

class TimedOut extends Error {}

/**
 * `work` for every context, at most `concurrency` at once, each aborted after `timeoutMs`
 * (its reason then says so). `onDone` hears each outcome as soon as it is there; the result keeps
 * the contexts' order.
 */
export async function eachContext<T>(
  names: readonly string[],
  work: (context: string, signal: AbortSignal) => Promise<T>,
  opts: { timeoutMs: number; concurrency?: number; onDone?: (o: Outcome<T>) => void },
): Promise<Outcome<T>[]> {
  const results: Outcome<T>[] = new Array(names.length);
  let next = 0;
  const one = async (context: string): Promise<Outcome<T>> => {
    const abort = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        reject(new TimedOut(`no answer within ${Math.round(opts.timeoutMs / 100) / 10}s`));
        abort.abort(new TimedOut('timed out'));
      }, opts.timeoutMs);
    });
    try {
      return { context, ok: true, value: await Promise.race([work(context, abort.signal), timeout]) };
    } catch (err) {
      return { context, ok: false, reason: err instanceof TimedOut ? err.message : oneLine(err) };
    } finally {
      clearTimeout(timer);
    }
  };
  const lane = async () => {
    while (next < names.length) {
      const i = next++;
      results[i] = await one(names[i]!);
      opts.onDone?.(results[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(opts.concurrency ?? FLEET_CONCURRENCY, names.length) }, lane));
  return results;
}

/** One context's connection, from its own user in the kubeconfig (never another context's). */
export function connectContext(args: Pick<Args, 'kubeconfig' | 'namespace' | 'allNamespaces'>, context: string, signal?: AbortSignal): Promise<Connection> {
  return connect({ kubeconfig: args.kubeconfig, context, namespace: args.namespace, allNamespaces: args.allNamespaces }, signal);
}

/** Lists `kinds` once; the store stops when they are in or when `signal` gives up on them. */
export async function listOnce(conn: Connection, kinds: readonly KindName[], signal: AbortSignal): Promise<Snapshot> {
  const store = new Store(conn.endpoint, { namespace: conn.namespace, kinds, coalesceMs: 0 });
  store.start();
  const aborted = new Promise<never>((_, reject) => {
    if (signal.aborted) reject(signal.reason);
    signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
  try {
    return await Promise.race([store.whenSettled(), aborted]);
  } finally {
    await store.stop();
  }
}

export interface Listed {
  conn: Connection;
  snap: Snapshot;
}

/** Every context's connection and one snapshot of `kinds`. */
export function listContexts(args: Args, names: readonly string[], kinds: readonly KindName[], onDone?: (o: Outcome<Listed>) => void): Promise<Outcome<Listed>[]> {
  return eachContext(
    names,
    async (context, signal) => {
      const conn = await connectContext(args, context, signal);
      return { conn, snap: await listOnce(conn, kinds, signal) };
    },
    { timeoutMs: contextTimeoutMs(args), ...(onDone ? { onDone } : {}) },
  );
}
