// The actions from the command line: `kstate COMMAND KIND NAME [ANSWERS…]`, or `KIND -l SELECTOR |
// --all` for every matching object. Each looks up the kind's action by its subcommand and plans
// with it exactly as the dashboard does; --dry-run prints the requests, --yes skips the question.
import readline from 'node:readline/promises';
import { checkAccess, confirmationLines, planEach, sendEach } from '../kinds/plan.js';
import { KINDS } from '../kinds/registry.js';
import type { ActionPlan, AnyView, KindAction, WorkloadKind } from '../kinds/types.js';
import { Actions } from '../kube/actions.js';
import { readHistory } from '../kube/read.js';
import type { Connection } from '../kube/endpoint.js';
import { UsageError } from '../kube/errors.js';
import { byName, nsKey } from '../model/lookup.js';
import { parseSelector } from '../model/selector.js';
import type { Meta, Snapshot } from '../model/types.js';
import { sorted } from '../model/views.js';
import { linesText } from '../output/describe.js';
import { toJson } from '../output/json.js';
import type { Args } from './args.js';
import { NotFoundError } from './errors.js';
import { fleetContexts } from './fleet.js';
import { nameFrom, parseKind } from './kinds.js';
import { connectFrom, loadSnapshot } from './session.js';

/** The subcommands the kinds' actions define. */
export const ACTION_COMMANDS: readonly string[] = [...new Set(KINDS.flatMap((k) => k.actions.flatMap((a) => (a.cli ? [a.cli.command] : []))))];

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

export function actionFor(command: string, kind: WorkloadKind<AnyView>): KindAction<AnyView> {
  const action = kind.actions.find((a) => a.cli?.command === command);
  if (action) return action;
  const usages = KINDS.flatMap((k) => k.actions.filter((a) => a.cli?.command === command).map((a) => a.cli!.usage));
  throw new UsageError(`kstate ${command} does not apply to ${kind.title}${usages.length ? `: usage: ${usages.join(' | ')}` : ''}`);
}

export async function act(args: Args): Promise<number> {
  const command = args.command!;
  const kind = parseKind(args.positional[0]);
  const action = actionFor(command, kind);
  const contexts = fleetContexts(args);
  if (contexts) return (await import('./act-fleet.js')).actFleet(args, kind, action, contexts);
  const conn = await connectFrom(args);
  if (conn.namespace === null) throw new UsageError(`${command} works in one namespace: use -n NAMESPACE`);
  const actions = new Actions(conn.endpoint, { readOnly: args.readOnly });
  if (args.selector !== undefined || args.all) return everyMatching(args, conn, actions, kind, action);
  const name = nameFrom(args.positional[0], args.positional.slice(1));
  if (!name) throw new UsageError(`usage: ${action.cli!.usage}`);
  const words = args.positional[0]!.includes('/') ? args.positional.slice(1) : args.positional.slice(2);
  const flagged = (action.ask ?? []).some((a) => a.flag);
  const answers = flagged ? (action.ask ?? []).map((a) => (a.flag ? (args[a.flag] ?? '') : (words.shift() ?? ''))) : words;
  const snap = await loadSnapshot(conn, [...new Set([...kind.lists, ...kind.describeLists])], [kind.view]);
  const rec = byName(snap.kinds[kind.view] as ReadonlyMap<string, Meta>).get(nsKey(conn.namespace, name));
  if (!rec) throw new NotFoundError(`${kind.view} "${name}" not found in namespace "${conn.namespace}"`);
  const now = Date.now();
  const v = kind.viewOf(rec, snap, now);
  const done = action.done?.(v);
  if (done) {
    process.stdout.write(`nothing to do: ${kind.short}/${name} is ${done.replace(/^already /, 'already ')}\n`);
    return 0;
  }
  const disabled = action.disabledReason?.(v, snap);
  if (disabled) throw new UsageError(`${action.label}: ${disabled}`);
  const history = action.reads === 'history' ? await readHistory(conn.endpoint, conn.namespace, name) : undefined;
  const plan = action.plan(v, { snapshot: () => snap, now: () => now, ...(history ? { history } : {}) }, answers);
  if ('skip' in plan) throw new UsageError(plan.skip);
  return run(args, actions, plan.list ? await checkAccess(plan, (a) => actions.refusal(a)) : plan);
}

/** The action over every object the selector (or --all) matches, planned as the dashboard plans its marks. */
async function everyMatching(args: Args, conn: Connection, actions: Actions, kind: WorkloadKind<AnyView>, action: KindAction<AnyView>): Promise<number> {
  const command = args.command!;
  if (!action.bulk) throw new UsageError(`usage: kstate ${command} KIND NAME (${command} takes no -l/--all)`);
  // An action that asks one question of every marked object takes its answer after the kind.
  const words = action.bulk.ask ? 2 : 1;
  if (args.positional.length !== words || args.positional[0]!.includes('/')) {
    throw new UsageError(`usage: kstate ${command} KIND -l SELECTOR | --all${action.bulk.ask ? ` VALUE (${action.bulk.ask.replace(/:\s*$/, '')})` : ''} (no name with a selector)`);
  }
  if (args.selector !== undefined && args.all) throw new UsageError('use either -l/--selector or --all, not both');
  let select: (labels: Readonly<Record<string, string>>) => boolean;
  try {
    select = args.selector === undefined ? () => true : parseSelector(args.selector);
  } catch (err) {
    throw new UsageError(`bad selector "${args.selector}": ${err instanceof Error ? err.message : String(err)}`);
  }
  const snap: Snapshot = await loadSnapshot(conn, kind.lists, [kind.view]);
  const now = Date.now();
  const records = sorted(snap.kinds[kind.view] as ReadonlyMap<string, Meta>, (r) => select(r.labels));
  if (!records.length) throw new UsageError(`no ${kind.title} in namespace "${conn.namespace}"${args.selector ? ` match -l ${args.selector}` : ''}: nothing to ${command}`);
  const objects = records.map((r) => {
    const v = kind.viewOf(r, snap, now);
    return { name: `${v.kind.toLowerCase()}/${v.name}`, v };
  });
  const plan = planEach(command, action, objects, { snapshot: () => snap, now: () => now }, action.bulk.ask ? [args.positional[1]!] : []);
  return run(args, actions, await checkAccess(plan, (a) => actions.refusal(a)));
}

/**
 * Prints the plan; then --dry-run prints each request, read-only mode refuses, or one confirmation
 * (a typed name where data goes) sends each target in turn. Exit 1 if any failed or was refused.
 */
async function run(args: Args, actions: Actions, plan: ActionPlan): Promise<number> {
  process.stdout.write(`${linesText(confirmationLines(plan))}\n`);
  const refused = plan.skipped.some((s) => s.refused);
  if (args.dryRun) {
    process.stdout.write('dry run — nothing sent:\n');
    for (const t of plan.targets) {
      const req = await actions.resolve(t.request);
      process.stdout.write(`${req.method} ${req.path}${req.contentType ? ` (Content-Type: ${req.contentType})` : ''}\n${req.body === undefined ? '' : `${toJson(req.body)}\n`}`);
    }
    return refused ? 1 : 0;
  }
  if (args.readOnly) throw new UsageError(`read-only mode: ${plan.summary} was not sent`);
  if (!plan.targets.length) return refused ? 1 : 0;
  const question = plan.list ? `${plan.title}: send ${plan.targets.length} request(s)${plan.skipped.length ? ` (${plan.skipped.length} skipped)` : ''}?` : `${plan.summary}?`;
  if (!(await confirm(args, question, plan.typed?.name))) {
    process.stderr.write('cancelled\n');
    return 1;
  }
  if (!plan.list) {
    const request = plan.targets[0]!.request;
    const made = (await actions.send<{ metadata?: { name?: string } } | undefined>(request))?.metadata?.name;
    // A trigger's Job may have been given another name than planned (one was taken in the same second).
    process.stdout.write(`done: ${made && request.fromCronJob !== undefined ? `create job ${made} from cronjob ${request.fromCronJob}` : request.summary}\n`);
    return 0;
  }
  for (const s of plan.skipped) process.stdout.write(`${s.refused ? 'failed' : 'skipped'}: ${s.name}: ${s.reason}\n`);
  const results = await sendEach(plan, (r) => actions.send(r), (r) => process.stdout.write(r.ok ? `done: ${r.target.summary}\n` : `failed: ${r.target.summary}: ${r.error}\n`));
  return refused || results.some((r) => !r.ok) ? 1 : 0;
}
