// StatefulSet actions: scale (with the preview of ordinals, claims and the data on their volumes),
// restart, partition step, undo to a revision, delete a pod, delete a retained claim, grow the claims of a template.
import { byName, nsKey } from '../../model/lookup.js';
import { claimInUse } from '../../model/pods.js';
import {
  deleteClaimRequest,
  deletePodRequest,
  forceDeletePodRequest,
  partitionRequest,
  patchClaimAccess,
  patchStatefulSetAccess,
  restartRequest,
  scaleAccess,
  scaleRequest,
  undoRequest,
} from '../../model/requests.js';
import { findRevision, undoPreview } from '../../model/revisions.js';
import { scalePreviewIn } from '../../model/scale.js';
import { unknownReason } from '../../model/visibility.js';
import { partitionPreview, rolloutWaves } from '../../model/rollout.js';
import { retainedClaims, type StatefulSetView } from '../../model/statefulset.js';
import { stuckText } from '../../model/stuck.js';
import { deletionFate, expansionDisabled, losesData, statefulSetStorage } from '../../model/volumes.js';
import { span, type Span } from '../cells.js';
import { onePlan } from '../plan.js';
import type { ActionPlan, KindAction, PlanContext } from '../types.js';
import { previewLines } from './detail.js';
import { expandContext, expansionRequests } from './expand.js';
import { diffLines, revisionChoices } from './history.js';

const wholeNumber = (t: string | undefined): number | null => (t !== undefined && /^\d+$/.test(t.trim()) ? Number(t.trim()) : null);

/** A new partition, with the ordinals the controller replaces next and the revision each ends on. */
function planPartition(v: StatefulSetView, at: PlanContext, to: number): ActionPlan | { skip: string } {
  const rec = at.snapshot().kinds.statefulsets.get(v.uid);
  if (!rec) return { skip: `statefulset ${v.name} is gone` };
  const p = partitionPreview(v, to);
  const lines: Span[][] = [[span(`${to < p.from ? 'Lower' : 'Raise'} the partition of sts/${v.name} from ${p.from} to ${to}?`)]];
  if (p.replaced.length) lines.push([span(`  replaced next, highest first: ordinal(s) ${p.replaced.join(', ')} → revision ${v.updateRevision}`, 'warn')]);
  else lines.push([span('  no pod is replaced: every ordinal at or above it already runs the update revision', 'muted')]);
  if (p.kept.length) lines.push([span(`  kept: ordinal(s) ${p.kept.join(', ')} stay on the revision they run`, 'muted')]);
  lines.push([span(`  ends on: ${p.endsOn.map((e) => `${e.ordinal}=${e.revision || '?'}`).join(' ')}`)]);
  return onePlan('rollout', `partition ${v.name} → ${to}`, lines, { name: `sts/${v.name}`, request: partitionRequest(v.namespace, v.name, to, rec.resourceVersion), summary: `partition sts/${v.name} → ${to}` });
}

/**
 * Roll back to a revision as `kubectl rollout undo sts --to-revision=N` does (N empty or 0: the one
 * before the latest): its stored patch, with the template diff and the ordinals the controller replaces.
 */
function planUndo(v: StatefulSetView, at: PlanContext, answer: string | undefined): ActionPlan | { skip: string } {
  const read = at.history;
  if (!read) return { skip: `the revisions of sts/${v.name} were not read` };
  if ('unknown' in read) return { skip: `revisions of sts/${v.name} not known (${read.unknown})` };
  if (read.uid !== v.uid) return { skip: `statefulset ${v.name} was replaced since it was shown` };
  const word = /^\s*(\d+)(\s|$)/.exec(answer ?? '')?.[1];
  if (answer?.trim() && word === undefined) return { skip: `not a revision: "${answer}" (a revision number from kstate history)` };
  const target = findRevision(read.revisions, v.uid, Number(word ?? 0));
  if ('error' in target) return { skip: `sts/${v.name}: ${target.error}` };
  const p = undoPreview(v, read.template, target);
  if (p.matches) return { skip: `the pod template of sts/${v.name} already matches revision ${target.revision}: nothing to roll back` };
  const newest = Math.max(...read.revisions.filter((r) => r.owner === v.uid).map((r) => r.revision));
  const lines: Span[][] = [
    [span(`Roll back sts/${v.name} to revision ${target.revision} (${target.name}), as kubectl rollout undo --to-revision=${target.revision} does?`)],
    [span('  pod template, now → after:', 'muted')],
    ...diffLines(p.diff, '    '),
  ];
  if (p.note) lines.push([span(`! ${p.note}`, 'warn')]);
  else if (p.replaced.length) lines.push([span(`  replaced, highest first: ordinal(s) ${p.replaced.join(', ')} → ${target.name}`, 'warn')]);
  else lines.push([span(`  no pod is replaced: every ordinal at or above the partition already runs ${target.name}`, 'muted')]);
  if (p.left.length) lines.push([span(`  left on their revision: ordinal(s) ${p.left.join(', ')}${p.note ? ' (until deleted)' : ` (below the partition ${v.partition})`}`, 'muted')]);
  lines.push([span(`  revision ${target.revision} becomes revision ${newest + 1}, the newest`, 'muted')]);
  return onePlan('undo', `undo ${v.name} → revision ${target.revision}`, lines, {
    name: `sts/${v.name}`,
    request: undoRequest(v.namespace, v.name, target.revision, target.data, read.resourceVersion),
    summary: `roll back sts/${v.name} to revision ${target.revision}`,
  });
}

/** What a rolling restart replaces and in what order, as the controller will do it. */
function restartLines(v: StatefulSetView): Span[][] {
  if (v.updateStrategy === 'OnDelete') {
    return [[span(`Mark sts/${v.name} for restart?`)], [span('! updateStrategy OnDelete: no pod is replaced until it is deleted', 'warn')]];
  }
  const waves = rolloutWaves(v);
  const atOnce = v.maxUnavailable && v.maxUnavailable > 1 ? `up to ${v.maxUnavailable} at once (maxUnavailable ${v.maxUnavailable})` : 'one ordinal at a time';
  const lines: Span[][] = [[span(`Restart the pods of sts/${v.name}, highest ordinal first, ${atOnce}, as kubectl rollout restart does?`)]];
  if (waves.length) lines.push([span(`  order: ${waves.map((w) => w.join('+')).join(' → ')}`)]);
  if (v.partition > 0) lines.push([span(`  ordinals below ${v.ordinalsStart + v.partition} keep their pods (partition ${v.partition})`, 'muted')]);
  return lines;
}

/** A scale with its preview of ordinals, claims and data; data that goes is never one key away: the name is typed. */
function planScale(v: StatefulSetView, target: number, at: PlanContext): ActionPlan | { skip: string } {
  const snap = at.snapshot();
  let preview;
  try {
    preview = scalePreviewIn(snap, v, target);
  } catch (err) {
    return { skip: err instanceof Error ? err.message : String(err) };
  }
  const rec = snap.kinds.statefulsets.get(v.uid);
  if (!rec) return { skip: `statefulset ${v.name} is gone` };
  const summary = `scale sts/${v.name} ${preview.from} → ${preview.to}`;
  return onePlan(
    'scale',
    `scale ${v.name} → ${target}`,
    [[span(summary, undefined, true)], []],
    { name: `sts/${v.name}`, request: scaleRequest(v.namespace, v.name, target, rec.resourceVersion), summary, lines: previewLines(preview) },
    preview.deletesData
      ? { typed: { label: `type the StatefulSet name to scale it and delete that data (${v.name}): `, name: v.name, alone: 'it deletes data on volumes (whenScaled: Delete): scale it alone, typing its name' } }
      : {},
  );
}

/** A retained claim deleted once its name is typed, the dialog saying first what becomes of its volume and data. */
function planDeleteClaim(v: StatefulSetView, claim: string | undefined, at: PlanContext): ActionPlan | { skip: string } {
  const snap = at.snapshot();
  const pvc = claim ? byName(snap.kinds.pvcs).get(nsKey(v.namespace, claim)) : undefined;
  if (!claim || !pvc) return { skip: `claim ${claim ?? ''} is gone` };
  if (!retainedClaims(v).some((c) => c.name === claim)) return { skip: `claim ${claim} is not a retained claim of sts/${v.name}` };
  const podsHidden = unknownReason(snap, 'pods');
  if (podsHidden) return { skip: `claim ${claim}: whether a pod uses it is not known (${podsHidden}): not deleted` };
  if (claimInUse(snap.kinds.pods, v.namespace, claim)) return { skip: `claim ${claim} is in use by a pod: not deleted` };
  const fate = deletionFate(pvc, snap);
  return onePlan(
    'delete claim',
    `delete claim ${claim}`,
    [
      [span(`Delete claim ${claim}`, undefined, true), span(` (${pvc.phase}, ${pvc.capacity ?? pvc.requested ?? '?'}, class ${pvc.storageClass ?? '-'})?`)],
      [span(`Its ${fate.text}.`, losesData(fate) ? 'bad' : 'accent')],
    ],
    { name: `pvc/${claim}`, request: deleteClaimRequest(v.namespace, claim, pvc.uid), summary: `delete claim ${claim}` },
    { typed: { label: `type the claim name to delete it${losesData(fate) ? ' and its data' : ''} (${claim}): `, name: claim, alone: 'a claim is deleted alone, its name typed' } },
  );
}

/**
 * A stuck ordinal's pod deleted at once (grace period 0), its name typed, after saying what that
 * risks: the node may still run it, and the replacement then runs beside it on the same claims.
 */
function planForceDelete(v: StatefulSetView, pod: string | undefined, at: PlanContext): ActionPlan | { skip: string } {
  const row = v.rows.find((r) => r.pod && r.pod.name === pod);
  if (!pod || !row?.pod) return { skip: `no pod ${pod ?? ''} in sts/${v.name}` };
  if (!row.stuck) return { skip: `pod ${pod} is not stuck (not past its grace period, its node not known to be down): delete it normally (x)` };
  const node = row.stuck.node.name || '(no node)';
  const claims = row.claims.filter((c) => c.phase !== 'Missing').map((c) => c.name);
  const data = claims.length ? `data on its claim(s) ${claims.join(', ')} may be written by both` : 'anything it writes elsewhere under that name may be written by both';
  return onePlan(
    'force delete pod',
    `force delete pod ${pod}`,
    [
      [span(`Force delete pod ${pod}`, undefined, true), span(' (grace period 0)? The API server removes the pod object at once, without a kubelet confirming its containers stopped.')],
      [span(`  stuck: ${stuckText(pod, row.stuck, at.now())}`, 'muted')],
      [span(`! if node ${node} is still running it, two pods with identity ${pod} may run at once; ${data}.`, 'bad')],
      [span(`  Go on only if node ${node} is down (powered off, or its containers known stopped). The controller then creates ${pod} again${claims.length ? ' with the same claim(s)' : ''}.`)],
    ],
    { name: `pod/${pod}`, request: forceDeletePodRequest(v.namespace, pod, row.pod.uid), summary: `force delete pod ${pod}` },
    { typed: { label: `type the pod name to force delete it (${pod}): `, name: pod, alone: 'a force delete goes alone, its pod name typed' } },
  );
}

/** One patch per claim of a template (the ones that cannot grow listed as skipped). */
function planExpand(v: StatefulSetView, at: PlanContext, [template, size]: readonly string[]): ActionPlan | { skip: string } {
  if (!template || !size) return { skip: 'a template and a size are needed (e.g. data 20Gi)' };
  const r = expansionRequests(v.namespace, statefulSetStorage(v, at.snapshot()), template, size);
  if ('error' in r) return { skip: r.error };
  return { title: `expand claims of ${template}`, summary: `expand claims of ${template} of ${v.name}`, lines: r.notes, targets: r.targets, skipped: r.skipped, list: true };
}

const expandableTemplates = (v: StatefulSetView, at: PlanContext) => {
  const storage = statefulSetStorage(v, at.snapshot());
  return storage.templates.filter((t) => storage.claims.some((c) => c.template === t.name && c.expandable)).map((t) => t.name);
};

export const STATEFULSET_ACTIONS: readonly KindAction<StatefulSetView>[] = [
  {
    id: 'sts.scale',
    keys: ['s'],
    label: 'scale',
    help: 'scale to a number you type, after a preview of the ordinals and claims that go, stay or come back',
    hint: true,
    cli: { command: 'scale', usage: 'kstate scale sts NAME REPLICAS' },
    access: (v) => scaleAccess(v.namespace, v.name),
    ask: [{ kind: 'text', label: (v) => `scale ${v.name} (now ${v.replicas}) to: ` }],
    plan: (v, at, [input]) => {
      const n = wholeNumber(input);
      return n === null ? { skip: `not a number: "${input ?? ''}" (a whole number ≥ 0)` } : planScale(v, n, at);
    },
    bulk: { ask: 'scale every marked StatefulSet to: ' },
  },
  {
    id: 'sts.scaleUp',
    keys: ['+'],
    label: '+1',
    help: 'scale up by one (with the preview)',
    access: (v) => scaleAccess(v.namespace, v.name),
    plan: (v, at) => planScale(v, v.replicas + 1, at),
    bulk: {},
  },
  {
    id: 'sts.scaleDown',
    keys: ['-'],
    label: '-1',
    help: 'scale down by one (with the preview)',
    access: (v) => scaleAccess(v.namespace, v.name),
    plan: (v, at) => (v.replicas > 0 ? planScale(v, v.replicas - 1, at) : { skip: 'already at 0' }),
    bulk: {},
  },
  {
    id: 'sts.restart',
    keys: ['r'],
    label: 'restart',
    help: 'rolling restart (kubectl.kubernetes.io/restartedAt, as kubectl rollout restart)',
    hint: true,
    cli: { command: 'restart', usage: 'kstate restart sts NAME' },
    access: (v) => patchStatefulSetAccess(v.namespace, v.name),
    plan: (v, at) =>
      onePlan('restart', `restart ${v.name}`, restartLines(v), {
        name: `sts/${v.name}`,
        request: restartRequest(v.namespace, v.name, at.now()),
        summary: `restart sts/${v.name}`,
      }),
  },
  {
    id: 'sts.partition',
    keys: ['p'],
    label: 'partition-1',
    help: 'step a partitioned rollout: lower the partition by one',
    access: (v) => patchStatefulSetAccess(v.namespace, v.name),
    disabledReason: (v) => (v.partition ? null : 'no partition to lower'),
    plan: (v, at) => (v.partition ? planPartition(v, at, v.partition - 1) : { skip: 'no partition to lower' }),
  },
  {
    id: 'sts.partitionSet',
    keys: ['P'],
    label: 'set partition',
    help: 'set the rolling update partition, with the ordinals the controller replaces next',
    cli: { command: 'partition', usage: 'kstate partition sts NAME N' },
    access: (v) => patchStatefulSetAccess(v.namespace, v.name),
    disabledReason: (v) => (v.updateStrategy === 'RollingUpdate' ? null : `updateStrategy ${v.updateStrategy}: no partition`),
    ask: [{ kind: 'text', label: (v) => `partition of ${v.name} (now ${v.partition}, ${v.replicas} replicas): ` }],
    plan: (v, at, [answer]) => {
      const to = wholeNumber(answer);
      if (to === null || to > 2147483647) return { skip: `not a partition: "${answer ?? ''}" (a whole number, 0 to roll out every ordinal)` };
      return to === v.partition ? { skip: `the partition of sts/${v.name} is already ${to}` } : planPartition(v, at, to);
    },
  },
  {
    id: 'sts.undo',
    keys: ['S-u'],
    label: 'undo',
    help: 'roll back to a revision (as kubectl rollout undo), after the template diff and the ordinals replaced',
    cli: { command: 'undo', usage: 'kstate undo sts NAME [--to-revision N]' },
    access: (v) => patchStatefulSetAccess(v.namespace, v.name),
    reads: 'history',
    ask: [{ kind: 'pick', title: 'roll back to which revision?', items: (v, at) => (at.history && 'revisions' in at.history ? revisionChoices(v, at.history.revisions) : []), flag: 'toRevision' }],
    plan: (v, at, [answer]) => planUndo(v, at, answer),
  },
  {
    id: 'sts.deletePod',
    keys: ['x'],
    label: 'delete pod',
    help: 'delete one pod (it comes back with the same name and claim)',
    cli: { command: 'delete-pod', usage: 'kstate delete-pod sts NAME POD' },
    access: () => null,
    disabledReason: (v) => (v.unknown.pods ? `pods not visible (${v.unknown.pods})` : v.rows.some((r) => r.pod) ? null : 'no pod'),
    ask: [{ kind: 'pick', title: 'delete which pod?', items: (v) => v.rows.flatMap((r) => (r.pod ? [r.pod.name] : [])) }],
    plan: (v, _at, [pod]) =>
      !pod || !v.rows.some((r) => r.pod?.name === pod)
        ? { skip: `no pod ${pod ?? ''} in sts/${v.name}` }
        : onePlan('delete pod', `delete pod ${pod}`, [[span(`Delete pod ${pod}? The StatefulSet recreates it with the same name and the same claim(s).`)]], {
            name: `pod/${pod}`,
            request: deletePodRequest(v.namespace, pod),
            summary: `delete pod ${pod}`,
          }),
  },
  {
    id: 'sts.forceDeletePod',
    keys: ['S-x'],
    label: 'force delete pod',
    help: "force delete a stuck ordinal's pod (grace period 0; says the risk first, typed pod name)",
    cli: { command: 'force-delete-pod', usage: 'kstate force-delete-pod sts NAME POD' },
    access: () => null,
    disabledReason: (v) => (v.unknown.pods ? `pods not visible (${v.unknown.pods})` : v.rows.some((r) => r.stuck) ? null : 'no stuck ordinal'),
    ask: [{ kind: 'pick', title: 'force delete which stuck pod?', items: (v) => v.rows.flatMap((r) => (r.stuck && r.pod ? [r.pod.name] : [])) }],
    plan: (v, at, [pod]) => planForceDelete(v, pod, at),
  },
  {
    id: 'sts.deleteClaim',
    keys: ['c'],
    label: 'delete claim',
    help: 'delete a claim retained after a scale-down (typed name; says if its volume and data go or stay)',
    cli: { command: 'delete-claim', usage: 'kstate delete-claim sts NAME CLAIM' },
    access: () => null,
    disabledReason: (v) => {
      const hidden = v.unknown.claims ?? v.unknown.pods;
      return hidden ? `retained claims not known (${hidden})` : v.retainedClaims ? null : 'no retained claims';
    },
    ask: [{ kind: 'pick', title: 'delete which retained claim?', items: (v) => retainedClaims(v).map((c) => c.name) }],
    plan: (v, at, [claim]) => planDeleteClaim(v, claim, at),
  },
  {
    id: 'sts.expand',
    keys: ['S-e'],
    label: 'expand claims',
    help: "grow a template's claims to a new size (kstate expand)",
    cli: { command: 'expand', usage: 'kstate expand sts NAME TEMPLATE SIZE (e.g. data 20Gi)' },
    access: (v) => patchClaimAccess(v.namespace),
    disabledReason: (v, snap) => expansionDisabled(statefulSetStorage(v, snap)),
    ask: [
      { kind: 'pick', title: 'grow the claims of which template?', items: expandableTemplates, auto: true },
      { kind: 'text', label: (_v, [template]) => `new size for every claim of ${template}: `, context: (v, at, [template]) => expandContext(statefulSetStorage(v, at.snapshot()), template!) },
    ],
    plan: planExpand,
  },
];
