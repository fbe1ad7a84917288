// A StatefulSet's rollout history as lines: the revisions (number, age, ordinals running each), a
// template diff, and the choices of the undo pick. The same lines for `kstate history` and the dashboard.
import { historyRows, type DiffLine, type HistoryRow, type RevisionRec } from '../../model/revisions.js';
import type { StatefulSetView } from '../../model/statefulset.js';
import { age } from '../../present/time.js';
import { span, type Span } from '../cells.js';

const ordinalsText = (r: HistoryRow, unknownPods: string | undefined): string =>
  r.ordinals === null ? `? (${unknownPods ?? 'pods not known'})` : r.ordinals.length ? r.ordinals.join(',') : '-';
const tags = (r: HistoryRow): string => [r.update ? 'update' : '', r.current ? 'current' : ''].filter(Boolean).join(', ');

/** One line a revision, newest first, under a header; columns padded to the widest cell. */
export function historyLines(v: StatefulSetView, revisions: readonly RevisionRec[], now: number): Span[][] {
  const rows = historyRows(v, revisions).reverse();
  if (!rows.length) return [[span(`sts/${v.name} has no revisions it controls`, 'muted')]];
  const table = [['REVISION', 'NAME', 'AGE', 'ORDINALS', ''], ...rows.map((r) => [String(r.revision), r.name, age(r.created, now).text, ordinalsText(r, v.unknown.pods), tags(r)])];
  const widths = table[0]!.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
  return table.map((row, k) => {
    const text = row.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
    return [span(text, k === 0 ? 'muted' : rows[k - 1]!.update ? 'accent' : undefined, k === 0)];
  });
}

/** The undo pick's items: "N  NAME  (update; ordinals 1,2)", newest first; the answer's leading number is the revision. */
export function revisionChoices(v: StatefulSetView, revisions: readonly RevisionRec[]): string[] {
  return historyRows(v, revisions)
    .reverse()
    .map((r) => `${r.revision}  ${r.name}  (${[tags(r), `ordinals ${ordinalsText(r, v.unknown.pods)}`].filter(Boolean).join('; ')})`);
}

/** A diff as lines: removed red, added green, the rest muted; "no difference" when none. */
export function diffLines(diff: readonly DiffLine[], indent = ''): Span[][] {
  if (!diff.some((l) => l.op !== ' ')) return [[span(`${indent}(no difference in the pod template)`, 'muted')]];
  return diff.map((l) => [span(`${indent}${l.op} ${l.text}`, l.op === '+' ? 'ok' : l.op === '-' ? 'bad' : 'muted')]);
}
