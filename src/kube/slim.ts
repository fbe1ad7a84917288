// Turns raw API objects (from a list: Dates; from a watch: strings) into the slim records the
// store keeps. Everything not read by a view is dropped here (managedFields, specs of containers…).
import type {
  ClaimTemplate,
  ContainerStatusRec,
  CronJobRec,
  EventRec,
  HpaRec,
  JobRec,
  KindName,
  NodeRec,
  PodRec,
  PvcRec,
  PvRec,
  RecordsByKind,
  ServiceRec,
  StatefulSetRec,
  StorageClassRec,
} from '../model/types.js';
import type { RevisionRec } from '../model/revisions.js';

import { conditions, list, meta, num, numOrNull, quantity, record, str, strMap, toMs, type Raw } from './raw.js';

function containerStatus(c: Raw): ContainerStatusRec {
  const s: Raw = c.state ?? {};
  const last: Raw = c.lastState?.terminated ?? {};
  const [state, detail]: [ContainerStatusRec['state'], Raw] = s.running
    ? ['running', s.running]
    : s.terminated
      ? ['terminated', s.terminated]
      : s.waiting
        ? ['waiting', s.waiting]
        : ['unknown', {}];
  return {
    name: str(c.name),
    ready: c.ready === true,
    started: c.started === true,
    restarts: num(c.restartCount, 0),
    state,
    reason: str(detail.reason),
    message: str(detail.message),
    exitCode: numOrNull(detail.exitCode),
    signal: numOrNull(detail.signal),
    startedAt: toMs(detail.startedAt),
    finishedAt: toMs(detail.finishedAt),
    lastTerminationReason: str(last.reason),
    lastExitCode: numOrNull(last.exitCode),
  };
}

function statefulSet(o: Raw): StatefulSetRec {
  const spec: Raw = o.spec ?? {};
  const status: Raw = o.status ?? {};
  const rolling: Raw = spec.updateStrategy?.rollingUpdate ?? {};
  const podSpec: Raw = spec.template?.spec ?? {};
  return record<StatefulSetRec>(meta(o), {
    kind: 'StatefulSet',
    replicas: num(spec.replicas, 1),
    ordinalsStart: num(spec.ordinals?.start, 0),
    serviceName: str(spec.serviceName),
    podManagementPolicy: spec.podManagementPolicy === 'Parallel' ? 'Parallel' : 'OrderedReady',
    updateStrategy: spec.updateStrategy?.type === 'OnDelete' ? 'OnDelete' : 'RollingUpdate',
    partition: num(rolling.partition, 0),
    maxUnavailable: rolling.maxUnavailable ?? null,
    minReadySeconds: num(spec.minReadySeconds, 0),
    retention: {
      whenScaled: spec.persistentVolumeClaimRetentionPolicy?.whenScaled === 'Delete' ? 'Delete' : 'Retain',
      whenDeleted: spec.persistentVolumeClaimRetentionPolicy?.whenDeleted === 'Delete' ? 'Delete' : 'Retain',
    },
    claimTemplates: list(spec.volumeClaimTemplates).map(
      (t): ClaimTemplate => ({
        name: str(t.metadata?.name),
        storage: quantity(t.spec?.resources?.requests?.storage),
        storageClass: t.spec?.storageClassName ?? null,
        accessModes: list(t.spec?.accessModes).map((m) => str(m)),
      }),
    ),
    selector: strMap(spec.selector?.matchLabels),
    initContainers: list(podSpec.initContainers).map((c) => str(c.name)),
    containers: list(podSpec.containers).map((c) => str(c.name)),
    status: {
      observedGeneration: num(status.observedGeneration, 0),
      replicas: num(status.replicas, 0),
      readyReplicas: num(status.readyReplicas, 0),
      availableReplicas: num(status.availableReplicas, 0),
      currentReplicas: num(status.currentReplicas, 0),
      updatedReplicas: num(status.updatedReplicas, 0),
      currentRevision: str(status.currentRevision),
      updateRevision: str(status.updateRevision),
    },
  });
}

function pod(o: Raw): PodRec {
  const spec: Raw = o.spec ?? {};
  const status: Raw = o.status ?? {};
  return record<PodRec>(meta(o), {
    kind: 'Pod',
    phase: str(status.phase, 'Pending'),
    reason: str(status.reason),
    message: str(status.message),
    nodeName: str(spec.nodeName),
    podIP: str(status.podIP),
    startTime: toMs(status.startTime),
    conditions: conditions(status.conditions),
    containers: list(status.containerStatuses).map(containerStatus),
    initContainers: list(status.initContainerStatuses).map(containerStatus),
    containerNames: list(spec.containers).map((c) => str(c.name)),
    initContainerNames: list(spec.initContainers).map((c) => str(c.name)),
    sidecarNames: list(spec.initContainers)
      .filter((c) => c.restartPolicy === 'Always')
      .map((c) => str(c.name)),
    claimNames: list(spec.volumes)
      .map((v) => v.persistentVolumeClaim?.claimName)
      .filter((n): n is string => typeof n === 'string'),
    restartPolicy: str(spec.restartPolicy, 'Always'),
  });
}

function pvc(o: Raw): PvcRec {
  const spec: Raw = o.spec ?? {};
  const status: Raw = o.status ?? {};
  return record<PvcRec>(meta(o), {
    kind: 'PersistentVolumeClaim',
    phase: str(status.phase, 'Pending'),
    capacity: quantity(status.capacity?.storage),
    requested: quantity(spec.resources?.requests?.storage),
    storageClass: spec.storageClassName ?? null,
    volumeName: str(spec.volumeName),
    accessModes: list(spec.accessModes).map((m) => str(m)),
    conditions: conditions(status.conditions),
    resizeStatus: str(status.allocatedResourceStatuses?.storage),
    allocated: quantity(status.allocatedResources?.storage),
    attributesClass: {
      wanted: spec.volumeAttributesClassName ?? null,
      current: status.currentVolumeAttributesClassName ?? null,
      target: status.modifyVolumeStatus?.targetVolumeAttributesClassName ?? null,
      status: str(status.modifyVolumeStatus?.status),
    },
  });
}

function pv(o: Raw): PvRec {
  const spec: Raw = o.spec ?? {};
  const status: Raw = o.status ?? {};
  const ref: Raw | undefined = spec.claimRef;
  return record<PvRec>(meta(o), {
    kind: 'PersistentVolume',
    phase: str(status.phase, 'Pending'),
    capacity: quantity(spec.capacity?.storage),
    // The API server defaults it (Retain for a volume made by hand, the class's for a provisioned one).
    reclaimPolicy: str(spec.persistentVolumeReclaimPolicy, 'Retain'),
    storageClass: str(spec.storageClassName),
    accessModes: list(spec.accessModes).map((m) => str(m)),
    claim: ref ? { namespace: str(ref.namespace), name: str(ref.name), uid: str(ref.uid) } : null,
    message: str(status.message),
    phaseSince: toMs(status.lastPhaseTransitionTime),
  });
}

const DEFAULT_CLASS = ['storageclass.kubernetes.io/is-default-class', 'storageclass.beta.kubernetes.io/is-default-class'];

function storageClass(o: Raw): StorageClassRec {
  const m = meta(o);
  return record<StorageClassRec>(m, {
    kind: 'StorageClass',
    provisioner: str(o.provisioner),
    reclaimPolicy: str(o.reclaimPolicy, 'Delete'),
    allowVolumeExpansion: o.allowVolumeExpansion === true,
    isDefault: DEFAULT_CLASS.some((a) => m.annotations[a] === 'true'),
  });
}

function job(o: Raw): JobRec {
  const spec: Raw = o.spec ?? {};
  const status: Raw = o.status ?? {};
  return record<JobRec>(meta(o), {
    kind: 'Job',
    completions: numOrNull(spec.completions),
    parallelism: num(spec.parallelism, 1),
    backoffLimit: num(spec.backoffLimit, 6),
    backoffLimitPerIndex: numOrNull(spec.backoffLimitPerIndex),
    maxFailedIndexes: numOrNull(spec.maxFailedIndexes),
    podFailurePolicy: list(spec.podFailurePolicy?.rules).map((r) => ({
      action: str(r.action),
      onExitCodes: r.onExitCodes ? { containerName: r.onExitCodes.containerName ? str(r.onExitCodes.containerName) : null, operator: str(r.onExitCodes.operator), values: list(r.onExitCodes.values).map((v) => num(v, 0)) } : null,
      onPodConditions: list(r.onPodConditions).map((c) => ({ type: str(c.type), status: str(c.status) })),
    })),
    successPolicy: list(spec.successPolicy?.rules).map((r) => ({ succeededIndexes: r.succeededIndexes ? str(r.succeededIndexes) : null, succeededCount: numOrNull(r.succeededCount) })),
    managedBy: spec.managedBy ? str(spec.managedBy) : null,
    podReplacementPolicy: spec.podReplacementPolicy ? str(spec.podReplacementPolicy) : null,
    activeDeadlineSeconds: numOrNull(spec.activeDeadlineSeconds),
    ttlSecondsAfterFinished: numOrNull(spec.ttlSecondsAfterFinished),
    completionMode: spec.completionMode === 'Indexed' ? 'Indexed' : 'NonIndexed',
    suspend: spec.suspend === true,
    containers: list(spec.template?.spec?.containers).map((c) => str(c.name)),
    status: {
      active: num(status.active, 0),
      ready: num(status.ready, 0),
      succeeded: num(status.succeeded, 0),
      failed: num(status.failed, 0),
      terminating: num(status.terminating, 0),
      startTime: toMs(status.startTime),
      completionTime: toMs(status.completionTime),
      completedIndexes: str(status.completedIndexes),
      failedIndexes: str(status.failedIndexes),
      conditions: conditions(status.conditions),
    },
  });
}

function cronJob(o: Raw): CronJobRec {
  const spec: Raw = o.spec ?? {};
  const status: Raw = o.status ?? {};
  const policy = spec.concurrencyPolicy;
  return record<CronJobRec>(meta(o), {
    kind: 'CronJob',
    schedule: str(spec.schedule),
    timeZone: typeof spec.timeZone === 'string' && spec.timeZone !== '' ? spec.timeZone : null,
    concurrencyPolicy: policy === 'Forbid' || policy === 'Replace' ? policy : 'Allow',
    suspend: spec.suspend === true,
    startingDeadlineSeconds: numOrNull(spec.startingDeadlineSeconds),
    successfulJobsHistoryLimit: num(spec.successfulJobsHistoryLimit, 3),
    failedJobsHistoryLimit: num(spec.failedJobsHistoryLimit, 1),
    status: {
      lastScheduleTime: toMs(status.lastScheduleTime),
      lastSuccessfulTime: toMs(status.lastSuccessfulTime),
      active: list(status.active).map((r) => ({ name: str(r.name), uid: str(r.uid) })),
    },
  });
}

function service(o: Raw): ServiceRec {
  const spec: Raw = o.spec ?? {};
  return record<ServiceRec>(meta(o), { kind: 'Service', clusterIP: str(spec.clusterIP), type: str(spec.type, 'ClusterIP'), selector: strMap(spec.selector) });
}

function event(o: Raw): EventRec {
  const m: Raw = o.metadata ?? {};
  const io: Raw = o.involvedObject ?? o.regarding ?? {};
  return {
    kind: 'Event',
    uid: str(m.uid),
    namespace: str(m.namespace),
    name: str(m.name),
    resourceVersion: str(m.resourceVersion),
    involved: { kind: str(io.kind), name: str(io.name), namespace: str(io.namespace), uid: str(io.uid) },
    type: str(o.type, 'Normal'),
    reason: str(o.reason),
    message: str(o.message ?? o.note),
    count: num(o.count ?? o.series?.count, 1),
    last: toMs(o.lastTimestamp) ?? toMs(o.series?.lastObservedTime) ?? toMs(o.eventTime) ?? toMs(m.creationTimestamp),
    source: str(o.source?.component ?? o.reportingController ?? o.reportingComponent),
  };
}

function node(o: Raw): NodeRec {
  const ready = list(o.status?.conditions).find((c) => c.type === 'Ready');
  // A node's annotations (volumes attached, CSI drivers…) are large and no view reads them.
  return record<NodeRec>({ ...meta(o), annotations: {} }, {
    kind: 'Node',
    ready: str(ready?.status),
    readyReason: str(ready?.reason),
    readyMessage: str(ready?.message),
    readySince: toMs(ready?.lastTransitionTime),
  });
}

/**
 * Whether a node's new record says what the held one says of its readiness. A heartbeat rewrites
 * the status every few seconds (KWOK even moves lastTransitionTime each time); keeping the held
 * record keeps every view of that node's pods memoized. A ready node's transition time is not read.
 */
export const sameNodeReadiness = (held: NodeRec | undefined, rec: NodeRec): boolean =>
  held !== undefined &&
  held.name === rec.name &&
  held.ready === rec.ready &&
  held.readyReason === rec.readyReason &&
  held.readyMessage === rec.readyMessage &&
  (rec.ready === 'True' || held.readySince === rec.readySince);

function hpa(o: Raw): HpaRec {
  const spec: Raw = o.spec ?? {};
  return record<HpaRec>(meta(o), {
    kind: 'HorizontalPodAutoscaler',
    targetKind: str(spec.scaleTargetRef?.kind),
    targetName: str(spec.scaleTargetRef?.name),
    minReplicas: num(spec.minReplicas, 1),
    maxReplicas: num(spec.maxReplicas, 1),
  });
}

export const slimmers: { [K in KindName]: (raw: Raw) => RecordsByKind[K] } = {
  statefulsets: statefulSet,
  pods: pod,
  pvcs: pvc,
  jobs: job,
  cronjobs: cronJob,
  services: service,
  events: event,
  hpas: hpa,
  pvs: pv,
  storageclasses: storageClass,
  nodes: node,
};

/** A ControllerRevision: its number, its controller owner and the patch it stores (kept whole: undo sends it). */
export function revision(o: Raw): RevisionRec {
  const m: Raw = o.metadata ?? {};
  const owner = list(m.ownerReferences).find((r) => r.controller === true);
  return { name: str(m.name), revision: num(o.revision, 0), created: toMs(m.creationTimestamp), owner: owner ? str(owner.uid) : null, data: o.data && typeof o.data === 'object' ? (o.data as Record<string, unknown>) : {} };
}
