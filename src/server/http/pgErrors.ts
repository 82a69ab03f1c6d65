// PostgreSQL errors that a request's input can cause, as the 4xx they are (the same on PGlite). Whole classes are
// mapped: 22 (data exception: bad text, number out of range, string too long, invalid date…) is the caller's
// mistake (400), 23 (integrity: a duplicate, a missing reference, a check) a conflict with what is stored, 54 (a
// value too large for an index) a 413-like refusal given as 400. Anything else stays a 500 and is logged.
import { AppError } from '../../shared/errors.ts';

export function pgErrorToApp(error: { code?: unknown; message?: unknown }): AppError | null {
  const code = typeof error.code === 'string' ? error.code : '';
  if (!/^[0-9A-Z]{5}$/.test(code)) return null;
  const detail = typeof error.message === 'string' ? error.message.slice(0, 200) : '';
  if (code === '23503') return new AppError('not_found', 'A referenced record does not exist');
  if (code === '23505') return new AppError('conflict', 'This record already exists');
  if (code === '23502' || code === '23514') return new AppError('bad_request', `Invalid value: ${detail}`);
  if (code.startsWith('23')) return new AppError('conflict', `Refused by the database: ${detail}`);
  if (code.startsWith('22') || code === '54000') return new AppError('bad_request', `Invalid value: ${detail}`);
  return null;
}
