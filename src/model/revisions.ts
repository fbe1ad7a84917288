// A StatefulSet's rollout history: its ControllerRevisions (numbered, each a strategic-merge patch
// that restores spec.template), which ordinals run each, a line diff of two templates, and what
// `kubectl rollout undo sts --to-revision` would do (pkg/polymorphichelpers/rollback.go).
import type { StatefulSetView } from './statefulset.js';

/** A ControllerRevision as kstate keeps it: `data` is the patch the controller stored, untouched. */
export interface RevisionRec {
  name: string;
  revision: number;
  created: number | null;
  /** The uid of its controller owner, if any. */
  owner: string | null;
  data: Record<string, unknown>;
}

/** The history of one StatefulSet as read from the server (a GET and a list), or why it is not known. */
export type HistoryRead =
  | { uid: string; resourceVersion: string; template: unknown; revisions: readonly RevisionRec[] }
  | { unknown: string };

export interface HistoryRow {
  revision: number;
  name: string;
  created: number | null;
  /** Ordinals whose pod runs it (controller-revision-hash = its name); null when pods are not known. */
  ordinals: number[] | null;
  current: boolean;
  update: boolean;
}

/** The revisions a StatefulSet controls (ownerReferences uid, as kubectl's IsControlledBy), oldest first. */
export function ownedRevisions(revisions: readonly RevisionRec[], uid: string): RevisionRec[] {
  return revisions.filter((r) => r.owner === uid).sort((a, b) => a.revision - b.revision);
}

export function historyRows(v: StatefulSetView, revisions: readonly RevisionRec[]): HistoryRow[] {
  return ownedRevisions(revisions, v.uid).map((r) => ({
    revision: r.revision,
    name: r.name,
    created: r.created,
    ordinals: v.unknown.pods ? null : v.rows.filter((row) => row.inRange && row.pod?.revision === r.name).map((row) => row.ordinal),
    current: r.name === v.currentRevision,
    update: r.name === v.updateRevision,
  }));
}

/** The pod template a revision restores (its patch without the `$patch: replace` directive). */
export function revisionTemplate(r: RevisionRec): unknown {
  const spec = r.data.spec as { template?: Record<string, unknown> } | undefined;
  if (!spec?.template) return null;
  const { $patch: _directive, ...template } = spec.template;
  return template;
}

/**
 * The revision `--to-revision N` means, as kubectl finds it: N itself, or for 0 the one before the
 * latest (the second highest number); an error line otherwise.
 */
export function findRevision(revisions: readonly RevisionRec[], uid: string, to: number): RevisionRec | { error: string } {
  const owned = ownedRevisions(revisions, uid);
  if (to === 0) return owned.length > 1 ? owned[owned.length - 2]! : { error: 'no last revision to roll back to' };
  return owned.find((r) => r.revision === to) ?? { error: `unable to find specified revision ${to} in history` };
}

// ——— the template as lines, and a line diff ———

const plain = (s: string) => s !== '' && !/^[\s\-?:,[\]{}#&*!|>'"%@`]|[:#]\s|\s$|^(true|false|null|~|[-+.\d][\d._eE+-]*)$/i.test(s) && !/[\n\r\t]/.test(s);
const scalar = (v: unknown): string => (typeof v === 'string' ? (plain(v) ? v : JSON.stringify(v)) : v === null || v === undefined ? 'null' : JSON.stringify(v));

/** A YAML-like rendering with sorted keys, one value a line, so two templates diff line by line. */
export function templateLines(value: unknown, indent = ''): string[] {
  const out: string[] = [];
  if (Array.isArray(value)) {
    if (!value.length) return [`${indent}[]`];
    for (const item of value) {
      const inner = templateLines(item, `${indent}  `);
      const nested = item !== null && typeof item === 'object' && !(Array.isArray(item) ? !item.length : !Object.keys(item).length);
      if (nested) out.push(`${indent}- ${inner[0]!.slice(indent.length + 2)}`, ...inner.slice(1));
      else out.push(`${indent}- ${scalar(Array.isArray(item) ? [] : item !== null && typeof item === 'object' ? {} : item)}`);
    }
    return out;
  }
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    if (!keys.length) return [`${indent}{}`];
    for (const k of keys) {
      const v = (value as Record<string, unknown>)[k];
      const key = plain(k) ? k : JSON.stringify(k);
      const empty = Array.isArray(v) ? !v.length : v !== null && typeof v === 'object' && !Object.keys(v).length;
      if (v !== null && typeof v === 'object' && !empty) out.push(`${indent}${key}:`, ...templateLines(v, `${indent}  `));
      else out.push(`${indent}${key}: ${empty ? (Array.isArray(v) ? '[]' : '{}') : scalar(v)}`);
    }
    return out;
  }
  return [`${indent}${scalar(value)}`];
}

export interface DiffLine {
  op: ' ' | '-' | '+';
  text: string;
}

/** A line diff (longest common subsequence), with `context` unchanged lines around each change; "…" between hunks. */
export function lineDiff(a: readonly string[], b: readonly string[], context = 3): DiffLine[] {
  const n = a.length;
  const m = b.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const all: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      all.push({ op: ' ', text: a[i++]! });
      j++;
    } else if (i < n && (j === m || lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) all.push({ op: '-', text: a[i++]! });
    else all.push({ op: '+', text: b[j++]! });
  }
  const near = all.map((_, k) => all.slice(Math.max(0, k - context), k + context + 1).some((l) => l.op !== ' '));
  const out: DiffLine[] = [];
  all.forEach((l, k) => {
    if (near[k]) out.push(l);
    else if (k > 0 && near[k - 1] && all.slice(k).some((x) => x.op !== ' ')) out.push({ op: ' ', text: '…' });
  });
  return out;
}

export const templateDiff = (from: unknown, to: unknown, context = 3): DiffLine[] => lineDiff(templateLines(from), templateLines(to), context);

// ——— undo ———

export interface UndoPreview {
  target: RevisionRec;
  /** The StatefulSet's template already is the target's: kubectl skips the rollback. */
  matches: boolean;
  diff: DiffLine[];
  /** Ordinals whose pods the controller replaces (on another revision, at or above the partition), highest first. */
  replaced: number[];
  /** Ordinals on another revision that it leaves: below the partition, or every one with OnDelete. */
  left: number[];
  /** Why none is replaced by the controller (OnDelete), when so. */
  note: string | null;
}

/** What undoing to `target` does, from the template as the server has it now and the pods' revisions. */
export function undoPreview(v: StatefulSetView, template: unknown, target: RevisionRec): UndoPreview {
  const to = revisionTemplate(target);
  const diff = templateDiff(template, to);
  const matches = !diff.some((l) => l.op !== ' ');
  const other = v.rows.filter((r) => r.inRange && r.pod && r.pod.revision !== target.name).map((r) => r.ordinal);
  if (v.updateStrategy === 'OnDelete') {
    return { target, matches, diff, replaced: [], left: other, note: 'updateStrategy OnDelete: no pod is replaced until it is deleted' };
  }
  const from = v.ordinalsStart + v.partition;
  return { target, matches, diff, replaced: other.filter((o) => o >= from).reverse(), left: other.filter((o) => o < from), note: null };
}
