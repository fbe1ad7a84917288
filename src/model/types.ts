// Slim records: what the store keeps of each Kubernetes object. Timestamps are epoch milliseconds
// (null when absent), so list results (Date) and watch events (strings) look the same here.

export interface OwnerRef {
  kind: string;
  name: string;
  uid: string;
  controller: boolean;
}

export interface Meta {
  uid: string;
  name: string;
  namespace: string;
  labels: Readonly<Record<string, string>>;
  annotations: Readonly<Record<string, string>>;
  created: number | null;
  deleting: number | null;
  resourceVersion: string;
  generation: number;
  owners: readonly OwnerRef[];
}

export interface Condition {
  type: string;
  status: string;
  reason: string;
  message: string;
  lastTransition: number | null;
}

export interface ClaimTemplate {
  name: string;
  storage: string | null;
  storageClass: string | null;
  accessModes: readonly string[];
}

export type RetentionAction = 'Retain' | 'Delete';

export interface StatefulSetRec extends Meta {
  kind: 'StatefulSet';
  replicas: number;
  ordinalsStart: number;
  serviceName: string;
  podManagementPolicy: 'OrderedReady' | 'Parallel';
  updateStrategy: 'RollingUpdate' | 'OnDelete';
  partition: number;
  maxUnavailable: string | number | null;
  minReadySeconds: number;
  retention: { whenScaled: RetentionAction; whenDeleted: RetentionAction };
  claimTemplates: readonly ClaimTemplate[];
  selector: Readonly<Record<string, string>>;
  initContainers: readonly string[];
  containers: readonly string[];
  status: {
    observedGeneration: number;
    replicas: number;
    readyReplicas: number;
    availableReplicas: number;
    currentReplicas: number;
    updatedReplicas: number;
    currentRevision: string;
    updateRevision: string;
  };
}

export type ContainerState = 'waiting' | 'running' | 'terminated' | 'unknown';

export interface ContainerStatusRec {
  name: string;
  ready: boolean;
  /** The kubelet's started flag (running, and past its startup probe). */
  started: boolean;
  restarts: number;
  state: ContainerState;
  reason: string;
  message: string;
  exitCode: number | null;
  /** The signal that ended it, when the runtime says (state terminated). */
  signal: number | null;
  startedAt: number | null;
  finishedAt: number | null;
  lastTerminationReason: string;
  lastExitCode: number | null;
}

export interface PodRec extends Meta {
  kind: 'Pod';
  phase: string;
  reason: string;
  message: string;
  nodeName: string;
  podIP: string;
  startTime: number | null;
  conditions: readonly Condition[];
  containers: readonly ContainerStatusRec[];
  initContainers: readonly ContainerStatusRec[];
  containerNames: readonly string[];
  initContainerNames: readonly string[];
  /** Native sidecars: the init containers with restartPolicy Always. */
  sidecarNames: readonly string[];
  claimNames: readonly string[];
  restartPolicy: string;
}

export interface PvcRec extends Meta {
  kind: 'PersistentVolumeClaim';
  phase: string;
  capacity: string | null;
  requested: string | null;
  storageClass: string | null;
  volumeName: string;
  accessModes: readonly string[];
  /** Resizing, FileSystemResizePending, ControllerResizeError, NodeResizeError… */
  conditions: readonly Condition[];
  /** status.allocatedResourceStatuses.storage: ControllerResizeInProgress, NodeResizePending, …Infeasible; '' when none. */
  resizeStatus: string;
  /** status.allocatedResources.storage: what the resizer last set out to give; null when none. */
  allocated: string | null;
  /** VolumeAttributesClass: asked for (spec), in effect (status), and the modification under way. */
  attributesClass: { wanted: string | null; current: string | null; target: string | null; status: string };
}

/** A PersistentVolume (cluster-scoped: `namespace` is ''). */
export interface PvRec extends Meta {
  kind: 'PersistentVolume';
  /** Pending, Available, Bound, Released, Failed */
  phase: string;
  capacity: string | null;
  /** Retain, Delete or Recycle: what happens to it and its data once its claim is deleted. */
  reclaimPolicy: string;
  storageClass: string;
  accessModes: readonly string[];
  /** The claim it is (or was, when Released) bound to. */
  claim: { namespace: string; name: string; uid: string } | null;
  message: string;
  /** When it entered its phase (status.lastPhaseTransitionTime). */
  phaseSince: number | null;
}

/** A StorageClass (cluster-scoped). */
export interface StorageClassRec extends Meta {
  kind: 'StorageClass';
  provisioner: string;
  /** The reclaimPolicy of the volumes it provisions (Delete when unset). */
  reclaimPolicy: string;
  allowVolumeExpansion: boolean;
  isDefault: boolean;
}

export interface JobRec extends Meta {
  kind: 'Job';
  completions: number | null;
  parallelism: number;
  backoffLimit: number;
  backoffLimitPerIndex: number | null;
  maxFailedIndexes: number | null;
  /** spec.podFailurePolicy.rules: what a failed pod does to the Job. */
  podFailurePolicy: readonly {
    action: 'FailJob' | 'FailIndex' | 'Ignore' | 'Count' | string;
    onExitCodes: { containerName: string | null; operator: 'In' | 'NotIn' | string; values: readonly number[] } | null;
    onPodConditions: readonly { type: string; status: string }[];
  }[];
  /** spec.successPolicy.rules. */
  successPolicy: readonly { succeededIndexes: string | null; succeededCount: number | null }[];
  /** spec.managedBy: another controller than the Job controller may carry the Job out. */
  managedBy: string | null;
  podReplacementPolicy: string | null;
  activeDeadlineSeconds: number | null;
  ttlSecondsAfterFinished: number | null;
  completionMode: 'NonIndexed' | 'Indexed';
  suspend: boolean;
  containers: readonly string[];
  status: {
    active: number;
    ready: number;
    succeeded: number;
    failed: number;
    terminating: number;
    startTime: number | null;
    completionTime: number | null;
    completedIndexes: string;
    failedIndexes: string;
    conditions: readonly Condition[];
  };
}

export interface CronJobRec extends Meta {
  kind: 'CronJob';
  schedule: string;
  timeZone: string | null;
  concurrencyPolicy: 'Allow' | 'Forbid' | 'Replace';
  suspend: boolean;
  startingDeadlineSeconds: number | null;
  successfulJobsHistoryLimit: number;
  failedJobsHistoryLimit: number;
  status: {
    lastScheduleTime: number | null;
    lastSuccessfulTime: number | null;
    active: readonly { name: string; uid: string }[];
  };
}

/** A Node (cluster-scoped): only its Ready condition, what a StatefulSet's stuck ordinal needs. */
export interface NodeRec extends Meta {
  kind: 'Node';
  /** The Ready condition: True, False, Unknown ('' when the node has none yet). */
  ready: string;
  readyReason: string;
  readyMessage: string;
  /** When Ready last changed (lastTransitionTime). */
  readySince: number | null;
}

export interface ServiceRec extends Meta {
  kind: 'Service';
  clusterIP: string;
  type: string;
  selector: Readonly<Record<string, string>>;
}

export interface EventRec {
  kind: 'Event';
  uid: string;
  namespace: string;
  name: string;
  resourceVersion: string;
  involved: { kind: string; name: string; namespace: string; uid: string };
  type: string;
  reason: string;
  message: string;
  count: number;
  last: number | null;
  source: string;
}

export interface HpaRec extends Meta {
  kind: 'HorizontalPodAutoscaler';
  targetKind: string;
  targetName: string;
  minReplicas: number;
  maxReplicas: number;
}

export type KindName = 'statefulsets' | 'pods' | 'pvcs' | 'jobs' | 'cronjobs' | 'services' | 'events' | 'hpas' | 'pvs' | 'storageclasses' | 'nodes';

export interface RecordsByKind {
  statefulsets: StatefulSetRec;
  pods: PodRec;
  pvcs: PvcRec;
  jobs: JobRec;
  cronjobs: CronJobRec;
  services: ServiceRec;
  events: EventRec;
  hpas: HpaRec;
  pvs: PvRec;
  storageclasses: StorageClassRec;
  nodes: NodeRec;
}

/** unwatched: this store does not list the kind at all (a one-shot command that needs it not). */
export type SyncState = 'syncing' | 'synced' | 'forbidden' | 'error' | 'unwatched';

export interface KindStatus {
  state: SyncState;
  /** One line, safe to show (no credentials). */
  error: string | null;
  since: number | null;
}

export interface ConnectionStatus {
  state: 'connecting' | 'connected' | 'reconnecting';
  since: number;
  error: string | null;
}

/** An immutable view of everything the store knows, at one moment. */
export interface Snapshot {
  version: number;
  /** The namespace in scope, or null for all namespaces. */
  namespace: string | null;
  kinds: { readonly [K in KindName]: ReadonlyMap<string, RecordsByKind[K]> };
  status: { readonly [K in KindName]: KindStatus };
  connection: ConnectionStatus;
  /**
   * When pods are watched by their controllers' labels: what a look by name found for each pod a
   * StatefulSet's range names that the watch does not hold ("namespace/name": the pod, found
   * without those labels; null, none). A name not here is unknown. Absent: the pods are complete.
   */
  unlabelledPods?: ReadonlyMap<string, PodRec | null>;
}

export type Severity = 'failure' | 'warning' | 'info';

export interface Finding {
  severity: Severity;
  /** Stable machine-readable code, e.g. "BlockedOrdinal", "LastRunFailed". */
  code: string;
  /** kind/name of the object it is about, e.g. "sts/web". */
  object: string;
  namespace: string;
  message: string;
}
