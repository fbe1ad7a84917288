// The shipped alert rules, as Prometheus itself reads them: promtool (Debian's prometheus package,
// which .ci/run installs) checks them and runs their unit tests (deploy/prometheus/rules.test.yaml).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

async function promtool(...args: string[]): Promise<{ code: number; out: string }> {
  try {
    const { stdout, stderr } = await run('promtool', args, { cwd: 'deploy/prometheus' });
    return { code: 0, out: stdout + stderr };
  } catch (err) {
    const e = err as { code?: number | string; stdout?: string; stderr?: string };
    if (e.code === 'ENOENT') throw new Error("promtool not found: install Debian's prometheus package (.ci/run does)");
    return { code: Number(e.code), out: (e.stdout ?? '') + (e.stderr ?? '') };
  }
}

describe('deploy/prometheus/rules.yaml', () => {
  it('passes promtool check rules', async () => {
    const r = await promtool('check', 'rules', 'rules.yaml');
    expect(r).toMatchObject({ code: 0 });
    expect(r.out).toContain('SUCCESS: 6 rules found');
  });

  it('fires and resolves as its tests say (promtool test rules)', async () => {
    const r = await promtool('test', 'rules', 'rules.test.yaml');
    expect(r.out).toContain('SUCCESS');
    expect(r.code).toBe(0);
  });
});
