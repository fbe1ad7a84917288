// The one flow of every action in the dashboard: ask its questions, plan with the answers, show
// the planned value in a dialog that holds it, and hand it to the runner on yes. The same for the
// selected object and for every marked one.
import type { Span } from '../kinds/cells.js';
import { acrossContexts, checkAccess, confirmationLines, planEach } from '../kinds/plan.js';
import type { ActionPlan, AnyView, KindAction, PlanContext, ViewName } from '../kinds/types.js';
import { ConfirmOverlay, type Overlay } from './overlays.js';
import type { ContextObjects } from './fleet-list.js';
import type { ActionRunner } from './runner.js';
import type { HistoryRead } from '../model/revisions.js';

type Lines = readonly (readonly Span[])[];

/** What the flow needs of the dashboard: its dialogs, the status line, and where to show a new object. */
export interface FlowPort extends PlanContext {
  prompt(label: string, onSubmit: (text: string) => void, context?: Lines): void;
  pick(title: string, items: readonly string[], onPick: (item: string) => void): void;
  open(o: Overlay): void;
  fail(text: string): void;
  setStatus(text: string): void;
  /** The status line back to the keys (a "checking…" answered). */
  clearStatus(): void;
  reveal(view: ViewName, name: string): void;
  /** One StatefulSet's rollout history, read from the server (for an action that `reads` it). */
  readHistory(v: AnyView): Promise<HistoryRead>;
}

export class ActionFlow {
  constructor(
    private readonly ui: FlowPort,
    private readonly runner: ActionRunner,
  ) {}

  /** The selected object: what it reads first, each question in turn, then the plan with the answers. */
  start(a: KindAction<AnyView>, v: AnyView, answers: readonly string[] = [], at: PlanContext = this.ui): void {
    if (a.reads === 'history' && !at.history) {
      this.ui.setStatus(`${a.label}: reading the revisions of ${v.name}…`);
      void this.runner.track(this.ui.readHistory(v)).then(
        (history) => {
          if ('unknown' in history) return this.ui.fail(`${a.label}: revisions not known (${history.unknown})`);
          this.ui.setStatus(`${a.label}: the revisions of ${v.name} as read now`);
          this.start(a, v, answers, { snapshot: () => this.ui.snapshot(), now: () => this.ui.now(), history });
        },
        (err: unknown) => this.ui.fail(`${a.label}: ${err instanceof Error ? err.message : String(err)}`),
      );
      return;
    }
    const q = a.ask?.[answers.length];
    const next = (answer: string) => this.start(a, v, [...answers, answer], at);
    if (!q) return this.planned(a.plan(v, at, answers));
    if (q.kind === 'text') return this.ui.prompt(q.label(v, answers), next, q.context?.(v, at, answers));
    const items = q.items(v, at);
    if (q.auto && items.length === 1) return next(items[0]!);
    this.ui.pick(q.title, items, next);
  }

  /** Every marked object, with the one question the action asks of them all. */
  startBulk(a: KindAction<AnyView>, objects: readonly { name: string; v: AnyView }[]): void {
    const go = (answer: string) => this.planned(planEach(a.label, a, objects, this.ui, a.bulk?.ask ? [answer] : []));
    if (a.bulk?.ask) this.ui.prompt(a.bulk.ask, go);
    else go('');
  }

  /** Marked objects of several contexts: each planned from its own context's lists, its access asked of that context's server, then one confirmation of them all. */
  startAcross(a: KindAction<AnyView>, groups: readonly ContextObjects[]): void {
    const parts = groups.map(async (g) => {
      // A context with no writer (not connected) refuses every target, as RBAC would.
      const refusal = this.runner.refusal(g.context) ?? (async () => 'not connected');
      return { context: g.context, plan: await checkAccess(planEach(a.label, a, g.objects, g.at, []), refusal) };
    });
    this.ui.setStatus(`${a.label}: checking ${groups.reduce((n, g) => n + g.objects.length, 0)} object(s) in ${groups.length} context(s)…`);
    void this.runner.track(Promise.all(parts)).then((checked) => this.confirm(acrossContexts(a.label, checked)));
  }

  private planned(plan: ActionPlan | { skip: string }): void {
    if ('skip' in plan) return this.ui.fail(plan.skip);
    if (!plan.list) return this.confirm(plan);
    // Several requests: read-only mode and RBAC are asked of each before the dialog shows.
    const refusal = this.runner.refusal();
    if (!refusal) return this.ui.fail('actions are not available here');
    this.ui.setStatus(`${plan.title}: checking ${plan.targets.length} object(s)…`);
    void this.runner.track(checkAccess(plan, refusal)).then((checked) => this.confirm(checked));
  }

  /** The dialog holds the plan; `y` (or the typed name, where data goes) sends exactly its targets. */
  private confirm(plan: ActionPlan): void {
    this.ui.clearStatus();
    const lines = confirmationLines(plan);
    if (plan.typed && plan.targets.length) {
      const typed = plan.typed.name;
      return this.ui.prompt(plan.typed.label, (text) => (text.trim() === typed ? this.send(plan) : this.ui.fail('the name did not match: nothing sent')), lines);
    }
    const title = plan.list ? `${plan.title} (${plan.targets.length})` : plan.title;
    this.ui.open(new ConfirmOverlay(title, plan.targets.length ? lines : [...lines, []], plan.targets.length ? plan : null));
  }

  send(plan: ActionPlan): void {
    void this.runner.send(plan).then((r) => {
      const name = (r.result as { metadata?: { name?: string } } | undefined)?.metadata?.name;
      if (r.ok && plan.reveal && name) this.ui.reveal(plan.reveal, name);
    });
  }
}
