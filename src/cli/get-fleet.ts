// `kstate get KIND --context a,b | --all-contexts`: one list of every context's objects, each under
// its CONTEXT; a context that cannot be read is listed as unknown with its reason.
import { listColumns, type InContext } from '../kinds/columns.js';
import type { AnyView, WorkloadKind } from '../kinds/types.js';
import { contextProblem } from '../model/fleet.js';
import { sorted } from '../model/views.js';
import type { Meta } from '../model/types.js';
import { unknownContextsLine, unknownContextsTable, type ContextState } from '../output/fleet.js';
import { listTable } from '../output/get.js';
import { printJson } from '../output/json.js';
import { PARTIAL_EXIT, unknownInFields, unknownLine } from '../output/unknown.js';
import { stripControls } from '../present/text.js';
import type { Args } from './args.js';
import { NotFoundError } from './errors.js';
import { listContexts } from './fleet.js';

export async function getFleet(args: Args, kind: WorkloadKind<AnyView>, name: string | undefined, selector: (labels: Record<string, string>) => boolean, contexts: readonly string[]): Promise<number> {
  const outcomes = await listContexts(args, contexts, kind.lists);
  const now = Date.now();
  const states: ContextState[] = [];
  const views: InContext<AnyView>[] = [];
  for (const o of outcomes) {
    if (!o.ok) {
      states.push({ context: o.context, state: 'unknown', reason: o.reason });
      continue;
    }
    const { conn, snap } = o.value;
    const problem = contextProblem(snap, [kind.view]);
    states.push(problem === null ? { context: o.context, namespace: conn.namespace, state: 'ok' } : { context: o.context, namespace: conn.namespace, state: 'unknown', reason: problem });
    if (problem !== null) continue;
    const records = sorted(snap.kinds[kind.view] as ReadonlyMap<string, Meta>, (r) => (name === undefined || r.name === name) && selector(r.labels));
    for (const r of records) views.push({ ...kind.viewOf(r, snap, now), context: o.context });
  }
  const unknownContexts = states.filter((s) => s.state === 'unknown');
  const anyNamespace = states.some((s) => s.namespace === null);
  if (name !== undefined && views.length === 0 && unknownContexts.length === 0) throw new NotFoundError(`${kind.view} "${name}" not found in contexts ${contexts.join(', ')}`);
  const table = listTable(listColumns(kind, { contexts: true, allNamespaces: anyNamespace, wide: args.output === 'wide' }), views, now);
  if (args.output === 'json') {
    printJson({ kind: kind.view, contexts: states, items: views });
  } else {
    if (views.length) process.stdout.write(table.text);
    else process.stderr.write(`No ${kind.view} found in ${states.filter((s) => s.state === 'ok').map((s) => s.context).join(', ') || 'any context'}.\n`);
    const unknownTable = unknownContextsTable(states);
    if (unknownTable) process.stdout.write(`${views.length ? '\n' : ''}${unknownTable}`);
  }
  const line = unknownContextsLine(states);
  if (line) process.stderr.write(`kstate: ${stripControls(line)}\n`);
  const cells = args.output === 'json' ? unknownInFields(views) : table.unknown;
  if (cells.length && args.output !== 'json') process.stderr.write(`kstate: ${stripControls(unknownLine(cells))}\n`);
  // Nothing could be read anywhere: as for one context that cannot be reached.
  if (unknownContexts.length === states.length) return 2;
  return unknownContexts.length || cells.length ? PARTIAL_EXIT : 0;
}
