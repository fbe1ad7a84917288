// `kstate describe sts|job|cj NAME`
import { UsageError } from '../kube/errors.js';
import { relatedEvents } from '../model/events.js';
import { byName, nsKey } from '../model/lookup.js';
import type { Meta } from '../model/types.js';
import { describeText } from '../output/describe.js';
import { printJson } from '../output/json.js';
import { PARTIAL_EXIT, unknownInFields } from '../output/unknown.js';
import { unknownReason } from '../model/visibility.js';
import type { Args } from './args.js';
import { NotFoundError } from './errors.js';
import { checkOutput } from './get.js';
import { nameFrom, parseKind } from './kinds.js';
import { fleetContexts } from './fleet.js';
import { connectFrom, loadSnapshot } from './session.js';

export async function describe(args: Args): Promise<number> {
  const kind = parseKind(args.positional[0]);
  const name = nameFrom(args.positional[0], args.positional.slice(1));
  if (!name) throw new UsageError(`describe needs a name: kstate describe ${args.positional[0] ?? 'sts'} NAME`);
  checkOutput(args, ['table', 'json']);
  if (args.allNamespaces) throw new UsageError('describe works in one namespace: use -n NAMESPACE instead of -A');
  const contexts = fleetContexts(args);
  if (contexts) return (await import('./describe-fleet.js')).describeFleet(args, kind, name, contexts);
  const conn = await connectFrom(args);
  if (conn.namespace === null) throw new UsageError('describe works in one namespace: use -n NAMESPACE instead of -A');
  const snap = await loadSnapshot(conn, [...kind.lists, ...kind.describeLists], [kind.view]);
  const now = Date.now();
  const rec = byName(snap.kinds[kind.view] as ReadonlyMap<string, Meta>).get(nsKey(conn.namespace, name));
  if (!rec) throw new NotFoundError(`${kind.view} "${name}" not found in namespace "${conn.namespace}"`);
  const view = kind.viewOf(rec, snap, now);
  const extra = kind.describeExtra?.(view, snap);
  // The reasons are printed in place ("unknown — forbidden: …"); the exit code says some were.
  const json = { ...view, ...extra?.json };
  if (args.output === 'json') printJson(json);
  else process.stdout.write(describeText([...kind.detail(view, relatedEvents(snap, kind.parts(view)), snap, now), ...(extra?.sections ?? [])]));
  const partial = unknownInFields(json).length > 0 || (args.output !== 'json' && unknownReason(snap, 'events') !== null);
  return partial ? PARTIAL_EXIT : 0;
}
