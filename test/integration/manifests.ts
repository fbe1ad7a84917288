// Manifests the integration and fault tests apply: a StatefulSet with its headless Service, and a
// Job that KWOK runs for a while and then completes or fails (see cluster/kwok/stages.yaml).

export interface StatefulSetOptions {
  replicas: number;
  image?: string;
  /** An init container's image. */
  init?: string;
  /** Claim templates: name → requested size, or size and storage class. */
  claims?: Record<string, string | { size: string; storageClass: string }>;
  /** persistentVolumeClaimRetentionPolicy (default: Retain, Retain). */
  retention?: { whenScaled: 'Retain' | 'Delete'; whenDeleted: 'Retain' | 'Delete' };
  /** false: no governing Service (then no stable DNS). */
  service?: boolean;
  /** The ordinal whose container crash-loops (KWOK restarts it in place with a growing back-off). */
  crashLoopOrdinal?: number;
  /** The container's name (default main); the local cluster maps some names to log files. */
  container?: string;
}

export function statefulSetManifest(name: string, o: StatefulSetOptions): string {
  const service = o.service === false ? '' : `apiVersion: v1\nkind: Service\nmetadata: {name: ${name}}\nspec: {clusterIP: None, selector: {app: ${name}}}\n---\n`;
  const init = o.init ? `      initContainers: [{name: init, image: ${o.init}}]\n` : '';
  const claims = Object.entries(o.claims ?? {}).map(([claim, t]) => {
    const { size, storageClass } = typeof t === 'string' ? { size: t, storageClass: undefined } : t;
    return `    - metadata: {name: ${claim}}\n      spec: {${storageClass ? `storageClassName: ${storageClass}, ` : ''}accessModes: [ReadWriteOnce], resources: {requests: {storage: ${size}}}}\n`;
  });
  const retention = o.retention ? `  persistentVolumeClaimRetentionPolicy: {whenScaled: ${o.retention.whenScaled}, whenDeleted: ${o.retention.whenDeleted}}\n` : '';
  return `
${service}apiVersion: apps/v1
kind: StatefulSet
metadata: {name: ${name}}
spec:
  serviceName: ${name}
  replicas: ${o.replicas}
${retention}  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}${o.crashLoopOrdinal === undefined ? '' : `, annotations: {kstate.dev/crashloop-index: "${o.crashLoopOrdinal}", kstate.dev/run-for: 2s}`}}
    spec:
${init}      containers: [{name: ${o.container ?? 'main'}, image: ${o.image ?? 'nginx:1.27'}}]
${claims.length ? `  volumeClaimTemplates:\n${claims.join('')}` : ''}`;
}

export interface JobOptions {
  /** How long KWOK keeps the pod running. */
  runFor?: string;
  /** The pod fails instead of succeeding, with this exit code if given. */
  fail?: boolean;
  exitCode?: number;
  backoffLimit?: number;
  /** The container's name (default w); the local cluster maps some names to log files. */
  container?: string;
  /** A controller owner (a CronJob: the Job is one of its runs). */
  owner?: { apiVersion: string; kind: string; name: string; uid: string };
  /** A node selector no node matches: the pod stays Pending. */
  unschedulable?: boolean;
}

export function jobManifest(name: string, o: JobOptions = {}): string {
  const annotations = [`kstate.dev/run-for: ${o.runFor ?? '1s'}`, ...(o.exitCode !== undefined ? [`kstate.dev/exit-code: "${o.exitCode}"`] : [])];
  const owner = o.owner ? `, ownerReferences: [{apiVersion: ${o.owner.apiVersion}, kind: ${o.owner.kind}, name: ${o.owner.name}, uid: ${o.owner.uid}, controller: true}]` : '';
  return `
apiVersion: batch/v1
kind: Job
metadata: {name: ${name}${owner}}
spec:
${o.backoffLimit !== undefined ? `  backoffLimit: ${o.backoffLimit}\n` : ''}  template:
    metadata:
${o.fail ? '      labels: {kstate.dev/simulate: fail}\n' : ''}      annotations: {${annotations.join(', ')}}
    spec: {restartPolicy: Never, ${o.unschedulable ? 'nodeSelector: {kstate.dev/no-such-node: "true"}, ' : ''}containers: [{name: ${o.container ?? 'w'}, image: busybox:1.36}]}
`;
}

export interface CronJobOptions {
  schedule?: string;
  suspend?: boolean;
  concurrencyPolicy?: 'Allow' | 'Forbid' | 'Replace';
  /** How long KWOK keeps each run's pod running (the kstate.dev/run-for annotation). */
  runFor?: string;
  /** Labels and annotations of the Job template (copied onto each run). */
  jobMetadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
  jobSpec?: { backoffLimit?: number; activeDeadlineSeconds?: number };
  podLabels?: Record<string, string>;
  container?: { name: string; image: string; args?: string[] };
}

/** A CronJob whose Jobs run a busybox container; by default daily at midnight and not suspended. */
export function cronJobManifest(name: string, o: CronJobOptions = {}): string {
  // JSON is YAML: the manifest as an object, so every option lands where Kubernetes reads it.
  const podMetadata = { ...(o.podLabels ? { labels: o.podLabels } : {}), ...(o.runFor ? { annotations: { 'kstate.dev/run-for': o.runFor } } : {}) };
  return JSON.stringify({
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name },
    spec: {
      schedule: o.schedule ?? '0 0 * * *',
      ...(o.suspend ? { suspend: true } : {}),
      ...(o.concurrencyPolicy ? { concurrencyPolicy: o.concurrencyPolicy } : {}),
      jobTemplate: {
        ...(o.jobMetadata ? { metadata: o.jobMetadata } : {}),
        spec: {
          ...o.jobSpec,
          template: {
            ...(Object.keys(podMetadata).length ? { metadata: podMetadata } : {}),
            spec: { restartPolicy: 'Never', containers: [o.container ?? { name: 'w', image: 'busybox:1.36' }] },
          },
        },
      },
    },
  });
}

export interface RoleRule {
  apiGroups: string[];
  resources: string[];
  verbs: string[];
  resourceNames?: string[];
}

/**
 * A ClusterRole with these rules bound to ServiceAccount `name` of `namespace` (cluster-scoped
 * resources: a Role cannot grant them). Labelled with the namespace, whose cleanup deletes them.
 */
export function clusterRoleFor(namespace: string, name: string, rules: RoleRule[]): string {
  const metadata = { name: `kstate-test-${namespace}-${name}`, labels: { 'kstate.dev/test-namespace': namespace } };
  return JSON.stringify({
    apiVersion: 'v1',
    kind: 'List',
    items: [
      { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata, rules },
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRoleBinding',
        metadata,
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: metadata.name },
        subjects: [{ kind: 'ServiceAccount', name, namespace }],
      },
    ],
  });
}

/** A ServiceAccount bound to a Role of its own name with these rules (RBAC-restricted identities). */
export function serviceAccountWithRole(name: string, rules: RoleRule[]): string {
  return JSON.stringify({
    apiVersion: 'v1',
    kind: 'List',
    items: [
      { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name } },
      { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name }, rules },
      { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name }, subjects: [{ kind: 'ServiceAccount', name }] },
    ],
  });
}
