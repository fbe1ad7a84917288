// A stuck ordinal: its pod object stays, so the StatefulSet controller makes no replacement — the
// pod is terminating past its grace period (no kubelet confirms), or its node is not ready (or gone).
// Only deleting the pod object by force (grace period 0) frees the identity. Pure.
import { shortDuration } from '../present/time.js';
import { byName, nsKey } from './lookup.js';
import type { PodRec, Snapshot } from './types.js';
import { unknownReason } from './visibility.js';

export interface NodeState {
  /** '' when the pod is bound to no node. */
  name: string;
  /** true: NotReady, Unknown, or the Node object is missing; false: Ready; null: not known (see `text`). */
  down: boolean | null;
  /** "Ready", "NotReady (Unknown: NodeStatusUnknown: Kubelet stopped posting node status.)", "missing", "unknown (…)". */
  text: string;
  /** Since when it is in that state (its Ready condition's last transition); null when not known. */
  since: number | null;
}

export interface StuckOrdinal {
  /** The deletion is past due (deletionTimestamp already includes the grace period). */
  pastDue: boolean;
  /** When the pod's deletion fell due, when it is past due. */
  dueAt: number | null;
  node: NodeState;
  /** Since when the ordinal is stuck: the deletion's due time, else the node's transition. */
  since: number | null;
}

/** The state of the node a pod is bound to, as the snapshot knows it. */
export function nodeState(name: string, snap: Snapshot): NodeState {
  if (!name) return { name, down: null, text: 'bound to no node', since: null };
  const hidden = unknownReason(snap, 'nodes');
  if (hidden) return { name, down: null, text: `state unknown (${hidden})`, since: null };
  const node = byName(snap.kinds.nodes).get(nsKey('', name));
  if (!node) return { name, down: true, text: 'missing (no Node object)', since: null };
  if (node.ready === 'True') return { name, down: false, text: 'Ready', since: node.readySince };
  const why = [node.ready || 'no Ready condition', node.readyReason, node.readyMessage].filter(Boolean).join(': ');
  return { name, down: true, text: `NotReady (${why})`, since: node.readySince };
}

/** Whether the pod blocks its ordinal for good, and since when; null when it does not. */
export function stuckOrdinal(pod: PodRec, node: NodeState, now: number): StuckOrdinal | null {
  const pastDue = pod.deleting !== null && now > pod.deleting;
  if (!pastDue && node.down !== true) return null;
  return { pastDue, dueAt: pastDue ? pod.deleting : null, node, since: pastDue ? pod.deleting : node.since };
}

/** "pod web-1 is terminating 2m past its grace period; node n1: NotReady (Unknown) for 5m". */
export function stuckText(pod: string, s: StuckOrdinal, now: number): string {
  const what = s.pastDue && s.dueAt !== null ? `pod ${pod} is terminating ${shortDuration(now - s.dueAt)} past its grace period` : `pod ${pod} stays on a node that is not ready`;
  const node = s.node.name ? `node ${s.node.name}: ${s.node.text}${s.node.since !== null ? ` for ${shortDuration(now - s.node.since)}` : ''}` : `pod ${s.node.text}`;
  return `${what}; ${node}; the controller makes no replacement while the pod object exists`;
}
