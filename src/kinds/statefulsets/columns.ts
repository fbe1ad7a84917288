// The StatefulSets list: one definition for `kstate get sts` and the dashboard.
import type { StatefulSetView } from '../../model/statefulset.js';
import { age } from '../../present/time.js';
import { cell, timedCell, stateCell, unknownCell, type Cell, type Health } from '../cells.js';
import { byAge, byHealth, byName, type SortKey } from '../sorts.js';
import type { Column } from '../types.js';

export function stsHealth(v: StatefulSetView): Health {
  return v.status === 'Ready' ? 'ok' : v.status === 'Blocked' ? 'bad' : v.status === 'Scaled to 0' || v.status === 'Deleting' ? 'gone' : 'progress';
}

export function ordinalRange(v: StatefulSetView): string {
  return v.replicas > 0 ? `${v.ordinalsStart}..${v.ordinalsStart + v.replicas - 1}` : '-';
}

export function claimsSummary(v: StatefulSetView): string {
  const inRange = v.rows.filter((r) => r.inRange).flatMap((r) => r.claims);
  if (v.claimTemplates.length === 0) return '-';
  const bound = inRange.filter((c) => c.phase === 'Bound').length;
  return `${bound}/${inRange.length} Bound${v.retainedClaims ? ` +${v.retainedClaims} retained` : ''}`;
}

/** The ordinal start-up or a rollout waits on: "starting" while that is normal, blocked once it is not. */
export function blockedSummary(v: StatefulSetView): string {
  if (!v.blocking) return '-';
  return v.status === 'Blocked' ? `#${v.blocking.ordinal} ${v.blocking.reason}` : `starting #${v.blocking.ordinal}`;
}

function serviceCell(v: StatefulSetView): Cell {
  if (v.unknown.service) return { ...unknownCell(v.unknown.service), text: `${v.serviceName} (?)` };
  return cell(v.serviceName + (v.dnsProblem ? ' (no DNS)' : ''));
}

export const STATEFULSET_COLUMNS: readonly Column<StatefulSetView>[] = [
  { title: 'NAME', min: 8, max: 50, cell: (v) => cell(v.name) },
  { title: 'READY', max: 7, cell: (v) => cell(`${v.ready}/${v.replicas}`) },
  { title: 'STATUS', max: 14, cell: (v) => stateCell(v.status, stsHealth(v)) },
  { title: 'ORDINALS', priority: 4, max: 10, cell: (v) => cell(ordinalRange(v)) },
  { title: 'CLAIMS', priority: 2, max: 22, cell: (v) => (v.unknown.claims ? unknownCell(v.unknown.claims) : cell(claimsSummary(v), v.retainedClaims ? 'accent' : undefined)) },
  {
    title: 'BLOCKED',
    priority: 1,
    max: 22,
    cell: (v) => (v.unknown.pods ? unknownCell(v.unknown.pods) : cell(blockedSummary(v), v.blocking ? (v.status === 'Blocked' ? 'bad' : 'warn') : undefined)),
  },
  { title: 'AGE', priority: 3, max: 6, cell: (v, now) => timedCell(age(v.created, now)) },
  { title: 'POLICY', wide: true, cell: (v) => cell(v.podManagementPolicy) },
  {
    title: 'UPDATE',
    wide: true,
    cell: (v) => cell(v.updateStrategy === 'RollingUpdate' ? `RollingUpdate${v.partition ? `(partition ${v.partition})` : ''} ${v.updated}/${v.replicas}` : 'OnDelete'),
  },
  { title: 'RETENTION', wide: true, cell: (v) => cell(`scaled:${v.retention.whenScaled} deleted:${v.retention.whenDeleted}`) },
  { title: 'SERVICE', wide: true, cell: serviceCell },
];

export const STATEFULSET_SORTS: readonly SortKey<StatefulSetView>[] = [
  byName(),
  byAge(),
  byHealth(stsHealth),
  { id: 'notReady', label: 'not ready', value: (v) => -(v.replicas - v.ready) },
];
