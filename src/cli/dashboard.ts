// `kstate` with no subcommand: the live dashboard. Wires the store and read-only requests into the
// app, and makes sure the terminal is restored however the process ends.
import { Actions } from '../kube/actions.js';
import { writeFile } from 'node:fs/promises';
import { streamLogs } from '../kube/logs.js';
import { listNamespaces, objectYaml, readHistory } from '../kube/read.js';
import { Store } from '../kube/store.js';
import type { Args } from './args.js';
import { oneLine } from './errors.js';
import { collectGarbage } from './memory.js';
import { connect } from '../kube/credentials.js';
import type { Connection } from '../kube/endpoint.js';
import { UsageError } from '../kube/errors.js';
import type { ContextDeps, Contexts } from '../ui/app.js';
import { fleetContexts } from './fleet.js';
import { LiveFleet } from './fleet-live.js';
import { connectFrom } from './session.js';

type ContextArgs = Pick<Args, 'readOnly' | 'kubeconfig'>;

/** The kubeconfig's contexts; switching to one loads the files again, for its own credentials alone. */
export function contextsOf(conn: Connection, args: ContextArgs, tailLines: number): Contexts {
  return {
    names: () => [...conn.contexts],
    open: async (name, namespace) => contextDeps(await connect({ kubeconfig: args.kubeconfig, context: name, namespace: namespace ?? undefined, allNamespaces: namespace === null }), args, tailLines),
  };
}

/** A live store of a namespace (null: all), the StatefulSets — the view the dashboard opens on — listed first, the events last. */
function openStore(conn: Connection, namespace: string | null): Store {
  const store = new Store(conn.endpoint, { namespace, first: ['statefulsets'], last: ['events'] });
  store.start();
  // Unref'd: quitting just after the lists must not wait for it.
  void store.whenSettled().then(() => setTimeout(collectGarbage, 1000).unref());
  return store;
}

/**
 * Everything the dashboard needs of one context, from its own credentials (never a switched one).
 * `opened`: a store of the context's namespace already listing (started before the screen was made).
 */
export function contextDeps(conn: Connection, args: ContextArgs, tailLines: number, opened?: Store): ContextDeps {
  let early = opened;
  return {
    context: conn.context,
    server: conn.server,
    namespace: conn.namespace,
    actions: new Actions(conn.endpoint, { readOnly: args.readOnly }),
    openSource: (namespace) => {
      const store = early && namespace === conn.namespace ? early : openStore(conn, namespace);
      early = undefined;
      return store;
    },
    listNamespaces: () => listNamespaces(conn.endpoint),
    objectYaml: (kind, ns, name) => objectYaml(conn.endpoint, kind, ns, name),
    readHistory: (ns, name) => readHistory(conn.endpoint, ns, name),
    // The last lines of each log (what the view holds), then what follows.
    streamLogs: (targets, onLine, onEnd) => streamLogs(conn.endpoint, targets, { tailLines }, onLine, onEnd),
  };
}

export async function dashboard(args: Args): Promise<number> {
  if (!process.stdout.isTTY || !process.stdin.isTTY) throw new UsageError('the dashboard needs a terminal: use `kstate get` or `kstate describe` in scripts');
  // Unicode box lines even where the terminal (tmux, screen) would announce ACS line drawing.
  process.env.NCURSES_NO_UTF8_ACS ??= '1';
  let app: { close(): Promise<void>; onQuit: () => void } | null = null;
  let done = false;
  let exit: (code: number) => void = () => {};
  const exited = new Promise<number>((resolve) => (exit = resolve));
  // From the start, before the screen is taken: a failure while connecting is one line too.
  const finish = (code: number, message?: string) => {
    if (done) return;
    done = true;
    void (app?.close() ?? Promise.resolve()).finally(() => {
      if (message) process.stderr.write(`kstate: ${message}\n`);
      // Still connecting (an exec plugin may hang): nothing on screen to give back, nothing to wait for.
      if (!app) process.exit(code);
      exit(code);
    });
  };
  const handlers: [string, (err?: unknown) => void][] = [
    ['SIGTERM', () => finish(143)],
    ['SIGHUP', () => finish(129)],
    ['SIGINT', () => finish(130)],
    ['uncaughtException', (err) => finish(70, oneLine(err))],
    ['unhandledRejection', (err) => finish(70, oneLine(err))],
  ];
  // Ours must come after blessed's own: those exit at once (code 0) when they find themselves alone,
  // and closing the screen removes them while a signal is being handled.
  const listen = () => {
    for (const [event, handler] of handlers) {
      process.removeListener(event, handler);
      process.on(event, handler);
    }
  };
  listen();
  // The credentials are made in a worker thread while this one loads the dashboard, and the lists
  // start as soon as they are there, while the screen is made.
  // Several contexts: the first one's views, under the fleet view of them all.
  const fleetNames = fleetContexts(args);
  const connecting = connectFrom(fleetNames ? { ...args, context: fleetNames[0]! } : args);
  const listing = connecting.then((conn) => openStore(conn, conn.namespace));
  const [conn, store, { App }, { LOG_LINES }] = await Promise.all([connecting, listing, import('../ui/app.js'), import('../ui/logs.js')]);
  if (done) return exited;
  app = new App({
    ...contextDeps(conn, args, LOG_LINES, store),
    readOnly: args.readOnly,
    // --no-color: symbols and words only, and no chart; --color keeps colour even under NO_COLOR.
    ...(args.color === 'auto' ? {} : { plain: args.color === 'never' }),
    filter: args.selector ?? '',
    contexts: contextsOf(conn, args, LOG_LINES),
    ...(fleetNames ? { fleet: new LiveFleet(args, fleetNames) } : {}),
    // Never over an existing file.
    saveText: (path, text) => writeFile(path, text, { flag: 'wx' }),
  });
  app.onQuit = () => finish(0);
  listen();
  return exited;
}
