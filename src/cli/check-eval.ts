// What `kstate check` concludes from one snapshot — for one context or each of several.
import { UsageError } from '../kube/errors.js';
import { check, OPTIONAL_KINDS, SEVERITY_RANK, skippedChecks, type SkippedCheck } from '../model/health.js';
import { parseGoDuration } from '../model/schedule.js';
import { parseSelector } from '../model/selector.js';
import { DEFAULT_GRACE_MS } from '../model/statefulset.js';
import type { Finding, KindName, Meta, Severity, Snapshot } from '../model/types.js';
import type { Args } from './args.js';

export interface CheckOptions {
  graceMs: number;
  failOn: Severity;
  partial: boolean;
  filter?: (r: Meta) => boolean;
}

export interface CheckResult {
  findings: Finding[];
  counts: Record<Severity, number>;
  skipped: SkippedCheck[];
  failing: boolean;
}

export function selectorFilter(args: Pick<Args, 'selector'>): ((r: Meta) => boolean) | undefined {
  if (!args.selector) return undefined;
  const sel = parseSelector(args.selector);
  return (r) => sel(r.labels);
}

export function checkOptions(args: Args): CheckOptions {
  if (!['table', 'text', 'json'].includes(args.output)) throw new UsageError(`unknown output format "${args.output}": use text or json`);
  const graceMs = args.grace === undefined ? DEFAULT_GRACE_MS : parseGoDuration(args.grace);
  if (graceMs === null) throw new UsageError(`invalid --grace "${args.grace}": use a duration like 90s or 5m`);
  const failOn = (args.failOn ?? 'failure') as Severity;
  if (failOn !== 'failure' && failOn !== 'warning') throw new UsageError(`invalid --fail-on "${args.failOn}": use failure or warning`);
  const filter = selectorFilter(args);
  return { graceMs, failOn, partial: args.partial, ...(filter ? { filter } : {}) };
}

/** The findings of a snapshot; a UsageError (exit 2) when a kind the checks need cannot be read. */
export function evaluateCheck(snap: Snapshot, now: number, opts: CheckOptions): CheckResult {
  const skipped = evaluable(snap, opts.partial);
  const findings = check(snap, now, { graceMs: opts.graceMs, ...(opts.filter ? { filter: opts.filter } : {}) });
  const counts = { failure: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  const failing = findings.some((f) => SEVERITY_RANK[f.severity] <= SEVERITY_RANK[opts.failOn]);
  return { findings, counts, skipped, failing };
}

/**
 * The checks left out because a kind cannot be read. Without --partial any (but an optional kind)
 * is a failure to evaluate (the safe default for alerting); with it, only when no workload kind at
 * all can be read.
 */
function evaluable(snap: Snapshot, partial: boolean): SkippedCheck[] {
  const skipped = skippedChecks(snap);
  const blinding = skipped.filter((s) => !OPTIONAL_KINDS.includes(s.kind));
  if (blinding.length === 0) return skipped;
  const first = blinding[0]!;
  if (!partial) {
    const hint = snap.status[first.kind].state === 'forbidden' ? ' (kstate check --partial checks what is visible)' : '';
    throw new UsageError(`${first.reason}${hint}`);
  }
  const workloads: readonly KindName[] = ['statefulsets', 'jobs', 'cronjobs'];
  if (workloads.every((k) => skipped.some((s) => s.kind === k))) {
    throw new UsageError(`nothing could be checked: ${[...new Set(skipped.map((s) => s.reason))].join('; ')}`);
  }
  return skipped;
}
