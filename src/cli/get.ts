// `kstate get sts|jobs|cj [NAME]`
import { listColumns } from '../kinds/columns.js';
import { UsageError } from '../kube/errors.js';
import { sorted } from '../model/views.js';
import { parseSelector } from '../model/selector.js';
import type { Meta } from '../model/types.js';
import { listTable } from '../output/get.js';
import { printJson } from '../output/json.js';
import { PARTIAL_EXIT, unknownInFields, unknownLine } from '../output/unknown.js';
import { stripControls } from '../present/text.js';
import type { Args } from './args.js';
import { NotFoundError } from './errors.js';
import { nameFrom, parseKind } from './kinds.js';
import { fleetContexts } from './fleet.js';
import { connectFrom, loadSnapshot } from './session.js';

export function checkOutput(args: Args, allowed: readonly string[]): void {
  if (!allowed.includes(args.output)) throw new UsageError(`unknown output format "${args.output}": use ${allowed.join(', ')}`);
}

export async function get(args: Args): Promise<number> {
  const kind = parseKind(args.positional[0]);
  const name = nameFrom(args.positional[0], args.positional.slice(1));
  checkOutput(args, ['table', 'wide', 'json']);
  const selector = args.selector ? parseSelector(args.selector) : () => true;
  const contexts = fleetContexts(args);
  if (contexts) return (await import('./get-fleet.js')).getFleet(args, kind, name, selector, contexts);
  const conn = await connectFrom(args);
  const snap = await loadSnapshot(conn, kind.lists, [kind.view]);
  const now = Date.now();
  const where = conn.namespace === null ? 'any namespace' : `namespace "${conn.namespace}"`;
  const records = sorted(snap.kinds[kind.view] as ReadonlyMap<string, Meta>, (r) => (name === undefined || r.name === name) && selector(r.labels));
  const views = records.map((r) => kind.viewOf(r, snap, now));
  if (name !== undefined && views.length === 0) throw new NotFoundError(`${kind.view} "${name}" not found in ${where}`);
  if (args.output === 'json') {
    printJson({ kind: kind.view, namespace: conn.namespace, items: views });
    return unknownInFields(views).length ? PARTIAL_EXIT : 0;
  }
  if (views.length === 0) {
    process.stderr.write(`No ${kind.view} found in ${where}.\n`);
    return 0;
  }
  const table = listTable(listColumns(kind, { allNamespaces: conn.namespace === null, wide: args.output === 'wide' }), views, now);
  process.stdout.write(table.text);
  if (table.unknown.length === 0) return 0;
  process.stderr.write(`kstate: ${stripControls(unknownLine(table.unknown))}\n`);
  return PARTIAL_EXIT;
}
