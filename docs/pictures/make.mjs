// npm run docs:pictures: the demo cluster (brought up and seeded if needed), the real dashboard in a
// real terminal (tmux), the keys to each view, the coloured screen (capture-pane -e) turned into SVG
// by ansi2, and a caption (alt text) beside each picture. Honours KSTATE_CLUSTER_NAME.
import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PICTURES } from './pictures.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const socket = `kstate-pictures-${process.pid}`;
const tmux = (...args) => execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });

function fail(message) {
  console.error(`docs:pictures: ${message}`);
  process.exit(1);
}

function kubeconfig() {
  const up = spawnSync('bash', [join(root, 'cluster/up.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (up.status !== 0) fail('the demo cluster did not come up (npm run cluster:up)');
  const seed = spawnSync('bash', [join(root, 'cluster/demo/seed.sh')], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (seed.status !== 0) fail('the demo workloads could not be applied (npm run demo:seed)');
  return up.stdout.trim().split('\n').at(-1);
}

const screen = (colour) => tmux('capture-pane', '-p', ...(colour ? ['-e'] : []), '-t', 'pic');
// The clock in the header moves every second: it does not count as the screen changing.
const settled = (text) => text.replace(/updated \d\d:\d\d:\d\d/, '');

/** Polls the screen until `needle` is on it and two reads in a row agree (the dashboard is idle). */
async function idleWith(needle, timeoutMs = 60_000) {
  const end = Date.now() + timeoutMs;
  let last = '';
  for (;;) {
    const now = settled(screen(false));
    if (now.includes(needle) && !now.includes('syncing') && now === last) return;
    if (Date.now() > end) fail(`"${needle}" did not appear on an idle screen:\n${now}`);
    last = now;
    await new Promise((r) => setTimeout(r, 250));
  }
}

function toSvg(ansi, columns) {
  const out = spawnSync(process.execPath, [join(root, 'node_modules/ansi2/bin/cli.js'), '-f', 'svg', '-m', 'dark', '-w', String(columns)], { input: ansi, encoding: 'utf8' });
  if (out.status !== 0 || !out.stdout.startsWith('<svg')) fail(`ansi2 could not convert the screen: ${out.stderr.trim()}`);
  return out.stdout;
}

async function picture(p, kc) {
  const [columns, rows] = p.size;
  const env = `NCURSES_NO_UTF8_ACS=1 TERM=xterm-256color TZ=UTC`;
  tmux('new-session', '-d', '-s', 'pic', '-x', String(columns), '-y', String(rows), `env ${env} node ${join(root, 'bin/kstate.js')} --kubeconfig ${kc} -n demo`);
  try {
    await idleWith('connected');
    for (const step of p.steps) {
      tmux('send-keys', '-t', 'pic', ...(step.literal ? ['-l', step.literal] : step.keys));
      await idleWith(step.until);
    }
    writeFileSync(join(here, `${p.name}.svg`), toSvg(screen(true), columns));
    writeFileSync(join(here, `${p.name}.txt`), `${p.caption}\n`);
    console.log(`docs/pictures/${p.name}.svg (${columns}×${rows})`);
  } finally {
    tmux('kill-server');
  }
}

const started = Date.now();
const kc = kubeconfig();
for (const p of PICTURES) await picture(p, kc);
console.log(`docs:pictures: ${PICTURES.length} pictures in ${Math.round((Date.now() - started) / 1000)} s`);
