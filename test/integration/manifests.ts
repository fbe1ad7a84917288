// Manifests the integration and fault tests apply: a StatefulSet with its headless Service, and a
// Job that KWOK runs for a while and then completes or fails (see cluster/kwok/stages.yaml).

export interface StatefulSetOptions {
  replicas: number;
  image?: string;
  /** An init container's image. */
  init?: string;
  /** Claim templates: name → requested size. */
  claims?: Record<string, string>;
  /** false: no governing Service (then no stable DNS). */
  service?: boolean;
}

export function statefulSetManifest(name: string, o: StatefulSetOptions): string {
  const service = o.service === false ? '' : `apiVersion: v1\nkind: Service\nmetadata: {name: ${name}}\nspec: {clusterIP: None, selector: {app: ${name}}}\n---\n`;
  const init = o.init ? `      initContainers: [{name: init, image: ${o.init}}]\n` : '';
  const claims = Object.entries(o.claims ?? {}).map(
    ([claim, size]) => `    - metadata: {name: ${claim}}\n      spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: ${size}}}}\n`,
  );
  return `
${service}apiVersion: apps/v1
kind: StatefulSet
metadata: {name: ${name}}
spec:
  serviceName: ${name}
  replicas: ${o.replicas}
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
${init}      containers: [{name: main, image: ${o.image ?? 'nginx:1.27'}}]
${claims.length ? `  volumeClaimTemplates:\n${claims.join('')}` : ''}`;
}

export interface JobOptions {
  /** How long KWOK keeps the pod running. */
  runFor?: string;
  /** The pod fails instead of succeeding, with this exit code if given. */
  fail?: boolean;
  exitCode?: number;
  backoffLimit?: number;
}

export function jobManifest(name: string, o: JobOptions = {}): string {
  const annotations = [`kstate.dev/run-for: ${o.runFor ?? '1s'}`, ...(o.exitCode !== undefined ? [`kstate.dev/exit-code: "${o.exitCode}"`] : [])];
  return `
apiVersion: batch/v1
kind: Job
metadata: {name: ${name}}
spec:
${o.backoffLimit !== undefined ? `  backoffLimit: ${o.backoffLimit}\n` : ''}  template:
    metadata:
${o.fail ? '      labels: {kstate.dev/simulate: fail}\n' : ''}      annotations: {${annotations.join(', ')}}
    spec: {restartPolicy: Never, containers: [{name: w, image: busybox:1.36}]}
`;
}

export interface CronJobOptions {
  schedule?: string;
  suspend?: boolean;
}

/** A CronJob whose Jobs run a busybox container; by default daily at midnight and not suspended. */
export function cronJobManifest(name: string, o: CronJobOptions = {}): string {
  return `
apiVersion: batch/v1
kind: CronJob
metadata: {name: ${name}}
spec:
  schedule: "${o.schedule ?? '0 0 * * *'}"
${o.suspend ? '  suspend: true\n' : ''}  jobTemplate:
    spec:
      template:
        spec: {restartPolicy: Never, containers: [{name: w, image: busybox:1.36}]}
`;
}
