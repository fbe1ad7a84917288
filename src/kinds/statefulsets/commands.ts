// StatefulSet actions: scale (with the preview of ordinals, claims and the data on their volumes),
// restart, partition step, delete a pod, delete a retained claim, grow the claims of a template.
import { byName, nsKey } from '../../model/lookup.js';
import { claimInUse } from '../../model/pods.js';
import {
  deleteClaimAccess,
  deleteClaimRequest,
  deletePodAccess,
  deletePodRequest,
  partitionRequest,
  patchClaimAccess,
  patchStatefulSetAccess,
  restartRequest,
  scaleAccess,
  scaleRequest,
} from '../../model/requests.js';
import { scalePreviewIn } from '../../model/scale.js';
import { unknownReason } from '../../model/visibility.js';
import { ordinalReleasedByPartitionStep, retainedClaims, type StatefulSetView } from '../../model/statefulset.js';
import { deletionFate, expansionDisabled, losesData, statefulSetStorage } from '../../model/volumes.js';
import { span } from '../cells.js';
import type { KindBinding, PlanContext, Planned, Ui } from '../types.js';
import { previewLines } from './detail.js';
import { expandContext, expansionRequests } from './expand.js';

/** A scale of one StatefulSet with its preview of ordinals, claims and data, or why it cannot be. */
function planScale(v: StatefulSetView, target: number, ui: PlanContext): (Planned & { deletesData: boolean }) | { skip: string } {
  const snap = ui.snapshot();
  let preview;
  try {
    preview = scalePreviewIn(snap, v, target);
  } catch (err) {
    return { skip: err instanceof Error ? err.message : String(err) };
  }
  const rec = snap.kinds.statefulsets.get(v.uid);
  if (!rec) return { skip: `statefulset ${v.name} is gone` };
  return { request: scaleRequest(v.namespace, v.name, target, rec.resourceVersion), summary: `scale sts/${v.name} ${preview.from} → ${preview.to}`, lines: previewLines(preview), deletesData: preview.deletesData };
}

/** Data that goes with a scale-down is never one key away: the StatefulSet's name is typed instead of y. */
function scaleTo(v: StatefulSetView, target: number, ui: Ui): void {
  const p = planScale(v, target, ui);
  if ('skip' in p) return ui.fail(p.skip);
  const summary = `scale ${v.name} → ${target}`;
  const lines = [[span(p.summary, undefined, true)], [], ...p.lines];
  if (!p.deletesData) return ui.confirm({ title: 'scale', lines, request: p.request, summary });
  ui.prompt(`type the StatefulSet name to scale it and delete that data (${v.name}): `, (typed) => (typed.trim() === v.name ? ui.send(p.request, summary) : ui.fail('the name did not match: nothing sent')), lines);
}

/** Among marked objects, a scale that deletes data is skipped: it asks for its own typed name. */
function bulkScale(v: StatefulSetView, target: number, ui: PlanContext): Planned | { skip: string } {
  const p = planScale(v, target, ui);
  return 'skip' in p || !p.deletesData ? p : { skip: 'it deletes data on volumes (whenScaled: Delete): scale it alone, typing its name' };
}

const wholeNumber = (t: string): number | null => (/^\d+$/.test(t.trim()) ? Number(t.trim()) : null);

/** A retained claim deleted once its name is typed, the dialog saying first what becomes of its volume and data. */
function deleteClaim(v: StatefulSetView, claim: string, ui: Ui): void {
  const snap = ui.snapshot();
  const pvc = byName(snap.kinds.pvcs).get(nsKey(v.namespace, claim));
  if (!pvc) return ui.fail(`claim ${claim} is gone`);
  const podsHidden = unknownReason(snap, 'pods');
  if (podsHidden) return ui.fail(`claim ${claim}: whether a pod uses it is not known (${podsHidden}): not deleted`);
  if (claimInUse(snap.kinds.pods, v.namespace, claim)) return ui.fail(`claim ${claim} is in use by a pod: not deleted`);
  const fate = deletionFate(pvc, snap);
  const context = [
    [span(`Delete claim ${claim}`, undefined, true), span(` (${pvc.phase}, ${pvc.capacity ?? pvc.requested ?? '?'}, class ${pvc.storageClass ?? '-'})?`)],
    [span(`Its ${fate.text}.`, losesData(fate) ? 'bad' : 'accent')],
  ];
  ui.prompt(
    `type the claim name to delete it${losesData(fate) ? ' and its data' : ''} (${claim}): `,
    (typed) => {
      if (typed.trim() !== claim) return ui.fail('the name did not match: nothing deleted');
      ui.send(deleteClaimRequest(v.namespace, claim, pvc.uid), `delete claim ${claim}`);
    },
    context,
  );
}

/** Asks for a template's new size, then confirms one patch per claim (the ones that cannot grow listed as skipped). */
function expandClaims(v: StatefulSetView, ui: Ui): void {
  const storage = statefulSetStorage(v, ui.snapshot());
  const templates = storage.templates.filter((t) => storage.claims.some((c) => c.template === t.name && c.expandable)).map((t) => t.name);
  const ask = (template: string) =>
    ui.prompt(
      `new size for every claim of ${template}: `,
      (size) => {
        const r = expansionRequests(v.namespace, statefulSetStorage(v, ui.snapshot()), template, size);
        return 'error' in r ? ui.fail(r.error) : ui.confirmEach(`expand claims of ${template}`, r.notes, r.plans);
      },
      expandContext(storage, template),
    );
  return templates.length === 1 ? ask(templates[0]!) : ui.pick('grow the claims of which template?', templates, ask);
}

export const STATEFULSET_BINDINGS: readonly KindBinding<StatefulSetView>[] = [
  {
    id: 'sts.scale',
    keys: ['s'],
    label: 'scale',
    help: 'scale to a number you type, after a preview of the ordinals and claims that go, stay or come back',
    hint: true,
    access: (v) => scaleAccess(v.namespace),
    run: (v, ui) =>
      ui.prompt(`scale ${v.name} (now ${v.replicas}) to: `, (t) => {
        const n = wholeNumber(t);
        return n === null ? ui.fail(`not a number: "${t}"`) : scaleTo(v, n, ui);
      }),
    bulk: {
      ask: 'scale every marked StatefulSet to: ',
      plan: (v, ui, input) => {
        const n = wholeNumber(input);
        return n === null ? { skip: `not a number: "${input}"` } : bulkScale(v, n, ui);
      },
    },
  },
  {
    id: 'sts.scaleUp',
    keys: ['+'],
    label: '+1',
    help: 'scale up by one (with the preview)',
    access: (v) => scaleAccess(v.namespace),
    run: (v, ui) => scaleTo(v, v.replicas + 1, ui),
    bulk: { plan: (v, ui) => bulkScale(v, v.replicas + 1, ui) },
  },
  {
    id: 'sts.scaleDown',
    keys: ['-'],
    label: '-1',
    help: 'scale down by one (with the preview)',
    access: (v) => scaleAccess(v.namespace),
    run: (v, ui) => scaleTo(v, Math.max(0, v.replicas - 1), ui),
    bulk: { plan: (v, ui) => (v.replicas > 0 ? bulkScale(v, v.replicas - 1, ui) : { skip: 'already at 0' }) },
  },
  {
    id: 'sts.restart',
    keys: ['r'],
    label: 'restart',
    help: 'rolling restart (kubectl.kubernetes.io/restartedAt, as kubectl rollout restart)',
    hint: true,
    access: (v) => patchStatefulSetAccess(v.namespace),
    run: (v, ui) =>
      ui.confirm({
        title: 'restart',
        lines: [[span(`Restart every pod of sts/${v.name}, one ordinal at a time (highest first), as kubectl rollout restart does?`)]],
        request: restartRequest(v.namespace, v.name, ui.now()),
        summary: `restart ${v.name}`,
      }),
  },
  {
    id: 'sts.partition',
    keys: ['p'],
    label: 'partition-1',
    help: 'step a partitioned rollout: lower the partition by one',
    access: (v) => patchStatefulSetAccess(v.namespace),
    disabledReason: (v) => (v.partition ? null : 'no partition to lower'),
    run: (v, ui) => {
      const rec = ui.snapshot().kinds.statefulsets.get(v.uid);
      if (!rec) return;
      const next = v.partition - 1;
      ui.confirm({
        title: 'rollout',
        lines: [[span(`Lower the partition of sts/${v.name} from ${v.partition} to ${next}: ordinal ${ordinalReleasedByPartitionStep(v)} moves to revision ${v.updateRevision}.`)]],
        request: partitionRequest(v.namespace, v.name, next, rec.resourceVersion),
        summary: `partition ${v.name} → ${next}`,
      });
    },
  },
  {
    id: 'sts.deletePod',
    keys: ['x'],
    label: 'delete pod',
    help: 'delete one pod (it comes back with the same name and claim)',
    access: (v) => deletePodAccess(v.namespace),
    disabledReason: (v) => (v.unknown.pods ? `pods not visible (${v.unknown.pods})` : v.rows.some((r) => r.pod) ? null : 'no pod'),
    run: (v, ui) =>
      ui.pick(
        'delete which pod?',
        v.rows.flatMap((r) => (r.pod ? [r.pod.name] : [])),
        (pod) =>
          ui.confirm({
            title: 'delete pod',
            lines: [[span(`Delete pod ${pod}? The StatefulSet recreates it with the same name and the same claim(s).`)]],
            request: deletePodRequest(v.namespace, pod),
            summary: `delete pod ${pod}`,
          }),
      ),
  },
  {
    id: 'sts.deleteClaim',
    keys: ['c'],
    label: 'delete claim',
    help: 'delete a claim retained after a scale-down (typed name; says if its volume and data go or stay)',
    access: (v) => deleteClaimAccess(v.namespace),
    disabledReason: (v) => {
      const hidden = v.unknown.claims ?? v.unknown.pods;
      return hidden ? `retained claims not known (${hidden})` : v.retainedClaims ? null : 'no retained claims';
    },
    run: (v, ui) => ui.pick('delete which retained claim?', retainedClaims(v).map((c) => c.name), (claim) => deleteClaim(v, claim, ui)),
  },
  {
    id: 'sts.expand',
    keys: ['S-e'],
    label: 'expand claims',
    help: "grow a template's claims to a new size (kstate expand)",
    access: (v) => patchClaimAccess(v.namespace),
    disabledReason: (v, snap) => expansionDisabled(statefulSetStorage(v, snap)),
    run: expandClaims,
  },
];
