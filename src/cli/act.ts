// The actions from the command line: kstate scale|suspend|resume|trigger|restart|expand.
// --dry-run prints the request (and the scale preview) without sending; --yes skips the prompt.
import readline from 'node:readline/promises';
import { planBulk } from '../kinds/bulk.js';
import { previewLines } from '../kinds/statefulsets/detail.js';
import { expansionRequests } from '../kinds/statefulsets/expand.js';
import { Actions } from '../kube/actions.js';
import { UsageError } from '../kube/errors.js';
import { byName, nsKey } from '../model/lookup.js';
import { restartRequest, scaleRequest, suspendRequest, triggerRequest, type ActionRequest } from '../model/requests.js';
import { scalePreviewIn } from '../model/scale.js';
import { statefulSetView } from '../model/statefulset.js';
import type { Snapshot, StatefulSetRec } from '../model/types.js';
import { statefulSetStorage } from '../model/volumes.js';
import { linesText } from '../output/describe.js';
import { toJson } from '../output/json.js';
import type { Args } from './args.js';
import { runPlan } from './bulk.js';
import { NotFoundError } from './errors.js';
import { nameFrom, parseKind } from './kinds.js';
import { connectFrom, loadSnapshot } from './session.js';

/** Asks y/N (or, with `typed`, for that name to be typed: data goes); --yes answers for a script. */
export async function confirm(args: Args, question: string, typed?: string): Promise<boolean> {
  if (args.yes) return true;
  if (!process.stdin.isTTY) throw new UsageError(`${question.replace(/\?$/, '')}: refusing without --yes when not run from a terminal`);
  const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = (await rl.question(typed ? `${question} Type ${typed} to go on: ` : `${question} [y/N] `)).trim();
    return typed ? answer === typed : /^y(es)?$/i.test(answer);
  } finally {
    rl.close();
  }
}

async function perform(args: Args, actions: Actions, request: ActionRequest, question: string, typed?: string): Promise<number> {
  if (args.dryRun) {
    const req = await actions.resolve(request);
    process.stdout.write(`dry run — nothing sent:\n${req.method} ${req.path}\n${req.body === undefined ? '' : `${toJson(req.body)}\n`}`);
    return 0;
  }
  if (!(await confirm(args, question, typed))) {
    process.stderr.write('cancelled\n');
    return 1;
  }
  await actions.send(request);
  process.stdout.write(`done: ${request.summary}\n`);
  return 0;
}

function statefulSetNamed(snap: Snapshot, ns: string, name: string): StatefulSetRec {
  const sts = byName(snap.kinds.statefulsets).get(nsKey(ns, name));
  if (!sts) throw new NotFoundError(`statefulsets "${name}" not found in namespace "${ns}"`);
  return sts;
}

function target(args: Args, allowed: readonly string[], usage: string): { view: string; name: string; rest: string[] } {
  const kind = parseKind(args.positional[0]);
  if (!allowed.includes(kind.view)) throw new UsageError(`usage: ${usage}`);
  const name = nameFrom(args.positional[0], args.positional.slice(1));
  if (!name) throw new UsageError(`usage: ${usage}`);
  const rest = args.positional[0]?.includes('/') ? args.positional.slice(1) : args.positional.slice(2);
  return { view: kind.view, name, rest };
}

export async function act(args: Args): Promise<number> {
  const conn = await connectFrom(args);
  if (conn.namespace === null) throw new UsageError(`${args.command} works in one namespace: use -n NAMESPACE`);
  const ns = conn.namespace;
  const actions = new Actions(conn.endpoint, { readOnly: args.readOnly });
  if (['suspend', 'resume', 'trigger'].includes(args.command ?? '') && (args.selector !== undefined || args.all)) {
    if (args.positional.length !== 1 || args.positional[0]!.includes('/')) throw new UsageError(`usage: kstate ${args.command} KIND -l SELECTOR | --all (no name with a selector)`);
    return (await import('./bulk.js')).bulk(args, conn, actions, parseKind(args.positional[0]), (q) => confirm(args, q));
  }
  switch (args.command) {
    case 'scale': {
      const { name, rest } = target(args, ['statefulsets'], 'kstate scale sts NAME REPLICAS');
      const replicas = Number(rest[0]);
      if (rest[0] === undefined || !/^\d+$/.test(rest[0]) || !Number.isSafeInteger(replicas)) throw new UsageError('usage: kstate scale sts NAME REPLICAS (a whole number ≥ 0)');
      const snap = await loadSnapshot(conn, ['statefulsets', 'pods', 'pvcs', 'services', 'hpas', 'pvs', 'storageclasses'], ['statefulsets']);
      const sts = statefulSetNamed(snap, ns, name);
      const preview = scalePreviewIn(snap, statefulSetView(sts, snap, Date.now()), replicas);
      process.stdout.write(`scale ${preview.from} → ${preview.to}:\n${linesText(previewLines(preview))}\n`);
      const question = `Scale statefulset ${name} from ${preview.from} to ${replicas}${preview.deletesData ? ', deleting the data above' : ''}?`;
      return perform(args, actions, scaleRequest(ns, name, replicas, sts.resourceVersion), question, preview.deletesData ? name : undefined);
    }
    case 'expand': {
      const usage = 'kstate expand sts NAME TEMPLATE SIZE (e.g. data 20Gi)';
      const { name, rest } = target(args, ['statefulsets'], usage);
      const [template, size] = rest;
      if (!template || !size || rest.length > 2) throw new UsageError(`usage: ${usage}`);
      const snap = await loadSnapshot(conn, ['statefulsets', 'pods', 'pvcs', 'pvs', 'storageclasses', 'events'], ['statefulsets', 'pvcs']);
      const storage = statefulSetStorage(statefulSetView(statefulSetNamed(snap, ns, name), snap, Date.now()), snap);
      const r = expansionRequests(ns, storage, template, size);
      if ('error' in r) throw new UsageError(r.error);
      const title = `expand claims of ${template}`;
      const plan = await planBulk(title, r.plans, (p) => p.name, (p) => p.plan, (a) => actions.refusal(a));
      return runPlan(args, actions, { ...plan, notes: r.notes }, title, `Grow ${plan.targets.length} claim(s) of ${name} to ${size}?`, (q) => confirm(args, q));
    }
    case 'suspend':
    case 'resume': {
      const { view, name } = target(args, ['jobs', 'cronjobs'], `kstate ${args.command} cj|job NAME`);
      const req = suspendRequest(view as 'jobs' | 'cronjobs', ns, name, args.command === 'suspend');
      return perform(args, actions, req, `${args.command === 'suspend' ? 'Suspend' : 'Resume'} ${view === 'jobs' ? 'job' : 'cronjob'} ${name}?`);
    }
    case 'restart': {
      const { name } = target(args, ['statefulsets'], 'kstate restart sts NAME');
      return perform(args, actions, restartRequest(ns, name, Date.now()), `Restart every pod of statefulset ${name}, one ordinal at a time?`);
    }
    case 'trigger': {
      const { name } = target(args, ['cronjobs'], 'kstate trigger cj NAME');
      const snap = await loadSnapshot(conn, ['cronjobs', 'jobs'], ['cronjobs']);
      const cj = byName(snap.kinds.cronjobs).get(nsKey(ns, name));
      if (!cj) throw new NotFoundError(`cronjobs "${name}" not found in namespace "${ns}"`);
      if (cj.concurrencyPolicy === 'Forbid' && cj.status.active.length > 0) {
        process.stderr.write(`warning: cronjob ${name} has concurrencyPolicy Forbid and a run is still active (${cj.status.active.map((a) => a.name).join(', ')}); a manual run starts anyway\n`);
      }
      if (args.readOnly) throw new UsageError(`read-only mode: trigger cronjob ${name} was not sent`);
      const req = triggerRequest(ns, name, Date.now());
      return perform(args, actions, req, `Create job ${String((req.body as { metadata: { name: string } }).metadata.name)} from cronjob ${name} now?`);
    }
    default:
      throw new UsageError(`unknown command "${args.command}"`);
  }
}
