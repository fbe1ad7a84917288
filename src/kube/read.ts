// Read-only requests the dashboard makes on demand: namespaces, one object's YAML, a pod's logs.
import { PassThrough } from 'node:stream';
import { dumpYaml, Log, type KubeConfig } from '@kubernetes/client-node';
import type { KindName } from '../model/types.js';
import { requestJson } from './http.js';
import { objectPath, RESOURCES } from '../model/resources.js';

export async function listNamespaces(kc: KubeConfig): Promise<string[]> {
  const list = await requestJson<{ items?: { metadata?: { name?: string } }[] }>(kc, { path: '/api/v1/namespaces', timeoutMs: 20_000 });
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

export async function objectYaml(kc: KubeConfig, kind: KindName, namespace: string, name: string): Promise<string> {
  const obj = await requestJson<Record<string, any>>(kc, { path: objectPath(RESOURCES[kind], namespace, name), timeoutMs: 20_000 });
  return dumpYaml(presentable(obj));
}

/** Follows a container's log; calls onLine per line until stopped or the stream ends. Returns stop. */
export function followLogs(
  kc: KubeConfig,
  namespace: string,
  pod: string,
  container: string,
  onLine: (line: string) => void,
  onEnd: (err: Error | null) => void,
): () => void {
  const sink = new PassThrough();
  let rest = '';
  let stopped = false;
  sink.setEncoding('utf8');
  sink.on('data', (chunk: string) => {
    const parts = (rest + chunk).split('\n');
    rest = parts.pop() ?? '';
    for (const p of parts) onLine(p);
  });
  sink.on('end', () => {
    if (rest) onLine(rest);
    if (!stopped) onEnd(null);
  });
  let abort: AbortController | null = null;
  new Log(kc)
    .log(namespace, pod, container, sink, { follow: true, tailLines: 500, timestamps: false })
    .then((controller) => {
      abort = controller;
      if (stopped) controller.abort();
    })
    .catch((err: unknown) => {
      if (!stopped) onEnd(err instanceof Error ? err : new Error(String(err)));
    });
  return () => {
    stopped = true;
    abort?.abort();
    sink.destroy();
  };
}
