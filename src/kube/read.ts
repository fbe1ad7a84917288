// Read-only requests the dashboard makes on demand: namespaces, one object's YAML (logs: logs.ts).
import yaml from 'js-yaml';
import type { Endpoint } from './endpoint.js';
import type { KindName } from '../model/types.js';
import { requestJson } from './http.js';
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
