// Where each kind lives in the API, and the verbs' resource names (for RBAC checks and messages).
import type { KindName } from './types.js';

export interface ResourceDef {
  kind: KindName;
  group: string;
  version: string;
  resource: string;
  /** Not in a namespace (PersistentVolumes, StorageClasses): listed cluster-wide whatever the scope. */
  clusterScoped?: true;
}

export const RESOURCES: { readonly [K in KindName]: ResourceDef } = {
  statefulsets: { kind: 'statefulsets', group: 'apps', version: 'v1', resource: 'statefulsets' },
  pods: { kind: 'pods', group: '', version: 'v1', resource: 'pods' },
  pvcs: { kind: 'pvcs', group: '', version: 'v1', resource: 'persistentvolumeclaims' },
  jobs: { kind: 'jobs', group: 'batch', version: 'v1', resource: 'jobs' },
  cronjobs: { kind: 'cronjobs', group: 'batch', version: 'v1', resource: 'cronjobs' },
  services: { kind: 'services', group: '', version: 'v1', resource: 'services' },
  events: { kind: 'events', group: '', version: 'v1', resource: 'events' },
  hpas: { kind: 'hpas', group: 'autoscaling', version: 'v2', resource: 'horizontalpodautoscalers' },
  pvs: { kind: 'pvs', group: '', version: 'v1', resource: 'persistentvolumes', clusterScoped: true },
  storageclasses: { kind: 'storageclasses', group: 'storage.k8s.io', version: 'v1', resource: 'storageclasses', clusterScoped: true },
  nodes: { kind: 'nodes', group: '', version: 'v1', resource: 'nodes', clusterScoped: true },
};

export const ALL_KINDS = Object.keys(RESOURCES) as KindName[];

/** The collection path of a resource, in one namespace or (namespace null, or a cluster-scoped resource) across all. */
export function collectionPath(def: ResourceDef, namespace: string | null): string {
  const base = def.group ? `/apis/${def.group}/${def.version}` : `/api/${def.version}`;
  return namespace === null || def.clusterScoped ? `${base}/${def.resource}` : `${base}/namespaces/${encodeURIComponent(namespace)}/${def.resource}`;
}

/** Where a list of the resource looks, in messages: "in namespace "demo"", "in all namespaces", "(cluster-scoped)". */
export function scopePhrase(def: ResourceDef, namespace: string | null): string {
  return def.clusterScoped ? ' (cluster-scoped)' : namespace === null ? ' in all namespaces' : ` in namespace "${namespace}"`;
}

export function objectPath(def: ResourceDef, namespace: string, name: string, subresource?: string): string {
  return `${collectionPath(def, namespace)}/${encodeURIComponent(name)}${subresource ? `/${subresource}` : ''}`;
}

/** "list statefulsets.apps" — how a verb on a resource reads in messages. */
export function verbPhrase(verb: string, def: ResourceDef): string {
  return `${verb} ${def.resource}${def.group ? `.${def.group}` : ''}`;
}

/**
 * The label selectors a kind is watched with, one watch each, their records merged. Pods: only those
 * the StatefulSet and Job controllers made (each labels its pods), not the Deployments' and
 * DaemonSets' most clusters are full of. A pod without either label is not fetched: unknown, never absent.
 */
export const WATCH_SELECTORS: { readonly [K in KindName]?: readonly string[] } = {
  pods: ['statefulset.kubernetes.io/pod-name', 'batch.kubernetes.io/controller-uid'],
};

/** Events about kinds no view shows, left out by the server (an event storm is mostly about these). */
export const EVENT_FIELD_SELECTOR = ['ReplicaSet', 'Deployment', 'DaemonSet', 'Node', 'Endpoints', 'EndpointSlice', 'Lease']
  .map((k) => `involvedObject.kind!=${k}`)
  .join(',');
