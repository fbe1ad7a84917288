// Container logs over the project's own HTTP path (http.ts), so a refusal is an ApiError turned
// into one line in words (model/logs.ts logProblem) — never a URL, a body or headers. Several
// targets stream at once; their lines arrive in one callback, in arrival order, with their label.
import type { Endpoint } from './endpoint.js';
import { logPath, logProblem, type LogLine, type LogStreams, type LogTarget } from '../model/logs.js';
import { ApiError, ConnectionError, streamBytes, UNAUTHORIZED } from './http.js';
import { ByteLineSplitter, LineSplitter } from './lines.js';

export type { LogLine, LogStreams } from '../model/logs.js';

export interface StreamOptions {
  /** The last lines of each log (the dashboard: what its buffer holds); all when unset. */
  tailLines?: number;
  /** Lines as bytes, whole and untouched (LogLine.bytes), instead of decoded text cut at 16 KiB. */
  bytes?: boolean;
}

const STAMP = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)) /;

const STAMP_BYTES = 64;

/** The timestamp the kubelet puts before a line (requests always ask for it) and the bytes after it. */
function splitTimestampBytes(bytes: Buffer): { time: string | null; bytes: Buffer } {
  const m = STAMP.exec(bytes.subarray(0, STAMP_BYTES).toString('latin1'));
  return m ? { time: m[1]!, bytes: bytes.subarray(m[0].length) } : { time: null, bytes };
}

/** "2026-01-01T00:00:00.1Z text" → its time and text (requests always ask for timestamps). */
export function splitTimestamp(line: string): { time: string | null; text: string } {
  const m = STAMP.exec(line);
  return m ? { time: m[1]!, text: line.slice(m[0].length) } : { time: null, text: line };
}

/** One line for a failed log request. */
export function problemOf(err: unknown, t: LogTarget): string {
  if (err instanceof ApiError) return err.status === 401 ? UNAUTHORIZED : logProblem(err.status, err.message, t);
  if (err instanceof ConnectionError) return err.message;
  return `cannot read the log of container ${t.container} of pod ${t.pod}: ${err instanceof Error ? err.message : String(err)}`;
}

/**
 * Streams each target's log; `onEnd` once every stream has ended (never while one follows).
 * A failed stream reports one error line with its label; the others go on.
 */
export function streamLogs(endpoint: Endpoint, targets: readonly LogTarget[], o: StreamOptions, onLine: (line: LogLine) => void, onEnd: () => void): LogStreams {
  let open = targets.length;
  const finished = () => {
    if (--open === 0) onEnd();
  };
  const streams = targets.map((t) => {
    const abort = new AbortController();
    let done = false;
    const end = (error?: string) => {
      if (done) return;
      done = true;
      if (error) onLine({ label: t.label, time: null, text: error, error: true });
      finished();
    };
    const splitter = o.bytes
      ? new ByteLineSplitter((raw, first, ending) => {
          if (done) return;
          const { time, bytes } = first ? splitTimestampBytes(raw) : { time: null, bytes: raw };
          onLine({ label: t.label, time, text: '', error: false, bytes, continued: !first, newline: ending === 'newline' });
        })
      : new LineSplitter((raw) => {
          if (!done) onLine({ label: t.label, ...splitTimestamp(raw), error: false });
        });
    // A whole-log read that stalls is abandoned after a minute; a follow may be quiet for hours.
    streamBytes(endpoint, logPath(t, o.tailLines), (chunk) => splitter.push(chunk), abort.signal, t.follow ? undefined : 60_000).then(
      () => {
        splitter.end();
        end();
      },
      (err: unknown) => end(problemOf(err, t)),
    );
    return {
      t,
      stop: (why?: string) => {
        abort.abort();
        end(why);
      },
      /** Closed by its reader: nothing more is reported, not even the end. */
      close: () => {
        done = true;
        abort.abort();
      },
    };
  });
  if (targets.length === 0) queueMicrotask(onEnd);
  return {
    stop: () => streams.forEach((s) => s.close()),
    stopPod: (uid, why) => streams.filter((s) => s.t.podUid === uid).forEach((s) => s.stop(why)),
  };
}
