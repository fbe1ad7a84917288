// Node records from the local cluster: two heartbeats of one KWOK node (only the heartbeat and
// transition times differ), and a node that stopped reporting.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sameNodeReadiness, slimmers } from '../../../src/kube/slim.js';

const load = (f: string) => slimmers.nodes(JSON.parse(fs.readFileSync(new URL(`../../fixtures/api/${f}.json`, import.meta.url), 'utf8')));

describe('sameNodeReadiness', () => {
  const beat1 = load('nodes/kwok-heartbeat-1');
  const beat2 = load('nodes/kwok-heartbeat-2');

  it('takes a heartbeat of a ready node as no change', () => {
    expect(beat1.resourceVersion).not.toBe(beat2.resourceVersion);
    expect(sameNodeReadiness(beat1, beat2)).toBe(true);
  });

  it('sees a node that went NotReady, and a new transition of a node that is not ready', () => {
    const unknown = load('stuck/node-unknown');
    const renamed = { ...unknown, name: beat1.name };
    expect(sameNodeReadiness(beat1, renamed)).toBe(false);
    expect(sameNodeReadiness(renamed, { ...renamed, readySince: renamed.readySince! + 60_000 })).toBe(false);
    expect(sameNodeReadiness(renamed, { ...renamed })).toBe(true);
  });

  it('holds nothing yet: a change', () => {
    expect(sameNodeReadiness(undefined, beat1)).toBe(false);
  });
});
