// Completion candidates (pure, a fake cluster) and each subcommand's help.
import { describe, expect, it } from 'vitest';
import { candidates, SUBCOMMANDS, type CompletionSource } from '../../../src/cli/complete.js';
import { subcommandHelp, USAGES } from '../../../src/cli/usage.js';

const asked: string[] = [];
const source: CompletionSource = {
  names: async (view) => (asked.push(view), view === 'cronjobs' ? ['nightly', 'hourly'] : ['db', 'web']),
  namespaces: async () => ['default', 'demo'],
};

describe('completion candidates', () => {
  it('completes subcommands, kinds, object names, flags and their values', async () => {
    expect(await candidates(['su'], source)).toEqual(['suspend']);
    expect(await candidates(['get', ''], source)).toEqual(['sts', 'job', 'cj']);
    expect(await candidates(['suspend', 'cj', 'n'], source)).toEqual(['nightly']);
    expect(await candidates(['logs', 'cj/h'], source)).toEqual(['cj/hourly']);
    expect(await candidates(['get', '--all-n'], source)).toEqual(['--all-namespaces']);
    expect(await candidates(['set', ''], source)).toEqual(['schedule', 'zone']);
    expect(await candidates(['force-delete-pod', ''], source)).toEqual(['sts', 'job', 'cj']);
    expect(await candidates(['-n', 'de'], source)).toEqual(['default', 'demo']);
    expect(await candidates(['get', '-o', 'w'], source)).toEqual(['wide']);
    expect(await candidates(['completion', ''], source)).toEqual(['bash', 'zsh', 'fish']);
  });

  it('skips flags and their values when finding the subcommand and kind', async () => {
    expect(await candidates(['-n', 'demo', 'scale', '--yes', 'sts', ''], source)).toEqual(['db', 'web']);
  });

  it('asks the cluster only where a name is wanted', async () => {
    asked.length = 0;
    await candidates(['scale', 'sts', 'db', ''], source);
    await candidates(['check', ''], source);
    expect(asked).toEqual([]);
  });
});

describe('subcommand help', () => {
  it('gives every subcommand a usage line, flags and one example', () => {
    for (const c of Object.keys(USAGES)) {
      const text = subcommandHelp(c)!;
      expect(text).toMatch(new RegExp(`^Usage: kstate ${c}`));
      expect(text).toContain('\nFlags:\n');
      expect(text).toMatch(/\nExample:\n {2}(source <\()?kstate /);
    }
    expect(subcommandHelp('scale')).toContain('--dry-run');
    expect(subcommandHelp('nope')).toBeNull();
  });

  it('offers every subcommand to complete', () => {
    expect(SUBCOMMANDS).toEqual(expect.arrayContaining(['get', 'describe', 'logs', 'set', 'delete-claim', 'completion']));
  });
});
