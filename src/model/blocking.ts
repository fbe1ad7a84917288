// The ordinal a StatefulSet waits on, and why: what holds its ordered start-up or its rolling
// update (a claim not bound, a pod that cannot be scheduled or crash-loops, one not yet available).
import { stuckText } from './stuck.js';
import type { Blocking, BlockReason, OrdinalRow } from './statefulset.js';
import type { StatefulSetRec } from './types.js';

function blockingFor(row: OrdinalRow, during: Blocking['during'], minReadySeconds: number, now: number): Blocking | null {
  const { pod, ordinal } = row;
  const unbound = row.claims.find((c) => c.phase !== 'Bound' && c.phase !== 'Missing');
  if (!pod) {
    if (row.unseen === 'unlabelled') {
      const detail = `pod ${row.podName} exists without the labels of the StatefulSet's pods: the controller can neither adopt it nor create the ordinal's pod`;
      return { ordinal, during, reason: 'PodUnlabelled', detail, since: null };
    }
    if (unbound) return { ordinal, during, reason: 'UnboundClaim', detail: `claim ${unbound.name} is ${unbound.phase}`, since: unbound.created };
    const detail = row.unseen === 'unchecked' ? `pod ${row.podName} not seen (looking for it by name)` : `pod ${row.podName} does not exist yet`;
    return { ordinal, during, reason: 'PodMissing', detail, since: null };
  }
  if (row.stuck) return { ordinal, during, reason: 'Stuck', detail: stuckText(pod.name, row.stuck, now), since: row.stuck.since };
  if (pod.health === 'ok') {
    if (pod.available) return null;
    const left = pod.availableAt === null ? '' : `, available in ${Math.max(1, Math.ceil((pod.availableAt - now) / 1000))}s`;
    return { ordinal, during, reason: 'NotAvailable', detail: `pod ${pod.name} is ready, not yet available (minReadySeconds ${minReadySeconds}${left})`, since: pod.availableAt === null ? null : pod.availableAt - minReadySeconds * 1000 };
  }
  const since = pod.created;
  if (pod.status === 'Terminating') return { ordinal, during, reason: 'Terminating', detail: `pod ${pod.name} is terminating`, since };
  if (unbound && pod.phase === 'Pending') return { ordinal, during, reason: 'UnboundClaim', detail: `claim ${unbound.name} is ${unbound.phase}`, since: unbound.created ?? since };
  if (pod.unschedulable) return { ordinal, during, reason: 'Unschedulable', detail: pod.unschedulable, since };
  if (pod.status === 'CrashLoopBackOff' || (pod.health === 'bad' && pod.restarts > 0)) {
    return { ordinal, during, reason: 'CrashLoop', detail: `pod ${pod.name} is crash-looping (${pod.restarts} restarts${pod.lastExitCode !== null ? `, last exit ${pod.lastExitCode}${pod.lastReason ? ` ${pod.lastReason}` : ''}` : ''}${pod.message ? `: ${pod.message}` : ''})`, since };
  }
  if (pod.status.startsWith('Init:')) {
    const detail = pod.initRunning ? `init container ${pod.initRunning} is running (${pod.init} done)` : `init containers ${pod.status.slice(5)}`;
    return { ordinal, during, reason: 'InitContainers', detail, since };
  }
  if (pod.health === 'bad') return { ordinal, during, reason: 'Failed', detail: `pod ${pod.name} is ${pod.status}${pod.message ? `: ${pod.message}` : ''}`, since };
  return { ordinal, during, reason: 'NotReady', detail: `pod ${pod.name} is ${pod.status}, not ready`, since };
}

const PROGRESSING: readonly BlockReason[] = ['PodMissing', 'NotReady', 'NotAvailable', 'InitContainers'];

/** A start-up that waits normally (a pod coming up, a claim being provisioned) before it counts as blocked. */
export function blockedNow(b: Blocking, now: number, graceMs: number): boolean {
  if (PROGRESSING.includes(b.reason)) return false;
  if (b.reason === 'UnboundClaim') return b.since === null || now - b.since >= graceMs;
  return true;
}

/** The ordinal start-up or a rollout waits on, and why: as the controller orders its work under each policy. */
export function findBlocking(sts: StatefulSetRec, rolloutInProgress: boolean, rows: OrdinalRow[], now: number): Blocking | null {
  const inRange = rows.filter((r) => r.inRange);
  const during = (row: OrdinalRow): Blocking['during'] => (rolloutInProgress && row.pod ? 'rollout' : 'startup');
  const blockingOf = (row: OrdinalRow, d: Blocking['during']) => blockingFor(row, d, sts.minReadySeconds, now);
  // OrderedReady waits on the lowest ordinal that is not running and available, whatever else it does.
  if (sts.podManagementPolicy === 'OrderedReady') {
    for (const row of inRange) {
      const b = blockingOf(row, during(row));
      if (b) return b;
    }
  } else if (rolloutInProgress && sts.updateStrategy === 'RollingUpdate') {
    // A rolling update goes from the highest ordinal down and takes down at most maxUnavailable
    // ordinals at once: fewer unavailable ones than that do not hold it.
    const waiting = [...inRange].reverse().flatMap((row) => blockingOf(row, 'rollout') ?? []);
    const budget = maxUnavailableOf(sts) ?? 1;
    if (waiting.length >= budget && waiting[0]) {
      const also = waiting.slice(1).map((b) => b.ordinal);
      return budget > 1 ? { ...waiting[0], detail: `${waiting[0].detail}; ${waiting.length} ordinals unavailable (${[waiting[0].ordinal, ...also].join(', ')}), maxUnavailable ${budget}` } : waiting[0];
    }
  }
  // Parallel start-up: no ordinal waits on another, but a pod that cannot start is still the one to look at.
  for (const row of inRange) {
    const b = blockingOf(row, 'startup');
    if (b && !PROGRESSING.includes(b.reason)) return b;
  }
  return null;
}

/**
 * How many ordinals a rolling update may take down at once, as the controller resolves
 * maxUnavailable: a count, or a percentage of the replicas rounded down; at least 1. null when the
 * server kept no such field (its feature gate off, or never set).
 */
export function maxUnavailableOf(sts: StatefulSetRec): number | null {
  const m = sts.maxUnavailable;
  if (m === null || sts.updateStrategy !== 'RollingUpdate') return null;
  const n = typeof m === 'number' ? m : /^\d+%$/.test(m) ? Math.floor((sts.replicas * Number(m.slice(0, -1))) / 100) : Number(m);
  return Number.isFinite(n) ? Math.max(1, n) : 1;
}
