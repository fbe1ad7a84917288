// Plans of actions, the same in the dashboard and the CLI: one object's plan, the plan of every
// marked object, read-only mode and RBAC asked of each request before anything is sent, the lines
// a confirmation shows, and sending each target in turn, going on past a failure.
import type { AccessQuestion, ActionRequest } from '../model/requests.js';
import { span, type Span } from './cells.js';
import type { ActionPlan, KindAction, PlanContext, Skipped, Target } from './types.js';

type Lines = readonly (readonly Span[])[];

/** The plan of one request on one object. */
export function onePlan(title: string, summary: string, lines: Lines, target: Omit<Target, 'lines'> & { lines?: Lines }, extra: Partial<ActionPlan> = {}): ActionPlan {
  return { title, summary, lines, targets: [{ ...target, lines: target.lines ?? [] }], skipped: [], ...extra };
}

/** The name of the object a request makes (a POST with metadata.name), or null. */
function madeName(t: Target): string | null {
  const name = (t.request.body as { metadata?: { name?: unknown } } | undefined)?.metadata?.name;
  return t.request.method === 'POST' && typeof name === 'string' ? name : null;
}

/** The same action over several objects: each one's targets, or why it is left out. */
export function planEach<V>(title: string, action: Pick<KindAction<V>, 'plan'>, objects: readonly { name: string; v: V }[], at: PlanContext, answers: readonly string[]): ActionPlan {
  const targets: Target[] = [];
  const skipped: Skipped[] = [];
  for (const { name, v } of objects) {
    const p = action.plan(v, at, answers);
    if ('skip' in p) skipped.push({ name, reason: p.skip, refused: false });
    else if (p.typed) skipped.push({ name, reason: p.typed.alone, refused: false });
    else {
      for (const t of p.targets) {
        // Two objects that would make one new object (re-runs of a Job and of its re-run): the first goes.
        const made = madeName(t);
        const first = made === null ? undefined : targets.find((o) => o.request.path === t.request.path && madeName(o) === made);
        if (first) skipped.push({ name: t.name, reason: `it would make ${made}, as ${first.name} does: do it again once that is sent`, refused: false });
        else targets.push(t);
      }
      skipped.push(...p.skipped);
    }
  }
  return { title, summary: title, lines: [], targets, skipped, list: true };
}

/** The plan with every target read-only mode or RBAC refuses moved to the skipped, with the reason. */
export async function checkAccess(plan: ActionPlan, refusal: (access: AccessQuestion) => Promise<string | null>): Promise<ActionPlan> {
  const targets: Target[] = [];
  const skipped: Skipped[] = [];
  for (const t of plan.targets) {
    const reason = await refusal(t.request.access).catch((err: unknown) => `cannot check access: ${err instanceof Error ? err.message : String(err)}`);
    if (reason) skipped.push({ name: t.name, reason, refused: true });
    else targets.push(t);
  }
  return { ...plan, targets, skipped: [...skipped, ...plan.skipped] };
}

/** The same action planned in several contexts, as one plan: every target and skipped one tagged with its context. */
export function acrossContexts(title: string, parts: readonly { context: string; plan: ActionPlan }[]): ActionPlan {
  return {
    title,
    summary: title,
    lines: [],
    targets: parts.flatMap((p) => p.plan.targets.map((t) => ({ ...t, context: p.context }))),
    skipped: parts.flatMap((p) => p.plan.skipped.map((s) => ({ ...s, context: p.context }))),
    list: true,
  };
}

/** What the dialog (and the CLI) shows: the plan's lines and its one target's preview, or each target and each skipped one (under its context, across contexts). */
export function confirmationLines(plan: ActionPlan): Span[][] {
  if (!plan.list) return [...plan.lines, ...plan.targets.flatMap((t) => t.lines)].map((l) => [...l]);
  const lines: Span[][] = [
    [span(`${plan.title}: ${plan.targets.length} object(s)${plan.skipped.length ? `, ${plan.skipped.length} skipped` : ''}`, undefined, true)],
    ...plan.lines.map((l) => [...l]),
  ];
  const contexts = [...new Set([...plan.targets, ...plan.skipped].map((x) => x.context))];
  for (const c of contexts) {
    if (c !== undefined) lines.push([span('Context: ', undefined, true), span(c, undefined, true)]);
    for (const t of plan.targets) if (t.context === c) lines.push([span('• '), span(t.summary)], ...t.lines.map((l) => [span('    '), ...l]));
    for (const s of plan.skipped) if (s.context === c) lines.push([span(`✗ skipped ${s.name}: ${s.reason}`, 'bad')]);
  }
  return lines;
}

export interface SendResult {
  target: Target;
  ok: boolean;
  error?: string;
  result?: unknown;
}

/** Sends each target in turn; a failure is reported and the rest still go. */
export async function sendEach(plan: ActionPlan, send: (r: ActionRequest, t: Target) => Promise<unknown>, report: (r: SendResult) => void): Promise<SendResult[]> {
  const results: SendResult[] = [];
  for (const target of plan.targets) {
    let r: SendResult;
    try {
      r = { target, ok: true, result: await send(target.request, target) };
    } catch (err) {
      r = { target, ok: false, error: err instanceof Error ? err.message : String(err) };
    }
    results.push(r);
    report(r);
  }
  return results;
}
