// The log rules, from fixtures: which containers are followed and which are read whole, what cannot
// have a log yet, a CronJob's last and last failed run, and the API server's refusals in words.
import { describe, expect, it } from 'vitest';
import { KINDS } from '../../../src/kinds/registry.js';
import { chosenRun, noRunReason } from '../../../src/model/cronjob.js';
import { defaultContainer, logPath, logPlan, logProblem, podsInStartOrder, type LogTarget } from '../../../src/model/logs.js';
import type { PodRec } from '../../../src/model/types.js';
import { cronJobViews, statefulSetViews } from '../../../src/model/views.js';
import { iso, ownerOf, rawCronJob, rawJob, rawPod, rawSts, slim, snapshot, T0 } from '../../fixtures/builders.js';

const pod = (name: string, o: Parameters<typeof rawPod>[1] = {}): PodRec => slim('pods', rawPod(name, o));
const succeeded = { phase: 'Succeeded', ready: false, containerState: { terminated: { exitCode: 0, reason: 'Completed' } } };
const target = (o: Partial<LogTarget> = {}): LogTarget => ({ namespace: 'ns', pod: 'web-0', podUid: 'u', node: 'node-1', container: 'main', follow: true, previous: false, label: null, ...o });

describe('which logs, and how', () => {
  it('follows a running container and reads a finished one whole', () => {
    const plan = logPlan([
      { pod: pod('web-0'), label: '0' },
      { pod: pod('job-x', succeeded), label: '1' },
    ]);
    expect(plan.problems).toEqual([]);
    expect(plan.targets.map((t) => [t.pod, t.container, t.follow, t.label])).toEqual([
      ['web-0', 'main', true, '0'],
      ['job-x', 'main', false, '1'],
    ]);
  });

  it('never follows a previous container or when asked not to', () => {
    expect(logPlan([{ pod: pod('web-0'), label: null }], { previous: true }).targets[0]).toMatchObject({ follow: false, previous: true });
    expect(logPlan([{ pod: pod('web-0'), label: null }], { follow: false }).targets[0]!.follow).toBe(false);
  });

  it('reads a finished init container whole while the pod runs', () => {
    const p = pod('db-0', { initContainers: ['init'], initStatuses: [{ name: 'init', state: { terminated: { exitCode: 0 } } }] });
    expect(logPlan([{ pod: p, label: null }], { container: 'init' }).targets[0]).toMatchObject({ container: 'init', follow: false });
  });

  it('picks the annotated default container, else the first', () => {
    expect(defaultContainer(pod('a'))).toBe('main');
    const two = (annotation: string): PodRec => ({ ...pod('a', { annotations: { 'kubectl.kubernetes.io/default-container': annotation } }), containerNames: ['main', 'sidecar'] });
    expect(defaultContainer(two('sidecar'))).toBe('sidecar');
    expect(defaultContainer(two('gone'))).toBe('main');
  });

  it('asks nothing about a container that does not exist or has not started', () => {
    const plan = logPlan([
      { pod: pod('a'), label: null },
      { pod: pod('b', { ready: false }), label: null },
      { pod: pod('c', { unschedulable: '0/3 nodes are available', phase: 'Pending', ready: false }), label: null },
    ], { container: 'main' });
    expect(plan.targets.map((t) => t.pod)).toEqual(['a']);
    expect(plan.problems.map((p) => p.text)).toEqual([
      'container main of pod b has not started yet (ContainerCreating)',
      'container main of pod c has not started: the pod is not scheduled to a node yet',
    ]);
    expect(logPlan([{ pod: pod('a'), label: '0' }], { container: 'sidecar' }).problems).toEqual([{ label: '0', text: 'pod a has no container sidecar (it has main)' }]);
  });

  it('orders a Job’s pods by start and labels them only when there are several', () => {
    const late = pod('job-b', { created: T0 - 1000 });
    const early = pod('job-a', { created: T0 - 5000 });
    expect(podsInStartOrder([late, early]).map((p) => [p.pod.name, p.label])).toEqual([
      ['job-a', 'job-a'],
      ['job-b', 'job-b'],
    ]);
    expect(podsInStartOrder([late])[0]!.label).toBeNull();
  });

  it('asks for timestamps always, follow only when following, tailLines when given', () => {
    expect(logPath(target({ follow: true }), 500)).toBe('/api/v1/namespaces/ns/pods/web-0/log?container=main&timestamps=true&follow=true&tailLines=500');
    expect(logPath(target({ follow: false, previous: true }))).toBe('/api/v1/namespaces/ns/pods/web-0/log?container=main&timestamps=true&previous=true');
  });

  it("labels a StatefulSet's pods with their ordinals", () => {
    const sts = rawSts('db', { replicas: 3, ordinals: { start: 5 } });
    const snap = snapshot({ statefulsets: [sts], pods: [5, 6, 7].map((n) => rawPod(`db-${n}`, { owner: ownerOf(sts, 'StatefulSet') })) });
    const found = KINDS[0]!.logPods(statefulSetViews(snap, T0)[0]!, snap, 'last');
    expect('pods' in found && found.pods.map((p) => [p.pod.name, p.label])).toEqual([
      ['db-5', '5'],
      ['db-6', '6'],
      ['db-7', '7'],
    ]);
  });
});

describe("a CronJob's runs", () => {
  const cj = rawCronJob('nightly');
  const owned = { ownerReferences: [{ apiVersion: 'batch/v1', ...ownerOf(cj, 'CronJob'), controller: true }] };
  const failed = { startTime: iso(T0 - 7200_000), conditions: [{ type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded' }] };
  const complete = (start: number) => ({ startTime: iso(start), completionTime: iso(start + 5000), succeeded: 1, conditions: [{ type: 'Complete', status: 'True' }] });

  it('the last run is the newest kept Job, the last failed run the newest that failed', () => {
    const jobs = [rawJob('nightly-1', {}, failed, owned), rawJob('nightly-2', {}, complete(T0 - 3600_000), owned), rawJob('nightly-3', {}, { startTime: iso(T0 - 60_000), active: 1 }, owned), rawJob('stranger', {}, failed)];
    const snap = snapshot({ cronjobs: [cj], jobs, pods: [rawPod('nightly-1-x', { owner: ownerOf(jobs[0]!, 'Job'), ...succeeded })] });
    const v = cronJobViews(snap, T0)[0]!;
    expect(chosenRun(v, 'last')?.name).toBe('nightly-3');
    expect(chosenRun(v, 'failed')?.name).toBe('nightly-1');
    const found = KINDS[2]!.logPods(v, snap, 'failed');
    expect(found).toMatchObject({ title: 'cronjob/nightly last failed run job/nightly-1' });
    expect('pods' in found && found.pods.map((p) => p.pod.name)).toEqual(['nightly-1-x']);
    expect(KINDS[2]!.logPods(v, snap, 'last')).toEqual({ problem: 'job/nightly-3 (the last run of cronjob/nightly) has no pods left' });
  });

  it('says why there is no such run', () => {
    const snap = snapshot({ cronjobs: [cj, rawCronJob('strict', { failedJobsHistoryLimit: 0 })], jobs: [rawJob('nightly-2', {}, complete(T0 - 3600_000), owned)] });
    const [v, strict] = cronJobViews(snap, T0);
    expect(chosenRun(v!, 'failed')).toBeNull();
    expect(noRunReason(v!, 'failed')).toBe('cronjob/nightly has no failed run kept');
    expect(noRunReason(strict!, 'failed')).toBe('cronjob/strict keeps no failed runs (failedJobsHistoryLimit 0)');
    expect(noRunReason(strict!, 'last')).toBe('cronjob/strict has no run kept');
  });
});

describe('refusals in words', () => {
  const refused = 'Get "https://127.0.0.1:10250/containerLogs/demo/pi-job-x/pi?follow=true": dial tcp 127.0.0.1:10250: connect: connection refused';
  const cases: [string, number, string, Partial<LogTarget>, string][] = [
    ['forbidden', 403, 'pods "web-0" is forbidden: User "system:serviceaccount:ns:viewer" cannot get resource "pods/log" in API group "" in the namespace "ns"', {}, 'forbidden: you may not read the logs of pod web-0 (get pods/log in namespace ns)'],
    ['gone', 404, 'pods "web-0" not found', {}, 'pod web-0 is gone'],
    ['no previous (kubelet)', 400, 'previous terminated container "main" in pod "web-0" not found', { previous: true }, 'no previous container log for container main of pod web-0: it has not been restarted'],
    ['no previous (KWOK)', 400, 'failed to tail 10000 lines of log file ".": read .: is a directory', { previous: true }, 'no previous container log for container main of pod web-0: it has not been restarted'],
    ['not started', 400, 'container "main" in pod "web-0" is waiting to start: ContainerCreating', {}, 'container main of pod web-0 has not started yet (ContainerCreating)'],
    ['no such container', 400, 'container nope is not valid for pod web-0', { container: 'nope' }, 'pod web-0 has no container nope'],
    ['kubelet refused', 500, refused, {}, "the kubelet on node node-1 refused the connection: no log can be read from that node"],
    ['kubelet timeout', 500, 'Get "https://10.0.0.1:10250/containerLogs/ns/web-0/main": dial tcp 10.0.0.1:10250: i/o timeout', {}, 'the kubelet on node node-1 did not answer in time'],
    ['kubelet other', 502, 'Get "https://10.0.0.1:10250/containerLogs/ns/web-0/main": remote error: tls: bad certificate', {}, 'the kubelet on node node-1 could not serve the log of container main of pod web-0: remote error: tls: bad certificate'],
  ];
  for (const [what, status, message, t, expected] of cases) {
    it(what, () => {
      const line = logProblem(status, message, target(t));
      expect(line).toBe(expected);
      expect(line).not.toMatch(/https?:|\n|\{/);
    });
  }
});
