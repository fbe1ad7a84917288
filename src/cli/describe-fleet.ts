// `kstate describe KIND NAME --context a,b | --all-contexts`: the object in each context that has
// it, one after the other under its context's name; a context that cannot be read says why.
import type { AnyView, WorkloadKind } from '../kinds/types.js';
import { relatedEvents } from '../model/events.js';
import { contextProblem } from '../model/fleet.js';
import { byName, nsKey } from '../model/lookup.js';
import type { Meta } from '../model/types.js';
import { unknownReason } from '../model/visibility.js';
import { describeText } from '../output/describe.js';
import { unknownContextsLine, type ContextState } from '../output/fleet.js';
import { printJson } from '../output/json.js';
import { PARTIAL_EXIT, unknownInFields } from '../output/unknown.js';
import { stripControls } from '../present/text.js';
import type { Args } from './args.js';
import { NotFoundError } from './errors.js';
import { listContexts } from './fleet.js';

export async function describeFleet(args: Args, kind: WorkloadKind<AnyView>, name: string, contexts: readonly string[]): Promise<number> {
  const outcomes = await listContexts(args, contexts, [...kind.lists, ...kind.describeLists]);
  const now = Date.now();
  const states: ContextState[] = [];
  const found: { context: string; json: Record<string, unknown>; text: string; partial: boolean }[] = [];
  for (const o of outcomes) {
    if (!o.ok) {
      states.push({ context: o.context, state: 'unknown', reason: o.reason });
      continue;
    }
    const { conn, snap } = o.value;
    const problem = contextProblem(snap, [kind.view]);
    states.push(problem === null ? { context: o.context, namespace: conn.namespace, state: 'ok' } : { context: o.context, namespace: conn.namespace, state: 'unknown', reason: problem });
    if (problem !== null) continue;
    const rec = byName(snap.kinds[kind.view] as ReadonlyMap<string, Meta>).get(nsKey(conn.namespace!, name));
    if (!rec) continue;
    const view = kind.viewOf(rec, snap, now);
    const extra = kind.describeExtra?.(view, snap);
    const json = { context: o.context, ...view, ...extra?.json };
    const text = describeText([...kind.detail(view, relatedEvents(snap, kind.parts(view)), snap, now), ...(extra?.sections ?? [])]);
    found.push({ context: o.context, json, text, partial: unknownInFields(json).length > 0 || (args.output !== 'json' && unknownReason(snap, 'events') !== null) });
  }
  const unknown = states.filter((s) => s.state === 'unknown');
  const line = unknownContextsLine(states);
  if (found.length === 0) {
    if (line) process.stderr.write(`kstate: ${stripControls(line)}\n`);
    const where = states.filter((s) => s.state === 'ok').map((s) => `${s.context} (namespace "${s.namespace}")`);
    if (where.length === 0) return 2;
    throw new NotFoundError(`${kind.view} "${name}" not found in ${where.join(', ')}${unknown.length ? `; unknown in ${unknown.map((s) => s.context).join(', ')}` : ''}`);
  }
  if (args.output === 'json') printJson({ kind: kind.view, name, contexts: states, items: found.map((f) => f.json) });
  else process.stdout.write(found.map((f) => `Context:  ${stripControls(f.context)}\n${f.text}`).join('\n'));
  const missing = states.filter((s) => s.state === 'ok' && !found.some((f) => f.context === s.context));
  if (missing.length) process.stderr.write(`kstate: ${stripControls(`not in ${missing.map((s) => s.context).join(', ')}`)}\n`);
  if (line) process.stderr.write(`kstate: ${stripControls(line)}\n`);
  return unknown.length || found.some((f) => f.partial) ? PARTIAL_EXIT : 0;
}
