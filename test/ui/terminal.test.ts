// The dashboard gives the terminal back however it ends (q, Ctrl-C, SIGTERM, SIGHUP, an uncaught
// error): checked under tmux — alternate screen off, cursor visible, canonical mode back. No cluster
// needed: an unreachable one also shows that the dashboard keeps retrying, says why, stays idle
// meanwhile, and survives a storm of resizes.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { cpuSeconds } from '../fixtures/proc.js';
import { hasTmux } from '../fixtures/tmux.js';

const run = promisify(execFile);
const unreachable = path.resolve('test/fixtures/kubeconfigs/good.yaml');

async function until<T>(what: string, probe: () => Promise<T | false>, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== false) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

describe.skipIf(!hasTmux)('terminal restore under tmux', { timeout: 60_000 }, () => {
  const session = `kstate-term-${process.pid}`;
  const tmux = (...args: string[]) => run('tmux', args).then((r) => r.stdout);
  const screen = () => tmux('capture-pane', '-t', session, '-p');
  afterEach(async () => {
    await tmux('kill-session', '-t', session).catch(() => undefined);
  });

  async function start(entry = 'bin/kstate.js'): Promise<void> {
    await tmux('new-session', '-d', '-s', session, '-x', '100', '-y', '30', 'bash --norc --noprofile');
    await tmux('send-keys', '-t', session, `node ${entry} --kubeconfig ${unreachable}; echo EXIT=$?`, 'Enter');
    await until('the dashboard', async () => (await screen()).includes('connecting') && (await tmux('display', '-p', '-t', session, '#{alternate_on}')).trim() === '1');
  }

  async function dashboardPid(): Promise<number> {
    const shell = (await tmux('display', '-p', '-t', session, '#{pane_pid}')).trim();
    return Number((await run('pgrep', ['-P', shell])).stdout.trim().split('\n')[0]);
  }


  async function expectRestored(exit: RegExp): Promise<void> {
    const s = await until('kstate to exit', async () => {
      const text = await screen();
      return /EXIT=\d+/.test(text) && text;
    });
    expect(s).toMatch(exit);
    expect((await tmux('display', '-p', '-t', session, '#{alternate_on} #{cursor_flag}')).trim()).toBe('0 1');
    await tmux('send-keys', '-t', session, "stty -a | tr ' ;' '\\n\\n' | grep -x -e icanon -e -icanon -e echo -e -echo | tr '\\n' ' '; echo", 'Enter');
    const after = await until('stty', async () => {
      const m = /^(-?(?:icanon|echo) -?(?:icanon|echo))\s*$/m.exec(await screen());
      return m ? m[1]! : false;
    });
    expect(after.trim().split(' ').sort()).toEqual(['echo', 'icanon']);
  }

  it('shows why it cannot connect and keeps retrying, without spinning', async () => {
    await start();
    await until('the reason', async () => (await screen()).includes('cannot reach the API server at https://127.0.0.1:1: connection refused'));
    const pid = await dashboardPid();
    const before = cpuSeconds(pid);
    await new Promise((r) => setTimeout(r, 6000));
    // A retry or render loop would use a whole core; waiting costs a few percent at most.
    expect((cpuSeconds(pid) - before) / 6).toBeLessThan(0.15);
    await tmux('send-keys', '-t', session, 'q');
    await expectRestored(/EXIT=0/);
  });

  it('survives a storm of resizes down to 10×3', async () => {
    await start();
    const sizes = Array.from({ length: 40 }, (_, i) => [[20, 5], [10, 3], [200, 60], [80, 24], [33, 7]][i % 5]!);
    for (const [x, y] of sizes) await tmux('resize-window', '-t', session, '-x', String(x), '-y', String(y));
    await tmux('resize-window', '-t', session, '-x', '100', '-y', '30');
    await until('a full frame again', async () => {
      const text = await screen();
      return text.includes('connecting') && text.includes('StatefulSets') && text.split('\n')[0]!.length <= 100;
    });
    expect(await screen()).not.toMatch(/EXIT=/);
    await tmux('send-keys', '-t', session, 'q');
    await expectRestored(/EXIT=0/);
  });

  it('restores the terminal after an uncaught error and says what it was', async () => {
    await start('test/fixtures/crash-later.mjs');
    const s = await until('kstate to exit', async () => {
      const text = await screen();
      return /EXIT=\d+/.test(text) && text;
    });
    expect(s).toContain('kstate: internal error: injected failure {red-fg}from a timer');
    await expectRestored(/EXIT=70/);
  });

  it.each([
    ['Ctrl-C', 'C-c', /EXIT=0/],
    ['SIGTERM', 'TERM', /EXIT=143/],
    ['SIGHUP', 'HUP', /EXIT=129/],
    ['SIGINT', 'INT', /EXIT=130/],
  ])('restores the terminal after %s', async (_name, how, exit) => {
    await start();
    if (how === 'C-c') {
      await tmux('send-keys', '-t', session, 'C-c');
    } else {
      process.kill(await dashboardPid(), `SIG${how}` as NodeJS.Signals);
    }
    await expectRestored(exit);
  });
});
