// A StatefulSet's detail: its settings, the ordinal matrix (pod, claims and DNS per ordinal, the
// partition boundary, retained claims), findings and events — for describe and the detail pane.
import { volumeFinding } from '../../model/orphans.js';
import type { ScalePreview } from '../../model/scale.js';
import { ordinalReleasedByPartitionStep } from '../../model/rollout.js';
import type { OrdinalRow, StatefulSetView } from '../../model/statefulset.js';
import type { EventRec } from '../../model/types.js';
import { losesData, type StatefulSetStorage } from '../../model/volumes.js';
import { age } from '../../present/time.js';
import { cell, HEALTH, span, stateCell, unknownCell, unknownText, type Cell, type Span, type Tone } from '../cells.js';
import { eventsSection, findingsSection, timedField, type OrdinalTile, type Section, type TableColumn, type TableRow } from '../sections.js';

const retainedAge = (since: number, now: number) => {
  const a = age(since, now);
  return { age: a.text, changesAt: a.changesAt };
};
import { blockedSummary, claimsSummary, ordinalRange, stsHealth } from './columns.js';
import { claimVolumesTable, orphanVolumesTable, volumesField } from './volumes.js';

function ordinalTable(v: StatefulSetView, now: number): Section {
  const columns: TableColumn[] = [
    { title: 'ORD', max: 7 },
    { title: 'POD', max: 30 },
    { title: 'STATUS', max: 22 },
    { title: 'READY', max: 5 },
    { title: 'RST', max: 4, align: 'right' },
    { title: 'INIT', max: 5 },
    { title: 'REV', max: 5 },
    { title: 'NODE', max: 16 },
    { title: 'IP', max: 15 },
    ...v.claimTemplates.map((t) => ({ title: `CLAIM ${t}`.toUpperCase(), max: 26 })),
    { title: 'DNS', flex: true, max: 80 },
  ];
  const rows: TableRow[] = [];
  for (const r of v.rows) {
    const blocked = v.blocking?.ordinal === r.ordinal;
    const p = r.pod;
    const dim: Tone | undefined = r.retained || !r.inRange ? 'muted' : undefined;
    const claims = v.claimTemplates.map((t): Cell => {
      if (v.unknown.claims) return unknownCell(v.unknown.claims);
      const c = r.claims.find((x) => x.template === t);
      if (!c || c.phase === 'Missing') return cell('—', 'muted');
      const kept = r.retained ? age(c.created, now) : null;
      const text = `${c.phase} ${c.capacity ?? ''}${kept ? ` ${kept.text}` : ''}`.trim();
      return { ...cell(text, c.phase === 'Bound' ? (dim ?? 'ok') : 'warn'), ...(kept ? { changesAt: kept.changesAt } : {}) };
    });
    rows.push([
      cell(`${blocked ? '▶' : ' '}${r.ordinal}`, blocked ? 'bad' : dim),
      cell(p ? p.name : r.podName, dim),
      p && p.availableAt !== null
        ? availabilityCell(p.availableAt, now)
        : p
        ? stateCell(p.status + (r.inRange ? '' : ' (outside)'), p.health)
        : v.unknown.pods
          ? unknownCell(v.unknown.pods)
          : r.retained
            ? stateCell('retained', 'gone')
            : stateCell('missing', r.inRange ? 'progress' : 'none'),
      cell(p?.readyContainers ?? '', dim),
      cell(p ? p.restarts : '', p && p.restarts > 0 ? 'warn' : dim),
      cell(p?.init ?? '', dim),
      p?.updated === true ? cell('new', 'ok', '✓') : p?.updated === false ? cell('old', 'warn', '↺') : cell('', dim),
      cell(p?.node ?? '', dim),
      cell(p?.ip ?? '', dim),
      ...claims,
      dnsCell(v, r),
    ]);
    if (v.partition > 0 && v.updateStrategy === 'RollingUpdate' && r.inRange && r.ordinal === ordinalReleasedByPartitionStep(v)) {
      rows.push({ note: `── partition ${v.partition}: ordinals below stay on ${v.currentRevision || 'the current revision'} ──`, tone: 'accent' });
    }
  }
  return { type: 'table', title: 'Pods and claims', columns, rows, empty: 'no ordinals' };
}

/** The picture: a tile per ordinal, its claims under it, retained claims after the last one. */
function ordinalStrip(v: StatefulSetView, now: number): Section {
  const tiles: OrdinalTile[] = v.rows.map((r) => ({
    ordinal: r.ordinal,
    health: r.pod ? (r.stuck ? 'bad' : r.pod.availableAt !== null ? 'progress' : r.pod.health) : r.unseen === 'unlabelled' ? 'bad' : r.retained ? 'gone' : r.inRange ? 'none' : 'gone',
    state: r.pod ? r.pod.status : r.retained ? 'retained' : (r.unseen ?? 'missing'),
    blocked: v.blocking?.ordinal === r.ordinal,
    old: r.pod?.updated === false,
    retained: r.retained,
    claims: v.claimTemplates.map((t) => (v.unknown.claims ? 'Unknown' : (r.claims.find((c) => c.template === t)?.phase ?? 'Missing'))),
    ...(r.retained ? retainedAge(Math.min(...r.claims.map((c) => c.created ?? now)), now) : {}),
  }));
  const partition = v.updateStrategy === 'RollingUpdate' && v.partition > 0 ? v.ordinalsStart + v.partition : null;
  return { type: 'ordinals', title: `Ordinals ${ordinalRange(v)}`, tiles, partition, templates: v.claimTemplates };
}

/** A ready pod waiting out minReadySeconds: ready, not yet available to the controller. */
function availabilityCell(at: number, now: number): Cell {
  // Whole seconds rounded up, as the blocking detail counts them: never "in 0s" while it still waits.
  const left = Math.max(0, at - now);
  return { ...stateCell(`Ready, avail. in ${Math.max(1, Math.ceil(left / 1000))}s`, 'progress'), changesAt: now + (left % 1000 || 1000) };
}

function updateStrategyText(v: StatefulSetView): string {
  if (v.updateStrategy !== 'RollingUpdate') return `${v.updateStrategy}: pods change only when deleted`;
  const atOnce = v.maxUnavailable === null ? 'one ordinal at a time' : `maxUnavailable ${v.maxUnavailable}: up to ${v.maxUnavailable} ordinals at once`;
  return `RollingUpdate, partition ${v.partition}, ${atOnce}`;
}

function dnsCell(v: StatefulSetView, r: OrdinalRow): Cell {
  if (r.dns) return cell(r.dns);
  if (r.inRange && v.dnsProblem) return cell('no stable DNS', 'muted');
  const hidden = v.unknown.service ?? v.unknown.pods;
  return hidden && r.inRange ? unknownCell(hidden) : cell('', 'muted');
}

function serviceText(v: StatefulSetView): string {
  if (v.unknown.service) return `${v.serviceName}, ${unknownText(v.unknown.service)}`;
  return v.serviceName + (v.dnsProblem ? ` — ${v.dnsProblem}` : ' (headless)');
}

function blockedText(v: StatefulSetView): string {
  if (v.unknown.pods) return unknownText(v.unknown.pods);
  return v.blocking ? `${blockedSummary(v)} during ${v.blocking.during}: ${v.blocking.detail}` : '-';
}

export function statefulSetDetail(v: StatefulSetView, storage: StatefulSetStorage, events: readonly EventRec[], now: number, eventsUnknown: string | null): Section[] {
  const fields: Section = {
    type: 'fields',
    fields: [
      { label: 'Name', value: v.name, pane: false },
      { label: 'Namespace', value: v.namespace, pane: false },
      { label: 'Status', value: v.status, tone: HEALTH[stsHealth(v)].tone },
      { label: 'Replicas', value: `${v.replicas} desired | ${v.ready} ready | ${v.current} current | ${v.updated} updated | ${v.available} available` },
      { label: 'Ordinals', value: `${ordinalRange(v)} (start ${v.ordinalsStart})` },
      { label: 'Pod management', value: v.podManagementPolicy },
      { label: 'Update strategy', value: updateStrategyText(v) },
      ...(v.minReadySeconds > 0 ? [{ label: 'Min ready', value: `${v.minReadySeconds}s: a pod counts as available ${v.minReadySeconds}s after it is ready` }] : []),
      { label: 'Revisions', value: `current ${v.currentRevision || '-'}, update ${v.updateRevision || '-'}${v.rolloutInProgress ? ' (rollout in progress)' : ''}` },
      { label: 'Claim retention', value: `whenScaled: ${v.retention.whenScaled}, whenDeleted: ${v.retention.whenDeleted}` },
      { label: 'Claims', value: v.unknown.claims ? unknownText(v.unknown.claims) : claimsSummary(v), ...(v.unknown.claims ? { tone: 'muted' as const } : {}) },
      volumesField(storage),
      { label: 'Service', value: serviceText(v), ...(v.dnsProblem ? { tone: 'warn' as const } : v.unknown.service ? { tone: 'muted' as const } : {}) },
      {
        label: 'Blocked',
        value: blockedText(v),
        ...(v.blocking ? { tone: v.status === 'Blocked' ? ('bad' as const) : ('warn' as const) } : v.unknown.pods ? { tone: 'muted' as const } : {}),
      },
      timedField('Age', age(v.created, now)),
    ],
  };
  // Without the pods there is nothing true to draw: every tile would say "missing".
  const strip = v.unknown.pods ? [] : [ordinalStrip(v, now)];
  const orphaned = storage.orphans.length ? [orphanVolumesTable(storage.orphans, now, undefined)] : [];
  const findings = [...v.findings, ...storage.orphans.map((o) => volumeFinding(o, now))];
  return [fields, ...strip, ordinalTable(v, now), claimVolumesTable(storage), ...orphaned, findingsSection(findings), eventsSection(events, now, eventsUnknown)];
}

const CLAIM_TONE: Record<ScalePreview['claims'][number]['action'], Tone> = { create: 'ok', reattach: 'accent', retain: 'muted', delete: 'bad' };

/** What scaling will do, line by line: for the confirmation and for describe. */
export function previewLines(p: ScalePreview): Span[][] {
  const lines: Span[][] = [];
  if (p.create.length) lines.push([span(`+ create pods at ordinals ${p.create.join(', ')}`, 'ok')]);
  if (p.remove.length) lines.push([span(`- remove pods at ordinals ${p.remove.join(', ')} (highest first)`, 'warn')]);
  for (const c of p.claims) {
    const phase = c.created !== null && (c.action === 'reattach' || c.action === 'retain') ? ` (${c.phase})` : '';
    const data = c.data ? [span(' — '), span(c.data.text, losesData(c.data) ? 'bad' : undefined)] : [];
    lines.push([span(`  claim ${c.name}: `), span(c.action, CLAIM_TONE[c.action]), span(phase), ...data]);
  }
  for (const w of p.warnings) lines.push([span(`! ${w}`, 'warn')]);
  for (const [what, reason] of Object.entries(p.unknown)) lines.push([span(`? ${what}: not visible (${reason})`, 'muted')]);
  return lines;
}

export function previewSection(previews: readonly ScalePreview[]): Section {
  return { type: 'lines', title: 'Scale preview', lines: previews.flatMap((p) => [[span(`scale ${p.from} → ${p.to}:`)], ...previewLines(p)]), empty: 'none' };
}
