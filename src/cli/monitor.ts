// `kstate check` and `kstate watch`: read-only monitoring for scripts and alerting.
// Neither sends a mutating request: they only list and watch.
import { UsageError } from '../kube/errors.js';
import { Store } from '../kube/store.js';
import { CHECK_KINDS } from '../model/health.js';
import { DEFAULT_GRACE_MS } from '../model/statefulset.js';
import { stripControls } from '../present/text.js';
import { exporter, parseListenAddress, serveMetrics, writeMetricsFile } from '../monitor/metrics.js';
import { toJson } from '../output/json.js';
import { renderTable } from '../output/table.js';
import type { Args } from './args.js';
import { checkOptions, evaluateCheck, selectorFilter } from './check-eval.js';
import { fleetContexts } from './fleet.js';
import { followTransitions } from './watch-follow.js';
import { connectFrom, loadSnapshot } from './session.js';

export async function runCheck(args: Args): Promise<number> {
  const opts = checkOptions(args);
  const contexts = fleetContexts(args);
  if (contexts) return (await import('./check-fleet.js')).checkFleet(args, opts, contexts);
  const conn = await connectFrom(args);
  const snap = await loadSnapshot(conn, CHECK_KINDS, []);
  const { findings, counts, skipped, failing } = evaluateCheck(snap, Date.now(), opts);
  if (args.output === 'json') {
    process.stdout.write(`${toJson({ ok: !failing, namespace: conn.namespace, counts, findings, skipped })}\n`);
  } else {
    if (findings.length) {
      const all = conn.namespace === null;
      process.stdout.write(renderTable([...(all ? ['NAMESPACE'] : []), 'SEVERITY', 'OBJECT', 'CODE', 'MESSAGE'], findings.map((f) => [...(all ? [f.namespace] : []), f.severity.toUpperCase(), f.object, f.code, f.message])));
    }
    if (skipped.length) process.stdout.write(renderTable(['SKIPPED', 'REASON'], skipped.map((s) => [s.checks.join(', '), s.reason])));
    const partial = skipped.length ? ` — partial: ${skipped.length} kind(s) not visible, their checks skipped` : '';
    process.stdout.write(`${failing ? 'NOT OK' : 'OK'}: ${counts.failure} failure(s), ${counts.warning} warning(s), ${counts.info} info${partial}\n`);
  }
  return failing ? 1 : 0;
}

/** How often the metrics are built again while the cluster changes: a scrape reads the last ones. */
const METRICS_REFRESH_MS = 2_000;

export async function runWatch(args: Args): Promise<number> {
  if (!['table', 'text', 'json'].includes(args.output)) throw new UsageError(`unknown output format "${args.output}": use text or json`);
  const contexts = fleetContexts(args);
  if (contexts) return (await import('./watch-fleet.js')).watchFleet(args, contexts);
  const listen = args.metricsAddr === undefined ? null : parseListenAddress(args.metricsAddr);
  if (typeof listen === 'string') throw new UsageError(listen);
  const metrics = listen !== null || args.metricsFile !== undefined;
  const conn = await connectFrom(args);
  const filter = selectorFilter(args);
  // Transitions are of workloads: no need to watch every PersistentVolume of the cluster — but the
  // metrics count orphaned volumes.
  const store = new Store(conn.endpoint, { namespace: conn.namespace, kinds: metrics ? CHECK_KINDS : CHECK_KINDS.filter((k) => k !== 'pvs'), coalesceMs: 100 });
  const json = args.output === 'json';
  const print = (obj: Record<string, unknown>, text: string) => process.stdout.write(json ? `${JSON.stringify(obj)}\n` : `${new Date(obj.at as number).toISOString()} ${stripControls(text)}\n`);
  store.start();
  const first = await store.whenSettled();
  for (const k of ['statefulsets', 'jobs', 'cronjobs'] as const) {
    if (first.status[k].state !== 'synced') {
      await store.stop();
      throw new UsageError(first.status[k].error ?? `could not list ${k}`);
    }
  }
  const follow = followTransitions(store, first, filter, print);
  const onChange = follow.update;
  const exported = metrics ? exporter(() => store.snapshot(), { graceMs: DEFAULT_GRACE_MS, ...(filter ? { filter } : {}) }) : null;
  exported?.start(METRICS_REFRESH_MS);
  const server = exported && listen ? await serveMetrics(exported, () => store.snapshot(), listen.host, listen.port).catch(async (err: Error) => {
    await store.stop();
    throw new UsageError(err.message);
  }) : null;
  const file = args.metricsFile;
  let writing = false;
  const writeFile = () => {
    if (!exported || !file || writing) return;
    writing = true;
    writeMetricsFile(exported, file).then(
      () => (writing = false),
      (err: Error) => {
        writing = false;
        process.stderr.write(`kstate: cannot write ${file}: ${err.message}\n`);
      },
    );
  };
  if (exported && file) {
    await writeMetricsFile(exported, file).catch(async (err: Error) => {
      server?.close();
      await store.stop();
      throw new UsageError(`cannot write --metrics-file ${file}: ${err.message}`);
    });
  }
  const fileTimer = file ? setInterval(writeFile, 5_000) : null;
  // Countdowns move with the clock: missed runs are noticed even when nothing changes.
  const tick = setInterval(onChange, 15_000);
  return new Promise<number>((resolve) => {
    const stop = () => {
      clearInterval(tick);
      if (fileTimer) clearInterval(fileTimer);
      exported?.stop();
      server?.close();
      follow.stop();
      void store.stop().then(() => resolve(0));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
