// Sends planned actions for the dashboard and keeps their log: every request of a plan in turn,
// one log line each, and a count of those still in flight (the app is idle only when it is zero).
import { sendEach } from '../kinds/plan.js';
import type { ActionPlan, Target } from '../kinds/types.js';
import type { AccessQuestion, ActionRequest } from '../model/requests.js';

/** The writes the dashboard may ask for (kube/actions.ts in the real program). */
export interface ActionPort {
  refusal(access: AccessQuestion): Promise<string | null>;
  send(request: ActionRequest): Promise<unknown>;
}

export interface LogEntry {
  at: number;
  text: string;
  ok: boolean | null;
}

export class ActionRunner {
  readonly log: LogEntry[] = [];
  private inFlight = 0;
  private waiters: (() => void)[] = [];

  constructor(
    /** The writer of a context of the fleet (a target's `context`), else of the current one. */
    private readonly port: (context?: string) => ActionPort | undefined,
    private readonly now: () => number,
    /** A line for the status bar (an error in red). */
    private readonly status: (text: string, error: boolean) => void,
  ) {}

  /** Sends every target of the plan, each by its context's writer; resolves with the server's answer to the first, if it was accepted. */
  async send(plan: ActionPlan): Promise<{ ok: boolean; result?: unknown }> {
    const writers = new Map(plan.targets.map((t) => [t.context, this.port(t.context)]));
    if (![...writers.values()].every(Boolean)) {
      this.status('actions are not available here', true);
      return { ok: false };
    }
    return this.track(this.sendWith(plan, (req, t) => writers.get(t.context)!.send(req)));
  }

  private async sendWith(plan: ActionPlan, send: (req: ActionRequest, t: Target) => Promise<unknown>): Promise<{ ok: boolean; result?: unknown }> {
    if (!plan.list) {
      this.record(`${plan.summary}…`, null);
      const [r] = await sendEach(plan, send, () => undefined);
      this.record(r?.ok ? `✓ ${plan.summary}` : `✗ ${plan.summary}: ${r?.error ?? 'nothing to send'}`, r?.ok ?? false);
      return r?.ok ? { ok: true, result: r.result } : { ok: false };
    }
    const where = (x: { context?: string }) => (x.context === undefined ? '' : `[${x.context}] `);
    for (const s of plan.skipped) this.record(`✗ ${where(s)}${plan.title} ${s.name}: skipped, ${s.reason}`, false);
    const results = await sendEach(plan, send, (r) => this.record(r.ok ? `✓ ${where(r.target)}${r.target.summary}` : `✗ ${where(r.target)}${r.target.summary}: ${r.error}`, r.ok));
    const done = results.filter((r) => r.ok).length;
    const failed = results.length - done + plan.skipped.length;
    this.status(`${plan.title}: ${done} done, ${failed} failed or skipped`, failed > 0);
    return { ok: failed === 0 };
  }

  /** Why read-only mode or RBAC would refuse a request (counted as in flight); undefined where nothing can be sent. */
  refusal(context?: string): ((q: AccessQuestion) => Promise<string | null>) | undefined {
    const port = this.port(context);
    return port && ((q) => this.track(port.refusal(q)));
  }

  /** Counts `work` (a request, an access review) as in flight until it settles. */
  async track<T>(work: Promise<T>): Promise<T> {
    this.inFlight++;
    try {
      return await work;
    } finally {
      if (--this.inFlight === 0) for (const w of this.waiters.splice(0)) w();
    }
  }

  get busy(): number {
    return this.inFlight;
  }

  /** Resolves once nothing is in flight. */
  idle(): Promise<void> {
    return this.inFlight === 0 ? Promise.resolve() : new Promise((resolve) => this.waiters.push(resolve));
  }

  private record(text: string, ok: boolean | null): void {
    this.log.push({ at: this.now(), text, ok });
    if (this.log.length > 500) this.log.shift();
    this.status(text, ok === false);
  }
}
