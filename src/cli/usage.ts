// `kstate SUBCOMMAND --help`: a usage line, the flags that subcommand reads, one example. The flag
// lines are those of the main help (args.ts HELP), so the two never describe a flag differently.
import { HELP } from './args.js';

interface Usage {
  usage: string;
  what: string;
  flags: readonly string[];
  example: string;
}

const CONN = ['--kubeconfig', '--context', '--namespace', '--verbose'];
const ACT = [...CONN, '--read-only', '--yes', '--dry-run'];
const BULK = [...ACT, '--selector', '--all'];

export const USAGES: Readonly<Record<string, Usage>> = {
  get: { usage: 'kstate get sts|jobs|cj [NAME] [flags]', what: "list with kstate's columns", flags: [...CONN, '--all-namespaces', '--output', '--selector', '--no-color'], example: 'kstate get sts -n demo -o wide' },
  describe: { usage: 'kstate describe sts|job|cj NAME [flags]', what: 'the full detail of one object as text (-o json for the view)', flags: [...CONN, '--output', '--no-color'], example: 'kstate describe sts todo-db -n demo' },
  check: { usage: 'kstate check [--grace 5m] [--fail-on failure|warning] [--partial] [-o text|json]', what: 'findings, worst first; exit 0 healthy, 1 findings, 2 could not evaluate', flags: [...CONN, '--all-namespaces', '--output', '--selector'], example: 'kstate check -A --fail-on warning' },
  watch: { usage: 'kstate watch [-o text|json] [--metrics-addr HOST:PORT] [--metrics-file PATH]', what: 'one line per meaningful transition, until SIGINT/SIGTERM; optionally Prometheus metrics', flags: [...CONN, '--all-namespaces', '--output'], example: 'kstate watch -A --metrics-addr :9464' },
  scale: { usage: 'kstate scale sts NAME REPLICAS [flags]', what: 'scale, after showing which ordinals and claims go, stay or come back', flags: ACT, example: 'kstate scale sts todo-db 3 -n demo --dry-run' },
  suspend: { usage: 'kstate suspend cj|job NAME | KIND -l K=V | KIND --all [flags]', what: 'set spec.suspend to true', flags: BULK, example: 'kstate suspend cj todo-db-backup -n demo' },
  resume: { usage: 'kstate resume cj|job NAME | KIND -l K=V | KIND --all [flags]', what: 'set spec.suspend to false', flags: BULK, example: 'kstate resume cj todo-db-backup -n demo --yes' },
  trigger: { usage: 'kstate trigger cj NAME | cj -l K=V | cj --all [flags]', what: 'run a CronJob now (the Job kubectl create job --from=cronjob/NAME makes)', flags: BULK, example: 'kstate trigger cj todo-db-backup -n demo' },
  restart: { usage: 'kstate restart sts NAME [flags]', what: 'rolling restart (as kubectl rollout restart)', flags: ACT, example: 'kstate restart sts todo-db -n demo' },
  partition: { usage: 'kstate partition sts NAME N [flags]', what: "set the rolling update's partition: which ordinals move next, first", flags: ACT, example: 'kstate partition sts my-db 2 -n demo --dry-run' },
  history: { usage: 'kstate history sts NAME [--revision N] [--diff A [B]] [-o json]', what: 'the rollout history: each revision, its age and the ordinals running it; a template or a diff of two', flags: [...CONN, '--output', '--revision', '--diff', '--no-color'], example: 'kstate history sts todo-db -n demo --diff 1 3' },
  undo: { usage: 'kstate undo sts NAME [--to-revision N] [flags]', what: 'roll back to a revision as kubectl rollout undo does, after the template diff and the ordinals replaced', flags: [...ACT, '--to-revision'], example: 'kstate undo sts todo-db --to-revision 1 -n demo --dry-run' },
  expand: { usage: 'kstate expand sts NAME TEMPLATE SIZE [flags]', what: 'grow every claim of a claim template where its storage class allows it', flags: ACT, example: 'kstate expand sts orders-db data 4Gi -n demo' },
  delete: { usage: 'kstate delete job NAME [flags]', what: 'delete a Job and its pods (propagation Background)', flags: ACT, example: 'kstate delete job flaky-migration -n demo' },
  rerun: { usage: 'kstate rerun job NAME | job -l K=V | job --all [flags]', what: 'run a finished Job again as <NAME>-rerun-<n> (with -l/--all: each finished match)', flags: BULK, example: 'kstate rerun job pi-job -n demo' },
  'set schedule': { usage: 'kstate set schedule cj NAME "EXPR" [--time-zone ZONE] [flags]', what: 'a new schedule (and zone), the next five runs shown first', flags: ACT, example: 'kstate set schedule cj daily-backup "30 1 * * *" --time-zone Europe/Berlin -n demo' },
  'set zone': { usage: 'kstate set zone cj NAME ZONE | cj -l K=V ZONE | cj --all ZONE [flags]', what: "another time zone, each CronJob's schedule kept, its next five runs there shown first", flags: BULK, example: 'kstate set zone cj -l team=payments Europe/Berlin -n demo --dry-run' },
  'delete-pod': { usage: 'kstate delete-pod sts|job NAME POD [flags]', what: 'delete one pod of the object (a StatefulSet makes it again)', flags: ACT, example: 'kstate delete-pod sts todo-db todo-db-1 -n demo' },
  'force-delete-pod': { usage: 'kstate force-delete-pod sts NAME POD [flags]', what: "delete a stuck ordinal's pod at once (grace period 0), the risk said first and the pod's name typed", flags: ACT, example: 'kstate force-delete-pod sts todo-db todo-db-1 -n demo --dry-run' },
  'delete-claim': { usage: 'kstate delete-claim sts NAME CLAIM [flags]', what: "delete a claim retained after a scale-down, saying what happens to its data first", flags: ACT, example: 'kstate delete-claim sts todo-db data-todo-db-2 -n demo' },
  logs: {
    usage: 'kstate logs sts/NAME|job/NAME|cj/NAME [--last|--failed] [-f] [-c CONTAINER] [-p] [--timestamps] [--tail N]',
    what: "container logs: a StatefulSet's ordinals merged, a Job's pods, a CronJob's last (failed) run",
    flags: [...CONN, '--follow', '--container', '--previous', '--timestamps', '--tail', '--last'],
    example: 'kstate logs sts/todo-db -n demo --tail 20',
  },
  completion: { usage: 'kstate completion bash|zsh|fish', what: 'print a shell completion script (subcommands, kinds, flags, object names from the cluster)', flags: [], example: 'source <(kstate completion bash)' },
};

/** The main help's line for each flag, by its long name. */
function flagLines(): Map<string, string> {
  const lines = new Map<string, string>();
  for (const line of HELP.slice(HELP.indexOf('\nFlags:')).split('\n')) {
    for (const m of line.matchAll(/--[a-z-]+/g)) if (/^\s+(-\w, )?--/.test(line) && !lines.has(m[0])) lines.set(m[0], line);
  }
  return lines;
}

/** The help of one subcommand, or null for a word that names none. */
export function subcommandHelp(command: string): string | null {
  const u = USAGES[command];
  if (!u) return null;
  const lines = flagLines();
  const flags = [...new Set(u.flags.map((f) => lines.get(f)).filter((l): l is string => !!l)), lines.get('--help')!];
  return `Usage: ${u.usage}\n\n${u.what}\n\nFlags:\n${flags.join('\n')}\n\nExample:\n  ${u.example}\n`;
}
