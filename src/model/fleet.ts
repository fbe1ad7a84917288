// Several contexts at once: what one context's snapshot says in a line of the fleet view, the next
// run across them, and the worst of their outcomes. Pure: snapshots and the time in, values out.
import { check } from './health.js';
import { DEFAULT_GRACE_MS } from './statefulset.js';
import type { Finding, KindName, Snapshot } from './types.js';
import { cronJobViews, jobViews, statefulSetViews } from './views.js';
import { unknownReason } from './visibility.js';

/** Why a context cannot show `kinds` (the first that is not visible), or null when it can. */
export function contextProblem(snap: Snapshot, kinds: readonly KindName[]): string | null {
  for (const k of kinds) {
    const reason = unknownReason(snap, k);
    if (reason !== null) return reason;
  }
  return null;
}

/** The worst exit code of several contexts' (0 ok, 1 findings, 2 could not evaluate…). */
export const worstCode = (codes: readonly number[]): number => codes.reduce((a, b) => Math.max(a, b), 0);

export type FleetConnection = 'connecting' | 'connected' | 'reconnecting' | 'unknown';

/** One context in the fleet view. A count is null when its kind is not visible (see `unknown`). */
export interface FleetRow {
  context: string;
  connection: FleetConnection;
  /** Why the context (or a kind of it) reads unknown: the connection's error, a forbidden kind. */
  problem: string | null;
  statefulSets: { total: number; ready: number; blocked: number } | null;
  jobs: { active: number; failed: number } | null;
  cronJobs: { total: number; failing: number } | null;
  /** Its next scheduled run (of a CronJob not suspended). */
  nextRun: { at: number; cronJob: string; namespace: string } | null;
  worst: Finding | null;
  findings: { failure: number; warning: number };
}

const ACTIVE = new Set(['Running', 'Pending', 'Failing', 'Succeeding']);

/** A context that has no snapshot at all: unknown with the reason (its credentials could not be made), or still connecting (null). */
export function unknownRow(context: string, reason: string | null): FleetRow {
  return { context, connection: reason === null ? 'connecting' : 'unknown', problem: reason, statefulSets: null, jobs: null, cronJobs: null, nextRun: null, worst: null, findings: { failure: 0, warning: 0 } };
}

export function fleetRow(context: string, snap: Snapshot, now: number): FleetRow {
  const seen = (k: KindName) => unknownReason(snap, k) === null;
  const sts = seen('statefulsets') ? statefulSetViews(snap, now, undefined, { graceMs: DEFAULT_GRACE_MS }) : null;
  const jobs = seen('jobs') ? jobViews(snap, now) : null;
  const cjs = seen('cronjobs') ? cronJobViews(snap, now) : null;
  let nextRun: FleetRow['nextRun'] = null;
  for (const c of cjs ?? []) {
    const at = c.nextRuns[0];
    if (at !== undefined && (nextRun === null || at < nextRun.at)) nextRun = { at, cronJob: c.name, namespace: c.namespace };
  }
  const findings = sts || jobs || cjs ? check(snap, now, { graceMs: DEFAULT_GRACE_MS }) : [];
  const problem = contextProblem(snap, ['statefulsets', 'jobs', 'cronjobs']) ?? (snap.connection.state === 'connected' ? null : snap.connection.error);
  const connection: FleetConnection = snap.connection.state === 'connecting' && snap.connection.error ? 'unknown' : snap.connection.state;
  return {
    context,
    connection,
    problem,
    statefulSets: sts && { total: sts.length, ready: sts.filter((v) => v.status === 'Ready').length, blocked: sts.filter((v) => v.status === 'Blocked').length },
    jobs: jobs && { active: jobs.filter((v) => ACTIVE.has(v.status)).length, failed: jobs.filter((v) => v.status === 'Failed').length },
    cronJobs: cjs && { total: cjs.length, failing: cjs.filter((v) => v.lastResult === 'Failed').length },
    nextRun,
    worst: findings[0] ?? null,
    findings: { failure: findings.filter((f) => f.severity === 'failure').length, warning: findings.filter((f) => f.severity === 'warning').length },
  };
}

/** The first run due across the fleet, with its context. */
export function nextFleetRun(rows: readonly FleetRow[]): (NonNullable<FleetRow['nextRun']> & { context: string }) | null {
  let best: (NonNullable<FleetRow['nextRun']> & { context: string }) | null = null;
  for (const r of rows) if (r.nextRun && (best === null || r.nextRun.at < best.at)) best = { ...r.nextRun, context: r.context };
  return best;
}
