// The command table: every key the dashboard knows, as data. Key dispatch, the hint bar, the `?`
// help and read-only filtering all read it. Pure.

export type ViewName = 'statefulsets' | 'jobs' | 'cronjobs';
export type CommandScope = 'global' | 'list' | 'detail' | ViewName;

export interface CommandContext {
  view: ViewName;
  readOnly: boolean;
  /** Is an object selected? */
  hasSelection: boolean;
  /** Does the selected object have a pod to act on (logs, delete pod)? */
  hasPod: boolean;
  /** What the selected object is like, for commands that depend on it. */
  suspended?: boolean;
  partition?: number;
  retainedClaims?: number;
  /** Why RBAC refuses a command (from a SelfSubjectAccessReview), by command id. */
  forbidden?: (id: string) => string | null;
}

/** The RBAC question a mutating command asks, in the selected object's namespace. */
export interface CommandAccess {
  verb: string;
  group: string;
  resource: string;
  subresource?: string;
}

export interface Command {
  id: string;
  keys: readonly string[];
  /** Short label for the hint bar. */
  label: string;
  /** One line for the help screen. */
  help: string;
  /** Views it applies to; empty: every view. */
  views: readonly ViewName[];
  /** Sends a mutating request (hidden-as-disabled in read-only mode). */
  mutates: boolean;
  /** Shown in the hint bar. */
  hint: boolean;
  access?: CommandAccess;
  disabledReason?: (ctx: CommandContext) => string | null;
}

const needsSelection = (ctx: CommandContext) => (ctx.hasSelection ? null : 'nothing selected');

export const COMMANDS: readonly Command[] = [
  { id: 'view.statefulsets', keys: ['1'], label: 'StatefulSets', help: 'show StatefulSets (also :sts)', views: [], mutates: false, hint: false },
  { id: 'view.jobs', keys: ['2'], label: 'Jobs', help: 'show Jobs (also :jobs)', views: [], mutates: false, hint: false },
  { id: 'view.cronjobs', keys: ['3'], label: 'CronJobs', help: 'show CronJobs (also :cj)', views: [], mutates: false, hint: false },
  { id: 'move.down', keys: ['j', 'down'], label: 'down', help: 'select the next row (scroll the detail when focused)', views: [], mutates: false, hint: false },
  { id: 'move.up', keys: ['k', 'up'], label: 'up', help: 'select the previous row', views: [], mutates: false, hint: false },
  { id: 'move.pagedown', keys: ['pagedown', 'C-d'], label: 'page down', help: 'one page down', views: [], mutates: false, hint: false },
  { id: 'move.pageup', keys: ['pageup', 'C-u'], label: 'page up', help: 'one page up', views: [], mutates: false, hint: false },
  { id: 'move.top', keys: ['g', 'home'], label: 'top', help: 'first row', views: [], mutates: false, hint: false },
  { id: 'move.bottom', keys: ['S-g', 'end'], label: 'bottom', help: 'last row', views: [], mutates: false, hint: false },
  { id: 'focus.detail', keys: ['enter'], label: 'detail', help: 'focus the detail pane of the selected object', views: [], mutates: false, hint: true, disabledReason: needsSelection },
  { id: 'focus.back', keys: ['escape'], label: 'back', help: 'back to the list / close the overlay', views: [], mutates: false, hint: false },
  { id: 'filter', keys: ['/'], label: 'filter', help: 'filter the list by name or label=value', views: [], mutates: false, hint: true },
  { id: 'namespace', keys: ['n'], label: 'namespace', help: 'switch namespace (from those that exist)', views: [], mutates: false, hint: true },
  { id: 'command', keys: [':'], label: 'command', help: 'command line: :sts :jobs :cj :ns NAME :q', views: [], mutates: false, hint: false },
  { id: 'logs', keys: ['l'], label: 'logs', help: 'follow the logs of the selected pod', views: [], mutates: false, hint: true, disabledReason: (ctx) => needsSelection(ctx) ?? (ctx.hasPod ? null : 'no pod to show logs of') },
  { id: 'yaml', keys: ['y'], label: 'yaml', help: "show the object's YAML (Secret data is never shown)", views: [], mutates: false, hint: true, disabledReason: needsSelection },
  { id: 'sts.scale', keys: ['s'], label: 'scale', help: 'scale to a number you type, after a preview of the ordinals and claims that go, stay or come back', views: ['statefulsets'], mutates: true, hint: true, access: { verb: 'update', group: 'apps', resource: 'statefulsets', subresource: 'scale' }, disabledReason: needsSelection },
  { id: 'sts.scaleUp', keys: ['+'], label: '+1', help: 'scale up by one (with the preview)', views: ['statefulsets'], mutates: true, hint: false, access: { verb: 'update', group: 'apps', resource: 'statefulsets', subresource: 'scale' }, disabledReason: needsSelection },
  { id: 'sts.scaleDown', keys: ['-'], label: '-1', help: 'scale down by one (with the preview)', views: ['statefulsets'], mutates: true, hint: false, access: { verb: 'update', group: 'apps', resource: 'statefulsets', subresource: 'scale' }, disabledReason: needsSelection },
  { id: 'sts.restart', keys: ['r'], label: 'restart', help: 'rolling restart (kubectl.kubernetes.io/restartedAt, as kubectl rollout restart)', views: ['statefulsets'], mutates: true, hint: true, access: { verb: 'patch', group: 'apps', resource: 'statefulsets' }, disabledReason: needsSelection },
  { id: 'sts.partition', keys: ['p'], label: 'partition-1', help: 'step a partitioned rollout: lower the partition by one', views: ['statefulsets'], mutates: true, hint: false, access: { verb: 'patch', group: 'apps', resource: 'statefulsets' }, disabledReason: (ctx) => needsSelection(ctx) ?? (ctx.partition ? null : 'no partition to lower') },
  { id: 'sts.deletePod', keys: ['x'], label: 'delete pod', help: 'delete one pod (it comes back with the same name and claim)', views: ['statefulsets'], mutates: true, hint: false, access: { verb: 'delete', group: '', resource: 'pods' }, disabledReason: (ctx) => needsSelection(ctx) ?? (ctx.hasPod ? null : 'no pod') },
  { id: 'sts.deleteClaim', keys: ['c'], label: 'delete claim', help: 'delete a claim retained after a scale-down (typed confirmation)', views: ['statefulsets'], mutates: true, hint: false, access: { verb: 'delete', group: '', resource: 'persistentvolumeclaims' }, disabledReason: (ctx) => needsSelection(ctx) ?? (ctx.retainedClaims ? null : 'no retained claims') },
  { id: 'suspend', keys: ['z'], label: 'suspend', help: 'suspend (spec.suspend: true)', views: ['jobs', 'cronjobs'], mutates: true, hint: true, access: { verb: 'patch', group: 'batch', resource: '' }, disabledReason: (ctx) => needsSelection(ctx) ?? (ctx.suspended ? 'already suspended' : null) },
  { id: 'resume', keys: ['u'], label: 'resume', help: 'resume (spec.suspend: false)', views: ['jobs', 'cronjobs'], mutates: true, hint: true, access: { verb: 'patch', group: 'batch', resource: '' }, disabledReason: (ctx) => needsSelection(ctx) ?? (ctx.suspended ? null : 'not suspended') },
  { id: 'cj.trigger', keys: ['t'], label: 'trigger', help: 'run now: the Job kubectl create job --from=cronjob/NAME makes', views: ['cronjobs'], mutates: true, hint: true, access: { verb: 'create', group: 'batch', resource: 'jobs' }, disabledReason: needsSelection },
  { id: 'job.delete', keys: ['S-d'], label: 'delete', help: 'delete the Job and its pods (propagation Background)', views: ['jobs'], mutates: true, hint: true, access: { verb: 'delete', group: 'batch', resource: 'jobs' }, disabledReason: needsSelection },
  { id: 'job.deletePod', keys: ['x'], label: 'delete pod', help: 'delete one pod of the Job', views: ['jobs'], mutates: true, hint: false, access: { verb: 'delete', group: '', resource: 'pods' }, disabledReason: (ctx) => needsSelection(ctx) ?? (ctx.hasPod ? null : 'no pod') },
  { id: 'actionLog', keys: ['S-l'], label: 'action log', help: 'the actions sent this session and their results', views: [], mutates: false, hint: false },
  { id: 'help', keys: ['?'], label: 'help', help: 'this help', views: [], mutates: false, hint: true },
  { id: 'quit', keys: ['q', 'C-c'], label: 'quit', help: 'quit and restore the terminal', views: [], mutates: false, hint: true },
];

export function commandsFor(view: ViewName, commands: readonly Command[] = COMMANDS): Command[] {
  return commands.filter((c) => c.views.length === 0 || c.views.includes(view));
}

/** Why a command cannot run now, or null. Read-only mode disables every mutating command first. */
export function disabledReason(cmd: Command, ctx: CommandContext): string | null {
  if (cmd.mutates && ctx.readOnly) return 'read-only mode';
  return cmd.disabledReason?.(ctx) ?? (cmd.mutates ? (ctx.forbidden?.(cmd.id) ?? null) : null);
}

/** The RBAC resource of a command in a view (suspend/resume act on the view's kind). */
export function accessFor(cmd: Command, view: ViewName): CommandAccess | null {
  if (!cmd.access) return null;
  return cmd.access.resource ? cmd.access : { ...cmd.access, resource: view };
}

export function commandForKey(key: string, view: ViewName, commands: readonly Command[] = COMMANDS): Command | undefined {
  return commandsFor(view, commands).find((c) => c.keys.includes(key));
}
