// Every failure becomes one line (no stack trace, no credentials) and an exit code.
import { UsageError } from '../kube/errors.js';
import { AlreadyExistsError, ConflictError, ForbiddenError, ReadOnlyError, RefusedError } from '../kube/actions.js';
import { ApiError, ConnectionError, UNAUTHORIZED } from '../kube/http.js';
import { stripControls } from '../present/text.js';
import { ArgError } from './args.js';

export class NotFoundError extends Error {}

export function oneLine(err: unknown): string {
  let text: string;
  if (err instanceof ApiError) {
    text = err.status === 403 ? `forbidden: ${err.message}` : err.status === 401 ? UNAUTHORIZED : `${err.reason}: ${err.message}`;
  } else if (err instanceof Error) {
    const known = err instanceof UsageError || err instanceof ArgError || err instanceof ConnectionError || err instanceof NotFoundError || err instanceof RangeError || err instanceof ReadOnlyError || err instanceof ForbiddenError || err instanceof ConflictError || err instanceof AlreadyExistsError || err instanceof RefusedError;
    text = known ? err.message : `internal error: ${err.message}`;
  } else {
    text = String(err);
  }
  return stripControls(text.split('\n')[0] ?? '').slice(0, 1000);
}

export function exitCodeOf(err: unknown): number {
  if (err instanceof UsageError) return err.exitCode;
  return 2;
}
