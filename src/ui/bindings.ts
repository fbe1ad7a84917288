// The dashboard's own keys — views, movement, filter, namespace, YAML, logs, help, quit — as
// bindings that carry their handlers. A kind's actions sit between NAVIGATION and SESSION.
import { kindOf, kindOfView } from '../kinds/registry.js';
import type { AnyView, ViewName } from '../kinds/types.js';
import { unknownReason } from '../model/visibility.js';
import type { Controller, PodRef } from './controller.js';
import { lit, safe } from './text.js';

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
const MAX_LOG_LINES = 5000;

function podsOf(c: Controller, sel: AnyView): PodRef[] {
  return kindOfView(sel)
    .pods(sel, c.snapshot())
    .map((p) => ({ namespace: p.namespace, name: p.name, containers: [...p.initContainerNames, ...p.containerNames] }));
}

function openLogs(c: Controller, pod: PodRef, container: string): void {
  const overlay = c.showText(`logs ${pod.name} [${container}] (following)`, [], true);
  overlay.stop = c.host.followLogs(
    pod,
    container,
    (line) => {
      overlay.lines.push(safe(line));
      if (overlay.lines.length > MAX_LOG_LINES) overlay.lines.splice(0, overlay.lines.length - MAX_LOG_LINES);
      c.host.requestRender();
    },
    (err) => {
      overlay.lines.push(err ? lit(`{red-fg}— ${safe(err.message)}{/red-fg}`) : lit('{gray-fg}— end of log{/gray-fg}'));
      overlay.title = `logs ${pod.name} [${container}]`;
      c.host.requestRender();
    },
  );
}

/** Why the selection's pods cannot be known (a CronJob's also need its Jobs). */
function podsHidden(c: Controller, sel: AnyView): string | null {
  const hidden = unknownReason(c.snapshot(), 'pods') ?? (sel.kind === 'CronJob' ? sel.unknown.runs : undefined);
  return hidden ? `pods not visible (${hidden})` : null;
}

function pickLogs(c: Controller, sel: AnyView): void {
  const pods = podsOf(c, sel);
  if (pods.length === 0) return c.fail('logs: no pod to show logs of');
  const chooseContainer = (pod: PodRef) => {
    if (pod.containers.length <= 1) return openLogs(c, pod, pod.containers[0] ?? '');
    c.pick(`container of ${pod.name}`, pod.containers, (name) => openLogs(c, pod, name), pod.containers.length - 1);
  };
  if (pods.length === 1) return chooseContainer(pods[0]!);
  c.pick('logs of which pod?', pods.map((p) => p.name), (name) => chooseContainer(pods.find((p) => p.name === name)!));
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

function commandLine(c: Controller, text: string): void {
  const [word, arg] = text.trim().split(/\s+/);
  if (!word) return;
  const view = (['statefulsets', 'jobs', 'cronjobs'] as const).find((v) => kindOf(v).aliases.includes(word));
  if (view) c.switchView(view);
  else if (word === 'q' || word === 'quit') c.host.quit();
  else if ((word === 'ns' || word === 'namespace') && arg) c.host.switchNamespace(arg === 'all' || arg === '-A' ? null : arg);
  else if (word === 'ns' || word === 'namespace') void pickNamespace(c);
  else c.fail(`unknown command ":${text}" — try :sts :jobs :cj :ns NAME :q`);
}

function showHelp(c: Controller, sel: AnyView | undefined): void {
  const lines = [lit('{bold}Keys{/bold} (from the command table; greyed: not available here, with the reason)'), lit('')];
  for (const e of c.entries(sel)) {
    const reason = e.disabled();
    const keys = e.keys.map((k) => (k === 'S-g' ? 'G' : k)).join(', ');
    lines.push(lit(`${reason ? '{gray-fg}' : '{cyan-fg}'}${safe(keys.padEnd(16))}${reason ? '{/gray-fg}' : '{/cyan-fg}'} ${safe(e.help)}${reason ? ` {gray-fg}(${safe(reason)}){/gray-fg}` : ''}`));
  }
  lines.push(lit(''), lit('{gray-fg}Esc or q closes this help.{/gray-fg}'));
  c.showText('help', lines);
}

function showActionLog(c: Controller): void {
  const lines = c.actionLog.length
    ? c.actionLog.map((a) => lit(`${safe(new Date(a.at).toISOString().slice(11, 19))} ${a.ok === false ? `{red-fg}${safe(a.text)}{/red-fg}` : safe(a.text)}`))
    : [lit('{gray-fg}no actions yet{/gray-fg}')];
  c.showText('action log', lines, true);
}

const viewBinding = (view: ViewName, key: string, short: string): GlobalBinding => ({
  id: `view.${view}`,
  keys: [key],
  label: kindOf(view).title,
  help: `show ${kindOf(view).title} (also :${short})`,
  run: (c) => c.switchView(view),
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
  { id: 'focus.detail', keys: ['enter'], label: 'detail', help: 'focus the detail pane of the selected object', hint: true, disabledReason: needsSelection, run: (c) => (c.focus = 'detail') },
  {
    id: 'focus.back',
    keys: ['escape'],
    label: 'back',
    help: 'back to the list / close the overlay',
    run: (c) => {
      if (c.focus === 'detail') c.focus = 'list';
      else if (c.filter) c.filter = '';
    },
  },
  { id: 'filter', keys: ['/'], label: 'filter', help: 'filter the list by name or label=value', hint: true, run: (c) => c.prompt('/', (t) => (c.filter = t.trim()), c.filter) },
  { id: 'namespace', keys: ['n'], label: 'namespace', help: 'switch namespace (from those that exist)', hint: true, run: (c) => void pickNamespace(c) },
  { id: 'command', keys: [':'], label: 'command', help: 'command line: :sts :jobs :cj :ns NAME :q', run: (c) => c.prompt(':', (t) => commandLine(c, t)) },
  {
    id: 'logs',
    keys: ['l'],
    label: 'logs',
    help: 'follow the logs of the selected pod',
    hint: true,
    disabledReason: (c, sel) => needsSelection(c, sel) ?? podsHidden(c, sel!) ?? (kindOfView(sel!).pods(sel!, c.snapshot()).length ? null : 'no pod to show logs of'),
    run: (c, sel) => sel && pickLogs(c, sel),
  },
  { id: 'yaml', keys: ['y'], label: 'yaml', help: "show the object's YAML (Secret data is never shown)", hint: true, disabledReason: needsSelection, run: (c, sel) => sel && void showYaml(c, sel) },
];

export const SESSION: readonly GlobalBinding[] = [
  { id: 'actionLog', keys: ['S-l'], label: 'action log', help: 'the actions sent this session and their results', run: showActionLog },
  { id: 'help', keys: ['?'], label: 'help', help: 'this help', hint: true, run: showHelp },
  { id: 'quit', keys: ['q', 'C-c'], label: 'quit', help: 'quit and restore the terminal', hint: true, run: (c) => c.host.quit() },
];
