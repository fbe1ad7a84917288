import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { jobFromCronJob, manualJobName, partitionPatch, rerunJob, rerunName, restartPatch, scaleBody, suspendPatch } from '../../../src/model/patches.js';
import { renamedTrigger, triggerRequest } from '../../../src/model/requests.js';

describe('request bodies', () => {
  it('scales through the scale subresource with the resourceVersion of the preview', () => {
    expect(scaleBody('ns', 'web', 3, '42')).toEqual({ apiVersion: 'autoscaling/v1', kind: 'Scale', metadata: { name: 'web', namespace: 'ns', resourceVersion: '42' }, spec: { replicas: 3 } });
    expect(() => scaleBody('ns', 'web', -1, '1')).toThrow(RangeError);
  });

  it('sends explicit targets', () => {
    expect(suspendPatch(true)).toEqual({ spec: { suspend: true } });
    expect(suspendPatch(false)).toEqual({ spec: { suspend: false } });
    expect(partitionPatch(2, '7')).toEqual({ metadata: { resourceVersion: '7' }, spec: { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 2 } } } });
    expect(restartPatch(Date.UTC(2026, 10, 22, 23, 0))).toEqual({ spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': '2026-11-22T23:00:00.000Z' } } } } });
  });

  it('builds the Job kubectl create job --from=cronjob makes', () => {
    const cj = {
      metadata: { name: 'backup', namespace: 'ns', uid: 'u1' },
      spec: { jobTemplate: { metadata: { labels: { app: 'b' }, annotations: { team: 'db' } }, spec: { backoffLimit: 2, template: { spec: { containers: [{ name: 'c' }] } } } } },
    };
    const job = jobFromCronJob(cj, 'backup-manual-x') as any;
    expect(job.metadata).toEqual({
      name: 'backup-manual-x',
      namespace: 'ns',
      annotations: { 'cronjob.kubernetes.io/instantiate': 'manual', team: 'db' },
      labels: { app: 'b' },
      ownerReferences: [{ apiVersion: 'batch/v1', kind: 'CronJob', name: 'backup', uid: 'u1', controller: true }],
    });
    expect(job.metadata.ownerReferences[0]).not.toHaveProperty('blockOwnerDeletion');
    expect(job.spec).toEqual(cj.spec.jobTemplate.spec);
    expect(job.spec).not.toBe(cj.spec.jobTemplate.spec);
  });

  it('names manual runs uniquely within 63 characters', () => {
    const long = 'x'.repeat(80);
    expect(manualJobName(long, Date.UTC(2026, 0, 1)).length).toBeLessThanOrEqual(63);
    expect(manualJobName('backup', 1_000_000)).not.toBe(manualJobName('backup', 2_000_000));
    expect(manualJobName('backup', 1_000_000)).toMatch(/^backup-manual-[0-9a-z]+$/);
  });
});

describe('a trigger renamed after its Job name was taken', () => {
  it('adds the suffix within 63 characters and says the new name', () => {
    const req = triggerRequest('ns', 'backup', 1_000_000);
    const renamed = renamedTrigger(req, 'a1b2c3');
    const name = (renamed.body as { metadata: { name: string } }).metadata.name;
    expect(name).toBe(`${(req.body as { metadata: { name: string } }).metadata.name}-a1b2c3`);
    expect(renamed.summary).toBe(`create job ${name} from cronjob backup`);
    expect(renamed.fromCronJob).toBe('backup');
    const long = renamedTrigger(triggerRequest('ns', 'x'.repeat(70), 1_000_000), 'a1b2c3');
    expect((long.body as { metadata: { name: string } }).metadata.name).toMatch(/^x+-manual-[0-9a-z]+-a1b2c3$/);
    expect((long.body as { metadata: { name: string } }).metadata.name.length).toBeLessThanOrEqual(63);
  });
});

describe('rerunJob (fixtures: Jobs as the local API server returned them)', () => {
  const load = (name: string) => JSON.parse(readFileSync(new URL(`../../fixtures/api/${name}.json`, import.meta.url), 'utf8'));

  it('copies the spec without the selector and labels the controller made, so the API server makes new ones', () => {
    const job = load('job-complete');
    expect(job.spec.selector.matchLabels['batch.kubernetes.io/controller-uid']).toBe(job.metadata.uid);
    const body = rerunJob(job, 'pi-job-rerun-1') as any;
    expect(body.metadata).toEqual({ name: 'pi-job-rerun-1', namespace: 'demo', annotations: { 'kstate.dev/rerun-of': 'pi-job' } });
    expect(body.spec.selector).toBeUndefined();
    expect(body.spec.template.metadata.labels).toEqual({});
    expect(body.spec.template.spec).toEqual(job.spec.template.spec);
    expect(JSON.stringify(body)).not.toContain(job.metadata.uid);
  });

  it('keeps the CronJob that owns a run, so the re-run counts among its runs', () => {
    const job = load('job-of-cronjob');
    const body = rerunJob(job, 'x-rerun-1') as any;
    expect(body.metadata.ownerReferences).toEqual(job.metadata.ownerReferences);
    expect(body.metadata.ownerReferences[0]).toMatchObject({ kind: 'CronJob', controller: true });
  });

  it('names a re-run one above the highest there is, within 63 characters', () => {
    expect(rerunName('pi-job', ['pi-job', 'other-rerun-7'])).toBe('pi-job-rerun-1');
    expect(rerunName('pi-job', ['pi-job-rerun-1', 'pi-job-rerun-3'])).toBe('pi-job-rerun-4');
    expect(rerunName('pi-job-rerun-4', ['pi-job-rerun-4'])).toBe('pi-job-rerun-5');
    expect(rerunName('a'.repeat(63), [])).toBe(`${'a'.repeat(55)}-rerun-1`);
  });
});
