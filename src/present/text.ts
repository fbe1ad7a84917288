// Cluster text is untrusted. This removes what a terminal would interpret: C0/C1 controls, ESC
// sequences (CSI, OSC, DCS…), and bidi overrides/isolates that reorder what the operator reads.
// The dashboard adds blessed-tag escaping on top (ui/text.ts); CLI output uses this alone.

// ESC-introduced sequences: CSI (ESC [ … final), OSC/DCS/PM/APC/SOS (ESC ] … BEL or ST), two-char escapes.
const ESC_SEQUENCE = /\u001b(?:\[[0-?]*[ -/]*[@-~]?|[\]PX^_][^\u0007\u001b]*(?:\u0007|\u001b\\)?|[ -/]*[0-~]?)/g;
// 8-bit CSI/OSC/DCS… introduced by a C1 character, up to their terminator.
const C1_SEQUENCE = /[\u009b][0-?]*[ -/]*[@-~]?|[\u009d\u0090\u0098\u009e\u009f][^\u0007\u009c]*[\u0007\u009c]?/g;
// Remaining controls except tab and newline (handled by the caller), plus DEL.
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
// Bidi embeddings, overrides and isolates; also zero-width marks that reorder (LRM/RLM/ALM).
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

// Printable ASCII holds none of them: most cluster text, passed through as it is.
const PRINTABLE = /^[ -~]*$/;

/** Strips terminal control sequences and bidi controls; newlines and tabs become spaces unless kept. */
export function stripControls(text: string, keepNewlines = false): string {
  if (PRINTABLE.test(text)) return text;
  let out = text.replace(ESC_SEQUENCE, '').replace(C1_SEQUENCE, '').replace(BIDI, '');
  out = keepNewlines ? out.replace(/\r\n?/g, '\n').replace(/\t/g, '  ') : out.replace(/[\t\r\n]+/g, ' ');
  return out.replace(CONTROLS, (c) => (keepNewlines && c === '\n' ? c : ''));
}
