// `kstate history sts NAME [--revision N] [--diff A [B]]`: the rollout history, read once (the
// StatefulSet and its ControllerRevisions), printed as the dashboard's history shows it.
import { kindOf } from '../kinds/registry.js';
import { diffLines, historyLines } from '../kinds/statefulsets/history.js';
import type { WorkloadKind } from '../kinds/types.js';
import { UsageError } from '../kube/errors.js';
import { readHistory } from '../kube/read.js';
import { byName, nsKey } from '../model/lookup.js';
import { findRevision, historyRows, revisionTemplate, templateDiff, templateLines, type RevisionRec } from '../model/revisions.js';
import type { StatefulSetView } from '../model/statefulset.js';
import { linesText } from '../output/describe.js';
import { printJson } from '../output/json.js';
import type { Args } from './args.js';
import { NotFoundError } from './errors.js';
import { checkOutput } from './get.js';
import { nameFrom, parseKind } from './kinds.js';
import { connectFrom, loadSnapshot } from './session.js';

const USAGE = 'usage: kstate history sts NAME [--revision N] [--diff A [B]]';

function revisionNumber(word: string, flag: string): number {
  if (!/^\d+$/.test(word)) throw new UsageError(`${flag}: not a revision number: "${word}"`);
  return Number(word);
}

function pick(revisions: readonly RevisionRec[], uid: string, word: string, flag: string): RevisionRec {
  const n = revisionNumber(word, flag);
  const r = n === 0 ? { error: `${flag}: revision 0 is no revision` } : findRevision(revisions, uid, n);
  if ('error' in r) throw new UsageError(r.error);
  return r;
}

export async function history(args: Args): Promise<number> {
  const kind = parseKind(args.positional[0]);
  if (kind.view !== 'statefulsets') throw new UsageError(`history applies to StatefulSets: ${USAGE}`);
  const name = nameFrom(args.positional[0], args.positional.slice(1));
  if (!name) throw new UsageError(USAGE);
  const extra = args.positional.slice(args.positional[0]!.includes('/') ? 1 : 2);
  if (extra.length > (args.diff !== undefined ? 1 : 0)) throw new UsageError(`unexpected "${extra.join(' ')}": ${USAGE}`);
  if (args.diff !== undefined && args.revision !== undefined) throw new UsageError('use either --revision or --diff, not both');
  checkOutput(args, ['table', 'json']);
  const conn = await connectFrom(args);
  if (conn.namespace === null) throw new UsageError('history works in one namespace: use -n NAMESPACE');
  const sts = kindOf('statefulsets') as WorkloadKind<StatefulSetView>;
  const snap = await loadSnapshot(conn, sts.lists, ['statefulsets']);
  const rec = byName(snap.kinds.statefulsets).get(nsKey(conn.namespace, name));
  if (!rec) throw new NotFoundError(`statefulsets "${name}" not found in namespace "${conn.namespace}"`);
  const now = Date.now();
  const v = sts.viewOf(rec, snap, now);
  const read = await readHistory(conn.endpoint, conn.namespace, name);
  if ('unknown' in read) throw new UsageError(`revisions of sts/${name} not known: ${read.unknown}`);
  const json = args.output === 'json';
  if (args.revision !== undefined) {
    const r = pick(read.revisions, v.uid, args.revision, '--revision');
    if (json) printJson({ revision: r.revision, name: r.name, template: revisionTemplate(r) });
    else process.stdout.write(`revision ${r.revision} (${r.name}) of sts/${name}, pod template:\n${templateLines(revisionTemplate(r)).map((l) => `  ${l}`).join('\n')}\n`);
    return 0;
  }
  if (args.diff !== undefined) {
    const a = pick(read.revisions, v.uid, args.diff, '--diff');
    const b = extra[0] === undefined ? null : pick(read.revisions, v.uid, extra[0], '--diff');
    const diff = templateDiff(revisionTemplate(a), b ? revisionTemplate(b) : read.template);
    const to = b ? `revision ${b.revision} (${b.name})` : 'the template now';
    if (json) printJson({ from: a.revision, to: b ? b.revision : 'now', diff });
    else process.stdout.write(`pod template of sts/${name}, revision ${a.revision} (${a.name}) → ${to}:\n${linesText(diffLines(diff, '  '))}\n`);
    return 0;
  }
  if (json) {
    const rows = historyRows(v, read.revisions).map((r) => ({ ...r, created: r.created === null ? null : new Date(r.created).toISOString(), ...(r.ordinals === null ? { ordinals: `unknown — ${v.unknown.pods}` } : {}) }));
    printJson({ name, namespace: conn.namespace, currentRevision: v.currentRevision, updateRevision: v.updateRevision, updateStrategy: v.updateStrategy, partition: v.partition, revisions: rows });
  } else process.stdout.write(`${linesText(historyLines(v, read.revisions, now))}\n`);
  return v.unknown.pods ? 3 : 0;
}
