// Asks the API server whether the current identity may do something (SelfSubjectAccessReview),
// once per question while kstate runs.
import type { Endpoint } from './endpoint.js';
import type { AccessQuestion } from '../model/requests.js';
import { requestJson } from './http.js';

export interface AccessAnswer {
  allowed: boolean;
  reason: string;
}

export class AccessChecker {
  private readonly cache = new Map<string, Promise<AccessAnswer>>();

  constructor(private readonly endpoint: Endpoint) {}

  can(q: AccessQuestion): Promise<AccessAnswer> {
    const key = JSON.stringify([q.verb, q.group, q.resource, q.subresource ?? '', q.namespace, q.name ?? '']);
    let answer = this.cache.get(key);
    if (!answer) {
      answer = requestJson<{ status?: { allowed?: boolean; reason?: string } }>(this.endpoint, {
        method: 'POST',
        path: '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews',
        body: {
          apiVersion: 'authorization.k8s.io/v1',
          kind: 'SelfSubjectAccessReview',
          spec: { resourceAttributes: { verb: q.verb, group: q.group, resource: q.resource, subresource: q.subresource ?? '', namespace: q.namespace, ...(q.name ? { name: q.name } : {}) } },
        },
        timeoutMs: 15_000,
      }).then((r) => ({ allowed: r.status?.allowed === true, reason: r.status?.reason ?? '' }));
      // A failed review is not an answer: ask again next time.
      answer.catch(() => this.cache.delete(key));
      this.cache.set(key, answer);
    }
    return answer;
  }
}

export function describeQuestion(q: AccessQuestion): string {
  return `${q.verb} ${q.resource}${q.subresource ? `/${q.subresource}` : ''}${q.group ? `.${q.group}` : ''} in namespace "${q.namespace}"${q.name ? ` (object "${q.name}")` : ''}`;
}
