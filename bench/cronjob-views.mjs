// node bench/cronjob-views.mjs: the cost per second of 200 CronJobs' views (3 finished Jobs each, hourly
// at minute c % 60, not suspended) over 600 simulated seconds: derived every second, and memoised
// (views.ts: reused until the time the view names). No cluster: the slimmers and the model only.
import { slimmers } from '../dist/kube/slim.js';
import { ALL_KINDS } from '../dist/model/resources.js';
import { cronJobView } from '../dist/model/cronjob.js';
import { cronJobViewOf, sorted } from '../dist/model/views.js';
const NOW = Date.UTC(2026, 11, 3, 12, 0, 30);
const iso = (ms) => new Date(ms).toISOString();
const maps = Object.fromEntries(ALL_KINDS.map((k) => [k, new Map()]));
let uid = 0;
for (let c = 0; c < 200; c++) {
  const cj = { metadata: { name: `cj-${c}`, namespace: 'b', uid: `cj-${c}`, creationTimestamp: iso(NOW - 9000e3) }, spec: { schedule: `${c % 60} * * * *`, jobTemplate: { spec: { template: { spec: { containers: [{ name: 'w', image: 'x' }] } } } } }, status: { lastScheduleTime: iso(NOW - 1800e3) } };
  const r = slimmers.cronjobs(cj); maps.cronjobs.set(r.uid, r);
  for (let j = 0; j < 3; j++) {
    const job = { metadata: { name: `cj-${c}-${j}`, namespace: 'b', uid: `job-${++uid}`, creationTimestamp: iso(NOW - 2000e3), ownerReferences: [{ kind: 'CronJob', name: `cj-${c}`, uid: `cj-${c}`, controller: true }] }, spec: { completions: 1 }, status: { startTime: iso(NOW - 2000e3), succeeded: 1, completionTime: iso(NOW - 1990e3), conditions: [{ type: 'Complete', status: 'True' }] } };
    const jr = slimmers.jobs(job); maps.jobs.set(jr.uid, jr);
  }
}
const status = Object.fromEntries(Object.keys(maps).map((k) => [k, { state: 'synced', error: null, since: NOW }]));
const snap = { version: 1, namespace: null, kinds: maps, status, connection: { state: 'connected', since: NOW, error: null } };
const all = sorted(maps.cronjobs);
const time = (f) => { const t = performance.now(); for (let s = 0; s < 600; s++) for (const c of all) f(c, NOW + s * 1000); return (performance.now() - t) / 600; };
time((c, now) => cronJobView(c, snap, now)); time((c, now) => cronJobViewOf(c, snap, now)); // warm
console.log(JSON.stringify({ cronJobs: all.length, seconds: 600, everySecondMs: +time((c, now) => cronJobView(c, snap, now)).toFixed(2), memoizedMs: +time((c, now) => cronJobViewOf(c, snap, now + 7_200_000)).toFixed(3) }));
