import { describe, expect, it } from 'vitest';
import { stripControls } from '../../../src/present/text.js';
import { parseSelector } from '../../../src/model/selector.js';
import { age, relative, shortDuration } from '../../../src/present/time.js';

describe('stripControls', () => {
  it('removes CSI, OSC and C1 sequences, bidi overrides and NUL', () => {
    const hostile = 'a\u001b[2J\u001b[31mb\u001b]0;pwned\u0007c\u001b]8;;http://x\u001b\\d\u009b31me\u202ef\u0000g\u2066h';
    const out = stripControls(hostile);
    expect(out).toBe('abcdefgh');
    expect(out).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
  });

  it('turns newlines and tabs into spaces unless asked to keep lines', () => {
    expect(stripControls('a\nb\tc\r\nd')).toBe('a b c d');
    expect(stripControls('a\r\nb\tc', true)).toBe('a\nb  c');
  });

  it('keeps wide and accented characters', () => {
    expect(stripControls('データ-é-🚀')).toBe('データ-é-🚀');
  });
});

describe('parseSelector', () => {
  it('matches equality, inequality and existence', () => {
    const s = parseSelector('app=web,tier!=cache,team,!legacy');
    expect(s({ app: 'web', team: 'a' })).toBe(true);
    expect(s({ app: 'web', team: 'a', tier: 'cache' })).toBe(false);
    expect(s({ app: 'web' })).toBe(false);
    expect(s({ app: 'web', team: 'a', legacy: 'y' })).toBe(false);
    expect(parseSelector('app==web')({ app: 'web' })).toBe(true);
    expect(() => parseSelector('a=b,!=c')).toThrow(/invalid label selector/);
  });
});

describe('durations', () => {
  it('prints like kubectl', () => {
    expect(shortDuration(41_000)).toBe('41s');
    expect(shortDuration(150_000)).toBe('2m30s');
    expect(shortDuration(3 * 3600_000 + 5 * 60_000)).toBe('3h5m');
    expect(shortDuration(3 * 86_400_000)).toBe('3d');
    expect(shortDuration(null)).toBe('-');
    expect(age(1000, 61_000).text).toBe('60s');
    expect(relative(90_000, 0).text).toBe('in 90s');
    expect(relative(0, 300_000).text).toBe('5m ago');
  });
});
