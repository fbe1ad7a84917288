// Every mutating request kstate can send, as a value: the dashboard's confirmation, `--dry-run` and
// kube/actions.ts (the one sender) all hold the same value. Pure; bodies come from patches.ts.
import { STRATEGIC_MERGE_PATCH, undoPatch, expandClaimPatch, jobFromCronJob, manualJobName, MERGE_PATCH, partitionPatch, rerunJob, restartPatch, scaleBody, suspendPatch } from './patches.js';
import { collectionPath, objectPath, RESOURCES } from './resources.js';

/** The RBAC question a request asks (SelfSubjectAccessReview), in its namespace. */
export interface AccessQuestion {
  verb: string;
  group: string;
  resource: string;
  subresource?: string;
  namespace: string;
  name?: string;
}

export interface ActionRequest {
  method: 'PUT' | 'PATCH' | 'POST' | 'DELETE';
  path: string;
  contentType?: string;
  /** For a trigger: the body is the Job made from this CronJob's template, read just before sending. */
  fromCronJob?: string;
  /** For a re-run: the body is the Job made from this finished Job's spec, read just before sending. */
  fromJob?: string;
  /**
   * For a claim's delete: refused if a pod uses the claim, as the server's pods say just before
   * sending (kstate watches only StatefulSet and Job pods).
   */
  unusedClaim?: string;
  body?: unknown;
  /** What it does, in words, for confirmations, logs and --dry-run. */
  summary: string;
  access: AccessQuestion;
}

export type SuspendKind = 'jobs' | 'cronjobs';
const SINGULAR: Record<SuspendKind, string> = { jobs: 'job', cronjobs: 'cronjob' };

// Each question names its object where there is one: a Role may grant a verb by resourceNames.
const question = (verb: string, group: string, resource: string, namespace: string, name?: string, subresource?: string): AccessQuestion => ({
  verb,
  group,
  resource,
  ...(subresource ? { subresource } : {}),
  namespace,
  ...(name ? { name } : {}),
});
export const scaleAccess = (namespace: string, name?: string) => question('update', 'apps', 'statefulsets', namespace, name, 'scale');
export const patchStatefulSetAccess = (namespace: string, name?: string) => question('patch', 'apps', 'statefulsets', namespace, name);
export const suspendAccess = (kind: SuspendKind, namespace: string, name?: string) => question('patch', 'batch', kind, namespace, name);
export const deletePodAccess = (namespace: string, name?: string) => question('delete', '', 'pods', namespace, name);
export const deleteJobAccess = (namespace: string, name?: string) => question('delete', 'batch', 'jobs', namespace, name);
export const deleteClaimAccess = (namespace: string, name?: string) => question('delete', '', 'persistentvolumeclaims', namespace, name);
export const patchClaimAccess = (namespace: string, name?: string) => question('patch', '', 'persistentvolumeclaims', namespace, name);
/** A new object has no name to ask about: the question is the namespace's. */
export const createJobAccess = (namespace: string) => question('create', 'batch', 'jobs', namespace);

export function scaleRequest(namespace: string, name: string, replicas: number, resourceVersion: string): ActionRequest {
  return {
    method: 'PUT',
    path: objectPath(RESOURCES.statefulsets, namespace, name, 'scale'),
    body: scaleBody(namespace, name, replicas, resourceVersion),
    summary: `scale statefulset ${name} to ${replicas}`,
    access: scaleAccess(namespace, name),
  };
}

export function suspendRequest(kind: SuspendKind, namespace: string, name: string, suspend: boolean): ActionRequest {
  return {
    method: 'PATCH',
    path: objectPath(RESOURCES[kind], namespace, name),
    contentType: MERGE_PATCH,
    body: suspendPatch(suspend),
    summary: `${suspend ? 'suspend' : 'resume'} ${SINGULAR[kind]} ${name}`,
    access: suspendAccess(kind, namespace, name),
  };
}

export function restartRequest(namespace: string, name: string, now: number): ActionRequest {
  return {
    method: 'PATCH',
    path: objectPath(RESOURCES.statefulsets, namespace, name),
    contentType: MERGE_PATCH,
    body: restartPatch(now),
    summary: `restart statefulset ${name} (rolling)`,
    access: patchStatefulSetAccess(namespace, name),
  };
}

export function partitionRequest(namespace: string, name: string, partition: number, resourceVersion: string): ActionRequest {
  return {
    method: 'PATCH',
    path: objectPath(RESOURCES.statefulsets, namespace, name),
    contentType: MERGE_PATCH,
    body: partitionPatch(partition, resourceVersion),
    summary: `set the rollout partition of statefulset ${name} to ${partition}`,
    access: patchStatefulSetAccess(namespace, name),
  };
}

/** Roll back to a revision's pod template, as kubectl rollout undo does. */
export function undoRequest(namespace: string, name: string, revision: number, data: Record<string, unknown>, resourceVersion: string): ActionRequest {
  return {
    method: 'PATCH',
    path: objectPath(RESOURCES.statefulsets, namespace, name),
    contentType: STRATEGIC_MERGE_PATCH,
    body: undoPatch(data, resourceVersion),
    summary: `roll back statefulset ${name} to revision ${revision}`,
    access: patchStatefulSetAccess(namespace, name),
  };
}

export function deletePodRequest(namespace: string, name: string): ActionRequest {
  return { method: 'DELETE', path: objectPath(RESOURCES.pods, namespace, name), summary: `delete pod ${name}`, access: deletePodAccess(namespace, name) };
}

/**
 * Delete a pod object at once, as `kubectl delete pod --force --grace-period=0`: the API server does
 * not wait for a kubelet to confirm its containers stopped. The uid precondition: never the
 * replacement the controller made since it was shown.
 */
export function forceDeletePodRequest(namespace: string, name: string, uid: string): ActionRequest {
  return {
    method: 'DELETE',
    path: objectPath(RESOURCES.pods, namespace, name),
    body: { apiVersion: 'v1', kind: 'DeleteOptions', gracePeriodSeconds: 0, propagationPolicy: 'Background', preconditions: { uid } },
    summary: `force delete pod ${name} (grace period 0)`,
    access: deletePodAccess(namespace, name),
  };
}

export function deleteJobRequest(namespace: string, name: string): ActionRequest {
  return {
    method: 'DELETE',
    path: objectPath(RESOURCES.jobs, namespace, name),
    body: { apiVersion: 'v1', kind: 'DeleteOptions', propagationPolicy: 'Background' },
    summary: `delete job ${name} and its pods`,
    access: deleteJobAccess(namespace, name),
  };
}

export function deleteClaimRequest(namespace: string, name: string, uid: string): ActionRequest {
  return {
    method: 'DELETE',
    path: objectPath(RESOURCES.pvcs, namespace, name),
    // The uid precondition: never a claim of the same name made since it was shown.
    body: { apiVersion: 'v1', kind: 'DeleteOptions', preconditions: { uid } },
    unusedClaim: name,
    summary: `delete claim ${name}`,
    access: deleteClaimAccess(namespace, name),
  };
}

/** Grow a claim: its spec.resources.requests.storage (the one field of a bound claim that may change). */
export function expandClaimRequest(namespace: string, name: string, uid: string, size: string): ActionRequest {
  return {
    method: 'PATCH',
    path: objectPath(RESOURCES.pvcs, namespace, name),
    contentType: MERGE_PATCH,
    body: expandClaimPatch(uid, size),
    summary: `grow claim ${name} to ${size}`,
    access: patchClaimAccess(namespace, name),
  };
}

/** Run a CronJob now, as `kubectl create job --from=cronjob/NAME`: the Job's name is fixed here. */
export function triggerRequest(namespace: string, cronJob: string, now: number): ActionRequest {
  const jobName = manualJobName(cronJob, now);
  return {
    method: 'POST',
    path: collectionPath(RESOURCES.jobs, namespace),
    fromCronJob: cronJob,
    body: { metadata: { name: jobName } },
    summary: `create job ${jobName} from cronjob ${cronJob}`,
    access: createJobAccess(namespace),
  };
}

/** A trigger request with its body made from the CronJob object as read from the server. */
export function withJobFrom(req: ActionRequest, cronJob: Parameters<typeof jobFromCronJob>[0]): ActionRequest {
  const name = (req.body as { metadata: { name: string } }).metadata.name;
  return { ...req, body: jobFromCronJob(cronJob, name) };
}

/** The same trigger under another Job name (`-<suffix>` added): the first name was taken by a trigger in the same second. */
export function renamedTrigger(req: ActionRequest, suffix: string): ActionRequest {
  const old = (req.body as { metadata: { name: string } }).metadata.name;
  const tail = `${/-manual-[0-9a-z]+$/.exec(old)?.[0] ?? ''}-${suffix}`;
  const name = `${(req.fromCronJob ?? old).slice(0, 63 - tail.length).replace(/-+$/, '')}${tail}`;
  return { ...req, body: { ...(req.body as object), metadata: { name } }, summary: req.summary.replace(old, name) };
}

/** Run a finished Job again under a new name; the body is made from the Job as the server has it. */
export function rerunRequest(namespace: string, job: string, name: string): ActionRequest {
  return {
    method: 'POST',
    path: collectionPath(RESOURCES.jobs, namespace),
    fromJob: job,
    body: { metadata: { name } },
    summary: `create job ${name} from job ${job}`,
    access: createJobAccess(namespace),
  };
}

/** A re-run request with its body made from the Job object as read from the server. */
export function withRerunFrom(req: ActionRequest, job: Parameters<typeof rerunJob>[0]): ActionRequest {
  return { ...req, body: rerunJob(job, (req.body as { metadata: { name: string } }).metadata.name), fromJob: undefined };
}

/** A CronJob's new schedule (and zone, when it changes); fails with 409 if the CronJob changed since it was shown. */
export function scheduleRequest(namespace: string, name: string, schedule: string, timeZone: string | undefined, resourceVersion: string): ActionRequest {
  return {
    method: 'PATCH',
    path: objectPath(RESOURCES.cronjobs, namespace, name),
    contentType: MERGE_PATCH,
    body: { metadata: { resourceVersion }, spec: { schedule, ...(timeZone === undefined ? {} : { timeZone }) } },
    summary: `set the schedule of cronjob/${name} to "${schedule}"${timeZone === undefined ? '' : ` in ${timeZone}`}`,
    access: suspendAccess('cronjobs', namespace, name),
  };
}
