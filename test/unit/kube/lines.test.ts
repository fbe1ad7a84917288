// ByteLineSplitter: a log's bytes cut into lines and nothing else (kstate logs into a pipe).
import { describe, expect, it } from 'vitest';
import { ByteLineSplitter } from '../../../src/kube/lines.js';

function split(chunks: (string | Buffer)[], pieceBytes?: number): [string, boolean, string | null][] {
  const out: [string, boolean, string | null][] = [];
  const s = new ByteLineSplitter((b, first, end) => out.push([b.toString('latin1'), first, end]), pieceBytes);
  for (const c of chunks) s.push(Buffer.isBuffer(c) ? c : Buffer.from(c, 'latin1'));
  s.end();
  return out;
}

describe('ByteLineSplitter', () => {
  it('keeps every byte: tabs, CR, bytes that are not UTF-8, empty lines, lines split across chunks', () => {
    expect(split(['a\tb\r\n\n', Buffer.from([0xe9, 0x0a]), 'par', 'tial\n'])).toEqual([
      ['a\tb\r', true, 'newline'],
      ['', true, 'newline'],
      ['\xe9', true, 'newline'],
      ['partial', true, 'newline'],
    ]);
  });

  it('says when the last line has no newline, and says nothing more after a final newline', () => {
    expect(split(['one\ntwo'])).toEqual([['one', true, 'newline'], ['two', true, 'eof']]);
    expect(split(['one\n'])).toEqual([['one', true, 'newline']]);
  });

  it('hands a long line over in pieces, the first marked, none cut', () => {
    const out = split(['x'.repeat(10), 'y'.repeat(10), 'z\nend\n'], 8);
    expect(out).toEqual([
      ['x'.repeat(10), true, null],
      ['y'.repeat(10), false, null],
      ['z', false, 'newline'],
      ['end', true, 'newline'],
    ]);
    expect(out.slice(0, 3).map((p) => p[0]).join('')).toBe(`${'x'.repeat(10)}${'y'.repeat(10)}z`);
  });
});
