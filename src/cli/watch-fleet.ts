// `kstate watch --context a,b | --all-contexts`: every context watched on its own, each line under
// its context. A context prints as soon as it is in, whatever the others do; one that cannot be
// reached, refuses the credentials or is forbidden a workload kind prints "unknown" with its reason
// (once it answers nothing within the time-out, or as soon as it fails) and is tried again — its
// store backs off on its own, its credentials are made again every RECONNECT_MS. Exits (on
// SIGINT/SIGTERM) with 2 when a context is unknown by then, else 0.
import { UsageError } from '../kube/errors.js';
import type { Connection } from '../kube/endpoint.js';
import { Store } from '../kube/store.js';
import { contextProblem } from '../model/fleet.js';
import { CHECK_KINDS } from '../model/health.js';
import { stripControls } from '../present/text.js';
import type { Args } from './args.js';
import { selectorFilter } from './check-eval.js';
import { connectContext, contextTimeoutMs, eachContext } from './fleet.js';
import { followTransitions, type Print } from './watch-follow.js';

const RECONNECT_MS = 30_000;
const WORKLOADS = ['statefulsets', 'jobs', 'cronjobs'] as const;

export async function watchFleet(args: Args, contexts: readonly string[]): Promise<number> {
  if (!['table', 'text', 'json'].includes(args.output)) throw new UsageError(`unknown output format "${args.output}": use text or json`);
  if (args.metricsAddr !== undefined || args.metricsFile !== undefined) {
    throw new UsageError('--metrics-addr and --metrics-file export one context: run one `kstate watch` per cluster (or the in-cluster monitoring, deploy/)');
  }
  const filter = selectorFilter(args);
  const timeoutMs = contextTimeoutMs(args);
  const json = args.output === 'json';
  const printer = (context: string): Print => (obj, text) =>
    process.stdout.write(json ? `${JSON.stringify({ context, ...obj })}\n` : `${new Date(obj.at as number).toISOString()} [${stripControls(context)}] ${stripControls(text)}\n`);
  const unknown = new Map<string, string>();
  const stops: (() => Promise<void>)[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let stopping = false;
  const markUnknown = (context: string, reason: string) => {
    if (unknown.get(context) === reason) return;
    unknown.set(context, reason);
    printer(context)({ at: Date.now(), kind: 'context', event: 'unknown', reason }, `unknown: ${reason} (trying again)`);
  };

  const follow = (context: string, conn: Connection) => {
    const print = printer(context);
    const store = new Store(conn.endpoint, { namespace: conn.namespace, kinds: CHECK_KINDS.filter((k) => k !== 'pvs'), coalesceMs: 100 });
    let following: ReturnType<typeof followTransitions> | null = null;
    const noAnswer = setTimeout(() => following === null && markUnknown(context, `no answer within ${timeoutMs / 1000}s`), timeoutMs);
    const tick = setInterval(() => following?.update(), 15_000);
    // Until every workload kind is listed; then transitions from that state on.
    const waiting = () => {
      if (following) return;
      const snap = store.snapshot();
      const settled = WORKLOADS.every((k) => snap.status[k].state !== 'syncing');
      const problem = contextProblem(snap, WORKLOADS);
      if (problem === null) {
        clearTimeout(noAnswer);
        store.off('change', waiting);
        unknown.delete(context);
        const count = (k: (typeof WORKLOADS)[number]) => snap.kinds[k].size;
        print({ at: Date.now(), kind: 'context', event: 'watching', namespace: conn.namespace }, `watching ${count('statefulsets')} StatefulSet(s), ${count('jobs')} Job(s), ${count('cronjobs')} CronJob(s)`);
        following = followTransitions(store, snap, filter, print);
      } else if (settled) {
        markUnknown(context, problem);
      }
    };
    store.on('change', waiting);
    store.start();
    stops.push(async () => {
      clearTimeout(noAnswer);
      clearInterval(tick);
      following?.stop();
      store.off('change', waiting);
      await store.stop();
    });
  };

  const retry = (context: string) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (stopping) return;
      void eachContext([context], (c, signal) => connectContext(args, c, signal), { timeoutMs }).then(([o]) => (o!.ok ? follow(context, o!.value) : (markUnknown(context, o!.reason), retry(context))));
    }, RECONNECT_MS);
    timers.add(timer);
  };

  const connecting = eachContext(contexts, (c, signal) => connectContext(args, c, signal), {
    timeoutMs,
    onDone: (o) => {
      if (stopping) return;
      if (o.ok) follow(o.context, o.value);
      else {
        markUnknown(o.context, o.reason);
        retry(o.context);
      }
    },
  });
  return new Promise<number>((resolve) => {
    const stop = () => {
      stopping = true;
      for (const t of timers) clearTimeout(t);
      void connecting
        .then(() => Promise.all(stops.map((s) => s())))
        .then(() => resolve(unknown.size > 0 ? 2 : 0));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
