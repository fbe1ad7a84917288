// kstate suspend|resume|trigger KIND -l SELECTOR (or --all): every matching object, with the same
// plan, preview and per-object read-only/RBAC check as the dashboard's marks; one confirmation,
// --yes for scripts, --dry-run prints every request. One result line per object; exit 1 if any failed.
import { bulkLines, planBulk, sendEach } from '../kinds/bulk.js';
import type { AnyView, BulkConfirmation, WorkloadKind } from '../kinds/types.js';
import type { Actions } from '../kube/actions.js';
import type { Connection } from '../kube/endpoint.js';
import { UsageError } from '../kube/errors.js';
import { parseSelector } from '../model/selector.js';
import type { Meta } from '../model/types.js';
import { sorted } from '../model/views.js';
import { linesText } from '../output/describe.js';
import { toJson } from '../output/json.js';
import type { Args } from './args.js';
import { loadSnapshot } from './session.js';

const BINDING: Record<string, string> = { suspend: 'suspend', resume: 'resume', trigger: 'cj.trigger' };

export async function bulk(args: Args, conn: Connection, actions: Actions, kind: WorkloadKind<AnyView>, confirm: (question: string) => Promise<boolean>): Promise<number> {
  const command = args.command!;
  const binding = kind.bindings.find((b) => b.id === BINDING[command]);
  if (!binding?.bulk) throw new UsageError(`kstate ${command} does not apply to ${kind.title}`);
  if (args.selector !== undefined && args.all) throw new UsageError('use either -l/--selector or --all, not both');
  let select: (labels: Readonly<Record<string, string>>) => boolean;
  try {
    select = args.selector === undefined ? () => true : parseSelector(args.selector);
  } catch (err) {
    throw new UsageError(`bad selector "${args.selector}": ${err instanceof Error ? err.message : String(err)}`);
  }
  const snap = await loadSnapshot(conn, kind.lists, [kind.view]);
  const now = Date.now();
  const records = sorted(snap.kinds[kind.view] as ReadonlyMap<string, Meta>, (r) => select(r.labels));
  const where = conn.namespace === null ? 'any namespace' : `namespace "${conn.namespace}"`;
  if (!records.length) throw new UsageError(`no ${kind.title} in ${where}${args.selector ? ` match -l ${args.selector}` : ''}: nothing to ${command}`);
  const at = { snapshot: () => snap, now: () => now };
  const plan = await planBulk(
    command,
    records.map((r) => kind.viewOf(r, snap, now)),
    (v) => `${kind.short}/${conn.namespace === null ? `${v.namespace}/` : ''}${v.name}`,
    (v) => binding.bulk!.plan(v, at, ''),
    (a) => actions.refusal(a),
  );
  const question = `${command[0]!.toUpperCase()}${command.slice(1)} ${plan.targets.length} object(s)${plan.skipped.length ? ` (${plan.skipped.length} skipped)` : ''}?`;
  return runPlan(args, actions, plan, `${command} of ${plan.targets.length + plan.skipped.filter((s) => s.refused).length} object(s)`, question, confirm);
}

/**
 * Prints a plan of several requests; then --dry-run prints each, read-only mode refuses, or one
 * confirmation sends each target in turn, one result line each. Exit 1 if any failed or was refused.
 */
export async function runPlan(args: Args, actions: Actions, plan: BulkConfirmation, what: string, question: string, confirm: (question: string) => Promise<boolean>): Promise<number> {
  process.stdout.write(`${linesText(bulkLines(plan))}\n`);
  const refused = plan.skipped.filter((s) => s.refused).length;
  if (args.dryRun) {
    process.stdout.write('dry run — nothing sent:\n');
    for (const t of plan.targets) {
      const req = await actions.resolve(t.request);
      process.stdout.write(`${req.method} ${req.path}\n${req.body === undefined ? '' : `${toJson(req.body)}\n`}`);
    }
    return refused ? 1 : 0;
  }
  if (args.readOnly) throw new UsageError(`read-only mode: ${what} was not sent`);
  if (!plan.targets.length) return refused ? 1 : 0;
  if (!(await confirm(question))) {
    process.stderr.write('cancelled\n');
    return 1;
  }
  for (const s of plan.skipped) process.stdout.write(`${s.refused ? 'failed' : 'skipped'}: ${s.name}: ${s.reason}\n`);
  const results = await sendEach(plan, (t) => actions.send(t.request), (r) => process.stdout.write(r.ok ? `done: ${r.summary}\n` : `failed: ${r.summary}: ${r.error}\n`));
  return refused || results.some((r) => !r.ok) ? 1 : 0;
}
