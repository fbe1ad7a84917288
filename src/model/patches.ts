// Request bodies of every action, as pure values. Targets are explicit (suspend: true, replicas: 3),
// never "the opposite of what the screen shows". actions.ts sends them; nothing else builds them.

export const MERGE_PATCH = 'application/merge-patch+json';
export const STRATEGIC_MERGE_PATCH = 'application/strategic-merge-patch+json';

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

/**
 * What `kubectl rollout undo sts --to-revision` sends: the revision's stored data (spec.template
 * with `$patch: replace`) as a strategic merge patch — plus the resourceVersion the preview was made
 * from, so that a StatefulSet changed since fails with 409 instead of being rolled back blind.
 */
export function undoPatch(data: Record<string, unknown>, resourceVersion: string): Record<string, unknown> {
  return { ...structuredClone(data), metadata: { resourceVersion } };
}

/** A claim's new size; the uid makes it fail (422) on another claim of the same name made since it was shown. */
export function expandClaimPatch(uid: string, size: string): Record<string, unknown> {
  return { metadata: { uid }, spec: { resources: { requests: { storage: size } } } };
}

/** `base` cut so that `base + suffix` fits the 63 characters a Job name may have. */
const jobName = (base: string, suffix: string): string => `${base.slice(0, 63 - suffix.length).replace(/-+$/, '')}${suffix}`;

/** A name for a manual run: unique per trigger, within the 63 characters a Job name may have. */
export function manualJobName(cronJob: string, now: number): string {
  return jobName(cronJob, `-manual-${Math.floor(now / 1000).toString(36)}`);
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

/** The labels the Job controller puts on a Job and its pod template: a new Job gets its own. */
const CONTROLLER_LABELS = ['controller-uid', 'batch.kubernetes.io/controller-uid', 'job-name', 'batch.kubernetes.io/job-name'];
const without = (labels: Record<string, string> | undefined): Record<string, string> =>
  Object.fromEntries(Object.entries(labels ?? {}).filter(([k]) => !CONTROLLER_LABELS.includes(k)));

interface JobLike {
  metadata?: { name?: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string>; ownerReferences?: { kind?: string; controller?: boolean }[] };
  spec?: { selector?: unknown; manualSelector?: boolean; template?: { metadata?: { labels?: Record<string, string> } } & Record<string, unknown> } & Record<string, unknown>;
}

/**
 * A finished Job again, as a new Job: its spec without the controller-generated selector and
 * labels (the API server makes new ones), keeping the CronJob that owns it, if one does.
 */
export function rerunJob(job: JobLike, name: string): Record<string, unknown> {
  const spec = structuredClone(job.spec ?? {});
  if (!spec.manualSelector) delete spec.selector;
  const podMetadata = spec.template?.metadata;
  if (podMetadata?.labels) podMetadata.labels = without(podMetadata.labels);
  const owner = (job.metadata?.ownerReferences ?? []).filter((o) => o.controller && o.kind === 'CronJob');
  const labels = without(job.metadata?.labels);
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name,
      namespace: job.metadata?.namespace,
      ...(Object.keys(labels).length ? { labels } : {}),
      annotations: { 'kstate.dev/rerun-of': job.metadata?.name ?? '' },
      ...(owner.length ? { ownerReferences: owner } : {}),
    },
    spec,
  };
}

/** `<job>-rerun-<n>`, n one above the highest re-run of it there is, within a Job name's 63 characters. */
export function rerunName(job: string, existing: Iterable<string>): string {
  const base = job.replace(/-rerun-\d+$/, '');
  let n = 0;
  for (const name of existing) {
    const m = /-rerun-(\d+)$/.exec(name);
    if (m && name.slice(0, m.index) === base.slice(0, m.index)) n = Math.max(n, Number(m[1]));
  }
  return jobName(base, `-rerun-${n + 1}`);
}
