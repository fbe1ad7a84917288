// What a pod's state is, in one word an operator recognises, plus readiness, restarts, init-container
// progress and native sidecars. Pure.
//
// The word is kubectl's STATUS column (the API server's pod printer) with two differences, both
// deliberate: a native sidecar (an init container with restartPolicy: Always) is not counted in
// Init:N/M, which counts the init containers that run to completion (the sidecars have a count of
// their own); a Failed pod says the pod's own reason (Evicted, DeadlineExceeded…) before its
// containers'; and a pod being deleted is Terminating whatever its phase.
import { byClaim, nsKey } from './lookup.js';
import type { ContainerStatusRec, PodRec } from './types.js';

export interface PodSummary {
  /** kubectl-style status: Running, Pending, ContainerCreating, Init:1/2, CrashLoopBackOff, OOMKilled, Completed, Error, Terminating… */
  status: string;
  /** ok: running and ready or completed; progress: on its way; bad: failing; gone: terminating */
  health: 'ok' | 'progress' | 'bad' | 'gone';
  ready: boolean;
  /** Ready containers of all that serve the pod (its containers and started native sidecars), as kubectl's READY: "2/3". */
  readyContainers: string;
  /** As kubectl counts them: the containers' and sidecars' restarts (and the init containers' while they run). */
  restarts: number;
  /** Init containers that run to completion: "2/2" when all are done, "1/2" while running, "" when there are none. Sidecars are not among them. */
  init: string;
  /** The init container (not a sidecar) running now. */
  initRunning: string | null;
  /** Native sidecars: "1/1" started of declared, "" when there are none. */
  sidecars: string;
  /** Exit code of the container that ended (the one the status is about), or null while none has. */
  exitCode: number | null;
  /** A restarting container's previous end (what a crash loop ends with): its exit code and reason ("Error", "OOMKilled"). */
  lastExitCode: number | null;
  lastReason: string;
  reason: string;
  message: string;
  unschedulable: string | null;
}

export function isReady(pod: PodRec): boolean {
  return pod.conditions.some((c) => c.type === 'Ready' && c.status === 'True');
}

const conditionTrue = (pod: PodRec, type: string) => pod.conditions.some((c) => c.type === type && c.status === 'True');
/** Waiting reasons of a container on its way up, not of one in trouble. */
const STARTING = new Set(['ContainerCreating', 'PodInitializing']);
/** The word for a container that ended: its reason, else the signal or the exit code (kubectl's words). */
const endWord = (c: ContainerStatusRec) => c.reason || (c.signal ? `Signal:${c.signal}` : `ExitCode:${c.exitCode ?? 0}`);

export function summarizePod(pod: PodRec): PodSummary {
  const ready = isReady(pod);
  const sidecar = new Set(pod.sidecarNames);
  const isSidecar = (c: ContainerStatusRec) => sidecar.has(c.name);
  const regularInits = pod.initContainerNames.filter((n) => !sidecar.has(n));
  const initDone = pod.initContainers.filter((c) => !isSidecar(c) && c.state === 'terminated' && c.exitCode === 0).length;
  const initRunning = pod.initContainers.find((c) => !isSidecar(c) && c.state === 'running')?.name ?? null;
  const sidecarsStarted = pod.initContainers.filter((c) => isSidecar(c) && c.started && c.state === 'running');
  const scheduled = pod.conditions.find((c) => c.type === 'PodScheduled');
  const unschedulable = scheduled && scheduled.status === 'False' ? scheduled.message || scheduled.reason || 'unschedulable' : null;

  // The init containers, in order, until the first that is not done (kubectl's walk).
  let status = pod.reason || pod.phase || 'Unknown';
  if (scheduled?.reason === 'SchedulingGated') status = 'SchedulingGated';
  let initializing = false;
  let initBad: ContainerStatusRec | null = null;
  let initRestarts = 0;
  for (const c of pod.initContainers) {
    initRestarts += c.restarts;
    if (c.state === 'terminated' && c.exitCode === 0) continue;
    if (isSidecar(c) && c.started) continue;
    initializing = true;
    if (c.state === 'terminated') {
      status = `Init:${endWord(c)}`;
      initBad = c;
    } else if (c.state === 'waiting' && c.reason && c.reason !== 'PodInitializing') {
      status = `Init:${c.reason}`;
      if (!STARTING.has(c.reason)) initBad = c;
    } else {
      status = `Init:${initDone}/${regularInits.length}`;
    }
    break;
  }

  // Then the containers, as kubectl reads them: the first one (in spec order) with something to say.
  const sidecarRestarts = pod.initContainers.filter(isSidecar).reduce((n, c) => n + c.restarts, 0);
  let restarts = initRestarts;
  let current: ContainerStatusRec | null = null;
  let failed: ContainerStatusRec | null = null;
  const initialized = !initializing || conditionTrue(pod, 'Initialized');
  if (initialized) {
    restarts = sidecarRestarts;
    let hasRunning = false;
    let errorWord = '';
    for (let i = pod.containers.length - 1; i >= 0; i--) {
      const c = pod.containers[i]!;
      restarts += c.restarts;
      if (c.state === 'waiting' && c.reason) {
        status = c.reason;
        current = c;
      } else if (c.state === 'terminated') {
        status = endWord(c);
        current = c;
        if (c.exitCode !== 0) {
          errorWord = status;
          failed = c;
        }
      } else if (c.ready && c.state === 'running') {
        hasRunning = true;
      }
    }
    if (status === 'Completed') {
      if (hasRunning && ready) status = 'Running';
      else if (errorWord) status = errorWord;
      else if (hasRunning) status = 'NotReady';
    }
  }

  const readyCount = pod.containers.filter((c) => c.ready && (initialized || c.state === 'running')).length + sidecarsStarted.filter((c) => c.ready).length;
  const terminated = pod.containers.find((c) => c.state === 'terminated');
  const crashed = current?.state === 'waiting' ? current : (pod.containers.find((c) => c.state === 'waiting' && c.lastExitCode !== null) ?? initBad);
  const base = {
    ready,
    readyContainers: `${readyCount}/${(pod.containerNames.length || pod.containers.length) + sidecar.size}`,
    restarts,
    init: regularInits.length ? `${initDone}/${regularInits.length}` : '',
    initRunning,
    sidecars: sidecar.size ? `${sidecarsStarted.length}/${sidecar.size}` : '',
    exitCode: (failed ?? (current?.state === 'terminated' ? current : null) ?? terminated ?? (initBad?.state === 'terminated' ? initBad : null))?.exitCode ?? null,
    lastExitCode: crashed?.lastExitCode ?? null,
    lastReason: crashed?.lastTerminationReason ?? '',
    reason: pod.reason,
    message: pod.message,
    unschedulable,
  };

  if (pod.deleting !== null) return { ...base, status: 'Terminating', health: 'gone' };
  if (pod.phase === 'Succeeded') return { ...base, status: 'Completed', health: 'ok' };
  if (pod.phase === 'Failed') {
    const end = failed ?? terminated;
    const word = pod.reason || (end ? endWord(end) : '') || 'Error';
    return { ...base, status: word, health: 'bad', reason: pod.reason || end?.reason || '', message: pod.message || end?.message || '' };
  }
  if (initBad && !initialized) return { ...base, status, health: 'bad', reason: initBad.reason, message: initBad.message };
  if (current && (failed === current || (current.state === 'waiting' && !STARTING.has(current.reason)))) {
    return { ...base, status, health: 'bad', reason: current.reason, message: current.message };
  }
  if (failed) return { ...base, status, health: 'bad', reason: failed.reason, message: failed.message };
  if (pod.phase === 'Pending' && unschedulable) return { ...base, status: 'Pending', health: 'bad', reason: 'Unschedulable', message: unschedulable };
  if (pod.phase === 'Running' && status === 'Running') return { ...base, status, health: ready ? 'ok' : 'progress' };
  return { ...base, status, health: 'progress' };
}

/** A claim is in use while a pod in its namespace mounts it: deleting it then would only mark it for deletion. */
export function claimInUse(pods: ReadonlyMap<string, PodRec>, namespace: string, claim: string): boolean {
  return byClaim(pods).get(nsKey(namespace, claim)) !== undefined;
}
