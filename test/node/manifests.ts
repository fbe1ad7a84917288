// Workloads for the real node: busybox from the local image (never pulled), on kstate-node-1 only
// (its hostname and a toleration of its taint), no cluster DNS. JSON manifests for kubectl apply.
import { inject } from 'vitest';

export const NODE = inject('nodeName');
export const IMAGE = 'kstate.local/busybox:local';

type Obj = Record<string, unknown>;
export interface Container {
  name: string;
  script: string;
  restartPolicy?: 'Always';
  memory?: string;
  mounts?: { name: string; mountPath: string }[];
  ready?: boolean;
}

const container = (c: Container): Obj => ({
  name: c.name,
  image: IMAGE,
  imagePullPolicy: 'Never',
  command: ['sh', '-c', c.script],
  ...(c.restartPolicy ? { restartPolicy: c.restartPolicy } : {}),
  ...(c.memory ? { resources: { limits: { memory: c.memory } } } : {}),
  ...(c.mounts ? { volumeMounts: c.mounts } : {}),
  ...(c.ready ? { readinessProbe: { exec: { command: ['true'] }, periodSeconds: 1 } } : {}),
});

export interface PodOpts {
  containers: Container[];
  init?: Container[];
  restartPolicy?: 'Always' | 'Never' | 'OnFailure';
  grace?: number;
  volumes?: Obj[];
}

export function podSpec(o: PodOpts): Obj {
  return {
    nodeSelector: { 'kubernetes.io/hostname': NODE },
    tolerations: [{ key: 'kstate.dev/real-node', operator: 'Exists', effect: 'NoSchedule' }],
    dnsPolicy: 'Default',
    automountServiceAccountToken: false,
    terminationGracePeriodSeconds: o.grace ?? 2,
    ...(o.restartPolicy ? { restartPolicy: o.restartPolicy } : {}),
    ...(o.init ? { initContainers: o.init.map(container) } : {}),
    containers: o.containers.map(container),
    ...(o.volumes ? { volumes: o.volumes } : {}),
  };
}

export function statefulSet(name: string, o: PodOpts & { replicas?: number; claim?: string }): string {
  const labels = { app: name };
  return JSON.stringify({
    apiVersion: 'v1',
    kind: 'List',
    items: [
      { apiVersion: 'v1', kind: 'Service', metadata: { name }, spec: { clusterIP: 'None', selector: labels, ports: [{ name: 'none', port: 1 }] } },
      {
        apiVersion: 'apps/v1',
        kind: 'StatefulSet',
        metadata: { name },
        spec: {
          serviceName: name,
          replicas: o.replicas ?? 1,
          selector: { matchLabels: labels },
          template: { metadata: { labels }, spec: podSpec(o) },
          ...(o.claim ? { volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: o.claim } } } }] } : {}),
        },
      },
    ],
  });
}

export function job(name: string, o: PodOpts): string {
  return JSON.stringify({
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name },
    spec: { backoffLimit: 0, template: { spec: podSpec({ restartPolicy: 'Never', ...o }) } },
  });
}

/** A shell loop that waits for ever and leaves at once on SIGTERM (sh as PID 1 ignores it otherwise). */
export const WAIT = "trap 'exit 0' TERM; while true; do sleep 1 & wait $!; done";
