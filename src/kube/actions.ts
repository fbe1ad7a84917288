// The only module that sends mutating requests: request values (model/requests.ts) pass the
// read-only gate and the RBAC check before a byte leaves the process.
import type { Endpoint } from './endpoint.js';
import { randomBytes } from 'node:crypto';
import { renamedTrigger, withJobFrom, withRerunFrom, type AccessQuestion, type ActionRequest } from '../model/requests.js';
import { collectionPath, objectPath, RESOURCES } from '../model/resources.js';
import { AccessChecker, describeQuestion } from './access.js';
import { ApiError, requestJson } from './http.js';

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

/** What the request makes exists already (409 AlreadyExists): not a stale preview. */
export class AlreadyExistsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AlreadyExistsError';
  }
}

/** What the request needs is not so on the server now (a claim to delete is in use): not sent. */
export class RefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RefusedError';
  }
}

/** The object changed since it was read (409): show it again rather than overwrite. */
export class ConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConflictError';
  }
}

export interface ActionsOptions {
  readOnly: boolean;
}

export class Actions {
  readonly access: AccessChecker;
  private readonly inFlight = new Map<string, Promise<unknown>>();

  constructor(
    private readonly endpoint: Endpoint,
    private readonly options: ActionsOptions,
  ) {
    this.access = new AccessChecker(endpoint);
  }

  get readOnly(): boolean {
    return this.options.readOnly;
  }

  /** The request as it will be sent: a trigger's (a re-run's) Job is made from the CronJob (the Job) as the server has it now. */
  async resolve(req: ActionRequest): Promise<ActionRequest> {
    if (req.unusedClaim !== undefined) await this.refuseIfUsed(req.access.namespace, req.unusedClaim);
    if (req.fromJob !== undefined) {
      const job = await requestJson<Record<string, any>>(this.endpoint, { path: objectPath(RESOURCES.jobs, req.access.namespace, req.fromJob), timeoutMs: 20_000 });
      return withRerunFrom(req, job);
    }
    if (req.fromCronJob === undefined) return req;
    const cj = await requestJson<Record<string, any>>(this.endpoint, { path: objectPath(RESOURCES.cronjobs, req.access.namespace, req.fromCronJob), timeoutMs: 20_000 });
    return { ...withJobFrom(req, cj), fromCronJob: undefined };
  }

  private async refuseIfUsed(namespace: string, claim: string): Promise<void> {
    const pods = await requestJson<{ items?: Record<string, any>[] }>(this.endpoint, { path: `${collectionPath(RESOURCES.pods, namespace)}?limit=10000`, timeoutMs: 30_000 });
    const user = (pods.items ?? []).find((p) => (p.spec?.volumes ?? []).some((v: any) => v.persistentVolumeClaim?.claimName === claim));
    if (user) throw new RefusedError(`claim ${claim} is in use by pod ${String(user.metadata?.name)}: not deleted`);
  }

  // ——— sending ———

  /**
   * Refuses in read-only mode, then asks RBAC, then sends. A trigger of a CronJob already being
   * triggered joins the one in flight instead of making a second Job.
   */
  send<T = unknown>(req: ActionRequest): Promise<T> {
    if (req.fromCronJob === undefined) return this.sendNow<T>(req);
    const key = `trigger/${req.access.namespace}/${req.fromCronJob}`;
    const running = this.inFlight.get(key) as Promise<T> | undefined;
    if (running) return running;
    const p = this.sendNow<T>(req).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, p);
    return p;
  }

  private async sendNow<T>(request: ActionRequest, renamed = false): Promise<T> {
    if (this.options.readOnly) throw new ReadOnlyError(request.summary);
    const req = await this.resolve(request);
    const answer = await this.access.can(req.access);
    if (!answer.allowed) throw new ForbiddenError(`forbidden: you may not ${describeQuestion(req.access)}${answer.reason ? ` (${answer.reason})` : ''}`);
    try {
      return await requestJson<T>(this.endpoint, { method: req.method, path: req.path, body: req.body, contentType: req.contentType, timeoutMs: 30_000 });
    } catch (err) {
      if (err instanceof ApiError && err.status === 409 && err.reason === 'AlreadyExists') {
        // A trigger in the same second named its Job alike: this one takes a new name, once.
        if (request.fromCronJob !== undefined && !renamed) return this.sendNow<T>(renamedTrigger(request, randomBytes(3).toString('hex')), true);
        throw new AlreadyExistsError(`${req.summary}: ${err.message}`);
      }
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
}
