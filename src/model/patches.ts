// Request bodies of every action, as pure values. Targets are explicit (suspend: true, replicas: 3),
// never "the opposite of what the screen shows". actions.ts sends them; nothing else builds them.

export const MERGE_PATCH = 'application/merge-patch+json';

/** PUT body for the scale subresource; the resourceVersion makes a stale preview fail with 409. */
export function scaleBody(namespace: string, name: string, replicas: number, resourceVersion: string): Record<string, unknown> {
  if (!Number.isInteger(replicas) || replicas < 0) throw new RangeError(`replicas must be a whole number ≥ 0, got ${replicas}`);
  return { apiVersion: 'autoscaling/v1', kind: 'Scale', metadata: { name, namespace, resourceVersion }, spec: { replicas } };
}

export function suspendPatch(suspend: boolean): Record<string, unknown> {
  return { spec: { suspend } };
}

/** What `kubectl rollout restart` sends: a new restartedAt annotation on the pod template. */
export function restartPatch(now: number): Record<string, unknown> {
  return { spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': new Date(now).toISOString() } } } } };
}

/** Lowers a rolling update's partition; fails with 409 if the StatefulSet changed since it was read. */
export function partitionPatch(partition: number, resourceVersion: string): Record<string, unknown> {
  if (!Number.isInteger(partition) || partition < 0) throw new RangeError(`partition must be a whole number ≥ 0, got ${partition}`);
  return { metadata: { resourceVersion }, spec: { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition } } } };
}

/** A claim's new size; the uid makes it fail (422) on another claim of the same name made since it was shown. */
export function expandClaimPatch(uid: string, size: string): Record<string, unknown> {
  return { metadata: { uid }, spec: { resources: { requests: { storage: size } } } };
}

/** A name for a manual run: unique per trigger, within the 63 characters a Job name may have. */
export function manualJobName(cronJob: string, now: number): string {
  const suffix = `-manual-${Math.floor(now / 1000).toString(36)}`;
  return `${cronJob.slice(0, 63 - suffix.length).replace(/-+$/, '')}${suffix}`;
}

interface CronJobLike {
  metadata?: { name?: string; namespace?: string; uid?: string };
  spec?: { jobTemplate?: { metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> }; spec?: Record<string, unknown> } };
}

/** The Job `kubectl create job NAME --from=cronjob/CJ` creates. */
export function jobFromCronJob(cj: CronJobLike, name: string): Record<string, unknown> {
  const template = cj.spec?.jobTemplate ?? {};
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name,
      namespace: cj.metadata?.namespace,
      annotations: { 'cronjob.kubernetes.io/instantiate': 'manual', ...template.metadata?.annotations },
      ...(template.metadata?.labels ? { labels: { ...template.metadata.labels } } : {}),
      ownerReferences: [{ apiVersion: 'batch/v1', kind: 'CronJob', name: cj.metadata?.name, uid: cj.metadata?.uid, controller: true }],
    },
    spec: structuredClone(template.spec ?? {}),
  };
}
