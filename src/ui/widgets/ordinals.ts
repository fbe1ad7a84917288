// The ordinal strip: a tile per ordinal coloured by its pod's state, the ordinal that blocks marked,
// the partition drawn as a boundary, its claims under it, retained claims dimmed after the last
// tile. Past a few rows of tiles it condenses to one cell per ordinal. Every colour has a symbol
// twin, so the picture reads the same without colour (NO_COLOR strips the colour tags in app.ts).
import { HEALTH, type Health, type Tone } from '../../kinds/cells.js';
import type { OrdinalTile } from '../../kinds/sections.js';
import { fit, lit, packed, safe, toned, type Safe } from '../text.js';

const TILE_BG: Record<Health, string | null> = { ok: 'green', progress: 'yellow', bad: 'red', gone: null, none: null };
const CLAIM: Record<string, { symbol: string; tone: Tone }> = {
  Bound: { symbol: '■', tone: 'ok' },
  Pending: { symbol: '□', tone: 'warn' },
  Lost: { symbol: '✗', tone: 'bad' },
  Missing: { symbol: '·', tone: 'muted' },
};
const claimMark = (phase: string) => CLAIM[phase] ?? { symbol: '?', tone: 'warn' as Tone };
const MAX_TILE_ROWS = 4;

function tileFace(t: OrdinalTile, width: number): Safe {
  const text = fit(`${t.blocked ? '▶' : ' '}${HEALTH[t.health].symbol}${t.ordinal}${t.old ? '↺' : ''}`, width);
  const bg = TILE_BG[t.health];
  if (t.retained || !bg) return toned(safe(text), t.blocked ? 'bad' : 'muted');
  const fg = t.health === 'bad' ? 'white' : 'black';
  return lit(`{${bg}-bg}{${fg}-fg}${t.blocked ? '{bold}' : ''}${safe(text)}${t.blocked ? '{/bold}' : ''}{/${fg}-fg}{/${bg}-bg}`);
}

function claimsRow(t: OrdinalTile, width: number): Safe {
  const marks = t.claims.map((p) => claimMark(p));
  const pad = Math.max(0, width - marks.length);
  const body = marks.map((m) => toned(lit(m.symbol), t.retained ? 'muted' : m.tone)).join('');
  return lit(`${' '.repeat(Math.floor(pad / 2))}${body}${' '.repeat(Math.ceil(pad / 2))}`);
}

const boundary = (): Safe => toned(lit('┃'), 'accent');

function legend(hasClaims: boolean, partition: number | null, width: number): Safe[] {
  const items: [string, Tone][] = [['● ready', 'ok'], ['◐ starting', 'warn'], ['✗ failing', 'bad'], ['· missing', 'muted'], ['⊘ retained', 'muted'], ['↺ old revision', 'warn'], ['▶ waited on', 'bad']];
  if (hasClaims) items.push(['■ Bound', 'ok'], ['□ Pending', 'warn'], ['✗ Lost', 'bad']);
  if (partition !== null) items.push([`┃ partition: ${partition} and up take the update`, 'accent']);
  return packed(items.map(([text, tone]) => ({ text, safe: toned(safe(text), tone) })), width);
}

/** Tiles in rows that fit `width`, claims under each; or, when too many, one cell per ordinal. */
export function ordinalStrip(tiles: readonly OrdinalTile[], partition: number | null, width: number): Safe[] {
  if (tiles.length === 0) return [toned(safe('no ordinals'), 'muted')];
  const hasClaims = tiles.some((t) => t.claims.length > 0);
  const digits = Math.max(...tiles.map((t) => String(t.ordinal).length));
  const tileWidth = Math.max(digits + 4, tiles[0]!.claims.length + 2);
  const perRow = Math.max(1, Math.floor((width + 1) / (tileWidth + 2)));
  const rows: Safe[] = [];
  if (Math.ceil(tiles.length / perRow) <= MAX_TILE_ROWS) {
    for (let i = 0; i < tiles.length; i += perRow) {
      const chunk = tiles.slice(i, i + perRow);
      const gap = (t: OrdinalTile) => (t.ordinal === partition && !t.retained ? boundary() : lit(' '));
      rows.push(lit(chunk.map((t) => `${gap(t)}${tileFace(t, tileWidth)}`).join(' ')));
      if (hasClaims) rows.push(lit(chunk.map((t) => ` ${claimsRow(t, tileWidth)}`).join(' ')));
      if (chunk.some((t) => t.age)) rows.push(lit(chunk.map((t) => ` ${toned(safe(fit(t.age ?? '', tileWidth)), 'muted')}`).join(' ')));
    }
  } else {
    // Condensed: "<first ordinal> " then one symbol per ordinal.
    const perLine = Math.max(10, width - digits - 2);
    for (let i = 0; i < tiles.length; i += perLine) {
      const chunk = tiles.slice(i, i + perLine);
      const cells = chunk.map((t) => {
        const mark = lit(t.blocked ? '▶' : HEALTH[t.health].symbol);
        const cell = toned(mark, t.blocked ? 'bad' : HEALTH[t.health].tone);
        return t.ordinal === partition ? lit(`${boundary()}${cell}`) : cell;
      });
      rows.push(lit(`${toned(safe(String(chunk[0]!.ordinal).padStart(digits)), 'muted')} ${cells.join('')}`));
    }
  }
  rows.push(...legend(hasClaims, partition, width));
  return rows;
}
