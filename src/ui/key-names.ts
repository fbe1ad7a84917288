// Key names for people, for the help overlay and the docs' key table.

const NAMES: Record<string, string> = { enter: 'Enter', escape: 'Esc', space: 'Space', pageup: 'PgUp', pagedown: 'PgDn', home: 'Home', end: 'End', up: '↑', down: '↓', left: '←', right: '→', tab: 'Tab' };

/** blessed's key names as a person types them: `S-g` is `G`, `C-u` is `Ctrl-u`. */
export function keyName(key: string): string {
  if (key.startsWith('S-') && key.length === 3) return key.slice(2).toUpperCase();
  if (key.startsWith('C-')) return `Ctrl-${key.slice(2)}`;
  return NAMES[key] ?? key;
}
