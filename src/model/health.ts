// `kstate check`: every StatefulSet, Job and CronJob in scope judged from the same view models and
// findings as the dashboard, with a grace period for StatefulSets that are still starting; and the
// checks a kind that cannot be read leaves out. Pure.
import { shortDuration } from '../present/time.js';
import { orphanFindings } from './orphans.js';
import type { StatefulSetView } from './statefulset.js';
import type { Finding, KindName, Meta, Severity, Snapshot } from './types.js';
import { cronJobViews, jobViews, statefulSetViews } from './views.js';
import { known, unknownReason } from './visibility.js';

export interface CheckOptions {
  /** How long a StatefulSet may be not ready before it is reported. */
  graceMs: number;
  filter?: (r: Meta) => boolean;
}

export const SEVERITY_RANK: Record<Severity, number> = { failure: 0, warning: 1, info: 2 };

/** Since when a StatefulSet has not been fully ready (best evidence available), or null if it is ready. */
export function notReadySince(v: StatefulSetView): number | null {
  const waiting = v.rows.filter((r) => r.inRange && !r.pod?.ready);
  if (waiting.length === 0) return null;
  if (v.blocking?.since != null) return v.blocking.since;
  const created = waiting.map((r) => r.pod?.created ?? r.claims.find((c) => c.created !== null)?.created ?? null).filter((t): t is number => t !== null);
  return created.length ? Math.min(...created) : v.created;
}

function statefulSetFindings(v: StatefulSetView, now: number, graceMs: number): Finding[] {
  const out = v.findings.filter((f) => f.code !== 'BlockedOrdinal');
  const since = v.unknown.pods ? null : notReadySince(v);
  if (since !== null && now - since >= graceMs && v.status !== 'Scaled to 0' && v.status !== 'Deleting') {
    const where = v.blocking ? `: blocked at ordinal ${v.blocking.ordinal} — ${v.blocking.reason}: ${v.blocking.detail}` : '';
    out.unshift({
      severity: v.status === 'Blocked' ? 'failure' : 'warning',
      code: 'NotReady',
      object: `sts/${v.name}`,
      namespace: v.namespace,
      message: `${v.ready}/${v.replicas} ready for ${shortDuration(now - since)}${where}`,
    });
  }
  return out;
}

export function check(snap: Snapshot, now: number, options: CheckOptions): Finding[] {
  const findings: Finding[] = [];
  for (const v of statefulSetViews(snap, now, options.filter, { graceMs: options.graceMs })) findings.push(...statefulSetFindings(v, now, options.graceMs));
  // A CronJob's failed run is reported once, as the CronJob's LastRunFailed (when CronJobs are visible).
  const cronJobsKnown = known(snap, 'cronjobs');
  for (const v of jobViews(snap, now, options.filter)) findings.push(...(v.cronJob && cronJobsKnown ? v.findings.filter((f) => f.code !== 'JobFailed' && f.code !== 'PodFailures') : v.findings));
  for (const v of cronJobViews(snap, now, options.filter)) findings.push(...v.findings);
  findings.push(...orphanFindings(snap, now, options.filter));
  return findings.sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || a.namespace.localeCompare(b.namespace) || a.object.localeCompare(b.object));
}

/** The checks that need each kind read (beyond the object itself). */
const NEEDS: { readonly [K in KindName]?: readonly string[] } = {
  statefulsets: ['NotReady', 'NoStableDNS', 'UnboundClaim', 'RetainedClaims', 'PartitionedRollout', 'OrphanedVolume', 'OrphanedClaim'],
  pods: ['NotReady', 'RetainedClaims', 'OrphanedClaim'],
  pvcs: ['UnboundClaim', 'RetainedClaims', 'OrphanedClaim'],
  services: ['NoStableDNS'],
  jobs: ['JobFailed', 'JobFailing', 'PastDeadline', 'PodFailures', 'Suspended', 'LastRunFailed', 'OverlappingRuns'],
  cronjobs: ['InvalidSchedule', 'LastRunFailed', 'MissedRun', 'OverlappingRuns', 'FailuresHidden', 'Suspended'],
  pvs: ['OrphanedVolume'],
  nodes: ['StuckOrdinal'],
};

/** The kinds `check` reads, the workload kinds first. */
export const CHECK_KINDS = ['statefulsets', 'jobs', 'cronjobs', 'pods', 'pvcs', 'services', 'pvs', 'nodes'] as const satisfies readonly KindName[];

/**
 * Kinds whose checks only ever report info, which never sets the exit code: not seeing them hides
 * no failure or warning, so `check` goes on without them (and says so) even without --partial.
 * PersistentVolumes are cluster-scoped: most namespace identities may not list them.
 */
export const INFO_ONLY_KINDS: readonly KindName[] = ['pvs'];

/**
 * Kinds `check` goes on without (and says so) even without --partial: the info-only ones, and
 * Nodes — cluster-scoped, most namespace identities may not list them, and without them only a
 * stuck ordinal's node half is left out (a pod past its grace period is still found).
 */
export const OPTIONAL_KINDS: readonly KindName[] = [...INFO_ONLY_KINDS, 'nodes'];

export interface SkippedCheck {
  /** The kind that could not be read. */
  kind: KindName;
  reason: string;
  /** The finding codes that need it. */
  checks: readonly string[];
}

/** What `check` could not evaluate in this snapshot, and why: one entry per kind it could not read. */
export function skippedChecks(snap: Snapshot): SkippedCheck[] {
  return CHECK_KINDS.flatMap((kind) => {
    const reason = unknownReason(snap, kind);
    // Nodes are listed only while there is a StatefulSet to check (without one, nothing is left out).
    if (kind === 'nodes' && (snap.status.statefulsets.state !== 'synced' || snap.kinds.statefulsets.size === 0)) return [];
    return reason ? [{ kind, reason, checks: NEEDS[kind] ?? [] }] : [];
  });
}
