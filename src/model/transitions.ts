// `kstate watch`: what changed that matters, as one line per transition. The state of each object
// is summarised; two summaries are compared; only meaningful differences become transitions.
// Comparing summaries (not raw events) is what makes a relist after a reconnect repeat nothing. Pure.
import { shortDuration } from '../present/time.js';
import type { Meta, Snapshot } from './types.js';
import { drain } from './steps.js';
import { eachCronJobView, eachJobView, eachStatefulSetView } from './views.js';

export interface ObjectState {
  kind: 'sts' | 'job' | 'cronjob';
  namespace: string;
  name: string;
  uid: string;
  /** sts: "ready/replicas"; job: status; cronjob: suspended flag. */
  value: string;
  /** job: reason of the status and duration; unused otherwise. */
  detail: string;
  /** cronjob: names of the Jobs it owns; missed ticks already reported. */
  runs: readonly string[];
  missed: readonly number[];
}

export interface Transition {
  at: number;
  kind: ObjectState['kind'];
  namespace: string;
  name: string;
  event: string;
  from: string | null;
  to: string | null;
  text: string;
}

export type WatchState = ReadonlyMap<string, ObjectState>;

export const summarize = (snap: Snapshot, now: number, filter?: (r: Meta) => boolean): WatchState => drain(summarizeSteps(snap, now, filter));

/** summarize, an object per step (see steps.ts). */
export function* summarizeSteps(snap: Snapshot, now: number, filter?: (r: Meta) => boolean): Generator<void, WatchState> {
  const out = new Map<string, ObjectState>();
  for (const v of eachStatefulSetView(snap, now, filter)) {
    yield;
    out.set(`sts/${v.namespace}/${v.name}`, { kind: 'sts', namespace: v.namespace, name: v.name, uid: v.uid, value: `${v.ready}/${v.replicas}`, detail: v.status, runs: [], missed: [] });
  }
  for (const v of eachJobView(snap, now, filter)) {
    yield;
    out.set(`job/${v.namespace}/${v.name}`, { kind: 'job', namespace: v.namespace, name: v.name, uid: v.uid, value: v.status, detail: v.status === 'Complete' ? `in ${shortDuration(v.durationMs)}` : v.reason, runs: [], missed: [] });
  }
  for (const v of eachCronJobView(snap, now, filter)) {
    yield;
    out.set(`cronjob/${v.namespace}/${v.name}`, {
      kind: 'cronjob',
      namespace: v.namespace,
      name: v.name,
      uid: v.uid,
      value: v.suspended ? 'suspended' : 'active',
      detail: v.timeZone,
      runs: v.history.map((r) => r.name),
      missed: v.missed,
    });
  }
  return out;
}

function hhmm(ms: number, zone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(ms));
}

export function diff(prev: WatchState, next: WatchState, now: number): Transition[] {
  const out: Transition[] = [];
  const t = (s: ObjectState, event: string, from: string | null, to: string | null, text: string) =>
    out.push({ at: now, kind: s.kind, namespace: s.namespace, name: s.name, event, from, to, text: `${s.kind}/${s.name} ${text}` });
  for (const [key, s] of next) {
    const p = prev.get(key);
    const recreated = p !== undefined && p.uid !== s.uid;
    if (!p || recreated) {
      t(s, recreated ? 'recreated' : 'created', null, s.value, `${recreated ? 'recreated' : 'created'}${s.kind === 'cronjob' ? '' : ` (${s.value}${s.kind === 'job' && s.detail ? ` ${s.detail}` : ''})`}`);
      continue;
    }
    if (s.kind === 'sts' && p.value !== s.value) t(s, 'ready', p.value, s.value, `ready ${p.value} → ${s.value}`);
    if (s.kind === 'job' && p.value !== s.value) t(s, 'status', p.value, s.value, `${s.value}${s.detail ? ` ${s.detail}` : ''}`);
    if (s.kind === 'cronjob') {
      if (p.value !== s.value) t(s, 'suspend', p.value, s.value, s.value === 'suspended' ? 'suspended' : 'resumed');
      for (const run of s.runs) if (!p.runs.includes(run)) t(s, 'started', null, run, `started ${run}`);
      for (const m of s.missed) if (!p.missed.includes(m)) t(s, 'missed', null, new Date(m).toISOString(), `missed ${hhmm(m, s.detail)}`);
    }
  }
  for (const [key, p] of prev) if (!next.has(key)) t(p, 'deleted', p.value, null, 'deleted');
  return out;
}
