// The StatefulSet as its ordinals: one row per ordinal with its pod, DNS name and claims, rows for
// claims retained beyond the replica count, and the ordinal that blocks start-up or a rollout.
import { blockedNow, findBlocking, maxUnavailableOf } from './blocking.js';
import { claimFindings } from './claim-state.js';
import { byName, byOrdinalBase, nsKey } from './lookup.js';
import { summarizePod, type PodSummary } from './pods.js';
import { nodeState, stuckOrdinal, stuckText, type StuckOrdinal } from './stuck.js';
import type { Finding, PodRec, PvcRec, ServiceRec, Snapshot, StatefulSetRec } from './types.js';
import { unknownReason, unknowns, type Unknowns } from './visibility.js';

export interface ClaimCell {
  template: string;
  name: string;
  /** Bound, Pending, Lost, or Missing when no claim of that name exists. */
  phase: string;
  capacity: string | null;
  storageClass: string | null;
  volume: string;
  created: number | null;
  deleting: boolean;
}

export interface OrdinalPod extends PodSummary {
  name: string;
  uid: string;
  phase: string;
  node: string;
  ip: string;
  created: number | null;
  /** deletionTimestamp: when its deletion falls due (the grace period included). */
  deleting: number | null;
  revision: string;
  /** true when on the update revision, false when on an older one, null when unknown. */
  updated: boolean | null;
  /** Ready for minReadySeconds (the controller's "available"); equal to ready without minReadySeconds. */
  available: boolean;
  /** When a ready pod becomes available, while it waits out minReadySeconds; null otherwise. */
  availableAt: number | null;
}

export interface OrdinalRow {
  ordinal: number;
  podName: string;
  /** Inside [ordinals.start, ordinals.start + replicas). */
  inRange: boolean;
  /** Outside the range, with claims left behind by a scale-down (and no pod). */
  retained: boolean;
  /** Below the partition: a rolling update leaves it on the current revision. */
  belowPartition: boolean;
  pod: OrdinalPod | null;
  /**
   * Without a pod: whether the pod exists without the labels kstate watches pods by ('unlabelled'),
   * or is not known yet ('unchecked'); null when it is known not to exist.
   */
  unseen: 'unlabelled' | 'unchecked' | null;
  /** Its pod blocks it for good (past its grace period, or on a node that is not ready); null when not. */
  stuck: StuckOrdinal | null;
  dns: string | null;
  claims: ClaimCell[];
}

export type BlockReason = 'UnboundClaim' | 'Unschedulable' | 'CrashLoop' | 'InitContainers' | 'NotReady' | 'NotAvailable' | 'PodMissing' | 'PodUnlabelled' | 'Terminating' | 'Stuck' | 'Failed';

export interface Blocking {
  ordinal: number;
  /** What is held up: the ordered start-up, or a rollout. */
  during: 'startup' | 'rollout';
  reason: BlockReason;
  detail: string;
  /** Since when the blocking condition holds (epoch ms), when known. */
  since: number | null;
}

export interface StatefulSetView {
  kind: 'StatefulSet';
  uid: string;
  name: string;
  namespace: string;
  created: number | null;
  replicas: number;
  ordinalsStart: number;
  ready: number;
  current: number;
  updated: number;
  available: number;
  podManagementPolicy: StatefulSetRec['podManagementPolicy'];
  updateStrategy: StatefulSetRec['updateStrategy'];
  partition: number;
  /** spec.updateStrategy.rollingUpdate.maxUnavailable as the server kept it, resolved to ordinals; null when absent. */
  maxUnavailable: number | null;
  minReadySeconds: number;
  /** The earliest time a ready pod becomes available (minReadySeconds); null when none waits. */
  nextAvailableAt: number | null;
  retention: StatefulSetRec['retention'];
  serviceName: string;
  /** Why pods have no stable DNS name, when they have none (null too when the Service is unknown). */
  dnsProblem: string | null;
  claimTemplates: string[];
  currentRevision: string;
  updateRevision: string;
  rolloutInProgress: boolean;
  rows: OrdinalRow[];
  /** Claims kept after a scale-down; null when claims or pods are unknown. */
  retainedClaims: number | null;
  /** null also when pods are unknown. */
  blocking: Blocking | null;
  /** Ready, Progressing, Blocked, Scaled to 0, Deleting; Not ready when pods are unknown (from the counters). */
  status: string;
  findings: Finding[];
  /** What could not be derived, with the reason: a kind it reads is forbidden, loading or failing. */
  unknown: Unknowns<'pods' | 'claims' | 'service'>;
}

export interface StatefulSetViewOptions {
  clusterDomain?: string;
  /** How long a claim may stay unbound while its ordinal starts before the StatefulSet counts as blocked. */
  graceMs?: number;
}

/** The grace `kstate check --grace` gives by default, and the dashboard uses. */
export const DEFAULT_GRACE_MS = 5 * 60_000;
/** The DNS domain of a cluster that does not say otherwise (kubelet's --cluster-domain default). */
export const DEFAULT_CLUSTER_DOMAIN = 'cluster.local';

function claimCell(template: string, name: string, pvc: PvcRec | undefined): ClaimCell {
  return {
    template,
    name,
    phase: pvc ? pvc.phase : 'Missing',
    capacity: pvc ? (pvc.capacity ?? pvc.requested) : null,
    storageClass: pvc?.storageClass ?? null,
    volume: pvc?.volumeName ?? '',
    created: pvc?.created ?? null,
    deleting: pvc ? pvc.deleting !== null : false,
  };
}

function dnsProblem(sts: StatefulSetRec, service: ServiceRec | undefined, serviceUnknown: boolean): string | null {
  if (!sts.serviceName) return 'spec.serviceName is empty: pods get no stable DNS names';
  if (serviceUnknown) return null;
  if (!service) return `governing service "${sts.serviceName}" does not exist: pods get no stable DNS names`;
  if (service.clusterIP !== 'None') return `service "${sts.serviceName}" is not headless (clusterIP ${service.clusterIP || 'unset'}): pods get no per-pod DNS names`;
  return null;
}

/** When a ready pod counts as available: ready for minReadySeconds (the Ready condition's last transition), as the controllers count it. */
export function availableAt(pod: PodRec, minReadySeconds: number): number | null {
  const ready = pod.conditions.find((c) => c.type === 'Ready' && c.status === 'True');
  if (!ready) return null;
  if (minReadySeconds <= 0) return 0;
  return ready.lastTransition === null ? null : ready.lastTransition + minReadySeconds * 1000;
}

/** Without its pods, what the StatefulSet's own status says (it cannot tell blocked from progressing). */
function statusFromCounters(sts: StatefulSetRec, rolloutInProgress: boolean): string {
  if (sts.replicas === 0 && sts.status.replicas === 0) return 'Scaled to 0';
  return sts.status.readyReplicas >= sts.replicas && sts.status.replicas === sts.replicas && !rolloutInProgress ? 'Ready' : 'Not ready';
}

function unseenState(looked: ReadonlyMap<string, PodRec | null>, key: string): OrdinalRow['unseen'] {
  const found = looked.get(key);
  return found === undefined ? 'unchecked' : found === null ? null : 'unlabelled';
}

/** The pods the StatefulSets' ranges name that the (labelled) pod watch does not hold, as "namespace/name". */
export function unseenOrdinalPods(snap: Snapshot): string[] {
  const pods = byName(snap.kinds.pods);
  const unseen: string[] = [];
  for (const sts of snap.kinds.statefulsets.values()) {
    if (sts.deleting !== null) continue;
    for (let i = sts.ordinalsStart; i < sts.ordinalsStart + sts.replicas; i++) {
      const key = nsKey(sts.namespace, `${sts.name}-${i}`);
      if (!pods.get(key)) unseen.push(key);
    }
  }
  return unseen;
}

export function statefulSetView(sts: StatefulSetRec, snap: Snapshot, now: number, options: StatefulSetViewOptions = {}): StatefulSetView {
  const pods = byName(snap.kinds.pods);
  const pvcs = byName(snap.kinds.pvcs);
  const service = byName(snap.kinds.services).get(nsKey(sts.namespace, sts.serviceName));
  const domain = options.clusterDomain ?? DEFAULT_CLUSTER_DOMAIN;
  const unknown = unknowns({ pods: unknownReason(snap, 'pods'), claims: unknownReason(snap, 'pvcs'), service: sts.serviceName ? unknownReason(snap, 'services') : null });
  const problem = dnsProblem(sts, service, unknown.service !== undefined);
  const start = sts.ordinalsStart;
  const end = start + sts.replicas; // exclusive
  const templates = sts.claimTemplates.map((t) => t.name);
  const updateRevision = sts.status.updateRevision;
  const rolloutInProgress =
    sts.updateStrategy === 'RollingUpdate' && updateRevision !== '' && sts.status.currentRevision !== updateRevision && sts.status.updatedReplicas < sts.replicas - Math.min(sts.partition, sts.replicas);

  // Ordinals outside the range that still have a pod or claims.
  const extra = new Set<number>();
  const outside = (n: number) => n < start || n >= end;
  for (const { ordinal, record } of byOrdinalBase(snap.kinds.pods).get(nsKey(sts.namespace, sts.name)) ?? []) {
    if (outside(ordinal) && record.owners.some((o) => o.uid === sts.uid)) extra.add(ordinal);
  }
  for (const t of templates) {
    for (const { ordinal } of byOrdinalBase(snap.kinds.pvcs).get(nsKey(sts.namespace, `${t}-${sts.name}`)) ?? []) {
      if (outside(ordinal)) extra.add(ordinal);
    }
  }

  const ordinals = [...Array.from({ length: Math.max(0, sts.replicas) }, (_, i) => start + i), ...[...extra].sort((a, b) => a - b)];
  const rows: OrdinalRow[] = ordinals.map((ordinal) => {
    const podName = `${sts.name}-${ordinal}`;
    const rec: PodRec | undefined = pods.get(nsKey(sts.namespace, podName));
    const podRec = rec && (rec.owners.length === 0 || rec.owners.some((o) => o.uid === sts.uid)) ? rec : undefined;
    const revision = podRec?.labels['controller-revision-hash'] ?? '';
    const summary = podRec ? summarizePod(podRec) : null;
    const at = podRec && summary?.ready ? availableAt(podRec, sts.minReadySeconds) : null;
    // The controllers call a pod available once "now" is past readiness plus minReadySeconds.
    const available = summary?.ready === true && at !== null && (sts.minReadySeconds <= 0 || at < now);
    const pod: OrdinalPod | null = podRec && summary
      ? {
          ...summary,
          name: podRec.name,
          uid: podRec.uid,
          phase: podRec.phase,
          node: podRec.nodeName,
          ip: podRec.podIP,
          created: podRec.created,
          deleting: podRec.deleting,
          revision,
          updated: revision && updateRevision ? revision === updateRevision : null,
          available,
          availableAt: summary.ready && !available && at !== null && at > 0 ? at : null,
        }
      : null;
    const inRange = ordinal >= start && ordinal < end;
    const unseen = pod || rec || !inRange || !snap.unlabelledPods ? null : unseenState(snap.unlabelledPods, nsKey(sts.namespace, podName));
    const claims = unknown.claims ? [] : templates.map((t) => claimCell(t, `${t}-${sts.name}-${ordinal}`, pvcs.get(nsKey(sts.namespace, `${t}-${sts.name}-${ordinal}`))));
    return {
      ordinal,
      podName,
      inRange,
      retained: !inRange && !pod && !unknown.pods && claims.some((c) => c.phase !== 'Missing'),
      belowPartition: sts.updateStrategy === 'RollingUpdate' && sts.partition > 0 && ordinal - start < sts.partition,
      pod,
      unseen,
      stuck: podRec ? stuckOrdinal(podRec, nodeState(podRec.nodeName, snap), now) : null,
      dns: problem === null && !unknown.service && pod ? `${podName}.${sts.serviceName}.${sts.namespace}.svc.${domain}` : null,
      claims: inRange || pod ? claims : claims.filter((c) => c.phase !== 'Missing'),
    };
  });

  const blocking = sts.deleting === null && !unknown.pods ? findBlocking(sts, rolloutInProgress, rows, now) : null;
  const retainedClaims = unknown.pods || unknown.claims ? null : rows.filter((r) => r.retained).reduce((n, r) => n + r.claims.filter((c) => c.phase !== 'Missing').length, 0);
  const ready = sts.status.readyReplicas;
  const status =
    sts.deleting !== null
      ? 'Deleting'
      : unknown.pods
        ? statusFromCounters(sts, rolloutInProgress)
        : sts.replicas === 0 && rows.every((r) => !r.pod)
          ? 'Scaled to 0'
          : blocking && blockedNow(blocking, now, options.graceMs ?? DEFAULT_GRACE_MS)
            ? 'Blocked'
            : rows.every((r) => (r.inRange ? r.pod?.available === true : !r.pod)) && !rolloutInProgress
              ? 'Ready'
              : 'Progressing';

  const object = `sts/${sts.name}`;
  const findings: Finding[] = [];
  const finding = (severity: Finding['severity'], code: string, message: string) => findings.push({ severity, code, object, namespace: sts.namespace, message });
  // A stuck ordinal is its own finding (below), with its node.
  if (blocking && blocking.reason !== 'Stuck') {
    const age = blocking.since !== null ? ` for ${Math.max(0, Math.round((now - blocking.since) / 1000))}s` : '';
    finding(status === 'Blocked' ? 'failure' : 'warning', 'BlockedOrdinal', `${blocking.during} waits on ordinal ${blocking.ordinal}${age}: ${blocking.detail}`);
  }
  for (const row of rows) if (row.stuck && row.pod) finding('failure', 'StuckOrdinal', `ordinal ${row.ordinal} is stuck: ${stuckText(row.pod.name, row.stuck, now)}`);
  if (problem) finding('warning', 'NoStableDNS', problem);
  for (const row of rows) {
    for (const c of row.claims) if (row.inRange && c.phase !== 'Bound' && c.phase !== 'Missing') finding('warning', 'UnboundClaim', `claim ${c.name} is ${c.phase}`);
    for (const c of row.claims) {
      const pvc = c.phase === 'Missing' ? undefined : pvcs.get(nsKey(sts.namespace, c.name));
      if (pvc) findings.push(...claimFindings(pvc, object));
    }
  }
  if (retainedClaims) {
    const kept = rows.filter((r) => r.retained);
    const names = kept.flatMap((r) => r.claims.filter((c) => c.phase !== 'Missing').map((c) => c.name));
    finding('info', 'RetainedClaims', `${retainedClaims} claim(s) retained after scale-down at ordinal(s) ${kept.map((r) => r.ordinal).join(', ')} (whenScaled: ${sts.retention.whenScaled}): ${names.join(', ')}`);
  }
  if (sts.updateStrategy === 'RollingUpdate' && sts.partition > 0 && updateRevision && sts.status.currentRevision !== updateRevision) {
    finding('info', 'PartitionedRollout', `rollout paused at partition ${sts.partition}: ordinals below ${start + sts.partition} stay on ${sts.status.currentRevision}`);
  }

  return {
    kind: 'StatefulSet',
    uid: sts.uid,
    name: sts.name,
    namespace: sts.namespace,
    created: sts.created,
    replicas: sts.replicas,
    ordinalsStart: start,
    ready,
    current: sts.status.currentReplicas,
    updated: sts.status.updatedReplicas,
    available: sts.status.availableReplicas,
    podManagementPolicy: sts.podManagementPolicy,
    updateStrategy: sts.updateStrategy,
    partition: sts.partition,
    maxUnavailable: maxUnavailableOf(sts),
    minReadySeconds: sts.minReadySeconds,
    nextAvailableAt: rows.reduce<number | null>((t, r) => (r.pod?.availableAt != null && (t === null || r.pod.availableAt < t) ? r.pod.availableAt : t), null),
    retention: sts.retention,
    serviceName: sts.serviceName,
    dnsProblem: problem,
    claimTemplates: templates,
    currentRevision: sts.status.currentRevision,
    updateRevision,
    rolloutInProgress,
    rows,
    retainedClaims,
    blocking,
    status,
    findings,
    unknown,
  };
}

/** Claims left behind by a scale-down that exist (pod gone, claim kept under whenScaled: Retain). */
export function retainedClaims(v: StatefulSetView): ClaimCell[] {
  return v.rows.filter((r) => r.retained).flatMap((r) => r.claims.filter((c) => c.phase !== 'Missing'));
}

/** The objects a StatefulSet is made of, as event keys: itself, its pods and its claims. */
export function statefulSetParts(v: StatefulSetView): string[] {
  const keys = [`StatefulSet/${v.namespace}/${v.name}`];
  for (const r of v.rows) {
    if (r.pod) keys.push(`Pod/${v.namespace}/${r.pod.name}`);
    for (const c of r.claims) if (c.phase !== 'Missing') keys.push(`PersistentVolumeClaim/${v.namespace}/${c.name}`);
  }
  return keys;
}
