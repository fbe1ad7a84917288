// Which container logs to read and how: a running container is followed, a finished one is read
// whole (following a finished container's log would end at once, or — with KWOK — never); and what
// the API server's refusals mean, in words. Pure.
import type { PodRec } from './types.js';

export interface LogTarget {
  namespace: string;
  pod: string;
  podUid: string;
  node: string;
  container: string;
  /** Follow the stream (the container runs), or read the whole log and end. */
  follow: boolean;
  previous: boolean;
  /** The prefix of its lines in a merged stream ("2" for ordinal 2), or null when alone. */
  label: string | null;
}

/** A line of a log stream. */
export interface LogLine {
  label: string | null;
  /** The kubelet's RFC 3339 timestamp of the line, or null. */
  time: string | null;
  text: string;
  /** A line of ours saying why the stream failed or ended. */
  error: boolean;
  /**
   * Read as bytes (StreamOptions.bytes): the line's bytes as the container wrote them (text is
   * empty), whether this piece continues a line already begun (a long line comes in pieces), and
   * how it ends: with a newline, or not (the log's last line without one, or a piece of a line).
   */
  bytes?: Uint8Array;
  continued?: boolean;
  newline?: boolean;
}

export interface LogStreams {
  /** Stops every stream (the view closed). */
  stop(): void;
  /** Stops the streams of one pod, with a last line saying why (the pod is gone). */
  stopPod(uid: string, why: string): void;
}

/** A pod whose logs are wanted, with the prefix its lines get in a merged stream. */
export interface LabelledPod {
  pod: PodRec;
  label: string | null;
}

export interface LogOptions {
  container?: string;
  previous?: boolean;
  /** false: read every log whole, even of running containers (`kstate logs` without -f). */
  follow?: boolean;
}

export interface LogPlan {
  targets: LogTarget[];
  /** Pods whose log cannot be read at all, with the reason (no request is sent for them). */
  problems: { label: string | null; text: string }[];
}

const DEFAULT_CONTAINER = 'kubectl.kubernetes.io/default-container';

/** The container kubectl would pick: the annotated default, else the first app container. */
export function defaultContainer(pod: PodRec): string | null {
  const annotated = pod.annotations[DEFAULT_CONTAINER];
  if (annotated && pod.containerNames.includes(annotated)) return annotated;
  return pod.containerNames[0] ?? pod.initContainerNames[0] ?? null;
}

/** Init containers first, in the order they run, then the app containers. */
export function containerNames(pod: PodRec): string[] {
  return [...pod.initContainerNames, ...pod.containerNames];
}

/** Whether a container is running now, so its log can grow (follow it) or is complete (read it whole). */
export function containerRunning(pod: PodRec, container: string): boolean {
  if (pod.phase === 'Succeeded' || pod.phase === 'Failed') return false;
  const status = [...pod.containers, ...pod.initContainers].find((c) => c.name === container);
  return status?.state === 'running';
}

/** Why a container's current log cannot exist yet, or null. */
export function notStarted(pod: PodRec, container: string): string | null {
  if (!pod.nodeName) return `container ${container} of pod ${pod.name} has not started: the pod is not scheduled to a node yet`;
  const status = [...pod.containers, ...pod.initContainers].find((c) => c.name === container);
  if (status?.state === 'waiting' && status.restarts === 0 && status.lastExitCode === null) {
    return `container ${container} of pod ${pod.name} has not started yet${status.reason ? ` (${status.reason})` : ''}`;
  }
  return null;
}

/** The pods' log targets; the kubelet is only asked about containers that can have a log. */
export function logPlan(pods: readonly LabelledPod[], o: LogOptions = {}): LogPlan {
  const plan: LogPlan = { targets: [], problems: [] };
  for (const { pod, label } of pods) {
    const container = o.container ?? defaultContainer(pod);
    const names = containerNames(pod);
    if (!container || !names.includes(container)) {
      plan.problems.push({ label, text: container ? `pod ${pod.name} has no container ${container} (it has ${names.join(', ') || 'none'})` : `pod ${pod.name} has no containers` });
      continue;
    }
    const waiting = o.previous ? null : notStarted(pod, container);
    if (waiting) {
      plan.problems.push({ label, text: waiting });
      continue;
    }
    const previous = o.previous ?? false;
    plan.targets.push({
      namespace: pod.namespace,
      pod: pod.name,
      podUid: pod.uid,
      node: pod.nodeName,
      container,
      follow: (o.follow ?? true) && !previous && containerRunning(pod, container),
      previous,
      label,
    });
  }
  return plan;
}

/** A Job's pods in the order they started; labelled by name when there are several. */
export function podsInStartOrder(pods: readonly PodRec[]): LabelledPod[] {
  const sorted = [...pods].sort((a, b) => (a.startTime ?? a.created ?? 0) - (b.startTime ?? b.created ?? 0) || a.name.localeCompare(b.name));
  return sorted.map((pod) => ({ pod, label: sorted.length > 1 ? pod.name : null }));
}

/** The path of a container's log on the API server (timestamps always: the view shows or hides them). */
export function logPath(t: LogTarget, tailLines?: number): string {
  const q = new URLSearchParams({ container: t.container, timestamps: 'true' });
  if (t.follow) q.set('follow', 'true');
  if (t.previous) q.set('previous', 'true');
  if (tailLines !== undefined) q.set('tailLines', String(tailLines));
  return `/api/v1/namespaces/${encodeURIComponent(t.namespace)}/pods/${encodeURIComponent(t.pod)}/log?${q}`;
}

/** A server message without URLs (a kubelet error quotes the URL it dialled) and cut to one line. */
function gist(message: string): string {
  // Go's url.Error reads `Get "https://…": reason`: drop the method with the URL.
  const line = (message.split('\n')[0] ?? '').replace(/(?:\b(?:Get|Post|Put|Patch|Delete|Head) )?"?https?:\/\/[^\s"]*"?:?\s*/g, '').trim();
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}

/** An HTTP refusal of a log request, in words: one line, no URL, no body, no headers. */
export function logProblem(status: number, message: string, t: LogTarget): string {
  const where = `container ${t.container} of pod ${t.pod}`;
  const m = message.toLowerCase();
  const node = t.node ? `on node ${t.node} ` : '';
  if (status === 403) return `forbidden: you may not read the logs of pod ${t.pod} (get pods/log in namespace ${t.namespace})`;
  if (status === 404 && /pods? "?[^"\s]*"? not found/.test(m)) return `pod ${t.pod} is gone`;
  // A kubelet: `previous terminated container "c" in pod "p" not found`; KWOK: `failed to read log
  // file "."` or `failed to tail 100 lines of log file "."` (no previous file configured).
  if (t.previous && /previous terminated container|log file "\."/.test(m)) return `no previous container log for ${where}: it has not been restarted`;
  const waiting = /is waiting to start:?\s*(.*)$/.exec(message);
  if (waiting || /podinitializing|containercreating/.test(m)) return `${where} has not started yet${waiting?.[1] ? ` (${gist(waiting[1])})` : ''}`;
  if (/is not valid for pod|not found in pod/.test(m)) return `pod ${t.pod} has no container ${t.container}`;
  if (/connection refused/.test(m)) return `the kubelet ${node}refused the connection: no log can be read from that node`;
  if (/i\/o timeout|timed out|deadline exceeded/.test(m)) return `the kubelet ${node}did not answer in time`;
  if (status >= 500) return `the kubelet ${node}could not serve the log of ${where}: ${gist(message) || `HTTP ${status}`}`;
  return `cannot read the log of ${where}: ${gist(message) || `HTTP ${status}`}`;
}
