// Read-only requests made on demand: namespaces, one object's YAML, one StatefulSet's revisions (logs: logs.ts).
import yaml from 'js-yaml';
import type { Endpoint } from './endpoint.js';
import type { KindName } from '../model/types.js';
import { ApiError, requestJson } from './http.js';
import type { HistoryRead } from '../model/revisions.js';
import { revision } from './slim.js';
import { objectPath, RESOURCES } from '../model/resources.js';

export async function listNamespaces(endpoint: Endpoint): Promise<string[]> {
  const list = await requestJson<{ items?: { metadata?: { name?: string } }[] }>(endpoint, { path: '/api/v1/namespaces', timeoutMs: 20_000 });
  return (list.items ?? []).map((n) => n.metadata?.name ?? '').filter(Boolean).sort();
}

/** What the YAML view shows of an object: no managedFields, and never the data of a Secret. */
export function presentable(obj: Record<string, any>): Record<string, any> {
  const copy = structuredClone(obj);
  if (copy.metadata) delete copy.metadata.managedFields;
  if (copy.kind === 'Secret') {
    for (const key of ['data', 'stringData'] as const) {
      if (copy[key]) for (const k of Object.keys(copy[key])) copy[key][k] = '<redacted>';
    }
    if (copy.metadata?.annotations) delete copy.metadata.annotations['kubectl.kubernetes.io/last-applied-configuration'];
  }
  return copy;
}

export async function objectYaml(endpoint: Endpoint, kind: KindName, namespace: string, name: string): Promise<string> {
  const obj = await requestJson<Record<string, any>>(endpoint, { path: objectPath(RESOURCES[kind], namespace, name), timeoutMs: 20_000 });
  return yaml.dump(presentable(obj), { noRefs: true, lineWidth: -1 });
}

type Requirement = { key: string; operator: string; values?: string[] };

/** A label selector as the API's query string has it. */
export function selectorString(sel: { matchLabels?: Record<string, string>; matchExpressions?: Requirement[] } | undefined): string {
  const parts = Object.entries(sel?.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const e of sel?.matchExpressions ?? []) {
    const values = `(${(e.values ?? []).join(',')})`;
    parts.push(e.operator === 'In' ? `${e.key} in ${values}` : e.operator === 'NotIn' ? `${e.key} notin ${values}` : e.operator === 'Exists' ? e.key : `!${e.key}`);
  }
  return parts.join(',');
}

/**
 * One StatefulSet's rollout history, read once (not watched: only its history view and undo need
 * it): the StatefulSet, then the ControllerRevisions its selector matches in its namespace, as
 * kubectl reads them. A refusal is the reason, never an empty history.
 */
export async function readHistory(endpoint: Endpoint, namespace: string, name: string): Promise<HistoryRead> {
  let sts: Record<string, any>;
  try {
    sts = await requestJson<Record<string, any>>(endpoint, { path: objectPath(RESOURCES.statefulsets, namespace, name), timeoutMs: 20_000 });
  } catch (err) {
    if (err instanceof ApiError && err.status === 403) return { unknown: `forbidden: cannot get statefulsets.apps "${name}" in namespace "${namespace}"` };
    if (err instanceof ApiError && err.status === 404) return { unknown: `statefulset ${name} is gone` };
    throw err;
  }
  const path = `/apis/apps/v1/namespaces/${encodeURIComponent(namespace)}/controllerrevisions?labelSelector=${encodeURIComponent(selectorString(sts.spec?.selector))}`;
  try {
    const list = await requestJson<{ items?: Record<string, any>[] }>(endpoint, { path, timeoutMs: 20_000 });
    return { uid: String(sts.metadata?.uid ?? ''), resourceVersion: String(sts.metadata?.resourceVersion ?? ''), template: sts.spec?.template ?? null, revisions: (list.items ?? []).map(revision) };
  } catch (err) {
    if (err instanceof ApiError && err.status === 403) return { unknown: `forbidden: cannot list controllerrevisions.apps in namespace "${namespace}"` };
    throw err;
  }
}
