// `kstate get sts|jobs|cj [NAME]`
import { parseSelector } from '../model/selector.js';
import type { KindName, Meta } from '../model/types.js';
import { cronJobViews, jobViews, statefulSetViews } from '../model/views.js';
import { cronJobTable, jobTable, statefulSetTable } from '../output/get.js';
import { printJson } from '../output/json.js';
import type { Args } from './args.js';
import { NotFoundError } from './errors.js';
import { nameFrom, parseKind, type WorkloadKind } from './kinds.js';
import { connectFrom, loadSnapshot } from './session.js';
import { UsageError } from '../kube/config.js';

export const KINDS_FOR: Record<WorkloadKind, KindName[]> = {
  statefulsets: ['statefulsets', 'pods', 'pvcs', 'services'],
  jobs: ['jobs', 'pods'],
  cronjobs: ['cronjobs', 'jobs'],
};

export function checkOutput(args: Args, allowed: readonly string[]): void {
  if (!allowed.includes(args.output)) throw new UsageError(`unknown output format "${args.output}": use ${allowed.join(', ')}`);
}

export async function get(args: Args): Promise<number> {
  const kind = parseKind(args.positional[0]);
  const name = nameFrom(args.positional[0], args.positional.slice(1));
  checkOutput(args, ['table', 'wide', 'json']);
  const selector = args.selector ? parseSelector(args.selector) : () => true;
  const conn = connectFrom(args);
  const snap = await loadSnapshot(conn, KINDS_FOR[kind], [kind]);
  const now = Date.now();
  const filter = (r: Meta) => (name === undefined || r.name === name) && selector(r.labels);
  const views = kind === 'statefulsets' ? statefulSetViews(snap, now, filter) : kind === 'jobs' ? jobViews(snap, now, filter) : cronJobViews(snap, now, filter);
  if (name !== undefined && views.length === 0) throw new NotFoundError(`${kind} "${name}" not found in ${conn.namespace === null ? 'any namespace' : `namespace "${conn.namespace}"`}`);
  if (args.output === 'json') {
    printJson({ kind, namespace: conn.namespace, items: views });
    return 0;
  }
  if (views.length === 0) {
    process.stderr.write(`No ${kind} found in ${conn.namespace === null ? 'any namespace' : `namespace "${conn.namespace}"`}.\n`);
    return 0;
  }
  const opts = { wide: args.output === 'wide', allNamespaces: conn.namespace === null, now };
  const text =
    kind === 'statefulsets'
      ? statefulSetTable(views as ReturnType<typeof statefulSetViews>, opts)
      : kind === 'jobs'
        ? jobTable(views as ReturnType<typeof jobViews>, opts)
        : cronJobTable(views as ReturnType<typeof cronJobViews>, opts);
  process.stdout.write(text);
  return 0;
}
