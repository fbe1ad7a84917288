// A log line as text: `[label] time text`, the same in `kstate logs`, the dashboard and a saved file.
// Not escaped: the CLI strips controls (present/text.ts), the dashboard escapes (ui/text.ts).

export interface LogLineParts {
  label: string | null;
  time: string | null;
  text: string;
}

export function logPrefix(l: LogLineParts, timestamps: boolean): string {
  return `${l.label !== null ? `[${l.label}] ` : ''}${timestamps && l.time ? `${l.time} ` : ''}`;
}

export function logLineText(l: LogLineParts, timestamps: boolean): string {
  return logPrefix(l, timestamps) + l.text;
}
