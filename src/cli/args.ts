// Command-line parsing: kubectl's conventions (-n, -A, -o, --context, --kubeconfig, -l).
// Kept free of heavy imports so `kstate --help` and `--version` start instantly.

export class ArgError extends Error {}

export interface Args {
  command: string | null;
  positional: string[];
  kubeconfig?: string;
  /** One context, or several separated by commas (a fleet: get, describe, check, watch). */
  context?: string;
  /** Every context of the kubeconfig (a fleet). */
  allContexts: boolean;
  /** A fleet: how long one context may take to connect and list before it reads unknown (a Go duration). */
  contextTimeout?: string;
  namespace?: string;
  allNamespaces: boolean;
  output: string;
  selector?: string;
  readOnly: boolean;
  yes: boolean;
  dryRun: boolean;
  /** suspend|resume|trigger: every object of the kind in the namespace. */
  all: boolean;
  help: boolean;
  version: boolean;
  color: 'auto' | 'always' | 'never';
  grace?: string;
  failOn?: string;
  verbose: boolean;
  /** logs: */
  follow: boolean;
  container?: string;
  previous: boolean;
  timestamps: boolean;
  last: boolean;
  failed: boolean;
  tail?: string;
  partial: boolean;
  /** watch: serve Prometheus metrics on HOST:PORT; and/or write them to a file. */
  metricsAddr?: string;
  metricsFile?: string;
  /** set schedule: the new spec.timeZone. */
  timeZone?: string;
  /** undo: the revision to roll back to (0 or absent: the one before the latest). */
  toRevision?: string;
  /** history: one revision's template; the diff of two revisions (the second from the word after the name). */
  revision?: string;
  diff?: string;
}

const VALUE_FLAGS: Record<string, keyof Args> = {
  '--kubeconfig': 'kubeconfig',
  '--context': 'context',
  '--context-timeout': 'contextTimeout',
  '-n': 'namespace',
  '--namespace': 'namespace',
  '-o': 'output',
  '--output': 'output',
  '-l': 'selector',
  '--selector': 'selector',
  '--grace': 'grace',
  '--metrics-addr': 'metricsAddr',
  '--metrics-file': 'metricsFile',
  '--time-zone': 'timeZone',
  '--to-revision': 'toRevision',
  '--revision': 'revision',
  '--diff': 'diff',
  '--fail-on': 'failOn',
  '-c': 'container',
  '--container': 'container',
  '--tail': 'tail',
};

const BOOL_FLAGS: Record<string, keyof Args> = {
  '-A': 'allNamespaces',
  '--all-namespaces': 'allNamespaces',
  '--all-contexts': 'allContexts',
  '--read-only': 'readOnly',
  '--yes': 'yes',
  '-y': 'yes',
  '--dry-run': 'dryRun',
  '--all': 'all',
  '-h': 'help',
  '--help': 'help',
  '--version': 'version',
  '-v': 'verbose',
  '--verbose': 'verbose',
  '-f': 'follow',
  '--follow': 'follow',
  '-p': 'previous',
  '--previous': 'previous',
  '--timestamps': 'timestamps',
  '--last': 'last',
  '--failed': 'failed',
  '--partial': 'partial',
};

/** The commands that read several contexts at once. */
export const FLEET_COMMANDS: readonly string[] = ['get', 'describe', 'check', 'watch'];
/** The actions sent to several contexts at once (bulk actions that ask nothing), after one confirmation. */
export const FLEET_ACTIONS: readonly string[] = ['suspend', 'resume', 'trigger', 'restart', 'rerun'];

/** Every flag's name, for completion. */
export const VALUE_FLAG_NAMES = Object.keys(VALUE_FLAGS);
export const FLAG_NAMES = [...VALUE_FLAG_NAMES, ...Object.keys(BOOL_FLAGS), '--color', '--no-color'].filter((f) => f.startsWith('--'));

export function parseArgs(argv: readonly string[]): Args {
  const args: Args = { command: null, positional: [], allContexts: false, allNamespaces: false, output: 'table', readOnly: false, yes: false, dryRun: false, all: false, help: false, version: false, color: 'auto', verbose: false, follow: false, previous: false, timestamps: false, last: false, failed: false, partial: false };
  const rec = args as unknown as Record<string, unknown>;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      args.positional.push(...argv.slice(i + 1));
      break;
    }
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    if (name in VALUE_FLAGS) {
      const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined || value === '') throw new ArgError(`flag ${name} needs a value`);
      rec[VALUE_FLAGS[name]!] = value;
    } else if (/^-n.+/.test(arg)) {
      args.namespace = arg.slice(2);
    } else if (/^-o.+/.test(arg)) {
      args.output = arg.slice(2);
    } else if (name in BOOL_FLAGS) {
      if (eq > 0) throw new ArgError(`flag ${name} takes no value`);
      rec[BOOL_FLAGS[name]!] = true;
    } else if (name === '--color' || name === '--no-color') {
      args.color = name === '--no-color' ? 'never' : 'always';
    } else if (arg.startsWith('-') && arg !== '-') {
      throw new ArgError(`unknown flag: ${name} (see kstate --help)`);
    } else if (args.command === null) {
      args.command = arg;
    } else {
      args.positional.push(arg);
    }
  }
  // `kstate set schedule …`: one subcommand of two words.
  if (args.command === 'set') {
    const what = args.positional[0];
    if (what !== 'schedule' && what !== 'zone') throw new ArgError('usage: kstate set schedule cj NAME "EXPR" [--time-zone ZONE] | kstate set zone cj NAME ZONE');
    args.command = `set ${what}`;
    args.positional.shift();
  }
  if (args.timeZone !== undefined && args.command !== 'set schedule') throw new ArgError('--time-zone goes with kstate set schedule');
  if (args.toRevision !== undefined && args.command !== 'undo') throw new ArgError('--to-revision goes with kstate undo');
  if ((args.revision !== undefined || args.diff !== undefined) && args.command !== 'history') throw new ArgError('--revision and --diff go with kstate history');
  if (args.allNamespaces && args.namespace) throw new ArgError('use either -n/--namespace or -A/--all-namespaces, not both');
  if (args.allContexts && args.context !== undefined) throw new ArgError('use either --context or --all-contexts, not both');
  const several = args.allContexts || (args.context?.includes(',') ?? false);
  if (several && args.command !== null && !FLEET_COMMANDS.includes(args.command) && !FLEET_ACTIONS.includes(args.command)) {
    throw new ArgError(`several contexts (--context a,b or --all-contexts) go with the dashboard, get, describe, check, watch, ${FLEET_ACTIONS.join(', ')}`);
  }
  if (args.contextTimeout !== undefined && !several) throw new ArgError('--context-timeout goes with several contexts (--context a,b or --all-contexts)');
  if (args.all && !['suspend', 'resume', 'trigger', 'rerun', 'set zone'].includes(args.command ?? '')) throw new ArgError('--all goes with suspend, resume, trigger, rerun or set zone (every object of a kind in the namespace)');
  return args;
}

export const HELP = `kstate — a terminal dashboard for Kubernetes StatefulSets, Jobs and CronJobs

Usage:
  kstate [flags]                          open the live dashboard
  kstate get sts|jobs|cj [NAME] [flags]   list with kstate's columns (-o table|wide|json)
  kstate describe sts|job|cj NAME         the full detail of one object as text (-o json for the view)
  kstate check [--grace 5m] [--fail-on failure|warning] [--partial] [-o text|json]
                                          findings, worst first; exit 0 healthy, 1 findings, 2 could not evaluate
                                          (any kind it may not read; --partial: check what is visible, list what was skipped)
  kstate watch [-o text|json]             one line per meaningful transition, until SIGINT/SIGTERM
                                          (check and watch never send a mutating request)
  kstate watch --metrics-addr HOST:PORT   also serve Prometheus metrics on /metrics (and /healthz)
  kstate watch --metrics-file PATH        also write them for node_exporter's textfile collector
  kstate scale sts NAME REPLICAS          scale, after showing which ordinals and claims go, stay or come back
                                          (and, under whenScaled: Delete, which volumes and data go: type the name)
  kstate expand sts NAME TEMPLATE SIZE    grow every claim of a claim template to SIZE where its storage class
                                          allows expansion (the others are listed as skipped, with the reason)
  kstate suspend|resume cj|job NAME       set spec.suspend to true or false
  kstate trigger cj NAME                  run a CronJob now (the Job kubectl create job --from=cronjob/NAME makes)
  kstate suspend|resume|trigger KIND -l K=V | --all
                                          the same for every match, after one confirmation listing each
                                          (read-only mode and RBAC checked per object); exit 1 if any failed
  kstate restart sts NAME                 rolling restart (as kubectl rollout restart)
  kstate partition sts NAME N             set the rolling update's partition: which ordinals move next, first
  kstate history sts NAME [--revision N] [--diff A [B]]
                                          the ControllerRevisions: number, age, which ordinals run each;
                                          one revision's pod template, or the diff from A to B (default: the template now)
  kstate undo sts NAME [--to-revision N]  roll back the pod template as kubectl rollout undo does (default: the
                                          revision before the latest), after the diff and the ordinals replaced
  kstate delete job NAME                  delete a Job and its pods (propagation Background)
  kstate rerun job NAME                   run a finished Job again as <NAME>-rerun-<n>, from its spec
  kstate set schedule cj NAME "EXPR" [--time-zone ZONE]
                                          a new schedule (and zone), validated as the API server does, with
                                          the next five runs shown first
  kstate set zone cj NAME ZONE | cj -l K=V ZONE | cj --all ZONE
                                          another time zone, the schedule kept: each one's next runs there first
  kstate delete-pod sts|job NAME POD      delete one pod of the object (a StatefulSet makes it again)
  kstate force-delete-pod sts NAME POD    delete a stuck ordinal's pod at once (grace period 0), saying first
                                          that its node may still run it (type the pod's name)
  kstate delete-claim sts NAME CLAIM      delete a claim retained after a scale-down, saying what happens to
                                          its volume and data first (type the claim's name)
  kstate logs sts/NAME|job/NAME|cj/NAME [--last|--failed] [-f] [-c CONTAINER] [-p] [--timestamps] [--tail N]
                                          container logs: every ordinal of a StatefulSet merged ("[2] line"),
                                          a Job's pods, a CronJob's last (default) or last failed run;
                                          -f follows running containers (finished ones are read whole)

Kinds: statefulsets|statefulset|sts, jobs|job, cronjobs|cronjob|cj

Flags:
      --kubeconfig PATH     kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)
      --context NAME        kubeconfig context to use; get, describe, check and watch take several
                            (--context a,b,c) and show each object under its CONTEXT; the
                            dashboard opens on their fleet view (F); suspend, resume, trigger,
                            restart and rerun act in each, after one confirmation
      --all-contexts        every context of the kubeconfig (where --context takes several)
      --context-timeout D   with several contexts: how long one may take before it reads unknown (default 10s)
  -n, --namespace NS        namespace (default: the context's namespace, else "default")
  -A, --all-namespaces      all namespaces
  -o, --output FORMAT       table (default), wide or json
  -l, --selector K=V        label selector
      --read-only           never send a mutating request (the dashboard offers no actions)
  -y, --yes                 do not ask for confirmation
      --dry-run             print the request (and the scale preview) without sending it
      --all                 suspend|resume|trigger: every object of the kind in the namespace
      --no-color            no colour (also when NO_COLOR is set or output is not a terminal)
  -f, --follow              logs: follow running containers until interrupted
  -c, --container NAME      logs: this container (default: the pod's default container)
  -p, --previous            logs: the previous (terminated) instance of the container
      --timestamps          logs: each line with the kubelet's timestamp
      --tail N              logs: only the last N lines of each log
      --last | --failed     logs of a CronJob: its last run (default) or its last failed run
      --to-revision N       undo: the revision to roll back to (0: the one before the latest)
      --revision N          history: the pod template of revision N
      --diff A [B]          history: the pod template diff from revision A to B (default: the template now)
  -v, --verbose             one line per API request on stderr (method, URL, status; never credentials)
  -h, --help                this help
      --version             print the version

Exit codes: 0 ok, 1 failure reported, 2 bad input or the cluster could not be reached,
            3 get/describe printed values that could not be read (shown as ?: forbidden or failing to list).
Also installed as kubectl-kstate, so \`kubectl kstate ...\` works.
`;
