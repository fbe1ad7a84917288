// The docs' key table is the bindings' own: a key added to the bindings (or a kind's actions)
// without `npm run docs:keys` fails here.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KINDS } from '../../../src/kinds/registry.js';
import { LIST, NAVIGATION, SESSION } from '../../../src/ui/bindings.js';
import { keyName } from '../../../src/ui/key-names.js';
import { keyTable, KEY_TABLE_BEGIN, KEY_TABLE_END } from '../../../src/ui/key-table.js';

const page = readFileSync(new URL('../../../docs/dashboard.md', import.meta.url), 'utf8');
const table = page.slice(page.indexOf(KEY_TABLE_BEGIN) + KEY_TABLE_BEGIN.length, page.indexOf(KEY_TABLE_END)).trim();

describe('the key table in docs/dashboard.md', () => {
  it('is the one made from the bindings (npm run docs:keys writes it)', () => {
    expect(table).toBe(keyTable());
  });

  it('names every key of every binding and action, with what it does', () => {
    const bindings = [...NAVIGATION, ...SESSION, ...LIST, ...KINDS.flatMap((k) => k.actions)];
    const rows = table.split('\n');
    for (const b of bindings) {
      const line = rows.find((r) => r.includes(b.help.replace(/\|/g, '\\|')));
      expect(line, `${b.id} has no row`).toBeDefined();
      for (const k of b.keys) expect(line, `${b.id}: key ${k}`).toContain(`\`${keyName(k)}\``);
    }
  });

  it('writes keys as a person types them', () => {
    expect(['S-g', 'C-u', 'enter', 'x'].map(keyName)).toEqual(['G', 'Ctrl-u', 'Enter', 'x']);
  });
});
