// The command table: every key the dashboard knows, as data. Key dispatch, the hint bar, the `?`
// help and read-only filtering all read it. Pure.

export type ViewName = 'statefulsets' | 'jobs' | 'cronjobs';
export type CommandScope = 'global' | 'list' | 'detail' | ViewName;

export interface CommandContext {
  view: ViewName;
  readOnly: boolean;
  /** Is an object selected? */
  hasSelection: boolean;
  /** Does the selected object have a pod to act on (logs)? */
  hasPod: boolean;
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
  { id: 'help', keys: ['?'], label: 'help', help: 'this help', views: [], mutates: false, hint: true },
  { id: 'quit', keys: ['q', 'C-c'], label: 'quit', help: 'quit and restore the terminal', views: [], mutates: false, hint: true },
];

export function commandsFor(view: ViewName, commands: readonly Command[] = COMMANDS): Command[] {
  return commands.filter((c) => c.views.length === 0 || c.views.includes(view));
}

/** Why a command cannot run now, or null. Read-only mode disables every mutating command first. */
export function disabledReason(cmd: Command, ctx: CommandContext): string | null {
  if (cmd.mutates && ctx.readOnly) return 'read-only mode';
  return cmd.disabledReason?.(ctx) ?? null;
}

export function commandForKey(key: string, view: ViewName, commands: readonly Command[] = COMMANDS): Command | undefined {
  return commandsFor(view, commands).find((c) => c.keys.includes(key));
}
