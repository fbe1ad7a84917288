// The dashboard's own keys — views, movement, filter, namespace, YAML, logs, help, quit — as
// bindings that carry their handlers. A kind's actions sit between NAVIGATION and SESSION. The log
// view's own keys are in ui/logs.ts.
import { KINDS, kindOf, kindOfView } from '../kinds/registry.js';
import type { AnyView, ViewName } from '../kinds/types.js';
import type { RunChoice } from '../model/cronjob.js';
import { containerNames, defaultContainer, logPlan, type LabelledPod } from '../model/logs.js';
import { orphanSections } from '../kinds/statefulsets/volumes.js';
import { orphans } from '../model/orphans.js';
import { unknownReason } from '../model/visibility.js';
import type { BindingPort } from './ports.js';
import { detailLines } from './detail.js';
import { LogView } from './logs.js';
import { keyName } from './key-names.js';
import { lit, safe, spans } from './text.js';
import { span } from '../kinds/cells.js';
import { diffLines, historyLines, revisionChoices } from '../kinds/statefulsets/history.js';
import { revisionTemplate, templateDiff } from '../model/revisions.js';
import type { StatefulSetView } from '../model/statefulset.js';
import { SPANS } from './widgets/timeline.js';

type Controller = BindingPort;

export interface GlobalBinding {
  id: string;
  keys: readonly string[];
  label: string;
  help: string;
  hint?: boolean;
  disabledReason?(c: Controller, sel: AnyView | undefined): string | null;
  run(c: Controller, sel: AnyView | undefined): void;
}

const needsSelection = (_c: Controller, sel: AnyView | undefined) => (sel ? null : 'nothing selected');

function noLogs(c: Controller, sel: AnyView, run: RunChoice): string | null {
  const found = kindOfView(sel).logPods(sel, c.snapshot(), run);
  return 'problem' in found ? found.problem : null;
}

/** Logs of the selection: a StatefulSet's ordinals merged, a Job's pods (or one), a CronJob's chosen run. */
function openLogs(c: Controller, sel: AnyView, run: RunChoice): void {
  const found = kindOfView(sel).logPods(sel, c.snapshot(), run);
  if ('problem' in found) return c.fail(`logs: ${found.problem}`);
  const { title, pods } = found;
  if (kindOfView(sel).logsMerged || pods.length === 1) return pickContainer(c, title, pods);
  const ALL = `all ${pods.length} pods, merged`;
  c.pick(`logs of ${title}`, [ALL, ...pods.map((p) => p.pod.name)], (item) => {
    const one = pods.find((p) => p.pod.name === item);
    pickContainer(c, one ? `pod/${one.pod.name}` : title, one ? [{ pod: one.pod, label: null }] : pods);
  });
}

/** Why the selection's pods cannot be known (a CronJob's also need its Jobs). */
function podsHidden(c: Controller, sel: AnyView): string | null {
  const hidden = unknownReason(c.snapshot(), 'pods') ?? kindOfView(sel).runs?.hidden(sel);
  return hidden ? `pods not visible (${hidden})` : null;
}

function pickContainer(c: Controller, title: string, pods: readonly LabelledPod[]): void {
  const names = [...new Set(pods.flatMap((p) => containerNames(p.pod)))];
  if (names.length <= 1) return showLogs(c, title, pods, undefined);
  const preferred = Math.max(0, names.indexOf(defaultContainer(pods[0]!.pod) ?? ''));
  c.pick(`container (init containers first)`, names, (name) => showLogs(c, title, pods, name), preferred);
}

function showLogs(c: Controller, title: string, pods: readonly LabelledPod[], container: string | undefined): void {
  const view = new LogView({
    title: `${title}${container ? ` [${container}]` : ''}`,
    labels: pods.flatMap((p) => (p.label === null ? [] : [p.label])),
    open: (v, previous) => {
      const plan = logPlan(pods, { ...(container ? { container } : {}), previous });
      for (const p of plan.problems) v.push({ label: p.label, time: null, text: p.text, error: true });
      const streams = c.host.streamLogs(
        plan.targets,
        (line) => {
          v.push(line);
          c.host.requestRender();
        },
        () => {
          v.end();
          c.host.requestRender();
        },
      );
      return { targets: plan.targets, streams };
    },
    save: (path, text) => c.host.saveText(path, text),
    changed: () => c.host.requestRender(),
  });
  c.showLogs(view.start());
}

async function pickNamespace(c: Controller): Promise<void> {
  try {
    const items = ['(all namespaces)', ...(await c.host.listNamespaces())];
    const current = c.host.namespace === null ? 0 : Math.max(0, items.indexOf(c.host.namespace));
    c.pick('namespace', items, (item) => c.host.switchNamespace(item === '(all namespaces)' ? null : item), current);
  } catch (err) {
    c.fail(`namespaces: ${err instanceof Error ? err.message : String(err)}`);
  }
}

async function showYaml(c: Controller, sel: AnyView): Promise<void> {
  const view = kindOfView(sel).view;
  try {
    const text = await c.host.objectYaml(view, sel.namespace, sel.name);
    c.showText(`${view}/${sel.name} YAML`, text.split('\n').map((l) => safe(l)));
  } catch (err) {
    c.fail(`yaml: ${err instanceof Error ? err.message : String(err)}`);
  }
}

function pickContext(c: Controller): void {
  const items = c.host.listContexts?.() ?? [];
  c.pick('context', items, (item) => switchContext(c, item), Math.max(0, items.indexOf(c.host.context ?? '')));
}

function switchContext(c: Controller, name: string): void {
  if (!c.host.switchContext) return c.fail('contexts: not available here');
  c.host.switchContext(name);
}

function commandLine(c: Controller, text: string): void {
  const [word, arg] = text.trim().split(/\s+/);
  if (!word) return;
  const view = KINDS.find((k) => k.aliases.includes(word))?.view;
  if (view) c.state.switchView(view);
  else if (word === 'q' || word === 'quit') c.host.quit();
  else if ((word === 'ns' || word === 'namespace') && arg) c.host.switchNamespace(arg === 'all' || arg === '-A' ? null : arg);
  else if (word === 'ns' || word === 'namespace') void pickNamespace(c);
  else if ((word === 'ctx' || word === 'context') && arg) switchContext(c, arg);
  else if (word === 'ctx' || word === 'context') pickContext(c);
  else if (word === 'fleet') c.showFleet();
  else c.fail(`unknown command ":${text}" — try :sts :jobs :cj :ns NAME :ctx NAME :fleet :q`);
}

function showHelp(c: Controller, sel: AnyView | undefined): void {
  const lines = [lit('{bold}Keys{/bold} (from the command table; greyed: not available here, with the reason)'), lit('')];
  for (const e of c.entries(sel)) {
    const reason = e.disabled();
    const keys = e.keys.map(keyName).join(', ');
    lines.push(lit(`${reason ? '{gray-fg}' : '{cyan-fg}'}${safe(keys.padEnd(16))}${reason ? '{/gray-fg}' : '{/cyan-fg}'} ${safe(e.help)}${reason ? ` {gray-fg}(${safe(reason)}){/gray-fg}` : ''}`));
  }
  lines.push(lit(''), lit('{gray-fg}Esc or q closes this help.{/gray-fg}'));
  c.showText('help', lines);
}

/** Data left behind in scope: Released volumes whose claims are gone, and claims no StatefulSet makes. */
function showOrphans(c: Controller): void {
  const snap = c.snapshot();
  const where = c.host.namespace === null ? 'all namespaces' : `namespace ${c.host.namespace}`;
  const sections = orphanSections(orphans(snap), c.now());
  const lines = [
    lit(`{bold}Data left behind in ${safe(where)}{/bold}`),
    lit('{gray-fg}A Released volume keeps its data until it is deleted (kubectl delete pv NAME); nothing binds it again by itself.{/gray-fg}'),
    lit(''),
    ...detailLines(sections, c.host.overlayWidth?.() ?? 100),
    lit(''),
    lit('{gray-fg}Esc or q closes this view.{/gray-fg}'),
  ];
  c.showText('orphaned data', lines);
}

/** A StatefulSet's revisions, read once; a pick of two of them shows their pod template diff. */
async function showHistory(c: Controller, sel: AnyView): Promise<void> {
  const read = await c.host.readHistory?.(sel.namespace, sel.name).catch((err: unknown) => ({ unknown: err instanceof Error ? err.message : String(err) }));
  if (!read || 'unknown' in read) return c.fail(`history: revisions not known (${read?.unknown ?? 'cannot be read here'})`);
  const v = sel as StatefulSetView;
  const choices = revisionChoices(v, read.revisions);
  const byChoice = (item: string) => read.revisions.find((r) => r.revision === Number(/^\d+/.exec(item)?.[0]) && r.owner === v.uid);
  const NOW = 'the template now';
  c.pick(`history of sts/${sel.name}: compare which revision`, choices, (first) => {
    const a = byChoice(first);
    if (!a) return;
    c.pick(`revision ${a.revision} → which`, [NOW, ...choices.filter((x) => x !== first)], (second) => {
      const b = second === NOW ? null : byChoice(second);
      const lines = [
        ...historyLines(v, read.revisions, c.now()),
        [],
        [span(`pod template, revision ${a.revision} (${a.name}) → ${b ? `revision ${b.revision} (${b.name})` : NOW}:`, undefined, true)],
        ...diffLines(templateDiff(revisionTemplate(a), b ? revisionTemplate(b) : read.template), '  '),
        [],
        [span('U rolls back to a revision (with this diff and the ordinals replaced). Esc or q closes this view.', 'muted')],
      ];
      c.showText(`history sts/${sel.name}`, lines.map((l) => spans(l)));
    });
  });
}

function showActionLog(c: Controller): void {
  const lines = c.runner.log.length
    ? c.runner.log.map((a) => lit(`${safe(new Date(a.at).toISOString().slice(11, 19))} ${a.ok === false ? `{red-fg}${safe(a.text)}{/red-fg}` : safe(a.text)}`))
    : [lit('{gray-fg}no actions yet{/gray-fg}')];
  c.showText('action log', lines, true);
}

const viewBinding = (view: ViewName, key: string, short: string): GlobalBinding => ({
  id: `view.${view}`,
  keys: [key],
  label: kindOf(view).title,
  help: `show ${kindOf(view).title} (also :${short})`,
  run: (c) => c.state.switchView(view),
});

export const NAVIGATION: readonly GlobalBinding[] = [
  viewBinding('statefulsets', '1', 'sts'),
  viewBinding('jobs', '2', 'jobs'),
  viewBinding('cronjobs', '3', 'cj'),
  { id: 'move.down', keys: ['j', 'down'], label: 'down', help: 'select the next row (scroll the detail when focused)', run: (c) => c.move(1) },
  { id: 'move.up', keys: ['k', 'up'], label: 'up', help: 'select the previous row', run: (c) => c.move(-1) },
  { id: 'move.pagedown', keys: ['pagedown', 'C-d'], label: 'page down', help: 'one page down', run: (c) => c.move(c.host.pageSize()) },
  { id: 'move.pageup', keys: ['pageup', 'C-u'], label: 'page up', help: 'one page up', run: (c) => c.move(-c.host.pageSize()) },
  { id: 'move.top', keys: ['g', 'home'], label: 'top', help: 'first row', run: (c) => c.move(-1e9) },
  { id: 'move.bottom', keys: ['S-g', 'end'], label: 'bottom', help: 'last row', run: (c) => c.move(1e9) },
  { id: 'focus.detail', keys: ['enter'], label: 'detail', help: 'focus the detail pane of the selected object', hint: true, disabledReason: needsSelection, run: (c) => (c.state.focus = 'detail') },
  {
    id: 'focus.back',
    keys: ['escape'],
    label: 'back',
    help: 'back to the list / close the overlay',
    run: (c) => {
      if (c.state.focus === 'detail') c.state.focus = 'list';
      else if (c.state.filter) c.state.filter = '';
    },
  },
  {
    id: 'timeline',
    keys: ['S-t'],
    label: 'timeline',
    help: "the CronJobs' runs over the next 24 h, 7 d, 1 h (each press), then the detail again",
    disabledReason: (c) => (kindOf(c.state.view).runs ? null : 'only in the CronJobs view'),
    run: ({ state: s }) => (s.picture = s.picture === null ? 0 : s.picture + 1 < SPANS.length ? s.picture + 1 : null),
  },
  { id: 'wide', keys: ['w'], label: 'wide', help: 'show every column (as -o wide), or only those that fit', run: ({ state: s }) => (s.wide = !s.wide) },
  { id: 'events', keys: ['e'], label: 'events', help: 'show every event of the selected object, or only the latest few', run: ({ state: s }) => (s.unfolded = !s.unfolded) },
  { id: 'filter', keys: ['/'], label: 'filter', help: 'filter the list by name or label=value', hint: true, run: (c) => c.typeLine('/', (t) => (c.state.filter = t.trim()), c.state.filter) },
  { id: 'namespace', keys: ['n'], label: 'namespace', help: 'switch namespace (from those that exist)', hint: true, run: (c) => void pickNamespace(c) },
  { id: 'command', keys: [':'], label: 'command', help: 'command line: :sts :jobs :cj :ns NAME :ctx NAME :fleet :q', run: (c) => c.typeLine(':', (t) => commandLine(c, t), '') },
  {
    id: 'logs',
    keys: ['l'],
    label: 'logs',
    help: "logs: a StatefulSet's ordinals merged, a Job's pods, a CronJob's last run (running containers are followed, finished ones read whole)",
    hint: true,
    disabledReason: (c, sel) => needsSelection(c, sel) ?? podsHidden(c, sel!) ?? noLogs(c, sel!, 'last'),
    run: (c, sel) => sel && openLogs(c, sel, 'last'),
  },
  {
    id: 'logs.failed',
    keys: ['f'],
    label: 'failed run logs',
    help: "a CronJob's last failed run's logs",
    disabledReason: (c, sel) => needsSelection(c, sel) ?? (!kindOfView(sel!).runs ? 'CronJobs only' : (podsHidden(c, sel!) ?? noLogs(c, sel!, 'failed'))),
    run: (c, sel) => sel && openLogs(c, sel, 'failed'),
  },
  {
    id: 'history',
    keys: ['S-h'],
    label: 'history',
    help: "a StatefulSet's rollout history: its revisions, the ordinals running each, the pod template diff of any two",
    disabledReason: (c, sel) => needsSelection(c, sel) ?? (kindOfView(sel!).actions.some((a) => a.reads === 'history') ? null : 'StatefulSets only'),
    run: (c, sel) => sel && void showHistory(c, sel),
  },
  { id: 'yaml', keys: ['y'], label: 'yaml', help: "show the object's YAML (Secret data is never shown)", hint: true, disabledReason: needsSelection, run: (c, sel) => sel && void showYaml(c, sel) },
];

export const SESSION: readonly GlobalBinding[] = [
  { id: 'actionLog', keys: ['S-l'], label: 'action log', help: 'the actions sent this session and their results', run: showActionLog },
  { id: 'help', keys: ['?'], label: 'help', help: 'this help', hint: true, run: showHelp },
  { id: 'quit', keys: ['q', 'C-c'], label: 'quit', help: 'quit and restore the terminal', hint: true, run: (c) => c.host.quit() },
];

/** Order, marks, contexts and orphaned data: after the session keys, so the help's first page stays as it was. */
export const LIST: readonly GlobalBinding[] = [
  {
    id: 'fleet',
    keys: ['S-f'],
    label: 'fleet',
    help: 'the fleet view (also :fleet): one row per context of --context a,b or --all-contexts; Enter goes into one; 1-3 list a kind across them all (marks and actions across contexts)',
    disabledReason: (c) => (c.host.fleet ? null : 'one context: start with --context a,b or --all-contexts'),
    run: (c) => c.showFleet(),
  },
  { id: 'context', keys: ['S-c'], label: 'context', help: "switch kubeconfig context (also :ctx): every client, watch and RBAC answer is made again for it", run: pickContext },
  { id: 'sort', keys: ['o'], label: 'sort', help: 'sort the list by the next key: name, age, status, then the kind\'s own (not ready; failures, duration; next run, last result)', hint: true, run: (c) => c.state.cycleSort() },
  { id: 'sort.reverse', keys: ['S-o'], label: 'reverse', help: 'reverse the sort', run: (c) => c.state.reverseSort() },
  { id: 'mark', keys: ['space'], label: 'mark', help: 'mark or unmark the selected row: actions then act on every marked object, after one confirmation', disabledReason: needsSelection, run: (c) => c.state.toggleMark(c.list(), c.host.pageSize()) },
  { id: 'mark.all', keys: ['a'], label: 'mark all', help: 'mark every row the filter shows', run: (c) => c.state.markAll(c.list()) },
  { id: 'orphans', keys: ['S-v'], label: 'orphaned data', help: 'data left behind: Released volumes whose claims are gone, claims no StatefulSet makes', run: showOrphans },
  { id: 'mark.clear', keys: ['S-a'], label: 'unmark', help: 'clear the marks of this view', disabledReason: ({ state: s }) => (s.marks[s.view].size ? null : 'nothing marked'), run: ({ state: s }) => s.marks[s.view].clear() },
];
