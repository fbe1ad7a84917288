// The docs' key table (docs/dashboard.md), made from the bindings and the kinds' actions so it
// cannot drift from what the dashboard does; test/unit/docs/keys.test.ts checks the page holds it.
import { KINDS } from '../kinds/registry.js';
import { LIST, NAVIGATION, SESSION, type GlobalBinding } from './bindings.js';
import { keyName } from './key-names.js';

const cellText = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const keys = (ks: readonly string[]) => ks.map((k) => `\`${keyName(k).replace(/`/g, '')}\``).join(' ');
const row = (where: string, b: Pick<GlobalBinding, 'keys' | 'label' | 'help'>) => `| ${keys(b.keys)} | ${where} | ${cellText(b.label)} | ${cellText(b.help)} |`;

export const KEY_TABLE_BEGIN = '<!-- keys:begin -->';
export const KEY_TABLE_END = '<!-- keys:end -->';

/** Every dashboard key, as a Markdown table: the global keys, then each kind's actions. */
export function keyTable(): string {
  return [
    '| key | where | what | does |',
    '|---|---|---|---|',
    ...[...NAVIGATION, ...SESSION, ...LIST].map((b) => row('every view', b)),
    ...KINDS.flatMap((k) => k.actions.map((a) => row(k.title, a))),
  ].join('\n');
}

/** `page` with the table between its markers replaced by the current one. */
export function withKeyTable(page: string): string {
  const begin = page.indexOf(KEY_TABLE_BEGIN);
  const end = page.indexOf(KEY_TABLE_END);
  if (begin < 0 || end < begin) throw new Error(`the page has no ${KEY_TABLE_BEGIN} … ${KEY_TABLE_END} markers`);
  return `${page.slice(0, begin + KEY_TABLE_BEGIN.length)}\n${keyTable()}\n${page.slice(end)}`;
}
