// Switching kubeconfig context in the dashboard (headless): each context's own objects, writer and
// RBAC answers; a context that cannot be loaded says why and leaves the current one in place.
import { describe, expect, it } from 'vitest';
import type { ActionRequest } from '../../src/model/requests.js';
import type { ActionPort, ContextDeps } from '../../src/ui/app.js';
import { rawCronJob, snapshot, T0 } from '../fixtures/builders.js';
import { appPerTest, FakeSource, type Harness } from './harness.js';

let h: Harness | null = null;
const { start, settle } = appPerTest();

/** One context: its CronJobs, and a writer that records what it sends under the context's name. */
function context(name: string, cronJobs: string[], sent: string[], opened: string[], forbid = false): ContextDeps {
  const actions: ActionPort = {
    refusal: async (a) => (forbid ? `forbidden: ${a.verb} ${a.resource}` : null),
    send: async (req: ActionRequest) => void sent.push(`${name}: ${req.method} ${req.path.split('/').pop()}`),
  };
  return {
    context: name,
    server: `https://${name}:6443`,
    namespace: 'ns',
    actions,
    openSource: (ns) => {
      opened.push(`${name}/${ns}`);
      return new FakeSource(snapshot({ cronjobs: cronJobs.map((n) => rawCronJob(n)) }));
    },
    listNamespaces: async () => ['ns'],
    objectYaml: async () => '',
    streamLogs: () => ({ stop: () => undefined, stopPod: () => undefined }),
  };
}

describe('contexts in the dashboard', () => {
  it('lists the contexts, switches, and shows and acts on each one with its own clients', async () => {
    const sent: string[] = [];
    const opened: string[] = [];
    const contexts: Record<string, ContextDeps> = { alpha: context('alpha', ['from-alpha'], sent, opened), beta: context('beta', ['from-beta'], sent, opened, true) };
    h = await start({} as never, {
      ...contexts.alpha!,
      contexts: {
        names: () => ['alpha', 'beta', 'broken'],
        open: async (name) => {
          const c = contexts[name];
          if (!c) throw new Error(`context "${name}" names user "nobody", which is not defined`);
          return c;
        },
      },
    });
    await h.press('3');
    expect(h.screen()).toContain('ctx alpha');
    expect(h.screen()).toContain('from-alpha');
    await h.press('z', 'y');
    await settle();
    expect(sent).toEqual(['alpha: PATCH from-alpha']);

    await h.press('C');
    expect(h.screen()).toMatch(/alpha[\s│]+\n.*beta/);
    await h.press('down', 'enter');
    await settle();
    expect(h.screen()).toContain('ctx beta');
    expect(h.screen()).toContain('from-beta');
    expect(h.screen()).not.toContain('from-alpha');
    expect(opened).toEqual(['alpha/ns', 'beta/ns']);
    // beta's RBAC answers, not alpha's: suspend is refused there.
    await h.press('z'); // asks beta's RBAC (the answer is not known yet: the dialog opens)
    await settle();
    await h.press('escape', 'z');
    expect(h.screen()).toContain('suspend: forbidden: patch cronjobs');
    expect(sent).toEqual(['alpha: PATCH from-alpha']);

    await h.press(':');
    for (const ch of 'ctx broken') await h.press(ch);
    await h.press('enter');
    expect(h.screen()).toContain('context broken: context "broken" names user "nobody", which is not defined');
    expect(h.screen()).toContain('ctx beta');

    await h.press(':');
    for (const ch of 'ctx alpha') await h.press(ch);
    await h.press('enter');
    await settle();
    expect(h.screen()).toContain('ctx alpha');
    await h.press('u');
    expect(h.screen()).toContain('resume: not suspended');
  });
});
