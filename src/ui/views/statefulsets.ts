// StatefulSets: the list row, and the detail pane — the ordinal matrix with pods, claims and DNS.
import { age } from '../../present/time.js';
import type { StatefulSetView } from '../../model/statefulset.js';
import type { EventRec } from '../../model/types.js';
import { blockedSummary, claimsSummary, ordinalRange } from '../../model/summary.js';
import { lit, safe, type Safe } from '../text.js';
import { cell, type Cell, type Column } from '../widgets/table.js';
import { eventLines, findingLines, heading, kv, stateCell, table, type Health } from './common.js';

export function stsHealth(v: StatefulSetView): Health {
  return v.status === 'Ready' ? 'ok' : v.status === 'Blocked' ? 'bad' : v.status === 'Scaled to 0' || v.status === 'Deleting' ? 'gone' : 'progress';
}

export function stsColumns(allNamespaces: boolean): Column[] {
  return [
    ...(allNamespaces ? [{ title: 'NAMESPACE', max: 20 }] : []),
    { title: 'NAME', flex: true, min: 8, max: 50 },
    { title: 'READY', max: 7 },
    { title: 'STATUS', max: 14 },
    { title: 'ORDINALS', max: 10 },
    { title: 'CLAIMS', max: 22 },
    { title: 'BLOCKED', max: 22 },
    { title: 'AGE', max: 6 },
  ];
}

export function stsRow(v: StatefulSetView, now: number, allNamespaces: boolean): Cell[] {
  return [
    ...(allNamespaces ? [cell(v.namespace)] : []),
    cell(v.name),
    cell(`${v.ready}/${v.replicas}`),
    stateCell(v.status, stsHealth(v)),
    cell(ordinalRange(v)),
    cell(claimsSummary(v), v.retainedClaims ? 'cyan-fg' : undefined),
    cell(blockedSummary(v), v.blocking ? 'red-fg' : undefined),
    cell(age(v.created, now)),
  ];
}

export function stsDetail(v: StatefulSetView, events: readonly EventRec[], now: number, width: number): Safe[] {
  const lines: Safe[] = [
    lit(`{bold}sts/${safe(v.name)}{/bold}  ${safe(v.namespace)}   ${stateSummary(v)}`),
    kv([
      ['replicas', `${v.ready}/${v.replicas} ready · ${v.current} current · ${v.updated} updated`],
      ['ordinals', `${ordinalRange(v)}`],
      ['policy', v.podManagementPolicy],
    ]),
    kv([
      ['update', v.updateStrategy + (v.updateStrategy === 'RollingUpdate' ? ` partition ${v.partition}` : '')],
      ['retention', `whenScaled=${v.retention.whenScaled} whenDeleted=${v.retention.whenDeleted}`],
    ]),
    kv([
      ['service', v.serviceName + (v.dnsProblem ? '' : ' (headless)')],
      ['revision', v.updateRevision + (v.rolloutInProgress ? ` (rolling out from ${v.currentRevision})` : '')],
    ]),
  ];
  if (v.dnsProblem) lines.push(lit(`{yellow-fg}! ${safe(v.dnsProblem)}{/yellow-fg}`));
  if (v.blocking) lines.push(lit(`{red-fg}{bold}✗ ${v.blocking.during} blocked at ordinal ${v.blocking.ordinal}:{/bold} ${safe(v.blocking.reason)} — ${safe(v.blocking.detail)}{/red-fg}`));
  lines.push(lit(''), heading('Ordinals'));

  const columns: Column[] = [
    { title: 'ORD', max: 7 },
    { title: 'POD', max: 30 },
    { title: 'STATUS', max: 22 },
    { title: 'READY', max: 5 },
    { title: 'RST', max: 4, align: 'right' },
    { title: 'INIT', max: 5 },
    { title: 'REV', max: 5 },
    { title: 'NODE', max: 16 },
    ...v.claimTemplates.map((t) => ({ title: `CLAIM ${t}`.toUpperCase(), max: 26 })),
    { title: 'DNS', flex: true, max: 80 },
  ];
  const rows: Cell[][] = [];
  let partitionDrawn = false;
  for (const r of v.rows) {
    const blocked = v.blocking?.ordinal === r.ordinal;
    const p = r.pod;
    const dim = r.retained || !r.inRange ? 'gray-fg' : undefined;
    rows.push([
      cell(`${blocked ? '▶' : ' '}${r.ordinal}`, blocked ? 'red-fg' : dim),
      cell(p ? p.name : r.podName, dim),
      p ? stateCell(p.status + (r.inRange ? '' : ' (outside)'), p.health) : r.retained ? stateCell('retained', 'gone') : stateCell('missing', r.inRange ? 'progress' : 'none'),
      cell(p?.readyContainers ?? '', dim),
      cell(p ? p.restarts : '', p && p.restarts > 0 ? 'yellow-fg' : dim),
      cell(p?.init ?? '', dim),
      p?.updated === true ? cell('new', 'green-fg', '✓') : p?.updated === false ? cell('old', 'yellow-fg', '↺') : cell('', dim),
      cell(p?.node ?? '', dim),
      ...v.claimTemplates.map((t) => {
        const c = r.claims.find((x) => x.template === t);
        if (!c || c.phase === 'Missing') return cell('—', 'gray-fg');
        const text = `${c.phase} ${c.capacity ?? ''}${r.retained ? ` ${age(c.created, now)}` : ''}`.trim();
        return c.phase === 'Bound' ? cell(text, dim ?? 'green-fg') : cell(text, 'yellow-fg');
      }),
      cell(r.dns ?? (r.inRange && v.dnsProblem ? 'no stable DNS' : ''), r.dns ? undefined : 'gray-fg'),
    ]);
    if (!partitionDrawn && v.partition > 0 && v.updateStrategy === 'RollingUpdate' && r.ordinal === v.ordinalsStart + v.partition - 1 && r.inRange) {
      rows.push([cell(`── partition ${v.partition}: ordinals below stay on ${v.currentRevision || 'the current revision'} ──`, 'cyan-fg')]);
      partitionDrawn = true;
    }
  }
  const matrix = table(columns, rows.filter((r) => r.length > 1), width);
  // The partition line spans the table: render it on its own.
  const out: Safe[] = [matrix[0]!];
  let i = 1;
  for (const r of rows) {
    if (r.length === 1) out.push(lit(`{cyan-fg}${safe(r[0]!.text)}{/cyan-fg}`));
    else out.push(matrix[i++]!);
  }
  lines.push(...out, lit(''), ...findingLines(v.findings), lit(''), ...eventLines(events, now, width));
  return lines;
}

function stateSummary(v: StatefulSetView): Safe {
  const h = stsHealth(v);
  const style = { ok: 'green-fg', progress: 'yellow-fg', bad: 'red-fg', gone: 'gray-fg', none: 'gray-fg' }[h];
  return lit(`{${style}}${safe(v.status)}{/${style}}`);
}
