// Pod states from fixtures captured on the real node (test/fixtures/kubelet: each pod as the API
// server returned it, with kubectl's READY and STATUS of that same read in an annotation).
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { slimmers } from '../../../src/kube/slim.js';
import { summarizePod } from '../../../src/model/pods.js';

const DIR = 'test/fixtures/kubelet';
function fixture(name: string) {
  const raw = JSON.parse(fs.readFileSync(`${DIR}/${name}.json`, 'utf8'));
  const kubectl = JSON.parse(raw.metadata.annotations['kstate.dev/fixture-kubectl-columns']) as { ready: string; status: string };
  return { raw, kubectl, summary: summarizePod(slimmers.pods(raw)) };
}

describe('pods as the real kubelet reports them', () => {
  it("says what kubectl's STATUS and READY say, for every captured state", () => {
    const files = fs.readdirSync(DIR).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5));
    expect(files.length).toBeGreaterThanOrEqual(13);
    for (const name of files.filter((f) => f !== 'sidecar-then-init')) {
      const { kubectl, summary } = fixture(name);
      expect({ name, status: summary.status, ready: summary.readyContainers }).toEqual({ name, ...kubectl });
    }
  });

  it('Running and Ready', () => {
    expect(fixture('running-ready').summary).toMatchObject({ status: 'Running', health: 'ok', ready: true, init: '1/1', initRunning: null, sidecars: '' });
  });

  it("a crash loop: waiting in CrashLoopBackOff, and between two back-offs the crash's own Error; the last exit code and reason both times", () => {
    const waiting = fixture('crashloop-backoff').summary;
    expect(waiting).toMatchObject({ status: 'CrashLoopBackOff', health: 'bad', exitCode: null, lastExitCode: 3, lastReason: 'Error', reason: 'CrashLoopBackOff' });
    expect(waiting.restarts).toBeGreaterThan(1);
    expect(waiting.message).toMatch(/^back-off 5s restarting failed container=ledger/);
    const ended = fixture('crashloop-terminated').summary;
    expect(ended).toMatchObject({ status: 'Error', health: 'bad', exitCode: 3, lastExitCode: null });
    expect(ended.restarts).toBeGreaterThan(1);
  });

  it('OOMKilled (137) and a chosen exit code (Error, 42) of Job pods', () => {
    expect(fixture('oom-killed').summary).toMatchObject({ status: 'OOMKilled', health: 'bad', exitCode: 137, reason: 'OOMKilled' });
    expect(fixture('exit-42').summary).toMatchObject({ status: 'Error', health: 'bad', exitCode: 42, reason: 'Error' });
  });

  it('Init:N/M counts the init containers that run to completion', () => {
    expect(fixture('init-running').summary).toMatchObject({ status: 'Init:1/2', init: '1/2', initRunning: 'wait', health: 'progress', sidecars: '' });
  });

  it("an init container's crash loop, and its crash between two back-offs", () => {
    expect(fixture('init-crashloopbackoff').summary).toMatchObject({ status: 'Init:CrashLoopBackOff', health: 'bad', lastExitCode: 2, lastReason: 'Error' });
    expect(fixture('init-error').summary).toMatchObject({ status: 'Init:Error', health: 'bad', exitCode: 2 });
    expect(fixture('init-error').summary.restarts).toBeGreaterThan(0);
  });

  it('a started native sidecar is a container of the pod, not an init container', () => {
    expect(fixture('sidecar-running').summary).toMatchObject({ status: 'Running', health: 'ok', init: '', initRunning: null, sidecars: '1/1', readyContainers: '2/2' });
    // Beside a running init container: kubectl counts the started sidecar as an init container done (Init:1/2).
    const { summary, kubectl } = fixture('sidecar-then-init');
    expect(kubectl.status).toBe('Init:1/2');
    expect(summary).toMatchObject({ status: 'Init:0/1', init: '0/1', initRunning: 'wait', sidecars: '1/1', readyContainers: kubectl.ready });
  });

  it('a finished Job pod is Completed whether its sidecar left on SIGTERM (0) or was killed (137)', () => {
    const killed = fixture('sidecar-killed-completed');
    expect(killed.raw.status.initContainerStatuses[0].state.terminated.exitCode).toBe(137);
    expect(killed.summary).toMatchObject({ status: 'Completed', health: 'ok', exitCode: 0 });
    expect(fixture('sidecar-flushed-completed').summary).toMatchObject({ status: 'Completed', health: 'ok', exitCode: 0 });
  });

  it('an image that may not be pulled and is not there', () => {
    expect(fixture('err-image-never-pull').summary).toMatchObject({ status: 'ErrImageNeverPull', health: 'bad', reason: 'ErrImageNeverPull' });
  });
});
