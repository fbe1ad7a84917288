// `kstate check --context a,b | --all-contexts`: each context checked on its own, the findings of
// all under their CONTEXT, one summary line per context, and the worst exit code of them
// (0 healthy, 1 findings, 2 a context could not be evaluated — unreachable, refused, forbidden).
import { CHECK_KINDS } from '../model/health.js';
import { worstCode } from '../model/fleet.js';
import type { Finding } from '../model/types.js';
import { toJson } from '../output/json.js';
import { renderTable } from '../output/table.js';
import type { Args } from './args.js';
import { evaluateCheck, type CheckOptions, type CheckResult } from './check-eval.js';
import { exitCodeOf, oneLine } from './errors.js';
import { listContexts } from './fleet.js';

type ContextCheck = { context: string; namespace: string | null; code: number } & ({ state: 'checked'; result: CheckResult } | { state: 'unknown'; reason: string });

export async function checkFleet(args: Args, opts: CheckOptions, contexts: readonly string[]): Promise<number> {
  const outcomes = await listContexts(args, contexts, CHECK_KINDS);
  const now = Date.now();
  const checks: ContextCheck[] = outcomes.map((o) => {
    if (!o.ok) return { context: o.context, namespace: null, code: 2, state: 'unknown', reason: o.reason };
    const namespace = o.value.conn.namespace;
    try {
      const result = evaluateCheck(o.value.snap, now, opts);
      return { context: o.context, namespace, code: result.failing ? 1 : 0, state: 'checked', result };
    } catch (err) {
      return { context: o.context, namespace, code: exitCodeOf(err), state: 'unknown', reason: oneLine(err) };
    }
  });
  const code = worstCode(checks.map((c) => c.code));
  const findings: (Finding & { context: string })[] = checks.flatMap((c) => (c.state === 'checked' ? c.result.findings.map((f) => ({ context: c.context, ...f })) : []));
  if (args.output === 'json') {
    const each = checks.map((c) =>
      c.state === 'checked'
        ? { context: c.context, namespace: c.namespace, state: c.state, ok: c.code === 0, code: c.code, counts: c.result.counts, skipped: c.result.skipped }
        : { context: c.context, state: c.state, ok: false, code: c.code, reason: c.reason },
    );
    process.stdout.write(`${toJson({ ok: code === 0, code, contexts: each, findings })}\n`);
    return code;
  }
  if (findings.length) {
    const all = checks.some((c) => c.state === 'checked' && c.namespace === null);
    process.stdout.write(renderTable(['CONTEXT', ...(all ? ['NAMESPACE'] : []), 'SEVERITY', 'OBJECT', 'CODE', 'MESSAGE'], findings.map((f) => [f.context, ...(all ? [f.namespace] : []), f.severity.toUpperCase(), f.object, f.code, f.message])));
  }
  const skipped = checks.flatMap((c) => (c.state === 'checked' ? c.result.skipped.map((s) => [c.context, s.checks.join(', '), s.reason]) : []));
  if (skipped.length) process.stdout.write(renderTable(['CONTEXT', 'SKIPPED', 'REASON'], skipped));
  if (findings.length || skipped.length) process.stdout.write('\n');
  process.stdout.write(
    renderTable(
      ['CONTEXT', 'RESULT', 'SUMMARY'],
      checks.map((c) => {
        if (c.state === 'unknown') return [c.context, 'UNKNOWN', c.reason];
        const { counts, skipped: s } = c.result;
        return [c.context, c.code === 0 ? 'OK' : 'NOT OK', `${counts.failure} failure(s), ${counts.warning} warning(s), ${counts.info} info${s.length ? ` — partial: ${s.length} kind(s) not visible` : ''}`];
      }),
    ),
  );
  const bad = checks.filter((c) => c.code !== 0);
  const unknown = checks.filter((c) => c.state === 'unknown').length;
  process.stdout.write(`${code === 0 ? 'OK' : 'NOT OK'}: ${checks.length - bad.length} of ${checks.length} context(s) OK${bad.length ? ` (${bad.length - unknown} with findings, ${unknown} unknown)` : ''}\n`);
  return code;
}
