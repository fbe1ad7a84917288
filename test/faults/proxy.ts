// A TCP proxy in front of the local API server that a test can cut and restore as a network fault
// would (open connections dropped, new ones reset at once), with a kubeconfig that goes through it.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface ApiProxy {
  /** A copy of the cluster's kubeconfig whose server is the proxy. */
  kubeconfig: string;
  /** Connections attempted through the proxy so far, the ones reset while cut included. */
  readonly attempts: number;
  cut(): void;
  restore(): void;
  close(): Promise<void>;
}

export async function proxyFor(kubeconfigPath: string): Promise<ApiProxy> {
  const text = fs.readFileSync(kubeconfigPath, 'utf8');
  const server = /server: https:\/\/127\.0\.0\.1:(\d+)/.exec(text);
  if (!server) throw new Error(`no https://127.0.0.1 server in ${kubeconfigPath}`);
  const target = Number(server[1]);
  const sockets = new Set<net.Socket>();
  let attempts = 0;
  let open = true;
  const listener = net.createServer((client) => {
    attempts++;
    if (!open) return void client.destroy();
    const upstream = net.connect(target, '127.0.0.1');
    const drop = () => {
      for (const s of [client, upstream]) {
        s.destroy();
        sockets.delete(s);
      }
    };
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', drop).on('close', drop);
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', () => resolve()));
  const port = (listener.address() as net.AddressInfo).port;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kstate-proxy-'));
  const kubeconfig = path.join(dir, 'kubeconfig.yaml');
  fs.writeFileSync(kubeconfig, text.replace(server[0], `server: https://127.0.0.1:${port}`), { mode: 0o600 });
  return {
    kubeconfig,
    get attempts() {
      return attempts;
    },
    cut() {
      open = false;
      for (const s of sockets) s.destroy();
    },
    restore() {
      open = true;
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => listener.close(() => resolve()));
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
