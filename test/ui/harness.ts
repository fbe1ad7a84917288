// A headless dashboard: fake TTY streams, keys in, screen text out, and waiting for the app's idle
// signal instead of sleeping.
import { EventEmitter } from 'node:events';
import { PassThrough, Writable } from 'node:stream';
import { afterEach } from 'vitest';
import { App, type AppDeps, type LiveSource } from '../../src/ui/app.js';
import type { Snapshot } from '../../src/model/types.js';

export class FakeSource extends EventEmitter implements LiveSource {
  stopped = false;
  constructor(public snap: Snapshot) {
    super();
  }
  snapshot(): Snapshot {
    return this.snap;
  }
  update(snap: Snapshot): void {
    this.snap = { ...snap, version: this.snap.version + 1 };
    this.emit('change');
  }
  async stop(): Promise<void> {
    this.stopped = true;
  }
}

export class FakeTerminal extends Writable {
  columns: number;
  rows: number;
  isTTY = true;
  written = '';
  constructor(columns = 120, rows = 40) {
    super();
    this.columns = columns;
    this.rows = rows;
  }
  override _write(chunk: Buffer, _enc: string, cb: () => void): void {
    this.written += chunk.toString('utf8');
    cb();
  }
}

export interface Harness {
  app: App;
  term: FakeTerminal;
  input: PassThrough & { isTTY?: boolean; setRawMode?: (b: boolean) => void };
  press(...keys: string[]): Promise<void>;
  screen(): string;
  resize(columns: number, rows: number): Promise<void>;
}

const KEYS: Record<string, string> = { enter: '\r', escape: '\u001b', down: '\u001b[B', up: '\u001b[A', pagedown: '\u001b[6~', pageup: '\u001b[5~', backspace: '\u007f' };

export async function startApp(sources: Record<string, FakeSource> | FakeSource, deps: Partial<AppDeps> = {}, size: [number, number] = [120, 40]): Promise<Harness> {
  const term = new FakeTerminal(...size);
  const input = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => undefined });
  const pick = (ns: string | null) => (sources instanceof FakeSource ? sources : sources[ns ?? '*']!);
  const app = new App({
    context: 'test-ctx',
    server: 'https://127.0.0.1:6443',
    namespace: 'ns',
    readOnly: false,
    openSource: pick,
    listNamespaces: async () => ['default', 'ns', 'other'],
    objectYaml: async (kind, ns, name) => `kind: ${kind}\nmetadata:\n  name: ${name}\n  namespace: ${ns}\n`,
    streamLogs: (targets, onLine) => {
      for (const t of targets) onLine({ label: t.label, time: null, text: 'log line one', error: false });
      return { stop: () => undefined, stopPod: () => undefined };
    },
    saveText: async () => undefined,
    input,
    output: term,
    maxFps: 1000,
    terminal: 'xterm-256color',
    ...deps,
  });
  await app.whenIdle();
  const h: Harness = {
    app,
    term,
    input,
    async press(...keys) {
      for (const k of keys) {
        input.write(KEYS[k] ?? k);
        await new Promise((r) => setImmediate(r));
        app.requestRender();
        await app.whenIdle();
      }
    },
    screen: () => app.screenText().join('\n'),
    async resize(columns, rows) {
      term.columns = columns;
      term.rows = rows;
      term.emit('resize');
      await new Promise((r) => setTimeout(r, 30));
      app.requestRender();
      await app.whenIdle();
    },
  };
  return h;
}

/** One app per test, closed after it; `settle` waits for what a key sent (requests, access reviews) and the render after it. */
export function appPerTest(): { start: typeof startApp; settle(): Promise<void> } {
  let h: Harness | null = null;
  afterEach(async () => {
    await h?.app.close();
    h = null;
  });
  return {
    start: async (...args) => (h = await startApp(...args)),
    settle: async () => h?.app.whenIdle(),
  };
}
