import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { connect, UsageError } from '../../../src/kube/config.js';

const fx = (name: string) => path.resolve('test/fixtures/kubeconfigs', name);

describe('connect (kubeconfig as kubectl reads it)', () => {
  it('uses the current context and its namespace', () => {
    const c = connect({ kubeconfig: fx('good.yaml'), env: {} });
    expect(c).toMatchObject({ context: 'local', cluster: 'local', server: 'https://127.0.0.1:1', namespace: 'team-a' });
  });

  it('honours --context, -n and -A', () => {
    expect(connect({ kubeconfig: fx('good.yaml'), context: 'other', env: {} }).namespace).toBe('default');
    expect(connect({ kubeconfig: fx('good.yaml'), namespace: 'x', env: {} }).namespace).toBe('x');
    expect(connect({ kubeconfig: fx('good.yaml'), allNamespaces: true, env: {} }).namespace).toBeNull();
  });

  it('merges KUBECONFIG files with the first definition of a name winning', () => {
    const c = connect({ env: { KUBECONFIG: [fx('good.yaml'), fx('second.yaml')].join(path.delimiter) } });
    expect(c.context).toBe('local');
    expect(c.server).toBe('https://127.0.0.1:1');
    const second = connect({ env: { KUBECONFIG: [fx('good.yaml'), fx('second.yaml')].join(path.delimiter) }, context: 'second' });
    expect(second).toMatchObject({ server: 'https://127.0.0.1:2', namespace: 'from-second' });
    expect(connect({ env: { KUBECONFIG: [fx('second.yaml'), fx('good.yaml')].join(path.delimiter) } }).context).toBe('second');
  });

  it.each([
    ['missing.yaml', /^kubeconfig not found: .*missing\.yaml$/],
    ['empty.yaml', /^kubeconfig is empty: /],
    ['not-yaml.yaml', /^kubeconfig .*not-yaml\.yaml is not valid: /],
    ['missing-cluster.yaml', /^context "broken" names cluster "nowhere", which is not defined in /],
    ['no-context.yaml', /^no current context in .*: pass --context$/],
  ])('fails with one clear line for %s', (file, message) => {
    let err: unknown;
    try {
      connect({ kubeconfig: fx(file), env: {} });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UsageError);
    expect((err as Error).message).toMatch(message);
    expect((err as Error).message).not.toContain('\n');
  });

  it('names an unknown context', () => {
    expect(() => connect({ kubeconfig: fx('good.yaml'), context: 'nope', env: {} })).toThrow(/^context "nope" not found in /);
  });

  it('says so when there is no kubeconfig at all', () => {
    expect(() => connect({ env: { HOME: '/nonexistent' } })).toThrow('no kubeconfig found: pass --kubeconfig, set KUBECONFIG, or create ~/.kube/config');
    expect(() => connect({ env: { KUBECONFIG: '/nonexistent/a:/nonexistent/b' } })).toThrow(/names no existing file/);
  });
});
