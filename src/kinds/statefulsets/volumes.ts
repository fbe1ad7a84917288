// A StatefulSet's storage as sections: each claim down to its volume (sizes, access, class,
// reclaimPolicy, expansion, resize) and the data left behind — for describe, the detail pane and
// the dashboard's orphaned-data view.
import type { Orphans, OrphanedClaim, OrphanedVolume } from '../../model/orphans.js';
import type { ClaimVolume, StatefulSetStorage } from '../../model/volumes.js';
import { age } from '../../present/time.js';
import { cell, timedCell, unknownCell, unknownText, type Cell, type Tone } from '../cells.js';
import type { Field, Section, TableColumn } from '../sections.js';

const ACCESS: Record<string, string> = { ReadWriteOnce: 'RWO', ReadOnlyMany: 'ROX', ReadWriteMany: 'RWX', ReadWriteOncePod: 'RWOP' };
const PHASE_TONE: Record<string, Tone> = { Bound: 'ok', Pending: 'warn', Lost: 'bad', Released: 'muted', Failed: 'bad' };

const accessText = (modes: readonly string[]) => modes.map((m) => ACCESS[m] ?? m).join(',');
const reclaimTone = (policy: string | null): Tone | undefined => (policy === 'Delete' || policy === 'Recycle' ? 'warn' : undefined);

/** One line: how many volumes there are under which reclaimPolicy, and what is orphaned — or why it is not known. */
export function volumesField(s: StatefulSetStorage): Field {
  const hidden = s.unknown.claims ?? s.unknown.volumes;
  if (hidden) return { label: 'Volumes', value: unknownText(hidden), tone: 'muted' };
  const bound = s.claims.filter((c) => c.reclaimPolicy !== null);
  const byPolicy = new Map<string, number>();
  for (const c of bound) byPolicy.set(c.reclaimPolicy!, (byPolicy.get(c.reclaimPolicy!) ?? 0) + 1);
  const policies = [...byPolicy].map(([p, n]) => `${n} ${p}`).join(', ');
  const orphaned = s.orphans.length ? `; ${s.orphans.length} orphaned (claim gone, volume kept)` : '';
  return { label: 'Volumes', value: `${bound.length ? `${bound.length} bound (reclaimPolicy ${policies})` : 'none bound'}${orphaned}`, ...(s.orphans.length ? { tone: 'accent' as const } : {}) };
}

function resizeCell(c: ClaimVolume): Cell {
  if (!c.resize) return cell('-');
  return cell(c.resize.text, c.resize.state === 'failed' ? 'bad' : 'warn');
}

function expandCell(c: ClaimVolume, s: StatefulSetStorage): Cell {
  if (c.expandable === null) return unknownCell(s.unknown.classes ?? 'storage classes not visible');
  return c.expandable ? cell('yes', 'ok') : cell('no', 'muted');
}

function reclaimCell(c: ClaimVolume, s: StatefulSetStorage): Cell {
  if (s.unknown.volumes && c.volume) return unknownCell(s.unknown.volumes);
  return cell(c.reclaimPolicy, reclaimTone(c.reclaimPolicy));
}

const MODIFY_TONE: Record<NonNullable<ClaimVolume['modification']>['state'], Tone | undefined> = { done: undefined, pending: 'warn', 'in-progress': 'warn', infeasible: 'bad', failed: 'bad' };

function modificationCell(c: ClaimVolume): Cell {
  return c.modification ? cell(c.modification.text, MODIFY_TONE[c.modification.state]) : cell('-', 'muted');
}

export function claimVolumesTable(s: StatefulSetStorage): Section {
  // VolumeAttributesClasses are rare: their column only where a claim uses one.
  const attributes = s.claims.some((c) => c.modification);
  const columns: TableColumn[] = [
    { title: 'ORD', max: 4 },
    { title: 'CLAIM', min: 8, max: 34 },
    { title: 'PHASE', max: 8 },
    { title: 'REQUEST', max: 9 },
    { title: 'ACTUAL', max: 9 },
    { title: 'ACCESS', max: 9, priority: 5 },
    { title: 'CLASS', max: 22, priority: 4 },
    { title: 'VOLUME', max: 42, priority: 3 },
    { title: 'RECLAIM', max: 7 },
    { title: 'EXPAND', max: 6, priority: 2 },
    // Flex: it grows into what is left, but never pushes the volume out.
    { title: 'RESIZE', flex: true, max: 30, priority: 1 },
    ...(attributes ? [{ title: 'ATTRIBUTES CLASS', max: 40, priority: 1 }] : []),
  ];
  const rows = s.claims.map((c): Cell[] => {
    const dim: Tone | undefined = c.retained ? 'muted' : undefined;
    return [
      cell(c.ordinal, dim),
      cell(c.claim, dim),
      cell(c.phase, PHASE_TONE[c.phase] ?? 'warn'),
      cell(c.requested, dim),
      cell(c.capacity, dim),
      cell(accessText(c.accessModes), dim),
      cell(c.storageClass, dim),
      cell(c.volume, dim),
      reclaimCell(c, s),
      expandCell(c, s),
      resizeCell(c),
      ...(attributes ? [modificationCell(c)] : []),
    ];
  });
  return { type: 'table', title: 'Claims and volumes', columns, rows, empty: s.unknown.claims ? unknownText(s.unknown.claims) : 'no claims' };
}

function orphanVolumeRows(volumes: readonly OrphanedVolume[], now: number, withOwner: boolean): Cell[][] {
  return volumes.map((v) => [
    ...(withOwner ? [v.statefulSet ? cell(`sts/${v.statefulSet}`) : cell('(none)', 'muted')] : []),
    cell(v.volume),
    cell(v.claim, 'muted'),
    cell(v.phase, PHASE_TONE[v.phase]),
    cell(v.capacity),
    cell(v.storageClass),
    cell(v.reclaimPolicy, reclaimTone(v.reclaimPolicy)),
    timedCell(age(v.since, now)),
  ]);
}

/** Volumes whose claims are gone; `withOwner`: a column for the StatefulSet each belongs to (the namespace-wide view). */
export function orphanVolumesTable(volumes: readonly OrphanedVolume[], now: number, unknown: string | undefined, withOwner = false): Section {
  const columns: TableColumn[] = [
    ...(withOwner ? [{ title: 'STATEFULSET', max: 30 }] : []),
    { title: 'VOLUME', max: 42 },
    { title: 'CLAIM (GONE)', max: 34, priority: 2 },
    { title: 'PHASE', max: 8 },
    { title: 'SIZE', max: 9 },
    { title: 'CLASS', max: 22, priority: 3 },
    { title: 'RECLAIM', max: 7, priority: 1 },
    { title: 'SINCE', max: 7 },
  ];
  return { type: 'table', title: 'Orphaned volumes (claim gone, data kept)', columns, rows: orphanVolumeRows(volumes, now, withOwner), empty: unknown ? unknownText(unknown) : 'none' };
}

function orphanClaimsTable(claims: readonly OrphanedClaim[], now: number, unknown: string | undefined, volumesUnknown: string | undefined): Section {
  const columns: TableColumn[] = [
    { title: 'CLAIM', max: 34 },
    { title: 'PHASE', max: 8 },
    { title: 'SIZE', max: 9 },
    { title: 'CLASS', max: 22, priority: 3 },
    { title: 'VOLUME', max: 42, priority: 2 },
    { title: 'RECLAIM', max: 7, priority: 1 },
    { title: 'AGE', max: 7 },
  ];
  const rows = claims.map((c) => [
    cell(c.claim),
    cell(c.phase, PHASE_TONE[c.phase]),
    cell(c.capacity),
    cell(c.storageClass),
    cell(c.volume),
    c.volume && volumesUnknown ? unknownCell(volumesUnknown) : cell(c.reclaimPolicy, reclaimTone(c.reclaimPolicy)),
    timedCell(age(c.created, now)),
  ]);
  return { type: 'table', title: 'Claims no StatefulSet makes (named <template>-<statefulset>-<ordinal>, used by no StatefulSet or Job pod)', columns, rows, empty: unknown ? unknownText(unknown) : 'none' };
}

/** Everything orphaned in scope: volumes by StatefulSet (or none), and claims whose StatefulSet is gone. */
export function orphanSections(o: Orphans, now: number): Section[] {
  return [orphanVolumesTable(o.volumes, now, o.unknown.volumes, true), orphanClaimsTable(o.claims, now, o.unknown.claims, o.unknown.volumes)];
}
