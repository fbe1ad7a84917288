// `kstate suspend|resume|trigger|restart|rerun KIND NAME | -l SELECTOR | --all --context a,b`: the
// action planned in each context from its own lists, its access asked of that context's server with
// its own credentials, one confirmation listing every target under its context, and each request
// sent by that context's own writer. A context that cannot be read says why and sends nothing.
import { acrossContexts, checkAccess, confirmationLines, planEach, sendEach } from '../kinds/plan.js';
import type { ActionPlan, AnyView, KindAction, Target, WorkloadKind } from '../kinds/types.js';
import { Actions } from '../kube/actions.js';
import { UsageError } from '../kube/errors.js';
import { contextProblem } from '../model/fleet.js';
import { parseSelector } from '../model/selector.js';
import type { Meta } from '../model/types.js';
import { sorted } from '../model/views.js';
import { linesText } from '../output/describe.js';
import { toJson } from '../output/json.js';
import { stripControls } from '../present/text.js';
import type { Args } from './args.js';
import { confirm } from './act.js';
import { listContexts } from './fleet.js';
import { nameFrom } from './kinds.js';

interface Planned {
  context: string;
  actions: Actions;
  plan: ActionPlan;
}

function matcher(args: Args, command: string): (r: Meta) => boolean {
  if (args.selector !== undefined && args.all) throw new UsageError('use either -l/--selector or --all, not both');
  if (args.selector !== undefined || args.all) {
    if (args.positional.length !== 1 || args.positional[0]!.includes('/')) throw new UsageError(`usage: kstate ${command} KIND -l SELECTOR | --all (no name with a selector)`);
    try {
      const select = args.selector === undefined ? () => true : parseSelector(args.selector);
      return (r) => select(r.labels);
    } catch (err) {
      throw new UsageError(`bad selector "${args.selector}": ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  const name = nameFrom(args.positional[0], args.positional.slice(1));
  const extra = args.positional.slice(args.positional[0]!.includes('/') ? 1 : 2);
  if (!name || extra.length) throw new UsageError(`usage: kstate ${command} KIND NAME | -l SELECTOR | --all --context a,b`);
  return (r) => r.name === name;
}

export async function actFleet(args: Args, kind: WorkloadKind<AnyView>, action: KindAction<AnyView>, contexts: readonly string[]): Promise<number> {
  const command = args.command!;
  if (!action.bulk || action.bulk.ask) throw new UsageError(`kstate ${command} takes one context: run it once per context`);
  const match = matcher(args, command);
  const outcomes = await listContexts(args, contexts, kind.lists);
  const now = Date.now();
  const planned: Planned[] = [];
  const unknown: { context: string; reason: string }[] = [];
  for (const o of outcomes) {
    if (!o.ok) {
      unknown.push({ context: o.context, reason: o.reason });
      continue;
    }
    const { conn, snap } = o.value;
    if (conn.namespace === null) throw new UsageError(`${command} works in one namespace: use -n NAMESPACE`);
    const problem = contextProblem(snap, [kind.view]);
    if (problem) {
      unknown.push({ context: o.context, reason: problem });
      continue;
    }
    const objects = sorted(snap.kinds[kind.view] as ReadonlyMap<string, Meta>, match).map((r) => {
      const v = kind.viewOf(r, snap, now);
      return { name: `${v.kind.toLowerCase()}/${v.name}`, v };
    });
    if (!objects.length) continue;
    const actions = new Actions(conn.endpoint, { readOnly: args.readOnly });
    const plan = planEach(command, action, objects, { snapshot: () => snap, now: () => now }, []);
    planned.push({ context: o.context, actions, plan: await checkAccess(plan, (a) => actions.refusal(a)) });
  }
  for (const u of unknown) process.stderr.write(`kstate: ${stripControls(`context ${u.context} unknown (${u.reason}): nothing sent there`)}\n`);
  if (!planned.length) throw new UsageError(`no ${kind.title} to ${command} in ${contexts.filter((c) => !unknown.some((u) => u.context === c)).join(', ') || 'any context'}`);
  const plan = acrossContexts(command, planned);
  const writers = new Map(planned.map((p) => [p.context, p.actions]));
  const writer = (t: Target) => writers.get(t.context!)!;
  process.stdout.write(`${linesText(confirmationLines(plan))}\n`);
  const refused = plan.skipped.some((s) => s.refused) || unknown.length > 0;
  const tag = (x: { context?: string }) => `[${stripControls(x.context!)}]`;
  if (args.dryRun) {
    process.stdout.write('dry run — nothing sent:\n');
    for (const t of plan.targets) {
      const req = await writer(t).resolve(t.request);
      process.stdout.write(`${tag(t)} ${req.method} ${req.path}\n${req.body === undefined ? '' : `${toJson(req.body)}\n`}`);
    }
    return refused ? 1 : 0;
  }
  if (args.readOnly) throw new UsageError(`read-only mode: ${command} in ${planned.map((p) => p.context).join(', ')} was not sent`);
  if (!plan.targets.length) return refused ? 1 : 0;
  const where = new Set(plan.targets.map((t) => t.context)).size;
  if (!(await confirm(args, `${action.label}: send ${plan.targets.length} request(s) in ${where} context(s)?`))) {
    process.stderr.write('cancelled\n');
    return 1;
  }
  for (const s of plan.skipped) process.stdout.write(`${tag(s)} ${s.refused ? 'failed' : 'skipped'}: ${s.name}: ${s.reason}\n`);
  const results = await sendEach(plan, (r, t) => writer(t).send(r), (r) => process.stdout.write(r.ok ? `${tag(r.target)} done: ${r.target.summary}\n` : `${tag(r.target)} failed: ${r.target.summary}: ${r.error}\n`));
  return refused || results.some((r) => !r.ok) ? 1 : 0;
}
