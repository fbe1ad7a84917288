// Acting on several objects at once, the same in the dashboard and the CLI: plan each one (or say
// why it is skipped), ask read-only mode and RBAC about each before anything is sent, show one
// confirmation of them all, then send each, going on past a failure.
import type { AccessQuestion } from '../model/requests.js';
import { span, type Span } from './cells.js';
import type { BulkConfirmation, Planned } from './types.js';

export type Plan = Planned | { skip: string };

/** Every object's plan, with the ones read-only mode or RBAC refuses moved to the skipped, with the reason. */
export async function planBulk<V>(
  title: string,
  objects: readonly V[],
  nameOf: (v: V) => string,
  plan: (v: V) => Plan,
  refusal: (access: AccessQuestion) => Promise<string | null>,
): Promise<BulkConfirmation> {
  const targets: BulkConfirmation['targets'][number][] = [];
  const skipped: BulkConfirmation['skipped'][number][] = [];
  for (const v of objects) {
    const name = nameOf(v);
    const p = plan(v);
    if ('skip' in p) {
      skipped.push({ name, reason: p.skip, refused: false });
      continue;
    }
    const reason = await refusal(p.request.access).catch((err: unknown) => `cannot check access: ${err instanceof Error ? err.message : String(err)}`);
    if (reason) skipped.push({ name, reason, refused: true });
    else targets.push({ ...p, name });
  }
  return { title, targets, skipped };
}

/** The dialog's (and the CLI's) lines: each target with its preview, then each skipped one with the reason. */
export function bulkLines(b: BulkConfirmation): Span[][] {
  const lines: Span[][] = [[span(`${b.title}: ${b.targets.length} object(s)${b.skipped.length ? `, ${b.skipped.length} skipped` : ''}`, undefined, true)], ...(b.notes ?? []).map((l) => [...l])];
  for (const t of b.targets) lines.push([span('• '), span(t.summary)], ...t.lines.map((l) => [span('    '), ...l]));
  for (const s of b.skipped) lines.push([span(`✗ skipped ${s.name}: ${s.reason}`, 'bad')]);
  return lines;
}

export interface BulkResult {
  name: string;
  summary: string;
  ok: boolean;
  error?: string;
  result?: unknown;
}

/** Sends each target in turn; a failure is reported and the rest still go. */
export async function sendEach(b: BulkConfirmation, send: (t: Planned) => Promise<unknown>, report: (r: BulkResult) => void): Promise<BulkResult[]> {
  const results: BulkResult[] = [];
  for (const t of b.targets) {
    let r: BulkResult;
    try {
      r = { name: t.name, summary: t.summary, ok: true, result: await send(t) };
    } catch (err) {
      r = { name: t.name, summary: t.summary, ok: false, error: err instanceof Error ? err.message : String(err) };
    }
    results.push(r);
    report(r);
  }
  return results;
}
