// The only module that sends mutating requests. Every action takes explicit targets, passes the
// read-only gate and the RBAC check before a byte leaves the process, and reports one line.
import type { KubeConfig } from '@kubernetes/client-node';
import { jobFromCronJob, manualJobName, MERGE_PATCH, partitionPatch, restartPatch, scaleBody, suspendPatch } from '../model/patches.js';
import { AccessChecker, describeQuestion, type AccessQuestion } from './access.js';
import { ApiError, requestJson } from './http.js';
import { objectPath, RESOURCES } from './resources.js';

export class ReadOnlyError extends Error {
  constructor(what: string) {
    super(`read-only mode: ${what} was not sent`);
    this.name = 'ReadOnlyError';
  }
}

export class ForbiddenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ForbiddenError';
  }
}

/** The object changed since it was read (409): show it again rather than overwrite. */
export class ConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConflictError';
  }
}

export interface ActionRequest {
  method: 'PUT' | 'PATCH' | 'POST' | 'DELETE';
  path: string;
  contentType?: string;
  body?: unknown;
  /** What it does, in words, for confirmations, logs and --dry-run. */
  summary: string;
  access: AccessQuestion;
}

export interface ActionsOptions {
  readOnly: boolean;
  now?: () => number;
}

const sts = RESOURCES.statefulsets;
const jobs = RESOURCES.jobs;
const cronjobs = RESOURCES.cronjobs;
const pods = RESOURCES.pods;
const pvcs = RESOURCES.pvcs;

export class Actions {
  readonly access: AccessChecker;
  private readonly inFlight = new Map<string, Promise<unknown>>();
  private readonly now: () => number;

  constructor(
    private readonly kc: KubeConfig,
    private readonly options: ActionsOptions,
  ) {
    this.access = new AccessChecker(kc);
    this.now = options.now ?? Date.now;
  }

  get readOnly(): boolean {
    return this.options.readOnly;
  }

  // ——— requests, as values (also what --dry-run prints) ———

  scaleRequest(namespace: string, name: string, replicas: number, resourceVersion: string): ActionRequest {
    return {
      method: 'PUT',
      path: objectPath(sts, namespace, name, 'scale'),
      body: scaleBody(namespace, name, replicas, resourceVersion),
      summary: `scale statefulset ${name} to ${replicas}`,
      access: { verb: 'update', group: 'apps', resource: 'statefulsets', subresource: 'scale', namespace },
    };
  }

  suspendRequest(kind: 'jobs' | 'cronjobs', namespace: string, name: string, suspend: boolean): ActionRequest {
    const def = kind === 'jobs' ? jobs : cronjobs;
    return {
      method: 'PATCH',
      path: objectPath(def, namespace, name),
      contentType: MERGE_PATCH,
      body: suspendPatch(suspend),
      summary: `${suspend ? 'suspend' : 'resume'} ${kind === 'jobs' ? 'job' : 'cronjob'} ${name}`,
      access: { verb: 'patch', group: 'batch', resource: kind, namespace },
    };
  }

  restartRequest(namespace: string, name: string): ActionRequest {
    return {
      method: 'PATCH',
      path: objectPath(sts, namespace, name),
      contentType: MERGE_PATCH,
      body: restartPatch(this.now()),
      summary: `restart statefulset ${name} (rolling)`,
      access: { verb: 'patch', group: 'apps', resource: 'statefulsets', namespace },
    };
  }

  partitionRequest(namespace: string, name: string, partition: number, resourceVersion: string): ActionRequest {
    return {
      method: 'PATCH',
      path: objectPath(sts, namespace, name),
      contentType: MERGE_PATCH,
      body: partitionPatch(partition, resourceVersion),
      summary: `set the rollout partition of statefulset ${name} to ${partition}`,
      access: { verb: 'patch', group: 'apps', resource: 'statefulsets', namespace },
    };
  }

  deletePodRequest(namespace: string, name: string): ActionRequest {
    return { method: 'DELETE', path: objectPath(pods, namespace, name), summary: `delete pod ${name}`, access: { verb: 'delete', group: '', resource: 'pods', namespace } };
  }

  deleteJobRequest(namespace: string, name: string): ActionRequest {
    return {
      method: 'DELETE',
      path: objectPath(jobs, namespace, name),
      body: { apiVersion: 'v1', kind: 'DeleteOptions', propagationPolicy: 'Background' },
      summary: `delete job ${name} and its pods`,
      access: { verb: 'delete', group: 'batch', resource: 'jobs', namespace },
    };
  }

  deleteClaimRequest(namespace: string, name: string, uid: string): ActionRequest {
    return {
      method: 'DELETE',
      path: objectPath(pvcs, namespace, name),
      // The uid precondition: never a claim of the same name made since it was shown.
      body: { apiVersion: 'v1', kind: 'DeleteOptions', preconditions: { uid } },
      summary: `delete claim ${name}`,
      access: { verb: 'delete', group: '', resource: 'persistentvolumeclaims', namespace },
    };
  }

  // ——— sending ———

  /** Refuses in read-only mode, then asks RBAC, then sends. */
  async send<T = unknown>(req: ActionRequest): Promise<T> {
    if (this.options.readOnly) throw new ReadOnlyError(req.summary);
    const answer = await this.access.can(req.access);
    if (!answer.allowed) throw new ForbiddenError(`forbidden: you may not ${describeQuestion(req.access)}${answer.reason ? ` (${answer.reason})` : ''}`);
    try {
      return await requestJson<T>(this.kc, { method: req.method, path: req.path, body: req.body, contentType: req.contentType, timeoutMs: 30_000 });
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) throw new ConflictError(`${req.summary}: the object changed since it was shown (${err.message}); look again and retry`);
      if (err instanceof ApiError && err.status === 403) throw new ForbiddenError(`forbidden: ${err.message}`);
      throw err;
    }
  }

  /** Why an action would be refused now (read-only or RBAC), or null. Sends no mutating request. */
  async refusal(access: AccessQuestion): Promise<string | null> {
    if (this.options.readOnly) return 'read-only mode';
    const answer = await this.access.can(access);
    return answer.allowed ? null : `forbidden: ${describeQuestion(access)}`;
  }

  scale(namespace: string, name: string, replicas: number, resourceVersion: string): Promise<unknown> {
    return this.send(this.scaleRequest(namespace, name, replicas, resourceVersion));
  }

  setSuspend(kind: 'jobs' | 'cronjobs', namespace: string, name: string, suspend: boolean): Promise<unknown> {
    return this.send(this.suspendRequest(kind, namespace, name, suspend));
  }

  restart(namespace: string, name: string): Promise<unknown> {
    return this.send(this.restartRequest(namespace, name));
  }

  setPartition(namespace: string, name: string, partition: number, resourceVersion: string): Promise<unknown> {
    return this.send(this.partitionRequest(namespace, name, partition, resourceVersion));
  }

  deletePod(namespace: string, name: string): Promise<unknown> {
    return this.send(this.deletePodRequest(namespace, name));
  }

  deleteJob(namespace: string, name: string): Promise<unknown> {
    return this.send(this.deleteJobRequest(namespace, name));
  }

  deleteClaim(namespace: string, name: string, uid: string): Promise<unknown> {
    return this.send(this.deleteClaimRequest(namespace, name, uid));
  }

  /** The request that triggers a CronJob now (reads the CronJob: the store keeps no job templates). */
  async triggerRequest(namespace: string, name: string): Promise<ActionRequest> {
    const cj = await requestJson<Record<string, any>>(this.kc, { path: objectPath(cronjobs, namespace, name), timeoutMs: 20_000 });
    const jobName = manualJobName(name, this.now());
    return {
      method: 'POST',
      path: `/apis/batch/v1/namespaces/${encodeURIComponent(namespace)}/jobs`,
      body: jobFromCronJob(cj, jobName),
      summary: `create job ${jobName} from cronjob ${name}`,
      access: { verb: 'create', group: 'batch', resource: 'jobs', namespace },
    };
  }

  /** Creates the Job kubectl create job --from=cronjob/NAME would. A second call while one is in flight joins it. */
  trigger(namespace: string, name: string): Promise<string> {
    const key = `trigger/${namespace}/${name}`;
    const running = this.inFlight.get(key) as Promise<string> | undefined;
    if (running) return running;
    const p = (async () => {
      if (this.options.readOnly) throw new ReadOnlyError(`trigger cronjob ${name}`);
      const req = await this.triggerRequest(namespace, name);
      const job = await this.send<{ metadata?: { name?: string } }>(req);
      return job.metadata?.name ?? '';
    })().finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, p);
    return p;
  }
}
