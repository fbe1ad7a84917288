// A TUI under tmux, measured as a person sees it: launch → first frame, → complete frame, idle CPU, RSS.
import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A memory figure of a live process from /proc (VmRSS: now, VmHWM: peak), in MB. */
export const procMb = (pid, field) => {
  try {
    return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;
  } catch {
    return null;
  }
};

/**
 * A TUI under tmux: launch → first frame with `marker` on screen (the first StatefulSet name, for
 * either tool), and for kstate also → the first frame with nothing still loading; then idle CPU over
 * 15–25 s after the first frame and RSS at its end (steady), and the peak RSS.
 */
export async function tuiLaunch(label, command, marker, settle = 15, idle = 10, pendingWords = ['syncing', 'loading']) {
  const session = `bench-${label}-${process.pid}`;
  const t0 = performance.now();
  await run('tmux', ['new-session', '-d', '-s', session, '-x', '200', '-y', '50', command]);
  let firstFrameMs = null;
  let completeFrameMs = null;
  while (performance.now() - t0 < 120_000) {
    const screen = (await run('tmux', ['capture-pane', '-t', session, '-p'])).stdout;
    if (screen.includes(marker)) {
      firstFrameMs ??= Math.round(performance.now() - t0);
      // Complete: nothing the list shows still loading (the events, listed last, are the detail's).
      const pending = screen.replace('syncing events…', '');
      if (!pendingWords.some((w) => pending.includes(w))) {
        completeFrameMs = Math.round(performance.now() - t0);
        break;
      }
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  const pid = (await run('tmux', ['display', '-p', '-t', session, '#{pane_pid}'])).stdout.trim();
  const since = (performance.now() - t0 - (firstFrameMs ?? 0)) / 1000;
  await new Promise((r) => setTimeout(r, Math.max(0, settle - since) * 1000));
  const cpu0 = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(' ');
  await new Promise((r) => setTimeout(r, idle * 1000));
  const cpu1 = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(' ');
  const ticks = Number(cpu1[13]) + Number(cpu1[14]) - Number(cpu0[13]) - Number(cpu0[14]);
  const hz = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim());
  const result = { firstFrameMs, completeFrameMs, rssMb: procMb(pid, 'VmRSS'), peakRssMb: procMb(pid, 'VmHWM'), idleCpuPercent: (ticks / hz / idle) * 100 };
  await run('tmux', ['kill-session', '-t', session]).catch(() => undefined);
  return result;
}

