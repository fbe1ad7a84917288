import { describe, expect, it } from 'vitest';
import { ArgError, parseArgs } from '../../../src/cli/args.js';

describe('parseArgs', () => {
  it('reads kubectl-style flags in any position', () => {
    const a = parseArgs(['get', 'sts', '-n', 'demo', '-owide', '--context=kind', 'web']);
    expect(a).toMatchObject({ command: 'get', positional: ['sts', 'web'], namespace: 'demo', output: 'wide', context: 'kind' });
    expect(parseArgs(['-ndemo']).namespace).toBe('demo');
    expect(parseArgs(['get', 'cj', '-A']).allNamespaces).toBe(true);
    expect(parseArgs(['--read-only']).readOnly).toBe(true);
  });

  it('rejects unknown flags, missing values and -n with -A', () => {
    expect(() => parseArgs(['--frobnicate'])).toThrow(ArgError);
    expect(() => parseArgs(['get', '-n'])).toThrow('flag -n needs a value');
    expect(() => parseArgs(['-n', 'a', '-A'])).toThrow(/not both/);
    expect(() => parseArgs(['--yes=1'])).toThrow(/takes no value/);
  });

  it('reads the logs flags', () => {
    expect(parseArgs(['logs', 'cj/nightly', '--failed', '-f', '-c', 'main', '--timestamps', '--tail=20'])).toMatchObject({ command: 'logs', positional: ['cj/nightly'], failed: true, last: false, follow: true, container: 'main', timestamps: true, tail: '20', previous: false });
    expect(parseArgs(['logs', 'job/x', '-p', '--container=init']).previous).toBe(true);
    expect(() => parseArgs(['logs', 'job/x', '-c'])).toThrow('flag -c needs a value');
  });

  it('reads --to-revision for undo, --revision and --diff for history, and no other command', () => {
    expect(parseArgs(['undo', 'sts', 'web', '--to-revision', '2'])).toMatchObject({ command: 'undo', positional: ['sts', 'web'], toRevision: '2' });
    expect(parseArgs(['history', 'sts', 'web', '--diff', '1', '3'])).toMatchObject({ command: 'history', positional: ['sts', 'web', '3'], diff: '1' });
    expect(parseArgs(['history', 'sts', 'web', '--revision=2']).revision).toBe('2');
    expect(() => parseArgs(['scale', 'sts', 'web', '1', '--to-revision', '2'])).toThrow('--to-revision goes with kstate undo');
    expect(() => parseArgs(['undo', 'sts', 'web', '--diff', '1'])).toThrow('--revision and --diff go with kstate history');
  });

  it('reads --all for the bulk actions only', () => {
    expect(parseArgs(['suspend', 'cj', '--all', '-n', 'x'])).toMatchObject({ command: 'suspend', positional: ['cj'], all: true });
    expect(parseArgs(['trigger', 'cj', '-l', 'team=payments']).all).toBe(false);
    expect(() => parseArgs(['get', 'cj', '--all'])).toThrow('--all goes with suspend, resume, trigger, rerun or set zone');
    expect(parseArgs(['set', 'zone', 'cj', '--all', 'Europe/Berlin']).command).toBe('set zone');
  });

  it('takes several contexts for the dashboard and the read commands only', () => {
    expect(parseArgs(['--all-contexts', '-n', 'demo'])).toMatchObject({ command: null, allContexts: true });
    expect(parseArgs(['--context', 'a,b'])).toMatchObject({ command: null, context: 'a,b' });
    expect(parseArgs(['get', 'sts', '--context', 'a,b']).context).toBe('a,b');
    expect(() => parseArgs(['scale', 'sts', 'db', '3', '--context', 'a,b'])).toThrow('several contexts (--context a,b or --all-contexts) go with the dashboard, get, describe, check, watch, suspend, resume, trigger, restart, rerun');
    expect(parseArgs(['suspend', 'cj', 'nightly', '--all-contexts']).command).toBe('suspend');
    expect(() => parseArgs(['logs', 'sts/db', '--all-contexts'])).toThrow(/go with the dashboard/);
  });
});
