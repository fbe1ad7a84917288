// One-cell summaries of view models, shared by the CLI tables and the dashboard. Pure.
import type { JobView } from './job.js';
import type { StatefulSetView } from './statefulset.js';

export function ordinalRange(v: StatefulSetView): string {
  return v.replicas > 0 ? `${v.ordinalsStart}..${v.ordinalsStart + v.replicas - 1}` : '-';
}

export function claimsSummary(v: StatefulSetView): string {
  const inRange = v.rows.filter((r) => r.inRange).flatMap((r) => r.claims);
  if (v.claimTemplates.length === 0) return '-';
  const bound = inRange.filter((c) => c.phase === 'Bound').length;
  return `${bound}/${inRange.length} Bound${v.retainedClaims ? ` +${v.retainedClaims} retained` : ''}`;
}

export function blockedSummary(v: StatefulSetView): string {
  return v.blocking ? `#${v.blocking.ordinal} ${v.blocking.reason}` : '-';
}

export function completionsText(v: JobView): string {
  return v.completions === null ? `${v.succeeded}/∞` : `${v.succeeded}/${v.completions}`;
}
