// What a pod's state is, in one word an operator recognises (as kubectl's STATUS column), plus
// readiness, restarts and init-container progress. Pure.
import type { ContainerStatusRec, PodRec } from './types.js';

export interface PodSummary {
  /** kubectl-style status: Running, Pending, ContainerCreating, Init:1/2, CrashLoopBackOff, Completed, Error, Terminating… */
  status: string;
  /** ok: running and ready or completed; progress: on its way; bad: failing; gone: terminating */
  health: 'ok' | 'progress' | 'bad' | 'gone';
  ready: boolean;
  readyContainers: string;
  restarts: number;
  /** "2/2" when all init containers are done, "1/2" while running, "" when there are none. */
  init: string;
  initRunning: string | null;
  exitCode: number | null;
  reason: string;
  message: string;
  unschedulable: string | null;
}

export function isReady(pod: PodRec): boolean {
  return pod.conditions.some((c) => c.type === 'Ready' && c.status === 'True');
}

function firstBad(containers: readonly ContainerStatusRec[]): ContainerStatusRec | undefined {
  return containers.find((c) => (c.state === 'waiting' && c.reason && c.reason !== 'ContainerCreating' && c.reason !== 'PodInitializing') || (c.state === 'terminated' && c.exitCode !== 0));
}

export function summarizePod(pod: PodRec): PodSummary {
  const ready = isReady(pod);
  const restarts = pod.containers.reduce((n, c) => n + c.restarts, 0);
  const initTotal = pod.initContainerNames.length;
  const initDone = pod.initContainers.filter((c) => c.state === 'terminated' && c.exitCode === 0).length;
  const initRunning = pod.initContainers.find((c) => c.state === 'running')?.name ?? null;
  const scheduled = pod.conditions.find((c) => c.type === 'PodScheduled');
  const unschedulable = scheduled && scheduled.status === 'False' ? scheduled.message || scheduled.reason || 'unschedulable' : null;
  const terminated = pod.containers.find((c) => c.state === 'terminated');
  const readyCount = pod.containers.filter((c) => c.ready).length;
  const base = {
    ready,
    readyContainers: `${readyCount}/${pod.containerNames.length || pod.containers.length}`,
    restarts,
    init: initTotal ? `${initDone}/${initTotal}` : '',
    initRunning,
    exitCode: terminated?.exitCode ?? null,
    reason: pod.reason,
    message: pod.message,
    unschedulable,
  };
  if (pod.deleting !== null) return { ...base, status: 'Terminating', health: 'gone' };
  const badInit = firstBad(pod.initContainers);
  if (badInit) return { ...base, status: `Init:${badInit.reason || 'Error'}`, health: 'bad', reason: badInit.reason, message: badInit.message };
  const bad = firstBad(pod.containers);
  if (pod.phase === 'Failed') {
    return { ...base, status: pod.reason || terminated?.reason || 'Error', health: 'bad', reason: pod.reason || terminated?.reason || '', message: pod.message || terminated?.message || '' };
  }
  if (pod.phase === 'Succeeded') return { ...base, status: 'Completed', health: 'ok' };
  if (bad) return { ...base, status: bad.reason || 'Error', health: 'bad', reason: bad.reason, message: bad.message };
  if (pod.phase === 'Pending') {
    if (unschedulable) return { ...base, status: 'Pending', health: 'bad', reason: 'Unschedulable', message: unschedulable };
    if (initTotal && initDone < initTotal) return { ...base, status: `Init:${initDone}/${initTotal}`, health: 'progress' };
    const waiting = pod.containers.find((c) => c.state === 'waiting');
    return { ...base, status: waiting?.reason || 'Pending', health: 'progress' };
  }
  if (pod.phase === 'Running') return { ...base, status: 'Running', health: ready ? 'ok' : 'progress' };
  return { ...base, status: pod.phase || 'Unknown', health: 'progress' };
}

/** A claim is in use while a pod in its namespace mounts it: deleting it then would only mark it for deletion. */
export function claimInUse(pods: ReadonlyMap<string, PodRec>, namespace: string, claim: string): boolean {
  for (const p of pods.values()) if (p.namespace === namespace && p.claimNames.includes(claim)) return true;
  return false;
}
