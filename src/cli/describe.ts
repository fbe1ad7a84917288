// `kstate describe sts|job|cj NAME`
import { UsageError } from '../kube/config.js';
import { cronJobView } from '../model/cronjob.js';
import { relatedEvents } from '../model/events.js';
import { jobView } from '../model/job.js';
import { byName, nsKey } from '../model/lookup.js';
import { scalePreview } from '../model/scale.js';
import { statefulSetView } from '../model/statefulset.js';
import type { KindName } from '../model/types.js';
import { describeCronJob, describeJob, describeStatefulSet } from '../output/describe.js';
import { printJson } from '../output/json.js';
import type { Args } from './args.js';
import { NotFoundError } from './errors.js';
import { checkOutput, KINDS_FOR } from './get.js';
import { nameFrom, parseKind } from './kinds.js';
import { connectFrom, loadSnapshot } from './session.js';

export async function describe(args: Args): Promise<number> {
  const kind = parseKind(args.positional[0]);
  const name = nameFrom(args.positional[0], args.positional.slice(1));
  if (!name) throw new UsageError(`describe needs a name: kstate describe ${args.positional[0] ?? 'sts'} NAME`);
  checkOutput(args, ['table', 'json']);
  const conn = connectFrom(args);
  if (conn.namespace === null) throw new UsageError('describe works in one namespace: use -n NAMESPACE instead of -A');
  const extra: KindName[] = kind === 'statefulsets' ? ['hpas', 'events'] : kind === 'cronjobs' ? ['events', 'pods'] : ['events'];
  const snap = await loadSnapshot(conn, [...KINDS_FOR[kind], ...extra], [kind]);
  const now = Date.now();
  const key = nsKey(conn.namespace, name);
  const notFound = () => new NotFoundError(`${kind} "${name}" not found in namespace "${conn.namespace}"`);
  if (kind === 'statefulsets') {
    const sts = byName(snap.kinds.statefulsets).get(key);
    if (!sts) throw notFound();
    const view = statefulSetView(sts, snap, now);
    const hpas = [...snap.kinds.hpas.values()];
    const previews = [view.replicas + 1, view.replicas - 1].filter((n) => n >= 0).map((n) => scalePreview(view, n, hpas));
    if (args.output === 'json') printJson({ ...view, scalePreviews: previews });
    else process.stdout.write(describeStatefulSet(view, previews, relatedEvents(snap, view), now));
  } else if (kind === 'jobs') {
    const job = byName(snap.kinds.jobs).get(key);
    if (!job) throw notFound();
    const view = jobView(job, snap, now);
    if (args.output === 'json') printJson(view);
    else process.stdout.write(describeJob(view, relatedEvents(snap, view), now));
  } else {
    const cj = byName(snap.kinds.cronjobs).get(key);
    if (!cj) throw notFound();
    const view = cronJobView(cj, snap, now);
    if (args.output === 'json') printJson(view);
    else process.stdout.write(describeCronJob(view, relatedEvents(snap, view), now));
  }
  return 0;
}
