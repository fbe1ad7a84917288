// `kstate logs sts/NAME | job/NAME | cj/NAME [--last | --failed] [-f] [-c CONTAINER] [-p]`: the
// same pods and rules as the dashboard's `l` — a StatefulSet's ordinals merged and prefixed, a
// CronJob's chosen run. To a terminal each line goes through stripControls; into a pipe or a file
// the bytes go as the container wrote them (as kubectl logs). A failed stream is one line on stderr.
import { UsageError } from '../kube/errors.js';
import { streamLogs } from '../kube/logs.js';
import { byName, nsKey } from '../model/lookup.js';
import { logPlan } from '../model/logs.js';
import type { KindName, Meta } from '../model/types.js';
import { logLineText, logPrefix } from '../present/logs.js';
import { stripControls } from '../present/text.js';
import type { Args } from './args.js';
import { NotFoundError } from './errors.js';
import { nameFrom, parseKind } from './kinds.js';
import { connectFrom, loadSnapshot } from './session.js';

function tailOf(args: Args): number | undefined {
  if (args.tail === undefined) return undefined;
  if (!/^\d+$/.test(args.tail)) throw new UsageError(`--tail needs a number of lines, not "${args.tail}"`);
  return Number(args.tail);
}

export async function logs(args: Args): Promise<number> {
  const kind = parseKind(args.positional[0]);
  const name = nameFrom(args.positional[0], args.positional.slice(1));
  if (!name) throw new UsageError(`logs needs a name: kstate logs ${kind.short}/NAME`);
  if (args.last && args.failed) throw new UsageError('use either --last or --failed, not both');
  if ((args.last || args.failed) && kind.view !== 'cronjobs') throw new UsageError("--last and --failed choose a CronJob's run: use them with cj/NAME");
  if (args.follow && args.previous) throw new UsageError('--previous reads a terminated container, which cannot be followed: drop -f');
  const tailLines = tailOf(args);
  const conn = await connectFrom(args);
  if (conn.namespace === null) throw new UsageError('logs works in one namespace: use -n NAMESPACE instead of -A');
  // Scheduled runs are Jobs: without them a CronJob's pods cannot be found.
  const required: KindName[] = [kind.view, 'pods', ...(kind.runs ? (['jobs'] as const) : [])];
  const snap = await loadSnapshot(conn, [...new Set<KindName>([...kind.lists, 'pods'])], required);
  const rec = byName(snap.kinds[kind.view] as ReadonlyMap<string, Meta>).get(nsKey(conn.namespace, name));
  if (!rec) throw new NotFoundError(`${kind.view} "${name}" not found in namespace "${conn.namespace}"`);
  const found = kind.logPods(kind.viewOf(rec, snap, Date.now()), snap, args.failed ? 'failed' : 'last');
  if ('problem' in found) throw new NotFoundError(found.problem);

  const plan = logPlan(found.pods, { ...(args.container ? { container: args.container } : {}), previous: args.previous, follow: args.follow });
  let failures = plan.problems.length;
  const complain = (l: { label: string | null; text: string }) => process.stderr.write(`kstate: ${stripControls(logPrefix({ ...l, time: null }, false) + l.text)}\n`);
  plan.problems.forEach(complain);
  if (plan.targets.length > 0) {
    await new Promise<void>((resolve) => {
      const streams = streamLogs(
        conn.endpoint,
        plan.targets,
        { ...(tailLines === undefined ? {} : { tailLines }), bytes: !process.stdout.isTTY },
        (line) => {
          if (line.error) {
            failures++;
            complain(line);
          } else if (line.bytes) {
            // Into a pipe or a file: the container's bytes as they are, as kubectl logs writes them.
            if (!line.continued) process.stdout.write(logPrefix(line, args.timestamps));
            process.stdout.write(line.bytes);
            if (line.newline) process.stdout.write('\n');
          } else {
            process.stdout.write(`${stripControls(logLineText(line, args.timestamps))}\n`);
          }
        },
        resolve,
      );
      const interrupt = () => {
        streams.stop();
        resolve();
      };
      process.once('SIGINT', interrupt);
      process.once('SIGTERM', interrupt);
    });
  }
  // 0: every log read; 1: some failed (each said why); 2: none could be read.
  return failures === 0 ? 0 : failures < plan.targets.length + plan.problems.length ? 1 : 2;
}
