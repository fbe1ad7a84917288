// Waits until the bench namespace's pods stop changing: a cluster that was just started (KWOK
// re-reports every pod it simulates) is not the steady cluster a benchmark means to measure.
import { spawn } from 'node:child_process';

/** Resolves once fewer than `maxPerSecond` pod changes came in each of `quietSeconds` seconds (at most `timeoutS`); the seconds waited. */
export function podsQuiet(kubectl, kubeconfig, ns, log, { maxPerSecond = 2, quietSeconds = 10, timeoutS = 300 } = {}) {
  const t0 = Date.now();
  const w = spawn(kubectl, ['--kubeconfig', kubeconfig, 'get', 'pods', '-n', ns, '--watch-only', '-o', 'name'], { stdio: ['ignore', 'pipe', 'ignore'] });
  let changes = 0;
  let quiet = 0;
  w.stdout.on('data', (c) => (changes += c.toString().split('\n').filter(Boolean).length));
  return new Promise((resolve) => {
    const tick = setInterval(() => {
      quiet = changes < maxPerSecond ? quiet + 1 : 0;
      if (changes >= maxPerSecond && Math.round((Date.now() - t0) / 1000) % 15 === 0) log(`waiting for the pods to settle (${changes} changes/s)`);
      changes = 0;
      const waited = Math.round((Date.now() - t0) / 1000);
      if (quiet >= quietSeconds || waited >= timeoutS) {
        clearInterval(tick);
        w.kill();
        resolve(waited);
      }
    }, 1000);
  });
}
