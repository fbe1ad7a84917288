// Scaling curve: kstate's own cost at 1×, 4× and 10× the default workload, beyond what the local
// API server on this machine can hold. Raw objects shaped like the seeded ones go through the real
// slimmers into a snapshot, and the real dashboard (model + blessed) draws it on a headless
// terminal. The API server and the network are left out: this measures what grows with kstate.
//   node --expose-gc bench/scale.mjs FACTOR   → one JSON line
import { EventEmitter } from 'node:events';
import { slimmers } from '../dist/kube/slim.js';
import { ALL_KINDS } from '../dist/model/resources.js';
import { App } from '../dist/ui/app.js';
import { headlessTerminal } from './headless.mjs';

const factor = Number(process.argv[2] ?? 1);
const NOW = Date.now();
const iso = (ms) => new Date(ms).toISOString();
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

function* rawObjects() {
  let uid = 0;
  const ns = (i) => `bench-${i % 10}`;
  for (let s = 0; s < 200 * factor; s++) {
    const name = `db-${String(s).padStart(5, '0')}`;
    const stsUid = `sts-${++uid}`;
    yield ['statefulsets', { metadata: { name, namespace: ns(s), uid: stsUid, creationTimestamp: iso(NOW - 3600e3), generation: 1, labels: { app: name } },
      spec: { replicas: 25, serviceName: name, podManagementPolicy: 'Parallel', selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'main', image: 'nginx:1.27' }] } },
        volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }] },
      status: { observedGeneration: 1, replicas: 25, readyReplicas: 25, currentReplicas: 25, updatedReplicas: 25, availableReplicas: 25, currentRevision: `${name}-r1`, updateRevision: `${name}-r1` } }];
    yield ['services', { metadata: { name, namespace: ns(s), uid: `svc-${++uid}`, creationTimestamp: iso(NOW - 3600e3) }, spec: { clusterIP: 'None', selector: { app: name } } }];
    for (let i = 0; i < 25; i++) {
      yield ['pods', { metadata: { name: `${name}-${i}`, namespace: ns(s), uid: `pod-${++uid}`, creationTimestamp: iso(NOW - 3000e3), labels: { app: name, 'controller-revision-hash': `${name}-r1`, 'apps.kubernetes.io/pod-index': String(i) }, ownerReferences: [{ kind: 'StatefulSet', name, uid: stsUid, controller: true }] },
        spec: { nodeName: `kwok-bench-${i % 4}`, containers: [{ name: 'main', image: 'nginx:1.27' }], volumes: [{ name: 'data', persistentVolumeClaim: { claimName: `data-${name}-${i}` } }] },
        status: { phase: 'Running', podIP: `10.${s % 250}.${i}.1`, startTime: iso(NOW - 3000e3), conditions: [{ type: 'Ready', status: 'True' }], containerStatuses: [{ name: 'main', ready: true, restartCount: 0, state: { running: { startedAt: iso(NOW - 2999e3) } } }] } }];
      const pvc = { name: `data-${name}-${i}`, uid: `pvc-${++uid}` };
      yield ['pvcs', { metadata: { name: pvc.name, namespace: ns(s), uid: pvc.uid, creationTimestamp: iso(NOW - 3000e3), labels: { app: name } }, spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'standard', volumeName: `pv-${pvc.uid}`, resources: { requests: { storage: '1Gi' } } }, status: { phase: 'Bound', capacity: { storage: '1Gi' } } }];
      yield ['pvs', { metadata: { name: `pv-${pvc.uid}`, uid: `pv-${++uid}`, creationTimestamp: iso(NOW - 3000e3) }, spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], persistentVolumeReclaimPolicy: 'Delete', storageClassName: 'standard', claimRef: { namespace: ns(s), name: pvc.name, uid: pvc.uid } }, status: { phase: 'Bound' } }];
    }
  }
  const job = (name, namespace, owner, outcome) => {
    const jobUid = `job-${++uid}`;
    const done = outcome === 'Complete' || outcome === 'Failed';
    return [
      ['jobs', { metadata: { name, namespace, uid: jobUid, creationTimestamp: iso(NOW - 2000e3), ...(owner ? { ownerReferences: [{ kind: 'CronJob', name: owner.name, uid: owner.uid, controller: true }] } : {}) },
        spec: { completions: 1, parallelism: 1, backoffLimit: 2, template: { spec: { containers: [{ name: 'w', image: 'busybox:1.36' }] } } },
        status: { startTime: iso(NOW - 2000e3), ...(outcome === 'Complete' ? { succeeded: 1, completionTime: iso(NOW - 1990e3) } : outcome === 'Failed' ? { failed: 3 } : { active: 1 }), ...(done ? { conditions: [{ type: outcome, status: 'True', reason: outcome === 'Failed' ? 'BackoffLimitExceeded' : undefined }] } : {}) } }],
      ['pods', { metadata: { name: `${name}-x`, namespace, uid: `pod-${++uid}`, creationTimestamp: iso(NOW - 2000e3), labels: { 'job-name': name }, ownerReferences: [{ kind: 'Job', name, uid: jobUid, controller: true }] },
        spec: { nodeName: 'kwok-bench-1', containers: [{ name: 'w', image: 'busybox:1.36' }] },
        status: done ? { phase: outcome === 'Complete' ? 'Succeeded' : 'Failed', containerStatuses: [{ name: 'w', ready: false, restartCount: 0, state: { terminated: { exitCode: outcome === 'Complete' ? 0 : 1, reason: outcome === 'Complete' ? 'Completed' : 'Error', startedAt: iso(NOW - 1999e3), finishedAt: iso(NOW - 1990e3) } } }] }
          : { phase: 'Running', containerStatuses: [{ name: 'w', ready: true, restartCount: 0, state: { running: { startedAt: iso(NOW - 1999e3) } } }] } }],
    ];
  };
  for (let j = 0; j < 1000 * factor; j++) yield* job(`job-${j}`, ns(j), null, ['Complete', 'Complete', 'Failed', 'Running'][j % 4]);
  for (let c = 0; c < 200 * factor; c++) {
    const owner = { name: `cj-${c}`, uid: `cj-${++uid}` };
    yield ['cronjobs', { metadata: { name: owner.name, namespace: ns(c), uid: owner.uid, creationTimestamp: iso(NOW - 9000e3) }, spec: { schedule: `${c % 60} * * * *`, suspend: true, jobTemplate: { spec: { template: { spec: { containers: [{ name: 'w', image: 'busybox:1.36' }] } } } } }, status: { lastScheduleTime: iso(NOW - 1800e3) } }];
    for (let h = 0; h < 3; h++) yield* job(`${owner.name}-${h}`, ns(c), owner, h === 2 ? 'Failed' : 'Complete');
  }
  // The store keeps the newest 5,000 events whatever the cluster's size.
  for (let e = 0; e < 5000; e++) yield ['events', { metadata: { name: `ev-${e}`, namespace: ns(e), uid: `ev-${++uid}`, creationTimestamp: iso(NOW - 100e3) }, involvedObject: { kind: 'Pod', name: `db-${String(e % 200).padStart(5, '0')}-${e % 25}`, namespace: ns(e) }, reason: 'Scheduled', message: `Successfully assigned pod to kwok-bench-${e % 4}`, type: 'Normal', count: 1, lastTimestamp: iso(NOW - 100e3) }];
}

const maps = Object.fromEntries(ALL_KINDS.map((k) => [k, new Map()]));
const standard = slimmers.storageclasses({ metadata: { name: 'standard', uid: 'sc-1', creationTimestamp: iso(NOW - 9000e3) }, provisioner: 'kubernetes.io/host-path', reclaimPolicy: 'Delete' });
maps.storageclasses.set(standard.uid, standard);
const t0 = performance.now();
// Each object as JSON text first, as a watch delivers it: parsing is part of kstate's ingest.
for (const [kind, raw] of rawObjects()) {
  const rec = slimmers[kind](JSON.parse(JSON.stringify(raw)));
  maps[kind].set(rec.uid, rec);
}
const ingestMs = performance.now() - t0;
const status = Object.fromEntries(Object.keys(maps).map((k) => [k, { state: 'synced', error: null, since: NOW }]));
const snapshot = { version: 1, namespace: null, kinds: maps, status, connection: { state: 'connected', since: NOW, error: null } };
const source = Object.assign(new EventEmitter(), { snapshot: () => snapshot, stop: async () => undefined });

const { input, output } = headlessTerminal();
let rendered = null;
const t1 = performance.now();
const app = new App({ context: 'bench', server: 'https://bench', namespace: null, readOnly: true, openSource: () => source, listNamespaces: async () => [], objectYaml: async () => '', streamLogs: () => ({ stop() {}, stopPod() {} }), saveText: async () => {}, input, output });
const render = app.render.bind(app);
app.render = () => {
  render();
  rendered?.(performance.now());
};
const nextFrame = () => new Promise((resolve) => (rendered = resolve));
const firstFrameMs = (await nextFrame()) - t1;

async function press(key) {
  const t = performance.now();
  const frame = nextFrame();
  input.write(key);
  return (await frame) - t;
}
const switches = {};
for (const [key, view] of [['2', 'jobs'], ['3', 'cronjobs'], ['1', 'statefulsets']]) switches[view] = await press(key);
const moves = [];
for (let i = 0; i < 60; i++) moves.push(await press(i % 20 === 19 ? 'g' : 'j'));
const idle = {};
for (const [key, view] of [['1', 'statefulsets'], ['2', 'jobs'], ['3', 'cronjobs']]) {
  input.write(key);
  await new Promise((r) => setTimeout(r, 2500));
  globalThis.gc?.(); // what the view switch left behind is not idle work
  const c0 = process.cpuUsage();
  const w0 = performance.now();
  await new Promise((r) => setTimeout(r, 6000));
  const c = process.cpuUsage(c0);
  idle[view] = ((c.user + c.system) / 1000 / (performance.now() - w0)) * 100;
}
globalThis.gc?.();
const m = process.memoryUsage();
process.stdout.write(`${JSON.stringify({
  factor,
  objects: Object.fromEntries(Object.entries(maps).map(([k, v]) => [k, v.size])),
  ingestMs: Math.round(ingestMs),
  firstFrameMs: Math.round(firstFrameMs),
  viewSwitchMs: Object.fromEntries(Object.entries(switches).map(([k, v]) => [k, Math.round(v)])),
  moveP50Ms: Math.round(pct(moves, 50)),
  moveP99Ms: Math.round(pct(moves, 99)),
  idleCpuPercent: idle,
  rssMb: Math.round(m.rss / 2 ** 20),
  heapUsedMb: Math.round(m.heapUsed / 2 ** 20),
})}\n`);
process.exit(0);
