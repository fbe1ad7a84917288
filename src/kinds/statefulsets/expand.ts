// Growing the claims of a claim template: what the operator reads before typing a size, and one
// request per claim (or why it is left as it is) — the same for the dashboard and `kstate expand`.
import { expandClaimRequest } from '../../model/requests.js';
import { parseQuantity } from '../../model/quantity.js';
import { expansionPlan, type StatefulSetStorage } from '../../model/volumes.js';
import { span, type Span } from '../cells.js';
import type { Skipped, Target } from '../types.js';

/** Why the template keeps its size, and what that means for ordinals made later. */
function templateNote(s: StatefulSetStorage, template: string): Span[] {
  const size = s.templates.find((t) => t.name === template)?.storage ?? 'its current size';
  return [span(`The template ${template} itself cannot change in place (volumeClaimTemplates are immutable): ordinals made later — a scale-up, or a claim deleted and made again — still get ${size} claims.`, 'warn')];
}

/** Above the size prompt: each claim of the template, its request, and whether it can grow. */
export function expandContext(s: StatefulSetStorage, template: string): Span[][] {
  const claims = s.claims.filter((c) => c.template === template);
  return [
    [span(`Grow every claim of template ${template}:`, undefined, true)],
    ...claims.flatMap((c) => [
      [
        span(`  ${c.claim}  ${c.requested ?? '?'}${c.capacity && c.capacity !== c.requested ? ` (has ${c.capacity})` : ''}  `),
        c.expandable ? span(`can grow (class ${c.storageClass})`, 'ok') : span(c.notExpandable ?? `? ${s.unknown.classes ?? ''}`, 'muted'),
      ],
      ...(c.retry ? [[span(`    ${c.retry.text}`, 'warn')]] : []),
    ]),
    [],
    templateNote(s, template),
  ];
}

/** The patches growing `template`'s claims to `size`, each one or its reason to be skipped; or one line why none can be. */
export function expansionRequests(namespace: string, s: StatefulSetStorage, template: string, size: string): { notes: Span[][]; targets: Target[]; skipped: Skipped[] } | { error: string } {
  const plan = expansionPlan(s, template, size);
  if ('error' in plan) return plan;
  const targets: Target[] = [];
  const skipped: Skipped[] = [];
  for (const step of plan.steps) {
    const name = `pvc/${step.claim}`;
    if (step.skip) skipped.push({ name, reason: step.skip, refused: false });
    else {
      const lower = (parseQuantity(step.from) ?? 0) > (parseQuantity(plan.size) ?? 0);
      const summary = lower ? `retry claim ${step.claim} at ${plan.size} (was ${step.from}, which could not be given)` : `grow claim ${step.claim} ${step.from ?? '?'} → ${plan.size}`;
      targets.push({ name, request: expandClaimRequest(namespace, step.claim, step.uid, plan.size), summary, lines: [] });
    }
  }
  return { notes: [templateNote(s, template)], targets, skipped };
}
