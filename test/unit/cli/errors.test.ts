// The built CLI on bad input: one clear line on stderr, exit code 2, no stack trace, no secrets.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

function kstate(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['bin/kstate.js', ...args], { env: { PATH: process.env.PATH, HOME: '/nonexistent', ...env }, timeout: 30_000 }, (err, stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? -1) : 0, stdout, stderr }),
    );
  });
}

const fx = (name: string) => path.resolve('test/fixtures/kubeconfigs', name);

function expectOneLine(r: { code: number; stderr: string; stdout: string }, pattern: RegExp) {
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  const lines = r.stderr.split('\n').filter(Boolean);
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(r.stderr).not.toContain('planted-secret');
  expect(r.stderr).not.toContain('cGxhbnRlZC1zZWNyZXQta2V5');
}

describe('kstate CLI errors', () => {
  it('prints its version and help without a cluster', async () => {
    const v = await kstate(['--version']);
    expect(v.code).toBe(0);
    expect(v.stdout).toMatch(/^kstate \d+\.\d+\.\d+\n$/);
    const h = await kstate(['--help']);
    expect(h.stdout).toContain('kstate get sts|jobs|cj');
  });

  it('names the unreachable server', async () => {
    expectOneLine(await kstate(['get', 'sts', '--kubeconfig', fx('good.yaml')]), /^kstate: cannot reach the API server at https:\/\/127\.0\.0\.1:1: connection refused$/);
  });

  it.each([
    ['empty.yaml', /kubeconfig is empty/],
    ['not-yaml.yaml', /is not valid/],
    ['missing-cluster.yaml', /names cluster "nowhere", which is not defined/],
    ['no-context.yaml', /no current context/],
    ['missing.yaml', /kubeconfig not found/],
  ])('rejects %s in one line', async (file, pattern) => {
    expectOneLine(await kstate(['get', 'jobs', '--kubeconfig', fx(file)]), pattern);
  });

  it('reports bad certificate data and a failing exec plugin in one line', async () => {
    expectOneLine(await kstate(['get', 'cj', '--kubeconfig', fx('bad-cert.yaml')]), /^kstate: .+/);
    expectOneLine(await kstate(['get', 'cj', '--kubeconfig', fx('exec-fails.yaml')]), /^kstate: .+/);
  });

  it('rejects unknown commands, kinds, flags and formats', async () => {
    expectOneLine(await kstate(['frobnicate']), /unknown command "frobnicate"/);
    expectOneLine(await kstate(['get', 'pods', '--kubeconfig', fx('good.yaml')]), /unknown kind "pods"/);
    expectOneLine(await kstate(['get', 'sts', '--bogus']), /unknown flag: --bogus/);
    expectOneLine(await kstate(['get', 'sts', '-o', 'yaml', '--kubeconfig', fx('good.yaml')]), /unknown output format "yaml"/);
  });

  it('prints no credentials with --verbose either', async () => {
    const r = await kstate(['get', 'sts', '-v', '--kubeconfig', fx('good.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('kstate: WATCH https://127.0.0.1:1/apis/apps/v1/namespaces/team-a/statefulsets?watch=1&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true&timeoutSeconds=290 failed: ECONNREFUSED');
    expect(r.stderr).not.toContain('planted-secret');
    const basic = await kstate(['get', 'sts', '-v', '--kubeconfig', fx('userinfo-url.yaml')]);
    expect(basic.stderr).toContain('https://127.0.0.1:1');
    expect(basic.stderr).not.toContain('hunter2');
  });

  it('rejects bad `kstate logs` input before any request', async () => {
    const good = ['--kubeconfig', fx('good.yaml')];
    expectOneLine(await kstate(['logs', ...good]), /^kstate: name a kind: sts, jobs or cj$/);
    expectOneLine(await kstate(['logs', 'pods/x', ...good]), /unknown kind "pods\/x"/);
    expectOneLine(await kstate(['logs', 'sts', ...good]), /^kstate: logs needs a name: kstate logs sts\/NAME$/);
    expectOneLine(await kstate(['logs', 'sts/web', '--failed', ...good]), /--last and --failed choose a CronJob's run/);
    expectOneLine(await kstate(['logs', 'cj/x', '--last', '--failed', ...good]), /either --last or --failed/);
    expectOneLine(await kstate(['logs', 'job/x', '-f', '-p', ...good]), /cannot be followed/);
    expectOneLine(await kstate(['logs', 'job/x', '--tail', 'ten', ...good]), /--tail needs a number of lines, not "ten"/);
    expectOneLine(await kstate(['logs', 'job/x', '-A', ...good]), /logs works in one namespace/);
  });

  it('says there is no kubeconfig', async () => {
    expectOneLine(await kstate(['get', 'sts']), /no kubeconfig found/);
  });
});
