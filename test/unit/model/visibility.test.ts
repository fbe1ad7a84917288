// A kind that is forbidden, still loading or failing makes every derivation that reads it unknown,
// with the reason — never an empty result, and never a finding.
import { describe, expect, it } from 'vitest';
import { CRONJOB_COLUMNS } from '../../../src/kinds/cronjobs/columns.js';
import { cronJobs } from '../../../src/kinds/cronjobs/index.js';
import { jobs } from '../../../src/kinds/jobs/index.js';
import { STATEFULSET_COLUMNS } from '../../../src/kinds/statefulsets/columns.js';
import { previewLines } from '../../../src/kinds/statefulsets/detail.js';
import { statefulSets } from '../../../src/kinds/statefulsets/index.js';
import type { Section } from '../../../src/kinds/sections.js';
import { cronJobView } from '../../../src/model/cronjob.js';
import { check, skippedChecks } from '../../../src/model/health.js';
import { jobView } from '../../../src/model/job.js';
import { scalePreviewIn } from '../../../src/model/scale.js';
import { statefulSetView } from '../../../src/model/statefulset.js';
import { statefulSetViewOf } from '../../../src/model/views.js';
import { unknownReason } from '../../../src/model/visibility.js';
import { iso, ownerOf, rawCronJob, rawJob, rawPod, rawPvc, rawService, rawSts, slim, snapshot, T0, type Hidden } from '../../fixtures/builders.js';

const FORBIDDEN_PVCS = 'forbidden: cannot list persistentvolumeclaims in namespace "ns"';
const FORBIDDEN_SERVICES = 'forbidden: cannot list services in namespace "ns"';
const FORBIDDEN_PODS = 'forbidden: cannot list pods in namespace "ns"';
const FORBIDDEN_JOBS = 'forbidden: cannot list jobs.batch in namespace "ns"';

/** "web": 3 replicas, one Pending claim, a claim retained at ordinal 3, a ClusterIP (not headless) Service — a finding from each kind it reads. */
function web(hidden: Hidden, readyReplicas = 3) {
  const sts = rawSts('web', { replicas: 3 }, { readyReplicas });
  const pods = [0, 1, 2].map((n) => rawPod(`web-${n}`, { owner: ownerOf(sts, 'StatefulSet'), revision: 'web-rev1' }));
  const pvcs = [rawPvc('data-web-0'), rawPvc('data-web-1'), rawPvc('data-web-2', 'Pending'), rawPvc('data-web-3')];
  const snap = snapshot({ statefulsets: [sts], pods, pvcs, services: [rawService('web', false)] }, 'ns', hidden);
  return { snap, view: statefulSetView(slim('statefulsets', sts), snap, T0) };
}

const fields = (sections: Section[]) => Object.fromEntries(sections.flatMap((s) => (s.type === 'fields' ? s.fields.map((f) => [f.label, f.value]) : [])));
const table = (sections: Section[], title: string) => sections.find((s): s is Extract<Section, { type: 'table' }> => s.type === 'table' && s.title.startsWith(title))!;
const column = (title: string) => STATEFULSET_COLUMNS.find((c) => c.title === title)!;

describe('unknownReason', () => {
  it('says why a kind cannot be known, and null when it can', () => {
    const snap = snapshot({}, 'ns', { pvcs: 'forbidden', pods: 'syncing', jobs: 'error' });
    expect(unknownReason(snap, 'pvcs')).toBe(FORBIDDEN_PVCS);
    expect(unknownReason(snap, 'pods')).toBe('still loading pods');
    expect(unknownReason(snap, 'jobs')).toBe('list jobs.batch in namespace "ns" failed: 500 InternalError: boom');
    expect(unknownReason({ ...snap, status: { ...snap.status, hpas: { state: 'unwatched', error: null, since: null } } }, 'hpas')).toBe('horizontalpodautoscalers not listed');
    expect(unknownReason(snap, 'statefulsets')).toBeNull();
  });
});

describe('a StatefulSet whose claims are not visible', () => {
  const { snap, view } = web({ pvcs: 'forbidden' });

  it('has unknown claims, not missing ones, and no claim finding', () => {
    expect(view.unknown).toEqual({ claims: FORBIDDEN_PVCS });
    expect(view.rows.map((r) => r.claims)).toEqual([[], [], []]);
    expect(view.retainedClaims).toBeNull();
    expect(view.findings.map((f) => f.code)).toEqual(['NoStableDNS']);
    expect(check(snap, T0, { graceMs: 0 }).map((f) => f.code)).toEqual(['NoStableDNS']);
  });

  it('shows ? in the list and "unknown — reason" in the detail', () => {
    expect(column('CLAIMS').cell(view, T0)).toEqual({ text: '?', tone: 'muted', unknown: FORBIDDEN_PVCS });
    const detail = statefulSets.detail(view, [], snap, T0);
    expect(fields(detail).Claims).toBe(`unknown — ${FORBIDDEN_PVCS}`);
    const ordinals = table(detail, 'Pods and claims');
    const at = ordinals.columns.findIndex((c) => c.title === 'CLAIM DATA');
    expect(ordinals.rows.map((r) => (r as { text: string }[])[at]!.text)).toEqual(['?', '?', '?']);
  });

  it('previews a scale without guessing which claims come, stay or go', () => {
    const up = scalePreviewIn(snap, view, 5);
    expect(up.claims).toEqual([]);
    expect(up.unknown).toEqual({ claims: FORBIDDEN_PVCS });
    expect(previewLines(up).map((l) => l.map((s) => s.text).join(''))).toEqual(['+ create pods at ordinals 3, 4', `? claims: not visible (${FORBIDDEN_PVCS})`]);
  });

  it('does not offer to delete a retained claim', () => {
    const binding = statefulSets.actions.find((b) => b.id === 'sts.deleteClaim')!;
    expect(binding.disabledReason!(view, snap)).toBe(`retained claims not known (${FORBIDDEN_PVCS})`);
  });
});

describe('a StatefulSet whose Service is not visible', () => {
  const { snap, view } = web({ services: 'forbidden' });

  it('has an unknown Service, no DNS names and no NoStableDNS finding', () => {
    expect(view.unknown).toEqual({ service: FORBIDDEN_SERVICES });
    expect(view.dnsProblem).toBeNull();
    expect(view.rows.map((r) => r.dns)).toEqual([null, null, null, null]);
    expect(view.findings.map((f) => f.code)).toEqual(['UnboundClaim', 'RetainedClaims']);
    const detail = statefulSets.detail(view, [], snap, T0);
    expect(fields(detail).Service).toBe(`web, unknown — ${FORBIDDEN_SERVICES}`);
    const ordinals = table(detail, 'Pods and claims');
    expect(ordinals.rows.map((r) => (r as { text: string }[])[ordinals.columns.length - 1]!.text)).toEqual(['?', '?', '?', '-']);
    expect(column('SERVICE').cell(view, T0)).toMatchObject({ text: 'web (?)', unknown: FORBIDDEN_SERVICES });
  });

  it('still knows that an empty spec.serviceName gives no DNS names (the StatefulSet says so itself)', () => {
    const sts = rawSts('web', { replicas: 1, serviceName: '' });
    const snap = snapshot({ statefulsets: [sts], pods: [rawPod('web-0', { owner: ownerOf(sts, 'StatefulSet') })], pvcs: [rawPvc('data-web-0')] }, 'ns', { services: 'forbidden' });
    const v = statefulSetView(slim('statefulsets', sts), snap, T0);
    expect(v.unknown).toEqual({});
    expect(v.findings.map((f) => f.code)).toEqual(['NoStableDNS']);
  });
});

describe('a StatefulSet whose pods are not visible', () => {
  it('has unknown pods, no blocking ordinal, its status from its own counters, and no pod finding', () => {
    const { snap, view } = web({ pods: 'syncing' }, 2);
    expect(view.unknown).toEqual({ pods: 'still loading pods' });
    expect(view.rows.map((r) => r.pod)).toEqual([null, null, null, null]);
    expect(view.blocking).toBeNull();
    expect(view.retainedClaims).toBeNull();
    expect(view.status).toBe('Not ready');
    expect(web({ pods: 'forbidden' }, 3).view.status).toBe('Ready');
    expect(check(snap, T0, { graceMs: 0 }).map((f) => f.code)).toEqual(['NoStableDNS', 'UnboundClaim']);
    expect(column('BLOCKED').cell(view, T0)).toEqual({ text: '?', tone: 'muted', unknown: 'still loading pods' });
    const detail = statefulSets.detail(view, [], snap, T0);
    expect(fields(detail).Blocked).toBe('unknown — still loading pods');
    const ordinals = table(detail, 'Pods and claims');
    expect(ordinals.rows.map((r) => (r as { text: string }[])[2]!.text)).toEqual(['?', '?', '?', '?']);
  });

  it('offers no pod to delete, saying why', () => {
    const { snap, view } = web({ pods: 'forbidden' });
    expect(statefulSets.actions.find((b) => b.id === 'sts.deletePod')!.disabledReason!(view, snap)).toBe(`pods not visible (${FORBIDDEN_PODS})`);
    expect(statefulSets.actions.find((b) => b.id === 'sts.deleteClaim')!.disabledReason!(view, snap)).toBe(`retained claims not known (${FORBIDDEN_PODS})`);
  });

  it('is derived again once the pods arrive, even when the records are the same', () => {
    const { snap } = web({ pods: 'syncing' });
    const rec = [...snap.kinds.statefulsets.values()][0]!;
    const loading = statefulSetViewOf(rec, snap, T0);
    const synced = { ...snap, version: 2, status: { ...snap.status, pods: { state: 'synced' as const, error: null, since: T0 } } };
    const after = statefulSetViewOf(rec, synced, T0);
    expect(after).not.toBe(loading);
    expect(after.unknown).toEqual({});
  });
});

describe('a Job whose pods are not visible', () => {
  it('has unknown pods and indexes that are neither running nor pending', () => {
    const job = rawJob('render', { completions: 4, completionMode: 'Indexed' }, { active: 2, succeeded: 1, completedIndexes: '0', failed: 1, failedIndexes: '3' });
    const snap = snapshot({ jobs: [job] }, 'ns', { pods: 'forbidden' });
    const v = jobView(slim('jobs', job), snap, T0);
    expect(v.unknown).toEqual({ pods: FORBIDDEN_PODS });
    expect(v.indexes).toEqual(['succeeded', 'unknown', 'unknown', 'failed']);
    const pods = table(jobs.detail(v, [], snap, T0), 'Pods');
    expect(pods).toMatchObject({ title: 'Pods', rows: [], empty: `unknown — ${FORBIDDEN_PODS}` });
    expect(jobs.actions.find((b) => b.id === 'job.deletePod')!.disabledReason!(v, snap)).toBe(`pods not visible (${FORBIDDEN_PODS})`);
  });
});

describe('a CronJob whose Jobs are not visible', () => {
  it('has unknown runs: no history, no last result, no run finding', () => {
    const cj = rawCronJob('nightly', { schedule: '*/5 * * * *' }, { lastScheduleTime: iso(T0 - 60_000) }, { creationTimestamp: iso(T0 - 120_000) });
    const failed = rawJob('nightly-1', {}, { failed: 1, conditions: [{ type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded' }] }, { ownerReferences: [{ kind: 'CronJob', name: 'nightly', uid: cj.metadata.uid, controller: true }] });
    const visible = cronJobView(slim('cronjobs', cj), snapshot({ cronjobs: [cj], jobs: [failed] }), T0);
    expect(visible.findings.map((f) => f.code)).toEqual(['LastRunFailed']);
    const snap = snapshot({ cronjobs: [cj], jobs: [failed] }, 'ns', { jobs: 'forbidden' });
    const v = cronJobView(slim('cronjobs', cj), snap, T0);
    expect(v.unknown).toEqual({ runs: FORBIDDEN_JOBS });
    expect(v.history).toEqual([]);
    expect(v.lastResult).toBeNull();
    expect(v.findings).toEqual([]);
    expect(CRONJOB_COLUMNS.find((c) => c.title === 'LAST-RESULT')!.cell(v, T0)).toEqual({ text: '?', tone: 'muted', unknown: FORBIDDEN_JOBS });
    expect(table(cronJobs.detail(v, [], snap, T0), 'History').empty).toBe(`unknown — ${FORBIDDEN_JOBS}`);
  });
});

describe('events that are not visible', () => {
  it('are unknown in every detail, not "none"', () => {
    const { snap, view } = web({ events: 'forbidden' });
    const reason = 'forbidden: cannot list events in namespace "ns"';
    expect(table(statefulSets.detail(view, [], snap, T0), 'Events').empty).toBe(`unknown — ${reason}`);
    const job = rawJob('once');
    const jsnap = snapshot({ jobs: [job] }, 'ns', { events: 'forbidden' });
    expect(table(jobs.detail(jobView(slim('jobs', job), jsnap, T0), [], jsnap, T0), 'Events').empty).toBe(`unknown — ${reason}`);
  });
});

describe('check with kinds it cannot read', () => {
  it('lists the checks each unreadable kind leaves out', () => {
    const snap = snapshot({}, 'ns', { pods: 'forbidden', services: 'syncing' });
    expect(skippedChecks(snap)).toEqual([
      { kind: 'pods', reason: FORBIDDEN_PODS, checks: ['NotReady', 'RetainedClaims', 'OrphanedClaim'] },
      { kind: 'services', reason: 'still loading services', checks: ['NoStableDNS'] },
    ]);
    expect(skippedChecks(snapshot({}))).toEqual([]);
  });

  it('reports a CronJob’s failed run as the Job’s failure when CronJobs are not visible', () => {
    const run = rawJob('nightly-1', {}, { failed: 7, conditions: [{ type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded' }] }, { ownerReferences: [{ kind: 'CronJob', name: 'nightly', uid: 'cj-uid', controller: true }] });
    const findings = check(snapshot({ jobs: [run] }, 'ns', { cronjobs: 'forbidden' }), T0, { graceMs: 0 });
    expect(findings.map((f) => [f.object, f.code])).toEqual([['job/nightly-1', 'JobFailed']]);
  });
});
