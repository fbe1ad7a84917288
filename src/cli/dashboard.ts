// `kstate` with no subcommand: the live dashboard. Wires the store and read-only requests into the
// app, and makes sure the terminal is restored however the process ends.
import { Actions } from '../kube/actions.js';
import { writeFile } from 'node:fs/promises';
import { streamLogs } from '../kube/logs.js';
import { listNamespaces, objectYaml } from '../kube/read.js';
import { Store } from '../kube/store.js';
import type { Args } from './args.js';
import { oneLine } from './errors.js';
import { collectGarbage } from './memory.js';
import { connect, UsageError, type Connection } from '../kube/config.js';
import type { ContextDeps, Contexts } from '../ui/app.js';
import { connectFrom } from './session.js';

type ContextArgs = Pick<Args, 'readOnly' | 'kubeconfig'>;

/** The kubeconfig's contexts; switching to one loads the files again into a fresh KubeConfig for it alone. */
export function contextsOf(conn: Connection, args: ContextArgs, tailLines: number): Contexts {
  return {
    names: () => conn.kc.contexts.map((c) => c.name),
    open: (name, namespace) => contextDeps(connect({ kubeconfig: args.kubeconfig, context: name, namespace: namespace ?? undefined, allNamespaces: namespace === null }), args, tailLines),
  };
}

/** Everything the dashboard needs of one context, from its own KubeConfig (never a switched one). */
export function contextDeps(conn: Connection, args: ContextArgs, tailLines: number): ContextDeps {
  return {
    context: conn.context,
    server: conn.server,
    namespace: conn.namespace,
    actions: new Actions(conn.kc, { readOnly: args.readOnly }),
    openSource: (namespace) => {
      const store = new Store(conn.kc, { namespace });
      store.start();
      // Unref'd: quitting just after the lists must not wait for it.
      void store.whenSettled().then(() => setTimeout(collectGarbage, 1000).unref());
      return store;
    },
    listNamespaces: () => listNamespaces(conn.kc),
    objectYaml: (kind, ns, name) => objectYaml(conn.kc, kind, ns, name),
    // The last lines of each log (what the view holds), then what follows.
    streamLogs: (targets, onLine, onEnd) => streamLogs(conn.kc, targets, { tailLines }, onLine, onEnd),
  };
}

export async function dashboard(args: Args): Promise<number> {
  if (!process.stdout.isTTY || !process.stdin.isTTY) throw new UsageError('the dashboard needs a terminal: use `kstate get` or `kstate describe` in scripts');
  const conn = connectFrom(args);
  // Unicode box lines even where the terminal (tmux, screen) would announce ACS line drawing.
  process.env.NCURSES_NO_UTF8_ACS ??= '1';
  const { App } = await import('../ui/app.js');
  const { LOG_LINES } = await import('../ui/logs.js');
  const app = new App({
    ...contextDeps(conn, args, LOG_LINES),
    readOnly: args.readOnly,
    // --no-color: symbols and words only, and no chart; --color keeps colour even under NO_COLOR.
    ...(args.color === 'auto' ? {} : { plain: args.color === 'never' }),
    filter: args.selector ?? '',
    contexts: contextsOf(conn, args, LOG_LINES),
    // Never over an existing file.
    saveText: (path, text) => writeFile(path, text, { flag: 'wx' }),
  });
  return new Promise<number>((resolve) => {
    let done = false;
    const finish = (code: number, message?: string) => {
      if (done) return;
      done = true;
      void app.close().finally(() => {
        if (message) process.stderr.write(`kstate: ${message}\n`);
        resolve(code);
      });
    };
    app.onQuit = () => finish(0);
    process.once('SIGTERM', () => finish(143));
    process.once('SIGHUP', () => finish(129));
    process.once('SIGINT', () => finish(130));
    process.once('uncaughtException', (err) => finish(70, oneLine(err)));
    process.once('unhandledRejection', (err) => finish(70, oneLine(err)));
  });
}
